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
	    signin_start(ctx, store, account.id, res) < 0)
		result = ACCOUNT_ERROR;
	store_account_release(&account);
	if (result == ACCOUNT_ERROR)
		return pages_error(ctx, 500, res), -1;
	page_redirect(res, "/");
	return 0;
}

void post_login(struct pages_context *ctx, const struct page_request *req,
		struct page_response *res)
{
	struct post_form form;
	struct store *store = NULL;
	const char *name, *password;

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
	else if (page_open_store(ctx, &store) < 0)
		pages_error(ctx, 500, res);
	else
		try_login(ctx, store, name, password, res);
	store_close(store);
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
	if (signin_stop(in, res) < 0) {
		pages_error(ctx, 500, res);
		return;
	}
	page_redirect(res, "/login");
}
