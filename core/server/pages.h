/* The server's pages: one request in, one response out (no HTTP here). */
#ifndef INTAKE_PAGES_H
#define INTAKE_PAGES_H

#include <pthread.h>
#include <stddef.h>

#include "messages.h"
#include "util.h"

#define PAGES_BODY_MAX (64 * 1024) /* bytes of a request body */

/* What every request shares (the server's, read-only but the locks). */
struct pages_context {
	const char *database;
	enum language language; /* of the login page */
	int session_minutes;
	int tls;                 /* cookies Secure, origins https */
	pthread_mutex_t open_lock;  /* store_open sets the umask */
	pthread_mutex_t login_lock; /* account_verify keeps a static */
};

/* A request as the server read it; any header may be NULL. */
struct page_request {
	const char *method, *path;
	const char *host, *origin, *referer;
	const char *cookie; /* the value of intake_session */
	const char *query;  /* the value of q (GET /find) */
	const char *content_type;
	const char *body;
	size_t body_len;
};

struct page_response {
	int status;
	const char *content_type;
	struct strbuf body;
	char *location;   /* malloced, NULL: none */
	char *set_cookie; /* malloced, NULL: none */
};

/* Answer request (response zeroed first); never prints. */
void pages_handle(struct pages_context *ctx, const struct page_request *req,
		  struct page_response *res);
/* An error page of status (400, 403, 404, 413, 500). */
void pages_error(const struct pages_context *ctx, int status,
		 struct page_response *res);
void page_response_release(struct page_response *res);

#endif
