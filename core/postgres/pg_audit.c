/* PostgreSQL: the audit hash chain, appended one writer at a time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"
#include "util.h"

/*
 * One chain for every connection on every host: an appender takes this
 * advisory lock (held to the end of its transaction) before it reads
 * the head, so no two rows follow the same head.  The rows and hashes
 * are audit_chain.h's, the same as SQLite's: a chain copied from one
 * backend verifies in the other.
 */
#define PG_AUDIT_LOCK "7305112002"

/* Triggers the schema puts on audit (pg_schema.c). */
#define PG_AUDIT_TRIGGERS 4

/* JSON as SQLite's json_object writes it. */

static void json_key(struct strbuf *json, const char *key)
{
	strbuf_addch(json, json->len ? ',' : '{');
	audit_json_string(json, key);
	strbuf_addch(json, ':');
}

void pg_json_text(struct strbuf *json, const char *key, const char *text)
{
	json_key(json, key);
	if (text)
		audit_json_string(json, text);
	else
		strbuf_addstr(json, "null");
}

void pg_json_int(struct strbuf *json, const char *key, long long value)
{
	json_key(json, key);
	strbuf_addf(json, "%lld", value);
}

void pg_json_int_or_null(struct strbuf *json, const char *key,
			 const char *value)
{
	json_key(json, key);
	strbuf_addstr(json, value ? value : "null");
}

char *pg_json_end(struct strbuf *json)
{
	if (!json->len)
		strbuf_addch(json, '{');
	strbuf_addch(json, '}');
	return strbuf_detach(json);
}

/* Appending. */

/* The last row's id and raw hash: 0 and zeros when there is none. */
static int chain_head(struct pg_store *pg, long long *id,
		      unsigned char hash[AUDIT_HASH_SIZE])
{
	PGresult *res = pg_query(pg,
				 "SELECT id, hash FROM audit"
				 " ORDER BY id DESC LIMIT 1",
				 NULL);

	*id = 0;
	memset(hash, 0, AUDIT_HASH_SIZE);
	if (!res)
		return -1;
	if (PQntuples(res)) {
		*id = pg_int(res, 0, 0);
		audit_hash_from_hex(pg_text(res, 0, 1), hash);
	}
	PQclear(res);
	return 0;
}

int pg_audit_lock_head(struct pg_store *pg, long long *id,
		       unsigned char hash[AUDIT_HASH_SIZE])
{
	if (pg_run(pg, "SELECT pg_advisory_xact_lock(" PG_AUDIT_LOCK ")",
		   NULL) < 0)
		return -1;
	return chain_head(pg, id, hash);
}

int pg_audit_append_row(struct pg_store *pg, struct audit_row *row,
			char hex[AUDIT_HEX_SIZE])
{
	unsigned char prev[AUDIT_HASH_SIZE];
	struct pg_params params = { 0 };

	if (pg_audit_lock_head(pg, &row->id, prev) < 0)
		return -1;
	row->id++;
	audit_hash_row(prev, row, hex);
	pg_param_int(&params, row->id);
	pg_param_text(&params, row->at);
	pg_param_text(&params, row->staff);
	pg_param_text(&params, row->action);
	if (row->application_id)
		pg_param_int(&params, row->application_id);
	else
		pg_param_null(&params);
	pg_param_text(&params, row->before);
	pg_param_text(&params, row->after);
	pg_param_text(&params, hex);
	return pg_run(pg,
		      "INSERT INTO audit (" AUDIT_COLUMNS ", hash)"
		      " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		      &params);
}

int pg_audit_append(struct pg_store *pg, const struct audit_entry *entry)
{
	char at[32], hex[AUDIT_HEX_SIZE];
	struct audit_row row = { 0,	       at,
				 entry->staff, entry->action,
				 entry->application_id, entry->before,
				 entry->after };

	store_now(at, sizeof(at));
	return pg_audit_append_row(pg, &row, hex);
}

struct event {
	const char *staff, *action;
	const char *const *pairs;
	size_t n;
};

static int append_event(struct pg_store *pg, void *context)
{
	const struct event *event = context;
	char *after = audit_json(event->pairs, event->n);
	struct audit_entry entry = { event->staff, event->action, 0, NULL,
				     after };
	int ret = pg_audit_append(pg, &entry);

	free(after);
	return ret;
}

int pg_audit_event(struct store *store, const char *staff,
		   const char *action, const char *const *pairs, size_t n)
{
	struct event event = { staff, action, pairs, n };

	return pg_write(pg_of(store), append_event, &event);
}

/* Verifying. */

static void row_from_result(const PGresult *res, int i, struct audit_row *row)
{
	row->id = pg_int(res, i, 0);
	row->at = pg_text(res, i, 1);
	row->staff = pg_text(res, i, 2);
	row->action = pg_text(res, i, 3);
	row->application_id = pg_int(res, i, 4);
	row->before = pg_text(res, i, 5);
	row->after = pg_text(res, i, 6);
}

/* Check the rows of one fetch: 1 at the first bad one, else 0. */
static int check_rows(const PGresult *res, struct store_audit_check *check,
		      unsigned char prev[AUDIT_HASH_SIZE])
{
	char expected[AUDIT_HEX_SIZE];
	struct audit_row row;
	const char *stored;
	int i;

	for (i = 0; i < PQntuples(res); i++) {
		row_from_result(res, i, &row);
		stored = pg_text(res, i, 7);
		audit_hash_row(prev, &row, expected);
		check->rows++;
		snprintf(check->head, sizeof(check->head), "%s",
			 stored ? stored : "");
		if (!stored || strcmp(stored, expected) ||
		    row.id != check->rows) {
			check->first_bad = row.id;
			return 1; /* every later row depends on this one */
		}
		audit_hash_from_hex(expected, prev);
	}
	return 0;
}

/* Walk the chain in id order, a fetch at a time. */
static int walk_chain(struct pg_store *pg, struct store_audit_check *check)
{
	unsigned char prev[AUDIT_HASH_SIZE] = { 0 };
	PGresult *res;
	int n, bad = 0;

	if (pg_run(pg,
		   "DECLARE audit_walk NO SCROLL CURSOR FOR"
		   " SELECT " AUDIT_COLUMNS ", hash FROM audit ORDER BY id",
		   NULL) < 0)
		return -1;
	do {
		res = pg_query(pg, "FETCH 1000 FROM audit_walk", NULL);
		if (!res)
			return -1;
		n = PQntuples(res);
		bad = check_rows(res, check, prev);
		PQclear(res);
	} while (n && !bad);
	return pg_run(pg, "CLOSE audit_walk", NULL);
}

/* The append-only triggers there and enabled. */
static int count_triggers(struct pg_store *pg, long long *found)
{
	PGresult *res = pg_query(pg,
		"SELECT count(*) FROM pg_catalog.pg_trigger t"
		" JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
		" WHERE c.oid = to_regclass('audit') AND t.tgenabled <> 'D'"
		" AND t.tgname IN ('audit_no_update', 'audit_no_delete',"
		" 'audit_no_truncate', 'audit_chained')", NULL);

	if (!res)
		return -1;
	*found = pg_int(res, 0, 0);
	PQclear(res);
	return 0;
}

static int verify(struct pg_store *pg, void *context)
{
	struct store_audit_check *check = context;
	long long triggers = 0;

	if (walk_chain(pg, check) < 0 || count_triggers(pg, &triggers) < 0)
		return -1;
	check->triggers_missing = triggers != PG_AUDIT_TRIGGERS;
	return 0;
}

int pg_audit_verify(struct store *store, struct store_audit_check *check)
{
	memset(check, 0, sizeof(*check));
	return pg_read(pg_of(store), verify, check);
}

int pg_audit_head(struct store *store, char head[65])
{
	PGresult *res = pg_query(pg_of(store),
				 "SELECT hash FROM audit"
				 " ORDER BY id DESC LIMIT 1",
				 NULL);

	head[0] = '\0';
	if (!res)
		return -1;
	if (PQntuples(res) && pg_text(res, 0, 0))
		snprintf(head, 65, "%.64s", pg_text(res, 0, 0));
	PQclear(res);
	return 0;
}

int pg_audit_has(struct store *store, const char *hash)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int found;

	pg_param_text(&params, hash);
	res = pg_query(pg_of(store),
		       "SELECT 1 FROM audit WHERE hash = lower($1) LIMIT 1",
		       &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	PQclear(res);
	return found;
}

/* One number a statement selects, or -1. */
static long long select_count(struct store *store, const char *sql)
{
	PGresult *res = pg_query(pg_of(store), sql, NULL);
	long long count;

	if (!res)
		return -1;
	count = pg_int(res, 0, 0);
	PQclear(res);
	return count;
}

long long pg_application_count(struct store *store)
{
	return select_count(store, "SELECT count(*) FROM applications");
}

long long pg_audit_count(struct store *store)
{
	return select_count(store, "SELECT count(*) FROM audit");
}
