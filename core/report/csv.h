/* CSV writing (RFC 4180), optionally for Excel, in UTF-8 or CP932. */
#ifndef INTAKE_CSV_H
#define INTAKE_CSV_H

#include <stdio.h>

#include "encoding.h"
#include "util.h"

/*
 * Fields are quoted when they hold a comma, quote, CR or LF, or start
 * or end with a space; quotes are doubled.  For Excel (excel = 1) lines
 * end in CRLF, a UTF-8 file starts with a byte order mark (so Japanese
 * opens without mojibake; CP932 has none), and a field starting with
 * = + - @, tab or CR gets a leading apostrophe so it is not run as a
 * formula; a plain number such as -5 or -1.5 is left alone.
 *
 * Each row is written whole when it ends (in UTF-8 as it is, one
 * fwrite; fields of a row never ended are not written).  In CP932 it
 * is converted first; a row holding a character CP932 has
 * not (𠮷 U+20BB7, an emoji) is not written, nor anything after it:
 * csv_finish then says which character of which row, and that the
 * output is incomplete.  The rows before it are already written (to a
 * pipe they cannot be taken back).
 */
struct csv_writer {
	FILE *out;
	int excel;
	int fields_in_row;
	struct encoder encoder;
	struct strbuf row;   /* the row being written */
	struct strbuf bytes; /* CP932: the row converted */
	long rows;	     /* rows ended, the heading included */
	long failed_row;     /* the row not written (1: the heading), or 0 */
	struct encoding_failure failure;
};

/* UTF-8. */
void csv_begin(struct csv_writer *csv, FILE *out, int excel);
/* In encoding (iconv unable to convert to it dies: 70). */
void csv_begin_encoded(struct csv_writer *csv, FILE *out, int excel,
		       enum output_encoding encoding);
void csv_field(struct csv_writer *csv, const char *text); /* NULL: empty */
/* A code of digits whose leading zeros count (a postal code, a phone,
 * a 法人番号): for Excel written as ="0300801", which Excel shows as
 * that text; anything but digits alone goes through csv_field. */
void csv_digits(struct csv_writer *csv, const char *digits);
void csv_end_row(struct csv_writer *csv);
/* Release the writer: 0, or -1 after saying which row could not be
 * written in the encoding (the output is incomplete: exit 65). */
int csv_finish(struct csv_writer *csv);

#endif
