/* Listing output: one stream of cells printed as a table, CSV or JSON. */
#include "report.h"

#include "csv.h"
#include "messages.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

/* What a cell holds; numbers align right in tables and are bare in JSON. */
enum cell_kind { CELL_TEXT, CELL_NUMBER, CELL_NULL };

/* A table cell as it will be shown (control bytes made visible): its
 * text at offset in the page's text, len bytes, width columns. */
struct table_cell {
	size_t offset, len;
	size_t width;
	enum cell_kind kind;
};

/* Rows of a table held at a time: aligned among themselves, printed
 * under their own header when full (or at the end). */
#define TABLE_PAGE_ROWS 100

struct report {
	enum report_format format;
	FILE *out;
	char **columns;
	size_t n_columns;
	size_t cell; /* cells added to the current row */
	size_t rows;
	struct csv_writer csv;
	struct strbuf line;	  /* JSON, TABLE: the line being written */
	char **keys;		  /* JSON: each column as a key, quoted */
	struct table_cell *cells; /* TABLE: the page's rows, row by row */
	struct strbuf text;	  /* TABLE: the page's cells' text */
	size_t page_rows, pages;
	struct table_cell *header;
	struct strbuf header_text;
	size_t *widths;
	int *right;
};

#define TABLE_GAP 2 /* spaces between table columns */

int report_format_parse(const char *name, enum report_format *format)
{
	static const char *const names[] = { "table", "csv", "json" };
	static const enum report_format formats[] = { REPORT_TABLE, REPORT_CSV,
						      REPORT_JSON };
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(names); i++) {
		if (!strcmp(name, names[i])) {
			*format = formats[i];
			return 0;
		}
	}
	return -1;
}

enum report_format report_format_default(void)
{
	return isatty(STDOUT_FILENO) ? REPORT_TABLE : REPORT_CSV;
}

int report_encoding_option(const char *name, enum output_encoding *encoding,
			   enum report_format *format, int format_given)
{
	static const char *const names[] = { "table", "csv", "json" };

	if (encoding_parse(name, encoding))
		return error(msg(MSG_REPORT_BAD_ENCODING), name,
			     ENCODING_NAMES);
	if (format_given && *format != REPORT_CSV)
		return error(msg(MSG_REPORT_ENCODING_CSV), names[*format]);
	*format = REPORT_CSV;
	return 0;
}

/* ---- JSON ---- */

static void json_add_escape(struct strbuf *sb, utf8proc_int32_t code_point)
{
	static const char hex[] = "0123456789abcdef";
	char escape[6] = { '\\', 'u', '0', '0', 0, 0 };

	if (code_point == '"' || code_point == '\\') {
		escape[1] = (char)code_point;
		strbuf_add(sb, escape, 2);
		return;
	}
	escape[4] = hex[(code_point >> 4) & 0xf];
	escape[5] = hex[code_point & 0xf];
	strbuf_add(sb, escape, sizeof(escape));
}

/* Plain text a JSON string holds as it is: printable ASCII but the
 * quote and backslash, and (checked apart) whole UTF-8 characters. */
static int json_plain(utf8proc_uint8_t byte)
{
	return byte >= 0x20 && byte < 0x7f && byte != '"' && byte != '\\';
}

/* Appended in runs of plain text, each with one copy. */
void json_add_string(struct strbuf *sb, const char *text)
{
	const utf8proc_uint8_t *at = (const utf8proc_uint8_t *)text;
	const utf8proc_uint8_t *run = at;
	utf8proc_int32_t code_point;
	utf8proc_ssize_t len;

	strbuf_addch(sb, '"');
	while (*at) {
		if (json_plain(*at)) {
			at++;
			continue;
		}
		len = *at < 0x80 ? 0 : utf8proc_iterate(at, -1, &code_point);
		if (len > 0) {
			at += len;
			continue;
		}
		strbuf_add(sb, run, (size_t)(at - run));
		if (*at < 0x80)
			json_add_escape(sb, *at);
		else /* not UTF-8: replace one byte */
			strbuf_addstr(sb, "\\ufffd");
		run = ++at;
	}
	strbuf_add(sb, run, (size_t)(at - run));
	strbuf_addch(sb, '"');
}

void json_write_string(FILE *out, const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	json_add_string(&sb, text);
	fwrite(sb.buf, 1, sb.len, out);
	strbuf_release(&sb);
}

/* Each column's key, quoted, with its colon: made once, not per row. */
static void json_make_keys(struct report *report)
{
	struct strbuf key = STRBUF_INIT;
	size_t i;

	report->keys = xcalloc(report->n_columns, sizeof(*report->keys));
	for (i = 0; i < report->n_columns; i++) {
		json_add_string(&key, report->columns[i]);
		strbuf_addstr(&key, ": ");
		report->keys[i] = strbuf_detach(&key);
	}
}

static void json_begin_object(struct report *report)
{
	strbuf_addstr(&report->line, report->rows ? ",\n  {" : "\n  {");
}

static void json_add_cell(struct report *report, enum cell_kind kind,
			  const char *text)
{
	struct strbuf *line = &report->line;

	if (report->cell == 0)
		json_begin_object(report);
	else
		strbuf_add(line, ", ", 2);
	strbuf_addstr(line, report->keys[report->cell]);
	if (kind == CELL_TEXT)
		json_add_string(line, text);
	else if (kind == CELL_NUMBER)
		strbuf_addstr(line, text);
	else
		strbuf_add(line, "null", 4);
}

/* The row's object, written with one fwrite. */
static void json_end_row(struct report *report)
{
	if (report->n_columns == 0)
		json_begin_object(report);
	strbuf_addch(&report->line, '}');
	fwrite(report->line.buf, 1, report->line.len, report->out);
	strbuf_reset(&report->line);
}

static void json_finish(struct report *report)
{
	fputs(report->rows ? "\n]\n" : "]\n", report->out);
}

/* ---- table ---- */

/* C0 and C1 controls: shown as '?' so data cannot move the cursor. */
static int is_control(utf8proc_int32_t code_point)
{
	return code_point < 0x20 || (code_point >= 0x7f && code_point < 0xa0);
}

/* Text as a table shows it, appended to text, with its width in
 * terminal columns. */
static struct table_cell table_cell_make(struct strbuf *text,
					 enum cell_kind kind,
					 const char *cell_text)
{
	struct table_cell cell = { text->len, 0, 0, kind };
	const utf8proc_uint8_t *at = (const utf8proc_uint8_t *)cell_text;
	const utf8proc_uint8_t *run = at;
	utf8proc_int32_t code_point;
	utf8proc_ssize_t len;

	while (*at) {
		if (*at >= 0x20 && *at < 0x7f) { /* printable ASCII */
			cell.width++;
			at++;
			continue;
		}
		len = utf8proc_iterate(at, -1, &code_point);
		if (len > 0 && !is_control(code_point)) {
			cell.width += (size_t)utf8proc_charwidth(code_point);
			at += len;
			continue;
		}
		strbuf_add(text, run, (size_t)(at - run));
		strbuf_addch(text, '?');
		cell.width++;
		run = at += len <= 0 ? 1 : len;
	}
	strbuf_add(text, run, (size_t)(at - run));
	cell.len = text->len - cell.offset;
	return cell;
}

static void table_add_cell(struct report *report, enum cell_kind kind,
			   const char *text)
{
	report->cells[report->page_rows * report->n_columns + report->cell] =
		table_cell_make(&report->text, kind,
				kind == CELL_NULL ? "-" : text);
}

/* A column is right-aligned when it holds numbers and no text. */
static int column_is_numeric(const struct report *report, size_t column)
{
	size_t row;
	int numbers = 0;

	for (row = 0; row < report->page_rows; row++) {
		const struct table_cell *cell =
			&report->cells[row * report->n_columns + column];

		if (cell->kind == CELL_TEXT)
			return 0;
		numbers |= cell->kind == CELL_NUMBER;
	}
	return numbers;
}

static void add_spaces(struct strbuf *line, size_t count)
{
	static const char spaces[] = "                                ";
	size_t n;

	for (; count; count -= n) {
		n = count < sizeof(spaces) - 1 ? count : sizeof(spaces) - 1;
		strbuf_add(line, spaces, n);
	}
}

/* One cell padded to width; the last column is not padded on the right. */
static void table_add_padded(struct strbuf *line, const char *text,
			     const struct table_cell *cell, size_t width,
			     int numeric_column, int last)
{
	size_t pad = width - cell->width;
	int right = numeric_column || cell->kind == CELL_NUMBER;

	if (right)
		add_spaces(line, pad);
	strbuf_add(line, text + cell->offset, cell->len);
	if (!right && !last)
		add_spaces(line, pad);
	if (!last)
		add_spaces(line, TABLE_GAP);
}

/* A row of cells whose text is in text, as one line. */
static void table_write_row(struct report *report,
			    const struct table_cell *row,
			    const struct strbuf *text)
{
	size_t column;

	for (column = 0; column < report->n_columns; column++)
		table_add_padded(&report->line, strbuf_str(text), &row[column],
				 report->widths[column], report->right[column],
				 column + 1 == report->n_columns);
	strbuf_addch(&report->line, '\n');
	fwrite(report->line.buf, 1, report->line.len, report->out);
	strbuf_reset(&report->line);
}

static void table_write_separator(struct report *report)
{
	size_t column, dash;

	for (column = 0; column < report->n_columns; column++) {
		for (dash = 0; dash < report->widths[column]; dash++)
			strbuf_addch(&report->line, '-');
		if (column + 1 < report->n_columns)
			add_spaces(&report->line, TABLE_GAP);
	}
	strbuf_addch(&report->line, '\n');
	fwrite(report->line.buf, 1, report->line.len, report->out);
	strbuf_reset(&report->line);
}

/* The widest cell of a column in the page, its header included. */
static size_t column_width(const struct report *report, size_t column)
{
	size_t width = report->header[column].width, row;

	for (row = 0; row < report->page_rows; row++) {
		const struct table_cell *cell =
			&report->cells[row * report->n_columns + column];

		if (cell->width > width)
			width = cell->width;
	}
	return width;
}

static void table_begin(struct report *report)
{
	size_t n = report->n_columns, column;

	report->cells = xcalloc(n * TABLE_PAGE_ROWS, sizeof(*report->cells));
	report->header = xcalloc(n, sizeof(*report->header));
	report->widths = xcalloc(n, sizeof(*report->widths));
	report->right = xcalloc(n, sizeof(*report->right));
	for (column = 0; column < n; column++)
		report->header[column] =
			table_cell_make(&report->header_text, CELL_TEXT,
					report->columns[column]);
}

/* The page held: a blank line after the page before, the header, a
 * line of '-', then the rows, aligned among themselves. */
static void table_write_page(struct report *report)
{
	size_t n = report->n_columns, column, row;

	for (column = 0; column < n; column++) {
		report->widths[column] = column_width(report, column);
		report->right[column] = column_is_numeric(report, column);
	}
	if (report->pages++)
		fputc('\n', report->out);
	table_write_row(report, report->header, &report->header_text);
	table_write_separator(report);
	for (row = 0; row < report->page_rows; row++)
		table_write_row(report, &report->cells[row * n],
				&report->text);
	report->page_rows = 0;
	strbuf_reset(&report->text);
}

static void table_end_row(struct report *report)
{
	if (report->n_columns && ++report->page_rows == TABLE_PAGE_ROWS)
		table_write_page(report);
}

/* What is held; a header alone when there were no rows; nothing at all
 * without columns. */
static void table_finish(struct report *report)
{
	if (report->n_columns && (report->page_rows || !report->pages))
		table_write_page(report);
}

/* ---- the report ---- */

static struct report *begin(enum report_format format, FILE *out,
			    const char *const *columns, size_t n_columns,
			    int excel, enum output_encoding encoding)
{
	struct report *report = xcalloc(1, sizeof(*report));
	size_t i;

	report->format = format;
	report->out = out;
	report->n_columns = n_columns;
	report->columns = xcalloc(n_columns, sizeof(*report->columns));
	for (i = 0; i < n_columns; i++)
		report->columns[i] = xstrdup(columns[i]);
	if (format == REPORT_CSV) {
		csv_begin_encoded(&report->csv, out, excel, encoding);
		for (i = 0; i < n_columns; i++)
			csv_field(&report->csv, columns[i]);
		csv_end_row(&report->csv);
	} else if (format == REPORT_JSON) {
		json_make_keys(report);
		fputc('[', out);
	} else {
		table_begin(report);
	}
	return report;
}

struct report *report_begin(enum report_format format, FILE *out,
			    const char *const *columns, size_t n_columns)
{
	return begin(format, out, columns, n_columns, 0, ENCODING_UTF8);
}

struct report *report_begin_excel(FILE *out, const char *const *columns,
				  size_t n_columns)
{
	return begin(REPORT_CSV, out, columns, n_columns, 1, ENCODING_UTF8);
}

struct report *report_begin_csv(FILE *out, int excel,
				enum output_encoding encoding,
				const char *const *columns, size_t n_columns)
{
	return begin(REPORT_CSV, out, columns, n_columns, excel, encoding);
}

static void add_cell(struct report *report, enum cell_kind kind,
		     const char *text)
{
	if (report->cell >= report->n_columns)
		BUG("report row has more than %zu cells", report->n_columns);
	switch (report->format) {
	case REPORT_TABLE:
		table_add_cell(report, kind, text);
		break;
	case REPORT_CSV:
		csv_field(&report->csv, kind == CELL_NULL ? NULL : text);
		break;
	case REPORT_JSON:
		json_add_cell(report, kind, text);
		break;
	}
	report->cell++;
}

void report_text(struct report *report, const char *text)
{
	add_cell(report, text ? CELL_TEXT : CELL_NULL, text);
}

void report_integer(struct report *report, long long value)
{
	char number[32];

	snprintf(number, sizeof(number), "%lld", value);
	add_cell(report, CELL_NUMBER, number);
}

void report_hundredths(struct report *report, long long hundredths)
{
	unsigned long long magnitude = hundredths < 0 ?
					       -(unsigned long long)hundredths :
					       (unsigned long long)hundredths;
	char number[32];

	snprintf(number, sizeof(number), "%s%llu.%02llu",
		 hundredths < 0 ? "-" : "", magnitude / 100, magnitude % 100);
	add_cell(report, CELL_NUMBER, number);
}

void report_null(struct report *report)
{
	add_cell(report, CELL_NULL, NULL);
}

void report_end_row(struct report *report)
{
	if (report->cell != report->n_columns)
		BUG("report row has %zu of %zu cells", report->cell,
		    report->n_columns);
	if (report->format == REPORT_CSV)
		csv_end_row(&report->csv);
	else if (report->format == REPORT_JSON)
		json_end_row(report);
	else
		table_end_row(report);
	report->cell = 0;
	report->rows++;
}

static void report_free(struct report *report)
{
	size_t i;

	for (i = 0; i < report->n_columns; i++) {
		free(report->columns[i]);
		if (report->keys)
			free(report->keys[i]);
	}
	free(report->columns);
	free(report->keys);
	free(report->cells);
	free(report->header);
	free(report->widths);
	free(report->right);
	strbuf_release(&report->line);
	strbuf_release(&report->text);
	strbuf_release(&report->header_text);
	free(report);
}

int report_finish(struct report *report)
{
	int ret = 0;

	if (report->cell)
		BUG("report finished in the middle of a row");
	if (report->format == REPORT_TABLE)
		table_finish(report);
	else if (report->format == REPORT_JSON)
		json_finish(report);
	else
		ret = csv_finish(&report->csv);
	report_free(report);
	return ret;
}
