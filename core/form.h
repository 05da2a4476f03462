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
 *   max_chars                 ; text, kana, email: characters
 *   exclusive = none          ; multi: a code that cannot be combined
 *
 * Errors name the file, the section and the key.
 */

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
	long max_chars; /* 0: no limit */
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
