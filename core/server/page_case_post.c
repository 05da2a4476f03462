/* The posts that work a stored case: record an outcome, withdraw,
 * reopen, void an outcome, add a memo (amend in page_amend.c). */
#include "page_case.h"

#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "lifecycle.h"
#include "outcome.h"
#include "value.h"

void case_back(struct case_page *page)
{
	char *location = xstrfmt("/case/%s", page->stored.receipt);

	page_redirect(page->res, location);
	free(location);
}

/* The end of a lifecycle post: rc 0 back to the case, 1 the case with
 * why (422), -1 500. */
static void lifecycle_done(struct case_page *page, int rc, char *why)
{
	if (rc < 0)
		pages_error(page->ctx, 500, page->res);
	else if (rc > 0) {
		case_error(page, why);
		case_show(page, 422);
	} else
		case_back(page);
	free(why);
}

static void lifecycle_post(struct case_page *page, const struct post_form *form,
			   const char *action)
{
	enum language lang = page->in->language;
	struct lifecycle_request request;
	char *why = NULL;
	int rc;

	case_request(page, form, &request);
	if (!strcmp(action, "withdraw") || !strcmp(action, "reopen")) {
		rc = lifecycle_set_withdrawn(&request,
					     !strcmp(action, "withdraw"), &why);
	} else if (!strcmp(action, "void")) {
		rc = lifecycle_void(&request, post_get(form, "outcome"), &why);
	} else {
		request.reason_word = msg_in(lang, MSG_CMD_NOTE_WORD);
		rc = lifecycle_note(&request, post_get(form, "text"), &why);
	}
	lifecycle_done(page, rc, why);
}

/* The outcome of code, or NULL after saying which the programme has. */
static const struct intake_outcome *posted_outcome(struct case_page *page,
						   const char *code)
{
	char *why;
	const struct intake_outcome *outcome = outcome_find(
	    page->programme, code, page->in->language, &why);

	if (!outcome) {
		case_error(page, why);
		free(why);
	}
	return outcome;
}

/* Date, amount and note of the post into request: 0, or -1 with the
 * reasons in page->errors. */
static int outcome_fields(struct case_page *page, const struct post_form *form,
			  struct outcome_request *request)
{
	enum language lang = page->in->language;
	const char *date = post_get(form, "date");
	const char *amount = post_get(form, "amount");
	const char *note = post_get(form, "note");
	char *expected = NULL, *why;
	int ok = 1;

	request->date = today_yyyymmdd();
	if (date && *date &&
	    lifecycle_parse_date(date, &request->date, &expected)) {
		why = xstrfmt(msg_in(lang, MSG_PAGE_CASE_BAD_DATE), date,
			      expected);
		case_error(page, why);
		free(why);
		free(expected);
		ok = 0;
	}
	request->has_amount = amount && *amount;
	if (request->has_amount &&
	    lifecycle_parse_amount(amount, &request->amount, &expected)) {
		why = xstrfmt(msg_in(lang, MSG_PAGE_CASE_BAD_AMOUNT), amount,
			      expected);
		case_error(page, why);
		free(why);
		free(expected);
		ok = 0;
	}
	request->note = note && *note ? note : NULL;
	if (request->note &&
	    (why = lifecycle_text_problem(lang, msg_in(lang, MSG_CMD_NOTE_WORD),
					  note))) {
		case_error(page, why);
		free(why);
		ok = 0;
	}
	return ok ? 0 : -1;
}

static void outcome_post(struct case_page *page, const struct post_form *form)
{
	struct outcome_request request = {0};
	struct intake_case app;
	int rc;

	request.staff = page->in->session.name;
	request.outcome = posted_outcome(page, post_get(form, "code"));
	if (!request.outcome || outcome_fields(page, form, &request)) {
		case_show(page, 422);
		return;
	}
	rc = outcome_check(&app, page->programme, &page->stored, &request, 1);
	if (!rc)
		rc = outcome_record(page->in->store, &app, &page->stored,
				    &request);
	if (rc < 0 && !app.n_problems)
		pages_error(page->ctx, 500, page->res);
	else if (rc) {
		case_problems(page, &app);
		case_show(page, 422);
	} else
		case_back(page);
	application_release(&app);
}

static int known_action(const char *action)
{
	static const char *const actions[] = {"outcome", "amend", "withdraw",
					      "reopen",	 "void",  "note"};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(actions); i++)
		if (!strcmp(action, actions[i]))
			return 1;
	return 0;
}

static void run_post(struct case_page *page, const struct post_form *form,
		     const char *action)
{
	int needs_programme =
	    !strcmp(action, "outcome") || !strcmp(action, "amend");

	if (needs_programme && !page->programme)
		pages_error(page->ctx, 404, page->res);
	else if (!strcmp(action, "outcome"))
		outcome_post(page, form);
	else if (!strcmp(action, "amend"))
		amend_post(page, form);
	else
		lifecycle_post(page, form, action);
}

void post_case(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res)
{
	struct case_page page;
	struct post_form form = {0};
	char receipt[RECEIPT_MAX];
	const char *action;

	if (case_split_rest(req->rest, receipt, &action) ||
	    !known_action(action)) {
		pages_error(ctx, 404, res);
		return;
	}
	if (page_post(ctx, req, in, &form, res))
		return;
	case_page_init(&page, ctx, req, in, res);
	if (!case_load(&page, receipt)) {
		run_post(&page, &form, action);
		store_application_release(&page.stored);
	}
	strbuf_release(&page.errors);
	post_release(&form);
}
