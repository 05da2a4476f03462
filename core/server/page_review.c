/* The end of an entry in the browser: the review (answers with labels,
 * derived values, the plugin's problems, the same person's earlier
 * applications to link), the confirm that takes the case, and the
 * receipt (受付票) to print on A4. */
#include "page_entry.h"

#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "page_form.h"
#include "page_home.h"
#include "plugin.h"
#include "take.h"
#include "value.h"

/* The same person's earlier applications, as the counter offers them. */
struct person_match {
	char *receipt, *shown;
};

struct person_matches {
	struct person_match *matches;
	size_t n, alloc;
};

static int collect_person(const struct store_application *app, void *ctx)
{
	struct person_matches *matches = ctx;
	struct strbuf shown = STRBUF_INIT;
	size_t i;

	ALLOC_GROW(matches->matches, matches->n + 1, matches->alloc);
	strbuf_addf(&shown, "%s  %s  ", app->receipt, app->programme);
	for (i = 0; i < app->n_outcomes; i++)
		strbuf_addf(&shown, "%s%s", i ? "," : "",
			    app->outcomes[i].code);
	matches->matches[matches->n].receipt = xstrdup(app->receipt);
	matches->matches[matches->n++].shown = strbuf_detach(&shown);
	return 0;
}

static void matches_release(struct person_matches *matches)
{
	size_t i;

	for (i = 0; i < matches->n; i++) {
		free(matches->matches[i].receipt);
		free(matches->matches[i].shown);
	}
	free(matches->matches);
}

/* The radios name="link": each match, then "none" (checked). */
static void link_choices(struct strbuf *sb,
			 const struct person_matches *matches)
{
	size_t i;

	strbuf_addstr(sb, "<fieldset><legend>");
	html_escape(sb, msg(MSG_PAGE_SAME_PERSON));
	strbuf_addstr(sb, "</legend>\n");
	for (i = 0; i < matches->n; i++) {
		strbuf_addstr(sb, "<label><input type=\"radio\" name=\"link\""
				  " value=\"");
		html_escape(sb, matches->matches[i].receipt);
		strbuf_addstr(sb, "\"> ");
		html_escape(sb, matches->matches[i].shown);
		strbuf_addstr(sb, "</label><br>\n");
	}
	strbuf_addstr(sb, "<label><input type=\"radio\" name=\"link\""
			  " value=\"none\" checked> ");
	html_escape(sb, msg(MSG_PAGE_NO_LINK));
	strbuf_addstr(sb, "</label></fieldset>\n");
}

static void back_link(struct strbuf *sb, long long id)
{
	strbuf_addf(sb, "<p><a href=\"/draft/%lld\">", id);
	html_escape(sb, msg(MSG_PAGE_BACK_TO_FORM));
	strbuf_addstr(sb, "</a></p>\n");
}

/* The confirm form of a checked application. */
static void confirm_form(struct signed_in *in, struct draft_page *page,
			 struct strbuf *sb)
{
	struct person_matches matches = {0};

	strbuf_addf(sb, "<form method=\"post\" action=\"/draft/%lld/confirm\">",
		    page->id);
	page_csrf_input(sb, in);
	strbuf_addch(sb, '\n');
	if (!draft_same_person(in->store, &page->app, collect_person,
			       &matches) && matches.n)
		link_choices(sb, &matches);
	strbuf_addstr(sb, "<p><button>");
	html_escape(sb, msg(MSG_PAGE_CONFIRM));
	strbuf_addstr(sb, "</button></p></form>\n");
	matches_release(&matches);
}

int page_plugin_failed(const struct intake_case *app)
{
	size_t i;
	int status = 0;

	for (i = 0; i < app->n_problems; i++) {
		const char *rule = app->problems[i].rule;

		if (rule && !strcmp(rule, "plugin_crashed"))
			status = 500;
		else if (rule && !strcmp(rule, "plugin_timed_out") && !status)
			status = 503;
	}
	return status;
}

void get_review(struct pages_context *ctx, const struct page_request *req,
		struct signed_in *in, struct draft_page *page,
		struct page_response *res)
{
	struct strbuf *sb = &res->body;
	int refused = application_check(&page->app) != 0;
	int failed = page_plugin_failed(&page->app);

	res->status = failed ? failed : 200;
	page_top(req, in, res, msg(MSG_PAGE_REVIEW_TITLE));
	strbuf_addstr(sb, "<h2>");
	html_escape(sb, programme_title(page->programme));
	strbuf_addstr(sb, "</h2>\n");
	/* a failed plugin is not the answers' fault: nothing to fix */
	if (refused && !failed)
		page_error_text(res, msg(MSG_PAGE_RULES_FAILED));
	if (refused)
		page_form_other_problems(sb, &page->app);
	page_answers_table(sb, &page->app, in->language);
	if (!refused)
		confirm_form(in, page, sb);
	back_link(sb, page->id);
	page_end(res);
}

/* Is receipt one of the same person's applications? */
static int offered(struct signed_in *in, const struct intake_case *app,
		   const char *receipt)
{
	struct person_matches matches = {0};
	size_t i;
	int found = 0;

	if (!draft_same_person(in->store, app, collect_person, &matches))
		for (i = 0; i < matches.n && !found; i++)
			found = !strcmp(matches.matches[i].receipt, receipt);
	matches_release(&matches);
	return found;
}

void post_confirm(struct pages_context *ctx, const struct page_request *req,
		  struct signed_in *in, const struct post_form *form,
		  struct draft_page *page, struct page_response *res)
{
	const char *link = post_get(form, "link");
	struct take take = {0};
	char *receipt = NULL, *location;

	if (link && !strcmp(link, "none"))
		link = NULL;
	if (application_check(&page->app)) {
		location = xstrfmt("/draft/%lld/review", page->id);
		page_redirect(res, location);
		free(location);
		return;
	}
	if (link && !offered(in, &page->app, link)) {
		pages_error(ctx, 400, res);
		return;
	}
	take.office = in->session.office ? in->session.office
					 : ctx->config->office;
	take.staff = in->session.name;
	take.draft_id = page->id;
	take.link_receipt = link;
	if (take_case(in->store, &page->app, &take, &receipt)) {
		pages_error(ctx, 500, res);
		return;
	}
	location = xstrfmt("/receipt/%s", receipt);
	page_redirect(res, location);
	free(location);
	free(receipt);
}

/* --- the receipt --- */

static void receipt_item(struct strbuf *sb, const char *label,
			 const char *value, const char *class)
{
	strbuf_addstr(sb, "<dt>");
	html_escape(sb, label);
	strbuf_addf(sb, "</dt><dd class=\"%s\">", class);
	html_escape(sb, value && *value ? value : "-");
	strbuf_addstr(sb, "</dd>\n");
}

static const char *answer_of(const struct store_application *app,
			     const char *field)
{
	size_t i;

	for (i = 0; i < app->n_answers; i++)
		if (!strcmp(app->answers[i].field, field))
			return app->answers[i].value;
	return NULL;
}

static void receipt_page(struct pages_context *ctx,
			 const struct page_request *req, struct signed_in *in,
			 const struct store_application *app,
			 struct page_response *res)
{
	const struct programme *programme =
		registry_find(ctx->registry, app->programme);
	struct strbuf *sb = &res->body;
	char received[11];

	date_to_iso(app->received_on, received);
	res->status = 200;
	page_top(req, in, res, msg(MSG_PAGE_RECEIPT_TITLE));
	strbuf_addstr(sb, "<div class=\"receipt\"><dl>\n");
	receipt_item(sb, msg(MSG_PAGE_RECEIPT), app->receipt, "number");
	receipt_item(sb, msg(MSG_PAGE_PROGRAMME),
		     programme ? programme_title(programme) : app->programme,
		     "programme");
	receipt_item(sb, msg(MSG_PAGE_RECEIVED), received, "received");
	receipt_item(sb, msg(MSG_PAGE_RECEIVED_AT), app->office, "office");
	receipt_item(sb, msg(MSG_PAGE_STAFF), app->staff, "staff");
	receipt_item(sb, msg(MSG_PAGE_APPLICANT), answer_of(app, "name"),
		     "name");
	strbuf_addstr(sb, "</dl></div>\n<p class=\"noprint\">"
			  "<button type=\"button\" id=\"print\" hidden>");
	html_escape(sb, msg(MSG_PAGE_PRINT));
	strbuf_addstr(sb, "</button> <a href=\"/\">");
	html_escape(sb, msg(MSG_PAGE_HOME));
	strbuf_addstr(sb, "</a></p>\n<script src=\"/entry.js\"></script>\n");
	page_end(res);
}

void get_receipt(struct pages_context *ctx, const struct page_request *req,
		 struct signed_in *in, struct page_response *res)
{
	struct store_application app = {0};
	int rc = store_get_application(in->store, req->rest, &app);

	if (rc)
		pages_error(ctx, rc > 0 ? 404 : 500, res);
	else if (!page_sees_office(in, app.office) &&
		 (!app.staff || strcmp(app.staff, in->session.name)))
		page_refuse(ctx, req, in, res);
	else
		receipt_page(ctx, req, in, &app, res);
	store_application_release(&app);
}
