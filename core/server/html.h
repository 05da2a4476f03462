/* Decoding of posted forms for the server's pages (html_escape: util.h). */
#ifndef INTAKE_HTML_H
#define INTAKE_HTML_H

#include <stddef.h>

#include "util.h"

/* The fields of an application/x-www-form-urlencoded body. */
struct post_form {
	size_t n;
	char **names, **values;
};

#define POST_FIELDS_MAX 32

enum post_result {
	POST_OK = 0,
	POST_MALFORMED = -1, /* no '=', a bad %XX, a NUL, a repeated name,
				too many fields */
	POST_NOT_UTF8 = -2
};

/* Decode len bytes of body into form (released whatever the result). */
enum post_result post_decode(const char *body, size_t len,
			     struct post_form *form);
/* The value of name, or NULL. */
const char *post_get(const struct post_form *form, const char *name);
void post_release(struct post_form *form);

/* 1 when len bytes of text are valid UTF-8, else 0; utf8_valid_text
 * for a NUL-terminated text. */
int utf8_valid(const char *text, size_t len);
int utf8_valid_text(const char *text);

#endif
