/* The server's routes: which page answers which method and path, for
 * whom. */
#include "pages.h"

#include <string.h>

#include "assets.h"
#include "page_case.h"
#include "page_entry.h"
#include "page_home.h"
#include "page_login.h"
#include "page_users.h"
#include "signin.h"

typedef void page_open_fn(struct pages_context *, const struct page_request *,
			  struct page_response *);
typedef void page_signed_in_fn(struct pages_context *,
			       const struct page_request *,
			       struct signed_in *, struct page_response *);

/* A path ending in '/' matches every path under it (req->rest is what
 * follows); others match exactly.  open pages need no session; the
 * others need one with at least role. */
struct route {
	const char *method, *path;
	page_open_fn *open;
	page_signed_in_fn *signed_in;
	enum page_role role;
};

static const struct route routes[] = {
	{"GET", "/login", get_login, NULL, 0},
	{"POST", "/login", post_login, NULL, 0},
	{"GET", "/style.css", get_style, NULL, 0},
	{"POST", "/logout", NULL, post_logout, ROLE_COUNTER},
	{"GET", "/", NULL, get_home, ROLE_COUNTER},
	{"GET", "/find", NULL, get_find, ROLE_COUNTER},
	{"GET", "/entry.js", get_script, NULL, 0},
	{"GET", "/new", NULL, get_new, ROLE_COUNTER},
	{"POST", "/new", NULL, post_new, ROLE_COUNTER},
	{"GET", "/draft/", NULL, get_draft, ROLE_COUNTER},
	{"POST", "/draft/", NULL, post_draft, ROLE_COUNTER},
	{"GET", "/receipt/", NULL, get_receipt, ROLE_COUNTER},
	{"GET", "/case/", NULL, get_case, ROLE_COUNTER},
	{"POST", "/case/", NULL, post_case, ROLE_COUNTER},
	{"GET", "/due", NULL, get_due, ROLE_COUNTER},
	{"GET", "/tally", NULL, get_tally, ROLE_MANAGER},
	{"GET", "/users", NULL, get_users, ROLE_ADMIN},
};

/* What code below the pages reports during a request (error(),
 * warning()) is kept in the strbuf ctx, a line each (control characters
 * shown, as on a terminal), never on stderr. */
static void keep_error(enum report_kind kind, const char *text, void *ctx)
{
	struct strbuf *errors = ctx;
	size_t from = errors->len, i;

	if (kind == REPORT_DEBUG)
		return;
	strbuf_add_escaped(errors, text, strlen(text));
	for (i = from; i < errors->len; i++)
		if (errors->buf[i] == '\n')
			errors->buf[i] = ' ';
	strbuf_addch(errors, '\n');
}

/* Once the session is known the request speaks its account's language
 * and the page shows what went wrong (page_end); before, the server's,
 * and what is reported is not shown to someone not signed in. */
static void run_signed_in(struct pages_context *ctx, const struct route *route,
			  const struct page_request *req,
			  struct page_response *res)
{
	struct signed_in in;
	struct error_routine was;
	int rc = signin_begin(ctx, req, &in, res);

	if (rc > 0 && !strcmp(req->method, "POST"))
		pages_error(ctx, 403, res);
	else if (rc > 0)
		page_redirect(res, "/login");
	if (rc)
		return;
	msg_set_thread_language(in.language);
	was = set_error_routine(keep_error, &res->errors);
	if (page_allow(ctx, req, &in, route->role, res))
		route->signed_in(ctx, req, &in, res);
	page_store_failed(ctx, in.store, res);
	signin_end(ctx, &in);
	set_error_routine(was.fn, was.ctx);
}

/* Does route answer req?  Then req's rest is set. */
static int route_matches(const struct route *route, struct page_request *req)
{
	size_t len = strlen(route->path);

	if (strcmp(route->method, req->method))
		return 0;
	if (len > 1 && route->path[len - 1] == '/') {
		if (strncmp(route->path, req->path, len) || !req->path[len])
			return 0;
		req->rest = req->path + len;
		return 1;
	}
	req->rest = "";
	return !strcmp(route->path, req->path);
}

static void run_route(struct pages_context *ctx, struct page_request *req,
		      struct page_response *res)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(routes); i++) {
		if (!route_matches(&routes[i], req))
			continue;
		if (routes[i].open)
			routes[i].open(ctx, req, res);
		else
			run_signed_in(ctx, &routes[i], req, res);
		return;
	}
	pages_error(ctx, 404, res);
}

/* Each request in its own language and with its own error routine, set
 * on the thread that answers it and given back when done. */
void pages_handle(struct pages_context *ctx, const struct page_request *req,
		  struct page_response *res)
{
	struct page_request matched = *req;
	struct strbuf unshown = STRBUF_INIT;
	struct error_routine was;

	memset(res, 0, sizeof(*res));
	msg_set_thread_language(ctx->language);
	was = set_error_routine(keep_error, &unshown);
	run_route(ctx, &matched, res);
	set_error_routine(was.fn, was.ctx);
	msg_clear_thread_language();
	strbuf_release(&unshown);
}
