/* The manager's /tally page: the fiscal-year report (`intake report
 * --html`) of the cases the account sees. */
#include "page_case.h"

#include <stdio.h>
#include <stdlib.h>

#include "kpi.h"
#include "page_home.h"
#include "period.h"
#include "value.h"

/* Fiscal years the page reports on. */
#define TALLY_FY_FIRST 2000
#define TALLY_FY_LAST  2100

/* The period asked for, or why it cannot be read. */
struct tally_period {
	int fiscal_year;
	long month;    /* yyyymm, 0: the whole year */
	char *problem; /* malloced; NULL when the period is readable */
};

static void year_form(struct strbuf *sb, enum language lang,
		      const struct page_request *req)
{
	strbuf_addstr(sb, "<form method=\"get\" action=\"/tally\"><p><label>");
	html_escape(sb, msg_in(lang, MSG_PAGE_TALLY_FY));
	strbuf_addstr(sb, " <input name=\"fy\" value=\"");
	html_escape(sb, req->fy);
	strbuf_addstr(sb, "\"></label> <label>");
	html_escape(sb, msg_in(lang, MSG_PAGE_TALLY_MONTH));
	strbuf_addstr(sb, " <input name=\"month\" value=\"");
	html_escape(sb, req->month);
	strbuf_addstr(sb, "\"></label> <button>");
	html_escape(sb, msg_in(lang, MSG_PAGE_TALLY_SHOW));
	strbuf_addstr(sb, "</button></p></form>\n");
}

static void read_fiscal_year(const char *fy, enum language lang,
			     struct tally_period *period)
{
	if (period_parse_fiscal_year(fy, &period->fiscal_year) != PERIOD_OK)
		period->problem =
		    xstrfmt(msg_in(lang, MSG_PAGE_TALLY_BAD_FY), fy);
	else if (period->fiscal_year < TALLY_FY_FIRST ||
		 period->fiscal_year > TALLY_FY_LAST)
		period->problem = xstrfmt(msg_in(lang, MSG_PAGE_TALLY_FY_RANGE),
					  fy, TALLY_FY_FIRST, TALLY_FY_LAST);
}

/* month as the year to the end of it; it must fall in the fiscal year
 * when one was given too. */
static void read_month(const char *month, int fy_given, enum language lang,
		       struct tally_period *period)
{
	int in_year;

	if (period_parse_month(month, &period->month) != PERIOD_OK) {
		period->problem =
		    xstrfmt(msg_in(lang, MSG_PAGE_TALLY_BAD_MONTH), month);
		return;
	}
	in_year = fiscal_year(period->month * 100 + 1);
	if (fy_given && in_year != period->fiscal_year)
		period->problem =
		    xstrfmt(msg_in(lang, MSG_PAGE_TALLY_MONTH_OUTSIDE), month,
			    period->fiscal_year);
	else if (in_year < TALLY_FY_FIRST || in_year > TALLY_FY_LAST)
		period->problem = xstrfmt(msg_in(lang, MSG_PAGE_TALLY_FY_RANGE),
					  month, TALLY_FY_FIRST, TALLY_FY_LAST);
	else
		period->fiscal_year = in_year;
}

static void read_period(const struct page_request *req, enum language lang,
			struct tally_period *period)
{
	int fy_given = req->fy && *req->fy;

	period->fiscal_year = fiscal_year(today_yyyymmdd());
	period->month = 0;
	period->problem = NULL;
	if (fy_given)
		read_fiscal_year(req->fy, lang, period);
	if (!period->problem && req->month && *req->month)
		read_month(req->month, fy_given, lang, period);
}

static void report(struct pages_context *ctx, struct signed_in *in,
		   struct page_response *res, const struct tally_period *period)
{
	struct kpi_report report;
	struct kpi_request request = {
	    .fiscal_year = period->fiscal_year,
	    .month = period->month,
	    .office = page_office_filter(in),
	    .today = today_yyyymmdd(),
	    .generated_by = in->session.name,
	};

	if (kpi_report_build(&report, in->store, ctx->registry, ctx->config,
			     &request)) {
		res->status = 500;
		page_error_text(res,
				msg_in(in->language, MSG_PAGE_STORE_FAILED));
		return;
	}
	kpi_html_body(&report, &res->body);
	kpi_report_release(&report);
}

void get_tally(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res)
{
	enum language lang = in->language;
	struct tally_period period;
	char *title;

	read_period(req, lang, &period);
	title = xstrfmt(msg_in(lang, MSG_PAGE_TALLY_TITLE), period.fiscal_year);
	res->status = period.problem ? 400 : 200;
	page_top(req, in, res, title);
	free(title);
	year_form(&res->body, lang, req);
	if (period.problem)
		page_error_text(res, period.problem);
	else
		report(ctx, in, res, &period);
	free(period.problem);
	page_end(res);
}
