/* Unit tests of core/model/condition.c: parsing and evaluating `when`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condition.h"
#include "form.h"
#include "messages.h"
#include "util.h"

/* ---- A form built by hand, and answers to it ------------------------ */

enum {
	F_HOUSEHOLD,   /* choice: single, household */
	F_CHILDREN,    /* integer */
	F_GRANT,       /* bool */
	F_MOVED_FROM,  /* prefecture */
	F_MOVED_IN_ON, /* date */
	F_HANDBOOKS,   /* multi: physical, ryoiku, mental, none */
	F_NAME,	       /* text */
	F_AMOUNT,      /* yen */
	F_NAME_KANA,   /* kana */
	F_SELF,	       /* the field whose `when` is parsed */
	F_LATER,       /* after it */
	N_FIELDS
};

static struct choice household_choices[] = {
    {"single", "単身", "single"},
    {"household", "世帯", "household"},
};

static struct choice handbook_choices[] = {
    {"physical", "身体障害者手帳", "physical"},
    {"ryoiku", "療育手帳", "ryoiku"},
    {"mental", "精神障害者保健福祉手帳", "mental"},
    {"none", "なし", "none"},
};

static struct field fields[N_FIELDS];
static struct form form = {
    .path = "test.ini", .id = "test", .version = 1, .fields = fields,
    .n_fields = N_FIELDS};

/* Answers by field index; NULL when unanswered. */
static const char *answers[N_FIELDS];

static void field_init(int index, const char *id, enum field_type type)
{
	struct field *field = &fields[index];

	memset(field, 0, sizeof(*field));
	field->id = (char *)id;
	field->type = type;
	field->index = (size_t)index;
	field->label_ja = (char *)id;
	field->label_en = (char *)id;
	field->required = 1;
}

static int setup(void **state)
{
	field_init(F_HOUSEHOLD, "household", FIELD_CHOICE);
	fields[F_HOUSEHOLD].choices = household_choices;
	fields[F_HOUSEHOLD].n_choices = ARRAY_SIZE(household_choices);
	field_init(F_CHILDREN, "children", FIELD_INTEGER);
	field_init(F_GRANT, "grant_requested", FIELD_BOOL);
	field_init(F_MOVED_FROM, "moved_from", FIELD_PREFECTURE);
	field_init(F_MOVED_IN_ON, "moved_in_on", FIELD_DATE);
	field_init(F_HANDBOOKS, "handbooks", FIELD_MULTI);
	fields[F_HANDBOOKS].choices = handbook_choices;
	fields[F_HANDBOOKS].n_choices = ARRAY_SIZE(handbook_choices);
	fields[F_HANDBOOKS].exclusive = (char *)"none";
	field_init(F_NAME, "name", FIELD_TEXT);
	field_init(F_AMOUNT, "amount", FIELD_YEN);
	field_init(F_NAME_KANA, "name_kana", FIELD_KANA);
	field_init(F_SELF, "self_field", FIELD_INTEGER);
	field_init(F_LATER, "later", FIELD_INTEGER);
	memset(answers, 0, sizeof(answers));
	msg_set_language(LANG_EN);
	return 0;
}

static const char *lookup(const struct field *field, void *context)
{
	const char **by_index = context;

	assert_true(field->index < N_FIELDS);
	assert_ptr_equal(field, &fields[field->index]);
	return by_index[field->index];
}

/* Parse as the `when` of F_SELF, failing the test on an error. */
static struct condition *parse(const char *text)
{
	char *why = NULL;
	struct condition *condition =
	    condition_parse(text, &form, F_SELF, &why);

	if (!condition)
		fail_msg("'%s' refused: %s", text, why);
	return condition;
}

/* Whether text holds for the current answers. */
static int holds(const char *text)
{
	struct condition *condition = parse(text);
	int result = condition_eval(condition, lookup, answers);

	condition_free(condition);
	return result;
}

/* Parse must fail with a message containing expect. */
static void refused(const char *text, const char *expect)
{
	char *why = NULL;
	struct condition *condition =
	    condition_parse(text, &form, F_SELF, &why);

	if (condition)
		fail_msg("'%s' accepted, expected '%s'", text, expect);
	assert_non_null(why);
	if (!strstr(why, expect))
		fail_msg("'%s': expected '%s' in '%s'", text, expect, why);
	free(why);
}

/* ---- Operators ----------------------------------------------------- */

static void test_integer_operators(void **state)
{
	answers[F_CHILDREN] = "2";
	assert_true(holds("children = 2"));
	assert_false(holds("children = 3"));
	assert_true(holds("children != 3"));
	assert_false(holds("children != 2"));
	assert_true(holds("children < 3"));
	assert_false(holds("children < 2"));
	assert_true(holds("children > 1"));
	assert_false(holds("children > 2"));
	assert_true(holds("children <= 2"));
	assert_false(holds("children <= 1"));
	assert_true(holds("children >= 2"));
	assert_false(holds("children >= 3"));
	/* numbers compare as numbers, not text */
	answers[F_CHILDREN] = "10";
	assert_true(holds("children > 9"));
	assert_true(holds("children in (1, 10, 12)"));
	assert_false(holds("children in (1, 2)"));
	/* literals are normalised with the field's type */
	assert_true(holds("children = １０"));
	assert_true(holds("children=10"));
}

static void test_yen_and_negative(void **state)
{
	answers[F_AMOUNT] = "1000000";
	assert_true(holds("amount >= \"1,000,000\""));
	assert_false(holds("amount > 1000000"));
	assert_true(holds("amount > 0"));
}

static void test_date_operators(void **state)
{
	answers[F_MOVED_IN_ON] = "2020-04-01";
	assert_true(holds("moved_in_on = 2020-04-01"));
	assert_true(holds("moved_in_on = 令和2年4月1日"));
	assert_true(holds("moved_in_on = \"2020/4/1\""));
	assert_true(holds("moved_in_on >= 2020-04-01"));
	assert_true(holds("moved_in_on > 2020-03-31"));
	assert_false(holds("moved_in_on < 2020-04-01"));
	assert_true(holds("moved_in_on <= 2020-12-31"));
	assert_true(holds("moved_in_on != 2019-04-01"));
}

static void test_bool(void **state)
{
	answers[F_GRANT] = "1";
	assert_true(holds("grant_requested = yes"));
	assert_true(holds("grant_requested = はい"));
	assert_false(holds("grant_requested = no"));
	assert_true(holds("grant_requested > no"));
	answers[F_GRANT] = "0";
	assert_false(holds("grant_requested = yes"));
	assert_true(holds("grant_requested != yes"));
}

static void test_choice(void **state)
{
	answers[F_HOUSEHOLD] = "household";
	assert_true(holds("household = household"));
	assert_true(holds("household = 世帯"));
	assert_false(holds("household = single"));
	assert_true(holds("household != single"));
	assert_true(holds("household in (single, household)"));
	assert_false(holds("household in (single)"));
}

static void test_prefecture_and_text(void **state)
{
	answers[F_MOVED_FROM] = "13";
	answers[F_NAME] = "山田 太郎";
	assert_true(holds("moved_from = 13"));
	assert_true(holds("moved_from = 東京都"));
	assert_false(holds("moved_from != 13"));
	assert_true(holds("moved_from in (11, 12, 13, 14)"));
	assert_true(holds("name = \"山田 太郎\""));
	assert_false(holds("name = 山田"));
	assert_true(holds("name != \"say \\\"hi\\\"\""));
}

/* On a multi field, = and in mean "contains"; != "does not contain". */
static void test_multi_contains(void **state)
{
	answers[F_HANDBOOKS] = "physical,mental";
	assert_true(holds("handbooks = physical"));
	assert_true(holds("handbooks = mental"));
	assert_false(holds("handbooks = 療育手帳"));
	assert_false(holds("handbooks = ryoiku"));
	assert_true(holds("handbooks != ryoiku"));
	assert_false(holds("handbooks != mental"));
	assert_true(holds("handbooks in (ryoiku, mental)"));
	assert_false(holds("handbooks in (ryoiku, none)"));
	answers[F_HANDBOOKS] = "none";
	assert_true(holds("handbooks = none"));
	assert_false(holds("handbooks = physical"));
	/* a code is never matched by a prefix of another */
	answers[F_HANDBOOKS] = "physical";
	assert_false(holds("handbooks = ryoiku"));
}

/* A comparison with an unanswered field is false, so `not` is true. */
static void test_unanswered(void **state)
{
	assert_false(holds("children = 1"));
	assert_false(holds("children != 1"));
	assert_false(holds("children < 1"));
	assert_false(holds("children in (1, 2)"));
	assert_false(holds("handbooks = none"));
	assert_false(holds("handbooks != none"));
	assert_true(holds("not children = 1"));
	assert_true(holds("not children != 1"));
	answers[F_CHILDREN] = ""; /* empty counts as unanswered */
	assert_false(holds("children = 1"));
	assert_false(holds("children != 1"));
	assert_true(holds("not children != 1"));
	assert_true(condition_eval(NULL, lookup, answers));
}

/* ---- Structure ----------------------------------------------------- */

static void set_bools(int a, int b, int c)
{
	answers[F_CHILDREN] = a ? "1" : "0";
	answers[F_GRANT] = b ? "1" : "0";
	answers[F_HOUSEHOLD] = c ? "single" : "household";
}

#define A "children = 1"
#define B "grant_requested = yes"
#define C "household = single"

/* and binds tighter than or; not tighter than and; () override. */
static void test_precedence(void **state)
{
	for (int bits = 0; bits < 8; bits++) {
		int a = bits & 1, b = !!(bits & 2), c = !!(bits & 4);

		set_bools(a, b, c);
		assert_int_equal(holds(A " or " B " and " C), a || (b && c));
		assert_int_equal(holds(B " and " C " or " A), (b && c) || a);
		assert_int_equal(holds("(" A " or " B ") and " C),
				 (a || b) && c);
		assert_int_equal(holds("not " A " and " B), !a && b);
		assert_int_equal(holds("not (" A " and " B ")"), !(a && b));
		assert_int_equal(holds("not " A " or " B), !a || b);
		assert_int_equal(holds("not not " A), a);
		assert_int_equal(holds(A " and " B " and " C), a && b && c);
		assert_int_equal(holds(A " or " B " or " C), a || b || c);
		assert_int_equal(holds("((" A ") or (" B " and not " C "))"),
				 a || (b && !c));
	}
}

static void test_keywords_any_case(void **state)
{
	set_bools(1, 0, 1);
	assert_true(holds(A " AND " C));
	assert_true(holds(B " Or " C));
	assert_true(holds("NOT " B));
	assert_true(holds("household IN (single)"));
}

static void test_spaces(void **state)
{
	set_bools(1, 1, 0);
	/* U+3000, as a Japanese input method types it */
	assert_true(holds("children　=　1　and　grant_requested　=　yes"));
	assert_true(holds("  (children=1)and(grant_requested=yes)  "));
	assert_true(holds("household in(household,single)"));
}

/* ---- Refusals ------------------------------------------------------ */

static void test_syntax_errors(void **state)
{
	refused("", "expected a field name at the start, got the end");
	refused("   ", "expected a field name at the start, got the end");
	refused("children = 1 and )",
		"expected a field name after 'and', got ')'");
	refused("and children = 1",
		"expected a field name at the start, got 'and'");
	refused("not", "expected a field name after 'not', got the end");
	refused("children = 1 or", "expected a field name after 'or', got "
				   "the end");
	refused("children 1", "expected =, !=, <, >, <=, >= or in after "
			      "'children', got '1'");
	refused("children", "expected =, !=, <, >, <=, >= or in after "
			    "'children', got the end");
	refused("children =", "expected a value after '=', got the end");
	refused("children = (1)", "expected a value after '=', got '('");
	refused("household in single", "expected '(' after 'in', got 'single'");
	refused("household in (single household)",
		"expected ',' or ')' after 'single', got 'household'");
	refused("household in (single,", "expected a value after ',', got "
					 "the end");
	refused("household in ()", "expected a value after '(', got ')'");
	refused("(children = 1", "expected ')' after '1', got the end");
	refused("(children = 1 and)", "expected a field name after 'and', "
				      "got ')'");
	refused("children = 1 grant_requested = yes",
		"expected 'and', 'or' or the end after '1', got "
		"'grant_requested'");
	refused("children = 1)", "expected 'and', 'or' or the end after "
				 "'1', got ')'");
	refused("name = \"abc", "a quoted string is not closed (from "
				"'\"abc')");
	refused("children ! 1", "unexpected character '!'");
	/* a comma ends a bare word: write "1,000,000" in quotes */
	refused("amount >= 1,000,000", "expected 'and', 'or' or the end "
				       "after '1', got ','");
	refused("children == 1", "expected a value after '=', got '='");
}

static void test_field_errors(void **state)
{
	refused("nosuch = 1", "unknown field 'nosuch'");
	refused("Children = 1", "unknown field 'Children'");
	refused("self_field = 1", "field 'self_field' cannot depend on its "
				  "own answer");
	refused("later = 1", "field 'later' comes later in the form");
	refused("children = 1 or later = 2", "field 'later' comes later");
}

/* Literals go through the field's type and can be refused. */
static void test_value_errors(void **state)
{
	refused("children = abc", "field 'children' does not accept 'abc' "
				  "(expected ");
	refused("grant_requested = maybe",
		"field 'grant_requested' does not accept 'maybe'");
	refused("moved_in_on < 2020-13-45",
		"field 'moved_in_on' does not accept '2020-13-45'");
	refused("household = couple",
		"field 'household' does not accept 'couple'");
	refused("household in (single, couple)",
		"field 'household' does not accept 'couple'");
	refused("moved_from = 48", "field 'moved_from' does not accept '48'");
	refused("name = \"\"", "field 'name' does not accept ''");
	refused("handbooks = \"physical,mental\"",
		"field 'handbooks' is multi: compare one code at a time "
		"(given 'physical,mental')");
	refused("handbooks = physical、mental", "compare one code at a time");
}

/* < and > only for integer, yen, bool and date. */
static void test_unordered_types(void **state)
{
	refused("name < x", "'<' cannot compare field 'name' of type text "
			    "(use = or !=)");
	refused("name_kana > ア", "'>' cannot compare field 'name_kana' of "
				  "type kana");
	refused("household <= single", "'<=' cannot compare field "
				       "'household' of type choice");
	refused("handbooks >= none", "'>=' cannot compare field 'handbooks' "
				     "of type multi");
	refused("moved_from < 13", "'<' cannot compare field 'moved_from' "
				   "of type prefecture");
}

static void test_nesting_limit(void **state)
{
	struct strbuf deep = STRBUF_INIT;
	struct condition *condition;

	for (int i = 0; i < 40; i++)
		strbuf_addch(&deep, '(');
	strbuf_addstr(&deep, "children = 1");
	for (int i = 0; i < 40; i++)
		strbuf_addch(&deep, ')');
	refused(strbuf_str(&deep), "nested too deeply (at most 32 levels)");
	strbuf_reset(&deep);
	for (int i = 0; i < 40; i++)
		strbuf_addstr(&deep, "not ");
	strbuf_addstr(&deep, "children = 1");
	refused(strbuf_str(&deep), "nested too deeply");
	/* a long flat chain is fine */
	strbuf_reset(&deep);
	strbuf_addstr(&deep, "children = 0");
	for (int i = 1; i < 200; i++)
		strbuf_addf(&deep, " or children = %d", i);
	answers[F_CHILDREN] = "199";
	condition = parse(strbuf_str(&deep));
	assert_true(condition_eval(condition, lookup, answers));
	condition_free(condition);
	strbuf_release(&deep);
}

static void test_japanese_messages(void **state)
{
	msg_set_language(LANG_JA);
	refused("children = 1 and )",
		"'and' の後には項目名が必要です（')' がありました）");
	refused("nosuch = 1", "不明な項目です（'nosuch'）");
	refused("", "先頭には項目名が必要です（条件の終わり がありました）");
	msg_set_language(LANG_EN);
}

/* Only fields before upto may be named. */
static void test_upto(void **state)
{
	char *why = NULL;
	struct condition *condition =
	    condition_parse("household = single", &form, 0, &why);

	assert_null(condition);
	assert_non_null(strstr(why, "cannot depend on its own answer"));
	free(why);
	why = NULL;
	condition = condition_parse("household = single", &form, 1, &why);
	assert_non_null(condition);
	assert_null(why);
	condition_free(condition);
	condition_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define TEST(name) cmocka_unit_test_setup(name, setup)
	    TEST(test_integer_operators),
	    TEST(test_yen_and_negative),
	    TEST(test_date_operators),
	    TEST(test_bool),
	    TEST(test_choice),
	    TEST(test_prefecture_and_text),
	    TEST(test_multi_contains),
	    TEST(test_unanswered),
	    TEST(test_precedence),
	    TEST(test_keywords_any_case),
	    TEST(test_spaces),
	    TEST(test_syntax_errors),
	    TEST(test_field_errors),
	    TEST(test_value_errors),
	    TEST(test_unordered_types),
	    TEST(test_nesting_limit),
	    TEST(test_japanese_messages),
	    TEST(test_upto),
#undef TEST
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
