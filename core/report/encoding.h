/* Output encodings of CSV: UTF-8, or CP932 (Windows Shift_JIS) for the
 * older Excel that reads nothing else. */
#ifndef INTAKE_ENCODING_H
#define INTAKE_ENCODING_H

#include <iconv.h>
#include <stddef.h>

#include "util.h"

enum output_encoding { ENCODING_UTF8, ENCODING_CP932 };

/* "utf-8" (or "utf8") or "cp932", in any case: 0, or -1 for anything
 * else (the caller names the accepted ones: ENCODING_NAMES). */
int encoding_parse(const char *name, enum output_encoding *encoding);
#define ENCODING_NAMES "utf-8, cp932"

/* A character the encoding cannot hold: its code point (0xFFFD for a
 * byte that is not UTF-8) and the character as UTF-8. */
struct encoding_failure {
	unsigned long code_point;
	char character[8];
};

/*
 * Converts UTF-8 text into an encoding with glibc's iconv (CP932 as
 * Windows maps it: 〜 U+301C and ～ U+FF5E are both 0x8160).  UTF-8 is
 * copied as it is.  encoder_init returns 0, or -1 when iconv lacks the
 * encoding; encoder_release frees it.
 */
struct encoder {
	enum output_encoding encoding;
	iconv_t cd;
};

int encoder_init(struct encoder *encoder, enum output_encoding encoding);
/* Append text (len bytes of UTF-8) converted to out: 0, or -1 when a
 * character cannot be written in the encoding (named in *failure; out
 * then holds nothing of text). */
int encoder_convert(struct encoder *encoder, const char *text, size_t len,
		    struct strbuf *out, struct encoding_failure *failure);
void encoder_release(struct encoder *encoder);

#endif
