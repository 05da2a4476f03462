/* The fiscal-year report as HTML: tables, inline SVG charts, A4 print. */
#include "kpi.h"

#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "plugin.h"
#include "util.h"

const char kpi_html_css[] =
    ".kpi { font-family: \"IPAPGothic\", \"IPAGothic\", sans-serif;"
    " overflow-x: auto; }\n"
    ".kpi h2 { font-size: 1.3em; margin: 0.4em 0; }\n"
    ".kpi h3 { font-size: 1.1em; margin: 0.8em 0 0.3em; }\n"
    ".kpi h4 { font-size: 1em; margin: 0.6em 0 0.2em; }\n"
    ".kpi table { border-collapse: collapse; margin: 0.3em 0 0.8em; }\n"
    ".kpi th, .kpi td { border: 1px solid #888; padding: 0.15em 0.5em;"
    " vertical-align: top; }\n"
    ".kpi thead th { background: #e6edf4; text-align: center; }\n"
    ".kpi th.kpi-row { text-align: left; font-weight: normal; }\n"
    ".kpi td.kpi-num { text-align: right; white-space: nowrap;"
    " font-variant-numeric: tabular-nums; }\n"
    ".kpi tr.kpi-received td, .kpi tr.kpi-total td,"
    " .kpi tr.kpi-total th { background: #f4f4f4; }\n"
    ".kpi .kpi-status { font-weight: bold; padding: 0 0.4em;"
    " border: 1px solid; }\n"
    ".kpi .kpi-provisional { color: #a00; }\n"
    ".kpi .kpi-final { color: #060; }\n"
    ".kpi .kpi-chart { display: block; max-width: 100%; height: auto; }\n"
    ".kpi .kpi-foot { margin-top: 1em; font-size: 0.85em; color: #333;"
    " word-break: break-all; }\n"
    ".kpi tr, .kpi .kpi-block { break-inside: avoid;"
    " page-break-inside: avoid; }\n"
    ".kpi thead { display: table-header-group; }\n"
    "@page kpi { size: A4 landscape; margin: 12mm; }\n"
    ".kpi { page: kpi; }\n"
    "@media print {\n"
    "  body { margin: 0; max-width: none; }\n"
    "  .kpi { overflow: visible; font-size: 9pt; }\n"
    "  .kpi-section + .kpi-section { break-before: page;"
    " page-break-before: always; }\n"
    "}\n";

/* The chart's size and margins, in SVG units. */
#define CHART_WIDTH  720
#define CHART_HEIGHT 260
#define CHART_LEFT   60
#define CHART_RIGHT  16
#define CHART_TOP    34
#define CHART_BOTTOM 30
#define CHART_SLOT   ((CHART_WIDTH - CHART_LEFT - CHART_RIGHT) / KPI_MONTHS)

/* value with thousands separators: 1,234,567 */
static void add_number(struct strbuf *sb, long long value)
{
	char digits[32];
	size_t len, i;

	snprintf(digits, sizeof(digits), "%lld", value);
	len = strlen(digits);
	for (i = 0; i < len; i++) {
		strbuf_addch(sb, digits[i]);
		if (digits[i] != '-' && i + 1 < len && (len - i - 1) % 3 == 0)
			strbuf_addch(sb, ',');
	}
}

static void text_cell(struct strbuf *sb, const char *text)
{
	strbuf_addstr(sb, "<td>");
	html_escape(sb, text);
	strbuf_addstr(sb, "</td>");
}

static void row_head(struct strbuf *sb, const char *text)
{
	strbuf_addstr(sb, "<th class=\"kpi-row\" scope=\"row\">");
	html_escape(sb, text);
	strbuf_addstr(sb, "</th>");
}

static void number_cell(struct strbuf *sb, long long value)
{
	strbuf_addstr(sb, "<td class=\"kpi-num\">");
	add_number(sb, value);
	strbuf_addstr(sb, "</td>");
}

static void blank_cell(struct strbuf *sb)
{
	strbuf_addstr(sb, "<td class=\"kpi-num\"></td>");
}

/* Hundredths as 1.67; blank when -1 (no target). */
static void hundredths_cell(struct strbuf *sb, long long hundredths)
{
	if (hundredths < 0)
		blank_cell(sb);
	else
		strbuf_addf(sb, "<td class=\"kpi-num\">%lld.%02lld</td>",
			    hundredths / 100, hundredths % 100);
}

/* The difference from the year before, signed: +2, -1, 0. */
static void change_cell(struct strbuf *sb, long long change)
{
	strbuf_addstr(sb, "<td class=\"kpi-num\">");
	if (change > 0)
		strbuf_addch(sb, '+');
	add_number(sb, change);
	strbuf_addstr(sb, "</td>");
}

static void head_row(struct strbuf *sb, const enum msg_id *columns, size_t n)
{
	size_t i;

	strbuf_addstr(sb, "<table>\n<thead><tr>");
	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, "<th scope=\"col\">");
		html_escape(sb, msg(columns[i]));
		strbuf_addstr(sb, "</th>");
	}
	strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
}

static void heading(struct strbuf *sb, int level, const char *text)
{
	strbuf_addf(sb, "<h%d>", level);
	html_escape(sb, text);
	strbuf_addf(sb, "</h%d>\n", level);
}

/* The indicator's label, 延べ or 実 said (malloced). */
static char *indicator_label(const struct kpi_indicator *ind)
{
	return kpi_indicator_label(ind, msg_language());
}

/* Month i of the fiscal year (0: April) into buf. */
static void month_name(int i, char *buf, size_t size)
{
	const char *names = msg(MSG_KPI_HTML_MONTHS);
	size_t len;

	while (i-- > 0 && strchr(names, ','))
		names = strchr(names, ',') + 1;
	len = strcspn(names, ",");
	snprintf(buf, size, "%.*s", (int)len, names);
}

static void heading_block(const struct kpi_report *report, struct strbuf *sb)
{
	char *year =
	    xstrfmt(msg(MSG_KPI_HTML_FISCAL_YEAR), report->fiscal_year);
	char *period =
	    xstrfmt(msg(MSG_KPI_HTML_PERIOD), report->from_month / 100,
		    report->from_month % 100, report->to_month / 100,
		    report->to_month % 100);

	strbuf_addstr(sb, "<header class=\"kpi-head\"><h2>");
	html_escape(sb, msg(MSG_KPI_HTML_TITLE));
	strbuf_addch(sb, ' ');
	html_escape(sb, year);
	strbuf_addstr(sb, "</h2>\n<p class=\"kpi-period\">");
	html_escape(sb, period);
	strbuf_addstr(sb, report->provisional
			      ? " <span class=\"kpi-status kpi-provisional\">"
			      : " <span class=\"kpi-status kpi-final\">");
	html_escape(sb, msg(report->provisional ? MSG_KPI_HTML_PROVISIONAL
						: MSG_KPI_HTML_FINAL));
	strbuf_addstr(sb, "</span></p></header>\n");
	free(year);
	free(period);
}

static void received_row(const struct kpi_programme *p, struct strbuf *sb)
{
	strbuf_addf(sb,
		    "<tr class=\"kpi-received\"><th class=\"kpi-row\""
		    " scope=\"rowgroup\" rowspan=\"%zu\">",
		    p->n_indicators + 1);
	html_escape(sb, programme_title(p->programme));
	strbuf_addstr(sb, "</th>");
	text_cell(sb, msg(MSG_KPI_HTML_RECEIVED));
	blank_cell(sb);
	number_cell(sb, p->received);
	blank_cell(sb);
	blank_cell(sb);
	number_cell(sb, p->previous_received);
	change_cell(sb, p->received - p->previous_received);
	blank_cell(sb);
	strbuf_addstr(sb, "</tr>\n");
}

static void indicator_row(const struct kpi_indicator *ind, struct strbuf *sb)
{
	char *label = indicator_label(ind);

	strbuf_addstr(sb, "<tr class=\"kpi-indicator\">");
	text_cell(sb, label);
	if (ind->has_target)
		number_cell(sb, ind->target);
	else
		blank_cell(sb);
	number_cell(sb, ind->actual);
	hundredths_cell(sb, ind->has_target ? ind->achievement : -1);
	hundredths_cell(sb, ind->has_target ? ind->ratio : -1);
	number_cell(sb, ind->previous);
	change_cell(sb, ind->actual - ind->previous);
	if (ind->has_amount)
		number_cell(sb, ind->amount);
	else
		blank_cell(sb);
	strbuf_addstr(sb, "</tr>\n");
	free(label);
}

static void actual_section(const struct kpi_report *report, struct strbuf *sb)
{
	static const enum msg_id columns[] = {
	    MSG_KPI_HTML_PROGRAMME,   MSG_KPI_HTML_INDICATOR,
	    MSG_KPI_HTML_TARGET,      MSG_KPI_HTML_VALUE,
	    MSG_KPI_HTML_ACHIEVEMENT, MSG_KPI_HTML_RATIO,
	    MSG_KPI_HTML_PREVIOUS,    MSG_KPI_HTML_CHANGE,
	    MSG_KPI_HTML_AMOUNT};
	const struct kpi_programme *p;
	size_t i, j;

	strbuf_addstr(sb, "<section class=\"kpi-section kpi-actual\">\n");
	heading(sb, 3, msg(MSG_KPI_HTML_ACTUAL));
	head_row(sb, columns, ARRAY_SIZE(columns));
	for (i = 0; i < report->n_programmes; i++) {
		p = &report->programmes[i];
		received_row(p, sb);
		for (j = 0; j < p->n_indicators; j++)
			indicator_row(&p->indicators[j], sb);
	}
	strbuf_addstr(sb, "</tbody></table>\n</section>\n");
}

/* A step of 1, 2 or 5 times a power of ten giving at most 5 ticks up
 * to top; the top of the scale through *top. */
static long long chart_step(long long top, long long *scale)
{
	long long raw = (top + 4) / 5, power = 1, step;

	if (raw < 1)
		raw = 1;
	while (power * 10 <= raw)
		power *= 10;
	step = raw <= power	  ? power
	       : raw <= 2 * power ? 2 * power
	       : raw <= 5 * power ? 5 * power
				  : 10 * power;
	*scale = step * ((top + step - 1) / step);
	if (*scale < step)
		*scale = step;
	return step;
}

/* The y coordinate of value on a scale of 0..scale. */
static double chart_y(long long value, long long scale)
{
	double plot = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM;

	return CHART_TOP + plot - plot * (double)value / (double)scale;
}

static void chart_axes(struct strbuf *sb, long long scale, long long step)
{
	long long tick;
	double y;
	char month[32];
	int i;

	for (tick = 0; tick <= scale; tick += step) {
		y = chart_y(tick, scale);
		strbuf_addf(sb,
			    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\""
			    " y2=\"%.1f\" stroke=\"%s\"/>",
			    CHART_LEFT, y, CHART_WIDTH - CHART_RIGHT, y,
			    tick ? "#ddd" : "#333");
		strbuf_addf(sb,
			    "<text x=\"%d\" y=\"%.1f\" font-size=\"11\""
			    " text-anchor=\"end\">",
			    CHART_LEFT - 6, y + 4);
		add_number(sb, tick);
		strbuf_addstr(sb, "</text>\n");
	}
	for (i = 0; i < KPI_MONTHS; i++) {
		month_name(i, month, sizeof(month));
		strbuf_addf(sb,
			    "<text x=\"%d\" y=\"%d\" font-size=\"11\""
			    " text-anchor=\"middle\">",
			    CHART_LEFT + CHART_SLOT * i + CHART_SLOT / 2,
			    CHART_HEIGHT - CHART_BOTTOM + 16);
		html_escape(sb, month);
		strbuf_addstr(sb, "</text>");
	}
	strbuf_addch(sb, '\n');
}

static void legend_item(struct strbuf *sb, int x, const char *stroke, int width,
			const char *dashes, enum msg_id label)
{
	strbuf_addf(sb,
		    "<line x1=\"%d\" y1=\"12\" x2=\"%d\" y2=\"12\""
		    " stroke=\"%s\" stroke-width=\"%d\"",
		    x, x + 18, stroke, width);
	if (dashes)
		strbuf_addf(sb, " stroke-dasharray=\"%s\"", dashes);
	strbuf_addf(sb, "/><text x=\"%d\" y=\"16\" font-size=\"12\">", x + 24);
	html_escape(sb, msg(label));
	strbuf_addstr(sb, "</text>");
}

static void chart_legend(struct strbuf *sb, int has_target)
{
	legend_item(sb, CHART_LEFT, "#6a9fd4", 10, NULL, MSG_KPI_HTML_COUNT);
	legend_item(sb, CHART_LEFT + 110, "#d04a02", 2, NULL,
		    MSG_KPI_HTML_CUMULATIVE);
	if (has_target)
		legend_item(sb, CHART_LEFT + 220, "#2a8a2a", 2, "6 4",
			    MSG_KPI_HTML_TARGET);
	strbuf_addch(sb, '\n');
}

/* A bar per month of the period, its <title> saying the figures. */
static void chart_bars(struct strbuf *sb, const long long *monthly,
		       const long long *running, int months, long long scale)
{
	struct strbuf count = STRBUF_INIT, total = STRBUF_INIT;
	char month[32], *title;
	double y;
	int i;

	for (i = 0; i < months; i++) {
		y = chart_y(monthly[i], scale);
		strbuf_addf(sb,
			    "<rect x=\"%d\" y=\"%.1f\" width=\"%d\""
			    " height=\"%.1f\" fill=\"#6a9fd4\"><title>",
			    CHART_LEFT + CHART_SLOT * i + CHART_SLOT / 5, y,
			    CHART_SLOT * 3 / 5, chart_y(0, scale) - y);
		month_name(i, month, sizeof(month));
		strbuf_reset(&count);
		strbuf_reset(&total);
		add_number(&count, monthly[i]);
		add_number(&total, running[i]);
		title = xstrfmt(msg(MSG_KPI_HTML_BAR), month,
				strbuf_str(&count), strbuf_str(&total));
		html_escape(sb, title);
		free(title);
		strbuf_addstr(sb, "</title></rect>\n");
	}
	strbuf_release(&count);
	strbuf_release(&total);
}

static void chart_lines(struct strbuf *sb, const long long *running, int months,
			const struct kpi_indicator *ind, long long scale)
{
	double y;
	int i;

	strbuf_addstr(sb, "<polyline fill=\"none\" stroke=\"#d04a02\""
			  " stroke-width=\"2\" points=\"");
	for (i = 0; i < months; i++)
		strbuf_addf(sb, "%s%d,%.1f", i ? " " : "",
			    CHART_LEFT + CHART_SLOT * i + CHART_SLOT / 2,
			    chart_y(running[i], scale));
	strbuf_addstr(sb, "\"/>\n");
	if (!ind->has_target)
		return;
	y = chart_y(ind->target, scale);
	strbuf_addf(sb,
		    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
		    " stroke=\"#2a8a2a\" stroke-width=\"2\""
		    " stroke-dasharray=\"6 4\"/>\n",
		    CHART_LEFT, y, CHART_WIDTH - CHART_RIGHT, y);
}

/* The indicator's months as an SVG chart: bars, cumulative, target. */
static void chart(const struct kpi_report *report,
		  const struct kpi_indicator *ind, const char *label,
		  struct strbuf *sb)
{
	long long running[KPI_MONTHS], top = 0, scale, step, total = 0;
	char *title = xstrfmt(msg(MSG_KPI_HTML_CHART), label);
	int i;

	for (i = 0; i < KPI_MONTHS; i++) {
		total += i < report->months ? ind->monthly[i] : 0;
		running[i] = total;
		if (ind->monthly[i] > top)
			top = ind->monthly[i];
	}
	if (total > top)
		top = total;
	if (ind->has_target && ind->target > top)
		top = ind->target;
	step = chart_step(top, &scale);
	strbuf_addf(sb,
		    "<svg class=\"kpi-chart\" viewBox=\"0 0 %d %d\""
		    " width=\"%d\" height=\"%d\" role=\"img\"><title>",
		    CHART_WIDTH, CHART_HEIGHT, CHART_WIDTH, CHART_HEIGHT);
	html_escape(sb, title);
	strbuf_addstr(sb, "</title>\n");
	chart_legend(sb, ind->has_target);
	chart_axes(sb, scale, step);
	chart_bars(sb, ind->monthly, running, report->months, scale);
	chart_lines(sb, running, report->months, ind, scale);
	strbuf_addstr(sb, "</svg>\n");
	free(title);
}

/* A row of twelve months: the values of the period, blank after it. */
static void month_cells(struct strbuf *sb, const long long *values, int months)
{
	int i;

	for (i = 0; i < KPI_MONTHS; i++)
		if (i < months)
			number_cell(sb, values[i]);
		else
			blank_cell(sb);
}

static void month_head(struct strbuf *sb)
{
	char month[32];
	int i;

	strbuf_addstr(sb, "<table>\n<thead><tr><td></td>");
	for (i = 0; i < KPI_MONTHS; i++) {
		month_name(i, month, sizeof(month));
		strbuf_addstr(sb, "<th scope=\"col\">");
		html_escape(sb, month);
		strbuf_addstr(sb, "</th>");
	}
	strbuf_addstr(sb, "<th scope=\"col\">");
	html_escape(sb, msg(MSG_KPI_HTML_TARGET));
	strbuf_addstr(sb, "</th></tr></thead>\n<tbody>\n");
}

/* One outcome's months: counts, running total against the target. */
static void month_block(const struct kpi_report *report,
			const struct kpi_indicator *ind, struct strbuf *sb)
{
	long long running[KPI_MONTHS], total = 0;
	char *label = indicator_label(ind);
	int i;

	for (i = 0; i < KPI_MONTHS; i++)
		running[i] = total += ind->monthly[i];
	strbuf_addstr(sb, "<div class=\"kpi-block\">\n");
	heading(sb, 5, label);
	month_head(sb);
	strbuf_addstr(sb, "<tr>");
	row_head(sb, msg(MSG_KPI_HTML_COUNT));
	month_cells(sb, ind->monthly, report->months);
	blank_cell(sb);
	strbuf_addstr(sb, "</tr>\n<tr>");
	row_head(sb, msg(MSG_KPI_HTML_CUMULATIVE));
	month_cells(sb, running, report->months);
	if (ind->has_target)
		number_cell(sb, ind->target);
	else
		blank_cell(sb);
	strbuf_addstr(sb, "</tr>\n</tbody></table>\n");
	chart(report, ind, label, sb);
	strbuf_addstr(sb, "</div>\n");
	free(label);
}

static void received_months(const struct kpi_report *report,
			    const struct kpi_programme *p, struct strbuf *sb)
{
	month_head(sb);
	strbuf_addstr(sb, "<tr class=\"kpi-received\">");
	row_head(sb, msg(MSG_KPI_HTML_RECEIVED));
	month_cells(sb, p->monthly_received, report->months);
	blank_cell(sb);
	strbuf_addstr(sb, "</tr>\n</tbody></table>\n");
}

static void monthly_section(const struct kpi_report *report, struct strbuf *sb)
{
	const struct kpi_programme *p;
	size_t i, j;

	strbuf_addstr(sb, "<section class=\"kpi-section kpi-monthly\">\n");
	heading(sb, 3, msg(MSG_KPI_HTML_MONTHLY));
	for (i = 0; i < report->n_programmes; i++) {
		p = &report->programmes[i];
		heading(sb, 4, programme_title(p->programme));
		received_months(report, p, sb);
		for (j = 0; j < p->n_indicators; j++)
			month_block(report, &p->indicators[j], sb);
	}
	strbuf_addstr(sb, "</section>\n");
}

static void breakdown_head(const struct kpi_programme *p, struct strbuf *sb)
{
	char *label;
	size_t j;

	strbuf_addstr(sb, "<table>\n<thead><tr><th scope=\"col\">");
	html_escape(sb, msg(MSG_KPI_HTML_GROUP));
	strbuf_addstr(sb, "</th><th scope=\"col\">");
	html_escape(sb, msg(MSG_KPI_HTML_RECEIVED));
	strbuf_addstr(sb, "</th>");
	for (j = 0; j < p->n_indicators; j++) {
		label = indicator_label(&p->indicators[j]);
		strbuf_addstr(sb, "<th scope=\"col\">");
		html_escape(sb, label);
		strbuf_addstr(sb, "</th>");
		free(label);
	}
	strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
}

/* A breakdown's groups and, last, the programme's figures they add up
 * to. */
static void breakdown_table(const struct kpi_breakdown *b, struct strbuf *sb)
{
	const struct kpi_programme *p = b->of;
	const struct kpi_group *g;
	size_t i, j;

	breakdown_head(p, sb);
	for (i = 0; i < b->n_groups; i++) {
		g = &b->groups[i];
		strbuf_addstr(sb, "<tr>");
		row_head(sb, g->label);
		number_cell(sb, g->received);
		for (j = 0; j < p->n_indicators; j++)
			number_cell(sb, g->events[j]);
		strbuf_addstr(sb, "</tr>\n");
	}
	strbuf_addstr(sb, "<tr class=\"kpi-total\">");
	row_head(sb, msg(MSG_KPI_HTML_TOTAL));
	number_cell(sb, p->received);
	for (j = 0; j < p->n_indicators; j++)
		number_cell(sb, p->indicators[j].actual);
	strbuf_addstr(sb, "</tr>\n</tbody></table>\n");
}

static void office_section(const struct kpi_report *report, struct strbuf *sb)
{
	size_t i;

	if (!report->by_office)
		return;
	strbuf_addstr(sb, "<section class=\"kpi-section kpi-offices\">\n");
	heading(sb, 3, msg(MSG_KPI_HTML_BY_OFFICE));
	for (i = 0; i < report->n_programmes; i++) {
		if (!report->by_office[i].of)
			continue;
		heading(sb, 4,
			programme_title(report->by_office[i].of->programme));
		breakdown_table(&report->by_office[i], sb);
	}
	strbuf_addstr(sb, "</section>\n");
}

static void field_sections(const struct kpi_report *report, struct strbuf *sb)
{
	const struct kpi_breakdown *b;
	char *title;
	size_t i;

	for (i = 0; i < report->n_by_field; i++) {
		b = &report->by_field[i];
		title = xstrfmt(msg(MSG_KPI_HTML_BREAKDOWN),
				programme_title(b->of->programme), b->title);
		strbuf_addstr(sb,
			      "<section class=\"kpi-section kpi-field\">\n");
		heading(sb, 3, title);
		breakdown_table(b, sb);
		strbuf_addstr(sb, "</section>\n");
		free(title);
	}
}

static void footer(const struct kpi_report *report, struct strbuf *sb)
{
	const char *by = report->generated_by && *report->generated_by
			     ? report->generated_by
			     : "-";
	const char *head = *report->audit_head ? report->audit_head : "-";
	char *text = xstrfmt(msg(MSG_KPI_HTML_GENERATED), report->generated_at,
			     by, head);

	strbuf_addstr(sb, "<footer class=\"kpi-foot\"><p>");
	html_escape(sb, text);
	strbuf_addstr(sb, "</p></footer>\n");
	free(text);
}

void kpi_html_body(const struct kpi_report *report, struct strbuf *out)
{
	strbuf_addstr(out, "<div class=\"kpi\">\n");
	heading_block(report, out);
	if (!report->n_programmes) {
		strbuf_addstr(out, "<p>");
		html_escape(out, msg(MSG_KPI_HTML_NO_PROGRAMME));
		strbuf_addstr(out, "</p>\n");
	} else {
		actual_section(report, out);
		monthly_section(report, out);
		office_section(report, out);
		field_sections(report, out);
	}
	footer(report, out);
	strbuf_addstr(out, "</div>\n");
}

int kpi_write_html(const struct kpi_report *report, FILE *out)
{
	struct strbuf doc = STRBUF_INIT;
	char *year =
	    xstrfmt(msg(MSG_KPI_HTML_FISCAL_YEAR), report->fiscal_year);
	int failed;

	strbuf_addf(&doc,
		    "<!DOCTYPE html>\n<html lang=\"%s\"><head>"
		    "<meta charset=\"utf-8\">\n<title>",
		    msg_language() == LANG_EN ? "en" : "ja");
	html_escape(&doc, msg(MSG_KPI_HTML_TITLE));
	strbuf_addch(&doc, ' ');
	html_escape(&doc, year);
	strbuf_addstr(&doc, "</title>\n<style>\n");
	strbuf_addstr(&doc, kpi_html_css);
	strbuf_addstr(&doc, "</style></head>\n<body>\n");
	kpi_html_body(report, &doc);
	strbuf_addstr(&doc, "</body></html>\n");
	failed = fwrite(strbuf_str(&doc), 1, doc.len, out) != doc.len ||
		 fflush(out) != 0 || ferror(out);
	strbuf_release(&doc);
	free(year);
	return failed ? -1 : 0;
}
