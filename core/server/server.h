/* intake serve: the HTTP daemon (libmicrohttpd) around the pages. */
#ifndef INTAKE_SERVER_H
#define INTAKE_SERVER_H

#include "messages.h"

#define SERVER_DEFAULT_LISTEN "127.0.0.1:8080"
#define SERVER_SESSION_MINUTES 30
#define SERVER_SESSION_MINUTES_MAX 1440

struct registry;
struct config;

struct server_options {
	const char *database;
	const struct registry *registry;
	const struct config *config;
	const char *listen;     /* ADDR:PORT, [ADDR6]:PORT */
	int plain_http;         /* allowed off loopback */
	enum language language; /* of the login page */
	int session_minutes;
};

/* Serve until SIGTERM or SIGINT, then finish the requests in flight:
 * the exit status (64 a bad or refused --listen, 69 cannot listen). */
int server_run(const struct server_options *options);

#endif
