/* Server sessions: add, look up and touch, delete, purge the expired. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"
#include "util.h"

static char *column_dup(sqlite3_stmt *stmt, int column)
{
	const char *text = (const char *)sqlite3_column_text(stmt, column);

	return text ? xstrdup(text) : NULL;
}

/* Run one write statement, its values bound by bind, in a transaction:
 * the rows changed, or -1. */
static int write_one(struct sqlite_store *store, const char *sql,
		     void (*bind)(sqlite3_stmt *, const void *),
		     const void *values)
{
	sqlite3_stmt *stmt = NULL;
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = store_prepare(store, sql, &stmt);
	if (!ret) {
		bind(stmt, values);
		ret = store_run(store, stmt);
	}
	if (!ret)
		ret = sqlite3_changes(store->db);
	sqlite3_finalize(stmt);
	if (store_end_write(store, ret < 0 ? -1 : 0) < 0)
		return -1;
	return ret;
}

static void bind_new(sqlite3_stmt *stmt, const void *values)
{
	const struct store_new_session *s = values;

	store_bind_text(stmt, 1, s->token_hash);
	sqlite3_bind_int64(stmt, 2, s->account_id);
	store_bind_text(stmt, 3, s->csrf);
	sqlite3_bind_int64(stmt, 4, s->now);
	sqlite3_bind_int64(stmt, 5, s->expires_at);
}

int sqlite_session_add(struct store *base,
		       const struct store_new_session *session)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret = write_one(store,
			    "INSERT INTO sessions (token_hash, account_id,"
			    " csrf, created_at, last_seen_at, expires_at)"
			    " VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
			    bind_new, session);

	return ret < 0 ? -1 : 0;
}

struct touch {
	const char *token_hash;
	long long now, expires_at;
};

static void bind_touch(sqlite3_stmt *stmt, const void *values)
{
	const struct touch *t = values;

	store_bind_text(stmt, 1, t->token_hash);
	sqlite3_bind_int64(stmt, 2, t->now);
	sqlite3_bind_int64(stmt, 3, t->expires_at);
}

static void session_from_row(sqlite3_stmt *stmt, struct store_session *s)
{
	s->account_id = sqlite3_column_int64(stmt, 0);
	s->csrf = column_dup(stmt, 1);
	s->name = column_dup(stmt, 2);
	s->role = column_dup(stmt, 3);
	s->office = column_dup(stmt, 4);
	s->language = column_dup(stmt, 5);
}

/* The live session of token_hash at now (an enabled account) and when
 * it expires: 1, 0 none, -1. */
static int session_select(struct sqlite_store *store, const char *token_hash,
			  long long now, struct store_session *session,
			  long long *expires_at)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(store,
			  "SELECT a.id, s.csrf, a.name, a.role, a.office,"
			  " a.language, s.expires_at FROM sessions s"
			  " JOIN accounts a ON a.id = s.account_id"
			  " WHERE s.token_hash = ?1 AND s.expires_at > ?2"
			  " AND a.disabled_at IS NULL",
			  &stmt) < 0)
		return -1;
	store_bind_text(stmt, 1, token_hash);
	sqlite3_bind_int64(stmt, 2, now);
	rc = store_step_row(store, stmt);
	if (rc > 0) {
		session_from_row(stmt, session);
		*expires_at = sqlite3_column_int64(stmt, 6);
	}
	sqlite3_finalize(stmt);
	return rc;
}

int sqlite_session_get(struct store *base, const char *token_hash,
		       long long now, long long expires_at,
		       struct store_session *session)
{
	struct sqlite_store *store = sqlite_of(base);
	struct touch touch = {token_hash, now, expires_at};
	long long expires_before = 0;
	int rc;

	memset(session, 0, sizeof(*session));
	rc = session_select(store, token_hash, now, session, &expires_before);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	/* Written only once the expiry would move by a tenth of the idle
	 * time: most requests then read and do not write. */
	if (expires_at - expires_before < (expires_at - now) / 10)
		return 0;
	if (write_one(store,
		      "UPDATE sessions SET last_seen_at = ?2,"
		      " expires_at = ?3 WHERE token_hash = ?1",
		      bind_touch, &touch) < 0) {
		store_session_release(session);
		return -1;
	}
	return 0;
}

static void bind_hash(sqlite3_stmt *stmt, const void *values)
{
	store_bind_text(stmt, 1, values);
}

int sqlite_session_delete(struct store *base, const char *token_hash)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret = write_one(store, "DELETE FROM sessions WHERE token_hash = ?1",
			    bind_hash, token_hash);

	return ret < 0 ? -1 : !ret;
}

static void bind_now(sqlite3_stmt *stmt, const void *values)
{
	sqlite3_bind_int64(stmt, 1, *(const long long *)values);
}

int sqlite_session_purge(struct store *base, long long now)
{
	struct sqlite_store *store = sqlite_of(base);

	return write_one(store, "DELETE FROM sessions WHERE expires_at <= ?1",
			 bind_now, &now);
}
