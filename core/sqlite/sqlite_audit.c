/* The audit trail as a hash chain: append, seal old rows, verify. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "audit_chain.h"
#include "sqlite_internal.h"
#include "util.h"

static sqlite3_stmt *cached(struct sqlite_store *store, sqlite3_stmt **stmt,
			    const char *sql)
{
	if (!*stmt && store_prepare(store, sql, stmt) < 0)
		return NULL;
	sqlite3_reset(*stmt);
	sqlite3_clear_bindings(*stmt);
	return *stmt;
}

/* The last row's id and hash (raw): 0 and zeros when there is none. */
static int chain_head(struct sqlite_store *store, long long *id,
		      unsigned char hash[AUDIT_HASH_SIZE])
{
	sqlite3_stmt *stmt = cached(store, &store->audit_head,
				    "SELECT id, hash FROM audit"
				    " ORDER BY id DESC LIMIT 1");
	int rc;

	*id = 0;
	memset(hash, 0, AUDIT_HASH_SIZE);
	if (!stmt || (rc = store_step_row(store, stmt)) < 0)
		return -1;
	if (rc) {
		*id = sqlite3_column_int64(stmt, 0);
		audit_hash_from_hex((const char *)sqlite3_column_text(stmt, 1), hash);
	}
	sqlite3_reset(stmt);
	return 0;
}

/* Append row as the next of the chain (row->id is set): its hash in hex. */
static int append_row(struct sqlite_store *store, struct audit_row *row,
		      char hex[AUDIT_HEX_SIZE])
{
	unsigned char prev[AUDIT_HASH_SIZE];
	sqlite3_stmt *stmt;

	if (chain_head(store, &row->id, prev) < 0)
		return -1;
	row->id++;
	audit_hash_row(prev, row, hex);
	stmt = cached(store, &store->audit_insert,
		      "INSERT INTO audit (" AUDIT_COLUMNS ", hash)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, row->id);
	store_bind_text(stmt, 2, row->at);
	store_bind_text(stmt, 3, row->staff);
	store_bind_text(stmt, 4, row->action);
	if (row->application_id)
		sqlite3_bind_int64(stmt, 5, row->application_id);
	store_bind_text(stmt, 6, row->before);
	store_bind_text(stmt, 7, row->after);
	store_bind_text(stmt, 8, hex);
	return store_run(store, stmt);
}

int audit_append(struct sqlite_store *store, const struct audit_entry *entry)
{
	char at[32], hex[AUDIT_HEX_SIZE];
	struct audit_row row = {0,
				at,
				entry->staff,
				entry->action,
				entry->application_id,
				entry->before,
				entry->after};

	store_now(at, sizeof(at));
	return append_row(store, &row, hex);
}

int sqlite_audit_copy(struct store *base, const struct audit_row *row,
		      char hash[65])
{
	struct audit_row copy = *row;

	return append_row(sqlite_of(base), &copy, hash);
}

static const char *column_text(sqlite3_stmt *stmt, int column)
{
	return (const char *)sqlite3_column_text(stmt, column);
}

int audit_append_select(struct sqlite_store *store, sqlite3_stmt *stmt)
{
	struct audit_entry entry;
	int rc = store_step_row(store, stmt);

	if (rc < 0)
		return -1;
	if (!rc)
		BUG("no audit row selected");
	entry.staff = column_text(stmt, 0);
	entry.action = column_text(stmt, 1);
	entry.application_id = sqlite3_column_int64(stmt, 2);
	entry.before = column_text(stmt, 3);
	entry.after = column_text(stmt, 4);
	rc = audit_append(store, &entry); /* stmt's texts live until reset */
	sqlite3_reset(stmt);
	return rc;
}

static void row_from_stmt(sqlite3_stmt *stmt, struct audit_row *row)
{
	row->id = sqlite3_column_int64(stmt, 0);
	row->at = column_text(stmt, 1);
	row->staff = column_text(stmt, 2);
	row->action = column_text(stmt, 3);
	row->application_id = sqlite3_column_int64(stmt, 4);
	row->before = column_text(stmt, 5);
	row->after = column_text(stmt, 6);
}

/* Call fn for every row in id order with its expected hash; fn
 * returning non-zero stops the walk and is returned. */
typedef int (*chain_fn)(struct sqlite_store *store, const struct audit_row *row,
			const char *expected, const char *stored,
			void *context);

static int walk_chain(struct sqlite_store *store, chain_fn fn, void *context)
{
	sqlite3_stmt *stmt = NULL;
	unsigned char prev[AUDIT_HASH_SIZE] = {0};
	char expected[AUDIT_HEX_SIZE];
	struct audit_row row;
	int rc, ret = 0;

	if (store_prepare(store,
			  "SELECT " AUDIT_COLUMNS ", hash FROM audit"
			  " ORDER BY id",
			  &stmt) < 0)
		return -1;
	while (!ret && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		row_from_stmt(stmt, &row);
		audit_hash_row(prev, &row, expected);
		ret = fn(store, &row, expected, column_text(stmt, 7), context);
		audit_hash_from_hex(expected, prev);
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_sql_error(store);
	sqlite3_finalize(stmt);
	return ret;
}

static int seal_row(struct sqlite_store *store, const struct audit_row *row,
		    const char *expected, const char *stored, void *context)
{
	sqlite3_stmt *update = context;

	sqlite3_reset(update);
	store_bind_text(update, 1, expected);
	sqlite3_bind_int64(update, 2, row->id);
	return store_run(store, update);
}

int audit_seal_existing(struct sqlite_store *store)
{
	sqlite3_stmt *update = NULL;
	int ret;

	if (store_prepare(store, "UPDATE audit SET hash = ?1 WHERE id = ?2",
			  &update) < 0)
		return -1;
	ret = walk_chain(store, seal_row, update);
	sqlite3_finalize(update);
	return ret;
}

static int check_row(struct sqlite_store *store, const struct audit_row *row,
		     const char *expected, const char *stored, void *context)
{
	struct store_audit_check *check = context;

	check->rows++;
	snprintf(check->head, sizeof(check->head), "%s", stored ? stored : "");
	if (!stored || strcmp(stored, expected) || row->id != check->rows) {
		check->first_bad = row->id;
		return 1; /* every later row depends on this one */
	}
	return 0;
}

static int count_triggers(struct sqlite_store *store, long long *found)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(store,
			  "SELECT COUNT(*) FROM sqlite_schema"
			  " WHERE type = 'trigger' AND tbl_name = 'audit'"
			  " AND name IN ('audit_no_update',"
			  " 'audit_no_delete', 'audit_chained')",
			  &stmt) < 0)
		return -1;
	rc = store_step_row(store, stmt);
	*found = rc > 0 ? sqlite3_column_int64(stmt, 0) : 0;
	sqlite3_finalize(stmt);
	return rc > 0 ? 0 : -1;
}

int sqlite_audit_verify(struct store *base, struct store_audit_check *check)
{
	struct sqlite_store *store = sqlite_of(base);
	long long triggers = 0;
	int began, ret = -1;

	memset(check, 0, sizeof(*check));
	if (store_begin_read(store, &began) < 0)
		return -1;
	if (walk_chain(store, check_row, check) < 0 ||
	    count_triggers(store, &triggers) < 0)
		goto cleanup;
	check->triggers_missing = triggers != 3;
	ret = 0;
cleanup:
	store_end_read(store, began);
	return ret;
}

int sqlite_audit_has(struct store *base, const char *hash)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(store,
			  "SELECT 1 FROM audit WHERE hash = lower(?1)"
			  " LIMIT 1",
			  &stmt) < 0)
		return -1;
	store_bind_text(stmt, 1, hash);
	rc = store_step_row(store, stmt);
	sqlite3_finalize(stmt);
	return rc;
}

int sqlite_audit_head(struct store *base, char head[65])
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = NULL;
	const char *hash;
	int rc;

	head[0] = '\0';
	if (store_prepare(store,
			  "SELECT hash FROM audit ORDER BY id DESC LIMIT 1",
			  &stmt) < 0)
		return -1;
	rc = store_step_row(store, stmt);
	hash = rc > 0 ? (const char *)sqlite3_column_text(stmt, 0) : NULL;
	if (hash)
		snprintf(head, 65, "%.64s", hash);
	sqlite3_finalize(stmt);
	return rc < 0 ? -1 : 0;
}

void audit_release(struct sqlite_store *store)
{
	sqlite3_finalize(store->audit_head);
	sqlite3_finalize(store->audit_insert);
	store->audit_head = store->audit_insert = NULL;
}
