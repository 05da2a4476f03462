/* The home page, find. */
#ifndef INTAKE_PAGE_HOME_H
#define INTAKE_PAGE_HOME_H

#include "page.h"

/* The account, logout and the search box: the top of signed-in pages. */
void page_top(const struct page_request *req, const struct signed_in *in,
	      struct page_response *res, const char *title);

void get_home(struct pages_context *ctx, const struct page_request *req,
	      struct signed_in *in, struct page_response *res);
void get_find(struct pages_context *ctx, const struct page_request *req,
	      struct signed_in *in, struct page_response *res);

#endif
