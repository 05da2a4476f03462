/* Fuzz `when`: parse and evaluate conditions; not, and, or and = behave. */
#include <stdlib.h>
#include <string.h>

#include "condition.h"
#include "form.h"
#include "support.h"
#include "util.h"
#include "value.h"

/*
 * Input: a condition on the form below (every field type, the last
 * field being the one asked).  It is evaluated on three sets of answers;
 * when it parses, so must "not (E)", "(E) and (E)" and "(E) or (E)", with
 * the results logic says.  The input is also taken as an answer to each
 * field: `field = "stored"` and `field in ("stored")` then hold, and
 * `field != "stored"` does not.
 */
static const char form_text[] =
	"[form]\nid = fuzz\nversion = 1\n"
	"[field.name]\ntype = text\nlabel_ja = 氏名\n"
	"[field.name_kana]\ntype = kana\nlabel_ja = フリガナ\n"
	"[field.age]\ntype = integer\nlabel_ja = 年齢\nmin = 0\nmax = 150\n"
	"[field.amount]\ntype = yen\nlabel_ja = 金額\n"
	"[field.birth_date]\ntype = date\nlabel_ja = 生年月日\n"
	"[field.household]\ntype = choice\nlabel_ja = 世帯\n"
	"choices = single, household\n"
	"choice.single = 単身 | single\nchoice.household = 世帯 | household\n"
	"[field.support]\ntype = multi\nlabel_ja = 支援\n"
	"choices = housing, job, none\nexclusive = none\n"
	"choice.housing = 住宅 | housing\nchoice.job = 就職 | job\n"
	"choice.none = なし | none\n"
	"[field.grant]\ntype = bool\nlabel_ja = 申請\n"
	"[field.postal_code]\ntype = postal\nlabel_ja = 郵便番号\n"
	"[field.phone]\ntype = phone\nlabel_ja = 電話\n"
	"[field.email]\ntype = email\nlabel_ja = メール\n"
	"[field.corporate]\ntype = corporate_number\nlabel_ja = 法人番号\n"
	"[field.city]\ntype = municipality\nlabel_ja = 市町村\n"
	"[field.moved_from]\ntype = prefecture\nlabel_ja = 転出元\n"
	"[field.asked]\ntype = text\nlabel_ja = 質問\n";

static struct form form;
static size_t upto;

#define N_SETS 3
/* Answers by field index; NULL: unanswered. */
static const char *answers[N_SETS][32];

static const char *const sample[][2] = {
	{ "name", "山田 太郎" }, { "name_kana", "ヤマダ　タロウ" },
	{ "age", "42" }, { "amount", "1000000" },
	{ "birth_date", "1990-04-01" }, { "household", "single" },
	{ "support", "housing,job" }, { "grant", "1" },
	{ "postal_code", "0308570" }, { "phone", "0177221111" },
	{ "email", "taro@example.jp" }, { "corporate", "7000012050002" },
	{ "city", "022012" }, { "moved_from", "13" },
};

static const char *lookup(const struct field *field, void *context)
{
	const char *const *set = context;

	return set[field->index];
}

static void setup(void)
{
	const char *path =
		fuzz_file((const uint8_t *)form_text, sizeof(form_text) - 1);

	if (form_load(&form, path))
		fuzz_fail("the fuzz form does not load");
	upto = form.n_fields - 1;
	if (form.n_fields > 32)
		fuzz_fail("too many fields");
	for (size_t i = 0; i < ARRAY_SIZE(sample); i++) {
		const struct field *field = form_field(&form, sample[i][0]);

		if (!field)
			fuzz_fail("no field %s", sample[i][0]);
		/* set 0: all unanswered; 1: all answered; 2: every other */
		answers[1][field->index] = sample[i][1];
		if (i % 2)
			answers[2][field->index] = sample[i][1];
	}
}

/* Parse text (which must parse when must is set); -1 when it does not. */
static int eval_text(const char *text, const char *const *set, int must)
{
	char *why = NULL;
	struct condition *condition = condition_parse(text, &form, upto, &why);
	int result;

	if (!condition) {
		if (!why)
			fuzz_fail("refused without a reason: '%s'",
				  fuzz_shown(text));
		if (must)
			fuzz_fail("'%s' refused: %s", fuzz_shown(text), why);
		free(why);
		return -1;
	}
	result = condition_eval(condition, lookup, (void *)set);
	condition_free(condition);
	if (result != 0 && result != 1)
		fuzz_fail("condition_eval gave %d", result);
	return result;
}

/* not, and, or around a condition that parses. */
static void check_logic(const char *text)
{
	char *negated = xstrfmt("not (%s\n)", text);
	char *both = xstrfmt("(%s\n) and (%s\n)", text, text);
	char *either = xstrfmt("(%s\n) or (%s\n)", text, text);

	for (int s = 0; s < N_SETS; s++) {
		int plain = eval_text(text, answers[s], 1);
		int not = eval_text(negated, answers[s], 0);
		int and = eval_text(both, answers[s], 0);
		int or = eval_text(either, answers[s], 0);

		if (not >= 0 && not != !plain)
			fuzz_fail("not (E) is %d, E is %d: '%s'", not, plain,
				  fuzz_shown(text));
		if (and >= 0 && and != plain)
			fuzz_fail("(E) and (E) is %d, E is %d: '%s'", and,
				  plain, fuzz_shown(text));
		if (or >= 0 && or != plain)
			fuzz_fail("(E) or (E) is %d, E is %d: '%s'", or, plain,
				  fuzz_shown(text));
	}
	free(negated);
	free(both);
	free(either);
}

/* "text" with \ and " escaped, as a `when` string. */
static char *quoted(const char *text)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addch(&sb, '"');
	for (; *text; text++) {
		if (*text == '"' || *text == '\\')
			strbuf_addch(&sb, '\\');
		strbuf_addch(&sb, *text);
	}
	strbuf_addch(&sb, '"');
	return strbuf_detach(&sb);
}

/* An answer compares equal to itself written as a `when` value. */
static void check_equal(const struct field *field, const char *input)
{
	const char *set[32] = { 0 };
	char *stored, *expected, *literal, *text;

	if (value_parse(field, input, &stored, &expected)) {
		free(expected);
		return;
	}
	set[field->index] = stored;
	literal = quoted(stored);
	if (field->type != FIELD_MULTI || !strchr(stored, ',')) {
		text = xstrfmt("%s = %s", field->id, literal);
		if (eval_text(text, set, 1) != 1)
			fuzz_fail("'%s' is false on answer '%s'",
				  fuzz_shown(text), stored);
		free(text);
		text = xstrfmt("%s != %s", field->id, literal);
		if (eval_text(text, set, 1) != 0)
			fuzz_fail("'%s' holds on answer '%s'",
				  fuzz_shown(text), stored);
		free(text);
		text = xstrfmt("%s in (%s)", field->id, literal);
		if (eval_text(text, set, 1) != 1)
			fuzz_fail("'%s' is false on answer '%s'",
				  fuzz_shown(text), stored);
		free(text);
	}
	free(literal);
	free(stored);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	char *text;

	if (!ready) {
		setup();
		ready = 1;
	}
	text = fuzz_string(data, size);
	if (eval_text(text, answers[0], 0) >= 0)
		check_logic(text);
	for (size_t i = 0; i < upto; i++)
		check_equal(&form.fields[i], text);
	free(text);
	return 0;
}
