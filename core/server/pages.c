/* The server's routes: which page answers which method and path, for
 * whom. */
#include "pages.h"

#include <string.h>

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
	{"GET", "/users", NULL, get_users, ROLE_ADMIN},
};

static void run_signed_in(struct pages_context *ctx, const struct route *route,
			  const struct page_request *req,
			  struct page_response *res)
{
	struct signed_in in;
	int rc = signin_begin(ctx, req, &in, res);

	if (rc > 0 && !strcmp(req->method, "POST"))
		pages_error(ctx, 403, res);
	else if (rc > 0)
		page_redirect(res, "/login");
	if (rc)
		return;
	if (page_allow(ctx, req, &in, route->role, res))
		route->signed_in(ctx, req, &in, res);
	signin_end(&in);
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

void pages_handle(struct pages_context *ctx, const struct page_request *req,
		  struct page_response *res)
{
	struct page_request matched = *req;
	size_t i;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < ARRAY_SIZE(routes); i++) {
		if (!route_matches(&routes[i], &matched))
			continue;
		if (routes[i].open)
			routes[i].open(ctx, &matched, res);
		else
			run_signed_in(ctx, &routes[i], &matched, res);
		return;
	}
	pages_error(ctx, 404, res);
}
