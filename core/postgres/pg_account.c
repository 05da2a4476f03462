/* PostgreSQL: staff accounts: add, load, password, disable, list, logins. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pg_internal.h"
#include "util.h"

/*
 * As sqlite_account.c keeps them, column for column: times are UTC ISO
 * text ("YYYY-MM-DDTHH:MM:SSZ"), locked_until too, read back as
 * seconds since the epoch.  Each write is one transaction (pg_write)
 * with its audit row, whose JSON is the same as SQLite's.
 */
#define ACCOUNT_COLUMNS                                                        \
	"id, name, role, office, language, disabled_at, failed_logins,"        \
	" coalesce(extract(epoch FROM locked_until::timestamptz)::bigint,"     \
	" 0), created_at, last_login_at"

/* seconds since the epoch as UTC ISO, as SQLite's strftime gives it. */
static void iso_of(long long seconds, char iso[32])
{
	time_t t = (time_t)seconds;
	struct tm utc;

	if (!gmtime_r(&t, &utc))
		BUG("a time out of range: %lld", seconds);
	strftime(iso, 32, "%Y-%m-%dT%H:%M:%SZ", &utc);
}

/* An audit row of an account (no application), after as pairs. */
static int audit_account(struct pg_store *pg, const char *action,
			 const char *staff, const char *const *pairs, size_t n)
{
	char *after = audit_json(pairs, n);
	struct audit_entry entry = {staff, action, 0, NULL, after};
	int ret = pg_audit_append(pg, &entry);

	free(after);
	return ret;
}

/* Run sql: the rows it changed, or -1. */
static long long run_changed(struct pg_store *pg, const char *sql,
			     const struct pg_params *params)
{
	PGresult *res = pg_query(pg, sql, params);
	long long changed;

	if (!res)
		return -1;
	changed = pg_changed(res);
	PQclear(res);
	return changed;
}

static char *dup_or_null(const PGresult *res, int row, int column)
{
	return pg_dup(res, row, column, 1);
}

static void account_from_row(const PGresult *res, int i,
			     struct store_account *a)
{
	a->id = pg_int(res, i, 0);
	a->name = dup_or_null(res, i, 1);
	a->role = dup_or_null(res, i, 2);
	a->office = dup_or_null(res, i, 3);
	a->language = dup_or_null(res, i, 4);
	a->disabled_at = dup_or_null(res, i, 5);
	a->failed_logins = pg_int(res, i, 6);
	a->locked_until = pg_int(res, i, 7);
	a->created_at = dup_or_null(res, i, 8);
	a->last_login_at = dup_or_null(res, i, 9);
	a->password_hash = NULL;
}

static int add_body(struct pg_store *pg, void *context)
{
	const struct store_new_account *a = context;
	const char *pairs[8] = {"name",	  a->name,   "role",	 a->role,
				"office", a->office, "language", a->language};
	struct pg_params params = {0};
	char now[32];
	long long changed;

	store_now(now, sizeof(now));
	pg_param_text(&params, a->name);
	pg_param_text(&params, a->role);
	pg_param_text(&params, a->office);
	pg_param_text(&params, a->language);
	pg_param_text(&params, a->password_hash);
	pg_param_text(&params, now);
	changed = run_changed(pg,
			      "INSERT INTO accounts (name, role, office,"
			      " language, password_hash, created_at)"
			      " VALUES ($1, $2, $3, $4, $5, $6)"
			      " ON CONFLICT (name) DO NOTHING",
			      &params);
	if (changed <= 0)
		return changed < 0 ? -1 : 1;
	return audit_account(pg, "account_add", a->staff, pairs, 4);
}

int pg_account_add(struct store *store, const struct store_new_account *account)
{
	return pg_write(pg_of(store), add_body, (void *)account);
}

int pg_account_get(struct store *store, const char *name,
		   struct store_account *account)
{
	struct pg_params params = {0};
	PGresult *res;
	int found;

	memset(account, 0, sizeof(*account));
	pg_param_text(&params, name);
	res = pg_query(pg_of(store),
		       "SELECT " ACCOUNT_COLUMNS ", password_hash"
		       " FROM accounts WHERE name = $1",
		       &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	if (found) {
		account_from_row(res, 0, account);
		account->password_hash = dup_or_null(res, 0, 10);
	}
	PQclear(res);
	return !found;
}

struct change {
	const char *name, *hash, *staff;
	int disabled;
};

static int password_body(struct pg_store *pg, void *context)
{
	const struct change *c = context;
	const char *pairs[2] = {"name", c->name};
	struct pg_params params = {0};
	long long changed;

	pg_param_text(&params, c->hash);
	pg_param_text(&params, c->name);
	changed = run_changed(pg,
			      "UPDATE accounts SET password_hash = $1,"
			      " failed_logins = 0, locked_until = NULL"
			      " WHERE name = $2",
			      &params);
	if (changed <= 0)
		return changed < 0 ? -1 : 1;
	return audit_account(pg, "account_passwd", c->staff, pairs, 1);
}

int pg_account_set_password(struct store *store, const char *name,
			    const char *password_hash, const char *staff)
{
	struct change c = {name, password_hash, staff, 0};

	return pg_write(pg_of(store), password_body, &c);
}

/* 1 when there is an account of that name, 0 if not, -1. */
static int account_exists(struct pg_store *pg, const char *name)
{
	struct pg_params params = {0};
	PGresult *res;
	int found;

	pg_param_text(&params, name);
	res = pg_query(pg, "SELECT 1 FROM accounts WHERE name = $1", &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	PQclear(res);
	return found;
}

static int disabled_body(struct pg_store *pg, void *context)
{
	const struct change *c = context;
	const char *pairs[2] = {"name", c->name};
	struct pg_params params = {0};
	char now[32];
	long long changed;
	int exists;

	store_now(now, sizeof(now));
	pg_param_text(&params, c->name);
	if (c->disabled)
		pg_param_text(&params, now);
	changed =
	    run_changed(pg,
			c->disabled ? "UPDATE accounts SET disabled_at = $2"
				      " WHERE name = $1"
				      " AND disabled_at IS NULL"
				    : "UPDATE accounts SET disabled_at = NULL,"
				      " failed_logins = 0, locked_until = NULL"
				      " WHERE name = $1"
				      " AND disabled_at IS NOT NULL",
			&params);
	if (changed < 0)
		return -1;
	if (!changed) {
		exists = account_exists(pg, c->name);
		return exists < 0 ? -1 : exists ? 2 : 1;
	}
	return audit_account(pg,
			     c->disabled ? "account_disable" : "account_enable",
			     c->staff, pairs, 1);
}

int pg_account_set_disabled(struct store *store, const char *name, int disabled,
			    const char *staff)
{
	struct change c = {name, NULL, staff, disabled};

	return pg_write(pg_of(store), disabled_body, &c);
}

struct listing {
	store_account_fn fn;
	void *context;
};

static int list_body(struct pg_store *pg, void *context)
{
	struct listing *listing = context;
	struct store_account account;
	PGresult *res = pg_query(pg,
				 "SELECT " ACCOUNT_COLUMNS " FROM accounts"
				 " ORDER BY name",
				 NULL);
	int i, ret = 0;

	if (!res)
		return -1;
	for (i = 0; !ret && i < PQntuples(res); i++) {
		account_from_row(res, i, &account);
		ret = listing->fn(&account, listing->context);
		store_account_release(&account);
	}
	PQclear(res);
	return ret;
}

int pg_account_list(struct store *store, store_account_fn fn, void *context)
{
	struct listing listing = {fn, context};

	return pg_read(pg_of(store), list_body, &listing);
}

/* Logins. */

struct login {
	const char *name;
	int ok;
	long long now;
	int lock_after, lock_minutes;
};

/* The failed logins of name after one more: the count, 0 when there is
 * no such account, -1. */
static long long count_failure(struct pg_store *pg, const char *name)
{
	struct pg_params params = {0};
	PGresult *res;
	long long count;

	pg_param_text(&params, name);
	res = pg_query(pg,
		       "UPDATE accounts SET failed_logins = failed_logins + 1"
		       " WHERE name = $1 RETURNING failed_logins",
		       &params);
	if (!res)
		return -1;
	count = PQntuples(res) ? pg_int(res, 0, 0) : 0;
	PQclear(res);
	return count;
}

/* Lock the account until now + minutes, the count starting again;
 * audited. */
static int lock_account(struct pg_store *pg, const struct login *login)
{
	char until[32];
	const char *pairs[4] = {"name", login->name, "locked_until", until};
	struct pg_params params = {0};

	iso_of(login->now + 60LL * login->lock_minutes, until);
	pg_param_text(&params, until);
	pg_param_text(&params, login->name);
	if (pg_run(pg,
		   "UPDATE accounts SET failed_logins = 0, locked_until = $1"
		   " WHERE name = $2",
		   &params) < 0)
		return -1;
	return audit_account(pg, "account_lock", NULL, pairs, 2);
}

static int succeeded(struct pg_store *pg, const struct login *login)
{
	struct pg_params params = {0};
	char at[32];
	long long changed;

	iso_of(login->now, at);
	pg_param_text(&params, at);
	pg_param_text(&params, login->name);
	changed = run_changed(pg,
			      "UPDATE accounts SET failed_logins = 0,"
			      " locked_until = NULL, last_login_at = $1"
			      " WHERE name = $2",
			      &params);
	return changed < 0 ? -1 : !changed;
}

static int login_body(struct pg_store *pg, void *context)
{
	const struct login *login = context;
	long long count;

	if (login->ok)
		return succeeded(pg, login);
	count = count_failure(pg, login->name);
	if (count <= 0)
		return count < 0 ? -1 : 1;
	if (login->lock_after > 0 && count >= login->lock_after)
		return lock_account(pg, login);
	return 0;
}

int pg_login_result(struct store *store, const char *name, int ok,
		    long long now, int lock_after, int lock_minutes)
{
	struct login login = {name, ok, now, lock_after, lock_minutes};

	return pg_write(pg_of(store), login_body, &login);
}
