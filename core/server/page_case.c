/* The page of a stored case (GET /case/RECEIPT): answers, outcomes,
 * links, memos, history, and the forms that work it. */
#include "page_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "form.h"
#include "lifecycle.h"
#include "outcome.h"
#include "page_home.h"
#include "value.h"

const char *page_label(enum language lang, const char *ja, const char *en)
{
	return msg_pick_in(lang, ja, en);
}

/* The label of choice code of field in lang (the code when unknown). */
static const char *choice_text(enum language lang, const struct field *field,
			       const char *code)
{
	const struct choice *choice = field_choice(field, code);

	return choice ? page_label(lang, choice->label_ja, choice->label_en)
		      : code;
}

char *page_value_text(enum language lang, const struct field *field,
		      const char *stored)
{
	struct strbuf text = STRBUF_INIT;
	char *codes, *code, *next;

	if (!field)
		return xstrdup(stored);
	if (field->type == FIELD_CHOICE)
		return xstrdup(choice_text(lang, field, stored));
	if (field->type != FIELD_MULTI)
		return value_format(field, stored);
	codes = xstrdup(stored);
	for (code = codes; code; code = next) {
		next = strchr(code, ',');
		if (next)
			*next++ = '\0';
		strbuf_addf(&text, "%s%s", text.len ? ", " : "",
			    choice_text(lang, field, code));
	}
	free(codes);
	return strbuf_detach(&text);
}

void case_error(struct case_page *page, const char *text)
{
	size_t len = strlen(text);
	char *line = xstrdup(text);

	while (len && line[len - 1] == '\n')
		line[--len] = '\0';
	strbuf_addstr(&page->errors, "<p class=\"error\" role=\"alert\">");
	html_escape(&page->errors, line);
	strbuf_addstr(&page->errors, "</p>\n");
	free(line);
}

void case_problems(struct case_page *page, const struct intake_case *app)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < app->n_problems; i++) {
		strbuf_reset(&line);
		if (application_problem_sentence(app, i, &line))
			case_error(page, strbuf_str(&line));
	}
	strbuf_release(&line);
}

/* <tr><th>label</th><td>value</td></tr> */
static void item_row(struct strbuf *sb, const char *label, const char *value)
{
	strbuf_addstr(sb, "<tr><th>");
	html_escape(sb, label);
	strbuf_addstr(sb, "</th>");
	page_cell(sb, value);
	strbuf_addstr(sb, "</tr>\n");
}

static void heading(struct strbuf *sb, enum language lang, enum msg_id id)
{
	strbuf_addstr(sb, "<h2>");
	html_escape(sb, msg_in(lang, id));
	strbuf_addstr(sb, "</h2>\n");
}

static void show_summary(struct case_page *page)
{
	const struct store_application *app = &page->stored;
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	char date[11];

	date_to_iso(app->received_on, date);
	strbuf_addstr(sb, "<table class=\"case\">\n");
	item_row(sb, msg_in(lang, MSG_PAGE_RECEIPT), app->receipt);
	item_row(sb, msg_in(lang, MSG_PAGE_PROGRAMME),
		 page->programme
		     ? page_label(lang, page->programme->plugin->title_ja,
				  page->programme->plugin->title_en)
		     : app->programme);
	item_row(sb, msg_in(lang, MSG_PAGE_RECEIVED), date);
	item_row(sb, msg_in(lang, MSG_PAGE_STATUS),
		 programme_outcome_label(page->programme, app->status, lang));
	item_row(sb, msg_in(lang, MSG_PAGE_CASE_OFFICE), app->office);
	item_row(sb, msg_in(lang, MSG_PAGE_CASE_STAFF), app->staff);
	strbuf_addstr(sb, "</table>\n");
}

const char *case_answer(const struct store_application *app, const char *id)
{
	size_t i;

	for (i = 0; i < app->n_answers; i++)
		if (!strcmp(app->answers[i].field, id))
			return app->answers[i].value;
	return NULL;
}

static void answer_row(struct strbuf *sb, enum language lang,
		       const struct field *field, const char *value)
{
	char *text = page_value_text(lang, field, value);
	char *label;

	if (field->derived)
		label = xstrfmt(
		    "%s %s", page_label(lang, field->label_ja, field->label_en),
		    msg_in(lang, MSG_PAGE_CASE_DERIVED));
	else
		label =
		    xstrdup(page_label(lang, field->label_ja, field->label_en));
	item_row(sb, label, text);
	free(label);
	free(text);
}

/* The answers in form order, then any the form no longer has. */
static void show_answers(struct case_page *page)
{
	const struct store_application *app = &page->stored;
	const struct form *form =
	    page->programme ? &page->programme->form : NULL;
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	const char *value;
	size_t i;

	heading(sb, lang, MSG_PAGE_CASE_ANSWERS);
	strbuf_addstr(sb, "<table class=\"answers\">\n");
	for (i = 0; form && i < form->n_fields; i++)
		if ((value = case_answer(app, form->fields[i].id)))
			answer_row(sb, lang, &form->fields[i], value);
	for (i = 0; i < app->n_answers; i++)
		if (!form || !form_field(form, app->answers[i].field))
			item_row(sb, app->answers[i].field,
				 app->answers[i].value);
	strbuf_addstr(sb, "</table>\n");
}

static void outcome_row(struct case_page *page,
			const struct store_outcome *outcome)
{
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	struct field yen = {0};
	char date[11], number[32], amount[32], *text, *voided;

	snprintf(number, sizeof(number), "#%lld", outcome->id);
	date_to_iso(outcome->occurred_on, date);
	yen.id = (char *)"amount";
	yen.type = FIELD_YEN;
	snprintf(amount, sizeof(amount), "%lld", outcome->amount);
	text = outcome->has_amount ? value_format(&yen, amount) : NULL;
	strbuf_addf(sb, "<tr%s>",
		    outcome->voided_at ? " class=\"voided\"" : "");
	page_cell(sb, number);
	page_cell(sb, date);
	page_cell(sb,
		  programme_outcome_label(page->programme, outcome->code, lang));
	page_cell(sb, text);
	page_cell(sb, outcome->note);
	voided = outcome->voided_at
		     ? xstrfmt(msg_in(lang, MSG_PAGE_CASE_VOIDED),
			       outcome->void_reason ? outcome->void_reason : "")
		     : NULL;
	page_cell(sb, voided);
	strbuf_addstr(sb, "</tr>\n");
	free(voided);
	free(text);
}

static void show_outcomes(struct case_page *page)
{
	static const enum msg_id columns[] = {
	    MSG_PAGE_CASE_NUMBER, MSG_PAGE_CASE_DATE, MSG_PAGE_CASE_OUTCOME,
	    MSG_PAGE_CASE_AMOUNT, MSG_PAGE_CASE_NOTE, MSG_PAGE_STATUS};
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	size_t i;

	heading(sb, lang, MSG_PAGE_CASE_OUTCOMES);
	if (!page->stored.n_outcomes) {
		strbuf_addstr(sb, "<p>");
		html_escape(sb, msg_in(lang, MSG_PAGE_CASE_NO_OUTCOMES));
		strbuf_addstr(sb, "</p>\n");
		return;
	}
	page_table_head(sb, lang, columns, ARRAY_SIZE(columns));
	for (i = 0; i < page->stored.n_outcomes; i++)
		outcome_row(page, &page->stored.outcomes[i]);
	strbuf_addstr(sb, "</table>\n");
}

/* <form method="post" action="/case/RECEIPT/action"> with the token. */
static void form_begin(struct case_page *page, const char *action)
{
	struct strbuf *sb = &page->res->body;

	strbuf_addstr(sb, "<form method=\"post\" action=\"/case/");
	html_escape(sb, page->stored.receipt);
	strbuf_addf(sb, "/%s\">", action);
	page_csrf_input(sb, page->in);
	strbuf_addstr(sb, "\n");
}

/* <p><label>label <input name="name"></label></p> */
static void text_input(struct strbuf *sb, const char *label, const char *name,
		       const char *hint, int area)
{
	strbuf_addstr(sb, "<p><label>");
	html_escape(sb, label);
	strbuf_addf(sb, area ? " <textarea name=\"%s\"" : " <input name=\"%s\"",
		    name);
	if (hint) {
		strbuf_addstr(sb, " placeholder=\"");
		html_escape(sb, hint);
		strbuf_addstr(sb, "\"");
	}
	strbuf_addstr(sb,
		      area ? "></textarea></label></p>\n" : "></label></p>\n");
}

static void form_end(struct strbuf *sb, const char *button)
{
	strbuf_addstr(sb, "<p><button>");
	html_escape(sb, button);
	strbuf_addstr(sb, "</button></p></form>\n");
}

/* The outcomes the programme allows today, as a select. */
static size_t outcome_options(struct case_page *page, int draw)
{
	const struct intake_plugin *plugin = page->programme->plugin;
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	long today = today_yyyymmdd();
	size_t i, n = 0;

	for (i = 0; i < plugin->n_outcomes; i++) {
		const struct intake_outcome *outcome = &plugin->outcomes[i];

		if (!outcome_offered(page->programme, &page->stored, outcome,
				     today))
			continue;
		if (!draw) {
			n++;
			continue;
		}
		if (!n++) {
			strbuf_addstr(sb, "<p><label>");
			html_escape(sb, msg_in(lang, MSG_PAGE_CASE_OUTCOME));
			strbuf_addstr(sb, " <select name=\"code\">");
		}
		strbuf_addstr(sb, "<option value=\"");
		html_escape(sb, outcome->code);
		strbuf_addstr(sb, "\">");
		html_escape(
		    sb, page_label(lang, outcome->label_ja, outcome->label_en));
		strbuf_addstr(sb, "</option>");
	}
	if (n && draw)
		strbuf_addstr(sb, "</select></label></p>\n");
	return n;
}

static void record_form(struct case_page *page)
{
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	char *none;

	heading(sb, lang, MSG_PAGE_CASE_RECORD);
	if (!outcome_options(page, 0)) {
		none = xstrfmt(msg_in(lang, MSG_CMD_OUTCOME_NONE_ALLOWED),
			       page->stored.receipt);
		strbuf_addstr(sb, "<p>");
		html_escape(sb, none);
		strbuf_addstr(sb, "</p>\n");
		free(none);
		return;
	}
	form_begin(page, "outcome");
	outcome_options(page, 1);
	text_input(sb, msg_in(lang, MSG_PAGE_CASE_DATE), "date",
		   msg_in(lang, MSG_PAGE_CASE_DATE_HINT), 0);
	text_input(sb, msg_in(lang, MSG_PAGE_CASE_AMOUNT), "amount",
		   msg_in(lang, MSG_PAGE_CASE_AMOUNT_HINT), 0);
	text_input(sb, msg_in(lang, MSG_PAGE_CASE_NOTE), "note", NULL, 1);
	form_end(sb, msg_in(lang, MSG_PAGE_CASE_RECORD));
}

/* Void: the outcomes that still count, as a select, and a reason. */
static void void_form(struct case_page *page)
{
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	size_t i, n = 0;

	for (i = 0; i < page->stored.n_outcomes; i++)
		n += !page->stored.outcomes[i].voided_at;
	if (!n)
		return;
	heading(sb, lang, MSG_PAGE_CASE_VOID);
	form_begin(page, "void");
	strbuf_addstr(sb, "<p><label>");
	html_escape(sb, msg_in(lang, MSG_PAGE_CASE_OUTCOME));
	strbuf_addstr(sb, " <select name=\"outcome\">");
	for (i = 0; i < page->stored.n_outcomes; i++) {
		const struct store_outcome *outcome = &page->stored.outcomes[i];
		char date[11];

		if (outcome->voided_at)
			continue;
		date_to_iso(outcome->occurred_on, date);
		strbuf_addf(sb, "<option value=\"%lld\">#%lld ", outcome->id,
			    outcome->id);
		html_escape(sb, programme_outcome_label(page->programme,
							outcome->code, lang));
		strbuf_addf(sb, " %s</option>", date);
	}
	strbuf_addstr(sb, "</select></label></p>\n");
	text_input(sb, msg_in(lang, MSG_PAGE_CASE_REASON), "reason", NULL, 1);
	form_end(sb, msg_in(lang, MSG_PAGE_CASE_VOID));
}

static void withdraw_form(struct case_page *page)
{
	enum language lang = page->in->language;
	int withdrawn = !strcmp(page->stored.status, "withdrawn");
	enum msg_id what =
	    withdrawn ? MSG_PAGE_CASE_REOPEN : MSG_PAGE_CASE_WITHDRAW;

	heading(&page->res->body, lang, what);
	form_begin(page, withdrawn ? "reopen" : "withdraw");
	text_input(&page->res->body, msg_in(lang, MSG_PAGE_CASE_REASON),
		   "reason", NULL, 1);
	form_end(&page->res->body, msg_in(lang, what));
}

static void show_links(struct case_page *page)
{
	struct strbuf *sb = &page->res->body;
	size_t i;

	if (!page->stored.n_links)
		return;
	heading(sb, page->in->language, MSG_PAGE_CASE_LINKS);
	strbuf_addstr(sb, "<ul>\n");
	for (i = 0; i < page->stored.n_links; i++) {
		const struct store_link *link = &page->stored.links[i];

		strbuf_addstr(sb, "<li><a href=\"/case/");
		html_escape(sb, link->receipt);
		strbuf_addstr(sb, "\">");
		html_escape(sb, link->receipt);
		strbuf_addstr(sb, "</a> (");
		html_escape(sb, link->programme);
		strbuf_addstr(sb, ")");
		if (link->note) {
			strbuf_addstr(sb, " ");
			html_escape(sb, link->note);
		}
		strbuf_addstr(sb, "</li>\n");
	}
	strbuf_addstr(sb, "</ul>\n");
}

static void show_memos(struct case_page *page)
{
	enum language lang = page->in->language;
	struct strbuf *sb = &page->res->body;
	char when[32];
	size_t i;

	heading(sb, lang, MSG_PAGE_CASE_MEMOS);
	if (page->stored.n_notes)
		strbuf_addstr(sb, "<ul class=\"memos\">\n");
	for (i = 0; i < page->stored.n_notes; i++) {
		const struct store_note *note = &page->stored.notes[i];

		utc_to_local(note->at, when, sizeof(when));
		strbuf_addstr(sb, "<li>");
		html_escape(sb, when);
		strbuf_addstr(sb, " ");
		html_escape(sb, note->staff);
		strbuf_addstr(sb, ": ");
		html_escape(sb, note->text);
		strbuf_addstr(sb, "</li>\n");
	}
	if (page->stored.n_notes)
		strbuf_addstr(sb, "</ul>\n");
	form_begin(page, "note");
	text_input(sb, msg_in(lang, MSG_PAGE_CASE_NOTE), "text", NULL, 1);
	form_end(sb, msg_in(lang, MSG_PAGE_CASE_ADD_MEMO));
}

static int history_row(const struct store_history *row, void *context)
{
	struct strbuf *sb = context;
	char when[32];

	utc_to_local(row->at, when, sizeof(when));
	strbuf_addstr(sb, "<tr>");
	page_cell(sb, when);
	page_cell(sb, row->staff);
	page_cell(sb, row->action);
	page_cell(sb, row->before);
	page_cell(sb, row->after);
	strbuf_addstr(sb, "</tr>\n");
	return 0;
}

/* The audit rows of the case, for managers. */
static void show_history(struct case_page *page)
{
	static const enum msg_id columns[] = {
	    MSG_PAGE_CASE_WHEN, MSG_PAGE_CASE_STAFF, MSG_PAGE_CASE_ACTION,
	    MSG_PAGE_CASE_BEFORE, MSG_PAGE_CASE_AFTER};
	enum language lang = page->in->language;
	struct strbuf rows = STRBUF_INIT;

	if (page->in->role < ROLE_MANAGER)
		return;
	heading(&page->res->body, lang, MSG_PAGE_CASE_HISTORY);
	if (store_history(page->in->store, page->stored.id, history_row,
			  &rows)) {
		page_error_text(page->res, msg_in(lang, MSG_PAGE_STORE_FAILED));
	} else {
		page_table_head(&page->res->body, lang, columns,
				ARRAY_SIZE(columns));
		strbuf_addstr(&page->res->body, strbuf_str(&rows));
		strbuf_addstr(&page->res->body, "</table>\n");
	}
	strbuf_release(&rows);
}

static void amend_link(struct case_page *page)
{
	struct strbuf *sb = &page->res->body;

	strbuf_addstr(sb, "<p><a href=\"/case/");
	html_escape(sb, page->stored.receipt);
	strbuf_addstr(sb, "/amend\">");
	html_escape(sb, msg_in(page->in->language, MSG_PAGE_CASE_AMEND));
	strbuf_addstr(sb, "</a></p>\n");
}

void case_show(struct case_page *page, int status)
{
	page->res->status = status;
	page_top(page->req, page->in, page->res, page->stored.receipt);
	strbuf_addstr(&page->res->body, strbuf_str(&page->errors));
	show_summary(page);
	show_answers(page);
	if (page->programme)
		amend_link(page);
	show_outcomes(page);
	if (page->programme)
		record_form(page);
	void_form(page);
	withdraw_form(page);
	show_links(page);
	show_memos(page);
	show_history(page);
	page_end(page->res);
}

int case_split_rest(const char *rest, char receipt[RECEIPT_MAX],
		    const char **action)
{
	const char *slash = strchr(rest, '/');
	size_t i, len = slash ? (size_t)(slash - rest) : strlen(rest);

	if (!len || len >= RECEIPT_MAX)
		return -1;
	for (i = 0; i < len; i++) {
		char c = rest[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return -1;
	}
	memcpy(receipt, rest, len);
	receipt[len] = '\0';
	*action = slash ? slash + 1 : "";
	return strchr(*action, '/') ? -1 : 0;
}

int case_load(struct case_page *page, const char *receipt)
{
	struct signed_in *in = page->in;
	const char *pairs[8] = {
	    "method",  page->req->method, "path",   page->req->path,
	    "receipt", receipt,		  "office", NULL};
	int rc = store_get_application(in->store, receipt, &page->stored);

	if (rc)
		return pages_error(page->ctx, rc > 0 ? 404 : 500, page->res),
		       -1;
	if (!page_sees_office(in, page->stored.office)) {
		pairs[7] = page->stored.office ? page->stored.office : "";
		store_audit_event(in->store, in->session.name, "forbidden",
				  pairs, ARRAY_SIZE(pairs) / 2);
		store_application_release(&page->stored);
		return pages_error(page->ctx, 403, page->res), -1;
	}
	page->programme =
	    registry_find(page->ctx->registry, page->stored.programme);
	return 0;
}

void case_request(const struct case_page *page, const struct post_form *form,
		  struct lifecycle_request *request)
{
	enum language lang = page->in->language;

	memset(request, 0, sizeof(*request));
	request->store = page->in->store;
	request->stored = &page->stored;
	request->lang = lang;
	request->staff = page->in->session.name;
	request->reason = post_get(form, "reason");
	request->reason_word = msg_in(lang, MSG_PAGE_CASE_REASON);
}

void case_page_init(struct case_page *page, struct pages_context *ctx,
		    const struct page_request *req, struct signed_in *in,
		    struct page_response *res)
{
	memset(page, 0, sizeof(*page));
	page->ctx = ctx;
	page->req = req;
	page->in = in;
	page->res = res;
	strbuf_init(&page->errors);
}

void get_case(struct pages_context *ctx, const struct page_request *req,
	      struct signed_in *in, struct page_response *res)
{
	struct case_page page;
	char receipt[RECEIPT_MAX];
	const char *action;

	if (case_split_rest(req->rest, receipt, &action) ||
	    (*action && strcmp(action, "amend"))) {
		pages_error(ctx, 404, res);
		return;
	}
	case_page_init(&page, ctx, req, in, res);
	if (case_load(&page, receipt)) {
		strbuf_release(&page.errors);
		return;
	}
	if (!*action)
		case_show(&page, 200);
	else if (page.programme)
		amend_form(&page, NULL, NULL, 200);
	else
		pages_error(ctx, 404, res);
	store_application_release(&page.stored);
	strbuf_release(&page.errors);
}
