/* Drafts: an application typed in steps, saved after every answer. */
#include "draft.h"

#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "form.h"
#include "messages.h"
#include "take.h"

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
