/* Working a case after it is taken: amend, withdraw, void, notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"
#include "util.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* Run sql (no row) with text parameters ?1.. (NULL binds NULL) and the
 * application id last; *changed gets the rows changed.  0 or -1. */
static int run_with(struct sqlite_store *store, const char *sql, long long id,
		    const char *const *texts, int n_texts, int *changed)
{
	sqlite3_stmt *stmt = NULL;
	int i, ret;

	if (store_prepare(store, sql, &stmt) < 0)
		return -1;
	for (i = 0; i < n_texts; i++)
		store_bind_text(stmt, i + 1, texts[i]);
	sqlite3_bind_int64(stmt, n_texts + 1, id);
	ret = store_run(store, stmt);
	if (!ret && changed)
		*changed = sqlite3_changes(store->db);
	sqlite3_finalize(stmt);
	return ret;
}

/* {"field": value, ...} of one side of an amendment; "reason" too on
 * the after side. */
static char *amendment_json(const struct store_amendment *amendment, int after)
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

static int audit(struct sqlite_store *store, long long id, const char *action,
		 const char *staff, const char *before, const char *after)
{
	struct audit_entry entry = {staff, action, id, before, after};

	return audit_append(store, &entry);
}

static int write_change(struct sqlite_store *store, long long id,
			const struct store_change *change)
{
	const char *texts[2] = {change->field, change->after};

	if (!strcmp(change->field, "received_on"))
		return run_with(store,
				"UPDATE applications SET received_on ="
				" ?1 WHERE id = ?2",
				id, texts + 1, 1, NULL);
	if (!change->after)
		return run_with(store,
				"DELETE FROM answers WHERE field = ?1"
				" AND application_id = ?2",
				id, texts, 1, NULL);
	return run_with(store,
			"INSERT INTO answers (field, value,"
			" application_id) VALUES (?1, ?2, ?3)"
			" ON CONFLICT (application_id, field)"
			" DO UPDATE SET value = excluded.value",
			id, texts, 2, NULL);
}

static int amend_in(struct sqlite_store *store,
		    const struct store_amendment *amendment)
{
	long long id = amendment->application_id;
	char *before = amendment_json(amendment, 0);
	char *after = amendment_json(amendment, 1);
	size_t i;
	int ret = 0;

	for (i = 0; !ret && i < amendment->n_changes; i++)
		ret = write_change(store, id, &amendment->changes[i]);
	if (!ret)
		ret = search_keys_refresh(store, id);
	if (!ret)
		ret = run_with(store,
			       "UPDATE applications SET updated_at = " NOW
			       " WHERE id = ?1",
			       id, NULL, 0, NULL);
	if (!ret)
		ret =
		    audit(store, id, "amend", amendment->staff, before, after);
	free(before);
	free(after);
	return ret;
}

int sqlite_amend(struct store *base, const struct store_amendment *amendment)
{
	struct sqlite_store *store = sqlite_of(base);

	if (store_begin(store) < 0)
		return -1;
	return store_end_write(store, amend_in(store, amendment));
}

static int withdraw_in(struct sqlite_store *store, long long id, int withdrawn,
		       const char *staff, const char *reason)
{
	const char *pairs[2] = {"reason", reason};
	char *after;
	int changed = 0, ret;

	ret =
	    run_with(store,
		     withdrawn ? "UPDATE applications SET withdrawn_at = " NOW
				 " WHERE id = ?1 AND withdrawn_at IS NULL"
			       : "UPDATE applications SET withdrawn_at = NULL"
				 " WHERE id = ?1 AND withdrawn_at IS NOT NULL",
		     id, NULL, 0, &changed);
	if (ret || !changed)
		return ret ? -1 : 1;
	if (store_update_status(store, id) < 0)
		return -1;
	after = audit_json(pairs, 1);
	ret = audit(store, id, withdrawn ? "withdraw" : "reopen", staff, NULL,
		    after);
	free(after);
	return ret;
}

int sqlite_set_withdrawn(struct store *base, long long application_id,
			 int withdrawn, const char *staff, const char *reason)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = withdraw_in(store, application_id, withdrawn, staff, reason);
	if (store_end_write(store, ret < 0 ? -1 : 0) < 0)
		return -1;
	return ret;
}

/* Mark the outcome void with its counts (sqlite_counts.c): 1 when it
 * was void already, 0, -1. */
static int mark_void(struct sqlite_store *store, long long outcome_id,
		     const char *staff, const char *reason)
{
	const char *texts[2] = {staff, reason};
	struct counts_touch touch;
	int changed = 0, ret;

	ret = counts_touch_outcome(store, &touch, outcome_id);
	if (ret <= 0) {
		counts_touch_release(&touch);
		return ret < 0 ? -1 : 1;
	}
	ret = run_with(store,
		       "UPDATE outcomes SET voided_at = " NOW ","
		       " voided_by = ?1, void_reason = ?2"
		       " WHERE id = ?3 AND voided_at IS NULL",
		       outcome_id, texts, 2, &changed);
	if (!ret && changed)
		ret = counts_touch_end(store, &touch);
	counts_touch_release(&touch);
	return ret < 0 ? -1 : !changed;
}

/* Mark the outcome void, take it out of outcome_counts, audit it. */
static int void_in(struct sqlite_store *store, long long id,
		   long long outcome_id, const char *staff, const char *reason)
{
	char outcome[32], *after;
	const char *pairs[4] = {"outcome", outcome, "reason", reason};
	int changed;

	snprintf(outcome, sizeof(outcome), "%lld", outcome_id);
	changed = mark_void(store, outcome_id, staff, reason);
	if (changed)
		return changed;
	if (store_update_status(store, id) < 0)
		return -1;
	after = audit_json(pairs, 2);
	changed = audit(store, id, "void_outcome", staff, NULL, after);
	free(after);
	return changed;
}

/* The outcome belongs to the application and still counts: 1, 0, -1. */
static int outcome_of(struct sqlite_store *store, long long id,
		      long long outcome_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(store,
			  "SELECT 1 FROM outcomes WHERE id = ?1"
			  " AND application_id = ?2"
			  " AND voided_at IS NULL",
			  &stmt) < 0)
		return -1;
	sqlite3_bind_int64(stmt, 1, outcome_id);
	sqlite3_bind_int64(stmt, 2, id);
	rc = store_step_row(store, stmt);
	sqlite3_finalize(stmt);
	return rc;
}

int sqlite_void_outcome(struct store *base, long long application_id,
			long long outcome_id, const char *staff,
			const char *reason)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = outcome_of(store, application_id, outcome_id);
	if (ret > 0)
		ret = void_in(store, application_id, outcome_id, staff, reason);
	else if (!ret)
		ret = 1;
	if (store_end_write(store, ret < 0 ? -1 : 0) < 0)
		return -1;
	return ret;
}

int sqlite_add_note(struct store *base, long long application_id,
		    const char *staff, const char *text)
{
	struct sqlite_store *store = sqlite_of(base);
	const char *texts[2] = {staff, text};
	const char *pairs[2] = {"note", text};
	char *after;
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = run_with(store,
		       "INSERT INTO case_notes (at, staff, text,"
		       " application_id) VALUES (" NOW ", ?1, ?2, ?3)",
		       application_id, texts, 2, NULL);
	if (!ret) {
		after = audit_json(pairs, 1);
		ret = audit(store, application_id, "note", staff, NULL, after);
		free(after);
	}
	return store_end_write(store, ret);
}

int store_load_notes(struct sqlite_store *store, struct store_application *app)
{
	sqlite3_stmt *stmt = NULL;
	size_t alloc = 0;
	int rc;

	if (store_prepare(store,
			  "SELECT at, staff, text FROM case_notes"
			  " WHERE application_id = ?1 ORDER BY id",
			  &stmt) < 0)
		return -1;
	sqlite3_bind_int64(stmt, 1, app->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct store_note *note;

		ALLOC_GROW(app->notes, app->n_notes + 1, alloc);
		note = &app->notes[app->n_notes++];
		note->at = xstrdup((const char *)sqlite3_column_text(stmt, 0));
		note->staff =
		    xstrdup(sqlite3_column_text(stmt, 1)
				? (const char *)sqlite3_column_text(stmt, 1)
				: "");
		note->text =
		    xstrdup((const char *)sqlite3_column_text(stmt, 2));
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_DONE ? 0 : store_sql_error(store);
}

int sqlite_history(struct store *base, long long application_id,
		   store_history_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = NULL;
	struct store_history row;
	int rc, ret = 0;

	if (store_prepare(store,
			  "SELECT at, staff, action, \"before\","
			  " \"after\" FROM audit"
			  " WHERE application_id = ?1 ORDER BY id",
			  &stmt) < 0)
		return -1;
	sqlite3_bind_int64(stmt, 1, application_id);
	while (!ret && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		row.at = (const char *)sqlite3_column_text(stmt, 0);
		row.staff = (const char *)sqlite3_column_text(stmt, 1);
		row.action = (const char *)sqlite3_column_text(stmt, 2);
		row.before = (const char *)sqlite3_column_text(stmt, 3);
		row.after = (const char *)sqlite3_column_text(stmt, 4);
		ret = fn(&row, context);
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_sql_error(store);
	sqlite3_finalize(stmt);
	return ret;
}
