/* PostgreSQL: working a case after it is taken: amend, withdraw, notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"
#include "util.h"

static int audit(struct pg_store *pg, long long id, const char *action,
		 const char *staff, const char *before, const char *after)
{
	struct audit_entry entry = { staff, action, id, before, after };

	return pg_audit_append(pg, &entry);
}

/* {"field": value, ...} of one side of an amendment; "reason" too on
 * the after side (as store_case.c writes it). */
static char *amendment_json(const struct store_amendment *amendment,
			    int after)
{
	size_t n = amendment->n_changes, i;
	const char **pairs = xcalloc(2 * (n + 1), sizeof(*pairs));
	char *json;

	for (i = 0; i < n; i++) {
		const struct store_change *c = &amendment->changes[i];

		pairs[2 * i] = c->field;
		pairs[2 * i + 1] = after ? c->after : c->before;
	}
	if (after) {
		pairs[2 * n] = "reason";
		pairs[2 * n + 1] = amendment->reason;
		n++;
	}
	json = audit_json(pairs, n);
	free(pairs);
	return json;
}

static int write_change(struct pg_store *pg, long long id,
			const struct store_change *change)
{
	struct pg_params params = { 0 };

	pg_param_int(&params, id);
	if (!strcmp(change->field, "received_on")) {
		pg_param_text(&params, change->after);
		return pg_run(pg, "UPDATE applications SET received_on = $2"
				  " WHERE id = $1", &params);
	}
	pg_param_text(&params, change->field);
	if (!change->after)
		return pg_run(pg, "DELETE FROM answers WHERE application_id = $1"
				  " AND field = $2", &params);
	pg_param_text(&params, change->after);
	return pg_run(pg,
		      "INSERT INTO answers (application_id, field, value)"
		      " VALUES ($1, $2, $3) ON CONFLICT (application_id, field)"
		      " DO UPDATE SET value = excluded.value",
		      &params);
}

static int touch(struct pg_store *pg, long long id)
{
	struct pg_params params = { 0 };
	char now[32];

	store_now(now, sizeof(now));
	pg_param_int(&params, id);
	pg_param_text(&params, now);
	return pg_run(pg, "UPDATE applications SET updated_at = $2"
			  " WHERE id = $1", &params);
}

struct amending {
	const struct store_amendment *amendment;
};

static int amend_body(struct pg_store *pg, void *context)
{
	const struct store_amendment *amendment =
		((struct amending *)context)->amendment;
	long long id = amendment->application_id;
	char *before, *after;
	size_t i;
	int ret = pg_lock_application(pg, id) < 0 ? -1 : 0;

	for (i = 0; !ret && i < amendment->n_changes; i++)
		ret = write_change(pg, id, &amendment->changes[i]);
	if (!ret)
		ret = pg_search_keys_refresh(pg, id);
	if (!ret)
		ret = touch(pg, id);
	if (ret)
		return -1;
	before = amendment_json(amendment, 0);
	after = amendment_json(amendment, 1);
	ret = audit(pg, id, "amend", amendment->staff, before, after);
	free(before);
	free(after);
	return ret;
}

int pg_amend(struct store *store, const struct store_amendment *amendment)
{
	struct amending amending = { amendment };

	return pg_write(pg_of(store), amend_body, &amending);
}

struct withdrawal {
	long long id;
	int withdrawn;
	const char *staff, *reason;
};

static int withdraw_body(struct pg_store *pg, void *context)
{
	const struct withdrawal *w = context;
	const char *pairs[2] = { "reason", w->reason };
	struct pg_params params = { 0 };
	char now[32], *after;
	PGresult *res;
	long long changed;
	int ret;

	store_now(now, sizeof(now));
	pg_param_int(&params, w->id);
	pg_param_text(&params, w->withdrawn ? now : NULL);
	res = pg_query(pg,
		       w->withdrawn ? "UPDATE applications SET withdrawn_at = $2"
				      " WHERE id = $1 AND withdrawn_at IS NULL"
				    : "UPDATE applications SET withdrawn_at = $2"
				      " WHERE id = $1"
				      " AND withdrawn_at IS NOT NULL",
		       &params);
	if (!res)
		return -1;
	changed = pg_changed(res);
	PQclear(res);
	if (!changed)
		return 1;
	if (pg_update_status(pg, w->id) < 0)
		return -1;
	after = audit_json(pairs, 1);
	ret = audit(pg, w->id, w->withdrawn ? "withdraw" : "reopen", w->staff,
		    NULL, after);
	free(after);
	return ret;
}

int pg_set_withdrawn(struct store *store, long long application_id,
		     int withdrawn, const char *staff, const char *reason)
{
	struct withdrawal w = { application_id, withdrawn, staff, reason };

	return pg_write(pg_of(store), withdraw_body, &w);
}

struct noting {
	long long id;
	const char *staff, *text;
};

static int note_body(struct pg_store *pg, void *context)
{
	const struct noting *n = context;
	const char *pairs[2] = { "note", n->text };
	struct pg_params params = { 0 };
	char now[32], *after;
	int ret;

	store_now(now, sizeof(now));
	pg_param_text(&params, now);
	pg_param_text(&params, n->staff);
	pg_param_text(&params, n->text);
	pg_param_int(&params, n->id);
	if (pg_run(pg,
		   "INSERT INTO case_notes (at, staff, text, application_id)"
		   " VALUES ($1, $2, $3, $4)",
		   &params) < 0)
		return -1;
	after = audit_json(pairs, 1);
	ret = audit(pg, n->id, "note", n->staff, NULL, after);
	free(after);
	return ret;
}

int pg_add_note(struct store *store, long long application_id,
		const char *staff, const char *text)
{
	struct noting n = { application_id, staff, text };

	return pg_write(pg_of(store), note_body, &n);
}

int pg_history(struct store *store, long long application_id,
	       store_history_fn fn, void *context)
{
	struct pg_params params = { 0 };
	struct store_history row;
	PGresult *res;
	int i, ret = 0;

	pg_param_int(&params, application_id);
	res = pg_query(pg_of(store),
		       "SELECT at, staff, action, \"before\", \"after\""
		       " FROM audit WHERE application_id = $1 ORDER BY id",
		       &params);
	if (!res)
		return -1;
	for (i = 0; !ret && i < PQntuples(res); i++) {
		row.at = pg_text(res, i, 0);
		row.staff = pg_text(res, i, 1);
		row.action = pg_text(res, i, 2);
		row.before = pg_text(res, i, 3);
		row.after = pg_text(res, i, 4);
		ret = fn(&row, context);
	}
	PQclear(res);
	return ret;
}
