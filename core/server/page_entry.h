/* Entering a case in the browser: new draft, the form, autosave of one
 * answer, review with the same-person link, confirm, the receipt. */
#ifndef INTAKE_PAGE_ENTRY_H
#define INTAKE_PAGE_ENTRY_H

#include "application.h"
#include "page.h"

/* GET /new: the programmes; POST /new (programme=ID): a draft. */
void get_new(struct pages_context *ctx, const struct page_request *req,
	     struct signed_in *in, struct page_response *res);
void post_new(struct pages_context *ctx, const struct page_request *req,
	      struct signed_in *in, struct page_response *res);

/* GET /draft/ID (the form), /draft/ID/review. */
void get_draft(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res);
/* POST /draft/ID (the whole form), /draft/ID/answer (one answer, JSON),
 * /draft/ID/confirm, /draft/ID/discard. */
void post_draft(struct pages_context *ctx, const struct page_request *req,
		struct signed_in *in, struct page_response *res);

/* GET /receipt/RECEIPT: the 受付票. */
void get_receipt(struct pages_context *ctx, const struct page_request *req,
		 struct signed_in *in, struct page_response *res);

/* A draft opened by its staff, its answers in app. */
struct draft_page {
	long long id;
	struct store_draft draft;
	const struct programme *programme;
	struct intake_case app;
};

/* Open draft id for in's account: 0, or -1 with 404, 403 (audited) or
 * 500 in res.  On 0 the caller ends with draft_page_release. */
int draft_page_open(struct pages_context *ctx, const struct page_request *req,
		    struct signed_in *in, long long id,
		    struct draft_page *page, struct page_response *res);
void draft_page_release(struct draft_page *page);

/* The review page and its confirm (page_review.c). */
void get_review(struct pages_context *ctx, const struct page_request *req,
		struct signed_in *in, struct draft_page *page,
		struct page_response *res);
/* 500 when app's check ended in a crashed plugin callback, 503 when in
 * one out of time, else 0: the clerk's answers are not at fault. */
int page_plugin_failed(const struct intake_case *app);
void post_confirm(struct pages_context *ctx, const struct page_request *req,
		  struct signed_in *in, const struct post_form *form,
		  struct draft_page *page, struct page_response *res);

#endif
