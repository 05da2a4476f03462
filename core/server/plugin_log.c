/* The server's log line for a plugin callback that crashed or hung. */
#include "plugin_log.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "callback.h"
#include "util.h"

/* The language of the log: the server's, not the request's account's. */
static enum language log_language;

/* The name of a signal a crashing plugin may end with, or NULL. */
static const char *signal_name(int signo)
{
	switch (signo) {
	case SIGSEGV: return "SIGSEGV";
	case SIGBUS: return "SIGBUS";
	case SIGFPE: return "SIGFPE";
	case SIGILL: return "SIGILL";
	case SIGABRT: return "SIGABRT";
	case SIGTRAP: return "SIGTRAP";
	case SIGSYS: return "SIGSYS";
	case SIGKILL: return "SIGKILL";
	default: return NULL;
	}
}

static char *crash_line(const char *programme, const char *callback, int signo)
{
	const char *name = signal_name(signo);
	char number[16];

	if (!signo)
		return xstrfmt(msg_in(log_language, MSG_SERVE_PLUGIN_NO_RESULT),
			       programme, callback);
	snprintf(number, sizeof(number), "%d", signo);
	return xstrfmt(msg_in(log_language, MSG_SERVE_PLUGIN_CRASHED),
		       programme, callback, name ? name : number);
}

/* One line, written at once: other threads log too. */
static void log_failure(const char *programme, const char *callback,
			enum contain_status status, int signo)
{
	char *line;

	if (status == CONTAIN_TIMED_OUT)
		line = xstrfmt(msg_in(log_language, MSG_SERVE_PLUGIN_TIMED_OUT),
			       programme, callback);
	else if (status == CONTAIN_NOT_RUN)
		line = xstrfmt(msg_in(log_language, MSG_SERVE_PLUGIN_NOT_RUN),
			       programme, callback);
	else
		line = crash_line(programme, callback, signo);
	fprintf(stderr, "intake: %s\n", line);
	free(line);
}

void plugin_log_start(enum language language)
{
	log_language = language;
	callback_on_failure(log_failure);
}
