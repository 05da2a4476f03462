/* What every server page shares: HTML scaffolding, error pages, posted
 * forms with their CSRF token, roles. */
#include "page.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void page_begin(struct page_response *res, enum language lang,
		const char *title)
{
	res->content_type = "text/html; charset=utf-8";
	strbuf_addf(&res->body,
		    "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
		    "<meta charset=\"utf-8\"><title>",
		    lang == LANG_EN ? "en" : "ja");
	html_escape(&res->body, title);
	strbuf_addstr(&res->body, " - intake</title><link rel=\"stylesheet\""
				  " href=\"/style.css\"></head><body>\n<h1>");
	html_escape(&res->body, title);
	strbuf_addstr(&res->body, "</h1>\n");
}

void page_end(struct page_response *res)
{
	const char *line = strbuf_str(&res->errors), *end;
	char *text;

	for (; *line; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		text = xstrndup(line, (size_t)(end - line));
		page_error_text(res, text);
		free(text);
	}
	strbuf_addstr(&res->body, "</body></html>\n");
}

void page_error_text(struct page_response *res, const char *text)
{
	strbuf_addstr(&res->body, "<p class=\"error\">");
	html_escape(&res->body, text);
	strbuf_addstr(&res->body, "</p>\n");
}

void page_cell(struct strbuf *sb, const char *text)
{
	strbuf_addstr(sb, "<td>");
	html_escape(sb, text ? text : "-");
	strbuf_addstr(sb, "</td>");
}

void page_link_cell(struct strbuf *sb, const char *prefix, const char *text)
{
	strbuf_addstr(sb, "<td><a href=\"");
	html_escape(sb, prefix);
	html_escape(sb, text);
	strbuf_addstr(sb, "\">");
	html_escape(sb, text);
	strbuf_addstr(sb, "</a></td>");
}

void page_table_head(struct strbuf *sb, enum language lang,
		     const enum msg_id *columns, size_t n)
{
	size_t i;

	strbuf_addstr(sb, "<table>\n<tr>");
	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, "<th>");
		html_escape(sb, msg_in(lang, columns[i]));
		strbuf_addstr(sb, "</th>");
	}
	strbuf_addstr(sb, "</tr>\n");
}

void page_csrf_input(struct strbuf *sb, const struct signed_in *in)
{
	strbuf_addstr(sb, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_escape(sb, in->session.csrf);
	strbuf_addstr(sb, "\">");
}

void page_redirect(struct page_response *res, const char *location)
{
	res->status = 303;
	res->location = xstrdup(location);
}

static enum msg_id status_message(int status)
{
	switch (status) {
	case 400: return MSG_PAGE_BAD_REQUEST;
	case 403: return MSG_PAGE_FORBIDDEN;
	case 404: return MSG_PAGE_NOT_FOUND;
	case 503: return MSG_PAGE_UNAVAILABLE;
	default: return MSG_PAGE_STORE_FAILED;
	}
}

void pages_error(const struct pages_context *ctx, int status,
		 struct page_response *res)
{
	enum language lang = msg_language();
	char *text = NULL;
	const char *title;

	strbuf_reset(&res->body);
	res->status = status;
	if (status == 413)
		text = xstrfmt(msg_in(lang, MSG_PAGE_TOO_LARGE),
			       PAGES_BODY_MAX / 1024);
	title = text ? text : msg_in(lang, status_message(status));
	page_begin(res, lang, title);
	page_end(res);
	free(text);
}

void page_response_release(struct page_response *res)
{
	strbuf_release(&res->body);
	strbuf_release(&res->errors);
	free(res->location);
	free(res->set_cookie);
	memset(res, 0, sizeof(*res));
}

int page_same_origin(const struct pages_context *ctx,
		     const struct page_request *req)
{
	char *want;
	size_t len;
	int ok = 0;

	if (!req->host || !*req->host)
		return 0;
	want = xstrfmt("%s://%s", ctx->tls ? "https" : "http", req->host);
	len = strlen(want);
	if (req->origin)
		ok = !strcmp(req->origin, want);
	else if (req->referer)
		ok = !strncmp(req->referer, want, len) &&
		     (req->referer[len] == '/' || !req->referer[len]);
	free(want);
	return ok;
}

int page_read_form(const struct pages_context *ctx,
		   const struct page_request *req, struct post_form *form,
		   struct page_response *res)
{
	static const char type[] = "application/x-www-form-urlencoded";

	if (!req->content_type ||
	    strncmp(req->content_type, type, sizeof(type) - 1) ||
	    post_decode(req->body, req->body_len, form) != POST_OK) {
		pages_error(ctx, 400, res);
		return -1;
	}
	return 0;
}

int page_post(const struct pages_context *ctx, const struct page_request *req,
	      const struct signed_in *in, struct post_form *form,
	      struct page_response *res)
{
	const char *csrf;
	int ok;

	if (!page_same_origin(ctx, req))
		return pages_error(ctx, 403, res), -1;
	if (page_read_form(ctx, req, form, res) < 0)
		return -1;
	csrf = post_get(form, "csrf");
	ok = csrf && strlen(csrf) == strlen(in->session.csrf) &&
	     !sodium_memcmp(csrf, in->session.csrf, strlen(csrf));
	if (!ok) {
		post_release(form);
		return pages_error(ctx, 403, res), -1;
	}
	return 0;
}

int page_allow(const struct pages_context *ctx, const struct page_request *req,
	       const struct signed_in *in, enum page_role role,
	       struct page_response *res)
{
	if (in->role >= role)
		return 1;
	page_refuse(ctx, req, in, res);
	return 0;
}

void page_refuse(const struct pages_context *ctx,
		 const struct page_request *req, const struct signed_in *in,
		 struct page_response *res)
{
	const char *pairs[] = {"method", req->method, "path", req->path,
			       "role", in->session.role};

	store_audit_event(in->store, in->session.name, "forbidden", pairs,
			  ARRAY_SIZE(pairs) / 2);
	pages_error(ctx, 403, res);
}

const char *page_office_filter(const struct signed_in *in)
{
	const char *mine = in->session.office;

	if (in->role >= ROLE_ADMIN || (in->role >= ROLE_MANAGER && !mine))
		return NULL;
	return mine ? mine : "";
}

int page_sees_office(const struct signed_in *in, const char *office)
{
	const char *mine = page_office_filter(in);

	return !mine || (office && *mine && !strcmp(mine, office));
}

int page_open_store(struct pages_context *ctx, struct store **store)
{
	enum store_status status = STORE_OK;

	pthread_mutex_lock(&ctx->open_lock);
	if (ctx->n_pool)
		*store = ctx->pool[--ctx->n_pool];
	else
		status = store_open(store, ctx->database, STORE_WRITE);
	pthread_mutex_unlock(&ctx->open_lock);
	return status == STORE_OK ? 0 : page_store_status(status);
}

int page_store_status(enum store_status status)
{
	return status == STORE_UNAVAILABLE ? 503 : 500;
}

void page_store_failed(const struct pages_context *ctx,
		       const struct store *store, struct page_response *res)
{
	if (res->status == 500 && store &&
	    store_status(store) == STORE_UNAVAILABLE)
		pages_error(ctx, 503, res);
}

void page_close_store(struct pages_context *ctx, struct store *store)
{
	if (!store)
		return;
	pthread_mutex_lock(&ctx->open_lock);
	if (ctx->n_pool < PAGES_POOL_MAX && store_settle(store)) {
		ctx->pool[ctx->n_pool++] = store;
		store = NULL;
	}
	pthread_mutex_unlock(&ctx->open_lock);
	store_close(store);
}

/* Argon2id checks at once: the processors, at least 2. */
static unsigned login_slots(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 2 ? 2 : (unsigned)n;
}

int pages_context_init(struct pages_context *ctx)
{
	if (sem_init(&ctx->logins, 0, login_slots()) < 0)
		return -1;
	pthread_mutex_init(&ctx->open_lock, NULL);
	ctx->n_pool = 0;
	return 0;
}

void pages_context_release(struct pages_context *ctx)
{
	while (ctx->n_pool)
		store_close(ctx->pool[--ctx->n_pool]);
	pthread_mutex_destroy(&ctx->open_lock);
	sem_destroy(&ctx->logins);
}
