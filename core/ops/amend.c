/* Correcting a case: the whole case checked again, and what changed. */
#include "amend.h"

#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "form.h"
#include "messages.h"
#include "plugin.h"
#include "store.h"
#include "util.h"
#include "value.h"

/* Derived values are computed again from the corrected answers. */
static void forget_derived(struct intake_case *app)
{
	size_t i;

	for (i = 0; i < app->form->n_fields; i++)
		if (app->form->fields[i].derived) {
			free(app->values[i]);
			app->values[i] = NULL;
		}
}

static int same_fiscal_year(struct intake_case *app,
			    const struct store_application *stored)
{
	int year = fiscal_year(stored->received_on);
	char *why;

	if (fiscal_year(app->received_on) == year)
		return 1;
	why = xstrfmt(msg(MSG_AMEND_FISCAL_YEAR), year);
	application_problem(app, "received_on",
			    application_value(app, "received_on"), NULL, why);
	free(why);
	return 0;
}

/* Outcome k, with only the outcomes before it, still allowed? */
static int outcome_still_allowed(struct intake_case *app, size_t k)
{
	size_t keep = app->n_outcomes, before = app->n_problems;
	const char *code = app->outcomes[k].code;
	long date = app->outcomes[k].date;
	const struct intake_outcome *outcome;
	char iso[11], *why;

	app->n_outcomes = k;
	if (!application_check_outcome_date(app, code, date))
		application_check_outcome(app, code, date);
	app->n_outcomes = keep;
	if (app->n_problems == before)
		return 1;
	outcome = programme_outcome(app->programme, code);
	date_to_iso(date, iso);
	why = xstrfmt(msg(MSG_AMEND_BREAKS_OUTCOME),
		      outcome ? msg_pick(outcome->label_ja, outcome->label_en)
			      : code,
		      iso);
	application_problem(app, NULL, NULL, NULL, why);
	free(why);
	return 0;
}

int amend_check(struct intake_case *app, const struct store_application *stored)
{
	size_t k;
	int ok = 1;

	if (app->n_problems)
		return -1;
	if (!same_fiscal_year(app, stored))
		return -1;
	forget_derived(app);
	if (application_check(app))
		return -1;
	for (k = 0; k < app->n_outcomes; k++)
		ok &= outcome_still_allowed(app, k);
	return ok ? 0 : -1;
}

/* The stored answer of field, NULL when not answered. */
static const char *stored_answer(const struct store_application *stored,
				 const char *field)
{
	size_t i;

	for (i = 0; i < stored->n_answers; i++)
		if (!strcmp(stored->answers[i].field, field))
			return stored->answers[i].value;
	return NULL;
}

static int differ(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b));
}

size_t amend_changes(const struct intake_case *app,
		     const struct store_application *stored,
		     char received_before[11], struct store_change **changes)
{
	const struct form *form = app->form;
	size_t i, n = 0;
	const char *before;

	*changes = xcalloc(form->n_fields + 1, sizeof(**changes));
	if (app->received_on != stored->received_on) {
		date_to_iso(stored->received_on, received_before);
		(*changes)[n].field = "received_on";
		(*changes)[n].before = received_before;
		(*changes)[n++].after = application_value(app, "received_on");
	}
	for (i = 0; i < form->n_fields; i++) {
		before = stored_answer(stored, form->fields[i].id);
		if (!differ(before, app->values[i]))
			continue;
		(*changes)[n].field = form->fields[i].id;
		(*changes)[n].before = before;
		(*changes)[n++].after = app->values[i];
	}
	return n;
}
