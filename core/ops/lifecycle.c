/* Working a taken case: withdraw, reopen, void an outcome, add a memo. */
#include "lifecycle.h"

#include <stdlib.h>
#include <string.h>

#include "amend.h"
#include "form.h"
#include "store.h"
#include "util.h"
#include "value.h"

char *lifecycle_text_problem(enum language lang, const char *what,
			     const char *text)
{
	char *why = NULL, *sentence;

	if (text_check_safe(text, 1, &why) < 0) {
		sentence = xstrfmt(msg_in(lang, MSG_CMD_BAD_NOTE), what, why);
		free(why);
		return sentence;
	}
	if (utf8_chars(text) > NOTE_MAX)
		return xstrfmt(msg_in(lang, MSG_CMD_NOTE_TOO_LONG), what,
			       utf8_chars(text), NOTE_MAX);
	return NULL;
}

/* Read text as a field of type reads it: the stored text, or NULL. */
static char *parse_as(enum field_type type, const char *text, char **expected)
{
	struct field field = {0};
	char *stored = NULL;

	field.id = (char *)(type == FIELD_DATE ? "date" : "amount");
	field.type = type;
	*expected = NULL;
	if (value_parse(&field, text, &stored, expected))
		return NULL;
	return stored;
}

int lifecycle_parse_date(const char *text, long *date, char **expected)
{
	char *stored = parse_as(FIELD_DATE, text, expected);
	int rc;

	if (!stored)
		return -1;
	rc = date_from_iso(stored, date);
	free(stored);
	if (rc && !*expected)
		*expected = xstrdup(text);
	return rc ? -1 : 0;
}

int lifecycle_parse_amount(const char *text, long long *yen, char **expected)
{
	char *stored = parse_as(FIELD_YEN, text, expected);
	int rc;

	if (!stored)
		return -1;
	rc = parse_long_long(stored, yen);
	free(stored);
	if (rc && !*expected)
		*expected = xstrdup(text);
	return rc ? -1 : 0;
}

char *lifecycle_reason_problem(const struct lifecycle_request *request)
{
	if (!request->reason || !*request->reason)
		return xstrdup(msg_in(request->lang, MSG_AMEND_NEEDS_REASON));
	return lifecycle_text_problem(request->lang, request->reason_word,
				      request->reason);
}

int lifecycle_set_withdrawn(const struct lifecycle_request *request,
			    int withdrawn, char **why)
{
	const struct store_application *stored = request->stored;
	int rc;

	if ((*why = lifecycle_reason_problem(request)))
		return 1;
	rc = store_set_withdrawn(request->store, stored->id, withdrawn,
				 request->staff, request->reason);
	if (rc > 0)
		*why = xstrfmt(
		    msg_in(request->lang, withdrawn ? MSG_CASE_ALREADY_WITHDRAWN
						    : MSG_CASE_NOT_WITHDRAWN),
		    stored->receipt);
	return rc;
}

int lifecycle_void(const struct lifecycle_request *request, const char *number,
		   char **why)
{
	const struct store_application *stored = request->stored;
	const char *digits = number && *number == '#' ? number + 1 : number;
	long long id;
	int rc;

	if ((*why = lifecycle_reason_problem(request)))
		return 1;
	if (!digits || parse_long_long(digits, &id) || id < 1)
		rc = 1;
	else
		rc = store_void_outcome(request->store, stored->id, id,
					request->staff, request->reason);
	if (rc > 0)
		*why = xstrfmt(msg_in(request->lang, MSG_CASE_NO_OUTCOME),
			       stored->receipt, number ? number : "");
	return rc;
}

int lifecycle_note(const struct lifecycle_request *request, const char *text,
		   char **why)
{
	*why = NULL;
	if (!text || !*text) {
		*why = xstrfmt(msg_in(request->lang, MSG_CASE_NOTE_EMPTY),
			       request->reason_word);
		return 1;
	}
	if ((*why = lifecycle_text_problem(request->lang, request->reason_word,
					   text)))
		return 1;
	return store_add_note(request->store, request->stored->id,
			      request->staff, text) < 0
		   ? -1
		   : 0;
}

int lifecycle_amend(const struct lifecycle_request *request,
		    const struct intake_case *app, size_t *n_changes,
		    char **why)
{
	struct store_amendment amendment = {0};
	struct store_change *changes;
	char received_before[11];
	int rc = 0;

	*n_changes = 0;
	if ((*why = lifecycle_reason_problem(request)))
		return 1;
	amendment.n_changes =
	    amend_changes(app, request->stored, received_before, &changes);
	if (amendment.n_changes) {
		amendment.application_id = request->stored->id;
		amendment.changes = changes;
		amendment.staff = request->staff;
		amendment.reason = request->reason;
		rc = store_amend(request->store, &amendment) < 0 ? -1 : 0;
	}
	if (!rc)
		*n_changes = amendment.n_changes;
	free(changes);
	return rc;
}
