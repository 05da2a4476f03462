/* The form model: load and check a programme's form file. */
#include "form.h"

#include <ctype.h>
#include <stdarg.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "condition.h"
#include "config.h"
#include "messages.h"
#include "util.h"
#include "value.h"

static const char *const type_names[FIELD_TYPE_COUNT] = {
    [FIELD_TEXT] = "text",
    [FIELD_KANA] = "kana",
    [FIELD_INTEGER] = "integer",
    [FIELD_YEN] = "yen",
    [FIELD_DATE] = "date",
    [FIELD_CHOICE] = "choice",
    [FIELD_MULTI] = "multi",
    [FIELD_BOOL] = "bool",
    [FIELD_POSTAL] = "postal",
    [FIELD_PHONE] = "phone",
    [FIELD_EMAIL] = "email",
    [FIELD_CORPORATE_NUMBER] = "corporate_number",
    [FIELD_MUNICIPALITY] = "municipality",
    [FIELD_PREFECTURE] = "prefecture",
};

/* Keys of a [field.<id>] section, besides choice.<code>. */
static const char *const field_keys[] = {
    "type",	"label_ja", "label_en", "hint_ja",   "hint_en",
    "required", "choices",  "when",	"pii",	     "sensitive",
    "derived",	"min",	    "max",	"max_chars", "exclusive",
    "multiline", "unit",
};

#define FIELD_SECTION   "field."
#define OUTCOME_SECTION "outcome."
#define CHOICE_KEY      "choice."

/* Words of the `when` syntax, which no field may be called. */
static const char *const when_words[] = {"and", "or", "not", "in"};

const char *field_type_name(enum field_type type)
{
	if ((unsigned)type >= FIELD_TYPE_COUNT)
		BUG("field type %d", (int)type);
	return type_names[type];
}

int field_type_parse(const char *name, enum field_type *type)
{
	for (int i = 0; i < FIELD_TYPE_COUNT; i++) {
		if (strcmp(name, type_names[i]))
			continue;
		*type = (enum field_type)i;
		return 0;
	}
	return -1;
}

const struct field *form_field(const struct form *form, const char *id)
{
	for (size_t i = 0; i < form->n_fields; i++)
		if (form->fields[i].id && !strcmp(form->fields[i].id, id))
			return &form->fields[i];
	return NULL;
}

int form_rule(const struct form *form, const char *key, long long *value)
{
	for (size_t i = 0; i < form->n_rules; i++) {
		if (strcmp(form->rules[i].key, key))
			continue;
		*value = form->rules[i].value;
		return 0;
	}
	return -1;
}

const struct date_range *form_outcome_dates(const struct form *form,
					    const char *code)
{
	for (size_t i = 0; i < form->n_outcomes; i++)
		if (!strcmp(form->outcomes[i].code, code))
			return &form->outcomes[i].dates;
	return &form->outcome_dates;
}

const struct choice *field_choice(const struct field *field, const char *code)
{
	for (size_t i = 0; i < field->n_choices; i++)
		if (!strcmp(field->choices[i].code, code))
			return &field->choices[i];
	return NULL;
}

const char *field_label(const struct field *field)
{
	return msg_pick(field->label_ja, field->label_en);
}

/* ---- Small checks -------------------------------------------------- */

/* [a-z][a-z0-9_]*: a form, field or rule id. */
static int is_id(const char *text)
{
	if (!islower((unsigned char)*text))
		return 0;
	for (; *text; text++)
		if (!islower((unsigned char)*text) &&
		    !isdigit((unsigned char)*text) && *text != '_')
			return 0;
	return 1;
}

/* [A-Za-z0-9_]+: a choice code (JSIC divisions are A to T). */
static int is_code(const char *text)
{
	if (!*text)
		return 0;
	for (; *text; text++)
		if (!isalnum((unsigned char)*text) && *text != '_')
			return 0;
	return 1;
}

static int is_when_word(const char *id)
{
	for (size_t i = 0; i < ARRAY_SIZE(when_words); i++)
		if (!strcmp(id, when_words[i]))
			return 1;
	return 0;
}

/* Check an id; print why not (section, key name the place). */
static int check_id(const struct ini *ini, const char *section, const char *key,
		    const char *id)
{
	if (!is_id(id))
		return ini_error(ini, section, key, msg(MSG_FORM_BAD_ID), id);
	if (is_when_word(id))
		return ini_error(ini, section, key, msg(MSG_FORM_RESERVED_ID),
				 id);
	return 0;
}

static char *joined(const char *const *names, size_t n)
{
	struct strbuf list = STRBUF_INIT;

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&list, "%s%s", i ? ", " : "", names[i]);
	return strbuf_detach(&list);
}

static char *trimmed(const char *start, const char *end)
{
	while (start < end && isspace((unsigned char)*start))
		start++;
	while (end > start && isspace((unsigned char)end[-1]))
		end--;
	return xstrndup(start, (size_t)(end - start));
}

/* ---- Date bounds --------------------------------------------------- */

static const char *skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* The word at p ([a-z0-9_], and '-' when dashes): its end. */
static const char *word_end(const char *p, int dashes)
{
	while (islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
	       *p == '_' || (dashes && *p == '-'))
		p++;
	return p;
}

/* "year", "years", "month", "months": months per unit, or 0. */
static int unit_months(const char *unit, size_t len)
{
	static const struct {
		const char *name;
		int months;
	} units[] = {{"year", 12}, {"years", 12}, {"month", 1}, {"months", 1}};

	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (strlen(units[i].name) == len &&
		    !strncmp(units[i].name, unit, len))
			return units[i].months;
	return 0;
}

/* The base at the start of text: 0 and *end, or -1. */
static int parse_bound_base(const char *text, struct date_bound *bound,
			    const char **end)
{
	const char *p = word_end(text, isdigit((unsigned char)*text));
	char *word = xstrndup(text, (size_t)(p - text));
	int rc = 0;

	if (isdigit((unsigned char)*text)) {
		bound->base = DATE_BASE_FIXED;
		rc = date_from_iso(word, &bound->date);
	} else if (!strcmp(word, "today")) {
		bound->base = DATE_BASE_TODAY;
	} else if (is_id(word)) {
		bound->base = DATE_BASE_FIELD;
		bound->field = xstrdup(word);
	} else {
		rc = -1;
	}
	free(word);
	*end = p;
	return rc;
}

/* " + 3 months" after the base: 0 (bound->months set), or -1. */
static int parse_bound_offset(const char *p, struct date_bound *bound)
{
	int sign, months;
	long n = 0;
	const char *unit;

	p = skip_blanks(p);
	if (!*p)
		return 0;
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p == '-' ? -1 : 1;
	p = skip_blanks(p + 1);
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p) && n <= 10000)
		n = n * 10 + (*p++ - '0');
	unit = skip_blanks(p);
	p = word_end(unit, 0);
	months = unit_months(unit, (size_t)(p - unit));
	if (n > 10000 || p == unit || !months || *skip_blanks(p))
		return -1;
	bound->months = sign * (int)n * months;
	return 0;
}

int date_bound_parse(const char *text, struct date_bound *bound, char **why)
{
	const char *end;

	memset(bound, 0, sizeof(*bound));
	if (parse_bound_base(skip_blanks(text), bound, &end) ||
	    parse_bound_offset(end, bound)) {
		date_bound_release(bound);
		*why = xstrfmt(msg(MSG_FORM_BAD_DATE_BOUND), text);
		return -1;
	}
	bound->text = trimmed(text, text + strlen(text));
	return 0;
}

void date_bound_release(struct date_bound *bound)
{
	free(bound->field);
	free(bound->text);
	memset(bound, 0, sizeof(*bound));
}

int date_bound_resolve(const struct date_bound *bound, long today,
		       long (*lookup)(const char *field, void *context),
		       void *context, long *yyyymmdd)
{
	long base = bound->date;

	if (bound->base == DATE_BASE_TODAY)
		base = today;
	else if (bound->base == DATE_BASE_FIELD)
		base = lookup(bound->field, context);
	if (!date_valid(base))
		return -1;
	base = date_add_months(base, bound->months);
	if (base < DATE_FIRST)
		base = DATE_FIRST;
	if (base > DATE_LAST)
		base = DATE_LAST;
	*yyyymmdd = base;
	return 0;
}

static void default_bound(struct date_bound *bound, const char *text)
{
	char *why = NULL;

	if (date_bound_parse(text, bound, &why))
		BUG("default date bound '%s': %s", text, why);
}

static void default_range(struct date_range *range, const char *min,
			  const char *max)
{
	if (!range->min.text)
		default_bound(&range->min, min);
	if (!range->max.text)
		default_bound(&range->max, max);
}

static void range_release(struct date_range *range)
{
	date_bound_release(&range->min);
	date_bound_release(&range->max);
}

/* ---- [form] and [rules] -------------------------------------------- */

static int check_keys(const struct ini *ini, const char *section,
		      const char *const *allowed, size_t n_allowed)
{
	const char *const *keys;
	size_t n = ini_section_keys(ini, section, &keys);
	char *expected = NULL;
	int errors = 0;

	for (size_t i = 0; i < n; i++) {
		size_t j = 0;

		while (j < n_allowed && strcmp(keys[i], allowed[j]))
			j++;
		if (j < n_allowed)
			continue;
		if (!expected)
			expected = joined(allowed, n_allowed);
		ini_error(ini, section, keys[i], msg(MSG_FORM_UNKNOWN_KEY),
			  keys[i], expected);
		errors++;
	}
	free(expected);
	return errors ? -1 : 0;
}

/* [form] first_fiscal_year: 0 when absent or good, -1 after complaining. */
static int read_first_fiscal_year(const struct ini *ini, struct form *form)
{
	const char *text = ini_get(ini, "form", "first_fiscal_year");
	long long year;

	if (!text)
		return 0;
	if (ini_get_long(ini, "form", "first_fiscal_year", 0, &year))
		return -1;
	if (year < DATE_FIRST / 10000 || year > DATE_LAST / 10000)
		return ini_error(ini, "form", "first_fiscal_year",
				 msg(MSG_FORM_BAD_FISCAL_YEAR), text);
	form->first_fiscal_year = (int)year;
	return 0;
}

static int read_header(const struct ini *ini, struct form *form)
{
	static const char *const keys[] = {"id", "version",
					   "first_fiscal_year"};
	const char *id = ini_get(ini, "form", "id");
	const char *version = ini_get(ini, "form", "version");
	long long number;
	int errors = 0;

	errors += !!check_keys(ini, "form", keys, ARRAY_SIZE(keys));
	if (!id)
		errors += !!ini_error(ini, "form", "id", "%s",
				      msg(MSG_FORM_MISSING_KEY));
	else if (!check_id(ini, "form", "id", id))
		form->id = xstrdup(id);
	else
		errors++;
	if (!version)
		errors += !!ini_error(ini, "form", "version", "%s",
				      msg(MSG_FORM_MISSING_KEY));
	else if (ini_get_long(ini, "form", "version", 0, &number))
		errors++;
	else if (number < 1 || number > LONG_MAX)
		errors += !!ini_error(ini, "form", "version",
				      msg(MSG_FORM_BAD_VERSION), version);
	else
		form->version = (long)number;
	errors += !!read_first_fiscal_year(ini, form);
	return errors ? -1 : 0;
}

static int read_rules(const struct ini *ini, struct form *form)
{
	const char *const *keys;
	size_t n = ini_section_keys(ini, "rules", &keys);
	int errors = 0;

	form->rules = xcalloc(n, sizeof(*form->rules));
	for (size_t i = 0; i < n; i++) {
		struct form_rule *rule = &form->rules[form->n_rules];

		if (check_id(ini, "rules", keys[i], keys[i]) ||
		    ini_get_long(ini, "rules", keys[i], 0, &rule->value)) {
			errors++;
			continue;
		}
		rule->key = xstrdup(keys[i]);
		form->n_rules++;
	}
	return errors ? -1 : 0;
}

/* ---- [field.<id>] -------------------------------------------------- */

struct field_reader {
	const struct ini *ini;
	const char *section; /* "field.<id>" */
	const struct form *form;
	struct field *field;
	int type_known;
	int errors;
};

static void problem(struct field_reader *r, const char *key, const char *fmt,
		    ...) __attribute__((format(printf, 3, 4)));
static void problem(struct field_reader *r, const char *key, const char *fmt,
		    ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	ini_error(r->ini, r->section, key, "%s", strbuf_str(&text));
	strbuf_release(&text);
	r->errors++;
}

static const char *get(const struct field_reader *r, const char *key)
{
	return ini_get(r->ini, r->section, key);
}

static int is_choice_key(const char *key)
{
	return !strncmp(key, CHOICE_KEY, strlen(CHOICE_KEY));
}

static void check_field_keys(struct field_reader *r)
{
	const char *const *keys;
	size_t n = ini_section_keys(r->ini, r->section, &keys);
	size_t n_known = ARRAY_SIZE(field_keys);

	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		char *list;

		while (j < n_known && strcmp(keys[i], field_keys[j]))
			j++;
		if (j < n_known || is_choice_key(keys[i]))
			continue;
		list = joined(field_keys, n_known);
		problem(r, keys[i], msg(MSG_FORM_UNKNOWN_KEY), keys[i], list);
		free(list);
	}
}

static void read_type(struct field_reader *r)
{
	const char *name = get(r, "type");
	char *list;

	if (!name) {
		problem(r, "type", "%s", msg(MSG_FORM_MISSING_KEY));
		return;
	}
	if (!field_type_parse(name, &r->field->type)) {
		r->type_known = 1;
		return;
	}
	list = joined(type_names, FIELD_TYPE_COUNT);
	problem(r, "type", msg(MSG_FORM_UNKNOWN_TYPE), name, list);
	free(list);
}

/* A label (needed) or a hint (NULL when absent or empty). */
static char *read_text(struct field_reader *r, const char *key, int needed)
{
	const char *text = get(r, key);

	if (!text && needed)
		problem(r, key, "%s", msg(MSG_FORM_MISSING_KEY));
	else if (text && !*text && needed)
		problem(r, key, "%s", msg(MSG_FORM_EMPTY_TEXT));
	return text && *text ? xstrdup(text) : NULL;
}

static void read_labels(struct field_reader *r)
{
	struct field *field = r->field;

	field->label_ja = read_text(r, "label_ja", 1);
	field->label_en =
	    get(r, "label_en") ? read_text(r, "label_en", 1) : NULL;
	if (!field->label_en && field->label_ja)
		field->label_en = xstrdup(field->label_ja);
	field->hint_ja = read_text(r, "hint_ja", 0);
	field->hint_en = read_text(r, "hint_en", 0);
}

static void read_bool(struct field_reader *r, const char *key, int fallback,
		      int *value)
{
	if (ini_get_bool(r->ini, r->section, key, fallback, value))
		r->errors++;
}

/* Derived fields are computed by the plugin: never asked, so never
 * required. */
static void read_flags(struct field_reader *r)
{
	struct field *field = r->field;

	read_bool(r, "derived", 0, &field->derived);
	read_bool(r, "required", !field->derived, &field->required);
	read_bool(r, "pii", 0, &field->pii);
	read_bool(r, "sensitive", 0, &field->sensitive);
	if (field->derived && field->required) {
		problem(r, "required", msg(MSG_FORM_DERIVED_REQUIRED),
			get(r, "required"));
		field->required = 0;
	}
}

static const enum field_type bound_types[] = {FIELD_INTEGER, FIELD_YEN,
					      FIELD_DATE};
static const enum field_type plain_text_types[] = {FIELD_TEXT};
static const enum field_type text_types[] = {FIELD_TEXT, FIELD_KANA,
					     FIELD_EMAIL};
static const enum field_type choice_types[] = {FIELD_CHOICE, FIELD_MULTI};
static const enum field_type multi_types[] = {FIELD_MULTI};
static const enum field_type unit_types[] = {FIELD_INTEGER};

/* Whether key is given and allowed for this type; complains when it is
 * given but not allowed. */
static int allowed_for(struct field_reader *r, const char *key,
		       const enum field_type *types, size_t n_types)
{
	const char *names[FIELD_TYPE_COUNT];
	char *list;

	if (!get(r, key) || !r->type_known)
		return 0;
	for (size_t i = 0; i < n_types; i++)
		if (types[i] == r->field->type)
			return 1;
	for (size_t i = 0; i < n_types; i++)
		names[i] = type_names[types[i]];
	list = joined(names, n_types);
	problem(r, key, msg(MSG_FORM_KEY_NOT_FOR_TYPE), list,
		type_names[r->field->type]);
	free(list);
	return 0;
}

#define ALLOWED_FOR(r, key, types) allowed_for(r, key, types, ARRAY_SIZE(types))

/* 1 when key holds a number (now in *value), 0 after complaining. */
static int read_number(struct field_reader *r, const char *key,
		       long long *value)
{
	if (!ini_get_long(r->ini, r->section, key, 0, value))
		return 1;
	r->errors++;
	return 0;
}

static void read_max_chars(struct field_reader *r)
{
	long long limit;

	if (!read_number(r, "max_chars", &limit))
		return;
	if (limit <= 0 || limit > LONG_MAX)
		problem(r, "max_chars", msg(MSG_FORM_BAD_MAX_CHARS),
			get(r, "max_chars"));
	else
		r->field->max_chars = (long)limit;
}

static void read_date_bound(struct field_reader *r, const char *key,
			    struct date_bound *bound)
{
	char *why = NULL;

	if (date_bound_parse(get(r, key), bound, &why))
		problem(r, key, "%s", why);
	free(why);
}

/* Two fixed dates in the wrong order. */
static void check_date_order(struct field_reader *r)
{
	const struct date_range *dates = &r->field->dates;
	char min[11], max[11];

	if (dates->min.base != DATE_BASE_FIXED || !dates->min.text ||
	    dates->max.base != DATE_BASE_FIXED || !dates->max.text ||
	    dates->min.date <= dates->max.date)
		return;
	date_to_iso(dates->min.date, min);
	date_to_iso(dates->max.date, max);
	problem(r, "min", msg(MSG_FORM_DATE_MIN_OVER_MAX), min, max);
}

static void read_date_bounds(struct field_reader *r)
{
	if (get(r, "min"))
		read_date_bound(r, "min", &r->field->dates.min);
	if (get(r, "max"))
		read_date_bound(r, "max", &r->field->dates.max);
	check_date_order(r);
}

static int parse_label_pair(const char *text, char **ja, char **en);

/* A unit is a word people write after a number: no digits, signs or
 * separators, which would make "40時間" read as another number. */
static int is_unit(const char *unit)
{
	for (; *unit; unit++)
		if (isdigit((unsigned char)*unit) || strchr(",.+-|", *unit))
			return 0;
	return 1;
}

static void read_unit(struct field_reader *r)
{
	const char *text = get(r, "unit");
	char *ja, *en;

	if (parse_label_pair(text, &ja, &en)) {
		problem(r, "unit", msg(MSG_FORM_BAD_UNIT), text);
		return;
	}
	if (!is_unit(ja) || !is_unit(en)) {
		problem(r, "unit", msg(MSG_FORM_BAD_UNIT), text);
		free(ja);
		free(en);
		return;
	}
	r->field->unit_ja = ja;
	r->field->unit_en = en;
}

static void read_bounds(struct field_reader *r)
{
	struct field *field = r->field;

	if (r->type_known && field->type == FIELD_DATE) {
		read_date_bounds(r);
		return;
	}
	if (ALLOWED_FOR(r, "min", bound_types))
		field->has_min = read_number(r, "min", &field->min);
	if (ALLOWED_FOR(r, "max", bound_types))
		field->has_max = read_number(r, "max", &field->max);
	if (field->has_min && field->has_max && field->min > field->max)
		problem(r, "min", msg(MSG_FORM_MIN_OVER_MAX), field->min,
			field->max);
	if (ALLOWED_FOR(r, "max_chars", text_types))
		read_max_chars(r);
	if (ALLOWED_FOR(r, "multiline", plain_text_types))
		read_bool(r, "multiline", 0, &field->multiline);
	if (ALLOWED_FOR(r, "unit", unit_types))
		read_unit(r);
}

/* Choice codes are matched without case: iniparser lowercases the
 * code in a choice.<code> key. */
static struct choice *choice_named(const struct field *field, const char *code)
{
	for (size_t i = 0; i < field->n_choices; i++)
		if (!strcasecmp(field->choices[i].code, code))
			return &field->choices[i];
	return NULL;
}

static void add_choice(struct field *field, const char *code)
{
	struct choice *choice;

	field->choices =
	    xrealloc(field->choices, (field->n_choices + 1) * sizeof(*choice));
	choice = &field->choices[field->n_choices++];
	choice->code = xstrdup(code);
	choice->label_ja = xstrdup(code);
	choice->label_en = xstrdup(code);
}

static char *code_list(const struct field *field)
{
	struct strbuf list = STRBUF_INIT;

	for (size_t i = 0; i < field->n_choices; i++)
		strbuf_addf(&list, "%s%s", i ? ", " : "",
			    field->choices[i].code);
	return strbuf_detach(&list);
}

static void read_choice_list(struct field_reader *r)
{
	const char *start = get(r, "choices"), *end;

	for (;; start = end + 1) {
		char *code;

		end = strchr(start, ',');
		if (!end)
			end = start + strlen(start);
		code = trimmed(start, end);
		if (!is_code(code))
			problem(r, "choices", msg(MSG_FORM_BAD_CODE), code);
		else if (choice_named(r->field, code))
			problem(r, "choices", msg(MSG_FORM_REPEATED_CODE),
				code);
		else
			add_choice(r->field, code);
		free(code);
		if (!*end)
			return;
	}
}

static void unlisted(struct field_reader *r, const char *key, const char *code)
{
	char *list = code_list(r->field);

	problem(r, key, msg(MSG_FORM_UNLISTED_CODE), code, list);
	free(list);
}

/* "日本語 | English", or one label for both. */
static int parse_label_pair(const char *text, char **ja, char **en)
{
	const char *bar = strchr(text, '|'), *end = text + strlen(text);

	if (bar && strchr(bar + 1, '|'))
		return -1;
	*ja = trimmed(text, bar ? bar : end);
	*en = bar ? trimmed(bar + 1, end) : xstrdup(*ja);
	if (**ja && **en)
		return 0;
	free(*ja);
	free(*en);
	return -1;
}

static void read_choice_label(struct field_reader *r, const char *key)
{
	const char *code = key + strlen(CHOICE_KEY), *text = get(r, key);
	struct choice *choice = choice_named(r->field, code);
	char *ja, *en;

	if (!choice) {
		unlisted(r, key, code);
		return;
	}
	if (parse_label_pair(text, &ja, &en)) {
		problem(r, key, msg(MSG_FORM_BAD_CHOICE_LABEL), text);
		return;
	}
	free(choice->label_ja);
	free(choice->label_en);
	choice->label_ja = ja;
	choice->label_en = en;
}

static void read_exclusive(struct field_reader *r)
{
	const char *code = get(r, "exclusive");
	const struct choice *choice = field_choice(r->field, code);

	if (choice)
		r->field->exclusive = xstrdup(choice->code);
	else
		unlisted(r, "exclusive", code);
}

static void read_choices(struct field_reader *r)
{
	const char *const *keys;
	size_t n = ini_section_keys(r->ini, r->section, &keys);
	struct field *field = r->field;

	if (r->type_known && !get(r, "choices") &&
	    (field->type == FIELD_CHOICE || field->type == FIELD_MULTI))
		problem(r, "choices", msg(MSG_FORM_NO_CHOICES),
			type_names[field->type]);
	if (ALLOWED_FOR(r, "choices", choice_types))
		read_choice_list(r);
	for (size_t i = 0; i < n; i++)
		if (is_choice_key(keys[i]) &&
		    ALLOWED_FOR(r, keys[i], choice_types) && field->n_choices)
			read_choice_label(r, keys[i]);
	if (ALLOWED_FOR(r, "exclusive", multi_types) && field->n_choices)
		read_exclusive(r);
}

static void read_when(struct field_reader *r)
{
	const char *text = get(r, "when");
	char *why = NULL;

	if (!text)
		return;
	r->field->when_text = xstrdup(text);
	r->field->when = condition_parse(text, r->form, r->field->index, &why);
	if (!r->field->when)
		problem(r, "when", "%s", why);
	free(why);
}

static int read_field(const struct ini *ini, struct form *form, size_t index,
		      const char *section)
{
	struct field_reader r = {ini, section, form, &form->fields[index],
				 0,   0};

	check_field_keys(&r);
	read_type(&r);
	read_labels(&r);
	read_flags(&r);
	read_bounds(&r);
	read_choices(&r);
	read_when(&r);
	return r.errors ? -1 : 0;
}

/* ---- The whole form ------------------------------------------------ */

static int is_field_section(const char *name)
{
	return !strncmp(name, FIELD_SECTION, strlen(FIELD_SECTION));
}

static int is_outcome_section(const char *name)
{
	return !strncmp(name, OUTCOME_SECTION, strlen(OUTCOME_SECTION));
}

/* Unknown sections are refused; *has_form tells whether [form] is
 * there. */
static int check_sections(const struct ini *ini, int *has_form)
{
	int errors = 0;

	*has_form = 0;
	for (size_t i = 0; i < ini_section_count(ini); i++) {
		const char *name = ini_section_name(ini, i);

		if (!strcmp(name, "form"))
			*has_form = 1;
		else if (strcmp(name, "rules") && !is_field_section(name) &&
			 !is_outcome_section(name))
			errors += !!ini_error(ini, name, NULL, "%s",
					      msg(MSG_FORM_UNKNOWN_SECTION));
	}
	if (!*has_form)
		errors += !!ini_error(ini, "form", NULL, "%s",
				      msg(MSG_FORM_MISSING_SECTION));
	return errors ? -1 : 0;
}

/* Every field gets its id and index first, so that a `when` naming a
 * later field is told apart from one naming no field at all. */
static int name_fields(const struct ini *ini, struct form *form)
{
	size_t k = 0;
	int errors = 0;

	for (size_t i = 0; i < ini_section_count(ini); i++) {
		const char *name = ini_section_name(ini, i);
		const char *id = name + strlen(FIELD_SECTION);

		if (!is_field_section(name))
			continue;
		if (check_id(ini, name, NULL, id))
			errors++;
		form->fields[k].id = xstrdup(id);
		form->fields[k].index = k;
		k++;
	}
	return errors ? -1 : 0;
}

/* Fields in file order; stops at the first field with problems, since
 * a later `when` may depend on it. */
static int read_fields(const struct ini *ini, struct form *form)
{
	size_t n = 0, k = 0;

	for (size_t i = 0; i < ini_section_count(ini); i++)
		n += is_field_section(ini_section_name(ini, i));
	if (!n)
		return ini_error(ini, NULL, NULL, "%s",
				 msg(MSG_FORM_NO_FIELDS));
	form->fields = xcalloc(n, sizeof(*form->fields));
	form->n_fields = n;
	if (name_fields(ini, form))
		return -1;
	for (size_t i = 0; i < ini_section_count(ini); i++) {
		const char *name = ini_section_name(ini, i);

		if (is_field_section(name) && read_field(ini, form, k++, name))
			return -1;
	}
	return 0;
}

/* ---- [outcome.<code>] and the date bounds of the whole form -------- */

/* [a-z0-9_]+, as plugin.h has outcome codes. */
static int is_outcome_code(const char *code)
{
	if (!*code)
		return 0;
	for (; *code; code++)
		if (!islower((unsigned char)*code) &&
		    !isdigit((unsigned char)*code) && *code != '_')
			return 0;
	return 1;
}

static int read_outcome_bound(const struct ini *ini, const char *section,
			      const char *key, struct date_bound *bound)
{
	const char *text = ini_get(ini, section, key);
	char *why = NULL;
	int rc;

	if (!text)
		return 0;
	rc = date_bound_parse(text, bound, &why);
	if (rc)
		ini_error(ini, section, key, "%s", why);
	free(why);
	return rc;
}

static int read_outcome(const struct ini *ini, struct form *form,
			const char *section)
{
	static const char *const keys[] = {"min", "max"};
	const char *code = section + strlen(OUTCOME_SECTION);
	struct form_outcome *outcome;
	int errors = 0;

	if (!is_outcome_code(code))
		return ini_error(ini, section, NULL,
				 msg(MSG_FORM_BAD_OUTCOME_CODE), code);
	outcome = &form->outcomes[form->n_outcomes++];
	outcome->code = xstrdup(code);
	errors += !!check_keys(ini, section, keys, ARRAY_SIZE(keys));
	errors += !!read_outcome_bound(ini, section, "min",
				       &outcome->dates.min);
	errors += !!read_outcome_bound(ini, section, "max",
				       &outcome->dates.max);
	return errors ? -1 : 0;
}

static int read_outcomes(const struct ini *ini, struct form *form)
{
	size_t n = ini_section_count(ini);
	int errors = 0;

	form->outcomes = xcalloc(n, sizeof(*form->outcomes));
	for (size_t i = 0; i < n; i++)
		if (is_outcome_section(ini_section_name(ini, i)))
			errors += !!read_outcome(ini, form,
						 ini_section_name(ini, i));
	return errors ? -1 : 0;
}

/* A bound naming a field must name a date field other than self (NULL
 * for an outcome), or received_on. */
static int check_bound_field(const struct ini *ini, const struct form *form,
			     const char *section, const char *key,
			     const struct date_bound *bound, const char *self)
{
	const struct field *field;

	if (bound->base != DATE_BASE_FIELD ||
	    !strcmp(bound->field, RECEIVED_ON_FIELD))
		return 0;
	if (self && !strcmp(bound->field, self))
		return ini_error(ini, section, key, msg(MSG_FORM_BOUND_SELF),
				 self);
	field = form_field(form, bound->field);
	if (!field || field->type != FIELD_DATE)
		return ini_error(ini, section, key,
				 msg(MSG_FORM_BOUND_NOT_DATE), bound->field);
	return 0;
}

static int check_range_fields(const struct ini *ini, const struct form *form,
			      const char *section,
			      const struct date_range *range, const char *self)
{
	int errors = 0;

	errors += !!check_bound_field(ini, form, section, "min", &range->min,
				      self);
	errors += !!check_bound_field(ini, form, section, "max", &range->max,
				      self);
	return errors;
}

/* The bounds written are checked; the defaults fill in the rest. */
static int finish_dates(const struct ini *ini, struct form *form)
{
	char first[11] = DATE_FIRST_BOUND;
	int errors = 0;

	for (size_t i = 0; i < form->n_fields; i++) {
		struct field *field = &form->fields[i];
		char *section = xstrfmt(FIELD_SECTION "%s", field->id);

		if (field->type == FIELD_DATE) {
			errors += check_range_fields(ini, form, section,
						     &field->dates, field->id);
			default_range(&field->dates, DATE_FIRST_BOUND,
				      DATE_LAST_BOUND);
		}
		free(section);
	}
	for (size_t i = 0; i < form->n_outcomes; i++) {
		struct form_outcome *outcome = &form->outcomes[i];
		char *section = xstrfmt(OUTCOME_SECTION "%s", outcome->code);

		errors += check_range_fields(ini, form, section,
					     &outcome->dates, NULL);
		default_range(&outcome->dates, RECEIVED_ON_FIELD, "today");
		free(section);
	}
	if (form->first_fiscal_year)
		snprintf(first, sizeof(first), "%04d-04-01",
			 form->first_fiscal_year);
	default_range(&form->received_on, first, "today");
	default_range(&form->outcome_dates, RECEIVED_ON_FIELD, "today");
	return errors ? -1 : 0;
}

int form_load(struct form *form, const char *path)
{
	struct ini *ini;
	int has_form, errors = 0;

	memset(form, 0, sizeof(*form));
	if (!(ini = ini_load(path)))
		return -1;
	form->path = xstrdup(path);
	errors += !!check_sections(ini, &has_form);
	if (has_form)
		errors += !!read_header(ini, form);
	errors += !!read_rules(ini, form);
	errors += !!read_fields(ini, form);
	errors += !!read_outcomes(ini, form);
	if (!errors)
		errors += !!finish_dates(ini, form);
	ini_free(ini);
	if (errors) {
		form_release(form);
		return -1;
	}
	return 0;
}

static void field_release(struct field *field)
{
	free(field->id);
	free(field->label_ja);
	free(field->label_en);
	free(field->hint_ja);
	free(field->hint_en);
	free(field->unit_ja);
	free(field->unit_en);
	for (size_t i = 0; i < field->n_choices; i++) {
		free(field->choices[i].code);
		free(field->choices[i].label_ja);
		free(field->choices[i].label_en);
	}
	free(field->choices);
	free(field->exclusive);
	free(field->when_text);
	condition_free(field->when);
	range_release(&field->dates);
}

void form_release(struct form *form)
{
	for (size_t i = 0; i < form->n_fields; i++)
		field_release(&form->fields[i]);
	free(form->fields);
	for (size_t i = 0; i < form->n_rules; i++)
		free(form->rules[i].key);
	free(form->rules);
	for (size_t i = 0; i < form->n_outcomes; i++) {
		free(form->outcomes[i].code);
		range_release(&form->outcomes[i].dates);
	}
	free(form->outcomes);
	range_release(&form->received_on);
	range_release(&form->outcome_dates);
	free(form->path);
	free(form->id);
	memset(form, 0, sizeof(*form));
}
