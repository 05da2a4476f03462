/* HTTPS for intake serve: the certificate and key of [serve], read and
 * checked before the server starts. */
#ifndef INTAKE_SERVER_TLS_H
#define INTAKE_SERVER_TLS_H

#include <stddef.h>

/* GnuTLS priorities: TLS 1.2 and 1.3 only. */
#define SERVER_TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"

struct server_tls {
	char *cert; /* PEM text, NUL-terminated; NULL: plain HTTP */
	char *key;  /* the same, zeroed by server_tls_release */
	size_t key_len;
};

/*
 * Read cert_path and key_path (named in [serve] of config_path) into
 * tls and check that libmicrohttpd can serve them.  The key must be a
 * regular file readable by its owner only (no access for group or
 * others), as ssh asks of a private key.  0, or EXIT_CONFIG after
 * saying what is wrong (tls is then empty).
 */
int server_tls_load(struct server_tls *tls, const char *config_path,
		    const char *cert_path, const char *key_path);
void server_tls_release(struct server_tls *tls);

#endif
