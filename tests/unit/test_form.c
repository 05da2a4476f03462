/* Unit tests of core/model/form.c: loading and checking form files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "condition.h"
#include "form.h"
#include "messages.h"
#include "support.h"
#include "util.h"

/* ---- Fixtures: a temporary directory ----------------------------- */

static char *tmpdir;
static char fixtures[PATH_MAX]; /* tests/fixtures/forms, absolute */

static int setup(void **state)
{
	tmpdir = scratch_make("test_form");
	if (!tmpdir)
		return -1;
	msg_set_language(LANG_EN);
	return 0;
}

static int teardown(void **state)
{
	int status = scratch_remove(tmpdir);

	free(tmpdir);
	tmpdir = NULL;
	return status;
}

/* The start of a valid form, to which a test appends. */
#define HEADER	"[form]\nid = test\nversion = 1\n"
#define FIELD_A "[field.a]\ntype = integer\nlabel_ja = 甲\n"
#define DATE_A	"[field.a]\ntype = date\nlabel_ja = 甲\n"

/* form_load of text: its status and what it printed. */
static int load_text(struct form *form, const char *text, char **errors)
{
	char *path = path_join(tmpdir, "form.ini");
	int status;

	write_file(path, text);
	capture_stderr();
	status = form_load(form, path);
	*errors = captured();
	free(path);
	return status;
}

/* ---- A complete form ----------------------------------------------- */

static const char *answers[32];

static const char *lookup(const struct field *field, void *context)
{
	return answers[field->index];
}

static void load_full(struct form *form)
{
	char *path = xstrfmt("%s/full.ini", fixtures);

	assert_int_equal(form_load(form, path), 0);
	assert_string_equal(form->path, path);
	free(path);
}

static void test_full_header_and_rules(void **state)
{
	struct form form;
	long long value = 42;

	load_full(&form);
	assert_string_equal(form.id, "full");
	assert_int_equal(form.version, 7);
	assert_int_equal(form.n_rules, 2);
	assert_int_equal(form_rule(&form, "grant_single", &value), 0);
	assert_int_equal(value, 600000);
	assert_int_equal(form_rule(&form, "min_age", &value), 0);
	assert_int_equal(value, -1);
	value = 42;
	assert_int_equal(form_rule(&form, "grant_household", &value), -1);
	assert_int_equal(value, 42);
	form_release(&form);
	assert_null(form.fields);
	form_release(&form); /* twice is harmless */
}

static void test_full_fields_in_order(void **state)
{
	static const char *const ids[] = {
	    "name",
	    "name_kana",
	    "children",
	    "amount",
	    "moved_in_on",
	    "household",
	    "handbooks",
	    "grant_requested",
	    "postal_code",
	    "phone",
	    "email",
	    "industry",
	    "corporate_number",
	    "municipality",
	    "moved_from",
	};
	static const enum field_type types[] = {
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
	    FIELD_CHOICE,
	    FIELD_CORPORATE_NUMBER,
	    FIELD_MUNICIPALITY,
	    FIELD_PREFECTURE,
	};
	struct form form;

	load_full(&form);
	assert_int_equal(form.n_fields, ARRAY_SIZE(ids));
	for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
		assert_string_equal(form.fields[i].id, ids[i]);
		assert_int_equal(form.fields[i].type, types[i]);
		assert_int_equal(form.fields[i].index, i);
		assert_ptr_equal(form_field(&form, ids[i]), &form.fields[i]);
	}
	assert_null(form_field(&form, "nosuch"));
	assert_null(form_field(&form, "Name"));
	form_release(&form);
}

static void test_full_labels_and_flags(void **state)
{
	struct form form;
	const struct field *name, *kana, *amount, *household;

	load_full(&form);
	name = form_field(&form, "name");
	kana = form_field(&form, "name_kana");
	amount = form_field(&form, "amount");
	household = form_field(&form, "household");
	assert_string_equal(name->label_ja, "氏名");
	assert_string_equal(name->label_en, "Name");
	assert_string_equal(name->hint_ja, "戸籍上の氏名");
	assert_string_equal(name->hint_en, "as registered");
	assert_int_equal(name->max_chars, 100);
	assert_true(name->pii && name->required);
	assert_false(name->sensitive || name->derived);
	/* label_en defaults to label_ja; absent and empty hints are NULL */
	assert_string_equal(kana->label_en, "フリガナ");
	assert_null(kana->hint_ja);
	assert_null(kana->hint_en);
	assert_null(household->hint_ja);
	assert_true(kana->pii);
	/* derived: never required */
	assert_true(amount->derived);
	assert_false(amount->required);
	assert_true(amount->has_min && !amount->has_max);
	assert_int_equal(amount->min, 1);
	assert_false(form_field(&form, "children")->required);
	assert_int_equal(form_field(&form, "children")->max, 20);
	assert_false(form_field(&form, "phone")->required);
	assert_false(form_field(&form, "email")->required);
	assert_int_equal(form_field(&form, "email")->max_chars, 254);
	assert_true(form_field(&form, "handbooks")->sensitive);
	assert_null(name->when_text);
	assert_null(name->when);

	assert_string_equal(field_label(name), "Name");
	msg_set_language(LANG_JA);
	assert_string_equal(field_label(name), "氏名");
	msg_set_language(LANG_EN);
	form_release(&form);
}

static void test_full_choices(void **state)
{
	struct form form;
	const struct field *household, *handbooks, *industry;

	load_full(&form);
	household = form_field(&form, "household");
	assert_int_equal(household->n_choices, 3);
	assert_string_equal(household->choices[0].code, "single");
	assert_string_equal(household->choices[0].label_ja, "単身");
	assert_string_equal(household->choices[0].label_en, "single");
	/* one label serves both languages; no label: the code */
	assert_string_equal(field_choice(household, "household")->label_ja,
			    "世帯");
	assert_string_equal(field_choice(household, "household")->label_en,
			    "世帯");
	assert_string_equal(field_choice(household, "other")->label_ja,
			    "other");
	assert_null(field_choice(household, "couple"));
	assert_null(household->exclusive);

	handbooks = form_field(&form, "handbooks");
	assert_int_equal(handbooks->n_choices, 3);
	assert_string_equal(handbooks->exclusive, "none");

	/* upper-case codes survive iniparser lowercasing choice.<code> */
	industry = form_field(&form, "industry");
	assert_string_equal(industry->choices[0].code, "A");
	assert_string_equal(field_choice(industry, "E")->label_en,
			    "Manufacturing");
	assert_string_equal(field_choice(industry, "T")->label_ja, "T");
	assert_null(field_choice(industry, "e"));
	form_release(&form);
}

static void test_full_when(void **state)
{
	struct form form;
	const struct field *handbooks, *postal, *corporate, *moved_from;

	load_full(&form);
	handbooks = form_field(&form, "handbooks");
	postal = form_field(&form, "postal_code");
	corporate = form_field(&form, "corporate_number");
	moved_from = form_field(&form, "moved_from");
	assert_string_equal(handbooks->when_text,
			    "household in (household, other) and not "
			    "children = 0");
	assert_non_null(handbooks->when);

	memset(answers, 0, sizeof(answers));
	answers[handbooks->index] = NULL;
	answers[form_field(&form, "household")->index] = "household";
	answers[form_field(&form, "children")->index] = "2";
	assert_true(condition_eval(handbooks->when, lookup, NULL));
	answers[form_field(&form, "children")->index] = "0";
	assert_false(condition_eval(handbooks->when, lookup, NULL));
	answers[form_field(&form, "household")->index] = "single";
	answers[form_field(&form, "children")->index] = "2";
	assert_false(condition_eval(handbooks->when, lookup, NULL));

	answers[form_field(&form, "grant_requested")->index] = "1";
	assert_true(condition_eval(postal->when, lookup, NULL));
	answers[form_field(&form, "grant_requested")->index] = "0";
	assert_false(condition_eval(postal->when, lookup, NULL));

	answers[form_field(&form, "industry")->index] = "E";
	assert_true(condition_eval(corporate->when, lookup, NULL));
	answers[form_field(&form, "industry")->index] = "A";
	assert_false(condition_eval(corporate->when, lookup, NULL));

	answers[form_field(&form, "moved_in_on")->index] = "2021-05-01";
	assert_true(condition_eval(moved_from->when, lookup, NULL));
	answers[form_field(&form, "moved_in_on")->index] = "2010-05-01";
	assert_false(condition_eval(moved_from->when, lookup, NULL));
	answers[form_field(&form, "moved_in_on")->index] = "1999-05-01";
	assert_true(condition_eval(moved_from->when, lookup, NULL));
	form_release(&form);
}

static void test_type_names(void **state)
{
	static const char *const names[FIELD_TYPE_COUNT] = {
	    "text",	    "kana",	  "integer", "yen",
	    "date",	    "choice",	  "multi",   "bool",
	    "postal",	    "phone",	  "email",   "corporate_number",
	    "municipality", "prefecture",
	};
	enum field_type type;

	for (int i = 0; i < FIELD_TYPE_COUNT; i++) {
		assert_string_equal(field_type_name((enum field_type)i),
				    names[i]);
		assert_int_equal(field_type_parse(names[i], &type), 0);
		assert_int_equal(type, i);
	}
	assert_int_equal(field_type_parse("number", &type), -1);
	assert_int_equal(field_type_parse("Text", &type), -1);
	assert_int_equal(field_type_parse("", &type), -1);
}

/* ---- Refusals ------------------------------------------------------ */

struct refusal {
	const char *text;
	const char *message; /* after "form.ini: " */
};

static const struct refusal refusals[] = {
    /* sections */
    {HEADER FIELD_A "[fields.b]\ntype = text\n",
     "[fields.b]: unknown section (expected [form], [rules], "
     "[field.<id>] or [outcome.<code>])"},
    {HEADER FIELD_A "[field]\ntype = text\n", "[field]: unknown section"},
    {FIELD_A, "[form]: missing (a form needs a [form] section"},
    {HEADER, "form.ini: the form has no fields (expected [field.<id>] "
	     "sections)"},
    {HEADER "[field.1abc]\ntype = text\nlabel_ja = x\n",
     "[field.1abc]: not an id (given '1abc', expected a lowercase "
     "letter"},
    {HEADER "[field.a-b]\ntype = text\nlabel_ja = x\n",
     "[field.a-b]: not an id (given 'a-b'"},
    {HEADER "[field.]\ntype = text\nlabel_ja = x\n",
     "[field.]: not an id (given ''"},
    {HEADER "[field.not]\ntype = text\nlabel_ja = x\n",
     "[field.not]: not an id (given 'not', a word of when"},
    {HEADER FIELD_A "[field.b]\ntype = text\nlabel_ja = x\n"
		    "[field.a]\ntype = text\nlabel_ja = y\n",
     "[field.a]: appears again on line 10 (first on line 4); write it "
     "once"},
    {HEADER FIELD_A "type = text\n",
     "[field.a] type: appears again on line 7 (first on line 5)"},
    {HEADER "[field.a]\nthis line is wrong\n",
     "form.ini: line 5: cannot read (given 'this line is wrong'"},
    /* [form] and [rules] */
    {"[form]\nversion = 1\n" FIELD_A, "[form] id: missing (this key is "
				      "required)"},
    {"[form]\nid = test\n" FIELD_A, "[form] version: missing"},
    {"[form]\nid = test\nversion = 0\n" FIELD_A,
     "[form] version: not a version (given '0', expected an integer 1 "
     "or more)"},
    {"[form]\nid = test\nversion = 1.2\n" FIELD_A,
     "[form] version: not a whole number (given '1.2'"},
    {"[form]\nid = Uij-Turn\nversion = 1\n" FIELD_A,
     "[form] id: not an id (given 'Uij-Turn'"},
    {HEADER "title = x\n" FIELD_A,
     "[form] title: unknown key (given 'title', expected one of id, "
     "version, first_fiscal_year)"},
    {HEADER "first_fiscal_year = 1872\n" FIELD_A,
     "[form] first_fiscal_year: not a fiscal year (given '1872', expected "
     "a year from 1873 to 9999)"},
    {HEADER "first_fiscal_year = R1\n" FIELD_A,
     "[form] first_fiscal_year: not a whole number (given 'R1'"},
    {HEADER "[rules]\ngrant = 1,000,000\n" FIELD_A,
     "[rules] grant: not a whole number (given '1,000,000'"},
    {HEADER "[rules]\n2x = 1\n" FIELD_A, "[rules] 2x: not an id (given '2x'"},
    /* type, labels, keys */
    {HEADER "[field.a]\nlabel_ja = x\n",
     "[field.a] type: missing (this key is required)"},
    {HEADER "[field.a]\ntype = number\nlabel_ja = x\n",
     "[field.a] type: unknown type (given 'number', expected one of "
     "text, kana, integer, yen, date, choice, multi, bool, postal, "
     "phone, email, corporate_number, municipality, prefecture)"},
    {HEADER FIELD_A "colour = red\n",
     "[field.a] colour: unknown key (given 'colour', expected one of "
     "type, label_ja, label_en, hint_ja, hint_en, required, choices, "
     "when, pii, sensitive, derived, min, max, max_chars, exclusive, "
     "multiline, unit)"},
    {HEADER "[field.a]\ntype = text\nlabel_en = Name\n",
     "[field.a] label_ja: missing"},
    {HEADER "[field.a]\ntype = text\n", "[field.a] label_ja: missing"},
    {HEADER "[field.a]\ntype = text\nlabel_ja =\n",
     "[field.a] label_ja: empty (given '', expected some text)"},
    {HEADER FIELD_A "label_en = \"\"\n", "[field.a] label_en: empty"},
    /* flags */
    {HEADER FIELD_A "required = maybe\n",
     "[field.a] required: not a yes/no value (given 'maybe'"},
    {HEADER FIELD_A "pii = y\n", "[field.a] pii: not a yes/no value"},
    {HEADER FIELD_A "sensitive = 2\n",
     "[field.a] sensitive: not a yes/no value"},
    {HEADER FIELD_A "derived = はい\n",
     "[field.a] derived: not a yes/no value (given 'はい'"},
    {HEADER FIELD_A "derived = yes\nrequired = yes\n",
     "[field.a] required: a derived field cannot be required (given "
     "'yes', expected no or no required line)"},
    /* bounds */
    {HEADER FIELD_A "min = 10\nmax = 5\n",
     "[field.a] min: greater than max (given 10, expected at most 5)"},
    {HEADER FIELD_A "min = ten\n",
     "[field.a] min: not a whole number (given 'ten'"},
    {HEADER "[field.a]\ntype = text\nlabel_ja = x\nmin = 1\n",
     "[field.a] min: only for integer, yen, date fields (this field is "
     "text)"},
    /* date bounds */
    {HEADER DATE_A "max = 1\n",
     "[field.a] max: not a date bound (given '1', expected a date such "
     "as 2019-04-01, today or a date field, optionally followed by + or "
     "- a number of years or months"},
    {HEADER DATE_A "min = 2019-02-30\n",
     "[field.a] min: not a date bound (given '2019-02-30'"},
    {HEADER DATE_A "min = today - 120\n",
     "[field.a] min: not a date bound (given 'today - 120'"},
    {HEADER DATE_A "min = today - 120 weeks\n",
     "[field.a] min: not a date bound (given 'today - 120 weeks'"},
    {HEADER DATE_A "min = today * 2 years\n",
     "[field.a] min: not a date bound"},
    {HEADER DATE_A "min = today - 99999 years\n",
     "[field.a] min: not a date bound"},
    {HEADER DATE_A "min = today - 1 year extra\n",
     "[field.a] min: not a date bound"},
    {HEADER DATE_A "min = Received_On\n",
     "[field.a] min: not a date bound"},
    {HEADER DATE_A "min = 2020-01-01\nmax = 2019-12-31\n",
     "[field.a] min: later than max (given 2020-01-01, expected "
     "2019-12-31 or earlier)"},
    {HEADER DATE_A "max = a\n",
     "[field.a] max: field 'a' cannot be bounded by its own answer"},
    {HEADER DATE_A "max = b\n[field.b]\ntype = text\nlabel_ja = y\n",
     "[field.a] max: 'b' is not a date field of this form (expected "
     "today, received_on, a date or a date field)"},
    {HEADER DATE_A "max = nosuch + 1 month\n",
     "[field.a] max: 'nosuch' is not a date field"},
    {HEADER "[field.a]\ntype = integer\nlabel_ja = x\nmultiline = yes\n",
     "[field.a] multiline: only for text fields (this field is "
     "integer)"},
    {HEADER "[field.a]\ntype = text\nlabel_ja = x\nmultiline = 2\n",
     "[field.a] multiline: not a yes/no value"},
    /* [outcome.<code>] */
    {HEADER FIELD_A "[outcome.x-y]\nmin = today\n",
     "[outcome.x-y]: not an outcome code (given 'x-y', expected "
     "lowercase letters, digits or _)"},
    {HEADER FIELD_A "[outcome.employed]\nafter = today\n",
     "[outcome.employed] after: unknown key (given 'after', expected "
     "one of min, max)"},
    {HEADER FIELD_A "[outcome.employed]\nmin = yesterday - 1\n",
     "[outcome.employed] min: not a date bound"},
    {HEADER FIELD_A "[outcome.employed]\nmin = a\n",
     "[outcome.employed] min: 'a' is not a date field of this form"},
    {HEADER "[field.a]\ntype = text\nlabel_ja = x\nmax_chars = 0\n",
     "[field.a] max_chars: not a character limit (given '0', expected "
     "1 or more)"},
    {HEADER "[field.a]\ntype = kana\nlabel_ja = x\nmax_chars = -3\n",
     "[field.a] max_chars: not a character limit (given '-3'"},
    {HEADER FIELD_A "unit = 2人\n",
     "[field.a] unit: not a unit (given '2人', expected a word without "
     "digits or signs, such as 時間 or 時間 | hours)"},
    {HEADER FIELD_A "unit = 時間 | hours | h\n",
     "[field.a] unit: not a unit (given '時間 | hours | h'"},
    {HEADER FIELD_A "unit = 時間 |\n", "[field.a] unit: not a unit"},
    {HEADER FIELD_A "unit = -\n", "[field.a] unit: not a unit"},
    {HEADER "[field.a]\ntype = yen\nlabel_ja = x\nunit = 円\n",
     "[field.a] unit: only for integer fields (this field is yen)"},
    {HEADER FIELD_A "max_chars = 10\n",
     "[field.a] max_chars: only for text, kana, email fields (this "
     "field is integer)"},
    /* choices */
    {HEADER "[field.a]\ntype = text\nlabel_ja = x\nchoices = a, b\n",
     "[field.a] choices: only for choice, multi fields (this field is "
     "text)"},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\n",
     "[field.a] choices: missing (a choice field needs choices = "},
    {HEADER "[field.a]\ntype = multi\nlabel_ja = x\n",
     "[field.a] choices: missing (a multi field needs choices = "},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\nchoices = a b\n",
     "[field.a] choices: not a choice code (given 'a b', expected "
     "letters, digits or _)"},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\nchoices = a,,b\n",
     "[field.a] choices: not a choice code (given ''"},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\nchoices = a, b, "
	    "A\n",
     "[field.a] choices: code 'A' is listed twice"},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\nchoices = a, b\n"
	    "choice.c = シー | c\n",
     "[field.a] choice.c: not one of the choices (given 'c', expected "
     "one of a, b)"},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\nchoices = a, b\n"
	    "choice.a = あ | a | alpha\n",
     "[field.a] choice.a: not a label pair (given 'あ | a | alpha', "
     "expected 日本語 | English)"},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\nchoices = a, b\n"
	    "choice.a = | a\n",
     "[field.a] choice.a: not a label pair (given '| a'"},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\nchoices = a, b\n"
	    "choice.a = あ |\n",
     "[field.a] choice.a: not a label pair"},
    {HEADER "[field.a]\ntype = text\nlabel_ja = x\nchoice.a = あ\n",
     "[field.a] choice.a: only for choice, multi fields (this field is "
     "text)"},
    {HEADER "[field.a]\ntype = multi\nlabel_ja = x\nchoices = a, b\n"
	    "exclusive = all\n",
     "[field.a] exclusive: not one of the choices (given 'all', "
     "expected one of a, b)"},
    {HEADER "[field.a]\ntype = choice\nlabel_ja = x\nchoices = a, b\n"
	    "exclusive = a\n",
     "[field.a] exclusive: only for multi fields (this field is "
     "choice)"},
    /* when */
    {HEADER FIELD_A "[field.b]\ntype = text\nlabel_ja = y\n"
		    "when = zz = 1\n",
     "[field.b] when: unknown field 'zz'"},
    {HEADER FIELD_A "when = b = x\n[field.b]\ntype = text\n"
		    "label_ja = y\n",
     "[field.a] when: field 'b' comes later in the form (only earlier "
     "fields can be tested)"},
    {HEADER FIELD_A "when = a = 1\n",
     "[field.a] when: field 'a' cannot depend on its own answer"},
    {HEADER FIELD_A "[field.b]\ntype = text\nlabel_ja = y\n"
		    "when = a = 1 and\n",
     "[field.b] when: expected a field name after 'and', got the end"},
    {HEADER FIELD_A "[field.b]\ntype = text\nlabel_ja = y\n"
		    "when = a = 1 and )\n",
     "[field.b] when: expected a field name after 'and', got ')'"},
    {HEADER FIELD_A "[field.b]\ntype = text\nlabel_ja = y\n"
		    "when = a = many\n",
     "[field.b] when: field 'a' does not accept 'many' (expected "},
    {HEADER FIELD_A "[field.b]\ntype = text\nlabel_ja = y\n"
		    "when =\n",
     "[field.b] when: expected a field name at the start, got the "
     "end"},
    {HEADER "[field.a]\ntype = text\nlabel_ja = x\n[field.b]\n"
	    "type = text\nlabel_ja = y\nwhen = a > x\n",
     "[field.b] when: '>' cannot compare field 'a' of type text"},
};

static void test_refusals(void **state)
{
	for (size_t i = 0; i < ARRAY_SIZE(refusals); i++) {
		struct form form;
		char *errors, *expect;
		int status = load_text(&form, refusals[i].text, &errors);

		if (status != -1)
			fail_msg("accepted:\n%s", refusals[i].text);
		expect = strncmp(refusals[i].message, "form.ini: ", 10)
			     ? xstrfmt("form.ini: %s", refusals[i].message)
			     : xstrdup(refusals[i].message);
		assert_contains(errors, expect);
		assert_contains(errors, "intake: ");
		/* a refused form holds nothing */
		assert_null(form.fields);
		assert_null(form.id);
		assert_null(form.path);
		assert_int_equal(form.n_fields, 0);
		free(expect);
		free(errors);
	}
}

/* Every problem of a field is reported at once. */
static void test_every_problem_of_a_field(void **state)
{
	struct form form;
	char *errors;

	assert_int_equal(load_text(&form,
				   HEADER "[field.a]\ntype = number\n"
					  "colour = red\nrequired = maybe\n",
				   &errors),
			 -1);
	assert_contains(errors, "[field.a] type: unknown type");
	assert_contains(errors, "[field.a] colour: unknown key");
	assert_contains(errors, "[field.a] label_ja: missing");
	assert_contains(errors, "[field.a] required: not a yes/no value");
	free(errors);
}

static void test_missing_file(void **state)
{
	struct form form;
	char *errors;
	int status;

	capture_stderr();
	status = form_load(&form, "/nonexistent/form.ini");
	errors = captured();
	assert_int_equal(status, -1);
	assert_contains(errors, "intake: /nonexistent/form.ini: cannot open");
	assert_null(form.fields);
	free(errors);
}

static void test_japanese_messages(void **state)
{
	struct form form;
	char *errors;

	msg_set_language(LANG_JA);
	assert_int_equal(load_text(&form,
				   HEADER "[field.a]\ntype = number\n"
					  "label_ja = x\n",
				   &errors),
			 -1);
	assert_contains(errors, "form.ini: [field.a] type: 不明な型です"
				"（'number' が指定されました。");
	msg_set_language(LANG_EN);
	free(errors);
}

/* A minimal form: defaults everywhere. */
static void test_minimal(void **state)
{
	struct form form;
	char *errors;
	const struct field *a;

	assert_int_equal(load_text(&form, HEADER FIELD_A, &errors), 0);
	assert_string_equal(errors, "");
	assert_int_equal(form.n_fields, 1);
	assert_int_equal(form.n_rules, 0);
	a = &form.fields[0];
	assert_true(a->required);
	assert_false(a->pii || a->sensitive || a->derived);
	assert_false(a->has_min || a->has_max);
	assert_int_equal(a->max_chars, 0);
	assert_null(a->choices);
	assert_null(a->exclusive);
	assert_string_equal(a->label_en, "甲");
	form_release(&form);
	free(errors);
}

/* ---- Date bounds -------------------------------------------------- */

static long test_dates[2]; /* received_on, b */

static long lookup_date(const char *field, void *context)
{
	return !strcmp(field, "received_on") ? test_dates[0]
	       : !strcmp(field, "b")	      ? test_dates[1]
					      : 0;
}

/* The bound text resolved on today 2026-11-29. */
static long resolved(const struct date_bound *bound)
{
	long date = -1;

	if (date_bound_resolve(bound, 20261129, lookup_date, NULL, &date))
		return -1;
	return date;
}

static void test_date_bound_syntax(void **state)
{
	static const struct {
		const char *text;
		long date; /* on 2026-11-29, received 2026-06-15, b unset */
	} bounds[] = {
	    {"2019-04-01", 20190401},
	    {"today", 20261129},
	    {"today - 120 years", 19061129},
	    {"today-1 year", 20251129},
	    {"  today +  6 months ", 20270529},
	    {"received_on", 20260615},
	    {"received_on - 2 years", 20240615},
	    {"received_on + 1 month", 20260715},
	    {"2020-01-31 + 1 month", 20200229},
	    {"today + 9000 years", 99991231}, /* kept within 9999 */
	    {"1900-01-01 - 100 years", 18730101}, /* and from 1873 */
	    {"b", -1},			     /* unanswered */
	};

	test_dates[0] = 20260615;
	test_dates[1] = 0;
	for (size_t i = 0; i < ARRAY_SIZE(bounds); i++) {
		struct date_bound bound;
		char *why = NULL;

		if (date_bound_parse(bounds[i].text, &bound, &why))
			fail_msg("'%s' refused: %s", bounds[i].text, why);
		if (resolved(&bound) != bounds[i].date)
			fail_msg("'%s' gave %ld, expected %ld", bounds[i].text,
				 resolved(&bound), bounds[i].date);
		date_bound_release(&bound);
	}
}

#define DATES_FORM                                                             \
	"[form]\nid = test\nversion = 1\nfirst_fiscal_year = 2019\n"          \
	"[field.birth]\ntype = date\nlabel_ja = 生年月日\n"                    \
	"min = today - 120 years\nmax = today\n"                               \
	"[field.a]\ntype = date\nlabel_ja = 甲\nmax = b\n"                     \
	"[field.b]\ntype = date\nlabel_ja = 乙\nmin = received_on - 3 months\n" \
	"[field.plain]\ntype = date\nlabel_ja = 丙\n"                         \
	"[field.note]\ntype = text\nlabel_ja = 備考\nmultiline = yes\n"       \
	"[outcome.employed]\nmin = received_on - 2 years\n"                    \
	"[outcome.paid]\nmax = 2030-03-31\n"

static void test_date_bounds_of_a_form(void **state)
{
	struct form form;
	char *errors;
	const struct date_range *dates;

	assert_int_equal(load_text(&form, DATES_FORM, &errors), 0);
	assert_string_equal(errors, "");
	assert_int_equal(form.first_fiscal_year, 2019);
	test_dates[0] = 20260615;
	test_dates[1] = 20260101;
	dates = &form_field(&form, "birth")->dates;
	assert_string_equal(dates->min.text, "today - 120 years");
	assert_int_equal(resolved(&dates->min), 19061129);
	assert_int_equal(resolved(&dates->max), 20261129);
	dates = &form_field(&form, "a")->dates;
	assert_string_equal(dates->min.text, "1873-01-01"); /* default */
	assert_int_equal(resolved(&dates->max), 20260101);
	dates = &form_field(&form, "b")->dates;
	assert_int_equal(resolved(&dates->min), 20260315);
	assert_string_equal(dates->max.text, "today + 100 years");
	assert_int_equal(resolved(&dates->max), 21261129);
	assert_true(form_field(&form, "note")->multiline);
	assert_false(form_field(&form, "plain")->multiline);
	/* received_on: the first fiscal year to today */
	assert_string_equal(form.received_on.min.text, "2019-04-01");
	assert_string_equal(form.received_on.max.text, "today");
	/* outcomes: their section, else received_on to today */
	dates = form_outcome_dates(&form, "employed");
	assert_int_equal(resolved(&dates->min), 20240615);
	assert_string_equal(dates->max.text, "today");
	dates = form_outcome_dates(&form, "paid");
	assert_string_equal(dates->min.text, "received_on");
	assert_int_equal(resolved(&dates->max), 20300331);
	dates = form_outcome_dates(&form, "consulted");
	assert_ptr_equal(dates, &form.outcome_dates);
	assert_string_equal(dates->min.text, "received_on");
	assert_string_equal(dates->max.text, "today");
	form_release(&form);
	free(errors);
}

/* Without first_fiscal_year, received_on starts with the calendar. */
static void test_date_bound_defaults(void **state)
{
	struct form form;
	char *errors;

	assert_int_equal(load_text(&form, HEADER DATE_A, &errors), 0);
	assert_int_equal(form.first_fiscal_year, 0);
	assert_string_equal(form.received_on.min.text, "1873-01-01");
	assert_string_equal(form.fields[0].dates.min.text, "1873-01-01");
	assert_string_equal(form.fields[0].dates.max.text,
			    "today + 100 years");
	assert_int_equal(form.n_outcomes, 0);
	form_release(&form);
	free(errors);
}

/* unit = 時間 | hours, or one word for both languages. */
static void test_units(void **state)
{
	struct form form;
	char *errors;

	assert_int_equal(load_text(&form,
				   HEADER FIELD_A "unit = 時間 | hours\n"
				   "[field.b]\ntype = integer\nlabel_ja = 乙\n"
				   "unit = 級\n"
				   "[field.c]\ntype = integer\nlabel_ja = 丙\n",
				   &errors),
			 0);
	assert_string_equal(errors, "");
	assert_string_equal(form.fields[0].unit_ja, "時間");
	assert_string_equal(form.fields[0].unit_en, "hours");
	assert_string_equal(form.fields[1].unit_ja, "級");
	assert_string_equal(form.fields[1].unit_en, "級");
	assert_null(form.fields[2].unit_ja);
	assert_null(form.fields[2].unit_en);
	form_release(&form);
	free(errors);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	    TEST(test_full_header_and_rules),
	    TEST(test_full_fields_in_order),
	    TEST(test_full_labels_and_flags),
	    TEST(test_full_choices),
	    TEST(test_full_when),
	    TEST(test_type_names),
	    TEST(test_refusals),
	    TEST(test_every_problem_of_a_field),
	    TEST(test_missing_file),
	    TEST(test_japanese_messages),
	    TEST(test_minimal),
	    TEST(test_date_bound_syntax),
	    TEST(test_date_bounds_of_a_form),
	    TEST(test_date_bound_defaults),
	    TEST(test_units),
#undef TEST
	};

	/* Run from the top of the source tree, as make does. */
	if (!realpath("tests/fixtures/forms", fixtures)) {
		perror("tests/fixtures/forms");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
