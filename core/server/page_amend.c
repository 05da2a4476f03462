/* Correcting a stored case in the browser: the form with the current
 * answers, and its post checked as `intake amend` checks it. */
#include "page_case.h"

#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "application.h"
#include "form.h"
#include "lifecycle.h"
#include "page_home.h"
#include "value.h"

/* What the field shows: the posted text, else the stored one. */
static const char *shown_value(const struct case_page *page,
			       const struct post_form *form, const char *id,
			       const char *stored)
{
	const char *posted = form ? post_get(form, id) : NULL;

	if (posted)
		return posted;
	return stored ? stored : "";
}

/* The reasons app gives against field id, next to it. */
static void field_problems(struct strbuf *sb, const struct intake_case *app,
			   const char *id)
{
	size_t i;

	for (i = 0; app && i < app->n_problems; i++) {
		if (!app->problems[i].field ||
		    strcmp(app->problems[i].field, id))
			continue;
		strbuf_addstr(sb, " <span class=\"error\" role=\"alert\">");
		html_escape(sb, app->problems[i].expected);
		strbuf_addstr(sb, "</span>");
	}
}

static void label_open(struct strbuf *sb, const char *label)
{
	strbuf_addstr(sb, "<p><label>");
	html_escape(sb, label);
	strbuf_addstr(sb, " ");
}

static void choice_input(struct strbuf *sb, enum language lang,
			 const struct field *field, const char *value)
{
	size_t i;

	strbuf_addstr(sb, "<select name=\"");
	html_escape(sb, field->id);
	strbuf_addstr(sb, "\"><option value=\"\">-</option>");
	for (i = 0; i < field->n_choices; i++) {
		const struct choice *choice = &field->choices[i];

		strbuf_addstr(sb, "<option value=\"");
		html_escape(sb, choice->code);
		strbuf_addf(sb, "\"%s>",
			    strcmp(choice->code, value) ? "" : " selected");
		html_escape(
		    sb, page_label(lang, choice->label_ja, choice->label_en));
		strbuf_addstr(sb, "</option>");
	}
	strbuf_addstr(sb, "</select>");
}

static void text_field(struct strbuf *sb, const char *id, const char *value,
		       int multiline)
{
	strbuf_addstr(sb, multiline ? "<textarea name=\"" : "<input name=\"");
	html_escape(sb, id);
	strbuf_addstr(sb, multiline ? "\">" : "\" value=\"");
	html_escape(sb, value);
	strbuf_addstr(sb, multiline ? "</textarea>" : "\">");
}

static void field_input(struct case_page *page, const struct post_form *form,
			const struct intake_case *app,
			const struct field *field)
{
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	const char *stored = case_answer(&page->stored, field->id);
	const char *value = shown_value(page, form, field->id, stored);
	char *text;

	label_open(sb, page_label(lang, field->label_ja, field->label_en));
	if (field->derived) {
		text = stored ? page_value_text(lang, field, stored) : NULL;
		html_escape(sb, text ? text : "-");
		strbuf_addstr(sb, " ");
		html_escape(sb, msg_in(lang, MSG_PAGE_CASE_DERIVED));
		free(text);
	} else if (field->type == FIELD_CHOICE) {
		choice_input(sb, lang, field, value);
	} else {
		text_field(sb, field->id, value, field->multiline);
	}
	strbuf_addstr(sb, "</label>");
	field_problems(sb, app, field->id);
	strbuf_addstr(sb, "</p>\n");
}

static void back_link(struct case_page *page)
{
	struct strbuf *sb = &page->res->body;
	char *text = xstrfmt(msg_in(page->in->language, MSG_PAGE_CASE_BACK),
			     page->stored.receipt);

	strbuf_addstr(sb, "<p><a href=\"/case/");
	html_escape(sb, page->stored.receipt);
	strbuf_addstr(sb, "\">");
	html_escape(sb, text);
	strbuf_addstr(sb, "</a></p>\n");
	free(text);
}

void amend_form(struct case_page *page, const struct post_form *form,
		const struct intake_case *app, int status)
{
	enum language lang = page->in->language;
	const struct form *fields = &page->programme->form;
	struct strbuf *sb = &page->res->body;
	char received[11], *title;
	size_t i;

	page->res->status = status;
	title = xstrfmt(msg_in(lang, MSG_PAGE_CASE_AMEND_TITLE),
			page->stored.receipt);
	page_top(page->req, page->in, page->res, title);
	free(title);
	strbuf_addstr(sb, strbuf_str(&page->errors));
	back_link(page);
	strbuf_addstr(sb, "<form method=\"post\" action=\"/case/");
	html_escape(sb, page->stored.receipt);
	strbuf_addstr(sb, "/amend\">");
	page_csrf_input(sb, page->in);
	date_to_iso(page->stored.received_on, received);
	label_open(sb, msg_in(lang, MSG_APP_RECEIVED_ON));
	text_field(sb, "received_on",
		   shown_value(page, form, "received_on", received), 0);
	strbuf_addstr(sb, "</label>");
	field_problems(sb, app, "received_on");
	strbuf_addstr(sb, "</p>\n");
	for (i = 0; i < fields->n_fields; i++)
		field_input(page, form, app, &fields->fields[i]);
	label_open(sb, msg_in(lang, MSG_PAGE_CASE_REASON));
	text_field(sb, "reason",
		   form ? shown_value(page, form, "reason", "") : "", 1);
	strbuf_addstr(sb, "</label></p>\n<p><button>");
	html_escape(sb, msg_in(lang, MSG_PAGE_CASE_SAVE));
	strbuf_addstr(sb, "</button></p></form>\n");
	page_end(page->res);
}

/* Answer name with value on app when it differs from what is stored
 * (the form posts every answer; only the changed ones are corrections,
 * as FIELD=VALUE operands are at the terminal). */
static void answer_posted(struct intake_case *app,
			  const struct store_application *stored,
			  const char *name, const char *value)
{
	char received[11];
	const char *before;

	if (!strcmp(name, "csrf") || !strcmp(name, "reason"))
		return;
	date_to_iso(stored->received_on, received);
	before =
	    !strcmp(name, "received_on") ? received : case_answer(stored, name);
	if (!strcmp(value, before ? before : ""))
		return;
	application_answer(app, name, value);
}

/* Stored, or nothing to store: the answer for the browser. */
static void amend_store(struct case_page *page,
			const struct lifecycle_request *request,
			const struct post_form *form, struct intake_case *app)
{
	size_t n_changes;
	char *why = NULL, *nothing;
	int rc = lifecycle_amend(request, app, &n_changes, &why);

	if (rc < 0) {
		pages_error(page->ctx, 500, page->res);
	} else if (rc > 0 || !n_changes) {
		nothing =
		    why ? why
			: xstrfmt(msg_in(request->lang, MSG_AMEND_NOTHING),
				  page->stored.receipt);
		case_error(page, nothing);
		free(nothing);
		amend_form(page, form, app, rc ? 422 : 200);
		return;
	} else {
		case_back(page);
	}
	free(why);
}

void amend_post(struct case_page *page, const struct post_form *form)
{
	struct lifecycle_request request;
	struct intake_case app;
	char *why;
	size_t i;

	case_request(page, form, &request);
	application_from_store(&app, page->programme, &page->stored);
	for (i = 0; i < form->n; i++)
		answer_posted(&app, &page->stored, form->names[i],
			      form->values[i]);
	why = lifecycle_reason_problem(&request);
	if (!app.n_problems)
		amend_check(&app, &page->stored);
	if (app.n_problems || why) {
		case_problems(page, &app);
		if (why)
			case_error(page, why);
		amend_form(page, form, &app, 422);
	} else {
		amend_store(page, &request, form, &app);
	}
	free(why);
	application_release(&app);
}
