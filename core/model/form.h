/* The form model: a programme's fields, their types and `when` rules. */
#ifndef INTAKE_FORM_H
#define INTAKE_FORM_H

#include <stddef.h>

/*
 * A form file is forms/<programme>.ini:
 *
 *   [form]
 *   id = uij_turn             ; must match the plugin's form id
 *   version = 3               ; integer, stored with every application
 *   first_fiscal_year = 2019  ; optional: received_on and outcome dates
 *                             ; are not before its April 1st
 *
 *   [rules]                   ; integers a plugin reads (rule_integer)
 *   grant_household = 1000000
 *
 *   [field.household]         ; one section per field, in asking order
 *   type = choice
 *   label_ja = 世帯区分
 *   label_en = Household
 *   hint_ja = …               ; optional
 *   hint_en = …
 *   required = yes            ; default yes; derived fields never
 *   choices = single, household
 *   choice.single = 単身 | single
 *   choice.household = 世帯 | household
 *   when = moved_from != 13 and grant_requested = yes
 *   pii = no, sensitive = no, derived = no
 *   min, max                  ; integer, yen: inclusive bounds
 *                             ; date: inclusive date bounds, see below
 *   max_chars                 ; text, kana, email: characters
 *   unit = 時間 | hours        ; integer: the unit people write after
 *                             ; the number ("40時間", "40 hours" and
 *                             ; "40" are all 40) and that formatted
 *                             ; values and messages show; one word for
 *                             ; both languages, or 日本語 | English
 *   multiline = no            ; text: yes lets the answer hold newlines
 *                             ; and tabs (every field refuses other
 *                             ; control and invisible characters)
 *   exclusive = none          ; multi: a code that cannot be combined
 *
 *   [outcome.employed]        ; optional, one per outcome code
 *   min = received_on - 2 years   ; date bounds of that outcome
 *   max = today
 *
 * A date bound is a date, today or a date field ("received_on" too),
 * with optionally "+ N" or "- N" years or months:
 *   min = 1900-01-01
 *   min = today - 120 years
 *   max = received_on
 *   min = moved_in_on + 3 months
 * Bounds are inclusive and checked when the answer is given (a bound
 * on a field not answered yet is checked again before saving).
 * Defaults, for a bound the form does not write:
 *   a date field      min = 1873-01-01 (the Gregorian calendar in
 *                     Japan), max = today + 100 years
 *   received_on       min = April 1st of first_fiscal_year (else
 *                     1873-01-01), max = today
 *   an outcome date   min = received_on, max = today
 * and an outcome is never dated before April 1st of first_fiscal_year,
 * whatever its min.  A form widens a default by writing the bound, e.g.
 * for an outcome that may come before the application was received:
 * [outcome.employed] min = received_on - 2 years.
 *
 * Errors name the file, the section and the key.
 */

#define DATE_FIRST_BOUND "1873-01-01"
#define DATE_LAST_BOUND "today + 100 years"
#define RECEIVED_ON_FIELD "received_on"

enum field_type {
	FIELD_TEXT,
	FIELD_KANA,
	FIELD_INTEGER,
	FIELD_YEN,
	FIELD_DATE,
	FIELD_CHOICE,
	FIELD_MULTI,
	FIELD_BOOL,
	FIELD_POSTAL,
	FIELD_PHONE,
	FIELD_EMAIL,
	FIELD_CORPORATE_NUMBER,
	FIELD_MUNICIPALITY,
	FIELD_PREFECTURE,
	FIELD_TYPE_COUNT
};

struct choice {
	char *code;
	char *label_ja;
	char *label_en;
};

struct condition; /* a parsed `when`, see condition.h */

/* A date bound: base (a date, today, or a field's date) + months. */
enum date_base {
	DATE_BASE_FIXED,
	DATE_BASE_TODAY,
	DATE_BASE_FIELD,
};

struct date_bound {
	enum date_base base;
	long date;   /* DATE_BASE_FIXED: yyyymmdd */
	char *field; /* DATE_BASE_FIELD: a date field or "received_on" */
	int months;  /* added to the base; negative for "- N" */
	char *text;  /* as written (or the default), for messages */
};

/* Inclusive bounds of a date. */
struct date_range {
	struct date_bound min, max;
};

/* The date bounds of one outcome code ([outcome.<code>]). */
struct form_outcome {
	char *code;
	struct date_range dates;
};

struct field {
	char *id;
	enum field_type type;
	size_t index; /* position in the form */
	char *label_ja, *label_en;
	char *hint_ja, *hint_en; /* NULL when absent */
	int required;
	int pii, sensitive, derived;
	int has_min, has_max;
	long long min, max;
	struct date_range dates; /* date only; defaults filled in */
	long max_chars; /* 0: no limit */
	char *unit_ja, *unit_en; /* integer only; NULL when absent */
	int multiline;  /* text only */
	struct choice *choices;
	size_t n_choices;
	char *exclusive;  /* multi only; NULL when absent */
	char *when_text;  /* as written; NULL when always asked */
	struct condition *when;
};

struct form_rule {
	char *key;
	long long value;
};

struct form {
	char *path;
	char *id;
	long version;
	struct field *fields;
	size_t n_fields;
	struct form_rule *rules;
	size_t n_rules;
	int first_fiscal_year;          /* 0 when not given */
	struct date_range received_on;  /* defaults */
	struct date_range outcome_dates; /* default for every outcome */
	struct form_outcome *outcomes;  /* [outcome.<code>] sections */
	size_t n_outcomes;
};

/*
 * Load and check a form file.  Every problem is printed as
 * "intake: FILE: [section] key: what is wrong"; returns 0, or -1 when
 * the form is refused (then form holds nothing to release).
 */
int form_load(struct form *form, const char *path);
void form_release(struct form *form);

/* The field with this id, or NULL. */
const struct field *form_field(const struct form *form, const char *id);

/* The date bounds of outcome code: its [outcome.<code>] section, else
 * the form's default. */
const struct date_range *form_outcome_dates(const struct form *form,
					    const char *code);

/*
 * A date bound as yyyymmdd on today, with lookup giving the date of a
 * field (0 when unanswered).  Returns 0, or -1 when it names a field
 * without a date.  A result is kept within DATE_FIRST..DATE_LAST.
 */
int date_bound_resolve(const struct date_bound *bound, long today,
		       long (*lookup)(const char *field, void *context),
		       void *context, long *yyyymmdd);

/* Parse a bound as the form writes it: 0, or -1 and *why (malloced). */
int date_bound_parse(const char *text, struct date_bound *bound, char **why);
void date_bound_release(struct date_bound *bound);

/* A [rules] value: 0 and *value set, or -1 when the key is absent. */
int form_rule(const struct form *form, const char *key, long long *value);

/* "text", "kana", …; and back (-1 for an unknown name). */
const char *field_type_name(enum field_type type);
int field_type_parse(const char *name, enum field_type *type);

/* The choice with this code, or NULL. */
const struct choice *field_choice(const struct field *field,
				  const char *code);

/* The field's label in the current language. */
const char *field_label(const struct field *field);

#endif
