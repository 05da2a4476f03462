/* Server sessions: random tokens in a cookie, kept only hashed. */
#ifndef INTAKE_SIGNIN_H
#define INTAKE_SIGNIN_H

#include "page.h"

#define SESSION_COOKIE "intake_session"

/* The session of the request's cookie: 0, 1 none, -1 the store failed
 * (then 500 is in res).  On 0 the caller ends with signin_end. */
int signin_begin(struct pages_context *ctx, const struct page_request *req,
		 struct signed_in *in, struct page_response *res);
void signin_end(struct pages_context *ctx, struct signed_in *in);

/* A new session for account_id: its cookie into res, or -1. */
int signin_start(struct pages_context *ctx, struct store *store,
		 long long account_id, struct page_response *res);
/* End the request's session server-side and clear its cookie: 0 or
 * -1. */
int signin_stop(struct signed_in *in, struct page_response *res);

/* At a login: end server-side the live session of the cookie the
 * request came with, if any, so that a login never keeps an old token.
 * 0 and *name its account's name (malloced; NULL when there was no
 * live session), or -1. */
int signin_replace(struct store *store, const struct page_request *req,
		   char **name);

#endif
