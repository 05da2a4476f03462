/* What the SQLite backend's files share: the connection, SQL helpers. */
#ifndef INTAKE_SQLITE_INTERNAL_H
#define INTAKE_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "audit_chain.h"
#include "counts_year.h"
#include "store.h"
#include "sqlite_store.h"
#include "store_backend.h"

/* Answers one INSERT statement writes at most (store.c). */
#define STORE_ANSWERS_PER_INSERT 16
/* The page cache during a batch (store_batch_begin), KiB. */
#define STORE_BATCH_CACHE_KIB 8192

struct sqlite_store {
	struct store base; /* first: a struct store * is one of these */
	sqlite3 *db;
	char *path;
	enum store_mode mode;
	int busy_seconds;         /* how long a writer waits for the lock */
	double busy_since;        /* when the current wait began */
	sqlite3_stmt **stmts;     /* store.c's cached statements */
	sqlite3_stmt *audit_head, *audit_insert;
	sqlite3_stmt *search_key_insert; /* search_keys_add's, kept */
	/* insert_answers' statements, of 1 .. STORE_ANSWERS_PER_INSERT rows */
	sqlite3_stmt *answer_inserts[STORE_ANSWERS_PER_INSERT];
	int batch; /* in store_batch_begin's transaction */
	sqlite3_stmt *counts_read, *counts_add, *counts_drop;
	int batch_whole;  /* STORE_BATCH_WHOLE: no savepoints */
	int batch_failed; /* a write of a whole batch failed */
	int temp_store, cache_size; /* the PRAGMAs before the batch */
	struct sqlite_put *puts;   /* sqlite_copy.c's INSERTs, kept */
};

/* outcome_counts from the live outcomes (migration 10, store_rebuild). */
#define SQLITE_COUNTS_FILL \
	"INSERT INTO outcome_counts (programme, month, code, count, people,\n" \
	"	first_people, amount, amounts)\n" \
	"WITH live AS (SELECT programme, application_id AS app, code,\n" \
	"	occurred_on, amount, CAST(substr(occurred_on, 1, 4) AS INTEGER)\n" \
	"	- (substr(occurred_on, 6, 2) < '04') AS fy\n" \
	"	FROM outcomes WHERE voided_at IS NULL),\n" \
	"firsts AS (SELECT programme, code, month, COUNT(*) AS n FROM\n" \
	"	(SELECT programme, code, substr(min(occurred_on), 1, 7) AS month\n" \
	"	FROM live GROUP BY programme, app, code, fy)\n" \
	"	GROUP BY programme, code, month),\n" \
	"events AS (SELECT programme, substr(occurred_on, 1, 7) AS month,\n" \
	"	code, COUNT(*) AS count, COUNT(DISTINCT app) AS people,\n" \
	"	COALESCE(SUM(amount), 0) AS amount, COUNT(amount) AS amounts\n" \
	"	FROM live GROUP BY 1, 2, 3)\n" \
	"SELECT e.programme, e.month, e.code, e.count, e.people,\n" \
	"	COALESCE(f.n, 0), e.amount, e.amounts\n" \
	"FROM events e LEFT JOIN firsts f ON f.programme = e.programme\n" \
	"	AND f.month = e.month AND f.code = e.code;\n"

/* The SQLite connection behind store (whose backend is this one). */
static inline struct sqlite_store *sqlite_of(struct store *store)
{
	return (struct sqlite_store *)store;
}

/* The backend's table (sqlite_store.c) and its operations, each the
 * store_NAME of store.h for an SQLite database. */
extern const struct store_backend sqlite_backend;
#define STORE_OP(type, name, params, args) type sqlite_##name params;
#include "store_ops.def"
#undef STORE_OP
int sqlite_sources_find(struct store_sources *sources, const char *source_id,
			long long *id, char **receipt);
int sqlite_sources_last_id(struct store_sources *sources, long long *id);
void sqlite_sources_close(struct store_sources *sources);

/* Print what SQLite said about the last call on store, in words that
 * fit its kind (damaged file, disk full, no permission …), set
 * store->base.status from it and return -1. */
int store_sql_error(struct sqlite_store *store);
/* Set store->base.status from an SQLite result code without printing. */
void store_note_status(struct sqlite_store *store, int rc);

/* Prepare sql, printing the error: 0 or -1. */
int store_prepare(struct sqlite_store *store, const char *sql,
		  sqlite3_stmt **stmt);
/* Bind text, or NULL when text is NULL; text must outlive the use. */
int store_bind_text(sqlite3_stmt *stmt, int index, const char *text);
/* Step a statement that returns no row, then reset it: 0 or -1. */
int store_run(struct sqlite_store *store, sqlite3_stmt *stmt);
/* Step a statement giving at most one row: 1 a row, 0 none, -1. */
int store_step_row(struct sqlite_store *store, sqlite3_stmt *stmt);

/* Write transactions (BEGIN IMMEDIATE, retried while busy) and read
 * transactions (a consistent snapshot while others write). */
int store_begin(struct sqlite_store *store);
int store_commit(struct sqlite_store *store);
void store_rollback(struct sqlite_store *store);
/* Commit when ret is 0 (then -1 if that fails), else roll back: ret. */
int store_end_write(struct sqlite_store *store, int ret);
int store_begin_read(struct sqlite_store *store, int *began);
void store_end_read(struct sqlite_store *store, int began);

/* The application's status from its outcomes (not voided) and whether
 * it is withdrawn, in the caller's transaction. */
int store_update_status(struct sqlite_store *store, long long application_id);
/* The notes of app (sqlite_case.c), for store_get_application. */
int store_load_notes(struct sqlite_store *store, struct store_application *app);

/*
 * The audit trail (sqlite_audit.c, audit_chain.h): audit_append adds a
 * row in the caller's transaction; audit_append_select adds the row a
 * statement selects as (staff, action, application_id, before, after).
 */
int audit_append(struct sqlite_store *store, const struct audit_entry *entry);
int audit_append_select(struct sqlite_store *store, sqlite3_stmt *stmt);
/* Migration 3: hash every existing row, in id order. */
int audit_seal_existing(struct sqlite_store *store);
void audit_release(struct sqlite_store *store);

/*
 * Search keys (sqlite_find.c): search_keys_add writes the keys of the
 * name and name_kana answers of application id in the caller's
 * transaction; search_keys_backfill (migration 4) writes them for
 * every stored application.  0 or -1.
 */
int search_keys_add(struct sqlite_store *store, long long id,
		    const struct store_answer *answers, size_t n);
int search_keys_backfill(struct sqlite_store *store);
/* Rewrite the keys of application id from its answers now (amend). */
int search_keys_refresh(struct sqlite_store *store, long long id);

/*
 * outcome_counts (sqlite_counts.c), kept in the caller's transaction by
 * whatever records or voids an outcome: counts_touch_begin reads what
 * the live outcomes of code of the application give to the counts in
 * the fiscal year of occurred_on ("YYYY-MM-DD"); after the change,
 * counts_touch_end reads them again and adds the difference to every
 * column.  counts_touch_outcome begins for the live outcome id: 1, 0
 * when it is not live, -1.  Release the touch in any case.  0 or -1.
 */
int counts_touch_begin(struct sqlite_store *store, struct counts_touch *touch,
		       long long application_id, const char *programme,
		       const char *code, const char *occurred_on);
int counts_touch_outcome(struct sqlite_store *store, struct counts_touch *touch,
			 long long outcome_id);
int counts_touch_end(struct sqlite_store *store, struct counts_touch *touch);
void counts_release(struct sqlite_store *store);
/* Finalize sqlite_copy.c's statements. */
void copy_release(struct sqlite_store *store);

#endif
