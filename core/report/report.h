/* Listing output: the same rows as a table, CSV or JSON. */
#ifndef INTAKE_REPORT_H
#define INTAKE_REPORT_H

#include <stdio.h>

#include "encoding.h"

enum report_format { REPORT_TABLE, REPORT_CSV, REPORT_JSON };

/* "table", "csv" or "json": 0, or -1 for anything else. */
int report_format_parse(const char *name, enum report_format *format);
/* table when stdout is a terminal, csv otherwise. */
enum report_format report_format_default(void);

/*
 * --encoding of a listing: name parsed into *encoding, and *format made
 * csv unless format_given.  0, or -1 after saying what was wrong (an
 * unknown name, or a --format other than csv: JSON is UTF-8 by
 * definition, a table is for the terminal); the command exits 64.
 */
int report_encoding_option(const char *name, enum output_encoding *encoding,
			   enum report_format *format, int format_given);

/*
 * A report has fixed columns; rows are added cell by cell, left to
 * right.  Tables are aligned by display width (Japanese counts two
 * columns) in pages of 100 rows: a page is printed when full (or by
 * report_finish) under its own header, after a blank line when a page
 * came before, so that memory does not grow with the rows; a table of
 * up to 100 rows is one page, aligned as a whole.  CSV rows and JSON
 * objects are written as they end, each with one write.  JSON is one
 * array of objects keyed by column name; integers are numbers, NULL
 * cells null.  In a table NULL shows as "-", numbers align right (a
 * column right-aligned when its page holds numbers and no text), and
 * control characters show as '?'.  A row must have exactly n_columns
 * cells (BUG otherwise).
 */
struct report;

struct report *report_begin(enum report_format format, FILE *out,
			    const char *const *columns, size_t n_columns);
/* CSV as Excel reads it (csv.h: a BOM, CRLF, formulas defused). */
struct report *report_begin_excel(FILE *out, const char *const *columns,
				  size_t n_columns);
/* CSV in encoding, for Excel when excel (csv.h: CP932 has no BOM). */
struct report *report_begin_csv(FILE *out, int excel,
				enum output_encoding encoding,
				const char *const *columns, size_t n_columns);
void report_text(struct report *report, const char *text); /* NULL: null */
void report_integer(struct report *report, long long value);
/* A number with two decimals given in hundredths: 95 is 0.95. */
void report_hundredths(struct report *report, long long hundredths);
void report_null(struct report *report);
void report_end_row(struct report *report);
/* Print what is buffered, close the JSON array, free the report: 0, or
 * -1 when a CSV row could not be written in its encoding (said, with
 * the output incomplete: csv.h; a command exits 65). */
int report_finish(struct report *report);

/* Write text as a JSON string literal, quotes included: controls, quote
 * and backslash escaped, a byte that is not UTF-8 as U+FFFD. */
void json_write_string(FILE *out, const char *text);
/* The same literal appended to sb (a row built whole, then written). */
struct strbuf;
void json_add_string(struct strbuf *sb, const char *text);

#endif
