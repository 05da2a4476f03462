/* Fuzz value_parse for every field type: a stored value parses back to itself. */
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "support.h"
#include "value.h"

/*
 * Input: one selector byte, then what someone typed.  The selector names
 * the field: t text, k kana, i integer, y yen, d date, c choice, m multi,
 * b bool, p postal, h phone, e email, n corporate_number, u municipality,
 * f prefecture; in capitals the same type with limits (max_chars, min,
 * max, other choices, multiline, unit = 時間 | hours).  Any other byte
 * picks a field by its value, except r and R: a date bound as forms
 * write it (date_bound_parse, resolved on today and on a field's date,
 * unanswered for R).
 * Every input is also checked with text_check_safe: what
 * text_escape_unsafe gives is safe, and safe text escapes to itself.
 */
static const char selectors[] = "tkiydcmbphenuf";

static struct choice household[] = {
	{ "single", "単身", "single" },
	{ "household", "世帯", "household" },
	{ "none", "なし", "none" },
};

/* JSIC divisions: labels with full-width commas (NFKC makes them ','). */
static struct choice industry[] = {
	{ "A", "農業，林業", "Agriculture, forestry" },
	{ "B", "漁業", "Fisheries" },
	{ "C", "鉱業，採石業，砂利採取業", "Mining" },
	{ "other", "その他", "Other" },
};

#define N_TYPES FIELD_TYPE_COUNT
static struct field fields[2][N_TYPES];

static void make_fields(void)
{
	for (int limits = 0; limits < 2; limits++) {
		for (int t = 0; t < N_TYPES; t++) {
			struct field *f = &fields[limits][t];

			memset(f, 0, sizeof(*f));
			f->id = "field";
			f->type = (enum field_type)t;
			f->label_ja = f->label_en = "項目";
			f->required = 1;
			if (t == FIELD_CHOICE || t == FIELD_MULTI) {
				f->choices = limits ? industry : household;
				f->n_choices = limits ? 4 : 3;
				if (t == FIELD_MULTI)
					f->exclusive = limits ? "other"
							      : "none";
			}
			if (!limits)
				continue;
			f->max_chars = 5;
			f->multiline = t == FIELD_TEXT;
			if (t == FIELD_INTEGER) {
				f->has_min = f->has_max = 1;
				f->min = -100;
				f->max = 1000000;
				f->unit_ja = "時間";
				f->unit_en = "hours";
			} else if (t == FIELD_YEN) {
				f->has_max = 1;
				f->max = 5000000;
			}
		}
	}
}

static const struct field *field_for(unsigned char selector)
{
	const char *at = selector ? strchr(selectors, selector | 0x20)
				  : NULL;

	if (at && ((selector >= 'a' && selector <= 'z') ||
		   (selector >= 'A' && selector <= 'Z')))
		return &fields[selector < 'a'][at - selectors];
	return &fields[(selector / N_TYPES) & 1][selector % N_TYPES];
}

static int sign(int order)
{
	return (order > 0) - (order < 0);
}

/* text_normalize is idempotent: normal text normalises to itself. */
static void check_normalize(const char *input, int numeric)
{
	char *once = text_normalize(input, numeric), *twice;

	if (!once)
		return;
	twice = text_normalize(once, numeric);
	if (!twice || strcmp(once, twice))
		fuzz_fail("text_normalize(numeric=%d) not idempotent: '%s'",
			  numeric, fuzz_shown(once));
	free(once);
	free(twice);
}

/* value_compare is an order: x = x, and a < b exactly when b > a. */
static void check_compare(const struct field *field, const char *stored,
			  const char *other)
{
	if (value_compare(field, stored, stored))
		fuzz_fail("%s: value_compare(x, x) != 0 for '%s'",
			  field_type_name(field->type), fuzz_shown(stored));
	if (sign(value_compare(field, stored, other)) !=
	    -sign(value_compare(field, other, stored)))
		fuzz_fail("%s: value_compare not antisymmetric for '%s'",
			  field_type_name(field->type), fuzz_shown(stored));
}

/* Escaped text is safe; safe text is its own escape. */
static void check_safe(const char *input, int multiline)
{
	char *escaped = text_escape_unsafe(input, multiline), *why = NULL;
	int safe = !text_check_safe(input, multiline, NULL);

	if (text_check_safe(escaped, multiline, &why))
		fuzz_fail("text_escape_unsafe(multiline=%d) of '%s' gives "
			  "'%s', refused: %s", multiline, fuzz_shown(input),
			  escaped, why);
	if (safe && strcmp(escaped, input))
		fuzz_fail("safe '%s' escapes to '%s'", fuzz_shown(input),
			  escaped);
	free(escaped);
}

static long field_date(const char *field, void *context)
{
	return *(const long *)context;
}

/* A bound that parses resolves to a real date in DATE_FIRST..DATE_LAST. */
static void check_bound(const char *input, long answer)
{
	static const long todays[] = { 20261129, 18730101, 99991231 };
	struct date_bound bound;
	char *why = NULL;
	long date;

	if (date_bound_parse(input, &bound, &why)) {
		if (!why)
			fuzz_fail("date bound refused without a reason");
		free(why);
		return;
	}
	for (size_t i = 0; i < sizeof(todays) / sizeof(todays[0]); i++) {
		if (date_bound_resolve(&bound, todays[i], field_date, &answer,
				       &date))
			continue;
		if (date < DATE_FIRST || date > DATE_LAST ||
		    !date_valid(date))
			fuzz_fail("date bound '%s' gives %ld on %ld",
				  fuzz_shown(input), date, todays[i]);
	}
	date_bound_release(&bound);
}

/* A number as shown ("1,000,000 円", "40時間") reads back as stored. */
static void check_formatted(const struct field *field, const char *stored,
			    const char *shown)
{
	char *again, *why;

	if (field->type != FIELD_INTEGER && field->type != FIELD_YEN)
		return;
	if (value_parse(field, shown, &again, &why))
		fuzz_fail("%s: '%s' shown as '%s' refused: %s",
			  field_type_name(field->type), stored, shown, why);
	if (strcmp(again, stored))
		fuzz_fail("%s: '%s' shown as '%s' reads '%s'",
			  field_type_name(field->type), stored, shown, again);
	free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const struct field *field;
	char *input, *stored, *expected, *again, *why, *shown;

	if (!ready) {
		make_fields();
		ready = 1;
	}
	if (!size)
		return 0;
	input = fuzz_string(data + 1, size - 1);
	check_safe(input, 0);
	check_safe(input, 1);
	if (data[0] == 'r' || data[0] == 'R') {
		check_bound(input, data[0] == 'r' ? 20200401 : 0);
		free(input);
		return 0;
	}
	field = field_for(data[0]);
	check_normalize(input, 0);
	check_normalize(input, 1);

	if (value_parse(field, input, &stored, &expected)) {
		if (stored || !expected)
			fuzz_fail("%s: refused without a message, or with a "
				  "value", field_type_name(field->type));
		free(expected);
		free(input);
		return 0;
	}
	if (!stored || expected)
		fuzz_fail("%s: accepted without a value, or with a message",
			  field_type_name(field->type));

	/* The property: the stored form is an input giving itself. */
	if (value_parse(field, stored, &again, &why))
		fuzz_fail("%s: stored '%s' (from '%s') refused: %s",
			  field_type_name(field->type), stored,
			  fuzz_shown(input), why);
	if (strcmp(again, stored))
		fuzz_fail("%s: stored '%s' parses to '%s'",
			  field_type_name(field->type), stored, again);

	check_compare(field, stored, "1");
	check_compare(field, stored, "2020-04-01");
	shown = value_format(field, stored);
	if (!shown)
		fuzz_fail("value_format gave NULL");
	check_formatted(field, stored, shown);
	free(shown);
	free(again);
	free(stored);
	free(input);
	return 0;
}
