/* What the store's files share: the connection and its SQL helpers. */
#ifndef INTAKE_STORE_INTERNAL_H
#define INTAKE_STORE_INTERNAL_H

#include <sqlite3.h>

#include "audit_chain.h"
#include "store.h"

/* Answers one INSERT statement writes at most (store.c). */
#define STORE_ANSWERS_PER_INSERT 16
/* The page cache during a batch (store_batch_begin), KiB. */
#define STORE_BATCH_CACHE_KIB 8192

struct store {
	sqlite3 *db;
	char *path;
	enum store_mode mode;
	enum store_status status; /* of the last failure */
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
};

/* Print what SQLite said about the last call on store, in words that
 * fit its kind (damaged file, disk full, no permission …), set
 * store->status from it and return -1. */
int store_sql_error(struct store *store);
/* Set store->status from an SQLite result code without printing. */
void store_note_status(struct store *store, int rc);

/* Prepare sql, printing the error: 0 or -1. */
int store_prepare(struct store *store, const char *sql, sqlite3_stmt **stmt);
/* Bind text, or NULL when text is NULL; text must outlive the use. */
int store_bind_text(sqlite3_stmt *stmt, int index, const char *text);
/* Step a statement that returns no row, then reset it: 0 or -1. */
int store_run(struct store *store, sqlite3_stmt *stmt);
/* Step a statement giving at most one row: 1 a row, 0 none, -1. */
int store_step_row(struct store *store, sqlite3_stmt *stmt);

/* Write transactions (BEGIN IMMEDIATE, retried while busy) and read
 * transactions (a consistent snapshot while others write). */
int store_begin(struct store *store);
int store_commit(struct store *store);
void store_rollback(struct store *store);
/* Commit when ret is 0 (then -1 if that fails), else roll back: ret. */
int store_end_write(struct store *store, int ret);
int store_begin_read(struct store *store, int *began);
void store_end_read(struct store *store, int began);

/* The application's status from its outcomes (not voided) and whether
 * it is withdrawn, in the caller's transaction. */
int store_update_status(struct store *store, long long application_id);
/* The notes of app (store_case.c), for store_get_application. */
int store_load_notes(struct store *store, struct store_application *app);

/* The first days of month yyyymm and of the month after it, ISO
 * ("YYYY-MM-DD"), in buffers of STORE_ISO_SIZE: 0, or -1 (printed). */
#define STORE_ISO_SIZE 32
int store_month_range(long month, char *first, char *next);
/* "YYYY-MM" to yyyymm; 0 when it is not one. */
long store_month_from_text(const char *text);

/* The UTC time now as "YYYY-MM-DDTHH:MM:SSZ" in buf (21 bytes). */
void store_now(char *buf, size_t size);

/*
 * The audit trail (store_audit.c, audit_chain.h): audit_append adds a
 * row in the caller's transaction; audit_append_select adds the row a
 * statement selects as (staff, action, application_id, before, after).
 */
int audit_append(struct store *store, const struct audit_entry *entry);
int audit_append_select(struct store *store, sqlite3_stmt *stmt);
/* Migration 3: hash every existing row, in id order. */
int audit_seal_existing(struct store *store);
void audit_release(struct store *store);

/*
 * Search keys (store_find.c): search_keys_add writes the keys of the
 * name and name_kana answers of application id in the caller's
 * transaction; search_keys_backfill (migration 4) writes them for
 * every stored application.  0 or -1.
 */
int search_keys_add(struct store *store, long long id,
		    const struct store_answer *answers, size_t n);
int search_keys_backfill(struct store *store);
/* Rewrite the keys of application id from its answers now (amend). */
int search_keys_refresh(struct store *store, long long id);

/*
 * outcome_counts (store_counts.c), kept in the caller's transaction by
 * whatever records or voids an outcome: counts_touch_begin reads what
 * the live outcomes of code of the application give to the counts in
 * the fiscal year of occurred_on ("YYYY-MM-DD"); after the change,
 * counts_touch_end reads them again and adds the difference to every
 * column.  counts_touch_outcome begins for the live outcome id: 1, 0
 * when it is not live, -1.  Release the touch in any case.  0 or -1.
 */
struct counts_year {
	long long count[12], amount[12], amounts[12]; /* April … March */
};
struct counts_touch {
	long long application_id;
	char *programme, *code;
	int fiscal_year;
	struct counts_year before;
};
int counts_touch_begin(struct store *store, struct counts_touch *touch,
		       long long application_id, const char *programme,
		       const char *code, const char *occurred_on);
int counts_touch_outcome(struct store *store, struct counts_touch *touch,
			 long long outcome_id);
int counts_touch_end(struct store *store, struct counts_touch *touch);
void counts_touch_release(struct counts_touch *touch);
void counts_release(struct store *store);

#endif
