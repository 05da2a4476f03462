/* The pages' style sheet and script, compiled into the binary. */
#ifndef INTAKE_ASSETS_H
#define INTAKE_ASSETS_H

#include "page.h"

/* GET /style.css and GET /entry.js (no session needed). */
void get_style(struct pages_context *ctx, const struct page_request *req,
	       struct page_response *res);
void get_script(struct pages_context *ctx, const struct page_request *req,
		struct page_response *res);

#endif
