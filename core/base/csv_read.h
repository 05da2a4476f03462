/* Reading CSV as Excel writes it, one record at a time, into UTF-8. */
#ifndef INTAKE_CSV_READ_H
#define INTAKE_CSV_READ_H

#include <iconv.h>
#include <stddef.h>
#include <stdio.h>

/* What the bytes of the file are: UTF-8 (a BOM is skipped), CP932
 * (Windows Shift_JIS, decoded with glibc's iconv), or auto: UTF-8 when
 * the file starts with a BOM or its bytes are valid UTF-8 (the whole
 * file when it can be read twice, else its first 64 KB), else CP932. */
enum csv_encoding { CSV_UTF8, CSV_CP932, CSV_AUTO };

/* "utf-8" (or "utf8"), "cp932" (or "shift_jis", "sjis"), "auto", in
 * any case: 0, or -1 for anything else. */
int csv_encoding_parse(const char *name, enum csv_encoding *encoding);
#define CSV_ENCODING_NAMES "utf-8, cp932, auto"

/* The largest record read, in bytes of UTF-8: a longer one is an
 * error (a missing closing quote, most likely). */
#define CSV_RECORD_MAX ((size_t)1 << 20)

#define CSV_CHUNK 65536

/*
 * RFC 4180 as Excel writes it: fields separated by commas, records by
 * CRLF or LF; a field in double quotes may hold commas, newlines and
 * doubled quotes.  Lenient where Excel is: a quote inside an unquoted
 * field is a character, text after a closing quote is kept.  Memory is
 * the largest record, whatever the size of the file.  Fields are
 * always NUL-terminated UTF-8 as decoded; a byte that was not valid in
 * the file's encoding is left as the byte 0xFF (never valid UTF-8) and
 * the byte, so csv_record_bad finds it.
 */
struct csv_reader {
	FILE *in;
	enum csv_encoding encoding; /* as read: never CSV_AUTO */
	iconv_t cd;                 /* CP932 only */
	char raw[CSV_CHUNK];        /* CP932: undecoded bytes */
	size_t raw_len;
	char *buf; /* decoded bytes, buf[pos..len) not read yet */
	size_t pos, len;
	int at_eof;
	unsigned long long bytes_read; /* of the file, for progress */
	long line;                     /* the next line's number */
	int started;                   /* a record was read (BOM skipped) */

	/* The record just read. */
	char *text; /* fields, each NUL-terminated */
	size_t text_len, text_alloc;
	size_t *starts; /* offsets of the fields in text */
	size_t n_fields, alloc_fields;
	long record_line; /* the line the record starts on */
	int unterminated; /* it ended inside quotes, at the end of file */
};

/* Start reading in (not closed by the reader) in encoding (CSV_AUTO
 * reads ahead, then rewinds when it can): 0, or -1 when iconv lacks
 * CP932 or in cannot be read (errno set). */
int csv_reader_init(struct csv_reader *reader, FILE *in,
		    enum csv_encoding encoding);
void csv_reader_release(struct csv_reader *reader);

/* Read the next record: 1, 0 at the end of the file, -1 when it is
 * longer than CSV_RECORD_MAX or the file cannot be read (errno set). */
int csv_read_record(struct csv_reader *reader);

/* Field i of the record (i < n_fields). */
static inline const char *csv_record_field(const struct csv_reader *reader,
				    size_t i)
{
	return reader->text + reader->starts[i];
}

/* 1 when every field of the record is empty (a blank line, or a row
 * of commas as Excel writes an empty row). */
int csv_record_blank(const struct csv_reader *reader);

/* The first field holding a byte that is not UTF-8: its index, and
 * the byte (as the file had it) in *byte; -1 when all are valid. */
long csv_record_bad(const struct csv_reader *reader, int *byte);

/* The length of the longest prefix of s (n bytes) made of whole valid
 * UTF-8 characters; *invalid set when a byte there is not UTF-8 (else
 * what is left is an incomplete last character). */
size_t utf8_valid_prefix(const unsigned char *s, size_t n, int *invalid);

/* Field i of the record with every byte that is not UTF-8 as U+FFFD
 * (malloced; a byte the file's encoding lacked is one U+FFFD). */
char *csv_record_field_utf8(const struct csv_reader *reader, size_t i);

#endif
