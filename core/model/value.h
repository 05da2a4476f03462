/* Field types: parse, normalise, check and format each answer. */
#ifndef INTAKE_VALUE_H
#define INTAKE_VALUE_H

struct field;

/*
 * Stored forms (the text kept in the database for each type):
 *   text, email        NFKC-normalised, trimmed
 *   kana               full-width katakana (hiragana and half-width
 *                      converted), spaces kept as one U+3000
 *   integer, yen       decimal, optional '-': "1000000"
 *   date               ISO "2020-04-01"
 *   choice             the code; multi: codes in form order, joined by ","
 *   bool               "1" or "0"
 *   postal             7 digits
 *   phone              10 or 11 digits
 *   corporate_number   13 digits, check digit verified
 *   municipality       6 digits, check digit verified (5 digits get it)
 *   prefecture         2-digit JIS X 0401 code "01".."47"
 */

/*
 * Parse what someone typed for field.  Returns 0 and *stored (malloced)
 * on success; -1 and *expected (malloced, current language: one
 * sentence saying what is wrong and what to type, e.g. "not a date;
 * type it as 2020-04-01 or 令和2年4月1日") when the input is refused.
 * An empty or blank input is refused with MSG_VALUE_REQUIRED; callers
 * decide whether a field may stay empty.  A stored value parses back to
 * itself, and so does a formatted integer or yen amount ("40時間",
 * "1,000,000 円").
 *
 * Taken as written at a counter: dates in every era since 明治 (M T S H
 * R, 明 大 昭 平 令, 元年, JIS X 0301 "R02.04.01", kanji numerals before
 * 年 月 日); kana with separate sound marks (ウ゛, ｶﾞ, ハ゜); phone numbers
 * by the number plan of their prefix; yen with 兆 億 万 千 ("1億2,000万円",
 * "1.5万" when whole yen); integers followed by the field's unit;
 * choices by code, label, number, "code label" or a prefix of exactly
 * one label (a code always wins).
 */
int value_parse(const struct field *field, const char *input, char **stored,
		char **expected);

/* A stored value for people (choice labels, yen "1,000,000 円").
 * Malloced. */
char *value_format(const struct field *field, const char *stored);

/* Compare two stored values of field: <0, 0, >0 (numbers as numbers). */
int value_compare(const struct field *field, const char *a, const char *b);

/* NFKC (utf8proc) plus the table of dashes NFKC leaves alone (see
 * value.c), trimmed.  NULL when the input is not valid UTF-8.  numeric:
 * U+30FC counts as a hyphen. */
char *text_normalize(const char *input, int numeric);

/*
 * Is utf8 safe to store and show?  Refused, whatever the field: invalid
 * UTF-8; control characters (C0, DEL, C1), except a tab or a newline
 * when multiline; U+2028 and U+2029; bidi controls (U+061C, U+200E,
 * U+200F, U+202A-202E, U+2066-2069); other format characters (U+200B,
 * U+FEFF, U+2060, U+00AD, ...); other default-ignorable characters
 * (U+3164 HANGUL FILLER, ...) except variation selectors, which must
 * follow a visible character (an IVS after a kanji is kept);
 * noncharacters; private-use characters.  Categories come from
 * utf8proc.  Returns 0, or -1 and *why (malloced, current language:
 * what is expected, naming the first character refused, e.g. "U+202E
 * (bidi control)").  why may be NULL.
 */
int text_check_safe(const char *utf8, int multiline, char **why);

/* utf8 with every character text_check_safe refuses written as
 * "<U+202E>" (and each invalid byte as "<0xFF>"), for messages that
 * echo what was typed.  Malloced; the multiline exceptions apply. */
char *text_escape_unsafe(const char *utf8, int multiline);

/* Is text valid UTF-8 (every byte of it)? */
int text_is_utf8(const char *text);
/* Number of characters (code points) in valid UTF-8. */
long utf8_chars(const char *text);
/* Display width of valid UTF-8 on a terminal (wide characters count 2). */
long utf8_width(const char *text);

/* Dates as yyyymmdd.  DATE_FIRST is the first date a field takes
 * (Japan has kept the Gregorian calendar since 1873), DATE_LAST the
 * last; DATE_NEVER (INTAKE_DATE_NEVER of plugin.h) is later than every
 * date and is no date itself. */
#define DATE_FIRST 18730101L
#define DATE_LAST  99991231L
#define DATE_NEVER 99999999L
int date_valid(long yyyymmdd);
/* ISO text to yyyymmdd: 0 on success, -1 if not a valid ISO date. */
int date_from_iso(const char *iso, long *yyyymmdd);
/* yyyymmdd to "YYYY-MM-DD" in buf (at least 11 bytes). */
void date_to_iso(long yyyymmdd, char *buf);
/* Add months; the day is clamped to the month's last day.  Saturates:
 * a result after 9999-12-31, or an invalid date given, is DATE_NEVER;
 * a result before year 1 is 0 (earlier than every date). */
long date_add_months(long yyyymmdd, int months);
/* Fiscal year (April–March) of a date: 2027-03-31 is in FY2026. */
int fiscal_year(long yyyymmdd);

#endif
