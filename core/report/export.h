/* `intake export`: the columns and cells its CSV, JSON and xlsx share. */
#ifndef INTAKE_EXPORT_H
#define INTAKE_EXPORT_H

#include <stddef.h>

/* What a column holds. */
enum export_column_kind {
	EXPORT_CASE, /* the receipt, or its pseudonym */
	EXPORT_RECEIVED_ON,
	EXPORT_FIELD,	      /* the answer to a form field */
	EXPORT_STATUS,	      /* received, withdrawn, the latest outcome */
	EXPORT_LATEST,	      /* the latest outcome that counts */
	EXPORT_LATEST_ON,     /* its date */
	EXPORT_OUTCOME_ON,    /* the date an outcome was last recorded */
	EXPORT_OUTCOME_AMOUNT /* its amount in yen */
};

/*
 * How a cell is written.  EXPORT_DIGITS is text made of digits that
 * must stay text (postal codes, phones, 法人番号, municipality and
 * prefecture codes): leading zeros kept, never a number or exponent.
 */
enum export_cell_type {
	EXPORT_EMPTY,
	EXPORT_TEXT,
	EXPORT_DIGITS,
	EXPORT_NUMBER, /* integers and yen, grouped #,##0 */
	EXPORT_FLAG,   /* a bool's code, 1 or 0 */
	EXPORT_DATE
};

struct field;

struct export_column {
	enum export_column_kind kind;
	enum export_cell_type type; /* what its cells are when not empty */
	const struct field *field;  /* EXPORT_FIELD */
	size_t outcome; /* EXPORT_OUTCOME_*: index in the plugin's list */
	char *id;	/* CSV header and JSON key: "phone",
			   "outcome.employed", "outcome.grant_paid.amount" */
	char *title;	/* for people, in the current language */
};

struct export_cell {
	enum export_cell_type type;
	const char *text; /* EXPORT_TEXT, EXPORT_DIGITS */
	long long number; /* EXPORT_NUMBER, EXPORT_FLAG */
	long date;	  /* EXPORT_DATE: yyyymmdd */
	char *owned;	  /* what text points to when malloced, or NULL */
};

/*
 * The workbook of `export --xlsx` (export_xlsx.c): one sheet named
 * after title (cut to Excel's 31 characters, []:*?/\ replaced), a bold
 * frozen header row of the column titles with an autofilter, typed
 * cells, column widths that fit what was written.  Rows are streamed
 * (libxlsxwriter's constant memory mode).  The workbook is made in a
 * private directory (0700) beside path, as a file created 0600 with
 * O_EXCL, and renamed onto path only when complete: a failure leaves
 * nothing behind.
 */
struct export_xlsx;

/* Start the workbook for path: 0, or EXIT_CANTCREAT after printing why
 * (naming path). */
int export_xlsx_begin(struct export_xlsx **xlsx, const char *path,
		      const char *title, const struct export_column *columns,
		      size_t n_columns);
/* Write one row of n_columns cells (as given to begin): 0, or
 * EXIT_CANTCREAT after printing why (a text over Excel's 32,767
 * characters); the workbook is then only fit for export_xlsx_abort.
 * A date before 1900-03-01, which Excel cannot hold, is written as
 * ISO text. */
int export_xlsx_row(struct export_xlsx *xlsx, const struct export_cell *cells);
/* Close the workbook and rename it onto path: 0, or EXIT_CANTCREAT
 * after printing why, nothing left behind.  Frees xlsx either way. */
int export_xlsx_finish(struct export_xlsx *xlsx);
/* Give up: remove what was written, free xlsx. */
void export_xlsx_abort(struct export_xlsx *xlsx);

/* The sheet name Excel accepts for title (exposed for tests): at most
 * 31 characters, none of []:*?/\, not starting or ending with an
 * apostrophe; fallback when nothing is left.  Malloced. */
char *export_sheet_name(const char *title, const char *fallback);

#endif
