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
 * on success; -1 and *expected (malloced, current language: what the
 * field accepts, e.g. "a date such as 2020-04-01 or 令和2年4月1日")
 * when the input is refused.  An empty or blank input is refused with
 * MSG_VALUE_REQUIRED; callers decide whether a field may stay empty.
 */
int value_parse(const struct field *field, const char *input, char **stored,
		char **expected);

/* A stored value for people (choice labels, yen "1,000,000 円").
 * Malloced. */
char *value_format(const struct field *field, const char *stored);

/* Compare two stored values of field: <0, 0, >0 (numbers as numbers). */
int value_compare(const struct field *field, const char *a, const char *b);

/* NFKC (utf8proc) plus the dash table of DESIGN.md, trimmed.  NULL when
 * the input is not valid UTF-8.  numeric: U+30FC counts as a hyphen. */
char *text_normalize(const char *input, int numeric);

/* Number of characters (code points) in valid UTF-8. */
long utf8_chars(const char *text);
/* Display width of valid UTF-8 on a terminal (wide characters count 2). */
long utf8_width(const char *text);

/* Dates as yyyymmdd. */
int date_valid(long yyyymmdd);
/* ISO text to yyyymmdd: 0 on success, -1 if not a valid ISO date. */
int date_from_iso(const char *iso, long *yyyymmdd);
/* yyyymmdd to "YYYY-MM-DD" in buf (at least 11 bytes). */
void date_to_iso(long yyyymmdd, char *buf);
/* Add months; the day is clamped to the month's last day. */
long date_add_months(long yyyymmdd, int months);
/* Fiscal year (April–March) of a date: 2027-03-31 is in FY2026. */
int fiscal_year(long yyyymmdd);

#endif
