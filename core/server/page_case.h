/* The pages of a stored case: the case, its outcomes, amendments,
 * withdrawal, memos; the follow-ups due; the fiscal year's tally. */
#ifndef INTAKE_PAGE_CASE_H
#define INTAKE_PAGE_CASE_H

#include "page.h"

struct field;
struct intake_case;
struct lifecycle_request;
struct post_form;
struct programme;

/* GET /case/RECEIPT (the case) and /case/RECEIPT/amend (its form). */
void get_case(struct pages_context *ctx, const struct page_request *req,
	      struct signed_in *in, struct page_response *res);
/* POST /case/RECEIPT/ACTION: outcome, amend, withdraw, reopen, void,
 * note; 303 back to the case when done. */
void post_case(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res);
/* GET /due: the follow-ups due at the account's office (page_due.c). */
void get_due(struct pages_context *ctx, const struct page_request *req,
	     struct signed_in *in, struct page_response *res);
/* GET /tally[?fy=FY][&month=YYYY-MM]: the fiscal-year report of the
 * cases the account sees, as `intake report --html`
 * (page_tally.c). */
void get_tally(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res);

/* What the case pages share (page_case.c, page_amend.c). */
struct case_page {
	struct pages_context *ctx;
	const struct page_request *req;
	struct signed_in *in;
	struct page_response *res;
	struct store_application stored;
	const struct programme *programme;
	struct strbuf errors; /* <p class="error"> lines to show */
};

#define RECEIPT_MAX 64

/* RECEIPT and the action after it ("" none) from req->rest: 0, or -1
 * for anything but letters, digits, '-' and '_' in a receipt, or a
 * second '/'. */
int case_split_rest(const char *rest, char receipt[RECEIPT_MAX],
		    const char **action);
void case_page_init(struct case_page *page, struct pages_context *ctx,
		    const struct page_request *req, struct signed_in *in,
		    struct page_response *res);
/* Load the case of receipt into page for the account: 0, or -1 with
 * the answer in res (404, 500, or 403 audited when the case is of
 * another office than the account may see). */
int case_load(struct case_page *page, const char *receipt);

/* ja or en by lang, the other when it is empty. */
const char *page_label(enum language lang, const char *ja, const char *en);
/* A stored value as the account reads it (choice labels in its
 * language): malloced. */
char *page_value_text(enum language lang, const struct field *field,
		      const char *stored);
/* The terminal's sentences for app's problems, into page->errors. */
void case_problems(struct case_page *page, const struct intake_case *app);
/* One message into page->errors (text, NUL-free; trailing newline
 * dropped). */
void case_error(struct case_page *page, const char *text);
/* The stored answer of field id, NULL when none. */
const char *case_answer(const struct store_application *stored, const char *id);
/* The request of a post on the case (its reason), in the account's
 * name and language. */
void case_request(const struct case_page *page, const struct post_form *form,
		  struct lifecycle_request *request);
/* 303 back to the case (a post stored what it was asked). */
void case_back(struct case_page *page);
/* The case page with page->errors, of status. */
void case_show(struct case_page *page, int status);

/* The amendment form (page_amend.c): GET, and a POST of form. */
void amend_form(struct case_page *page, const struct post_form *form,
		const struct intake_case *app, int status);
void amend_post(struct case_page *page, const struct post_form *form);

#endif
