/* Decoding of posted forms for the server's pages (html_escape: util.h). */
#include "html.h"

#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <utf8proc.h>

int utf8_valid(const char *text, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	while (len) {
		n = utf8proc_iterate(p, (utf8proc_ssize_t)len, &cp);
		if (n <= 0)
			return 0;
		p += n;
		len -= (size_t)n;
	}
	return 1;
}

int utf8_valid_text(const char *text)
{
	return utf8_valid(text, strlen(text));
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The byte %XX at text (len bytes left, text[0] == '%'), or -1 when it
 * is not two hex digits or is a NUL. */
static int percent_byte(const char *text, size_t len)
{
	int hi, lo;

	if (len < 3)
		return -1;
	hi = hex_value(text[1]);
	lo = hex_value(text[2]);
	if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
		return -1;
	return hi * 16 + lo;
}

/* Percent-decode len bytes ('+' is a space) into *out (malloced):
 * POST_OK, POST_MALFORMED or POST_NOT_UTF8. */
static enum post_result url_decode(const char *text, size_t len, char **out)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	int byte;

	*out = NULL;
	for (i = 0; i < len; i++) {
		byte = text[i] == '%' ? percent_byte(text + i, len - i)
				      : (unsigned char)text[i];
		if (byte <= 0) {
			strbuf_release(&sb);
			return POST_MALFORMED;
		}
		strbuf_addch(&sb, byte == '+' && text[i] == '+' ? ' ' : byte);
		if (text[i] == '%')
			i += 2;
	}
	*out = strbuf_detach(&sb);
	return utf8_valid(*out, strlen(*out)) ? POST_OK : POST_NOT_UTF8;
}

/* Decode one name=value pair of len bytes and append it. */
static enum post_result add_pair(struct post_form *form, const char *pair,
				 size_t len)
{
	const char *eq = memchr(pair, '=', len);
	enum post_result rc;
	char *name = NULL, *value = NULL;

	if (!eq || eq == pair || form->n == POST_FIELDS_MAX)
		return POST_MALFORMED;
	rc = url_decode(pair, (size_t)(eq - pair), &name);
	if (rc == POST_OK)
		rc = url_decode(eq + 1, len - (size_t)(eq - pair) - 1, &value);
	if (rc == POST_OK && post_get(form, name))
		rc = POST_MALFORMED;
	if (rc != POST_OK) {
		free(name);
		free(value);
		return rc;
	}
	form->names = xrealloc(form->names, (form->n + 1) * sizeof(char *));
	form->values = xrealloc(form->values, (form->n + 1) * sizeof(char *));
	form->names[form->n] = name;
	form->values[form->n++] = value;
	return POST_OK;
}

enum post_result post_decode(const char *body, size_t len,
			     struct post_form *form)
{
	const char *end = body + len, *amp;
	enum post_result rc = POST_OK;

	memset(form, 0, sizeof(*form));
	while (len && body < end && rc == POST_OK) {
		amp = memchr(body, '&', (size_t)(end - body));
		if (!amp)
			amp = end;
		rc = add_pair(form, body, (size_t)(amp - body));
		body = amp + 1;
		if (amp == end - 1)
			rc = POST_MALFORMED; /* a trailing '&' */
	}
	if (rc != POST_OK)
		post_release(form);
	return rc;
}

const char *post_get(const struct post_form *form, const char *name)
{
	size_t i;

	for (i = 0; i < form->n; i++)
		if (!strcmp(form->names[i], name))
			return form->values[i];
	return NULL;
}

void post_release(struct post_form *form)
{
	size_t i;

	for (i = 0; i < form->n; i++) {
		free(form->names[i]);
		free(form->values[i]);
	}
	free(form->names);
	free(form->values);
	memset(form, 0, sizeof(*form));
}
