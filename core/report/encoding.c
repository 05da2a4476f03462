/* Output encodings of CSV: UTF-8 as stored, or CP932 through iconv. */
#include "encoding.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

int encoding_parse(const char *name, enum output_encoding *encoding)
{
	if (!name)
		return -1;
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		*encoding = ENCODING_UTF8;
	else if (!strcasecmp(name, "cp932"))
		*encoding = ENCODING_CP932;
	else
		return -1;
	return 0;
}

int encoder_init(struct encoder *encoder, enum output_encoding encoding)
{
	encoder->encoding = encoding;
	encoder->cd = (iconv_t)-1;
	if (encoding == ENCODING_UTF8)
		return 0;
	encoder->cd = iconv_open("CP932", "UTF-8");
	return encoder->cd == (iconv_t)-1 ? -1 : 0;
}

void encoder_release(struct encoder *encoder)
{
	if (encoder->cd != (iconv_t)-1)
		iconv_close(encoder->cd);
	encoder->cd = (iconv_t)-1;
}

/* The character at text (left bytes) that could not be converted. */
static void name_failure(const char *text, size_t left,
			 struct encoding_failure *failure)
{
	utf8proc_int32_t code_point;
	utf8proc_ssize_t len;

	len = utf8proc_iterate((const utf8proc_uint8_t *)text,
			       (utf8proc_ssize_t)left, &code_point);
	if (len <= 0 || (size_t)len >= sizeof(failure->character)) {
		failure->code_point = 0xFFFD;
		memcpy(failure->character, "\xEF\xBF\xBD", 4);
		return;
	}
	failure->code_point = (unsigned long)code_point;
	memcpy(failure->character, text, (size_t)len);
	failure->character[len] = '\0';
}

/* Room for n more bytes at the end of out (its length unchanged):
 * any n bytes of text do, they are written over. */
static void make_room(struct strbuf *out, const char *text, size_t n)
{
	strbuf_add(out, text, n);
	out->len -= n;
}

int encoder_convert(struct encoder *encoder, const char *text, size_t len,
		    struct strbuf *out, struct encoding_failure *failure)
{
	size_t start = out->len, left = len, room;
	char *in = (char *)text, *to;

	if (encoder->encoding == ENCODING_UTF8) {
		strbuf_add(out, text, len);
		return 0;
	}
	iconv(encoder->cd, NULL, NULL, NULL, NULL);
	while (left) {
		/* CP932 never takes more bytes than UTF-8 for a character;
		 * E2BIG goes round again all the same. */
		make_room(out, text, left);
		to = out->buf + out->len;
		room = left;
		if (iconv(encoder->cd, &in, &left, &to, &room) == (size_t)-1 &&
		    errno != E2BIG) {
			name_failure(in, left, failure);
			out->len = start;
			out->buf[start] = '\0';
			return -1;
		}
		out->len = (size_t)(to - out->buf);
		out->buf[out->len] = '\0';
	}
	return 0;
}
