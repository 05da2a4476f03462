/* PostgreSQL: store_quick_check, what the server can tell of damage. */
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "pg_internal.h"
#include "util.h"

/*
 * PostgreSQL has no PRAGMA quick_check.  What it checks here, of every
 * table of intake (or of the one asked for), in this order:
 *  - the table is there;
 *  - every row of it can be read, TOASTed values included (the whole
 *    row is turned into text): a page the server finds damaged (a bad
 *    page header, a checksum failure when the cluster has checksums),
 *    a missing or unreadable file, fails with an error of class XX
 *    (internal: data or index corrupted) or 58 (system), and that
 *    error is the problem named;
 *  - every index of it is valid and ready (not left half-built by a
 *    failed CREATE INDEX CONCURRENTLY or REINDEX);
 *  - the append-only triggers of audit and case_notes are there and
 *    enabled.
 * It does not compare an index with its table (amcheck's
 * bt_index_check needs a grant from a superuser).  Each problem is one
 * line to fn; damaged sets STORE_CORRUPT, as SQLite's check does.
 */
static const char *const tables[] = {
	"applications", "answers", "outcomes", "outcome_counts",
	"receipt_sequences", "audit", "drafts", "draft_answers", "draft_ids",
	"links", "search_keys", "case_notes", "accounts", "sessions",
	"intake_schema",
};

static const struct trigger {
	const char *table, *name;
} triggers[] = {
	{ "audit", "audit_no_update" },
	{ "audit", "audit_no_delete" },
	{ "audit", "audit_no_truncate" },
	{ "audit", "audit_chained" },
	{ "case_notes", "case_notes_no_update" },
	{ "case_notes", "case_notes_no_delete" },
	{ "case_notes", "case_notes_no_truncate" },
};

struct check {
	struct pg_store *pg;
	store_problem_fn fn;
	void *context;
	int damaged;
};

static void problem(struct check *c, const char *text)
{
	c->damaged = 1;
	if (c->fn)
		c->fn(text, c->context);
}

/* Run sql with the table's name as $1 (and name as $2 unless NULL). */
static PGresult *about(struct check *c, const char *sql, const char *table,
		       const char *name)
{
	struct pg_params params = { 0 };

	pg_param_text(&params, table);
	if (name)
		pg_param_text(&params, name);
	return pg_query(c->pg, sql, &params);
}

/* 1 when the table is there, 0 when not (a problem), -1. */
static int check_present(struct check *c, const char *table)
{
	PGresult *res = about(c, "SELECT to_regclass(quote_ident($1))"
				 " IS NOT NULL", table, NULL);
	int present;
	char *line;

	if (!res)
		return -1;
	present = !strcmp(PQgetvalue(res, 0, 0), "t");
	PQclear(res);
	if (!present) {
		line = xstrfmt(msg(MSG_PG_CHECK_NO_TABLE), table);
		problem(c, line);
		free(line);
	}
	return present;
}

/* A failure of class XX or 58 is damage, any other an error. */
static int is_damage(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	return state && (!strncmp(state, "XX", 2) || !strncmp(state, "58", 2));
}

/* Read every row of the table: 0 (a damaged one is a problem), -1. */
static int check_readable(struct check *c, const char *table)
{
	char *sql = xstrfmt("SELECT count(*) FROM %s t"
			    " WHERE length(t::text) >= 0", table);
	const char *why;
	PGresult *res;
	char *line;
	int ret = 0;

	if (pg_ready(c->pg) < 0) {
		free(sql);
		return -1;
	}
	res = PQexec(c->pg->conn, sql);
	free(sql);
	if (res && PQresultStatus(res) == PGRES_TUPLES_OK) {
		PQclear(res);
		return 0;
	}
	if (res && is_damage(res)) {
		why = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
		line = xstrfmt(msg(MSG_PG_CHECK_UNREADABLE), table,
			       why ? why : "");
		problem(c, line);
		free(line);
	} else {
		ret = pg_error(c->pg, res);
	}
	PQclear(res);
	return ret;
}

static int check_indexes(struct check *c, const char *table)
{
	PGresult *res = about(c,
		"SELECT i.indexrelid::regclass::text FROM pg_index i"
		" WHERE i.indrelid = to_regclass(quote_ident($1))"
		" AND NOT (i.indisvalid AND i.indisready AND i.indislive)"
		" ORDER BY 1", table, NULL);
	char *line;
	int i;

	if (!res)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		line = xstrfmt(msg(MSG_PG_CHECK_BAD_INDEX), table,
			       PQgetvalue(res, i, 0));
		problem(c, line);
		free(line);
	}
	PQclear(res);
	return 0;
}

static int check_triggers(struct check *c, const char *table)
{
	PGresult *res;
	char *line;
	size_t i;
	int on;

	for (i = 0; i < ARRAY_SIZE(triggers); i++) {
		if (table && strcmp(table, triggers[i].table))
			continue;
		res = about(c, "SELECT count(*) FROM pg_trigger"
			       " WHERE tgrelid = to_regclass(quote_ident($1))"
			       " AND tgname = $2 AND tgenabled <> 'D'",
			    triggers[i].table, triggers[i].name);
		if (!res)
			return -1;
		on = pg_int(res, 0, 0) > 0;
		PQclear(res);
		if (on)
			continue;
		line = xstrfmt(msg(MSG_PG_CHECK_NO_TRIGGER),
			       triggers[i].table, triggers[i].name);
		problem(c, line);
		free(line);
	}
	return 0;
}

static int check_table(struct check *c, const char *table)
{
	int present = check_present(c, table);

	if (present <= 0)
		return present;
	if (check_readable(c, table) < 0 || check_indexes(c, table) < 0)
		return -1;
	return 0;
}

/* The known table named name; a name intake does not have is a bug. */
static const char *known_table(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tables); i++)
		if (!strcmp(tables[i], name))
			return tables[i];
	BUG("quick_check of '%s', not a table of intake", name);
	return NULL;
}

int pg_quick_check(struct store *store, const char *table,
		   store_problem_fn fn, void *context)
{
	struct check c = { pg_of(store), fn, context, 0 };
	size_t i;

	if (table && check_table(&c, known_table(table)) < 0)
		return -1;
	for (i = 0; !table && i < ARRAY_SIZE(tables); i++)
		if (check_table(&c, tables[i]) < 0)
			return -1;
	if (check_triggers(&c, table) < 0)
		return -1;
	if (c.damaged)
		store->status = STORE_CORRUPT;
	return c.damaged;
}
