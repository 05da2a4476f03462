/* The fiscal-year report as an Excel workbook (libxlsxwriter). */
#include "kpi.h"

#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "messages.h"
#include "plugin.h"
#include "util.h"

#define SHEET_COLUMNS 32   /* widths kept for this many columns */
#define SHEET_NAME_MAX 31  /* characters in a sheet's name (Excel) */
#define FOOTER_NAME_MAX 40 /* characters of generated_by in the footer */
#define BLOCK_ROWS 18      /* rows of one block of 月別 */

/* A sheet and the display width of the widest cell of each column. */
struct sheet {
	lxw_worksheet *ws;
	const char *name;
	unsigned widths[SHEET_COLUMNS];
};

/* The workbook being written and its formats. */
struct book {
	lxw_workbook *wb;
	const struct kpi_report *report;
	lxw_format *title, *header, *text, *count, *hundredths, *yen;
	char *footer;
};

/* Columns of 実績. */
enum { COL_PROGRAMME, COL_INDICATOR, COL_TARGET, COL_ACTUAL,
       COL_ACHIEVEMENT, COL_RATIO, COL_PREVIOUS, COL_CHANGE, COL_AMOUNT,
       COL_PREVIOUS_AMOUNT, N_RESULT_COLUMNS };

static const char *ja(enum msg_id id)
{
	return msg_in(LANG_JA, id);
}

/* The programme's Japanese title (its English one if it has none). */
static const char *title_of(const struct kpi_programme *kp)
{
	const struct intake_plugin *plugin = kp->programme->plugin;

	return msg_pick_in(LANG_JA, plugin->title_ja, plugin->title_en);
}

/* Display width: two for each character outside ASCII. */
static unsigned display_width(const char *text)
{
	unsigned width = 0;

	for (; *text; text++) {
		unsigned char byte = (unsigned char)*text;

		if (byte < 0x80)
			width++;
		else if ((byte & 0xc0) != 0x80)
			width += 2;
	}
	return width;
}

static void widen(struct sheet *sheet, int col, unsigned width)
{
	if (col < SHEET_COLUMNS && sheet->widths[col] < width)
		sheet->widths[col] = width;
}

static void put_text(struct sheet *sheet, int row, int col, const char *text,
		     lxw_format *format)
{
	worksheet_write_string(sheet->ws, (lxw_row_t)row, (lxw_col_t)col,
			       text, format);
	widen(sheet, col, display_width(text));
}

/* An integer: digits and their separators. */
static void put_count(struct sheet *sheet, int row, int col,
		      long long value, lxw_format *format)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%lld", value);

	worksheet_write_number(sheet->ws, (lxw_row_t)row, (lxw_col_t)col,
			       (double)value, format);
	widen(sheet, col, (unsigned)(n + n / 3));
}

static void put_blank(struct sheet *sheet, int row, int col,
		      lxw_format *format)
{
	worksheet_write_blank(sheet->ws, (lxw_row_t)row, (lxw_col_t)col,
			      format);
}

static void put_hundredths(struct book *book, struct sheet *sheet, int row,
			   int col, long long hundredths)
{
	if (hundredths < 0) {
		put_blank(sheet, row, col, book->hundredths);
		return;
	}
	worksheet_write_number(sheet->ws, (lxw_row_t)row, (lxw_col_t)col,
			       (double)hundredths / 100.0, book->hundredths);
	widen(sheet, col, 6);
}

static void put_optional(struct sheet *sheet, int row, int col, int has,
			 long long value, lxw_format *format)
{
	if (has)
		put_count(sheet, row, col, value, format);
	else
		put_blank(sheet, row, col, format);
}

static void set_widths(struct sheet *sheet)
{
	int col;

	for (col = 0; col < SHEET_COLUMNS; col++)
		if (sheet->widths[col])
			worksheet_set_column(sheet->ws, (lxw_col_t)col,
					     (lxw_col_t)col,
					     sheet->widths[col] + 2, NULL);
}

/* A4 landscape, a page wide, rows 0..header_rows-1 on every page, the
 * footer; the header rows frozen. */
static void set_print(struct book *book, struct sheet *sheet,
		      int header_rows)
{
	worksheet_set_paper(sheet->ws, 9);
	worksheet_set_landscape(sheet->ws);
	worksheet_fit_to_pages(sheet->ws, 1, 0);
	worksheet_repeat_rows(sheet->ws, 0, (lxw_row_t)(header_rows - 1));
	worksheet_freeze_panes(sheet->ws, (lxw_row_t)header_rows, 0);
	worksheet_set_footer(sheet->ws, book->footer);
	set_widths(sheet);
}

static lxw_format *number_format(lxw_workbook *wb, const char *code)
{
	lxw_format *format = workbook_add_format(wb);

	format_set_num_format(format, code);
	format_set_border(format, LXW_BORDER_THIN);
	return format;
}

static void add_formats(struct book *book)
{
	book->title = workbook_add_format(book->wb);
	format_set_bold(book->title);
	format_set_font_size(book->title, 14);
	book->header = workbook_add_format(book->wb);
	format_set_bold(book->header);
	format_set_border(book->header, LXW_BORDER_THIN);
	format_set_bg_color(book->header, 0xD9E1F2);
	format_set_align(book->header, LXW_ALIGN_CENTER);
	book->text = workbook_add_format(book->wb);
	format_set_border(book->text, LXW_BORDER_THIN);
	book->count = number_format(book->wb, "#,##0");
	book->hundredths = number_format(book->wb, "0.00");
	book->yen = number_format(book->wb, "#,##0");
}

/* Text for a header or footer: '&' doubled (a code there otherwise),
 * at most max characters. */
static void add_footer_text(struct strbuf *out, const char *text, int max)
{
	int chars = 0;

	for (; *text; text++) {
		unsigned char byte = (unsigned char)*text;

		if ((byte & 0xc0) != 0x80 && ++chars > max)
			break;
		if (*text == '&')
			strbuf_addch(out, '&');
		strbuf_addch(out, *text);
	}
}

static char *make_footer(const struct kpi_report *report)
{
	struct strbuf footer = STRBUF_INIT;

	strbuf_addf(&footer, "&L%s %s  %s ", ja(MSG_KPI_GENERATED_AT),
		    report->generated_at, ja(MSG_KPI_GENERATED_BY));
	add_footer_text(&footer, report->generated_by, FOOTER_NAME_MAX);
	strbuf_addf(&footer, "&C&P / &N&R%s %s", ja(MSG_KPI_AUDIT_HEAD),
		    report->audit_head);
	return strbuf_detach(&footer);
}

static void title_row(struct book *book, struct sheet *sheet,
		      const char *what)
{
	char *period = kpi_period_text(book->report);
	char *title = xstrfmt("%s %s", what, period);

	worksheet_write_string(sheet->ws, 0, 0, title, book->title);
	free(title);
	free(period);
}

static void header_row(struct book *book, struct sheet *sheet, int row,
		       const char *const *headings, int n)
{
	int col;

	for (col = 0; col < n; col++)
		put_text(sheet, row, col, headings[col], book->header);
}

/* 実績's row of 受付件数. */
static void received_row(struct book *book, struct sheet *sheet, int row,
			 const struct kpi_programme *kp)
{
	int col;

	put_text(sheet, row, COL_PROGRAMME, title_of(kp),
		 book->text);
	put_text(sheet, row, COL_INDICATOR, ja(MSG_KPI_RECEIVED), book->text);
	for (col = COL_TARGET; col < N_RESULT_COLUMNS; col++)
		put_blank(sheet, row, col, book->count);
	put_count(sheet, row, COL_ACTUAL, kp->received, book->count);
	put_count(sheet, row, COL_PREVIOUS, kp->previous_received,
		  book->count);
	put_count(sheet, row, COL_CHANGE, kp->received - kp->previous_received,
		  book->count);
}

static void indicator_row(struct book *book, struct sheet *sheet, int row,
			  const struct kpi_programme *kp,
			  const struct kpi_indicator *ind)
{
	char *label = kpi_indicator_label(ind, LANG_JA);

	put_text(sheet, row, COL_PROGRAMME, title_of(kp),
		 book->text);
	put_text(sheet, row, COL_INDICATOR, label, book->text);
	put_optional(sheet, row, COL_TARGET, ind->has_target, ind->target,
		     book->count);
	put_count(sheet, row, COL_ACTUAL, ind->actual, book->count);
	put_hundredths(book, sheet, row, COL_ACHIEVEMENT, ind->achievement);
	put_hundredths(book, sheet, row, COL_RATIO, ind->ratio);
	put_count(sheet, row, COL_PREVIOUS, ind->previous, book->count);
	put_count(sheet, row, COL_CHANGE, ind->actual - ind->previous,
		  book->count);
	put_optional(sheet, row, COL_AMOUNT, ind->has_amount, ind->amount,
		     book->yen);
	put_optional(sheet, row, COL_PREVIOUS_AMOUNT, ind->has_amount,
		     ind->previous_amount, book->yen);
	free(label);
}

static void results_sheet(struct book *book)
{
	const char *headings[N_RESULT_COLUMNS] = {
		ja(MSG_KPI_COL_PROGRAMME), ja(MSG_KPI_COL_INDICATOR),
		ja(MSG_KPI_COL_TARGET), ja(MSG_KPI_COL_ACTUAL),
		ja(MSG_KPI_COL_ACHIEVEMENT), ja(MSG_KPI_COL_RATIO),
		ja(MSG_KPI_COL_PREVIOUS), ja(MSG_KPI_COL_CHANGE),
		ja(MSG_KPI_COL_AMOUNT), ja(MSG_KPI_COL_PREVIOUS_AMOUNT),
	};
	const struct kpi_report *report = book->report;
	struct sheet sheet = { NULL, ja(MSG_KPI_SHEET_RESULTS), { 0 } };
	size_t i, o;
	int row = 2;

	sheet.ws = workbook_add_worksheet(book->wb, sheet.name);
	title_row(book, &sheet, ja(MSG_KPI_TITLE_RESULTS));
	header_row(book, &sheet, 1, headings, N_RESULT_COLUMNS);
	for (i = 0; i < report->n_programmes; i++) {
		const struct kpi_programme *kp = &report->programmes[i];

		received_row(book, &sheet, row++, kp);
		for (o = 0; o < kp->n_indicators; o++)
			indicator_row(book, &sheet, row++, kp,
				      &kp->indicators[o]);
	}
	set_print(book, &sheet, 2);
}

/* One block of 月別: what is counted, per month, its running total and
 * the target; months after the period are left blank. */
struct month_block {
	char *title; /* programme and indicator */
	const long long *monthly;
	int has_target;
	long long target;
};

static void month_rows(struct book *book, struct sheet *sheet, int row,
		       const struct month_block *block)
{
	static const int month_of[KPI_MONTHS] = { 4, 5, 6, 7, 8, 9,
						  10, 11, 12, 1, 2, 3 };
	long long total = 0;
	char *name;
	int m;

	for (m = 0; m < KPI_MONTHS; m++) {
		int r = row + m;

		name = xstrfmt(ja(MSG_KPI_MONTH_NAME), month_of[m]);
		put_text(sheet, r, 0, name, book->text);
		free(name);
		if (m < book->report->months) {
			total += block->monthly[m];
			put_count(sheet, r, 1, block->monthly[m], book->count);
			put_count(sheet, r, 2, total, book->count);
		} else {
			put_blank(sheet, r, 1, book->count);
			put_blank(sheet, r, 2, book->count);
		}
		put_optional(sheet, r, 3, block->has_target, block->target,
			     book->count);
	}
}

static lxw_chart_series *chart_series(lxw_chart *chart, struct sheet *sheet,
				      int first, int col)
{
	lxw_chart_series *series = chart_add_series(chart, NULL, NULL);

	chart_series_set_categories(series, sheet->name, (lxw_row_t)first, 0,
				    (lxw_row_t)(first + KPI_MONTHS - 1), 0);
	chart_series_set_values(series, sheet->name, (lxw_row_t)first,
				(lxw_col_t)col,
				(lxw_row_t)(first + KPI_MONTHS - 1),
				(lxw_col_t)col);
	chart_series_set_name_range(series, sheet->name,
				    (lxw_row_t)(first - 1), (lxw_col_t)col);
	return series;
}

/*
 * The block's charts: the months as columns, and beside it the running
 * total and the target as lines (libxlsxwriter 1.1.4, Debian's, cannot
 * combine two chart types in one chart).
 */
static void month_charts(struct book *book, struct sheet *sheet, int first,
			 const struct month_block *block)
{
	lxw_chart *columns = workbook_add_chart(book->wb, LXW_CHART_COLUMN);
	lxw_chart *lines = workbook_add_chart(book->wb, LXW_CHART_LINE);
	lxw_chart_options place = { 0 };

	chart_series(columns, sheet, first, 1);
	chart_title_set_name(columns, block->title);
	chart_legend_set_position(columns, LXW_CHART_LEGEND_BOTTOM);
	chart_series(lines, sheet, first, 2);
	if (block->has_target)
		chart_series(lines, sheet, first, 3);
	chart_title_set_name(lines, block->title);
	chart_legend_set_position(lines, LXW_CHART_LEGEND_BOTTOM);
	place.x_scale = 0.9;
	place.y_scale = 1.1;
	worksheet_insert_chart_opt(sheet->ws, (lxw_row_t)(first - 2), 5,
				   columns, &place);
	worksheet_insert_chart_opt(sheet->ws, (lxw_row_t)(first - 2), 12,
				   lines, &place);
}

static void month_block(struct book *book, struct sheet *sheet, int row,
			const struct month_block *block)
{
	const char *headings[] = {
		ja(MSG_KPI_COL_MONTH), ja(MSG_KPI_COL_EVENTS),
		ja(MSG_KPI_COL_CUMULATIVE), ja(MSG_KPI_COL_TARGET),
	};

	worksheet_write_string(sheet->ws, (lxw_row_t)row, 0, block->title,
			       book->header);
	header_row(book, sheet, row + 1, headings, 4);
	month_rows(book, sheet, row + 2, block);
	month_charts(book, sheet, row + 2, block);
}

static void months_sheet(struct book *book)
{
	const struct kpi_report *report = book->report;
	struct sheet sheet = { NULL, ja(MSG_KPI_SHEET_MONTHS), { 0 } };
	struct month_block block;
	size_t i, o;
	int row = 2;

	sheet.ws = workbook_add_worksheet(book->wb, sheet.name);
	title_row(book, &sheet, ja(MSG_KPI_TITLE_MONTHS));
	for (i = 0; i < report->n_programmes; i++) {
		const struct kpi_programme *kp = &report->programmes[i];
		const char *title = title_of(kp);

		block.title = xstrfmt("%s %s", title, ja(MSG_KPI_RECEIVED));
		block.monthly = kp->monthly_received;
		block.has_target = 0;
		month_block(book, &sheet, row, &block);
		free(block.title);
		row += BLOCK_ROWS;
		for (o = 0; o < kp->n_indicators; o++) {
			const struct kpi_indicator *ind = &kp->indicators[o];
			char *label = kpi_indicator_label(ind, LANG_JA);

			block.title = xstrfmt("%s %s", title, label);
			block.monthly = ind->monthly;
			block.has_target = ind->has_target;
			block.target = ind->target;
			month_block(book, &sheet, row, &block);
			free(block.title);
			free(label);
			row += BLOCK_ROWS;
		}
	}
	set_print(book, &sheet, 1);
}

/* A breakdown's block: a heading row (the group's kind, 受付件数, each
 * indicator), a row per group, and a total row. */
static int breakdown_block(struct book *book, struct sheet *sheet, int row,
			   const struct kpi_breakdown *b, const char *kind)
{
	const struct kpi_programme *kp = b->of;
	size_t g, o;

	put_text(sheet, row++, 0, title_of(kp),
		 book->header);
	put_text(sheet, row, 0, kind, book->header);
	put_text(sheet, row, 1, ja(MSG_KPI_RECEIVED), book->header);
	for (o = 0; o < kp->n_indicators; o++) {
		char *label = kpi_indicator_label(&kp->indicators[o], LANG_JA);

		put_text(sheet, row, (int)o + 2, label, book->header);
		free(label);
	}
	for (g = 0; g < b->n_groups; g++) {
		const struct kpi_group *group = &b->groups[g];

		row++;
		put_text(sheet, row, 0, group->label, book->text);
		put_count(sheet, row, 1, group->received, book->count);
		for (o = 0; o < kp->n_indicators; o++)
			put_count(sheet, row, (int)o + 2, group->events[o],
				  book->count);
	}
	row++;
	put_text(sheet, row, 0, ja(MSG_KPI_TOTAL), book->header);
	put_count(sheet, row, 1, kp->received, book->count);
	for (o = 0; o < kp->n_indicators; o++)
		put_count(sheet, row, (int)o + 2, kp->indicators[o].actual,
			  book->count);
	return row + 2;
}

static void breakdown_sheet(struct book *book, const char *name,
			    const char *kind,
			    const struct kpi_breakdown *breakdowns, size_t n)
{
	struct sheet sheet = { NULL, name, { 0 } };
	size_t i;
	int row = 2;
	char *what = xstrfmt("%s %s", ja(MSG_KPI_TITLE_RESULTS), name);

	sheet.ws = workbook_add_worksheet(book->wb, name);
	title_row(book, &sheet, what);
	free(what);
	for (i = 0; i < n; i++)
		row = breakdown_block(book, &sheet, row, &breakdowns[i], kind);
	set_print(book, &sheet, 1);
}

/* A sheet's name from a field's label: no []:*?/\ (they become '_'),
 * at most SHEET_NAME_MAX characters, none of the other sheets' names. */
static char *sheet_name(const char *label)
{
	struct strbuf name = STRBUF_INIT;
	int chars = 0;

	for (; *label; label++) {
		unsigned char byte = (unsigned char)*label;

		if ((byte & 0xc0) != 0x80 && ++chars > SHEET_NAME_MAX)
			break;
		if (strchr("[]:*?/\\", *label) || byte < 0x20)
			strbuf_addch(&name, '_');
		else
			strbuf_addch(&name, *label);
	}
	if (!chars || name.buf[0] == '\'' || name.buf[name.len - 1] == '\'' ||
	    !strcmp(name.buf, ja(MSG_KPI_SHEET_RESULTS)) ||
	    !strcmp(name.buf, ja(MSG_KPI_SHEET_MONTHS)) ||
	    !strcmp(name.buf, ja(MSG_KPI_SHEET_OFFICE))) {
		strbuf_release(&name);
		return xstrdup(ja(MSG_KPI_SHEET_FIELD));
	}
	return strbuf_detach(&name);
}

static void set_properties(struct book *book)
{
	lxw_doc_properties properties = { 0 };
	char *title = kpi_period_text(book->report);
	char *full = xstrfmt("%s %s", ja(MSG_KPI_TITLE_RESULTS), title);

	properties.title = full;
	properties.author = book->report->generated_by;
	properties.comments = (char *)book->report->audit_head;
	workbook_set_properties(book->wb, &properties);
	free(full);
	free(title);
}

int kpi_write_xlsx(const struct kpi_report *report, const char *path)
{
	struct book book = { 0 };
	lxw_error status;

	book.report = report;
	book.wb = workbook_new(path);
	if (!book.wb)
		return error(msg(MSG_KPI_XLSX_FAILED),
			     lxw_strerror(LXW_ERROR_CREATING_XLSX_FILE));
	book.footer = make_footer(report);
	add_formats(&book);
	set_properties(&book);
	results_sheet(&book);
	months_sheet(&book);
	breakdown_sheet(&book, ja(MSG_KPI_SHEET_OFFICE), ja(MSG_KPI_COL_OFFICE),
			report->by_office, report->n_programmes);
	if (report->n_by_field) {
		char *name = sheet_name(report->by_field[0].title);

		breakdown_sheet(&book, name, report->by_field[0].title,
				report->by_field, report->n_by_field);
		free(name);
	}
	status = workbook_close(book.wb);
	free(book.footer);
	if (status != LXW_NO_ERROR)
		return error(msg(MSG_KPI_XLSX_FAILED), lxw_strerror(status));
	return 0;
}
