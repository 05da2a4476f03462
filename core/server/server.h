/* intake serve: the HTTP daemon (libmicrohttpd) around the pages. */
#ifndef INTAKE_SERVER_H
#define INTAKE_SERVER_H

#include "messages.h"

#define SERVER_DEFAULT_LISTEN "127.0.0.1:8080"

struct registry;
struct config;

struct server_options {
	const char *database;
	const struct registry *registry;
	const struct config *config; /* [serve]: TLS, lockout */
	const char *listen;     /* ADDR:PORT, [ADDR6]:PORT */
	int listen_configured;  /* listen is config's [serve] listen */
	int plain_http;         /* allowed off loopback */
	enum language language; /* of the login page */
	int session_minutes;
};

/* Serve until SIGTERM or SIGINT, then finish the requests in flight,
 * over HTTPS when config's [serve] names tls_cert and tls_key: the exit
 * status (64 a bad or refused --listen, 69 cannot listen, 78 a bad
 * [serve] listen or TLS files). */
int server_run(const struct server_options *options);

#endif
