/* Staff accounts: add, load, password, disable, list, login results. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"
#include "util.h"

#define NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* ?N seconds since the epoch as UTC ISO, and back. */
#define ISO_OF(n) "strftime('%Y-%m-%dT%H:%M:%SZ', " n ", 'unixepoch')"
#define ACCOUNT_COLUMNS                                                        \
	"id, name, role, office, language, disabled_at, failed_logins,"        \
	" coalesce(CAST(strftime('%s', locked_until) AS INTEGER), 0),"         \
	" created_at, last_login_at"

/* An audit row of an account (no application), after as pairs. */
static int audit_account(struct sqlite_store *store, const char *action,
			 const char *staff, const char *const *pairs, size_t n)
{
	char *after = audit_json(pairs, n);
	struct audit_entry entry = {staff, action, 0, NULL, after};
	int ret = audit_append(store, &entry);

	free(after);
	return ret;
}

/* Run sql (no row) with texts bound to ?1..?n: the rows changed, or
 * -1. */
static int run_texts(struct sqlite_store *store, const char *sql,
		     const char *const *texts, int n)
{
	sqlite3_stmt *stmt = NULL;
	int i, ret;

	if (store_prepare(store, sql, &stmt) < 0)
		return -1;
	for (i = 0; i < n; i++)
		store_bind_text(stmt, i + 1, texts[i]);
	ret = store_run(store, stmt);
	if (!ret)
		ret = sqlite3_changes(store->db);
	sqlite3_finalize(stmt);
	return ret;
}

static char *column_dup(sqlite3_stmt *stmt, int column)
{
	const char *text = (const char *)sqlite3_column_text(stmt, column);

	return text ? xstrdup(text) : NULL;
}

static void account_from_row(sqlite3_stmt *stmt, struct store_account *a)
{
	a->id = sqlite3_column_int64(stmt, 0);
	a->name = column_dup(stmt, 1);
	a->role = column_dup(stmt, 2);
	a->office = column_dup(stmt, 3);
	a->language = column_dup(stmt, 4);
	a->disabled_at = column_dup(stmt, 5);
	a->failed_logins = sqlite3_column_int64(stmt, 6);
	a->locked_until = sqlite3_column_int64(stmt, 7);
	a->created_at = column_dup(stmt, 8);
	a->last_login_at = column_dup(stmt, 9);
	a->password_hash = NULL;
}

static int add_in(struct sqlite_store *store, const struct store_new_account *a)
{
	const char *texts[5] = {a->name, a->role, a->office, a->language,
				a->password_hash};
	const char *pairs[8] = {"name",	  a->name,   "role",	 a->role,
				"office", a->office, "language", a->language};
	int changed;

	changed = run_texts(store,
			    "INSERT INTO accounts (name, role, office,"
			    " language, password_hash, created_at)"
			    " VALUES (?1, ?2, ?3, ?4, ?5, " NOW ")"
			    " ON CONFLICT (name) DO NOTHING",
			    texts, 5);
	if (changed <= 0)
		return changed < 0 ? -1 : 1;
	return audit_account(store, "account_add", a->staff, pairs, 4);
}

int sqlite_account_add(struct store *base,
		       const struct store_new_account *account)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = add_in(store, account);
	if (store_end_write(store, ret < 0 ? -1 : 0) < 0)
		return -1;
	return ret;
}

int sqlite_account_get(struct store *base, const char *name,
		       struct store_account *account)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(account, 0, sizeof(*account));
	if (store_prepare(store,
			  "SELECT " ACCOUNT_COLUMNS ", password_hash"
			  " FROM accounts WHERE name = ?1",
			  &stmt) < 0)
		return -1;
	store_bind_text(stmt, 1, name);
	rc = store_step_row(store, stmt);
	if (rc > 0) {
		account_from_row(stmt, account);
		account->password_hash = column_dup(stmt, 10);
	}
	sqlite3_finalize(stmt);
	return rc < 0 ? -1 : !rc;
}

static int password_in(struct sqlite_store *store, const char *name,
		       const char *hash, const char *staff)
{
	const char *texts[2] = {hash, name};
	const char *pairs[2] = {"name", name};
	int changed;

	changed = run_texts(store,
			    "UPDATE accounts SET password_hash = ?1,"
			    " failed_logins = 0, locked_until = NULL"
			    " WHERE name = ?2",
			    texts, 2);
	if (changed <= 0)
		return changed < 0 ? -1 : 1;
	return audit_account(store, "account_passwd", staff, pairs, 1);
}

int sqlite_account_set_password(struct store *base, const char *name,
				const char *password_hash, const char *staff)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = password_in(store, name, password_hash, staff);
	if (store_end_write(store, ret < 0 ? -1 : 0) < 0)
		return -1;
	return ret;
}

/* 1 when there is an account of that name, 0 if not, -1. */
static int account_exists(struct sqlite_store *store, const char *name)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(store, "SELECT 1 FROM accounts WHERE name = ?1",
			  &stmt) < 0)
		return -1;
	store_bind_text(stmt, 1, name);
	rc = store_step_row(store, stmt);
	sqlite3_finalize(stmt);
	return rc;
}

static int disabled_in(struct sqlite_store *store, const char *name,
		       int disabled, const char *staff)
{
	const char *pairs[2] = {"name", name};
	int changed;

	changed = run_texts(store,
			    disabled ? "UPDATE accounts SET disabled_at = " NOW
				       " WHERE name = ?1"
				       " AND disabled_at IS NULL"
				     : "UPDATE accounts SET disabled_at = NULL,"
				       " failed_logins = 0, locked_until = NULL"
				       " WHERE name = ?1"
				       " AND disabled_at IS NOT NULL",
			    &name, 1);
	if (changed < 0)
		return -1;
	if (!changed) {
		changed = account_exists(store, name);
		return changed < 0 ? -1 : changed ? 2 : 1;
	}
	return audit_account(store,
			     disabled ? "account_disable" : "account_enable",
			     staff, pairs, 1);
}

int sqlite_account_set_disabled(struct store *base, const char *name,
				int disabled, const char *staff)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = disabled_in(store, name, disabled, staff);
	if (store_end_write(store, ret < 0 ? -1 : 0) < 0)
		return -1;
	return ret;
}

int sqlite_account_list(struct store *base, store_account_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = NULL;
	struct store_account account;
	int rc = SQLITE_DONE, ret = 0, began = 0;

	if (store_begin_read(store, &began) < 0)
		return -1;
	if (store_prepare(
		store, "SELECT " ACCOUNT_COLUMNS " FROM accounts ORDER BY name",
		&stmt) < 0) {
		store_end_read(store, began);
		return -1;
	}
	while (!ret && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		account_from_row(stmt, &account);
		ret = fn(&account, context);
		store_account_release(&account);
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_sql_error(store);
	sqlite3_finalize(stmt);
	store_end_read(store, began);
	return ret;
}

/* The failed logins of name after one more: the count, 0 when there is
 * no such account, -1. */
static long long count_failure(struct sqlite_store *store, const char *name)
{
	sqlite3_stmt *stmt = NULL;
	long long count = -1;
	int rc;

	if (store_prepare(store,
			  "UPDATE accounts SET failed_logins ="
			  " failed_logins + 1 WHERE name = ?1"
			  " RETURNING failed_logins",
			  &stmt) < 0)
		return -1;
	store_bind_text(stmt, 1, name);
	rc = store_step_row(store, stmt);
	if (rc >= 0)
		count = rc ? sqlite3_column_int64(stmt, 0) : 0;
	if (rc > 0 && sqlite3_step(stmt) != SQLITE_DONE)
		count = store_sql_error(store);
	sqlite3_finalize(stmt);
	return count;
}

/* Lock name until now + minutes, the count starting again; audited. */
static int lock_in(struct sqlite_store *store, const char *name, long long now,
		   int minutes)
{
	sqlite3_stmt *stmt = NULL;
	char until[32];
	const char *pairs[4] = {"name", name, "locked_until", until};
	int rc;

	if (store_prepare(
		store,
		"UPDATE accounts SET failed_logins = 0,"
		" locked_until = " ISO_OF("?1") " WHERE name = ?2"
						" RETURNING locked_until",
		&stmt) < 0)
		return -1;
	sqlite3_bind_int64(stmt, 1, now + 60LL * minutes);
	store_bind_text(stmt, 2, name);
	rc = store_step_row(store, stmt);
	if (rc > 0)
		snprintf(until, sizeof(until), "%s",
			 (const char *)sqlite3_column_text(stmt, 0));
	if (rc > 0 && sqlite3_step(stmt) != SQLITE_DONE)
		rc = store_sql_error(store);
	sqlite3_finalize(stmt);
	if (rc <= 0)
		return -1;
	return audit_account(store, "account_lock", NULL, pairs, 2);
}

static int login_in(struct sqlite_store *store, const char *name, int ok,
		    long long now, int lock_after, int lock_minutes)
{
	sqlite3_stmt *stmt = NULL;
	long long count;
	int rc;

	if (ok) {
		if (store_prepare(
			store,
			"UPDATE accounts SET failed_logins = 0,"
			" locked_until = NULL, last_login_at = " ISO_OF(
			    "?1") " WHERE name = ?2",
			&stmt) < 0)
			return -1;
		sqlite3_bind_int64(stmt, 1, now);
		store_bind_text(stmt, 2, name);
		rc = store_run(store, stmt);
		if (!rc)
			rc = sqlite3_changes(store->db) ? 0 : 1;
		sqlite3_finalize(stmt);
		return rc;
	}
	count = count_failure(store, name);
	if (count <= 0)
		return count < 0 ? -1 : 1;
	if (lock_after > 0 && count >= lock_after)
		return lock_in(store, name, now, lock_minutes);
	return 0;
}

int sqlite_login_result(struct store *base, const char *name, int ok,
			long long now, int lock_after, int lock_minutes)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = login_in(store, name, ok, now, lock_after, lock_minutes);
	if (store_end_write(store, ret < 0 ? -1 : 0) < 0)
		return -1;
	return ret;
}

int sqlite_audit_event(struct store *base, const char *staff,
		       const char *action, const char *const *pairs, size_t n)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = audit_account(store, action, staff, pairs, n);
	return store_end_write(store, ret);
}
