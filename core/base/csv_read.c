/* Reading CSV as Excel writes it, one record at a time, into UTF-8. */
#include "csv_read.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* A byte never found in UTF-8: marks one the file's encoding lacked
 * (CP932; the byte itself follows it). */
#define BAD_BYTE 0xFF

int csv_encoding_parse(const char *name, enum csv_encoding *encoding)
{
	if (!name)
		return -1;
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		*encoding = CSV_UTF8;
	else if (!strcasecmp(name, "cp932") || !strcasecmp(name, "shift_jis")
		 || !strcasecmp(name, "sjis"))
		*encoding = CSV_CP932;
	else if (!strcasecmp(name, "auto"))
		*encoding = CSV_AUTO;
	else
		return -1;
	return 0;
}

/* The length of the character s starts (n bytes there), 0 when it is
 * not valid UTF-8, -1 when it is cut short by the end. */
static int utf8_char(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	int len, i;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	}
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) ||
	    (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
		return 0; /* overlong, surrogate, above U+10FFFF */
	return len;
}

size_t utf8_valid_prefix(const unsigned char *s, size_t n, int *invalid)
{
	size_t i = 0;
	int len;

	*invalid = 0;
	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = utf8_char(s + i, n - i);
		if (len < 0)
			break;
		if (!len) {
			*invalid = 1;
			break;
		}
		i += (size_t)len;
	}
	return i;
}

/* Is all of in (from where it is) valid UTF-8?  Reads up to limit
 * bytes (0: all); 1 yes, 0 no, -1 read error. */
static int looks_utf8(FILE *in, unsigned long long limit)
{
	unsigned char chunk[CSV_CHUNK + 4];
	size_t carry = 0, got, ok;
	unsigned long long total = 0;
	int invalid;

	while ((got = fread(chunk + carry, 1, CSV_CHUNK, in)) > 0) {
		got += carry;
		total += got - carry;
		ok = utf8_valid_prefix(chunk, got, &invalid);
		if (invalid)
			return 0;
		carry = got - ok;
		memmove(chunk, chunk + ok, carry);
		if (limit && total >= limit)
			return 1;
	}
	if (ferror(in))
		return -1;
	return carry == 0;
}

/* Skip a UTF-8 BOM at the start of buf (CSV_UTF8 only). */
static void skip_bom(struct csv_reader *r)
{
	if (r->len - r->pos >= 3 && !memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3))
		r->pos += 3;
}

/* CSV_AUTO: which encoding in is, from a BOM or its bytes; in is
 * rewound when it can be, else what was read stays in buf. */
static int detect(struct csv_reader *r)
{
	long start = ftell(r->in);
	int utf8;

	if (start >= 0) {
		utf8 = looks_utf8(r->in, 0);
		if (utf8 < 0 || fseek(r->in, start, SEEK_SET) < 0)
			return -1;
		r->encoding = utf8 ? CSV_UTF8 : CSV_CP932;
		return 0;
	}
	/* A pipe: decide on what its first chunk says. */
	r->len = fread(r->buf, 1, CSV_CHUNK, r->in);
	if (ferror(r->in))
		return -1;
	{
		int invalid;

		utf8_valid_prefix((unsigned char *)r->buf, r->len, &invalid);
		r->encoding = invalid ? CSV_CP932 : CSV_UTF8;
	}
	if (r->encoding == CSV_CP932) {
		memcpy(r->raw, r->buf, r->len);
		r->raw_len = r->len;
		r->len = 0;
	}
	r->bytes_read = r->len + r->raw_len;
	return 0;
}

int csv_reader_init(struct csv_reader *r, FILE *in,
		    enum csv_encoding encoding)
{
	memset(r, 0, sizeof(*r));
	r->in = in;
	r->cd = (iconv_t)-1;
	r->line = 1;
	r->encoding = encoding;
	/* iconv writes at most 4 bytes of UTF-8 (3 for CP932) per byte */
	r->buf = xmalloc(CSV_CHUNK * 4);
	if (encoding == CSV_AUTO && detect(r) < 0)
		return -1;
	if (r->encoding == CSV_CP932) {
		r->cd = iconv_open("UTF-8", "CP932");
		if (r->cd == (iconv_t)-1)
			return -1;
	}
	return 0;
}

void csv_reader_release(struct csv_reader *r)
{
	if (r->encoding == CSV_CP932 && r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->buf);
	free(r->text);
	free(r->starts);
	memset(r, 0, sizeof(*r));
	r->cd = (iconv_t)-1;
}

/* Decode raw into buf: as much as iconv takes, an undecodable byte as
 * BAD_BYTE (noted for the record), an incomplete last character kept
 * for the next chunk unless the file ended. */
static void decode(struct csv_reader *r)
{
	char *in = r->raw, *out = r->buf;
	size_t in_left = r->raw_len, out_left = CSV_CHUNK * 4;

	while (in_left > 0) {
		if (iconv(r->cd, &in, &in_left, &out, &out_left) !=
		    (size_t)-1)
			break;
		if (errno == EINVAL && !r->at_eof)
			break;
		*out++ = (char)BAD_BYTE; /* then the byte, for the message */
		*out++ = *in;
		out_left -= 2;
		in++;
		in_left--;
	}
	memmove(r->raw, in, in_left);
	r->raw_len = in_left;
	r->len = (size_t)(out - r->buf);
	r->pos = 0;
}

/* Refill buf: the number of bytes now there, 0 at the end, -1. */
static int fill(struct csv_reader *r)
{
	size_t got;

	if (r->encoding == CSV_UTF8) {
		r->pos = 0;
		r->len = fread(r->buf, 1, CSV_CHUNK, r->in);
		r->bytes_read += r->len;
		if (!r->len && ferror(r->in))
			return -1;
		return (int)r->len;
	}
	do {
		got = fread(r->raw + r->raw_len, 1, CSV_CHUNK - r->raw_len,
			    r->in);
		r->bytes_read += got;
		r->raw_len += got;
		if (!got && ferror(r->in))
			return -1;
		if (!got)
			r->at_eof = 1;
		decode(r);
	} while (!r->len && !r->at_eof);
	return (int)r->len;
}

/* The next byte, or -1 at the end (or on a read error: ferror). */
static inline int next_byte(struct csv_reader *r)
{
	if (r->pos == r->len && fill(r) <= 0)
		return -1;
	return (unsigned char)r->buf[r->pos++];
}

static int add_byte(struct csv_reader *r, int c)
{
	if (r->text_len + 1 >= r->text_alloc) {
		if (r->text_alloc >= CSV_RECORD_MAX) {
			errno = EFBIG;
			return -1;
		}
		r->text_alloc = r->text_alloc ? r->text_alloc * 2 : 4096;
		r->text = xrealloc(r->text, r->text_alloc);
	}
	r->text[r->text_len++] = (char)c;
	return 0;
}

static void start_field(struct csv_reader *r)
{
	ALLOC_GROW(r->starts, r->n_fields + 1, r->alloc_fields);
	r->starts[r->n_fields++] = r->text_len;
}

/* A quoted field's text after its opening quote, up to the closing
 * quote: the byte after it, or -1 at the end (unterminated). */
static int quoted(struct csv_reader *r, int *c)
{
	for (;;) {
		*c = next_byte(r);
		if (*c < 0) {
			r->unterminated = 1;
			return 0;
		}
		if (*c == '"') {
			*c = next_byte(r);
			if (*c != '"')
				return 0;
		} else if (*c == '\r') {
			*c = next_byte(r); /* CRLF in a field is a newline */
			if (*c != '\n') {
				if (*c >= 0)
					r->pos--;
				*c = '\r';
			}
		}
		if (*c == '\n')
			r->line++;
		if (add_byte(r, *c) < 0)
			return -1;
	}
}

/* The rest of a field up to a comma, a line end or the end of file,
 * starting with c: the byte that ended it (',' '\n' or -1). */
static int unquoted(struct csv_reader *r, int c, int *end)
{
	while (c >= 0 && c != ',' && c != '\n') {
		if (c == '\r') {
			c = next_byte(r);
			if (c == '\n' || c < 0)
				break;
			if (add_byte(r, '\r') < 0)
				return -1;
			continue;
		}
		if (add_byte(r, c) < 0)
			return -1;
		c = next_byte(r);
	}
	*end = c;
	return 0;
}

int csv_read_record(struct csv_reader *r)
{
	int c, end = ',';

	r->text_len = 0;
	r->n_fields = 0;
	r->unterminated = 0;
	if (!r->started && r->encoding == CSV_UTF8) {
		if (r->pos == r->len && fill(r) < 0)
			return -1;
		skip_bom(r);
	}
	r->started = 1;
	c = next_byte(r);
	if (c < 0)
		return ferror(r->in) ? -1 : 0;
	r->record_line = r->line;
	while (end == ',') {
		start_field(r);
		if (c == '"' && quoted(r, &c) < 0)
			return -1;
		if (unquoted(r, c, &end) < 0 || add_byte(r, '\0') < 0)
			return -1;
		if (end == ',')
			c = next_byte(r);
	}
	if (end == '\n')
		r->line++;
	if (end < 0 && ferror(r->in))
		return -1;
	return 1;
}

int csv_record_blank(const struct csv_reader *r)
{
	size_t i;

	for (i = 0; i < r->n_fields; i++)
		if (csv_record_field(r, i)[0])
			return 0;
	return 1;
}

long csv_record_bad(const struct csv_reader *r, int *byte)
{
	const unsigned char *field;
	size_t i, len, ok;
	int invalid;

	for (i = 0; i < r->n_fields; i++) {
		field = (const unsigned char *)csv_record_field(r, i);
		len = strlen((const char *)field);
		ok = utf8_valid_prefix(field, len, &invalid);
		if (ok == len)
			continue;
		*byte = field[ok];
		if (r->encoding == CSV_CP932 && field[ok] == BAD_BYTE)
			*byte = field[ok + 1];
		return (long)i;
	}
	return -1;
}

char *csv_record_field_utf8(const struct csv_reader *r, size_t i)
{
	const unsigned char *field =
		(const unsigned char *)csv_record_field(r, i);
	struct strbuf out = STRBUF_INIT;
	size_t len = strlen((const char *)field), ok;
	int invalid;

	for (;;) {
		ok = utf8_valid_prefix(field, len, &invalid);
		strbuf_add(&out, field, ok);
		if (ok == len)
			break;
		strbuf_addstr(&out, "\xEF\xBF\xBD"); /* U+FFFD */
		ok++;
		if (r->encoding == CSV_CP932 && field[ok - 1] == BAD_BYTE &&
		    ok < len)
			ok++;
		field += ok;
		len -= ok;
	}
	return strbuf_detach(&out);
}
