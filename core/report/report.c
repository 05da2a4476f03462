/* Listing output: one stream of cells printed as a table, CSV or JSON. */
#include "report.h"

#include "csv.h"
#include "messages.h"
#include "util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utf8proc.h>

/* What a cell holds; numbers align right in tables and are bare in JSON. */
enum cell_kind { CELL_TEXT, CELL_NUMBER, CELL_NULL };

/* A table cell as it will be shown: control bytes made visible. */
struct table_cell {
	char *display;
	size_t width;
	enum cell_kind kind;
};

struct report {
	enum report_format format;
	FILE *out;
	char **columns;
	size_t n_columns;
	size_t cell; /* cells added to the current row */
	size_t rows;
	struct csv_writer csv;
	struct table_cell *cells; /* TABLE: every row, then printed */
	size_t n_cells, alloc_cells;
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

static void json_write_escape(FILE *out, utf8proc_int32_t code_point)
{
	switch (code_point) {
	case '"':
		fputs("\\\"", out);
		break;
	case '\\':
		fputs("\\\\", out);
		break;
	default:
		fprintf(out, "\\u%04" PRIx32, (uint32_t)code_point);
	}
}

/* Plain text a JSON string holds as it is: printable ASCII but the
 * quote and backslash, and (checked apart) whole UTF-8 characters. */
static int json_plain(utf8proc_uint8_t byte)
{
	return byte >= 0x20 && byte < 0x7f && byte != '"' && byte != '\\';
}

/* Written in runs of plain text, each with one fwrite. */
void json_write_string(FILE *out, const char *text)
{
	const utf8proc_uint8_t *at = (const utf8proc_uint8_t *)text;
	const utf8proc_uint8_t *run = at;
	utf8proc_int32_t code_point;
	utf8proc_ssize_t len;

	fputc('"', out);
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
		fwrite(run, 1, (size_t)(at - run), out);
		if (*at < 0x80)
			json_write_escape(out, *at);
		else /* not UTF-8: replace one byte */
			fputs("\\ufffd", out);
		run = ++at;
	}
	fwrite(run, 1, (size_t)(at - run), out);
	fputc('"', out);
}

static void json_begin_object(struct report *report)
{
	fputs(report->rows ? ",\n  {" : "\n  {", report->out);
}

static void json_add_cell(struct report *report, enum cell_kind kind,
			  const char *text)
{
	if (report->cell == 0)
		json_begin_object(report);
	else
		fputs(", ", report->out);
	json_write_string(report->out, report->columns[report->cell]);
	fputs(": ", report->out);
	if (kind == CELL_TEXT)
		json_write_string(report->out, text);
	else if (kind == CELL_NUMBER)
		fputs(text, report->out);
	else
		fputs("null", report->out);
}

static void json_end_row(struct report *report)
{
	if (report->n_columns == 0)
		json_begin_object(report);
	fputc('}', report->out);
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

/* Text as a table shows it, with its width in terminal columns. */
static struct table_cell table_cell_make(enum cell_kind kind,
					 const char *text)
{
	struct table_cell cell = { NULL, 0, kind };
	struct strbuf display = STRBUF_INIT;
	const utf8proc_uint8_t *at = (const utf8proc_uint8_t *)text;
	utf8proc_int32_t code_point;
	utf8proc_ssize_t len;

	while (*at) {
		len = utf8proc_iterate(at, -1, &code_point);
		if (len <= 0 || is_control(code_point)) {
			strbuf_addch(&display, '?');
			cell.width++;
			at += len <= 0 ? 1 : len;
			continue;
		}
		strbuf_add(&display, at, (size_t)len);
		cell.width += (size_t)utf8proc_charwidth(code_point);
		at += len;
	}
	cell.display = strbuf_detach(&display);
	return cell;
}

static void table_add_cell(struct report *report, enum cell_kind kind,
			   const char *text)
{
	ALLOC_GROW(report->cells, report->n_cells + 1, report->alloc_cells);
	report->cells[report->n_cells++] =
		table_cell_make(kind, kind == CELL_NULL ? "-" : text);
}

/* A column is right-aligned when it holds numbers and no text. */
static int column_is_numeric(const struct report *report, size_t column)
{
	size_t row;
	int numbers = 0;

	for (row = 0; row < report->rows; row++) {
		const struct table_cell *cell =
			&report->cells[row * report->n_columns + column];

		if (cell->kind == CELL_TEXT)
			return 0;
		numbers |= cell->kind == CELL_NUMBER;
	}
	return numbers;
}

static void write_spaces(FILE *out, size_t count)
{
	while (count--)
		fputc(' ', out);
}

/* One cell padded to width; the last column is not padded on the right. */
static void table_write_cell(FILE *out, const struct table_cell *cell,
			     size_t width, int numeric_column, int last)
{
	size_t pad = width - cell->width;
	int right = numeric_column || cell->kind == CELL_NUMBER;

	if (right)
		write_spaces(out, pad);
	fputs(cell->display, out);
	if (!right && !last)
		write_spaces(out, pad);
	if (!last)
		write_spaces(out, TABLE_GAP);
}

static void table_write_row(struct report *report,
			    const struct table_cell *row, const size_t *widths,
			    const int *right)
{
	size_t column;

	for (column = 0; column < report->n_columns; column++)
		table_write_cell(report->out, &row[column], widths[column],
				 right[column],
				 column + 1 == report->n_columns);
	fputc('\n', report->out);
}

static void table_write_separator(struct report *report,
				  const size_t *widths)
{
	size_t column;

	for (column = 0; column < report->n_columns; column++) {
		size_t dash;

		for (dash = 0; dash < widths[column]; dash++)
			fputc('-', report->out);
		if (column + 1 < report->n_columns)
			write_spaces(report->out, TABLE_GAP);
	}
	fputc('\n', report->out);
}

/* The widest cell of a column, its header included. */
static size_t column_width(const struct report *report, size_t column,
			   const struct table_cell *header)
{
	size_t width = header->width, row;

	for (row = 0; row < report->rows; row++) {
		const struct table_cell *cell =
			&report->cells[row * report->n_columns + column];

		if (cell->width > width)
			width = cell->width;
	}
	return width;
}

/* Header, a line of '-', then the rows; nothing at all without columns. */
static void table_finish(struct report *report)
{
	size_t n = report->n_columns, column, row;
	struct table_cell *header;
	size_t *widths;
	int *right;

	if (n == 0)
		return;
	header = xcalloc(n, sizeof(*header));
	widths = xcalloc(n, sizeof(*widths));
	right = xcalloc(n, sizeof(*right));
	for (column = 0; column < n; column++) {
		header[column] =
			table_cell_make(CELL_TEXT, report->columns[column]);
		widths[column] = column_width(report, column, &header[column]);
		right[column] = column_is_numeric(report, column);
	}
	table_write_row(report, header, widths, right);
	table_write_separator(report, widths);
	for (row = 0; row < report->rows; row++)
		table_write_row(report, &report->cells[row * n], widths, right);
	for (column = 0; column < n; column++)
		free(header[column].display);
	free(header);
	free(widths);
	free(right);
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
		fputc('[', out);
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
	report->cell = 0;
	report->rows++;
}

static void report_free(struct report *report)
{
	size_t i;

	for (i = 0; i < report->n_columns; i++)
		free(report->columns[i]);
	for (i = 0; i < report->n_cells; i++)
		free(report->cells[i].display);
	free(report->columns);
	free(report->cells);
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
