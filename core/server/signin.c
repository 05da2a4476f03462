/* Server sessions: 256-bit random tokens in an HttpOnly cookie, the
 * store keeping only their SHA-256. */
#include "signin.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TOKEN_BYTES 32
#define TOKEN_HEX   (2 * TOKEN_BYTES + 1)

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

static enum language language_of(const char *name, enum language fallback)
{
	enum language language = fallback;

	if (name)
		language_parse(name, &language);
	return language;
}

static enum page_role role_of(const char *name)
{
	if (!strcmp(name, "admin"))
		return ROLE_ADMIN;
	if (!strcmp(name, "manager"))
		return ROLE_MANAGER;
	return ROLE_COUNTER;
}

int signin_begin(struct pages_context *ctx, const struct page_request *req,
		 struct signed_in *in, struct page_response *res)
{
	long long now = (long long)time(NULL);
	int rc;

	memset(in, 0, sizeof(*in));
	if (!req->cookie || token_hash(req->cookie, in->token_hash) < 0)
		return 1;
	if ((rc = page_open_store(ctx, &in->store)))
		return pages_error(ctx, rc, res), -1;
	rc = store_session_get(in->store, in->token_hash, now,
			       now + 60LL * ctx->session_minutes, &in->session);
	if (rc < 0)
		pages_error(ctx, page_store_status(store_status(in->store)),
			    res);
	if (rc) {
		page_close_store(ctx, in->store);
		in->store = NULL;
		return rc;
	}
	in->language = language_of(in->session.language, ctx->language);
	in->role = role_of(in->session.role);
	return 0;
}

void signin_end(struct pages_context *ctx, struct signed_in *in)
{
	store_session_release(&in->session);
	page_close_store(ctx, in->store);
}

int signin_start(struct pages_context *ctx, struct store *store,
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
	res->set_cookie = xstrfmt(SESSION_COOKIE "=%s; HttpOnly;"
				  " SameSite=Strict; Path=/%s",
				  token, ctx->tls ? "; Secure" : "");
	sodium_memzero(token, sizeof(token));
	return 0;
}

int signin_stop(struct signed_in *in, struct page_response *res)
{
	if (store_session_delete(in->store, in->token_hash) < 0)
		return -1;
	res->set_cookie = xstrdup(SESSION_COOKIE "=; HttpOnly;"
				  " SameSite=Strict; Path=/; Max-Age=0");
	return 0;
}

int signin_replace(struct store *store, const struct page_request *req,
		   char **name)
{
	char hash[TOKEN_HEX];
	long long now = (long long)time(NULL);
	struct store_session session;
	int rc;

	*name = NULL;
	if (!req->cookie || token_hash(req->cookie, hash) < 0)
		return 0;
	rc = store_session_get(store, hash, now, now, &session);
	if (rc)
		return rc < 0 ? -1 : 0;
	*name = xstrdup(session.name);
	store_session_release(&session);
	if (store_session_delete(store, hash) >= 0)
		return 0;
	free(*name);
	*name = NULL;
	return -1;
}
