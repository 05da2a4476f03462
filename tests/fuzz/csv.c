/* Fuzz the CSV writer: what it writes reads back, strictly, as its fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "support.h"

/*
 * Input: a flags byte (bit 0: Excel), then fields separated by NUL and
 * rows by 0x1E.  They are written with csv_field/csv_end_row and read
 * back by a strict RFC 4180 reader: a field is quoted exactly when
 * csv.h says, rows end in LF (Excel: CRLF after a byte order mark), and
 * each field comes back as written (Excel: with a leading apostrophe on
 * one that would start a formula, unless it is a plain number).
 */
#define ROW_SEPARATOR 0x1E
#define BOM "\xEF\xBB\xBF"

struct cell {
	char *text;
	int row_end; /* the last field of its row */
};

struct reader {
	const char *p, *end;
	const char *eol;
	size_t eol_len;
};

/* csv.h: a sign, digits and an optional fraction ("-5", "+1.5"). */
static int plain_number(const char *text)
{
	size_t digits;

	text += *text == '-' || *text == '+';
	digits = strspn(text, "0123456789");
	if (!digits)
		return 0;
	text += digits;
	if (*text == '.') {
		digits = strspn(++text, "0123456789");
		if (!digits)
			return 0;
		text += digits;
	}
	return !*text;
}

static int needs_apostrophe(const char *text)
{
	return *text && strchr("=+-@\t\r", *text) && !plain_number(text);
}

static int needs_quotes(const char *text)
{
	size_t len = strlen(text);

	return strpbrk(text, ",\"\r\n") ||
	       (len && (text[0] == ' ' || text[len - 1] == ' '));
}

static int at_eol(const struct reader *r)
{
	return (size_t)(r->end - r->p) >= r->eol_len &&
	       !memcmp(r->p, r->eol, r->eol_len);
}

/* One field into out (malloced, may hold NUL bytes as read); *quoted. */
static void read_field(struct reader *r, char **out, size_t *len,
		       int *quoted)
{
	const char *start;
	char *text = malloc((size_t)(r->end - r->p) + 1);
	size_t n = 0;

	if (!text)
		abort();
	*quoted = r->p < r->end && *r->p == '"';
	if (*quoted) {
		for (r->p++;; r->p++) {
			if (r->p >= r->end)
				fuzz_fail("unclosed quoted field");
			if (*r->p == '"') {
				if (r->p + 1 < r->end && r->p[1] == '"') {
					text[n++] = '"';
					r->p++;
					continue;
				}
				r->p++;
				break;
			}
			text[n++] = *r->p;
		}
	} else {
		for (start = r->p; r->p < r->end && *r->p != ',' && !at_eol(r);
		     r->p++) {
			if (*r->p == '"' || *r->p == '\r' || *r->p == '\n')
				fuzz_fail("byte 0x%02X in an unquoted field "
					  "at offset %zu",
					  (unsigned char)*r->p,
					  (size_t)(r->p - start));
			text[n++] = *r->p;
		}
	}
	if (r->p < r->end && *r->p != ',' && !at_eol(r))
		fuzz_fail("byte 0x%02X after a quoted field",
			  (unsigned char)*r->p);
	text[n] = '\0';
	*out = text;
	*len = n;
}

static size_t split(const uint8_t *data, size_t size, struct cell *cells)
{
	size_t n = 0, start = 0;

	for (size_t i = 0; i <= size; i++) {
		if (i < size && data[i] && data[i] != ROW_SEPARATOR)
			continue;
		cells[n].text = malloc(i - start + 1);
		if (!cells[n].text)
			abort();
		memcpy(cells[n].text, data + start, i - start);
		cells[n].text[i - start] = '\0';
		cells[n].row_end = i == size || data[i] == ROW_SEPARATOR;
		n++;
		start = i + 1;
	}
	return n;
}

static void check(struct cell *cells, size_t n, int excel,
		  const char *written, size_t len)
{
	struct reader r = { written, written + len, excel ? "\r\n" : "\n",
			    excel ? 2 : 1 };

	if (excel) {
		if (len < 3 || memcmp(written, BOM, 3))
			fuzz_fail("Excel CSV without a byte order mark");
		r.p += 3;
	}
	for (size_t i = 0; i < n; i++) {
		const char *want = cells[i].text;
		char *got, *with_mark = NULL;
		size_t got_len;
		int quoted;

		read_field(&r, &got, &got_len, &quoted);
		if (excel && needs_apostrophe(want)) {
			size_t want_len = strlen(want);

			with_mark = malloc(want_len + 2);
			if (!with_mark)
				abort();
			with_mark[0] = '\'';
			memcpy(with_mark + 1, want, want_len + 1);
			want = with_mark;
		}
		if (got_len != strlen(want) || memcmp(got, want, got_len))
			fuzz_fail("field %zu written as '%s' reads back as "
				  "'%s'", i, fuzz_shown(want), fuzz_shown(got));
		if (quoted != !!needs_quotes(cells[i].text))
			fuzz_fail("field %zu '%s' %s", i,
				  fuzz_shown(cells[i].text),
				  quoted ? "quoted without need"
					 : "not quoted");
		free(with_mark);
		free(got);
		if (cells[i].row_end) {
			if (!at_eol(&r))
				fuzz_fail("row does not end after field %zu",
					  i);
			r.p += r.eol_len;
		} else if (r.p >= r.end || *r.p++ != ',') {
			fuzz_fail("no comma after field %zu", i);
		}
	}
	if (r.p != r.end)
		fuzz_fail("%zu bytes after the last row",
			  (size_t)(r.end - r.p));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_writer csv;
	struct cell *cells;
	char *written = NULL;
	size_t len = 0, n;
	FILE *out;
	int excel;

	if (!size)
		return 0;
	excel = data[0] & 1;
	cells = calloc(size, sizeof(*cells));
	if (!cells)
		abort();
	n = split(data + 1, size - 1, cells);
	out = open_memstream(&written, &len);
	if (!out)
		abort();
	csv_begin(&csv, out, excel);
	for (size_t i = 0; i < n; i++) {
		csv_field(&csv, cells[i].text);
		if (cells[i].row_end)
			csv_end_row(&csv);
	}
	if (csv_finish(&csv) || fclose(out))
		abort();
	check(cells, n, excel, written, len);
	for (size_t i = 0; i < n; i++)
		free(cells[i].text);
	free(cells);
	free(written);
	return 0;
}
