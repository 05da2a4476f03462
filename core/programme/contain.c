/* A plugin callback run in a child process, its result sent over a pipe. */
#include "contain.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "application.h"
#include "form.h"
#include "host.h"
#include "util.h"

/* The most a child may send; more is taken for a broken child. */
#define REPLY_MAX ((uint32_t)16 << 20)
/* The length written for a NULL text. */
#define NO_TEXT UINT32_MAX

/* pipe, fork and the parent's close of the write end happen under this
 * lock, so that no other contained child inherits a write end and keeps
 * a pipe open past the death of the child it belongs to. */
static pthread_mutex_t fork_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * The child
 */

/* Write all of data to fd; -1 when it cannot. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* host->log in the child: host.c's, with one write(2), not stdio (whose
 * lock another thread of the parent may have held at fork). */
static void child_log(struct intake_case *c, int level, const char *message)
{
	struct strbuf line = STRBUF_INIT;

	if (level < INTAKE_LOG_WARN && !getenv("INTAKE_DEBUG"))
		return;
	strbuf_addstr(&line, "intake: ");
	strbuf_addstr(&line, c && c->form ? c->form->id : "plugin");
	strbuf_addstr(&line, ": ");
	strbuf_addstr(&line, message ? message : "");
	strbuf_addch(&line, '\n');
	write_all(2, line.buf, line.len);
	strbuf_release(&line);
}

static void put_u32(struct strbuf *reply, uint32_t n)
{
	strbuf_add(reply, &n, sizeof(n));
}

static void put_text(struct strbuf *reply, const char *text)
{
	if (!text) {
		put_u32(reply, NO_TEXT);
		return;
	}
	put_u32(reply, (uint32_t)strlen(text));
	strbuf_addstr(reply, text);
}

/* The reply: its length, then rc, the problems from index first on and
 * (deriving) every value of the form. */
static void put_reply(struct strbuf *reply, const struct intake_case *app,
		      size_t first, int rc)
{
	size_t i, n_values = app->deriving ? app->form->n_fields : 0;

	put_u32(reply, 0);
	put_u32(reply, (uint32_t)rc);
	put_u32(reply, (uint32_t)(app->n_problems - first));
	for (i = first; i < app->n_problems; i++) {
		const struct problem *problem = &app->problems[i];

		put_text(reply, problem->field);
		put_text(reply, problem->given);
		put_u32(reply, (uint32_t)problem->stored);
		put_text(reply, problem->rule);
		put_text(reply, problem->expected);
	}
	put_u32(reply, (uint32_t)n_values);
	for (i = 0; i < n_values; i++)
		put_text(reply, app->values[i]);
}

/* A crash in the plugin ends the child, whatever handlers the parent
 * had (a crash guard must not jump back into the parent's state). */
static void default_crash_signals(void)
{
	static const int crash[] = {SIGSEGV, SIGBUS,  SIGFPE, SIGILL,
				    SIGABRT, SIGTRAP, SIGSYS};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(crash); i++)
		signal(crash[i], SIG_DFL);
}

static void run_child(int fd, struct intake_case *app, contain_call *call,
		      void *arg)
{
	struct intake_host host = *host_table();
	struct strbuf reply = STRBUF_INIT;
	size_t first = app->n_problems;
	uint32_t len;
	int rc;

	default_crash_signals();
	host.log = child_log;
	rc = call(&host, app, arg);
	put_reply(&reply, app, first, rc);
	len = (uint32_t)(reply.len - sizeof(len));
	if (reply.len - sizeof(len) > REPLY_MAX)
		_exit(1);
	memcpy(reply.buf, &len, sizeof(len));
	_exit(write_all(fd, reply.buf, reply.len) ? 1 : 0);
}

/*
 * The parent: reading the reply
 */

static long long now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* 1 when reply holds a whole reply, 0 not yet, -1 never will. */
static int reply_complete(const struct strbuf *reply)
{
	uint32_t len;

	if (reply->len < sizeof(len))
		return 0;
	memcpy(&len, reply->buf, sizeof(len));
	if (len > REPLY_MAX)
		return -1;
	return reply->len >= sizeof(len) + (size_t)len;
}

/* Read from fd into reply until it is whole, broken, or the time is up. */
static enum contain_status read_reply(int fd, int timeout_ms,
				      struct strbuf *reply)
{
	long long deadline = now_ms() + timeout_ms;
	char chunk[8192];
	int whole;

	while (!(whole = reply_complete(reply))) {
		struct pollfd ready = {fd, POLLIN, 0};
		long long left = deadline - now_ms();
		ssize_t n;

		if (left <= 0)
			return CONTAIN_TIMED_OUT;
		n = poll(&ready, 1, (int)left);
		if (n <= 0) {
			if (n < 0 && errno != EINTR)
				return CONTAIN_CRASHED;
			continue;
		}
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return CONTAIN_CRASHED;
		strbuf_add(reply, chunk, (size_t)n);
	}
	return whole > 0 ? CONTAIN_DONE : CONTAIN_CRASHED;
}

/*
 * The parent: applying the reply
 */

struct cursor {
	const char *at, *end;
	int broken;
};

static uint32_t get_u32(struct cursor *cursor)
{
	uint32_t n = 0;

	if ((size_t)(cursor->end - cursor->at) < sizeof(n)) {
		cursor->broken = 1;
		return 0;
	}
	memcpy(&n, cursor->at, sizeof(n));
	cursor->at += sizeof(n);
	return n;
}

/* A text of the reply, malloced, or NULL (also when broken). */
static char *get_text(struct cursor *cursor)
{
	uint32_t len = get_u32(cursor);
	char *text;

	if (cursor->broken || len == NO_TEXT)
		return NULL;
	if ((size_t)(cursor->end - cursor->at) < len ||
	    memchr(cursor->at, '\0', len)) {
		cursor->broken = 1;
		return NULL;
	}
	text = xstrndup(cursor->at, len);
	cursor->at += len;
	return text;
}

/* What a reply says, before it is applied. */
struct reply_data {
	int rc;
	struct problem *problems;
	size_t n_problems, alloc_problems;
	char **values;
	size_t n_values;
};

static void reply_data_release(struct reply_data *data)
{
	size_t i;

	for (i = 0; i < data->n_problems; i++) {
		free(data->problems[i].field);
		free(data->problems[i].given);
		free(data->problems[i].rule);
		free(data->problems[i].expected);
	}
	free(data->problems);
	for (i = 0; i < data->n_values; i++)
		free(data->values[i]);
	free(data->values);
	memset(data, 0, sizeof(*data));
}

static void get_problems(struct cursor *cursor, struct reply_data *data)
{
	uint32_t i, n = get_u32(cursor);

	for (i = 0; i < n && !cursor->broken; i++) {
		struct problem *problem;

		ALLOC_GROW(data->problems, data->n_problems + 1,
			   data->alloc_problems);
		problem = &data->problems[data->n_problems++];
		problem->field = get_text(cursor);
		problem->given = get_text(cursor);
		problem->stored = get_u32(cursor) != 0;
		problem->rule = get_text(cursor);
		problem->expected = get_text(cursor);
		if (!problem->expected)
			cursor->broken = 1;
	}
}

/* The values, when there are any, must be one per field of the form. */
static void get_values(struct cursor *cursor, struct reply_data *data,
		       size_t n_fields)
{
	uint32_t i, n = get_u32(cursor);

	if (cursor->broken || !n)
		return;
	if (n != n_fields) {
		cursor->broken = 1;
		return;
	}
	data->values = xcalloc(n, sizeof(*data->values));
	data->n_values = n;
	for (i = 0; i < n && !cursor->broken; i++)
		data->values[i] = get_text(cursor);
}

/* Move the reply's problems and derived values into app. */
static void apply(struct intake_case *app, struct reply_data *data)
{
	size_t i;

	for (i = 0; i < data->n_problems; i++) {
		ALLOC_GROW(app->problems, app->n_problems + 1,
			   app->alloc_problems);
		app->problems[app->n_problems++] = data->problems[i];
	}
	data->n_problems = 0;
	for (i = 0; i < data->n_values; i++) {
		if (!app->form->fields[i].derived)
			continue;
		free(app->values[i]);
		app->values[i] = data->values[i];
		data->values[i] = NULL;
	}
}

/* Decode reply (a whole one) and apply it: 0, or -1 when it is broken
 * (then app is as it was). */
static int decode_reply(struct intake_case *app, const struct strbuf *reply,
			int *rc)
{
	struct cursor cursor = {reply->buf + sizeof(uint32_t),
				reply->buf + reply->len, 0};
	struct reply_data data = {0};

	data.rc = (int)get_u32(&cursor);
	get_problems(&cursor, &data);
	get_values(&cursor, &data, app->deriving ? app->form->n_fields : 0);
	if (!cursor.broken && cursor.at == cursor.end) {
		apply(app, &data);
		*rc = data.rc;
	} else {
		cursor.broken = 1;
	}
	reply_data_release(&data);
	return cursor.broken ? -1 : 0;
}

/*
 * The call
 */

/* Start the child; its pid (the read end in *fd), or -1. */
static pid_t start_child(struct intake_case *app, contain_call *call,
			 void *arg, int *fd)
{
	int ends[2];
	pid_t pid;

	pthread_mutex_lock(&fork_lock);
	if (pipe(ends)) {
		pthread_mutex_unlock(&fork_lock);
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(ends[0]);
		run_child(ends[1], app, call, arg);
	}
	close(ends[1]);
	pthread_mutex_unlock(&fork_lock);
	if (pid < 0)
		close(ends[0]);
	else
		*fd = ends[0];
	return pid;
}

enum contain_status contain_run(struct intake_case *app, contain_call *call,
				void *arg, int timeout_ms, int *rc, int *signo)
{
	struct strbuf reply = STRBUF_INIT;
	enum contain_status status;
	pid_t pid;
	int fd = -1, ended = 0;

	*signo = 0;
	pid = start_child(app, call, arg, &fd);
	if (pid < 0)
		return CONTAIN_NOT_RUN;
	status = read_reply(fd, timeout_ms, &reply);
	close(fd);
	if (status != CONTAIN_DONE)
		kill(pid, SIGKILL);
	while (waitpid(pid, &ended, 0) < 0 && errno == EINTR)
		;
	if (status == CONTAIN_CRASHED && WIFSIGNALED(ended))
		*signo = WTERMSIG(ended);
	if (status == CONTAIN_DONE && decode_reply(app, &reply, rc))
		status = CONTAIN_CRASHED;
	strbuf_release(&reply);
	return status;
}
