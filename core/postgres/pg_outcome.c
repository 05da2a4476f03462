/* PostgreSQL: recording an outcome and voiding one, with their counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "pg_internal.h"
#include "util.h"

struct recording {
	const struct store_new_outcome *outcome;
	char occurred_on[STORE_ISO_SIZE];
	char *receipt, *programme, *status;
	long long outcome_id;
};

static void recording_release(struct recording *r)
{
	free(r->receipt);
	free(r->programme);
	free(r->status);
	r->receipt = r->programme = r->status = NULL;
}

/* Lock the application and read its receipt, programme and status. */
static int application_state(struct pg_store *pg, struct recording *r)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int found;

	pg_param_int(&params, r->outcome->application_id);
	res = pg_query(pg,
		       "SELECT receipt, programme, status FROM applications"
		       " WHERE id = $1 FOR UPDATE",
		       &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	if (found) {
		r->receipt = pg_dup(res, 0, 0, 0);
		r->programme = pg_dup(res, 0, 1, 0);
		r->status = pg_dup(res, 0, 2, 0);
	}
	PQclear(res);
	if (!found)
		return error(msg(MSG_STORE_NO_APPLICATION),
			     r->outcome->application_id);
	return 0;
}

/* 1 when the application already has the code (live), 0 if not. */
static int outcome_recorded(struct pg_store *pg, struct recording *r)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int found;

	pg_param_int(&params, r->outcome->application_id);
	pg_param_text(&params, r->outcome->code);
	res = pg_query(pg,
		       "SELECT 1 FROM outcomes WHERE application_id = $1"
		       " AND code = $2 AND voided_at IS NULL LIMIT 1",
		       &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	PQclear(res);
	return found;
}

static int insert_outcome(struct pg_store *pg, struct recording *r)
{
	const struct store_new_outcome *o = r->outcome;
	struct pg_params params = { 0 };
	char now[32];
	PGresult *res;

	store_now(now, sizeof(now));
	pg_param_int(&params, o->application_id);
	pg_param_text(&params, r->programme);
	pg_param_text(&params, o->code);
	pg_param_text(&params, r->occurred_on);
	pg_param_text(&params, o->staff);
	pg_param_text(&params, o->note);
	if (o->has_amount)
		pg_param_int(&params, o->amount);
	else
		pg_param_null(&params);
	pg_param_text(&params, now);
	res = pg_query(pg,
		       "INSERT INTO outcomes (application_id, programme, code,"
		       " occurred_on, staff, note, amount, recorded_at)"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
		       &params);
	if (!res)
		return -1;
	r->outcome_id = pg_int(res, 0, 0);
	PQclear(res);
	return 0;
}

static int insert_counted(struct pg_store *pg, struct recording *r)
{
	struct counts_touch touch;
	int ret;

	ret = pg_counts_begin(pg, &touch, r->outcome->application_id,
			      r->programme, r->outcome->code, r->occurred_on);
	if (!ret)
		ret = insert_outcome(pg, r);
	if (!ret)
		ret = pg_counts_end(pg, &touch);
	counts_touch_release(&touch);
	return ret;
}

/* The application's status now, malloced; NULL (printed) on error. */
static char *status_now(struct pg_store *pg, long long application_id)
{
	struct pg_params params = { 0 };
	PGresult *res;
	char *status;

	pg_param_int(&params, application_id);
	res = pg_query(pg, "SELECT status FROM applications WHERE id = $1",
		       &params);
	if (!res)
		return NULL;
	status = pg_dup(res, 0, 0, 0);
	PQclear(res);
	return status;
}

/* The audit row: what SQLite's STMT_AUDIT_OUTCOME selects, the status
 * before and the one the outcome left. */
static int audit_outcome(struct pg_store *pg, struct recording *r)
{
	const struct store_new_outcome *o = r->outcome;
	struct audit_entry entry = { o->staff, "outcome", o->application_id,
				     NULL, NULL };
	struct strbuf before = STRBUF_INIT, after = STRBUF_INIT;
	char amount[32], *status = status_now(pg, o->application_id);
	int ret;

	if (!status)
		return -1;
	snprintf(amount, sizeof(amount), "%lld", o->amount);
	pg_json_text(&before, "status", r->status);
	pg_json_int(&after, "outcome", r->outcome_id);
	pg_json_text(&after, "code", o->code);
	pg_json_text(&after, "occurred_on", r->occurred_on);
	pg_json_text(&after, "note", o->note);
	pg_json_int_or_null(&after, "amount", o->has_amount ? amount : NULL);
	pg_json_text(&after, "status", status);
	entry.before = pg_json_end(&before);
	entry.after = pg_json_end(&after);
	ret = pg_audit_append(pg, &entry);
	free((char *)entry.before);
	free((char *)entry.after);
	free(status);
	return ret;
}

static int record_body(struct pg_store *pg, void *context)
{
	struct recording *r = context;
	const struct store_new_outcome *o = r->outcome;
	int ret;

	recording_release(r);
	if (application_state(pg, r) < 0)
		return -1;
	if (o->programme && strcmp(o->programme, r->programme))
		return error(msg(MSG_STORE_WRONG_PROGRAMME), r->receipt,
			     r->programme, o->programme);
	if (o->once && (ret = outcome_recorded(pg, r)))
		return ret; /* 1: refused as a repeat, nothing written */
	if (insert_counted(pg, r) < 0 ||
	    pg_update_status(pg, o->application_id) < 0 ||
	    audit_outcome(pg, r) < 0)
		return -1;
	return 0;
}

int pg_add_outcome(struct store *store, const struct store_new_outcome *outcome)
{
	struct recording r = { outcome, "", NULL, NULL, NULL, 0 };
	int ret;

	if (pg_date_iso(outcome->occurred_on, r.occurred_on) < 0)
		return -1;
	ret = pg_write(pg_of(store), record_body, &r);
	recording_release(&r);
	return ret;
}

/* Voiding. */

struct voiding {
	long long application_id, outcome_id;
	const char *staff, *reason;
};

/* The outcome belongs to the application and still counts: 1, 0, -1. */
static int outcome_of(struct pg_store *pg, const struct voiding *v)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int found;

	pg_param_int(&params, v->outcome_id);
	pg_param_int(&params, v->application_id);
	res = pg_query(pg,
		       "SELECT 1 FROM outcomes WHERE id = $1"
		       " AND application_id = $2 AND voided_at IS NULL",
		       &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	PQclear(res);
	return found;
}

/* Mark the outcome void with its counts: 0, 1 when it was void, -1. */
static int mark_void(struct pg_store *pg, const struct voiding *v)
{
	struct counts_touch touch;
	struct pg_params params = { 0 };
	char now[32];
	PGresult *res;
	long long changed = 0;
	int ret;

	ret = pg_counts_begin_outcome(pg, &touch, v->outcome_id);
	if (ret <= 0) {
		counts_touch_release(&touch);
		return ret < 0 ? -1 : 1;
	}
	store_now(now, sizeof(now));
	pg_param_text(&params, now);
	pg_param_text(&params, v->staff);
	pg_param_text(&params, v->reason);
	pg_param_int(&params, v->outcome_id);
	res = pg_query(pg,
		       "UPDATE outcomes SET voided_at = $1, voided_by = $2,"
		       " void_reason = $3 WHERE id = $4 AND voided_at IS NULL",
		       &params);
	ret = res ? 0 : -1;
	if (res)
		changed = pg_changed(res);
	PQclear(res);
	if (!ret && changed)
		ret = pg_counts_end(pg, &touch);
	counts_touch_release(&touch);
	return ret < 0 ? -1 : !changed;
}

static int void_body(struct pg_store *pg, void *context)
{
	const struct voiding *v = context;
	struct audit_entry entry = { v->staff, "void_outcome",
				     v->application_id, NULL, NULL };
	char outcome[32], *after;
	const char *pairs[4] = { "outcome", outcome, "reason", v->reason };
	int ret = pg_lock_application(pg, v->application_id);

	if (ret > 0)
		ret = outcome_of(pg, v);
	if (ret <= 0)
		return ret < 0 ? -1 : 1;
	ret = mark_void(pg, v);
	if (ret)
		return ret;
	if (pg_update_status(pg, v->application_id) < 0)
		return -1;
	snprintf(outcome, sizeof(outcome), "%lld", v->outcome_id);
	entry.after = after = audit_json(pairs, 2);
	ret = pg_audit_append(pg, &entry);
	free(after);
	return ret;
}

int pg_void_outcome(struct store *store, long long application_id,
		    long long outcome_id, const char *staff,
		    const char *reason)
{
	struct voiding v = { application_id, outcome_id, staff, reason };

	return pg_write(pg_of(store), void_body, &v);
}
