/* Fuzz form_load on whole form files; a loaded form's codes parse back. */
#include <stdlib.h>
#include <string.h>

#include "condition.h"
#include "form.h"
#include "support.h"
#include "value.h"

/*
 * Input: a form file.  When it loads: every choice code, given as an
 * answer, is stored as itself (a stored value parses back to itself); a
 * few typical answers to each field are parsed and, when accepted, parse
 * back to what was stored; each `when` is evaluated with nothing answered
 * and with those answers.
 */
static const char *const typical[] = {
	"山田 太郎", "やまだ たろう", "42", "1,000,000円", "令和元年5月1日",
	"2020-04-01", "yes", "〒030-8570", "017-722-1111",
	"taro@example.jp", "7000012050002", "13101", "東京都",
};

#define N_TYPICAL (sizeof(typical) / sizeof(typical[0]))

struct answers {
	const struct form *form;
	char **stored; /* by field index, NULL when unanswered */
};

static const char *lookup(const struct field *field, void *context)
{
	const struct answers *answers = context;

	return answers->stored ? answers->stored[field->index] : NULL;
}

/* Parse input for field; when it is accepted, it parses back.  Returns
 * the stored value or NULL. */
static char *parse_back(const struct field *field, const char *input)
{
	char *stored, *expected, *again, *why;

	if (value_parse(field, input, &stored, &expected)) {
		free(expected);
		return NULL;
	}
	if (value_parse(field, stored, &again, &why))
		fuzz_fail("field %s (%s): stored '%s' from '%s' refused: %s",
			  field->id, field_type_name(field->type),
			  fuzz_shown(stored), input, why);
	if (strcmp(again, stored))
		fuzz_fail("field %s (%s): stored '%s' parses to '%s'",
			  field->id, field_type_name(field->type),
			  fuzz_shown(stored), again);
	free(again);
	return stored;
}

static void check_codes(const struct field *field)
{
	if (field->type != FIELD_CHOICE && field->type != FIELD_MULTI)
		return;
	for (size_t i = 0; i < field->n_choices; i++) {
		const char *code = field->choices[i].code;
		char *stored = parse_back(field, code);

		if (!stored)
			fuzz_fail("field %s: code '%s' refused", field->id,
				  code);
		if (strcmp(stored, code))
			fuzz_fail("field %s: code '%s' is stored as '%s'",
				  field->id, code, stored);
		free(stored);
	}
}

static void check_form(const struct form *form)
{
	char **stored = calloc(form->n_fields, sizeof(*stored));
	struct answers none = { form, NULL }, some = { form, stored };

	if (!stored)
		abort();
	for (size_t i = 0; i < form->n_fields; i++) {
		const struct field *field = &form->fields[i];

		if (field->index != i || form_field(form, field->id) != field)
			fuzz_fail("field %zu (%s) is not found by its id",
				  i, field->id);
		check_codes(field);
		for (size_t t = 0; t < N_TYPICAL && !stored[i]; t++)
			stored[i] = parse_back(field, typical[t]);
	}
	for (size_t i = 0; i < form->n_fields; i++) {
		const struct field *field = &form->fields[i];

		condition_eval(field->when, lookup, &none);
		condition_eval(field->when, lookup, &some);
		if (stored[i])
			free(value_format(field, stored[i]));
	}
	for (size_t i = 0; i < form->n_fields; i++)
		free(stored[i]);
	free(stored);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form form;

	if (form_load(&form, fuzz_file(data, size)))
		return 0;
	check_form(&form);
	form_release(&form);
	return 0;
}
