/* The server's pages: login, logout, home, find, the style sheet. */
#include "pages.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "find.h"
#include "html.h"
#include "store.h"

#define TOKEN_BYTES 32
#define TOKEN_HEX   (2 * TOKEN_BYTES + 1)
#define FIND_ROWS   100
#define COOKIE      "intake_session"

static const char style_css[] =
	"body { font-family: sans-serif; margin: 2em; max-width: 60em; }\n"
	"table { border-collapse: collapse; }\n"
	"th, td { border: 1px solid #999; padding: 0.2em 0.6em; }\n"
	".error { color: #a00; font-weight: bold; }\n";

/* A request once its session is known. */
struct signed_in {
	struct store *store;
	struct store_session session;
	enum language language;
	char token_hash[TOKEN_HEX];
};

static enum language language_of(const char *name, enum language fallback)
{
	enum language language = fallback;

	if (name)
		language_parse(name, &language);
	return language;
}

static void page_begin(struct page_response *res, enum language lang,
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

static void page_end(struct page_response *res)
{
	strbuf_addstr(&res->body, "</body></html>\n");
}

static void page_error_text(struct page_response *res, const char *text)
{
	strbuf_addstr(&res->body, "<p class=\"error\">");
	html_escape(&res->body, text);
	strbuf_addstr(&res->body, "</p>\n");
}

static enum msg_id status_message(int status)
{
	switch (status) {
	case 400: return MSG_PAGE_BAD_REQUEST;
	case 403: return MSG_PAGE_FORBIDDEN;
	case 404: return MSG_PAGE_NOT_FOUND;
	default: return MSG_PAGE_STORE_FAILED;
	}
}

void pages_error(const struct pages_context *ctx, int status,
		 struct page_response *res)
{
	char *text = NULL;
	const char *title;

	strbuf_reset(&res->body);
	res->status = status;
	if (status == 413)
		text = xstrfmt(msg_in(ctx->language, MSG_PAGE_TOO_LARGE),
			       PAGES_BODY_MAX / 1024);
	title = text ? text : msg_in(ctx->language, status_message(status));
	page_begin(res, ctx->language, title);
	page_end(res);
	free(text);
}

static void redirect(struct page_response *res, const char *location)
{
	res->status = 303;
	res->location = xstrdup(location);
}

/* Does the request come from our own pages?  Origin, else Referer,
 * must be this Host. */
static int same_origin(const struct pages_context *ctx,
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

static int open_store(struct pages_context *ctx, struct store **store)
{
	enum store_status status;

	pthread_mutex_lock(&ctx->open_lock);
	status = store_open(store, ctx->database, STORE_WRITE);
	pthread_mutex_unlock(&ctx->open_lock);
	return status == STORE_OK ? 0 : -1;
}

/* The SHA-256 (hex) of a token of TOKEN_BYTES in lowercase hex: 0, or
 * -1 when token is not one. */
static int token_hash(const char *token, char hex[TOKEN_HEX])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	size_t i;

	for (i = 0; token[i]; i++)
		if (!strchr("0123456789abcdef", token[i]))
			return -1;
	if (i != TOKEN_HEX - 1)
		return -1;
	crypto_hash_sha256(digest, (const unsigned char *)token, i);
	sodium_bin2hex(hex, TOKEN_HEX, digest, sizeof(digest));
	return 0;
}

static void random_hex(char hex[TOKEN_HEX])
{
	unsigned char bytes[TOKEN_BYTES];

	randombytes_buf(bytes, sizeof(bytes));
	sodium_bin2hex(hex, TOKEN_HEX, bytes, sizeof(bytes));
	sodium_memzero(bytes, sizeof(bytes));
}

/* The session of the request's cookie: 0, 1 none, -1 the store failed
 * (then 500 is in res). */
static int sign_in(struct pages_context *ctx, const struct page_request *req,
		   struct signed_in *in, struct page_response *res)
{
	long long now = (long long)time(NULL);
	int rc;

	memset(in, 0, sizeof(*in));
	if (!req->cookie || token_hash(req->cookie, in->token_hash) < 0)
		return 1;
	if (open_store(ctx, &in->store) < 0)
		return pages_error(ctx, 500, res), -1;
	rc = store_session_get(in->store, in->token_hash, now,
			       now + 60LL * ctx->session_minutes, &in->session);
	if (rc < 0)
		pages_error(ctx, 500, res);
	if (rc) {
		store_close(in->store);
		in->store = NULL;
		return rc;
	}
	in->language = language_of(in->session.language, ctx->language);
	return 0;
}

static void sign_out(struct signed_in *in)
{
	store_session_release(&in->session);
	store_close(in->store);
}

/* ---- login and logout */

static void login_page(const struct pages_context *ctx,
		       struct page_response *res, const char *problem)
{
	enum language lang = ctx->language;

	res->status = 200;
	page_begin(res, lang, msg_in(lang, MSG_PAGE_LOGIN));
	if (problem)
		page_error_text(res, problem);
	strbuf_addf(&res->body,
		    "<form method=\"post\" action=\"/login\">\n"
		    "<p><label>%s <input name=\"name\" autocomplete="
		    "\"username\" required></label></p>\n"
		    "<p><label>%s <input name=\"password\" type=\"password\""
		    " autocomplete=\"current-password\" required></label></p>\n"
		    "<p><button>%s</button></p>\n</form>\n",
		    msg_in(lang, MSG_PAGE_NAME),
		    msg_in(lang, MSG_PAGE_PASSWORD),
		    msg_in(lang, MSG_PAGE_LOGIN));
	page_end(res);
}

static void get_login(struct pages_context *ctx,
		      const struct page_request *req,
		      struct page_response *res)
{
	login_page(ctx, res, NULL);
}

/* Decode a posted form: 0, or -1 with 400 in res. */
static int read_form(const struct pages_context *ctx,
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

/* A new session for account_id: the cookie into res, or -1. */
static int start_session(struct pages_context *ctx, struct store *store,
			 long long account_id, struct page_response *res)
{
	char token[TOKEN_HEX], hash[TOKEN_HEX], csrf[TOKEN_HEX];
	long long now = (long long)time(NULL);
	struct store_new_session add = {hash, csrf, account_id, now,
					now + 60LL * ctx->session_minutes};

	random_hex(token);
	random_hex(csrf);
	token_hash(token, hash);
	if (store_session_purge(store, now) < 0 ||
	    store_session_add(store, &add) < 0)
		return -1;
	res->set_cookie = xstrfmt(COOKIE "=%s; HttpOnly; SameSite=Strict;"
				  " Path=/%s",
				  token, ctx->tls ? "; Secure" : "");
	sodium_memzero(token, sizeof(token));
	return 0;
}

static struct account_login login_now(void)
{
	struct account_login login;

	login.now = (long long)time(NULL);
	login.lock_after = ACCOUNT_LOCK_AFTER;
	login.lock_minutes = ACCOUNT_LOCK_MINUTES;
	login.cost = account_cost_interactive();
	return login;
}

/* Check the password and sign in: 0 signed in (cookie in res), 1 a
 * refusal (login page in res), -1 (500 in res). */
static int try_login(struct pages_context *ctx, struct store *store,
		     const char *name, const char *password,
		     struct page_response *res)
{
	struct account_login login = login_now();
	struct store_account account;
	enum account_result result;
	char *locked;

	pthread_mutex_lock(&ctx->login_lock);
	result = account_verify(store, name, password, &login);
	pthread_mutex_unlock(&ctx->login_lock);
	if (result == ACCOUNT_ERROR)
		return pages_error(ctx, 500, res), -1;
	if (result == ACCOUNT_LOCKED) {
		locked = xstrfmt(msg_in(ctx->language, MSG_PAGE_LOGIN_LOCKED),
				 ACCOUNT_LOCK_MINUTES);
		login_page(ctx, res, locked);
		free(locked);
		return 1;
	}
	if (result != ACCOUNT_OK) {
		login_page(ctx, res, msg_in(ctx->language,
					    MSG_PAGE_LOGIN_WRONG));
		return 1;
	}
	if (store_account_get(store, name, &account) ||
	    start_session(ctx, store, account.id, res) < 0)
		result = ACCOUNT_ERROR;
	store_account_release(&account);
	if (result == ACCOUNT_ERROR)
		return pages_error(ctx, 500, res), -1;
	redirect(res, "/");
	return 0;
}

static void post_login(struct pages_context *ctx,
		       const struct page_request *req,
		       struct page_response *res)
{
	struct post_form form;
	struct store *store = NULL;
	const char *name, *password;

	if (!same_origin(ctx, req)) {
		pages_error(ctx, 403, res);
		return;
	}
	if (read_form(ctx, req, &form, res) < 0)
		return;
	name = post_get(&form, "name");
	password = post_get(&form, "password");
	if (!name || !password)
		pages_error(ctx, 400, res);
	else if (open_store(ctx, &store) < 0)
		pages_error(ctx, 500, res);
	else
		try_login(ctx, store, name, password, res);
	store_close(store);
	if (password)
		sodium_memzero((char *)password, strlen(password));
	post_release(&form);
}

/* A POST of a signed-in page: same origin and the session's CSRF
 * token in the form, else 403. */
static int check_post(const struct pages_context *ctx,
		      const struct page_request *req,
		      const struct signed_in *in,
		      struct page_response *res)
{
	struct post_form form;
	const char *csrf;
	int ok;

	if (!same_origin(ctx, req))
		return pages_error(ctx, 403, res), -1;
	if (read_form(ctx, req, &form, res) < 0)
		return -1;
	csrf = post_get(&form, "csrf");
	ok = csrf && strlen(csrf) == strlen(in->session.csrf) &&
	     !sodium_memcmp(csrf, in->session.csrf, strlen(csrf));
	post_release(&form);
	if (!ok)
		return pages_error(ctx, 403, res), -1;
	return 0;
}

static void post_logout(struct pages_context *ctx,
			const struct page_request *req, struct signed_in *in,
			struct page_response *res)
{
	if (check_post(ctx, req, in, res) < 0)
		return;
	if (store_session_delete(in->store, in->token_hash) < 0) {
		pages_error(ctx, 500, res);
		return;
	}
	res->set_cookie = xstrdup(COOKIE "=; HttpOnly; SameSite=Strict;"
					 " Path=/; Max-Age=0");
	redirect(res, "/login");
}

/* ---- home and find */

static void home_top(const struct page_request *req,
		     const struct signed_in *in, struct page_response *res)
{
	enum language lang = in->language;
	const char *office = in->session.office;
	char *who;

	page_begin(res, lang, msg_in(lang, MSG_PAGE_HOME));
	who = xstrfmt(msg_in(lang, MSG_PAGE_LOGGED_IN), in->session.name,
		      in->session.role,
		      office ? office : msg_in(lang, MSG_PAGE_NO_OFFICE));
	strbuf_addstr(&res->body, "<p>");
	html_escape(&res->body, who);
	strbuf_addstr(&res->body, "</p>\n<form method=\"post\""
				  " action=\"/logout\"><input type=\"hidden\""
				  " name=\"csrf\" value=\"");
	html_escape(&res->body, in->session.csrf);
	strbuf_addf(&res->body, "\"><button>%s</button></form>\n"
				"<form method=\"get\" action=\"/find\">"
				"<p><input name=\"q\" placeholder=\"",
		    msg_in(lang, MSG_PAGE_LOGOUT));
	html_escape(&res->body, msg_in(lang, MSG_PAGE_SEARCH_HINT));
	strbuf_addstr(&res->body, "\" value=\"");
	html_escape(&res->body, req->query);
	strbuf_addf(&res->body, "\"> <button>%s</button></p></form>\n",
		    msg_in(lang, MSG_PAGE_SEARCH));
	free(who);
}

static void get_home(struct pages_context *ctx,
		     const struct page_request *req, struct signed_in *in,
		     struct page_response *res)
{
	res->status = 200;
	home_top(req, in, res);
	page_end(res);
}

static void cell(struct strbuf *sb, const char *text)
{
	strbuf_addstr(sb, "<td>");
	html_escape(sb, text ? text : "-");
	strbuf_addstr(sb, "</td>");
}

static int found_row(const struct store_found *found, void *context)
{
	struct strbuf *sb = context;
	char date[48];

	snprintf(date, sizeof(date), "%04ld-%02ld-%02ld",
		 found->received_on / 10000, found->received_on / 100 % 100,
		 found->received_on % 100);
	strbuf_addstr(sb, "<tr>");
	cell(sb, found->receipt);
	cell(sb, found->programme);
	cell(sb, found->name);
	cell(sb, date);
	cell(sb, found->status);
	strbuf_addstr(sb, "</tr>\n");
	return 0;
}

static void table_head(struct strbuf *sb, enum language lang)
{
	static const enum msg_id columns[] = {
		MSG_PAGE_RECEIPT, MSG_PAGE_PROGRAMME, MSG_PAGE_APPLICANT,
		MSG_PAGE_RECEIVED, MSG_PAGE_STATUS};
	size_t i;

	strbuf_addstr(sb, "<table>\n<tr>");
	for (i = 0; i < ARRAY_SIZE(columns); i++) {
		strbuf_addstr(sb, "<th>");
		html_escape(sb, msg_in(lang, columns[i]));
		strbuf_addstr(sb, "</th>");
	}
	strbuf_addstr(sb, "</tr>\n");
}

/* The rows of text into a table (or why not) in res. */
static void find_results(struct signed_in *in, const char *text,
			 struct page_response *res)
{
	struct find_query query = {0};
	struct find_error problem = {0};
	struct strbuf rows = STRBUF_INIT;
	char *more_text;
	int more = 0, rc;

	query.text = text;
	query.limit = FIND_ROWS;
	query.newest_first = 1;
	query.details = 1;
	rc = find_walk(in->store, &query, found_row, &rows, &more, &problem);
	if (rc == 1)
		page_error_text(res, problem.expected);
	else if (rc < 0)
		page_error_text(res, msg_in(in->language,
					    MSG_PAGE_STORE_FAILED));
	else if (!rows.len)
		page_error_text(res, msg_in(in->language, MSG_PAGE_NONE_FOUND));
	else {
		table_head(&res->body, in->language);
		strbuf_addstr(&res->body, strbuf_str(&rows));
		strbuf_addstr(&res->body, "</table>\n");
	}
	if (!rc && more) {
		more_text = xstrfmt(msg_in(in->language, MSG_PAGE_MORE),
				    FIND_ROWS);
		page_error_text(res, more_text);
		free(more_text);
	}
	find_error_release(&problem);
	strbuf_release(&rows);
}

static void get_find(struct pages_context *ctx,
		     const struct page_request *req, struct signed_in *in,
		     struct page_response *res)
{
	res->status = 200;
	home_top(req, in, res);
	if (req->query && *req->query)
		find_results(in, req->query, res);
	page_end(res);
}

static void get_style(struct pages_context *ctx,
		      const struct page_request *req,
		      struct page_response *res)
{
	res->status = 200;
	res->content_type = "text/css; charset=utf-8";
	strbuf_addstr(&res->body, style_css);
}

/* ---- routes */

struct route {
	const char *method, *path;
	void (*open)(struct pages_context *, const struct page_request *,
		     struct page_response *);
	void (*signed_in)(struct pages_context *, const struct page_request *,
			  struct signed_in *, struct page_response *);
};

static const struct route routes[] = {
	{"GET", "/login", get_login, NULL},
	{"POST", "/login", post_login, NULL},
	{"GET", "/style.css", get_style, NULL},
	{"POST", "/logout", NULL, post_logout},
	{"GET", "/", NULL, get_home},
	{"GET", "/find", NULL, get_find},
};

static void run_signed_in(struct pages_context *ctx, const struct route *route,
			  const struct page_request *req,
			  struct page_response *res)
{
	struct signed_in in;
	int rc = sign_in(ctx, req, &in, res);

	if (rc > 0 && !strcmp(req->method, "POST"))
		pages_error(ctx, 403, res);
	else if (rc > 0)
		redirect(res, "/login");
	if (rc)
		return;
	route->signed_in(ctx, req, &in, res);
	sign_out(&in);
}

void pages_handle(struct pages_context *ctx, const struct page_request *req,
		  struct page_response *res)
{
	size_t i;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < ARRAY_SIZE(routes); i++) {
		if (strcmp(routes[i].method, req->method) ||
		    strcmp(routes[i].path, req->path))
			continue;
		if (routes[i].open)
			routes[i].open(ctx, req, res);
		else
			run_signed_in(ctx, &routes[i], req, res);
		return;
	}
	pages_error(ctx, 404, res);
}

void page_response_release(struct page_response *res)
{
	strbuf_release(&res->body);
	free(res->location);
	free(res->set_cookie);
	memset(res, 0, sizeof(*res));
}
