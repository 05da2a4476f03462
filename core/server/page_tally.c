/* The fiscal year's outcome counts against targets, as `intake tally
 * --fy` counts them, for managers. */
#include "page_case.h"

#include <stdio.h>
#include <stdlib.h>

#include "page_home.h"
#include "period.h"
#include "tally.h"
#include "value.h"

struct tally_page {
	struct strbuf *sb;
	enum language lang;
};

static void number_cell(struct strbuf *sb, long long value)
{
	strbuf_addf(sb, "<td class=\"number\">%lld</td>", value);
}

static int tally_row(const struct tally_line *line, void *context)
{
	struct tally_page *page = context;
	const struct intake_plugin *plugin = line->programme->plugin;
	struct strbuf *sb = page->sb;
	char achievement[32];

	strbuf_addstr(sb, "<tr>");
	page_cell(sb,
		  page_label(page->lang, plugin->title_ja, plugin->title_en));
	page_cell(sb, page_label(page->lang, line->outcome->label_ja,
				 line->outcome->label_en));
	number_cell(sb, line->events);
	number_cell(sb, line->applications);
	if (line->has_amount)
		number_cell(sb, line->amount);
	else
		page_cell(sb, NULL);
	if (line->has_target)
		number_cell(sb, line->target);
	else
		page_cell(sb, NULL);
	snprintf(achievement, sizeof(achievement), "%lld.%02lld",
		 line->achievement / 100, line->achievement % 100);
	page_cell(sb, line->achievement < 0 ? NULL : achievement);
	strbuf_addstr(sb, "</tr>\n");
	return 0;
}

static void tally_head(struct strbuf *sb, enum language lang)
{
	static const enum msg_id columns[] = {
	    MSG_PAGE_PROGRAMME,	       MSG_PAGE_CASE_OUTCOME,
	    MSG_PAGE_TALLY_EVENTS,     MSG_PAGE_TALLY_APPLICATIONS,
	    MSG_PAGE_CASE_AMOUNT,      MSG_PAGE_TALLY_TARGET,
	    MSG_PAGE_TALLY_ACHIEVEMENT};

	page_table_head(sb, lang, columns, ARRAY_SIZE(columns));
}

/* The fiscal year form, fy as asked. */
static void year_form(struct strbuf *sb, enum language lang, const char *fy)
{
	strbuf_addstr(sb, "<form method=\"get\" action=\"/tally\"><p><label>");
	html_escape(sb, msg_in(lang, MSG_PAGE_TALLY_FY));
	strbuf_addstr(sb, " <input name=\"fy\" value=\"");
	html_escape(sb, fy);
	strbuf_addstr(sb, "\"></label> <button>");
	html_escape(sb, msg_in(lang, MSG_PAGE_TALLY_SHOW));
	strbuf_addstr(sb, "</button></p></form>\n");
}

static void tally_table(struct pages_context *ctx, struct signed_in *in,
			struct page_response *res, int fiscal_year)
{
	struct strbuf rows = STRBUF_INIT;
	struct tally_page page = {&rows, in->language};

	if (tally_fiscal_year_lines(in->store, ctx->registry, ctx->config,
				    fiscal_year, tally_row, &page)) {
		res->status = 500;
		page_error_text(res,
				msg_in(in->language, MSG_PAGE_STORE_FAILED));
	} else {
		tally_head(&res->body, in->language);
		strbuf_addstr(&res->body, strbuf_str(&rows));
		strbuf_addstr(&res->body, "</table>\n");
	}
	strbuf_release(&rows);
}

void get_tally(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res)
{
	enum language lang = in->language;
	int fiscal = fiscal_year(today_yyyymmdd());
	int bad = req->fy && *req->fy &&
		  period_parse_fiscal_year(req->fy, &fiscal) != PERIOD_OK;
	char *title = xstrfmt(msg_in(lang, MSG_PAGE_TALLY_TITLE), fiscal);
	char *why;

	res->status = bad ? 400 : 200;
	page_top(req, in, res, title);
	free(title);
	year_form(&res->body, lang, req->fy);
	if (bad) {
		why = xstrfmt(msg_in(lang, MSG_PAGE_TALLY_BAD_FY), req->fy);
		page_error_text(res, why);
		free(why);
	} else {
		tally_table(ctx, in, res, fiscal);
	}
	page_end(res);
}
