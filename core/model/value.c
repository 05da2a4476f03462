/* Field types: parse, normalise, check and format each answer. */
#include "value.h"

#include "form.h"
#include "messages.h"
#include "util.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/*
 * Characters and text
 */

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* strcmp that folds ASCII letters only (never the locale's idea). */
static int ascii_casecmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	while (*x && ascii_lower(*x) == ascii_lower(*y)) {
		x++;
		y++;
	}
	return ascii_lower(*x) - ascii_lower(*y);
}

/* ascii_casecmp of the first len bytes. */
static int ascii_ncasecmp(const char *a, const char *b, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		int x = ascii_lower((unsigned char)a[i]);
		int y = ascii_lower((unsigned char)b[i]);

		if (x != y || !x)
			return x - y;
	}
	return 0;
}

/* The text after prefix, or NULL when text does not start with it. */
static const char *skip_prefix(const char *text, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(text, prefix, len) ? NULL : text + len;
}

static int all_digits(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_digit(text[i]))
			return 0;
	return 1;
}

/* A copy of text[0..len) without leading and trailing white space. */
static char *trim_dup(const char *text, size_t len)
{
	while (len && is_space((unsigned char)*text)) {
		text++;
		len--;
	}
	while (len && is_space((unsigned char)text[len - 1]))
		len--;
	return xstrndup(text, len);
}

/* The code point at *p, which moves past it; -1 (and one byte) when the
 * bytes there are not UTF-8. */
static utf8proc_int32_t next_code_point(const char **p)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;

	n = utf8proc_iterate((const utf8proc_uint8_t *)*p, -1, &cp);
	if (n <= 0) {
		(*p)++;
		return -1;
	}
	*p += n;
	return cp;
}

static void add_code_point(struct strbuf *sb, utf8proc_int32_t cp)
{
	utf8proc_uint8_t bytes[4];
	utf8proc_ssize_t n = utf8proc_encode_char(cp, bytes);

	strbuf_add(sb, bytes, (size_t)n);
}

int text_is_utf8(const char *text)
{
	while (*text)
		if (next_code_point(&text) < 0)
			return 0;
	return 1;
}

/*
 * Dashes NFKC leaves alone.  The wave dashes become '~', the
 * range sign ("9〜17時"), so that they never read as a minus sign.  The
 * numeric_only entries apply in numeric fields only: there ー and the
 * figure, en and em dashes are what people type for a hyphen, while in
 * text they are part of words ("ケーキ") or punctuation and are kept.
 */
static const struct dash {
	utf8proc_int32_t from;
	char to;
	int numeric_only;
} dashes[] = {
	{ 0x2010, '-', 0 }, /* HYPHEN (NFKC gives it for U+2011) */
	{ 0x2015, '-', 0 }, /* HORIZONTAL BAR */
	{ 0x2212, '-', 0 }, /* MINUS SIGN */
	{ 0x301C, '~', 0 }, /* WAVE DASH */
	{ 0xFF5E, '~', 0 }, /* FULLWIDTH TILDE (NFKC already gives '~') */
	{ 0x2012, '-', 1 }, /* FIGURE DASH */
	{ 0x2013, '-', 1 }, /* EN DASH */
	{ 0x2014, '-', 1 }, /* EM DASH */
	{ 0x30FC, '-', 1 }, /* KATAKANA-HIRAGANA PROLONGED SOUND MARK */
};

static int dash_for(utf8proc_int32_t cp, int numeric)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dashes); i++)
		if (dashes[i].from == cp &&
		    (numeric || !dashes[i].numeric_only))
			return dashes[i].to;
	return 0;
}

char *text_normalize(const char *input, int numeric)
{
	utf8proc_uint8_t *nfkc = NULL;
	utf8proc_ssize_t len;
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	char *text;

	if (!input)
		return NULL;
	for (p = input; *p && !((unsigned char)*p & 0x80); p++)
		;
	if (!*p) /* ASCII: NFKC leaves it, no dash to fold */
		return trim_dup(input, (size_t)(p - input));
	if (!text_is_utf8(input))
		return NULL;
	len = utf8proc_map((const utf8proc_uint8_t *)input, 0, &nfkc,
			   UTF8PROC_NULLTERM | UTF8PROC_STABLE |
				   UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
	if (len < 0)
		die(EXIT_SOFTWARE, "%s", utf8proc_errmsg(len));
	for (p = (const char *)nfkc; *p;) {
		const char *start = p;
		int dash = dash_for(next_code_point(&p), numeric);

		if (dash)
			strbuf_addch(&sb, dash);
		else
			strbuf_add(&sb, start, (size_t)(p - start));
	}
	free(nfkc);
	text = trim_dup(strbuf_str(&sb), sb.len);
	strbuf_release(&sb);
	return text;
}

long utf8_chars(const char *text)
{
	long chars = 0;

	for (; *text; text++)
		if (((unsigned char)*text & 0xC0) != 0x80)
			chars++;
	return chars;
}

long utf8_width(const char *text)
{
	long width = 0;

	while (*text) {
		utf8proc_int32_t cp = next_code_point(&text);

		width += cp < 0 ? 1 : utf8proc_charwidth(cp);
	}
	return width;
}

/*
 * Characters that are not safe to store: what utf8proc says each is
 */

enum unsafe_kind {
	SAFE,
	UNSAFE_CONTROL,
	UNSAFE_LINE_BREAK,
	UNSAFE_SEPARATOR,
	UNSAFE_BIDI,
	UNSAFE_FORMAT,
	UNSAFE_INVISIBLE,
	UNSAFE_NONCHARACTER,
	UNSAFE_PRIVATE_USE,
	UNSAFE_LONE_SELECTOR,
};

static const enum msg_id unsafe_names[] = {
	[UNSAFE_CONTROL] = MSG_VALUE_UNSAFE_CONTROL,
	[UNSAFE_LINE_BREAK] = MSG_VALUE_UNSAFE_LINE_BREAK,
	[UNSAFE_SEPARATOR] = MSG_VALUE_UNSAFE_SEPARATOR,
	[UNSAFE_BIDI] = MSG_VALUE_UNSAFE_BIDI,
	[UNSAFE_FORMAT] = MSG_VALUE_UNSAFE_FORMAT,
	[UNSAFE_INVISIBLE] = MSG_VALUE_UNSAFE_INVISIBLE,
	[UNSAFE_NONCHARACTER] = MSG_VALUE_UNSAFE_NONCHARACTER,
	[UNSAFE_PRIVATE_USE] = MSG_VALUE_UNSAFE_PRIVATE_USE,
	[UNSAFE_LONE_SELECTOR] = MSG_VALUE_UNSAFE_LONE_SELECTOR,
};

/* The Bidi_Control property (utf8proc 2.8 has the bidi classes, not the
 * property): the explicit embedding, override and isolate classes, and
 * the three marks. */
static int is_bidi_control(utf8proc_int32_t cp)
{
	switch (utf8proc_get_property(cp)->bidi_class) {
	case UTF8PROC_BIDI_CLASS_LRE:
	case UTF8PROC_BIDI_CLASS_LRO:
	case UTF8PROC_BIDI_CLASS_RLE:
	case UTF8PROC_BIDI_CLASS_RLO:
	case UTF8PROC_BIDI_CLASS_PDF:
	case UTF8PROC_BIDI_CLASS_LRI:
	case UTF8PROC_BIDI_CLASS_RLI:
	case UTF8PROC_BIDI_CLASS_FSI:
	case UTF8PROC_BIDI_CLASS_PDI:
		return 1;
	default:
		return cp == 0x061C || cp == 0x200E || cp == 0x200F;
	}
}

/* The Variation_Selector property, which utf8proc does not expose. */
static int is_variation_selector(utf8proc_int32_t cp)
{
	return (cp >= 0xFE00 && cp <= 0xFE0F) ||
	       (cp >= 0xE0100 && cp <= 0xE01EF) ||
	       (cp >= 0x180B && cp <= 0x180D) || cp == 0x180F;
}

/* Noncharacters are defined by arithmetic (Unicode 3.4, D14). */
static int is_noncharacter(utf8proc_int32_t cp)
{
	return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

static enum unsafe_kind line_kind(utf8proc_int32_t cp, int multiline)
{
	if (cp == '\n' || cp == '\t')
		return multiline ? SAFE : cp == '\n' ? UNSAFE_LINE_BREAK
						     : UNSAFE_CONTROL;
	if (cp == '\r' || cp == 0x85)
		return multiline ? UNSAFE_CONTROL : UNSAFE_LINE_BREAK;
	if (cp == 0x2028 || cp == 0x2029)
		return multiline ? UNSAFE_SEPARATOR : UNSAFE_LINE_BREAK;
	return UNSAFE_CONTROL;
}

/* What cp is; *visible says whether the character before it shows (a
 * variation selector needs one) and is updated. */
static enum unsafe_kind unsafe_kind(utf8proc_int32_t cp, int multiline,
				    int *visible)
{
	const utf8proc_property_t *property = utf8proc_get_property(cp);
	int category = property->category;
	int before = *visible;

	*visible = 0;
	if (category == UTF8PROC_CATEGORY_CC ||
	    category == UTF8PROC_CATEGORY_ZL ||
	    category == UTF8PROC_CATEGORY_ZP)
		return line_kind(cp, multiline);
	if (is_bidi_control(cp))
		return UNSAFE_BIDI;
	if (category == UTF8PROC_CATEGORY_CF)
		return UNSAFE_FORMAT;
	if (category == UTF8PROC_CATEGORY_CO)
		return UNSAFE_PRIVATE_USE;
	if (is_noncharacter(cp))
		return UNSAFE_NONCHARACTER;
	if (is_variation_selector(cp))
		return before ? SAFE : UNSAFE_LONE_SELECTOR;
	if (property->ignorable)
		return UNSAFE_INVISIBLE;
	if (category == UTF8PROC_CATEGORY_MN ||
	    category == UTF8PROC_CATEGORY_MC ||
	    category == UTF8PROC_CATEGORY_ME)
		*visible = before; /* a mark shows with its base */
	else
		*visible = category != UTF8PROC_CATEGORY_ZS;
	return SAFE;
}

static char *unsafe_message(utf8proc_int32_t cp, enum unsafe_kind kind)
{
	char *found = xstrfmt("U+%04lX (%s)", (unsigned long)cp,
			      msg(unsafe_names[kind]));
	char *message = xstrfmt(msg(MSG_VALUE_TEXT_UNSAFE), found);

	free(found);
	return message;
}

int text_check_safe(const char *utf8, int multiline, char **why)
{
	int visible = 0;

	if (why)
		*why = NULL;
	if (!utf8 || !text_is_utf8(utf8)) {
		if (why)
			*why = xstrdup(msg(MSG_VALUE_INVALID_UTF8));
		return -1;
	}
	while (*utf8) {
		utf8proc_int32_t cp = next_code_point(&utf8);
		enum unsafe_kind kind = unsafe_kind(cp, multiline, &visible);

		if (kind == SAFE)
			continue;
		if (why)
			*why = unsafe_message(cp, kind);
		return -1;
	}
	return 0;
}

char *text_escape_unsafe(const char *utf8, int multiline)
{
	struct strbuf sb = STRBUF_INIT;
	int visible = 0;

	while (utf8 && *utf8) {
		const char *start = utf8;
		utf8proc_int32_t cp = next_code_point(&utf8);

		if (cp < 0)
			strbuf_addf(&sb, "<0x%02X>", (unsigned char)*start);
		else if (unsafe_kind(cp, multiline, &visible) != SAFE)
			strbuf_addf(&sb, "<U+%04lX>", (unsigned long)cp);
		else
			strbuf_add(&sb, start, (size_t)(utf8 - start));
	}
	return strbuf_detach(&sb);
}

/*
 * Results
 */

static int store_value(char **stored, char *value)
{
	*stored = value;
	return 0;
}

/* Refuse with a message built by the caller (owned by *expected). */
static int refuse_text(char **expected, char *message)
{
	*expected = message;
	return -1;
}

static int refuse(char **expected, enum msg_id id)
{
	return refuse_text(expected, xstrdup(msg(id)));
}

/* "1,000,000" */
static void add_grouped(struct strbuf *sb, long long number)
{
	unsigned long long magnitude = (unsigned long long)number;
	char digits[32];
	int len, i;

	if (number < 0) {
		magnitude = 0ULL - magnitude;
		strbuf_addch(sb, '-');
	}
	len = snprintf(digits, sizeof(digits), "%llu", magnitude);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			strbuf_addch(sb, ',');
		strbuf_addch(sb, digits[i]);
	}
}

static char *grouped(long long number)
{
	struct strbuf sb = STRBUF_INIT;

	add_grouped(&sb, number);
	return strbuf_detach(&sb);
}

/*
 * text, kana, email
 */

static int too_long(const struct field *field, const char *text)
{
	return field->max_chars > 0 && utf8_chars(text) > field->max_chars;
}

static char *too_long_expected(const struct field *field, enum msg_id id,
			       const char *text)
{
	return xstrfmt(msg(id), field->max_chars, utf8_chars(text));
}

static int parse_text(const struct field *field, const char *text,
		      char **stored, char **expected)
{
	if (too_long(field, text))
		return refuse_text(expected,
				   too_long_expected(field,
						     MSG_VALUE_TEXT_TOO_LONG,
						     text));
	return store_value(stored, xstrdup(text));
}

/* Full-width katakana for a kana code point (hiragana move up by 0x60:
 * ぁ..ゖ, ゝゞ); -1 for anything else.  ・ and ー are kept. */
static utf8proc_int32_t katakana_of(utf8proc_int32_t cp)
{
	if ((cp >= 0x3041 && cp <= 0x3096) || cp == 0x309D || cp == 0x309E)
		return cp + 0x60;
	if (cp >= 0x30A1 && cp <= 0x30FE)
		return cp;
	return -1;
}

#define COMBINING_DAKUTEN 0x3099
#define COMBINING_HANDAKUTEN 0x309A

/*
 * The spacing sound marks ゛ and ゜ (U+309B, U+309C) as the combining
 * ones, which NFKC then composes with the kana before them (ウ゛ → ヴ,
 * ハ゜ → パ); the half-width ﾞ ﾟ already become the combining marks
 * under NFKC.  NFKC alone would turn ゛ into a space and a combining
 * mark, which composes with nothing.  Input that is not UTF-8 is
 * returned unchanged, for text_normalize to refuse.
 */
static char *kana_marks(const char *input)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = input;

	if (!text_is_utf8(input))
		return xstrdup(input);
	while (*p) {
		utf8proc_int32_t cp = next_code_point(&p);

		if (cp == 0x309B)
			cp = COMBINING_DAKUTEN;
		else if (cp == 0x309C)
			cp = COMBINING_HANDAKUTEN;
		add_code_point(&sb, cp);
	}
	return strbuf_detach(&sb);
}

/* Why a character is not kana: a sound mark left alone (after a kana
 * that has no voiced form, or first), or something else. */
static char *not_kana(utf8proc_int32_t cp, utf8proc_int32_t before)
{
	struct strbuf shown = STRBUF_INIT;
	const char *mark;
	char *message;

	if (cp != COMBINING_DAKUTEN && cp != COMBINING_HANDAKUTEN) {
		add_code_point(&shown, cp);
		message = xstrfmt(msg(MSG_VALUE_KANA_NOT), strbuf_str(&shown));
		strbuf_release(&shown);
		return message;
	}
	mark = msg(cp == COMBINING_DAKUTEN ? MSG_VALUE_KANA_DAKUTEN
					   : MSG_VALUE_KANA_HANDAKUTEN);
	if (before < 0)
		return xstrfmt(msg(MSG_VALUE_KANA_MARK_FIRST), mark);
	add_code_point(&shown, before);
	message = xstrfmt(msg(MSG_VALUE_KANA_MARK), strbuf_str(&shown), mark);
	strbuf_release(&shown);
	return message;
}

/* Katakana of NFKC text (half-width kana are already full width and
 * composed), runs of spaces as one U+3000; NULL and *why when a
 * character is no kana. */
static char *katakana(const char *text, char **why)
{
	struct strbuf sb = STRBUF_INIT;
	utf8proc_int32_t before = -1;
	int space = 0;

	while (*text) {
		utf8proc_int32_t cp = next_code_point(&text);
		utf8proc_int32_t kana;

		if (cp == ' ' || cp == '\t') {
			space = 1;
			before = -1;
			continue;
		}
		kana = katakana_of(cp);
		if (kana < 0) {
			*why = not_kana(cp, before);
			strbuf_release(&sb);
			return NULL;
		}
		if (space && sb.len)
			add_code_point(&sb, 0x3000);
		space = 0;
		before = cp;
		add_code_point(&sb, kana);
	}
	return strbuf_detach(&sb);
}

static int parse_kana(const struct field *field, const char *text,
		      char **stored, char **expected)
{
	char *why = NULL, *kana = katakana(text, &why);

	if (!kana)
		return refuse_text(expected, why);
	if (too_long(field, kana)) {
		char *message = too_long_expected(
			field, MSG_VALUE_KANA_TOO_LONG, kana);

		free(kana);
		return refuse_text(expected, message);
	}
	return store_value(stored, kana);
}

static int is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The part before '@': RFC 5322 atext and single dots between them. */
static int email_local_ok(const char *local, size_t len)
{
	size_t i;

	if (!len || len > 64 || local[0] == '.' || local[len - 1] == '.')
		return 0;
	for (i = 0; i < len; i++) {
		if (local[i] == '.' && local[i + 1] == '.')
			return 0;
		if (!is_alnum(local[i]) &&
		    !strchr(".!#$%&'*+/=?^_`{|}~-", local[i]))
			return 0;
	}
	return 1;
}

/* Host name labels: letters, digits, inner hyphens; at least one dot. */
static int email_domain_ok(const char *domain)
{
	size_t label = 0, labels = 1;
	const char *p;

	if (strlen(domain) > 253 || *domain == '-')
		return 0;
	for (p = domain; *p; p++) {
		if (*p == '.') {
			if (!label || p[-1] == '-' || p[1] == '-')
				return 0;
			label = 0;
			labels++;
		} else if (is_alnum(*p) || *p == '-') {
			if (++label > 63)
				return 0;
		} else {
			return 0;
		}
	}
	return label && p[-1] != '-' && labels >= 2;
}

static char *email_lowercase_domain(const char *text, const char *at)
{
	char *address = xstrdup(text);
	char *p;

	for (p = address + (at - text); *p; p++)
		*p = (char)ascii_lower((unsigned char)*p);
	return address;
}

static int parse_email(const struct field *field, const char *text,
		       char **stored, char **expected)
{
	const char *at = strchr(text, '@');

	if (!at || strchr(at + 1, '@') ||
	    !email_local_ok(text, (size_t)(at - text)) ||
	    !email_domain_ok(at + 1))
		return refuse(expected, MSG_VALUE_EMAIL);
	if (too_long(field, text))
		return refuse_text(expected,
				   too_long_expected(field,
						     MSG_VALUE_EMAIL_TOO_LONG,
						     text));
	return store_value(stored, email_lowercase_domain(text, at));
}

/*
 * integer, yen
 */

/* "42", "-42", "1,000,000" (commas only between groups of three):
 * 0 and *number, or -1. */
static int parse_grouped(const char *text, long long *number)
{
	unsigned long long value = 0;
	int negative = *text == '-', comma = 0;
	size_t group = 0;
	const char *p;

	for (p = text + negative; *p; p++) {
		if (*p == ',') {
			if (!group || group > 3 || (comma && group != 3))
				return -1;
			comma = 1;
			group = 0;
			continue;
		}
		if (!is_digit(*p) ||
		    value > ((unsigned long long)LLONG_MAX - (*p - '0')) / 10)
			return -1;
		value = value * 10 + (unsigned long long)(*p - '0');
		group++;
	}
	if (!group || (comma && group != 3))
		return -1;
	*number = negative ? -(long long)value : (long long)value;
	return 0;
}

/* Yen amounts never go below 0, nor (unless the form says) past
 * YEN_CAP: an amount of a trillion yen or more is a typo at a counter. */
#define YEN_CAP 999999999999LL

/* Bounds of a number field, with the yen defaults filled in. */
static void number_bounds(const struct field *field, int *has_min,
			  long long *min, int *has_max, long long *max)
{
	*has_min = field->has_min;
	*min = field->min;
	*has_max = field->has_max;
	*max = field->max;
	if (field->type != FIELD_YEN)
		return;
	if (!*has_min || *min < 0) {
		*has_min = 1;
		*min = 0;
	}
	if (!*has_max) {
		*has_max = 1;
		*max = YEN_CAP;
	}
}

static int in_range(const struct field *field, long long number)
{
	int has_min, has_max;
	long long min, max;

	number_bounds(field, &has_min, &min, &has_max, &max);
	return (!has_min || number >= min) && (!has_max || number <= max);
}

/* A number in a message: yen amounts grouped by thousands; other
 * numbers only from five digits on, so that a year reads 1980. */
static char *number_text(const struct field *field, long long number)
{
	if (field->type == FIELD_YEN || number >= 10000 || number <= -10000)
		return grouped(number);
	return xstrfmt("%lld", number);
}

/* The field's unit (unit = 時間 | hours) in the current language, or
 * NULL. */
static const char *field_unit(const struct field *field)
{
	const char *unit = msg_pick(field->unit_ja, field->unit_en);

	return unit && *unit ? unit : NULL;
}

/* The unit as it follows a number in a message: "時間", " hours", "". */
static char *unit_suffix(const struct field *field)
{
	const char *unit = field_unit(field);

	if (!unit)
		return xstrdup("");
	return msg_language() == LANG_JA ? xstrdup(unit)
					 : xstrfmt(" %s", unit);
}

static char *range_expected(const struct field *field, enum msg_id id,
			    long long a, long long b, int two)
{
	char *low = number_text(field, a), *high = number_text(field, b);
	char *unit = unit_suffix(field), *message;

	if (field->type == FIELD_YEN)
		message = two ? xstrfmt(msg(id), low, high)
			      : xstrfmt(msg(id), low);
	else
		message = two ? xstrfmt(msg(id), low, high, unit)
			      : xstrfmt(msg(id), low, unit);
	free(low);
	free(high);
	free(unit);
	return message;
}

/* What a number field accepts, naming its range. */
static char *number_expected(const struct field *field)
{
	int has_min, has_max, yen = field->type == FIELD_YEN;
	long long min, max;

	number_bounds(field, &has_min, &min, &has_max, &max);
	if (has_min && has_max)
		return range_expected(field,
				      yen ? MSG_VALUE_YEN_RANGE
					  : MSG_VALUE_INTEGER_RANGE,
				      min, max, 1);
	if (has_min)
		return range_expected(field, MSG_VALUE_INTEGER_MIN, min, 0, 0);
	if (has_max)
		return range_expected(field, MSG_VALUE_INTEGER_MAX, max, 0, 0);
	return xstrdup(msg(MSG_VALUE_INTEGER));
}

/* Does text end with suffix (ASCII letters in either case)?  The length
 * before it, or -1. */
static long suffix_at(const char *text, const char *suffix)
{
	size_t len = strlen(text), n = strlen(suffix);

	if (!n || n > len || ascii_casecmp(text + len - n, suffix))
		return -1;
	return (long)(len - n);
}

/* text without the field's unit (either language, as NFKC gives it)
 * and the blanks before it; a copy of text when it has none. */
static char *without_unit(const struct field *field, const char *text)
{
	const char *units[2] = { field->unit_ja, field->unit_en };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(units); i++) {
		char *unit = units[i] ? text_normalize(units[i], 0) : NULL;
		long at = unit ? suffix_at(text, unit) : -1;

		free(unit);
		if (at > 0)
			return trim_dup(text, (size_t)at);
	}
	return xstrdup(text);
}

static int parse_number(const struct field *field, const char *text,
			char **stored, char **expected)
{
	char *digits = without_unit(field, text);
	long long number;
	int bad = parse_grouped(digits, &number) < 0;

	free(digits);
	if (bad || !in_range(field, number))
		return refuse_text(expected, number_expected(field));
	return store_value(stored, xstrfmt("%lld", number));
}

static char *format_integer(const struct field *field, const char *stored)
{
	char *unit = unit_suffix(field), *text;

	text = xstrfmt("%s%s", stored, unit);
	free(unit);
	return text;
}

/*
 * Yen as people write them: "1,000,000", "350万", "1億2,000万円",
 * "1.5万", "2千円".  Units (兆 億 万 千) come largest first, each term
 * smaller than the unit before it, then an optional plain number below
 * the last unit.  A decimal fraction is taken only before a unit and
 * only when the amount is whole yen (1.5万 is 15,000; 1.5 and
 * 0.00001万 are refused).
 */
static const struct yen_unit {
	const char *name;
	long long value;
	int zeros; /* value is 10^zeros */
} yen_units[] = {
	{ "兆", 1000000000000LL, 12 },
	{ "億", 100000000LL, 8 },
	{ "万", 10000LL, 4 },
	{ "千", 1000LL, 3 },
};

enum yen_status { YEN_OK, YEN_SYNTAX, YEN_FRACTION, YEN_TOO_LARGE };

/* One term: "1,234", "1.5" and the unit after it, if any. */
struct yen_term {
	long long whole;   /* before the point */
	long long fraction; /* the digits after it, trailing zeros dropped */
	int places;         /* how many digits fraction has */
	const struct yen_unit *unit; /* NULL: a plain number */
};

static const struct yen_unit *read_yen_unit(const char **p)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yen_units); i++) {
		const char *rest = skip_prefix(*p, yen_units[i].name);

		if (rest) {
			*p = rest;
			return &yen_units[i];
		}
	}
	return NULL;
}

/* The digits after a decimal point: 0 and *p past them, or -1. */
static int read_fraction(const char **p, struct yen_term *term)
{
	const char *start = *p, *end = *p;

	while (is_digit(*end))
		end++;
	if (end == start)
		return -1;
	*p = end;
	while (end > start && end[-1] == '0')
		end--;
	term->fraction = 0;
	term->places = (int)(end - start);
	if (term->places > 12)
		return 0; /* finer than any unit: never whole yen */
	for (; start < end; start++)
		term->fraction = term->fraction * 10 + (*start - '0');
	return 0;
}

static enum yen_status read_yen_term(const char **p, struct yen_term *term)
{
	const char *start = *p, *end = start;
	char *whole;
	int bad;

	while (is_digit(*end) || *end == ',')
		end++;
	whole = xstrndup(start, (size_t)(end - start));
	bad = parse_grouped(whole, &term->whole);
	free(whole);
	if (bad)
		return YEN_SYNTAX;
	term->fraction = 0;
	term->places = 0;
	*p = end;
	if (**p == '.' && (++*p, read_fraction(p, term)))
		return YEN_SYNTAX;
	while (is_space((unsigned char)**p))
		(*p)++;
	term->unit = read_yen_unit(p);
	return YEN_OK;
}

static long long power_of_ten(int zeros)
{
	long long value = 1;

	while (zeros-- > 0)
		value *= 10;
	return value;
}

/* The yen a term is worth, below limit (the unit before it). */
static enum yen_status yen_term_value(const struct yen_term *term,
				      long long limit, long long *value)
{
	long long unit = term->unit ? term->unit->value : 1;
	int zeros = term->unit ? term->unit->zeros : 0;

	if (term->places > zeros)
		return YEN_FRACTION;
	if (limit && (unit >= limit || term->whole >= limit / unit))
		return YEN_SYNTAX;
	if (term->whole > LLONG_MAX / unit - 1)
		return YEN_TOO_LARGE;
	*value = term->whole * unit +
		 term->fraction * power_of_ten(zeros - term->places);
	return YEN_OK;
}

static enum yen_status read_yen(const char *p, long long *amount)
{
	long long limit = 0, value;
	enum yen_status status;
	struct yen_term term;

	*amount = 0;
	do {
		if ((status = read_yen_term(&p, &term)) ||
		    (status = yen_term_value(&term, limit, &value)))
			return status;
		if (value > LLONG_MAX - *amount)
			return YEN_TOO_LARGE;
		*amount += value;
		while (is_space((unsigned char)*p))
			p++;
		if (!term.unit)
			return *p ? YEN_SYNTAX : YEN_OK;
		limit = term.unit->value;
	} while (*p);
	return YEN_OK;
}

/* "¥1,000", "1,000円", "350万円": the amount without ¥ and 円. */
static char *yen_amount(const char *text)
{
	const char *start = skip_prefix(text, "¥");
	size_t len, suffix = strlen("円");

	start = start ? start : text;
	len = strlen(start);
	if (len >= suffix && !strcmp(start + len - suffix, "円"))
		len -= suffix;
	return trim_dup(start, len);
}

static int parse_yen(const struct field *field, const char *text,
		     char **stored, char **expected)
{
	char *amount = yen_amount(text);
	enum yen_status status;
	long long number;

	if (*amount == '-') {
		int ret = parse_number(field, amount, stored, expected);

		free(amount);
		return ret;
	}
	status = read_yen(amount, &number);
	free(amount);
	if (status == YEN_FRACTION)
		return refuse(expected, MSG_VALUE_YEN_FRACTION);
	if (status != YEN_OK || !in_range(field, number))
		return refuse_text(expected, number_expected(field));
	return store_value(stored, xstrfmt("%lld", number));
}

static char *format_yen(const struct field *field, const char *stored)
{
	long long number;
	char *digits, *text;

	if (parse_long_long(stored, &number) < 0)
		return xstrdup(stored);
	digits = grouped(number);
	text = xstrfmt(msg(MSG_VALUE_YEN_AMOUNT), digits);
	free(digits);
	return text;
}

/*
 * Dates
 */

/* Japan has kept the Gregorian calendar since 明治6年 (1873); an earlier
 * year is a typo, not a date anyone brings to the counter. */
#define DATE_FIRST_YEAR (DATE_FIRST / 10000)

/*
 * The eras since the Meiji restoration, newest first.  On the day an
 * emperor died the new era began, and that day is written in either
 * (明治45年7月30日 and 大正元年7月30日 are one day, as are 大正15年12月25日
 * and 昭和元年12月25日); 平成 and 令和 began the day after the last of the
 * era before.  明治 counts from 1868-01-25, but no date before
 * DATE_FIRST (明治6年1月1日) is taken.
 */
static const struct era {
	const char *name_ja, *short_ja, *name_en;
	char letter;
	long first, last; /* yyyymmdd; last 0 while the era runs */
} eras[] = {
	{ "令和", "令", "Reiwa", 'R', 20190501, 0 },
	{ "平成", "平", "Heisei", 'H', 19890108, 20190430 },
	{ "昭和", "昭", "Showa", 'S', 19261225, 19890107 },
	{ "大正", "大", "Taisho", 'T', 19120730, 19261225 },
	{ "明治", "明", "Meiji", 'M', 18680125, 19120730 },
};

struct date_text {
	const struct era *era;
	long year, month, day;
};

static int is_leap(long year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(long year, long month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };

	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int date_valid(long yyyymmdd)
{
	long year = yyyymmdd / 10000, month = yyyymmdd / 100 % 100;
	long day = yyyymmdd % 100;

	if (yyyymmdd < 0 || year < 1 || year > 9999 || month < 1 ||
	    month > 12)
		return 0;
	return day >= 1 && day <= days_in_month(year, month);
}

int date_from_iso(const char *iso, long *yyyymmdd)
{
	long date;

	if (!iso || strlen(iso) != 10 || !all_digits(iso, 4) ||
	    iso[4] != '-' || !all_digits(iso + 5, 2) || iso[7] != '-' ||
	    !all_digits(iso + 8, 2))
		return -1;
	date = strtol(iso, NULL, 10) * 10000 + strtol(iso + 5, NULL, 10) * 100 +
	       strtol(iso + 8, NULL, 10);
	if (!date_valid(date))
		return -1;
	*yyyymmdd = date;
	return 0;
}

/* An invalid date is written "0000-00-00". */
void date_to_iso(long yyyymmdd, char *buf)
{
	unsigned long date = date_valid(yyyymmdd) ? (unsigned long)yyyymmdd
						  : 0;

	snprintf(buf, 11, "%04lu-%02lu-%02lu", date / 10000 % 10000,
		 date / 100 % 100, date % 100);
}

/* Saturates, so that "N months after" never holds by accident: an
 * invalid date, or a result after 9999-12-31, gives DATE_NEVER; a result
 * before year 1 gives 0. */
long date_add_months(long yyyymmdd, int months)
{
	long year = yyyymmdd / 10000, month = yyyymmdd / 100 % 100;
	long day = yyyymmdd % 100, index;

	if (!date_valid(yyyymmdd))
		return DATE_NEVER;
	index = year * 12 + (month - 1) + months;
	if (index < 12)
		return 0;
	if (index >= 10000L * 12)
		return DATE_NEVER;
	year = index / 12;
	month = index % 12 + 1;
	if (day > days_in_month(year, month))
		day = days_in_month(year, month);
	return year * 10000 + month * 100 + day;
}

int fiscal_year(long yyyymmdd)
{
	long year = yyyymmdd / 10000, month = yyyymmdd / 100 % 100;

	return (int)(month >= 4 ? year : year - 1);
}

/* min_digits..max_digits digits and no more: the text after them, or
 * NULL. */
static const char *read_number(const char *p, int min_digits,
			       int max_digits, long *value)
{
	long number = 0;
	int n = 0;

	while (n < max_digits && is_digit(p[n]))
		number = number * 10 + (p[n++] - '0');
	if (n < min_digits || is_digit(p[n]))
		return NULL;
	*value = number;
	return p + n;
}

/* "令和", "令" or its letter "R"/"r" at *p (which moves past it), or
 * NULL. */
static const struct era *read_era(const char **p)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(eras); i++) {
		const char *rest = skip_prefix(*p, eras[i].name_ja);

		if (!rest)
			rest = skip_prefix(*p, eras[i].short_ja);
		if (!rest && ascii_lower((unsigned char)**p) ==
				     ascii_lower(eras[i].letter))
			rest = *p + 1;
		if (rest) {
			*p = rest;
			return &eras[i];
		}
	}
	return NULL;
}

/* The kanji digits 〇 to 九. */
static const char *const kanji_digits[] = { "〇", "一", "二", "三", "四",
					    "五", "六", "七", "八", "九" };

/* The value of the kanji digit at *p (which moves past it), or -1. */
static int read_kanji_digit(const char **p)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kanji_digits); i++) {
		const char *rest = skip_prefix(*p, kanji_digits[i]);

		if (rest) {
			*p = rest;
			return (int)i;
		}
	}
	return -1;
}

/* 1..99 in kanji: "二", "十", "十二", "二十", "二十三", or digit by
 * digit ("一二", "三〇"): the text after it, or NULL. */
static const char *read_kanji_number(const char *p, long *value)
{
	int tens = read_kanji_digit(&p), units;
	const char *rest = skip_prefix(p, "十");

	if (rest) {
		if (!tens)
			return NULL;
		tens = tens < 0 ? 1 : tens;
		p = rest;
		units = read_kanji_digit(&p);
		if (!units)
			return NULL;
		*value = tens * 10 + (units < 0 ? 0 : units);
	} else if (tens < 0) {
		return NULL;
	} else {
		units = read_kanji_digit(&p);
		*value = units < 0 ? tens : tens * 10 + units;
	}
	if (read_kanji_digit(&p) >= 0 || skip_prefix(p, "十"))
		return NULL;
	return *value ? p : NULL;
}

/* 1 or 2 digits, or a number in kanji, before 年, 月 or 日. */
static const char *read_count(const char *p, long *value)
{
	const char *rest = read_number(p, 1, 2, value);

	return rest ? rest : read_kanji_number(p, value);
}

/* "2020", "令和2", "令和元", "令和二", "R2": the text after the year, or
 * NULL.  kanji: the year may be written in kanji (before 年). */
static const char *read_year(const char *p, struct date_text *date,
			     int kanji)
{
	const char *rest;
	long year;

	date->era = read_era(&p);
	if (!date->era)
		return read_number(p, 4, 4, &date->year);
	rest = skip_prefix(p, "元");
	if (rest)
		year = 1;
	else if (!(rest = kanji ? read_count(p, &year)
				: read_number(p, 1, 2, &year)) ||
		 year < 1)
		return NULL;
	date->year = date->era->first / 10000 + year - 1;
	return rest;
}

/* "4月1日" or "四月一日" (日 may be left out) after "年". */
static int read_kanji_month_day(const char *p, struct date_text *date)
{
	const char *rest;

	p = read_count(p, &date->month);
	if (!p || !(p = skip_prefix(p, "月")))
		return -1;
	p = read_count(p, &date->day);
	if (!p)
		return -1;
	rest = skip_prefix(p, "日");
	return *(rest ? rest : p) ? -1 : 0;
}

/* "-4-1", "/4/1", ".4.1": the same separator twice. */
static int read_separated_month_day(const char *p, struct date_text *date)
{
	char separator = *p;

	if (separator != '-' && separator != '/' && separator != '.')
		return -1;
	p = read_number(p + 1, 1, 2, &date->month);
	if (!p || *p != separator)
		return -1;
	p = read_number(p + 1, 1, 2, &date->day);
	return p && !*p ? 0 : -1;
}

static int read_date(const char *text, struct date_text *date)
{
	const char *p, *rest;

	if (strlen(text) == 8 && all_digits(text, 8)) {
		date->era = NULL;
		date->year = strtol(text, NULL, 10) / 10000;
		date->month = strtol(text, NULL, 10) / 100 % 100;
		date->day = strtol(text, NULL, 10) % 100;
		return 0;
	}
	p = read_year(text, date, 1);
	if (p && (rest = skip_prefix(p, "年")))
		return read_kanji_month_day(rest, date);
	p = read_year(text, date, 0);
	return p ? read_separated_month_day(p, date) : -1;
}

static char *without_spaces(const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *text; text++)
		if (!is_space((unsigned char)*text))
			strbuf_addch(&sb, *text);
	return strbuf_detach(&sb);
}

/* "平成31年4月30日", "令和元年5月1日": a day of era as written. */
static char *era_date(const struct era *era, long yyyymmdd)
{
	long year = yyyymmdd / 10000 - era->first / 10000 + 1;
	char *number = year == 1 ? xstrdup("元") : xstrfmt("%ld", year);
	char *text = xstrfmt("%s%s年%ld月%ld日", era->name_ja, number,
			     yyyymmdd / 100 % 100, yyyymmdd % 100);

	free(number);
	return text;
}

/* A date outside its era: the era's first or last day, and the era to
 * write the date in instead. */
static char *era_expected(const struct era *era, long yyyymmdd)
{
	int later = era->last && yyyymmdd > era->last;
	const struct era *other = later ? era - 1 : era + 1;
	long day = later ? era->last : era->first;
	char iso[11], *written, *message;

	if (other == eras + ARRAY_SIZE(eras)) /* before 明治: not taken */
		return xstrfmt(msg(MSG_VALUE_DATE_YEAR), (int)DATE_FIRST_YEAR,
			       (int)DATE_FIRST_YEAR);
	date_to_iso(day, iso);
	written = era_date(era, day);
	message = xstrfmt(msg(later ? MSG_VALUE_DATE_ERA_ENDED
				    : MSG_VALUE_DATE_ERA_BEGAN),
			  msg_pick(era->name_ja, era->name_en), iso, written,
			  msg_pick(other->name_ja, other->name_en));
	free(written);
	return message;
}

/* The checks after reading: calendar, first year, era bounds. */
static int check_date(const struct date_text *date, long *yyyymmdd,
		      char **expected)
{
	long value = date->year * 10000 + date->month * 100 + date->day;

	if (date->month < 1 || date->month > 12)
		return refuse(expected, MSG_VALUE_DATE);
	if (date->year < DATE_FIRST_YEAR)
		return refuse_text(expected, xstrfmt(msg(MSG_VALUE_DATE_YEAR),
						     (int)DATE_FIRST_YEAR,
						     (int)DATE_FIRST_YEAR));
	if (!date_valid(value))
		return refuse_text(expected,
				   xstrfmt(msg(MSG_VALUE_DATE_NO_SUCH_DAY),
					   (int)date->year, (int)date->month,
					   days_in_month(date->year,
							 date->month)));
	if (date->era && (value < date->era->first ||
			  (date->era->last && value > date->era->last)))
		return refuse_text(expected, era_expected(date->era, value));
	*yyyymmdd = value;
	return 0;
}

static int parse_date(const struct field *field, const char *text,
		      char **stored, char **expected)
{
	struct date_text date = { NULL, 0, 0, 0 };
	char *compact = without_spaces(text);
	char iso[11];
	long yyyymmdd;
	int read = read_date(compact, &date);

	free(compact);
	if (read < 0)
		return refuse(expected, MSG_VALUE_DATE);
	if (check_date(&date, &yyyymmdd, expected) < 0)
		return -1;
	date_to_iso(yyyymmdd, iso);
	return store_value(stored, xstrdup(iso));
}

/*
 * choice, multi
 */

/* text with ',' for every '、' (NFKC already made '，' a ','), so that
 * a label such as "農業，林業" is named however its comma is typed. */
static char *fold_commas(const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	while (*text) {
		const char *rest = skip_prefix(text, "、");

		if (rest) {
			strbuf_addch(&sb, ',');
			text = rest;
		} else {
			strbuf_addch(&sb, *text++);
		}
	}
	return strbuf_detach(&sb);
}

/* Does text (NFKC, trimmed) name this code or label, or, with prefix,
 * start it?  ASCII letters match in either case. */
static int names_as(const char *label, const char *text, int prefix)
{
	char *normal, *folded, *typed;
	size_t len;
	int same = 0;

	if (!label || !*label)
		return 0;
	normal = text_normalize(label, 0);
	if (normal) {
		folded = fold_commas(normal);
		typed = fold_commas(text);
		len = strlen(typed);
		if (prefix)
			same = len && strlen(folded) > len &&
			       !ascii_ncasecmp(folded, typed, len);
		else
			same = !ascii_casecmp(folded, typed);
		free(folded);
		free(typed);
	}
	free(normal);
	return same;
}

static int names(const char *label, const char *text)
{
	return names_as(label, text, 0);
}

static int names_label(const struct choice *choice, const char *text,
		       int prefix)
{
	return names_as(choice->label_ja, text, prefix) ||
	       names_as(choice->label_en, text, prefix);
}

static const struct choice *choice_by_name(const struct field *field,
					   const char *text)
{
	size_t i;

	for (i = 0; i < field->n_choices; i++)
		if (names(field->choices[i].code, text))
			return &field->choices[i];
	return NULL;
}

/* "2": the second choice as the form lists them. */
static const struct choice *choice_by_number(const struct field *field,
					     const char *text)
{
	const char *end;
	long number;

	end = read_number(text, 1, 3, &number);
	if (!end || *end || number < 1 || (size_t)number > field->n_choices)
		return NULL;
	return &field->choices[number - 1];
}

/* "E 製造業" or "E=製造業", as the form's help shows a choice: a code,
 * then the label of the same choice. */
static const struct choice *choice_by_code_and_label(const struct field *field,
						     const char *text)
{
	size_t i;

	for (i = 0; i < field->n_choices; i++) {
		const struct choice *choice = &field->choices[i];
		size_t len = strlen(choice->code);
		const char *rest = text + len;

		if (strlen(text) <= len ||
		    ascii_ncasecmp(text, choice->code, len) ||
		    (*rest != ' ' && *rest != '='))
			continue;
		while (*rest == ' ' || *rest == '=')
			rest++;
		if (names_label(choice, rest, 0))
			return choice;
	}
	return NULL;
}

/* The choice text names exactly: by code, label, number or code and
 * label, in that order; NULL when none does. */
static const struct choice *choice_match(const struct field *field,
					 const char *text)
{
	const struct choice *choice;
	size_t i;

	/* a code first: a label that reads as another choice's code must
	 * not turn a stored code into a different one */
	if ((choice = choice_by_name(field, text)))
		return choice;
	for (i = 0; i < field->n_choices; i++)
		if (names_label(&field->choices[i], text, 0))
			return &field->choices[i];
	if ((choice = choice_by_number(field, text)))
		return choice;
	return choice_by_code_and_label(field, text);
}

static const struct choice *choice_by_code(const struct field *field,
					   const char *code, size_t len)
{
	size_t i;

	for (i = 0; i < field->n_choices; i++) {
		const char *c = field->choices[i].code;

		if (strlen(c) == len && !strncmp(c, code, len))
			return &field->choices[i];
	}
	return NULL;
}

static const char *choice_label(const struct choice *choice)
{
	const char *label = msg_pick(choice->label_ja, choice->label_en);

	return *label ? label : choice->code;
}

/* The labels of the choices marked in which (all when NULL). */
static char *label_list(const struct field *field,
			const unsigned char *which)
{
	struct strbuf list = STRBUF_INIT;
	size_t i;

	for (i = 0; i < field->n_choices; i++) {
		if (which && !which[i])
			continue;
		if (list.len)
			strbuf_addstr(&list, msg(MSG_VALUE_LIST_SEPARATOR));
		strbuf_addstr(&list, choice_label(&field->choices[i]));
	}
	return strbuf_detach(&list);
}

/* The message id with the list of the field's labels. */
static char *choices_expected(const struct field *field, enum msg_id id)
{
	char *list = label_list(field, NULL);
	char *message = xstrfmt(msg(id), list);

	free(list);
	return message;
}

/*
 * The one choice whose label starts with text ("製造" for 製造業): 1 and
 * *found; 0 when no label does; -1 and *why when more than one does.
 */
static int choice_by_prefix(const struct field *field, const char *text,
			    const struct choice **found, char **why)
{
	unsigned char *which = xcalloc(field->n_choices, 1);
	size_t i, count = 0;
	char *list;

	for (i = 0; i < field->n_choices; i++) {
		if (!names_label(&field->choices[i], text, 1))
			continue;
		which[i] = 1;
		*found = &field->choices[i];
		count++;
	}
	if (count > 1) {
		list = label_list(field, which);
		*why = xstrfmt(msg(MSG_VALUE_CHOICE_AMBIGUOUS), text, list);
		free(list);
	}
	free(which);
	return count > 1 ? -1 : (int)count;
}

static int parse_choice(const struct field *field, const char *text,
			char **stored, char **expected)
{
	const struct choice *choice = choice_match(field, text);
	int found;

	if (!choice) {
		found = choice_by_prefix(field, text, &choice, expected);
		if (found < 0)
			return -1;
		if (!found)
			return refuse_text(expected,
					   choices_expected(field,
							    MSG_VALUE_CHOICE));
	}
	return store_value(stored, xstrdup(choice->code));
}

static char *format_choice(const struct field *field, const char *stored)
{
	const struct choice *choice =
		choice_by_code(field, stored, strlen(stored));

	return xstrdup(choice ? choice_label(choice) : stored);
}

/*
 * Multi answers are pieces separated by ',', '、' or spaces (NFKC has
 * made '，' and '　' of them).  A label may hold a separator ("農業，林業",
 * "Agriculture, forestry"), so pieces are taken together: at each piece,
 * a code alone first (a stored answer always parses back to itself),
 * else the longest run of up to MULTI_RUN pieces that names one choice
 * exactly (code, label, number, code and label), else the longest run
 * that starts exactly one label.
 */
#define MULTI_RUN 8

struct piece {
	const char *start, *end;
};

static int is_multi_separator(const char *p, size_t *len)
{
	*len = skip_prefix(p, "、") ? strlen("、") : 1;
	return *p == ',' || *p == ' ' || *p == '\t' || *len > 1;
}

/* The pieces of text (none empty); *n their count.  Malloced. */
static struct piece *split_pieces(const char *text, size_t *n)
{
	struct piece *pieces = xcalloc(strlen(text) / 2 + 1, sizeof(*pieces));
	size_t len;

	*n = 0;
	while (*text) {
		const char *start = text;

		while (*text && !is_multi_separator(text, &len))
			text++;
		if (text > start) {
			pieces[*n].start = start;
			pieces[(*n)++].end = text;
		}
		if (*text)
			text += len;
	}
	return pieces;
}

/* The choice named by pieces [0, *run) for the longest *run (at most
 * n); prefix: starting a label.  NULL when no run names one; with
 * prefix, *why when a run starts more than one. */
static const struct choice *longest_run(const struct field *field,
					const struct piece *pieces, size_t n,
					int prefix, size_t *run, char **why)
{
	const struct choice *choice = NULL;

	for (*run = n < MULTI_RUN ? n : MULTI_RUN; *run; (*run)--) {
		char *text = xstrndup(pieces[0].start,
				      (size_t)(pieces[*run - 1].end -
					       pieces[0].start));
		int found = 1;

		if (!prefix)
			choice = choice_match(field, text);
		else if ((found = choice_by_prefix(field, text, &choice,
						   why)) <= 0)
			choice = NULL;
		free(text);
		if (choice || found < 0)
			return choice;
	}
	return NULL;
}

/* The choice at the first of n pieces; *run how many it took.  NULL
 * and *why when none. */
static const struct choice *piece_choice(const struct field *field,
					 const struct piece *pieces, size_t n,
					 size_t *run, char **why)
{
	char *first = xstrndup(pieces[0].start,
			       (size_t)(pieces[0].end - pieces[0].start));
	const struct choice *choice = choice_by_name(field, first);
	char *list;

	*run = 1;
	if (!choice)
		choice = longest_run(field, pieces, n, 0, run, why);
	if (!choice)
		choice = longest_run(field, pieces, n, 1, run, why);
	if (!choice && !*why) {
		list = label_list(field, NULL);
		*why = xstrfmt(msg(MSG_VALUE_MULTI), first, list);
		free(list);
	}
	free(first);
	return choice;
}

/* Mark in chosen[] every choice text names; -1 and *why at a piece
 * that names none. */
static int mark_choices(const struct field *field, const char *text,
			unsigned char *chosen, char **why)
{
	size_t n, i, run;
	struct piece *pieces = split_pieces(text, &n);
	int ret = 0;

	for (i = 0; i < n; i += run) {
		const struct choice *choice =
			piece_choice(field, pieces + i, n - i, &run, why);

		if (!choice) {
			ret = -1;
			break;
		}
		chosen[choice - field->choices] = 1;
	}
	free(pieces);
	return ret;
}

/* The codes marked, in form order, joined by ','; NULL if none. */
static char *join_chosen(const struct field *field,
			 const unsigned char *chosen, size_t *count)
{
	struct strbuf codes = STRBUF_INIT;
	size_t i;

	*count = 0;
	for (i = 0; i < field->n_choices; i++) {
		if (!chosen[i])
			continue;
		if ((*count)++)
			strbuf_addch(&codes, ',');
		strbuf_addstr(&codes, field->choices[i].code);
	}
	if (!*count) {
		strbuf_release(&codes);
		return NULL;
	}
	return strbuf_detach(&codes);
}

/* The field's exclusive code combined with others: what to do instead. */
static char *exclusive_conflict(const struct field *field,
				const unsigned char *chosen, size_t count)
{
	const struct choice *only;
	const char *label;

	if (!field->exclusive || count < 2)
		return NULL;
	only = choice_by_code(field, field->exclusive,
			      strlen(field->exclusive));
	if (!only || !chosen[only - field->choices])
		return NULL;
	label = choice_label(only);
	return xstrfmt(msg(MSG_VALUE_MULTI_EXCLUSIVE), label, label);
}

static int parse_multi(const struct field *field, const char *text,
		       char **stored, char **expected)
{
	unsigned char *chosen = xcalloc(field->n_choices, 1);
	char *codes = NULL, *conflict;
	size_t count;
	int ret = -1;

	if (mark_choices(field, text, chosen, expected) < 0)
		goto out;
	codes = join_chosen(field, chosen, &count);
	if (!codes) {
		refuse(expected, MSG_VALUE_REQUIRED);
		goto out;
	}
	conflict = exclusive_conflict(field, chosen, count);
	if (conflict) {
		refuse_text(expected, conflict);
		goto out;
	}
	ret = store_value(stored, codes);
	codes = NULL;
out:
	free(codes);
	free(chosen);
	return ret;
}

static char *format_multi(const struct field *field, const char *stored)
{
	struct strbuf labels = STRBUF_INIT;
	const char *p = stored;

	while (*p) {
		size_t len = strcspn(p, ",");
		const struct choice *choice = choice_by_code(field, p, len);

		if (labels.len)
			strbuf_addstr(&labels, msg(MSG_VALUE_LIST_SEPARATOR));
		if (choice)
			strbuf_addstr(&labels, choice_label(choice));
		else
			strbuf_add(&labels, p, len);
		p += len + (p[len] == ',');
	}
	return strbuf_detach(&labels);
}

/*
 * bool
 */

static const struct bool_word {
	const char *word;
	int value;
} bool_words[] = {
	{ "はい", 1 }, { "いいえ", 0 },
	{ "yes", 1 }, { "no", 0 },
	{ "y", 1 }, { "n", 0 },
	{ "true", 1 }, { "false", 0 },
	{ "1", 1 }, { "0", 0 },
	{ "有", 1 }, { "無", 0 },
	{ "あり", 1 }, { "なし", 0 },
	{ "有り", 1 }, { "無し", 0 },
};

static int parse_bool(const struct field *field, const char *text,
		      char **stored, char **expected)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bool_words); i++)
		if (!ascii_casecmp(text, bool_words[i].word))
			return store_value(stored,
					   xstrdup(bool_words[i].value ? "1"
								       : "0"));
	return refuse(expected, MSG_VALUE_BOOL);
}

static char *format_bool(const struct field *field, const char *stored)
{
	if (!strcmp(stored, "1"))
		return xstrdup(msg(MSG_VALUE_BOOL_YES));
	if (!strcmp(stored, "0"))
		return xstrdup(msg(MSG_VALUE_BOOL_NO));
	return xstrdup(stored);
}

/*
 * postal, phone
 */

static int parse_postal(const struct field *field, const char *text,
			char **stored, char **expected)
{
	const char *p = skip_prefix(text, "〒");
	size_t len;

	p = p ? p : text;
	while (is_space((unsigned char)*p))
		p++;
	len = strlen(p);
	if (len == 7 && all_digits(p, 7))
		return store_value(stored, xstrdup(p));
	if (len == 8 && all_digits(p, 3) && p[3] == '-' &&
	    all_digits(p + 4, 4))
		return store_value(stored, xstrfmt("%.3s%s", p, p + 4));
	return refuse(expected, MSG_VALUE_POSTAL);
}

static char *format_postal(const struct field *field, const char *stored)
{
	if (strlen(stored) == 7 && all_digits(stored, 7))
		return xstrfmt("%.3s-%s", stored, stored + 3);
	return xstrdup(stored);
}

/* The digits of text, dropping the separators in separators; NULL when
 * anything else is there. */
static char *digits_only(const char *text, const char *separators)
{
	struct strbuf digits = STRBUF_INIT;

	for (; *text; text++) {
		if (is_digit(*text)) {
			strbuf_addch(&digits, *text);
		} else if (!strchr(separators, *text)) {
			strbuf_release(&digits);
			return NULL;
		}
	}
	return strbuf_detach(&digits);
}

/*
 * The number plans of Japan (電気通信番号計画): the longest prefix that
 * matches says how many digits a number has.  A number starting 0 and
 * a digit 1 to 9 with no plan of its own is a fixed line, 0AB-CDE-XXXX
 * with its area code (10 digits); 00 and 010 start calls abroad and
 * are no number here.
 */
static const struct phone_plan {
	const char *prefix;
	int digits; /* 0: no number starts so */
	enum msg_id name;
	const char *example;
} phone_plans[] = {
	{ "0120", 10, MSG_VALUE_PHONE_FREE, "0120-123-456" },
	{ "0800", 11, MSG_VALUE_PHONE_FREE_0800, "0800-123-4567" },
	{ "0570", 10, MSG_VALUE_PHONE_NAVI, "0570-123-456" },
	{ "0180", 10, MSG_VALUE_PHONE_0180, "0180-123-456" },
	{ "0990", 10, MSG_VALUE_PHONE_0990, "0990-123-456" },
	{ "070", 11, MSG_VALUE_PHONE_MOBILE, "070-1234-5678" },
	{ "080", 11, MSG_VALUE_PHONE_MOBILE, "080-1234-5678" },
	{ "090", 11, MSG_VALUE_PHONE_MOBILE, "090-1234-5678" },
	{ "060", 11, MSG_VALUE_PHONE_060, "060-1234-5678" },
	{ "050", 11, MSG_VALUE_PHONE_IP, "050-1234-5678" },
	{ "020", 11, MSG_VALUE_PHONE_M2M, "020-1234-5678" },
	{ "010", 0, MSG_VALUE_PHONE, NULL },
	{ "00", 0, MSG_VALUE_PHONE, NULL },
	{ "0", 10, MSG_VALUE_PHONE_FIXED, "017-722-1111" },
};

/* The plan of a number (digits, starting with 0). */
static const struct phone_plan *phone_plan(const char *digits)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(phone_plans); i++)
		if (skip_prefix(digits, phone_plans[i].prefix))
			return &phone_plans[i];
	BUG("no phone plan for '%s'", digits);
}

static char *phone_expected(const struct phone_plan *plan)
{
	if (!plan->digits)
		return xstrfmt(msg(MSG_VALUE_PHONE_NO_PLAN), plan->prefix);
	return xstrfmt(msg(MSG_VALUE_PHONE_DIGITS), msg(plan->name),
		       plan->digits, plan->example);
}

static int parse_phone(const struct field *field, const char *text,
		       char **stored, char **expected)
{
	char *digits = digits_only(text, "-() ");
	const struct phone_plan *plan;

	if (!digits || digits[0] != '0') {
		free(digits);
		return refuse(expected, MSG_VALUE_PHONE);
	}
	plan = phone_plan(digits);
	if (strlen(digits) != (size_t)plan->digits) {
		free(digits);
		return refuse_text(expected, phone_expected(plan));
	}
	return store_value(stored, digits);
}

/*
 * corporate_number, municipality, prefecture
 */

/* 法人番号の検査用数字 (財務省令第七十号 第二条): 9 - (sum of P_n * Q_n
 * mod 9), P_n the n-th of the 12 base digits counted from the right,
 * Q_n 1 for odd n and 2 for even n.  digits[0] is the check digit. */
static int corporate_check_digit(const char *digits)
{
	int sum = 0, n;

	for (n = 1; n <= 12; n++)
		sum += (digits[13 - n] - '0') * (n % 2 ? 1 : 2);
	return 9 - sum % 9;
}

static int parse_corporate_number(const struct field *field,
				  const char *text, char **stored,
				  char **expected)
{
	char *digits = digits_only(text, "- ");

	if (!digits || strlen(digits) != 13) {
		free(digits);
		return refuse(expected, MSG_VALUE_CORPORATE);
	}
	if (digits[0] - '0' != corporate_check_digit(digits)) {
		free(digits);
		return refuse(expected, MSG_VALUE_CORPORATE_CHECK);
	}
	return store_value(stored, digits);
}

/* 全国地方公共団体コードの検査数字: weights 6..2 on the first five digits,
 * 11 minus the sum mod 11, last digit of that. */
static int municipality_check_digit(const char *digits)
{
	int sum = 0, i;

	for (i = 0; i < 5; i++)
		sum += (digits[i] - '0') * (6 - i);
	return (11 - sum % 11) % 10;
}

static int parse_municipality(const struct field *field, const char *text,
			      char **stored, char **expected)
{
	size_t len = strlen(text);
	int prefecture, check;

	if ((len != 5 && len != 6) || !all_digits(text, len))
		return refuse(expected, MSG_VALUE_MUNICIPALITY);
	prefecture = (text[0] - '0') * 10 + (text[1] - '0');
	if (prefecture < 1 || prefecture > 47)
		return refuse(expected, MSG_VALUE_MUNICIPALITY);
	check = municipality_check_digit(text);
	if (len == 6 && text[5] - '0' != check)
		return refuse(expected, MSG_VALUE_MUNICIPALITY_CHECK);
	return store_value(stored, xstrfmt("%.5s%d", text, check));
}

/* JIS X 0401, in code order. */
static const struct prefecture {
	const char *ja, *en;
} prefectures[] = {
	{ "北海道", "Hokkaido" }, /* 01 */
	{ "青森県", "Aomori" }, /* 02 */
	{ "岩手県", "Iwate" }, /* 03 */
	{ "宮城県", "Miyagi" }, /* 04 */
	{ "秋田県", "Akita" }, /* 05 */
	{ "山形県", "Yamagata" }, /* 06 */
	{ "福島県", "Fukushima" }, /* 07 */
	{ "茨城県", "Ibaraki" }, /* 08 */
	{ "栃木県", "Tochigi" }, /* 09 */
	{ "群馬県", "Gunma" }, /* 10 */
	{ "埼玉県", "Saitama" }, /* 11 */
	{ "千葉県", "Chiba" }, /* 12 */
	{ "東京都", "Tokyo" }, /* 13 */
	{ "神奈川県", "Kanagawa" }, /* 14 */
	{ "新潟県", "Niigata" }, /* 15 */
	{ "富山県", "Toyama" }, /* 16 */
	{ "石川県", "Ishikawa" }, /* 17 */
	{ "福井県", "Fukui" }, /* 18 */
	{ "山梨県", "Yamanashi" }, /* 19 */
	{ "長野県", "Nagano" }, /* 20 */
	{ "岐阜県", "Gifu" }, /* 21 */
	{ "静岡県", "Shizuoka" }, /* 22 */
	{ "愛知県", "Aichi" }, /* 23 */
	{ "三重県", "Mie" }, /* 24 */
	{ "滋賀県", "Shiga" }, /* 25 */
	{ "京都府", "Kyoto" }, /* 26 */
	{ "大阪府", "Osaka" }, /* 27 */
	{ "兵庫県", "Hyogo" }, /* 28 */
	{ "奈良県", "Nara" }, /* 29 */
	{ "和歌山県", "Wakayama" }, /* 30 */
	{ "鳥取県", "Tottori" }, /* 31 */
	{ "島根県", "Shimane" }, /* 32 */
	{ "岡山県", "Okayama" }, /* 33 */
	{ "広島県", "Hiroshima" }, /* 34 */
	{ "山口県", "Yamaguchi" }, /* 35 */
	{ "徳島県", "Tokushima" }, /* 36 */
	{ "香川県", "Kagawa" }, /* 37 */
	{ "愛媛県", "Ehime" }, /* 38 */
	{ "高知県", "Kochi" }, /* 39 */
	{ "福岡県", "Fukuoka" }, /* 40 */
	{ "佐賀県", "Saga" }, /* 41 */
	{ "長崎県", "Nagasaki" }, /* 42 */
	{ "熊本県", "Kumamoto" }, /* 43 */
	{ "大分県", "Oita" }, /* 44 */
	{ "宮崎県", "Miyazaki" }, /* 45 */
	{ "鹿児島県", "Kagoshima" }, /* 46 */
	{ "沖縄県", "Okinawa" }, /* 47 */
};

/* Is text name without its 都, 道, 府 or 県? */
static int is_stem(const char *name, const char *text)
{
	static const char *const suffixes[] = { "都", "道", "府", "県" };
	size_t len = strlen(text), i;

	if (!len || strncmp(name, text, len))
		return 0;
	for (i = 0; i < ARRAY_SIZE(suffixes); i++)
		if (!strcmp(name + len, suffixes[i]))
			return 1;
	return 0;
}

/* The JIS code 1..47 text names, or 0. */
static int prefecture_code(const char *text)
{
	const char *end;
	long code;
	size_t i;

	end = read_number(text, 1, 2, &code);
	if (end && !*end)
		return code >= 1 && code <= 47 ? (int)code : 0;
	for (i = 0; i < ARRAY_SIZE(prefectures); i++)
		if (!strcmp(text, prefectures[i].ja) ||
		    is_stem(prefectures[i].ja, text) ||
		    !ascii_casecmp(text, prefectures[i].en))
			return (int)i + 1;
	return 0;
}

static int parse_prefecture(const struct field *field, const char *text,
			    char **stored, char **expected)
{
	int code = prefecture_code(text);

	if (!code)
		return refuse(expected, MSG_VALUE_PREFECTURE);
	return store_value(stored, xstrfmt("%02d", code));
}

static char *format_prefecture(const struct field *field, const char *stored)
{
	long code;
	const char *end = read_number(stored, 2, 2, &code);

	if (!end || *end || code < 1 || code > 47)
		return xstrdup(stored);
	return xstrdup(msg_pick(prefectures[code - 1].ja,
				prefectures[code - 1].en));
}

/*
 * The types
 */

typedef int parse_fn(const struct field *field, const char *text,
		     char **stored, char **expected);
typedef char *format_fn(const struct field *field, const char *stored);

/* numeric: normalise with ー as a hyphen; format NULL: shown as stored. */
static const struct value_type {
	int numeric;
	parse_fn *parse;
	format_fn *format;
} value_types[FIELD_TYPE_COUNT] = {
	[FIELD_TEXT] = { 0, parse_text, NULL },
	[FIELD_KANA] = { 0, parse_kana, NULL },
	[FIELD_INTEGER] = { 1, parse_number, format_integer },
	[FIELD_YEN] = { 1, parse_yen, format_yen },
	[FIELD_DATE] = { 1, parse_date, NULL },
	[FIELD_CHOICE] = { 0, parse_choice, format_choice },
	[FIELD_MULTI] = { 0, parse_multi, format_multi },
	[FIELD_BOOL] = { 0, parse_bool, format_bool },
	[FIELD_POSTAL] = { 1, parse_postal, format_postal },
	[FIELD_PHONE] = { 1, parse_phone, NULL },
	[FIELD_EMAIL] = { 0, parse_email, NULL },
	[FIELD_CORPORATE_NUMBER] = { 1, parse_corporate_number, NULL },
	[FIELD_MUNICIPALITY] = { 1, parse_municipality, NULL },
	[FIELD_PREFECTURE] = { 1, parse_prefecture, format_prefecture },
};

/* Only a text field declared multiline = yes takes newlines and tabs. */
static int field_multiline(const struct field *field)
{
	return field->type == FIELD_TEXT && field->multiline;
}

static const struct value_type *value_type_of(const struct field *field)
{
	if ((unsigned)field->type >= FIELD_TYPE_COUNT ||
	    !value_types[field->type].parse)
		BUG("field '%s' has unknown type %d",
		    field->id ? field->id : "", (int)field->type);
	return &value_types[field->type];
}

int value_parse(const struct field *field, const char *input, char **stored,
		char **expected)
{
	const struct value_type *type = value_type_of(field);
	char *text;
	int ret;

	*stored = NULL;
	*expected = NULL;
	if (field->type == FIELD_KANA && input) {
		char *marked = kana_marks(input);

		text = text_normalize(marked, type->numeric);
		free(marked);
	} else {
		text = text_normalize(input ? input : "", type->numeric);
	}
	if (!text)
		return refuse(expected, MSG_VALUE_INVALID_UTF8);
	if (!*text)
		ret = refuse(expected, MSG_VALUE_REQUIRED);
	else if (text_check_safe(text, field_multiline(field), expected))
		ret = -1;
	else
		ret = type->parse(field, text, stored, expected);
	free(text);
	return ret;
}

char *value_format(const struct field *field, const char *stored)
{
	const struct value_type *type = value_type_of(field);

	if (!stored)
		return xstrdup("");
	return type->format ? type->format(field, stored) : xstrdup(stored);
}

int value_compare(const struct field *field, const char *a, const char *b)
{
	long long x, y;

	if (!a || !b)
		return (a != NULL) - (b != NULL);
	switch (field->type) {
	case FIELD_INTEGER:
	case FIELD_YEN:
	case FIELD_BOOL:
		if (!parse_long_long(a, &x) && !parse_long_long(b, &y))
			return (x > y) - (x < y);
		break;
	default:
		break; /* ISO dates and codes order as strings */
	}
	return strcmp(a, b);
}
