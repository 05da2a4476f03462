/* CSV writing (RFC 4180), optionally for Excel. */
#ifndef INTAKE_CSV_H
#define INTAKE_CSV_H

#include <stdio.h>

/*
 * Fields are quoted when they hold a comma, quote, CR or LF, or start
 * or end with a space; quotes are doubled.  For Excel (excel = 1) the
 * file starts with a UTF-8 byte order mark and lines end in CRLF, so
 * Japanese opens without mojibake, and a field starting with = + - @,
 * tab or CR gets a leading apostrophe so it is not run as a formula; a
 * plain number such as -5 or -1.5 is left alone.
 */
struct csv_writer {
	FILE *out;
	int excel;
	int fields_in_row;
};

void csv_begin(struct csv_writer *csv, FILE *out, int excel);
void csv_field(struct csv_writer *csv, const char *text); /* NULL: empty */
void csv_end_row(struct csv_writer *csv);

#endif
