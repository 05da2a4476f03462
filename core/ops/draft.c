/* Drafts: an application typed in steps, saved after every answer. */
#include "draft.h"

#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "form.h"
#include "messages.h"
#include "take.h"
#include "util.h"

int draft_save(struct store *store, long long id,
	       const struct intake_case *app, const char *last_field)
{
	struct store_answer *answers;
	char received[11];
	size_t n;
	int rc;

	n = take_answers(app, 1, received, &answers);
	rc = store_draft_save(store, id, last_field, answers, n);
	free(answers);
	return rc;
}

void draft_restore(struct intake_case *app, const struct store_draft *draft)
{
	size_t i;

	for (i = 0; i < draft->n_answers; i++)
		application_set_stored(app, draft->answers[i].field,
				       draft->answers[i].value);
}

/* Is input empty once blanks are trimmed? */
static int blank(const char *input)
{
	return !input[strspn(input, " \t\r\n")];
}

int draft_answer(struct intake_case *app, const char *field_id,
		 const char *input)
{
	const struct field *field = form_field(app->form, field_id);

	if (!field || field->derived || !blank(input))
		return application_answer(app, field_id, input);
	if (field->required) {
		application_problem(app, field_id, NULL, NULL,
				    msg(MSG_VALUE_REQUIRED));
		return -1;
	}
	free(app->values[field->index]);
	app->values[field->index] = NULL;
	return 0;
}

int draft_same_person(struct store *store, const struct intake_case *app,
		      store_application_fn fn, void *context)
{
	const char *kana = application_value(app, "name_kana");
	const char *birth = application_value(app, "birth_date");

	if (!kana || !birth)
		return 0;
	return store_find_person(store, kana, birth, fn, context);
}

char *field_accepts(const struct field *field)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	for (i = 0; i < field->n_choices; i++)
		strbuf_addf(&sb, "%s%s=%s", i ? ", " : "",
			    field->choices[i].code,
			    msg_pick(field->choices[i].label_ja,
				     field->choices[i].label_en));
	if (field->has_min && field->has_max)
		strbuf_addf(&sb, msg(MSG_CMD_RANGE), field->min, field->max);
	else if (field->has_min)
		strbuf_addf(&sb, msg(MSG_CMD_RANGE_FROM), field->min);
	else if (field->has_max)
		strbuf_addf(&sb, msg(MSG_CMD_RANGE_UNTIL), field->max);
	if (field->unit_ja || field->unit_en)
		strbuf_addf(&sb, msg(MSG_CMD_UNIT),
			    msg_pick(field->unit_ja, field->unit_en));
	if (field->max_chars)
		strbuf_addf(&sb, msg(MSG_CMD_MAX_CHARS), field->max_chars);
	if (field->exclusive)
		strbuf_addf(&sb, msg(MSG_CMD_EXCLUSIVE), field->exclusive);
	return strbuf_detach(&sb);
}

const char *field_type_help(enum field_type type)
{
	switch (type) {
	case FIELD_DATE: return msg(MSG_ENTRY_HELP_DATE);
	case FIELD_BOOL: return msg(MSG_ENTRY_HELP_BOOL);
	case FIELD_CHOICE: return msg(MSG_ENTRY_HELP_CHOICE);
	case FIELD_MULTI: return msg(MSG_ENTRY_HELP_MULTI);
	case FIELD_KANA: return msg(MSG_ENTRY_HELP_KANA);
	case FIELD_INTEGER: return msg(MSG_ENTRY_HELP_NUMBER);
	case FIELD_YEN: return msg(MSG_ENTRY_HELP_YEN);
	case FIELD_POSTAL: return msg(MSG_ENTRY_HELP_POSTAL);
	case FIELD_PHONE: return msg(MSG_ENTRY_HELP_PHONE);
	default: return NULL;
	}
}
