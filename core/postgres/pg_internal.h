/* What the PostgreSQL backend's files share: the connection and helpers. */
#ifndef INTAKE_PG_INTERNAL_H
#define INTAKE_PG_INTERNAL_H

#include <libpq-fe.h>

#include "audit_chain.h"
#include "counts_year.h"
#include "store_backend.h"

/* How many times a transaction is tried when the server aborts it as a
 * serialization failure (40001) or a deadlock (40P01). */
#define PG_ATTEMPTS 5
/* How long a statement waits for a row lock before STORE_BUSY, unless
 * INTAKE_BUSY_SECONDS says otherwise (as for SQLite). */
#define PG_LOCK_TIMEOUT_S 30
/* Parameters one statement binds at most (pg_params). */
#define PG_MAX_PARAMS 24
/* Rows a cursor fetches at a time (store_list). */
#define PG_FETCH_ROWS 500

/*
 * A connection: struct store first (backend and status), then libpq's.
 * lost: the connection broke; the next transaction calls PQreset
 * first.  depth: a transaction is open (pg_begin); attempt: the try
 * of pg_write's body, so that a failure it will retry is not printed.
 */
struct pg_store {
	struct store store;
	PGconn *conn;
	char *where; /* the URI without its password, for messages */
	enum store_mode mode;
	int busy_seconds; /* lock_timeout */
	int lost;
	int in_transaction;
	int retryable; /* the last failure may succeed when tried again */
	int quiet;     /* pg_write will try again: do not print */
	int batch;     /* store_batch_begin: pg_write runs in pg_batch.c */
	int batch_whole, batch_failed; /* STORE_BATCH_WHOLE; a write failed */
	struct pg_copy *copy; /* rows a whole batch holds back (pg_copy.c) */
};

static inline struct pg_store *pg_of(struct store *store)
{
	return (struct pg_store *)store;
}

/* Text parameters of a statement: NULL binds NULL; integers are
 * formatted into the struct, so it must outlive the statement. */
struct pg_params {
	const char *values[PG_MAX_PARAMS];
	char numbers[PG_MAX_PARAMS][24];
	int n;
	int not_utf8; /* a text was not UTF-8: bound as NULL (see pg_query) */
};
void pg_param_text(struct pg_params *params, const char *text);
void pg_param_int(struct pg_params *params, long long value);
void pg_param_null(struct pg_params *params);

/*
 * Run sql with params (may be NULL): the result (tuples or command
 * done; PQclear it), or NULL after pg_error said why.
 */
PGresult *pg_query(struct pg_store *pg, const char *sql,
		   const struct pg_params *params);
/* pg_query for a statement whose rows are not wanted: 0, or -1. */
int pg_run(struct pg_store *pg, const char *sql,
	   const struct pg_params *params);
/* Rows a command changed (UPDATE, DELETE), from its result. */
long long pg_changed(PGresult *res);
/* A text column, NULL when SQL NULL; valid until PQclear. */
const char *pg_text(const PGresult *res, int row, int column);
/* A malloced copy of a text column; "" for NULL unless keep_null. */
char *pg_dup(const PGresult *res, int row, int column, int keep_null);
/* An integer column (0 for NULL). */
long long pg_int(const PGresult *res, int row, int column);

/*
 * Say what the server said about res (NULL: about the connection), in
 * words that fit its kind, set the status and return -1 (pg_errors.c).
 * A lost connection is STORE_UNAVAILABLE and marks pg->lost; a
 * serialization failure or deadlock marks pg->retryable and is not
 * printed while pg->quiet.
 */
int pg_error(struct pg_store *pg, const PGresult *res);
/* The server cannot be reached (open, reset): print, set status. */
int pg_unavailable(struct pg_store *pg, const char *detail);

/*
 * Transactions.  pg_write runs body in a transaction and commits when
 * it returns >= 0 (then returns that), rolls back when it returns -1;
 * a body aborted by a serialization failure or deadlock is run again,
 * up to PG_ATTEMPTS times, so body must start from nothing each time.
 * pg_read runs body in a read-only REPEATABLE READ transaction (one
 * snapshot).  Inside an open transaction, either just runs body.
 */
typedef int (*pg_body_fn)(struct pg_store *pg, void *context);
int pg_write(struct pg_store *pg, pg_body_fn body, void *context);
int pg_read(struct pg_store *pg, pg_body_fn body, void *context);
/* pg_write inside a batch (pg_batch.c): body as a savepoint of the
 * batch's transaction, or with STORE_BATCH_WHOLE as part of it (a
 * failure then dooms the batch); -1 once the batch has failed. */
int pg_batch_write(struct pg_store *pg, pg_body_fn body, void *context);
/* What pg_copy.c holds back in a whole batch (rows_put, audit_copy,
 * written many rows to a statement): flush writes it (0, or -1, the
 * rows dropped either way); forget_head makes the next audit_copy read
 * the chain's head again; release drops all (pg_batch_end). */
int pg_copy_flush(struct pg_store *pg);
void pg_copy_forget_head(struct pg_store *pg);
void pg_copy_release(struct pg_store *pg);
/* Reconnect when the last use lost the connection: 0, or -1. */
int pg_ready(struct pg_store *pg);

/* The schema (pg_schema.c): create it (STORE_CREATE on an empty
 * database) or check it; a status, printed when not STORE_OK. */
enum store_status pg_schema_open(struct pg_store *pg);
/* The schema version this binary writes. */
int pg_schema_version(void);

struct strbuf;
/* store_list's statement of kind for filter (pg_list.c), appended to
 * sql with its parameters; first and next bound the filter's month.
 * pg_list declares a cursor for it, pg_list_plan explains it. */
enum pg_list_kind { PG_LIST_PLAIN, PG_LIST_ANSWERS, PG_LIST_OUTCOMES };
void pg_list_select(struct strbuf *sql, struct pg_params *params,
		    const struct store_filter *filter, const char *first,
		    const char *next, enum pg_list_kind kind);

/* Dates: "YYYY-MM-DD" of yyyymmdd into iso (STORE_ISO_SIZE), 0, or -1
 * printed; yyyymmdd of "YYYY-MM-DD" text, 0 when it is none. */
int pg_date_iso(long date, char *iso);
long pg_date_from_text(const char *iso);

/* The audit (pg_audit.c): append a row in the caller's transaction,
 * serialised with every other appender (an advisory lock held to the
 * end of the transaction). */
int pg_audit_append(struct pg_store *pg, const struct audit_entry *entry);
/* Take the lock pg_audit_append takes and read the chain's head: the
 * last row's id and raw hash (0 and zeros for none).  0, or -1. */
int pg_audit_lock_head(struct pg_store *pg, long long *id,
		       unsigned char hash[AUDIT_HASH_SIZE]);
/* Append row as it is (its at kept, its id the next), the same way;
 * its hash in hex (pg_audit.c, for pg_audit_copy). */
int pg_audit_append_row(struct pg_store *pg, struct audit_row *row,
			char hex[AUDIT_HEX_SIZE]);

/*
 * JSON of audit rows as SQLite's json_object writes it ({"k":"v",
 * "n":1,"z":null}, no spaces), so a row reads the same in both
 * backends: pg_json_text (NULL: null), pg_json_int, pg_json_raw (an
 * object already made), then pg_json_end (malloced).
 */
struct strbuf;
void pg_json_text(struct strbuf *json, const char *key, const char *text);
void pg_json_int(struct strbuf *json, const char *key, long long value);
void pg_json_int_or_null(struct strbuf *json, const char *key,
			 const char *value);
char *pg_json_end(struct strbuf *json);

/* The application's status from its live outcomes and withdrawal (in
 * the caller's transaction, pg_case.c). */
int pg_update_status(struct pg_store *pg, long long application_id);
/* Lock application id's row to the end of the transaction, so that the
 * writes of one case (outcomes and their counts) follow each other:
 * 1, 0 when there is no such application, -1. */
int pg_lock_application(struct pg_store *pg, long long application_id);

/* Search keys of the name and name_kana answers (pg_case.c). */
int pg_search_keys_add(struct pg_store *pg, long long id,
		       const struct store_answer *answers, size_t n);
int pg_search_keys_refresh(struct pg_store *pg, long long id);

/* outcome_counts (pg_counts.c), as sqlite_counts.c keeps them: begin
 * before the change, end after it, release in any case. */
int pg_counts_begin(struct pg_store *pg, struct counts_touch *touch,
		    long long application_id, const char *programme,
		    const char *code, const char *occurred_on);
/* Begin for the live outcome id: 1, 0 when it is not live, -1. */
int pg_counts_begin_outcome(struct pg_store *pg,
			    struct counts_touch *touch,
			    long long outcome_id);
int pg_counts_end(struct pg_store *pg, struct counts_touch *touch);

void pg_close_store(struct store *store);

/* The operations, a file per subsystem (pg_case.c, pg_list.c,
 * pg_outcome.c, pg_audit.c, pg_account.c, pg_session.c, pg_draft.c,
 * pg_batch.c, pg_copy.c, pg_tally.c, pg_find.c, pg_due.c, pg_check.c):
 * store_ops.def's, named pg_NAME. */
#define STORE_OP(type, name, params, args) type pg_##name params;
#include "store_ops.def"
#undef STORE_OP
int pg_sources_find(struct store_sources *sources, const char *source_id,
		    long long *id, char **receipt);
int pg_sources_last_id(struct store_sources *sources, long long *id);
void pg_sources_close(struct store_sources *sources);

#endif
