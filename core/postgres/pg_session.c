/* PostgreSQL: server sessions, kept where every `intake serve` sees them. */
#include <string.h>

#include "pg_internal.h"
#include "util.h"

/*
 * As sqlite_session.c: the SHA-256 of a session's token, never the
 * token; times in seconds since the epoch.  The sessions live in the
 * database, so a request of a session may reach any `intake serve`
 * in front of it.  Each write is one statement, hence one transaction.
 */

/* Run one write: the rows it changed, or -1. */
static long long write_one(struct pg_store *pg, const char *sql,
			   const struct pg_params *params)
{
	PGresult *res;
	long long changed;

	res = pg_query(pg, sql, params);
	if (!res)
		return -1;
	changed = pg_changed(res);
	PQclear(res);
	return changed;
}

int pg_session_add(struct store *store, const struct store_new_session *session)
{
	struct pg_params params = {0};

	pg_param_text(&params, session->token_hash);
	pg_param_int(&params, session->account_id);
	pg_param_text(&params, session->csrf);
	pg_param_int(&params, session->now);
	pg_param_int(&params, session->expires_at);
	return write_one(pg_of(store),
			 "INSERT INTO sessions (token_hash, account_id, csrf,"
			 " created_at, last_seen_at, expires_at)"
			 " VALUES ($1, $2, $3, $4, $4, $5)",
			 &params) < 0
		   ? -1
		   : 0;
}

static void session_from_row(const PGresult *res, struct store_session *s)
{
	s->account_id = pg_int(res, 0, 0);
	s->csrf = pg_dup(res, 0, 1, 1);
	s->name = pg_dup(res, 0, 2, 1);
	s->role = pg_dup(res, 0, 3, 1);
	s->office = pg_dup(res, 0, 4, 1);
	s->language = pg_dup(res, 0, 5, 1);
}

/* The live session of token_hash at now (an enabled account) and when
 * it expires: 1, 0 none, -1. */
static int session_select(struct pg_store *pg, const char *token_hash,
			  long long now, struct store_session *session,
			  long long *expires_at)
{
	struct pg_params params = {0};
	PGresult *res;
	int found;

	pg_param_text(&params, token_hash);
	pg_param_int(&params, now);
	res = pg_query(pg,
		       "SELECT a.id, s.csrf, a.name, a.role, a.office,"
		       " a.language, s.expires_at FROM sessions s"
		       " JOIN accounts a ON a.id = s.account_id"
		       " WHERE s.token_hash = $1 AND s.expires_at > $2"
		       " AND a.disabled_at IS NULL",
		       &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	if (found) {
		session_from_row(res, session);
		*expires_at = pg_int(res, 0, 6);
	}
	PQclear(res);
	return found;
}

int pg_session_get(struct store *store, const char *token_hash, long long now,
		   long long expires_at, struct store_session *session)
{
	struct pg_store *pg = pg_of(store);
	struct pg_params params = {0};
	long long expires_before = 0;
	int rc;

	memset(session, 0, sizeof(*session));
	rc = session_select(pg, token_hash, now, session, &expires_before);
	if (rc <= 0)
		return rc < 0 ? -1 : 1;
	/* Written only once the expiry would move by a tenth of the idle
	 * time: most requests then read and do not write. */
	if (expires_at - expires_before < (expires_at - now) / 10)
		return 0;
	pg_param_text(&params, token_hash);
	pg_param_int(&params, now);
	pg_param_int(&params, expires_at);
	if (write_one(pg,
		      "UPDATE sessions SET last_seen_at = $2,"
		      " expires_at = $3 WHERE token_hash = $1",
		      &params) < 0) {
		store_session_release(session);
		return -1;
	}
	return 0;
}

int pg_session_delete(struct store *store, const char *token_hash)
{
	struct pg_params params = {0};
	long long changed;

	pg_param_text(&params, token_hash);
	changed =
	    write_one(pg_of(store),
		      "DELETE FROM sessions WHERE token_hash = $1", &params);
	return changed < 0 ? -1 : !changed;
}

int pg_session_purge(struct store *store, long long now)
{
	struct pg_params params = {0};

	pg_param_int(&params, now);
	return (int)write_one(pg_of(store),
			      "DELETE FROM sessions WHERE expires_at <= $1",
			      &params);
}
