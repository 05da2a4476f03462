/* The login page, logging in (password, lockout) and out. */
#include "page_login.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "account.h"
#include "signin.h"

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

void get_login(struct pages_context *ctx, const struct page_request *req,
	       struct page_response *res)
{
	login_page(ctx, res, NULL);
}

static struct account_login login_now(const struct pages_context *ctx)
{
	struct account_login login;

	login.now = (long long)time(NULL);
	login.lock_after = ctx->config->serve.lock_after;
	login.lock_minutes = ctx->config->serve.lock_minutes;
	login.cost = account_cost_interactive();
	return login;
}

static const char *refusal_reason(enum account_result result)
{
	switch (result) {
	case ACCOUNT_LOCKED: return "locked";
	case ACCOUNT_DISABLED: return "disabled";
	case ACCOUNT_UNKNOWN: return "unknown";
	default: return "wrong";
	}
}

/* Audit a login, a logout or a refused login: 0 or -1.  who is the
 * account signing in or out (a refusal names it only when it is a
 * possible account name: what was typed may be a password). */
static int audit_login(struct store *store, const char *action,
		       const char *who, const struct page_request *req,
		       const char *reason)
{
	const char *pairs[6] = {"client", NULL};
	size_t n = 1;

	if (req->client && *req->client)
		pairs[1] = req->client;
	if (!strcmp(action, "login_failed")) {
		pairs[2] = "name";
		pairs[3] = account_name_valid(who) ? who : NULL;
		who = NULL;
		n++;
	}
	if (reason) {
		pairs[2 * n] = "reason";
		pairs[2 * n + 1] = reason;
		n++;
	}
	return store_audit_event(store, who, action, pairs, n);
}

/* A refused login: its audit row and the login page again (1), or -1
 * (500 in res). */
static int refuse_login(struct pages_context *ctx, struct store *store,
			const struct page_request *req, const char *name,
			enum account_result result, struct page_response *res)
{
	char *locked;

	if (audit_login(store, "login_failed", name, req,
			refusal_reason(result)) < 0)
		return pages_error(ctx, 500, res), -1;
	if (result != ACCOUNT_LOCKED) {
		login_page(ctx, res, msg_in(ctx->language,
					    MSG_PAGE_LOGIN_WRONG));
		return 1;
	}
	locked = xstrfmt(msg_in(ctx->language, MSG_PAGE_LOGIN_LOCKED),
			 ctx->config->serve.lock_minutes);
	login_page(ctx, res, locked);
	free(locked);
	return 1;
}

/* Check the password and sign in: 0 signed in (cookie in res), 1 a
 * refusal (login page in res), -1 (500 in res). */
static int try_login(struct pages_context *ctx, struct store *store,
		     const struct page_request *req, const char *name,
		     const char *password, struct page_response *res)
{
	struct account_login login = login_now(ctx);
	struct store_account account;
	enum account_result result;

	while (sem_wait(&ctx->logins) < 0)
		;
	result = account_verify(store, name, password, &login);
	sem_post(&ctx->logins);
	if (result == ACCOUNT_ERROR)
		return pages_error(ctx, 500, res), -1;
	if (result != ACCOUNT_OK)
		return refuse_login(ctx, store, req, name, result, res);
	if (store_account_get(store, name, &account) ||
	    audit_login(store, "login", name, req, NULL) < 0 ||
	    signin_start(ctx, store, account.id, res) < 0)
		result = ACCOUNT_ERROR;
	store_account_release(&account);
	if (result == ACCOUNT_ERROR)
		return pages_error(ctx, 500, res), -1;
	page_redirect(res, "/");
	return 0;
}

/* A login ends the session the browser still had (a fresh token every
 * time): 0 or -1. */
static int end_old_session(struct store *store, const struct page_request *req)
{
	char *name;
	int rc = signin_replace(store, req, &name);

	if (!rc && name)
		rc = audit_login(store, "logout", name, req, "login");
	free(name);
	return rc;
}

void post_login(struct pages_context *ctx, const struct page_request *req,
		struct page_response *res)
{
	struct post_form form;
	struct store *store = NULL;
	const char *name, *password;
	int rc;

	if (!page_same_origin(ctx, req)) {
		pages_error(ctx, 403, res);
		return;
	}
	if (page_read_form(ctx, req, &form, res) < 0)
		return;
	name = post_get(&form, "name");
	password = post_get(&form, "password");
	if (!name || !password)
		pages_error(ctx, 400, res);
	else if ((rc = page_open_store(ctx, &store)))
		pages_error(ctx, rc, res);
	else if (end_old_session(store, req) < 0)
		pages_error(ctx, 500, res);
	else
		try_login(ctx, store, req, name, password, res);
	page_store_failed(ctx, store, res);
	page_close_store(ctx, store);
	if (password)
		sodium_memzero((char *)password, strlen(password));
	post_release(&form);
}

void post_logout(struct pages_context *ctx, const struct page_request *req,
		 struct signed_in *in, struct page_response *res)
{
	struct post_form form;

	if (page_post(ctx, req, in, &form, res) < 0)
		return;
	post_release(&form);
	if (signin_stop(in, res) < 0 ||
	    audit_login(in->store, "logout", in->session.name, req, NULL) <
		    0) {
		pages_error(ctx, 500, res);
		return;
	}
	page_redirect(res, "/login");
}
