/* The workbook of `intake export --xlsx`: typed cells, streamed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export.h"
#include "messages.h"
#include "util.h"
#include "value.h"

#define SHEET_NAME_MAX	 31 /* characters (UTF-16 units), as Excel counts */
#define WIDTH_MIN	 6.0
#define WIDTH_MAX	 60.0
#define FILTER_BUTTON	 3.0	   /* room for the autofilter's arrow */
#define EXCEL_FIRST_DATE 19000301L /* the first date Excel gets right */

struct export_xlsx {
	char *path; /* where the workbook goes */
	char *dir;  /* the private directory beside it */
	char *file; /* the workbook while it is written, inside dir */
	char *sheet_name;
	lxw_workbook *workbook;
	lxw_worksheet *sheet;
	lxw_format *header, *text, *number, *flag, *date;
	const struct export_column *columns;
	size_t n_columns;
	double *widths;
	lxw_row_t rows; /* written, the header included */
};

/* Bytes of the UTF-8 sequence starting with lead (1 for a stray byte). */
static size_t utf8_sequence(unsigned char lead)
{
	if (lead >= 0xF0)
		return 4;
	if (lead >= 0xE0)
		return 3;
	return lead >= 0xC0 ? 2 : 1;
}

char *export_sheet_name(const char *title, const char *fallback)
{
	struct strbuf name = STRBUF_INIT;
	size_t units = 0, len;

	while (*title == '\'')
		title++;
	for (; *title; title += len) {
		len = utf8_sequence((unsigned char)*title);
		if (strnlen(title, len) < len)
			break;
		units += len == 4 ? 2 : 1;
		if (units > SHEET_NAME_MAX)
			break;
		if (strchr("[]:*?/\\", *title))
			strbuf_addch(&name, '_');
		else
			strbuf_add(&name, title, len);
	}
	while (name.len && name.buf[name.len - 1] == '\'')
		name.buf[--name.len] = '\0';
	if (!name.len) {
		strbuf_release(&name);
		return xstrdup(fallback);
	}
	return strbuf_detach(&name);
}

static int cannot_write(const char *path, const char *why)
{
	error(msg(MSG_EXPORT_CANNOT_WRITE), path, why);
	return EXIT_CANTCREAT;
}

/* Remove the temporary file and directory, free xlsx. */
static void xlsx_free(struct export_xlsx *xlsx)
{
	if (xlsx->file)
		unlink(xlsx->file);
	if (xlsx->dir)
		rmdir(xlsx->dir);
	free(xlsx->path);
	free(xlsx->dir);
	free(xlsx->file);
	free(xlsx->sheet_name);
	free(xlsx->widths);
	free(xlsx);
}

/* The private directory (0700) beside the destination and an empty
 * workbook file in it (0600, O_EXCL): 0 or -1 with errno. */
static int make_temporary(struct export_xlsx *xlsx)
{
	char *parent = path_directory(xlsx->path);
	char *dir = xstrfmt("%s/.intake-export-XXXXXX", parent);
	int fd;

	free(parent);
	if (!mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	xlsx->dir = dir;
	xlsx->file = xstrfmt("%s/export.xlsx", dir);
	fd = open(xlsx->file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	if (fd < 0) {
		free(xlsx->file);
		xlsx->file = NULL;
		return -1;
	}
	close(fd);
	return 0;
}

static lxw_format *number_format(lxw_workbook *workbook, const char *code)
{
	lxw_format *format = workbook_add_format(workbook);

	format_set_num_format(format, code);
	return format;
}

static void add_formats(struct export_xlsx *xlsx)
{
	xlsx->header = workbook_add_format(xlsx->workbook);
	format_set_bold(xlsx->header);
	format_set_bottom(xlsx->header, LXW_BORDER_THIN);
	xlsx->text = number_format(xlsx->workbook, "@");
	xlsx->number = number_format(xlsx->workbook, "#,##0");
	xlsx->flag = number_format(xlsx->workbook, "0");
	xlsx->date = number_format(xlsx->workbook, "yyyy-mm-dd");
}

static void widen(struct export_xlsx *xlsx, size_t column, double width)
{
	if (width > xlsx->widths[column])
		xlsx->widths[column] = width;
}

static lxw_error write_header(struct export_xlsx *xlsx)
{
	lxw_error err = LXW_NO_ERROR;
	size_t i;

	for (i = 0; i < xlsx->n_columns && !err; i++) {
		const char *title = xlsx->columns[i].title;

		err = worksheet_write_string(xlsx->sheet, 0, (lxw_col_t)i,
					     title, xlsx->header);
		widen(xlsx, i, (double)utf8_width(title) + FILTER_BUTTON);
	}
	worksheet_freeze_panes(xlsx->sheet, 1, 0);
	xlsx->rows = 1;
	return err;
}

/* Open the workbook on the temporary file, with its sheet and header. */
static int open_workbook(struct export_xlsx *xlsx, const char *title)
{
	lxw_workbook_options options = {0};

	options.constant_memory = LXW_TRUE;
	options.tmpdir = xlsx->dir; /* not /tmp: personal data */
	xlsx->workbook = workbook_new_opt(xlsx->file, &options);
	if (!xlsx->workbook)
		return cannot_write(xlsx->path, strerror(ENOMEM));
	xlsx->sheet_name = export_sheet_name(title, "intake");
	xlsx->sheet = workbook_add_worksheet(xlsx->workbook, xlsx->sheet_name);
	if (!xlsx->sheet)
		return cannot_write(xlsx->path, xlsx->sheet_name);
	add_formats(xlsx);
	if (write_header(xlsx) != LXW_NO_ERROR)
		return cannot_write(xlsx->path, strerror(EIO));
	return 0;
}

int export_xlsx_begin(struct export_xlsx **result, const char *path,
		      const char *title, const struct export_column *columns,
		      size_t n_columns)
{
	struct export_xlsx *xlsx = xcalloc(1, sizeof(*xlsx));
	int status;

	*result = NULL;
	xlsx->path = xstrdup(path);
	xlsx->columns = columns;
	xlsx->n_columns = n_columns;
	xlsx->widths = xcalloc(n_columns, sizeof(*xlsx->widths));
	if (make_temporary(xlsx) < 0) {
		status = cannot_write(path, strerror(errno));
		xlsx_free(xlsx);
		return status;
	}
	if ((status = open_workbook(xlsx, title))) {
		export_xlsx_abort(xlsx);
		return status;
	}
	*result = xlsx;
	return 0;
}

/* Digits of a number as Excel shows it with #,##0. */
static double number_width(long long number)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%lld", number);

	return len + (len - (number < 0) - 1) / 3;
}

/* A date Excel cannot hold (its calendar starts in 1900, and counts a
 * 29 February 1900 that never was), as ISO text. */
static lxw_error write_early_date(struct export_xlsx *xlsx, size_t column,
				  long yyyymmdd)
{
	char iso[11];

	date_to_iso(yyyymmdd, iso);
	widen(xlsx, column, 10);
	return worksheet_write_string(xlsx->sheet, xlsx->rows,
				      (lxw_col_t)column, iso, NULL);
}

static lxw_error write_cell(struct export_xlsx *xlsx, size_t column,
			    const struct export_cell *cell)
{
	lxw_row_t row = xlsx->rows;
	lxw_col_t col = (lxw_col_t)column;
	lxw_datetime when = {0};

	switch (cell->type) {
	case EXPORT_EMPTY: return LXW_NO_ERROR;
	case EXPORT_TEXT:
	case EXPORT_DIGITS:
		widen(xlsx, column, (double)utf8_width(cell->text));
		return worksheet_write_string(
		    xlsx->sheet, row, col, cell->text,
		    cell->type == EXPORT_DIGITS ? xlsx->text : NULL);
	case EXPORT_NUMBER:
	case EXPORT_FLAG:
		widen(xlsx, column, number_width(cell->number));
		return worksheet_write_number(
		    xlsx->sheet, row, col, (double)cell->number,
		    cell->type == EXPORT_FLAG ? xlsx->flag : xlsx->number);
	case EXPORT_DATE:
		if (cell->date < EXCEL_FIRST_DATE)
			return write_early_date(xlsx, column, cell->date);
		when.year = (int)(cell->date / 10000);
		when.month = (int)(cell->date / 100 % 100);
		when.day = (int)(cell->date % 100);
		widen(xlsx, column, 10);
		return worksheet_write_datetime(xlsx->sheet, row, col, &when,
						xlsx->date);
	}
	return LXW_NO_ERROR;
}

int export_xlsx_row(struct export_xlsx *xlsx, const struct export_cell *cells)
{
	size_t i;

	for (i = 0; i < xlsx->n_columns; i++) {
		lxw_error err = write_cell(xlsx, i, &cells[i]);

		if (err != LXW_NO_ERROR)
			return cannot_write(xlsx->path, lxw_strerror(err));
	}
	xlsx->rows++;
	return 0;
}

/* Column widths and the format a cell typed in later takes (text for
 * digits, so a postal code typed in keeps its leading zero). */
static void set_columns(struct export_xlsx *xlsx)
{
	size_t i;

	for (i = 0; i < xlsx->n_columns; i++) {
		lxw_format *format = NULL;
		double width = xlsx->widths[i] + 1;

		switch (xlsx->columns[i].type) {
		case EXPORT_DIGITS: format = xlsx->text; break;
		case EXPORT_NUMBER: format = xlsx->number; break;
		case EXPORT_DATE: format = xlsx->date; break;
		default: break;
		}
		width = width < WIDTH_MIN ? WIDTH_MIN : width;
		width = width > WIDTH_MAX ? WIDTH_MAX : width;
		worksheet_set_column(xlsx->sheet, (lxw_col_t)i, (lxw_col_t)i,
				     width, format);
	}
	worksheet_autofilter(xlsx->sheet, 0, 0, xlsx->rows - 1,
			     (lxw_col_t)(xlsx->n_columns - 1));
}

/* Flush the finished file to disk before it takes the destination's
 * name: 0 or -1 with errno. */
static int sync_file(const char *file)
{
	int fd = open(file, O_RDONLY | O_NOFOLLOW), ret;

	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

int export_xlsx_finish(struct export_xlsx *xlsx)
{
	lxw_error err;
	int status = 0;

	set_columns(xlsx);
	err = workbook_close(xlsx->workbook);
	xlsx->workbook = NULL;
	if (err != LXW_NO_ERROR)
		status = cannot_write(xlsx->path, lxw_strerror(err));
	else if (sync_file(xlsx->file) < 0 ||
		 rename(xlsx->file, xlsx->path) < 0)
		status = cannot_write(xlsx->path, strerror(errno));
	xlsx_free(xlsx);
	return status;
}

void export_xlsx_abort(struct export_xlsx *xlsx)
{
	if (xlsx->workbook) {
		/* It writes the file; which is then removed. */
		workbook_close(xlsx->workbook);
	}
	xlsx_free(xlsx);
}
