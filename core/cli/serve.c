/* intake serve: options, [serve] and the session timeout, then the
 * server. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "callback.h"
#include "command.h"
#include "config.h"
#include "messages.h"
#include "server.h"
#include "store.h"
#include "util.h"

/* [serve] session_minutes, or INTAKE_SESSION_MINUTES over it (tests,
 * short idle timeouts): 0 or -1. */
static int session_minutes(const struct config *config, int *minutes)
{
	const char *text = getenv("INTAKE_SESSION_MINUTES");
	long long n;

	*minutes = config->serve.session_minutes;
	if (!text)
		return 0;
	if (parse_long_long(text, &n) < 0 || n < 1 ||
	    n > CONFIG_SESSION_MINUTES_MAX)
		return error(msg(MSG_SERVE_BAD_MINUTES), text,
			     CONFIG_SESSION_MINUTES_MAX);
	*minutes = (int)n;
	return 0;
}

/* A plugin callback's time limit in the server: 5 seconds, or
 * INTAKE_PLUGIN_SECONDS (tests, short limits).  0 or -1. */
#define PLUGIN_SECONDS 5
#define PLUGIN_SECONDS_MAX 60

static int plugin_seconds(int *seconds)
{
	const char *text = getenv("INTAKE_PLUGIN_SECONDS");
	long long n;

	*seconds = PLUGIN_SECONDS;
	if (!text)
		return 0;
	if (parse_long_long(text, &n) < 0 || n < 1 || n > PLUGIN_SECONDS_MAX)
		return error(msg(MSG_PLUGIN_BAD_SECONDS), text,
			     PLUGIN_SECONDS_MAX);
	*seconds = (int)n;
	return 0;
}

static int parse_serve(int argc, char **argv, struct server_options *opts)
{
	static const struct option long_options[] = {
		{"listen", required_argument, NULL, 'l'},
		{"plain-http", no_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int option;

	while ((option = getopt_long(argc, argv, "+h", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case 'l':
			opts->listen = optarg;
			opts->listen_configured = 0;
			break;
		case 'p': opts->plain_http = 1; break;
		case 'h': printf("%s\n", msg(MSG_SERVE_USAGE)); return -1;
		default: return option_error(argv);
		}
	}
	if (optind < argc) {
		error("%s", msg(MSG_SERVE_USAGE));
		return EXIT_USAGE;
	}
	return 0;
}

int cmd_serve(struct session *session, int argc, char **argv)
{
	struct server_options opts = {0};
	int status, seconds;

	opts.listen = session->config.serve.listen;
	opts.listen_configured = opts.listen != NULL;
	if (!opts.listen)
		opts.listen = SERVER_DEFAULT_LISTEN;
	opts.language = msg_language();
	status = parse_serve(argc, argv, &opts);
	if (status)
		return status < 0 ? 0 : status;
	if (session_minutes(&session->config, &opts.session_minutes) < 0 ||
	    plugin_seconds(&seconds) < 0)
		return EXIT_USAGE;
	/* Open once: a missing database or a migration now, not at the
	 * first request. */
	if ((status = session_store(session, STORE_WRITE)) ||
	    (status = session_programmes(session)))
		return status;
	store_close(session->store);
	session->store = NULL;
	opts.database = session->database;
	opts.registry = &session->registry;
	opts.config = &session->config;
	callback_contain(seconds * 1000);
	return server_run(&opts);
}
