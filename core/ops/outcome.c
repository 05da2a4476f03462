/* Recording an outcome: every rule, problems as data, one transaction. */
#include "outcome.h"

#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "messages.h"
#include "plugin.h"
#include "store.h"
#include "util.h"

const struct intake_outcome *outcome_find(const struct programme *programme,
					  const char *code,
					  enum language lang, char **why)
{
	const struct intake_plugin *plugin = programme->plugin;
	const struct intake_outcome *outcome;
	struct strbuf known = STRBUF_INIT;
	size_t i;

	*why = NULL;
	outcome = code ? programme_outcome(programme, code) : NULL;
	if (outcome)
		return outcome;
	for (i = 0; i < plugin->n_outcomes; i++)
		strbuf_addf(&known, "%s%s", i ? ", " : "",
			    plugin->outcomes[i].code);
	*why = xstrfmt(msg_in(lang, MSG_CMD_UNKNOWN_OUTCOME), plugin->id,
		       code ? code : "", strbuf_str(&known));
	strbuf_release(&known);
	return NULL;
}

/* code recorded on the case, and not voided? */
static int recorded(const struct store_application *stored, const char *code)
{
	size_t i;

	for (i = 0; i < stored->n_outcomes; i++)
		if (!strcmp(stored->outcomes[i].code, code) &&
		    !stored->outcomes[i].voided_at)
			return 1;
	return 0;
}

/* A problem of the whole case, message id with the receipt and code. */
static int refuse(struct intake_case *app, enum msg_id id, const char *receipt,
		  const char *code)
{
	char *why = xstrfmt(msg(id), receipt, code);

	application_problem(app, NULL, NULL, NULL, why);
	free(why);
	return -1;
}

int outcome_check(struct intake_case *app, const struct programme *programme,
		  const struct store_application *stored,
		  const struct outcome_request *request, int with_amount)
{
	const char *code = request->outcome->code;

	application_from_store(app, programme, stored);
	if (!strcmp(stored->status, "withdrawn"))
		return refuse(app, MSG_CASE_IS_WITHDRAWN, stored->receipt, "");
	if (request->outcome->once && recorded(stored, code))
		return refuse(app, MSG_CMD_OUTCOME_ONCE, stored->receipt, code);
	if (application_check_outcome_date(app, code, request->date))
		return -1;
	application_set_amount(app, with_amount && request->has_amount,
			       request->amount);
	if (application_check_outcome(app, code, request->date) ||
	    (with_amount && application_check_outcome_amount(app, code)))
		return -1;
	return 0;
}

int outcome_offered(const struct programme *programme,
		    const struct store_application *stored,
		    const struct intake_outcome *outcome, long today)
{
	struct outcome_request request = {outcome, today, NULL, 0, 0, NULL};
	struct intake_case app;
	int ok;

	ok = !outcome_check(&app, programme, stored, &request, 0);
	application_release(&app);
	return ok;
}

int outcome_record(struct store *store, struct intake_case *app,
		   const struct store_application *stored,
		   const struct outcome_request *request)
{
	struct store_new_outcome row = {0};
	int rc;

	row.application_id = stored->id;
	row.programme = stored->programme;
	row.code = request->outcome->code;
	row.occurred_on = request->date;
	row.once = request->outcome->once;
	row.staff = request->staff;
	row.note = request->note;
	row.has_amount = request->has_amount;
	row.amount = request->amount;
	rc = store_add_outcome(store, &row);
	if (rc > 0)
		refuse(app, MSG_CMD_OUTCOME_ONCE, stored->receipt,
		       request->outcome->code);
	return rc;
}
