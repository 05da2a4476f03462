/* The login page, logging in and out. */
#ifndef INTAKE_PAGE_LOGIN_H
#define INTAKE_PAGE_LOGIN_H

#include "page.h"

void get_login(struct pages_context *ctx, const struct page_request *req,
	       struct page_response *res);
void post_login(struct pages_context *ctx, const struct page_request *req,
		struct page_response *res);
void post_logout(struct pages_context *ctx, const struct page_request *req,
		 struct signed_in *in, struct page_response *res);

#endif
