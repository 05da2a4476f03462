/* The server's routes: one request in, one response out (no HTTP here). */
#ifndef INTAKE_PAGES_H
#define INTAKE_PAGES_H

#include "page.h"

/* Answer request (response zeroed first); never prints. */
void pages_handle(struct pages_context *ctx, const struct page_request *req,
		  struct page_response *res);

#endif
