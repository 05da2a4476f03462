/* What every server page shares: the request, the response, the
 * signed-in account, HTML scaffolding, posted forms, roles. */
#ifndef INTAKE_PAGE_H
#define INTAKE_PAGE_H

#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>

#include "html.h"
#include "config.h"
#include "messages.h"
#include "plugin.h"
#include "store.h"
#include "util.h"

#define PAGES_BODY_MAX (64 * 1024) /* bytes of a request body */
#define PAGES_POOL_MAX 16          /* open store connections kept */

/* What every request shares (the server's, read-only but the locks). */
struct pages_context {
	const char *database;
	const struct registry *registry; /* the programmes, loaded once */
	const struct config *config;
	enum language language; /* of the login page */
	int session_minutes;
	int tls;                 /* cookies Secure, origins https */
	pthread_mutex_t open_lock; /* store_open sets the umask; the pool */
	struct store *pool[PAGES_POOL_MAX]; /* connections between requests */
	size_t n_pool;
	sem_t logins; /* Argon2id checks at once (each holds its memory) */
};

/* Set up and release what the context's requests share (the locks,
 * the pool of store connections): 0 or -1. */
int pages_context_init(struct pages_context *ctx);
void pages_context_release(struct pages_context *ctx);

/* A request as the server read it; any header may be NULL. */
struct page_request {
	const char *method, *path;
	const char *host, *origin, *referer;
	const char *cookie; /* the value of intake_session */
	const char *query;  /* the value of q (GET /find) */
	const char *content_type;
	const char *body;
	size_t body_len;
	const char *rest; /* the path after a route's prefix ("" exact) */
	const char *fy;   /* the value of fy (GET /tally) */
	const char *month; /* the value of month (GET /tally) */
	const char *client; /* the peer's address, "" unknown (the audit) */
};

struct page_response {
	int status;
	const char *content_type;
	struct strbuf body;
	char *location;   /* malloced, NULL: none */
	char *set_cookie; /* malloced, NULL: none */
	struct strbuf errors; /* what error() said, a line each (page_end) */
};

/* Roles, each allowed what the one before it is. */
enum page_role { ROLE_COUNTER = 1, ROLE_MANAGER, ROLE_ADMIN };

/* A request once its session is known. */
struct signed_in {
	struct store *store;
	struct store_session session;
	enum language language;
	enum page_role role;
	char token_hash[65];
};

/* An error page of status (400, 403, 404, 413, 500), in the thread's
 * language (the request's). */
void pages_error(const struct pages_context *ctx, int status,
		 struct page_response *res);
void page_response_release(struct page_response *res);

/* <!DOCTYPE html> … <h1>title</h1>, and its end (after the errors that
 * code below the pages reported during the request, if any). */
void page_begin(struct page_response *res, enum language lang,
		const char *title);
void page_end(struct page_response *res);
/* <p class="error">text</p> */
void page_error_text(struct page_response *res, const char *text);
/* <td>text</td>, "-" for NULL */
void page_cell(struct strbuf *sb, const char *text);
/* <td><a href="prefix+text">text</a></td>, text escaped */
void page_link_cell(struct strbuf *sb, const char *prefix, const char *text);
/* <table> and its row of n headings, each the text of columns[i] */
void page_table_head(struct strbuf *sb, enum language lang,
		     const enum msg_id *columns, size_t n);
/* <input type="hidden" name="csrf" value="…"> of the session */
void page_csrf_input(struct strbuf *sb, const struct signed_in *in);
/* 303 to location. */
void page_redirect(struct page_response *res, const char *location);

/* Does the request come from our own pages (Origin, else Referer, is
 * this Host)? */
int page_same_origin(const struct pages_context *ctx,
		     const struct page_request *req);
/* Decode a posted form: 0, or -1 with 400 in res. */
int page_read_form(const struct pages_context *ctx,
		   const struct page_request *req, struct post_form *form,
		   struct page_response *res);
/* A POST of a signed-in page: same origin and the session's CSRF token
 * in the form, else 403 (-1).  On 0 form holds the decoded fields (the
 * caller releases it). */
int page_post(const struct pages_context *ctx, const struct page_request *req,
	      const struct signed_in *in, struct post_form *form,
	      struct page_response *res);
/* May the account do what needs role?  1, or 0 with 403 in res (the
 * refusal audited). */
int page_allow(const struct pages_context *ctx, const struct page_request *req,
	       const struct signed_in *in, enum page_role role,
	       struct page_response *res);

/* 403 for in's account, the refusal audited (page_allow's, and a page's
 * own refusal). */
void page_refuse(const struct pages_context *ctx,
		 const struct page_request *req, const struct signed_in *in,
		 struct page_response *res);

/* The office whose cases the account sees: NULL for every office
 * (admins, managers without an office), else its own ("" when it has
 * none, which matches no case). */
const char *page_office_filter(const struct signed_in *in);
/* May the account see a case of office (NULL: none recorded)? */
int page_sees_office(const struct signed_in *in, const char *office);

/* A store connection for one request (from the pool, else opened): 0
 * or the HTTP status of the failure (page_store_status).
 * page_close_store gives it back: kept for the next request when it is
 * healthy and no transaction is open, else closed. */
int page_open_store(struct pages_context *ctx, struct store **store);
void page_close_store(struct pages_context *ctx, struct store *store);
/* The HTTP status of a store failure: 503 when the database server
 * cannot be reached or the connection was lost (the request may be
 * tried again), else 500. */
int page_store_status(enum store_status status);
/* A 500 in res that store's lost connection caused becomes that 503. */
void page_store_failed(const struct pages_context *ctx,
		       const struct store *store, struct page_response *res);

#endif
