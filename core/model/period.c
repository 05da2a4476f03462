/* Fiscal years and months as staff write them: 2026年度, 令和8, R8.8. */
#include "period.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "value.h"

/* The eras, oldest first: name, letter, first year. */
static const struct era {
	const char *name;
	char letter;
	int first;
} eras[] = {
	{ "明治", 'M', 1868 },
	{ "大正", 'T', 1912 },
	{ "昭和", 'S', 1926 },
	{ "平成", 'H', 1989 },
	{ "令和", 'R', 2019 },
};

static void skip_spaces(const char **p)
{
	while (**p == ' ')
		(*p)++;
}

/* Move past word when the text at *p starts with it. */
static int take(const char **p, const char *word)
{
	size_t len = strlen(word);

	skip_spaces(p);
	if (strncmp(*p, word, len))
		return 0;
	*p += len;
	return 1;
}

/* One to max ASCII digits into *value; 0 when there are none or more. */
static int take_digits(const char **p, int max, int *value)
{
	int n = 0;

	skip_spaces(p);
	*value = 0;
	while (**p >= '0' && **p <= '9') {
		if (++n > max)
			return 0;
		*value = *value * 10 + (**p - '0');
		(*p)++;
	}
	return n > 0;
}

/* An era's name or letter (either case); NULL when there is none. */
static const struct era *take_era(const char **p)
{
	size_t i;

	skip_spaces(p);
	for (i = 0; i < ARRAY_SIZE(eras); i++) {
		if (take(p, eras[i].name))
			return &eras[i];
		if ((**p & ~0x20) == eras[i].letter) {
			(*p)++;
			return &eras[i];
		}
	}
	return NULL;
}

/* Year n of era as a western year, or 0 when the era has no such year. */
static int era_year(const struct era *era, int n)
{
	int last = era + 1 < eras + ARRAY_SIZE(eras) ? era[1].first : 0;

	if (n < 1 || (last && era->first + n - 1 > last))
		return 0;
	return era->first + n - 1;
}

/* A western year of four digits, or an era and its year (or 元). */
static enum period_status take_year(const char **p, int *year)
{
	const struct era *era = take_era(p);
	int n;

	if (!era)
		return take_digits(p, 4, year) && *year >= 1000
			       ? PERIOD_OK
			       : PERIOD_UNREADABLE;
	if (take(p, "元"))
		n = 1;
	else if (!take_digits(p, 2, &n))
		return PERIOD_UNREADABLE;
	*year = era_year(era, n);
	return *year ? PERIOD_OK : PERIOD_NO_ERA_YEAR;
}

/* Nothing but spaces left. */
static int at_end(const char **p)
{
	skip_spaces(p);
	return !**p;
}

/* "FY" in either case. */
static int take_fy(const char **p)
{
	skip_spaces(p);
	if (((*p)[0] & ~0x20) != 'F' || ((*p)[1] & ~0x20) != 'Y')
		return 0;
	*p += 2;
	return 1;
}

static enum period_status fiscal_year_of(const char *text, int *fy)
{
	const char *p = text;
	enum period_status status;
	int year;

	if (take_fy(&p))
		status = take_digits(&p, 4, &year) ? PERIOD_OK
						   : PERIOD_UNREADABLE;
	else
		status = take_year(&p, &year);
	if (status)
		return status;
	take(&p, "年度");
	if (!at_end(&p))
		return PERIOD_UNREADABLE;
	if (year < PERIOD_YEAR_FIRST || year > PERIOD_FY_LAST)
		return PERIOD_OUT_OF_RANGE;
	*fy = year;
	return PERIOD_OK;
}

enum period_status period_parse_fiscal_year(const char *text,
					    int *fiscal_year)
{
	char *normal = text_normalize(text, 1);
	enum period_status status;

	if (!normal)
		return PERIOD_UNREADABLE;
	status = fiscal_year_of(normal, fiscal_year);
	free(normal);
	return status;
}

/* The separator between year and month; *kanji when it was 年. */
static int take_separator(const char **p, int *kanji)
{
	*kanji = take(p, "年");
	return *kanji || take(p, "-") || take(p, "/") || take(p, ".");
}

static enum period_status month_of(const char *text, long *yyyymm)
{
	const char *p = text;
	enum period_status status;
	int year, month, kanji;

	if ((status = take_year(&p, &year)))
		return status;
	if (!take_separator(&p, &kanji) || !take_digits(&p, 2, &month))
		return PERIOD_UNREADABLE;
	if (kanji)
		take(&p, "月");
	if (!at_end(&p))
		return PERIOD_UNREADABLE;
	if (month < 1 || month > 12)
		return PERIOD_NO_MONTH;
	if (year < PERIOD_YEAR_FIRST || year > PERIOD_MONTH_LAST_YEAR)
		return PERIOD_OUT_OF_RANGE;
	*yyyymm = (long)year * 100 + month;
	return PERIOD_OK;
}

enum period_status period_parse_month(const char *text, long *yyyymm)
{
	char *normal = text_normalize(text, 1);
	enum period_status status;

	if (!normal)
		return PERIOD_UNREADABLE;
	status = month_of(normal, yyyymm);
	free(normal);
	return status;
}
