/* The store: every read and write of cases, whatever the database. */
#ifndef INTAKE_STORE_H
#define INTAKE_STORE_H

#include <stddef.h>

/*
 * The database is an SQLite file (core/sqlite/) or, given a libpq URI
 * (postgresql://…), a PostgreSQL database; store_backend.h says how a
 * backend plugs in, and nothing above this header knows which runs.
 * SQLite: one file (mode 0600), WAL, foreign keys on, a busy timeout,
 * synchronous=FULL, the schema version in PRAGMA user_version.  Each
 * migration runs in one transaction.  Every write below is one
 * transaction (retried while another writer holds the lock), so
 * several `intake add` processes may run at once.  Functions print
 * "intake: …" on failure and return -1 unless said otherwise;
 * store_status() then says what kind of failure it was.
 */
struct store;

/* What went wrong, for the caller's exit status. */
enum store_status {
	STORE_OK = 0,
	STORE_MISSING,       /* no database, or an empty file: run init */
	STORE_FOREIGN,       /* not an intake database, or a schema
				version outside 0..known */
	STORE_TOO_NEW,       /* written by a newer intake */
	STORE_REFUSED,       /* init: a symlink, another user's file, a
				file that is not an intake database */
	STORE_CORRUPT,       /* SQLite finds the file damaged */
	STORE_IO,            /* disk full, I/O error */
	STORE_BUSY,          /* another process held the lock too long */
	STORE_NO_PERMISSION, /* read-only file, directory or medium */
	STORE_INTERNAL,
	STORE_UNAVAILABLE    /* the database server cannot be reached or
				the connection was lost */
};

enum store_mode {
	STORE_WRITE = 0,  /* an existing intake database, read and write */
	STORE_CREATE = 1, /* init: create the file and schema if need be */
	STORE_READ = 2    /* an existing intake database, read only */
};

/*
 * Open path.  STORE_CREATE makes the file (0600, never through a
 * symlink) or takes an existing empty one, and refuses a symlink,
 * another user's file and a non-empty file that is not an intake
 * database; an existing intake database is opened as it is (its mode
 * tightened to 0600).  Otherwise a missing or empty file is
 * STORE_MISSING ("run intake init").  STORE_READ opens read-only (no
 * WAL switch, no write), falling back to an immutable snapshot on
 * read-only media with a warning; a database that needs a migration
 * is migrated first.  A schema version below 0 or above the known one
 * is refused.  Sets the umask around the open: not for threads.
 */
enum store_status store_open(struct store **store, const char *path,
			     enum store_mode mode);
/* database as it may be shown and recorded: a URI without the password
 * of its user part, a path as it is.  Malloced. */
char *store_public_name(const char *database);
/* The kind of the last failure on store (STORE_OK if none). */
enum store_status store_status(const struct store *store);
/* Between two uses of store (a server keeps connections for the next
 * request): every statement reset, so that none keeps a read snapshot
 * of the past.  1 when store is then fit to use again (no transaction
 * open, no failure), else 0. */
int store_settle(struct store *store);
void store_close(struct store *store);

/* One answer as stored: field id and normalised text. */
struct store_answer {
	char *field;
	char *value;
};

struct store_outcome {
	long long id;
	char *code;
	long occurred_on; /* yyyymmdd */
	char *staff;
	char *note; /* NULL when none */
	char *recorded_at;
	char *voided_at;   /* NULL unless voided (it then counts nowhere) */
	char *void_reason; /* NULL when none */
	int has_amount;    /* an amount in yen was recorded (schema 6) */
	long long amount;
};

/* A memo on a case (intake note): append-only. */
struct store_note {
	char *at; /* UTC ISO */
	char *staff;
	char *text;
};

/* A link between two applications of the same person (e.g. 継業: a
 * uij_turn case and a later jigyo_shokei case). */
struct store_link {
	char *receipt;   /* the other application */
	char *programme; /* its programme */
	char *note;      /* NULL when none */
};

struct store_application {
	long long id;
	char *receipt;
	char *programme;
	char *plugin_version;
	long form_version;
	long received_on; /* yyyymmdd */
	char *office;
	char *staff;
	char *status; /* "received", or the code of the latest outcome */
	char *created_at;
	struct store_answer *answers;
	size_t n_answers;
	struct store_outcome *outcomes; /* by occurred_on, then id */
	size_t n_outcomes;
	struct store_link *links; /* both directions, by the other's id */
	size_t n_links;
	struct store_note *notes; /* oldest first */
	size_t n_notes;
};

void store_application_release(struct store_application *application);

/* A new application: everything but the receipt, which the store makes. */
struct store_new_application {
	const char *programme;
	const char *receipt_prefix;
	const char *plugin_version;
	long form_version;
	long received_on;
	const char *office;
	const char *staff;
	const struct store_answer *answers;
	size_t n_answers;
	long long draft_id;       /* a draft to delete in the same
				     transaction, 0 for none */
	const char *link_receipt; /* an earlier application of the same
				     person to link, NULL for none */
	const char *link_note;    /* NULL for none */
	const char *source_id;    /* the office's old case number (import),
				     unique per programme; NULL for none */
};

/*
 * Store an application, its answers and an audit row in one
 * transaction.  The receipt is <PREFIX>-<FY>-<6-digit sequence>, the
 * sequence per programme per fiscal year of received_on, gap-free: the
 * sequence row is updated in the add's own transaction, so an add that
 * is rolled back (or killed) takes its number back with it, and no
 * printed receipt is ever given out twice.  *receipt is malloced.
 */
int store_add_application(struct store *store,
			  const struct store_new_application *application,
			  char **receipt);

/*
 * A batch of writes in one transaction (intake import): between
 * store_batch_begin and store_batch_end each store_add_application,
 * store_add_outcome (any write that opens its own transaction) is a
 * savepoint of the batch instead, so a write that fails takes back
 * only its own rows.  With STORE_BATCH_WHOLE, for a caller that stops
 * at the first failed write (import of applications), there is no
 * savepoint per write: a write that fails marks the batch, which then
 * can only be rolled back (its commit is -1) -- nothing of a failed
 * write is ever committed, and a write costs no sub-journal.
 * store_batch_end commits (commit set) or rolls back the batch.  0, or
 * -1 (store_status says why; an error that ended the transaction
 * makes the batch's commit -1).
 */
enum store_batch { STORE_BATCH_SAVEPOINTS, STORE_BATCH_WHOLE };
int store_batch_begin(struct store *store, enum store_batch kind);
int store_batch_end(struct store *store, int commit);

/*
 * The applications of one programme by their source_id (intake
 * import), the statement prepared once: store_sources_open returns
 * NULL (printed) on error; store_sources_find gives 1 and the
 * application's id and receipt (malloced, when receipt is not NULL),
 * 0 when no application has it, -1.  store_sources_last_id: the
 * highest application id so far (0 for none), or -1.  Close before
 * the store.
 */
struct store_sources;
struct store_sources *store_sources_open(struct store *store,
					 const char *programme);
int store_sources_find(struct store_sources *sources, const char *source_id,
		       long long *id, char **receipt);
int store_sources_last_id(struct store_sources *sources, long long *id);
void store_sources_close(struct store_sources *sources);

/* Load one application with its answers, outcomes and links.  0 found,
 * 1 no such receipt, -1 error. */
int store_get_application(struct store *store, const char *receipt,
			  struct store_application *application);

/* Which applications store_list walks. */
struct store_filter {
	const char *programme; /* NULL: all */
	long month;            /* yyyymm of received_on, 0: all */
	const char *status;    /* NULL: all */
	int with_answers;      /* load answers too (export) */
	int with_outcomes;     /* load outcomes too, voided ones included,
				  by occurred_on, then id (export) */
};

/* Call fn for each matching application, ordered by id; fn returning
 * non-zero stops the walk and is returned.  Outcomes are loaded only
 * with_outcomes: then a second statement walks them beside the first,
 * both in one read transaction (fn may read, not write, the store),
 * never a query per application. */
typedef int (*store_application_fn)(const struct store_application *app,
				    void *context);
int store_list(struct store *store, const struct store_filter *filter,
	       store_application_fn fn, void *context);
/* The query plans of store_list's statements for filter, each after a
 * line "plain:", "answers:" or "outcomes:", one line per step as
 * EXPLAIN QUERY PLAN gives them (tests): malloced, NULL on error. */
char *store_list_plan(struct store *store, const struct store_filter *filter);

/*
 * Record an outcome, in one transaction with the outcome_counts row of
 * its programme and month, the application's status and an audit row.
 * once: refuse when the code is already recorded on the application
 * (checked inside the transaction).  Returns 0, 1 when refused as a
 * repeat (nothing printed), -1 on error.  programme may be NULL; the
 * counts go to the application's programme, and a different one is
 * refused.
 */
struct store_new_outcome {
	long long application_id;
	const char *programme;
	const char *code;
	long occurred_on;
	int once;
	const char *staff;
	const char *note; /* may be NULL */
	int has_amount;   /* store amount (yen); else NULL */
	long long amount;
};
int store_add_outcome(struct store *store,
		      const struct store_new_outcome *outcome);

/* What a tally counts by, besides programme and outcome. */
enum store_tally_group {
	STORE_GROUP_NONE,
	STORE_GROUP_FIELD,  /* the answer to query->field (NULL: none) */
	STORE_GROUP_OFFICE, /* the application's office (NULL: none) */
	STORE_GROUP_STAFF,  /* the staff who took the application */
	STORE_GROUP_MONTH   /* the month of the outcome (or of receipt,
			     * for store_received), "YYYY-MM" */
};

/* Which outcomes (or applications) a tally counts. */
struct store_tally_query {
	long from_month, to_month; /* yyyymm, inclusive */
	const char *programme;     /* NULL: every programme */
	const char *office;        /* only that office's cases; NULL: all */
	enum store_tally_group group;
	const char *field;         /* STORE_GROUP_FIELD: the field id */
};

/* One tally row: an outcome code of a programme (and a group code). */
struct store_tally_row {
	const char *programme;
	const char *outcome;    /* NULL in store_received rows */
	const char *group;      /* the group's code; NULL: none or ungrouped */
	long long events;       /* 延べ */
	long long applications; /* 実 */
	int has_amount;         /* some outcome counted carries an amount */
	long long amount;       /* their sum in yen (支給額) */
};

/*
 * Count outcomes (not voided) with occurred_on in the query's months,
 * per programme, group and outcome code: events (延べ), applications
 * (実: distinct applications within the whole period, per group) and
 * amounts summed.  Not limited to an office, ungrouped or grouped by
 * month, it reads only outcome_counts (a few rows per month, whatever
 * the number of cases) when each row covers one month, or April to a
 * month of one fiscal year (実 = the sum of first_people); any other
 * period, an office or another group scans the period's outcomes
 * through outcomes_programme (programme, occurred_on), per programme
 * of outcome_counts when none is given.  Rows
 * ordered by programme, group, outcome code; groups and codes without
 * outcomes give no row.  fn returning non-zero stops the walk and is
 * returned; -1 on error (printed).
 */
typedef int (*store_tally_fn)(const struct store_tally_row *row,
			      void *context);
int store_tally(struct store *store, const struct store_tally_query *query,
		store_tally_fn fn, void *context);

/*
 * 受付件数: applications received (received_on) in the query's months,
 * withdrawn ones included, per programme and group (STORE_GROUP_MONTH:
 * the month of receipt).  Rows have outcome NULL and the count in both
 * events and applications; ordered by programme, group.  As
 * store_tally otherwise.
 */
int store_received(struct store *store,
		   const struct store_tally_query *query, store_tally_fn fn,
		   void *context);

/*
 * Recompute every column of outcome_counts (count, people,
 * first_people, amount, amounts) from the live outcomes in one pass
 * (no sort but of one application's outcomes; memory bounded by
 * programmes × months × codes) and call fn for each column of a row
 * that differs, in the order of (programme, month, code); a row
 * missing on either side is all zeros there.  Returns the number of
 * differences, or -1.
 */
typedef void (*store_difference_fn)(const char *programme, long month,
				    const char *code, const char *column,
				    long long stored, long long actual,
				    void *context);
int store_verify_counts(struct store *store, store_difference_fn fn,
			void *context);

/*
 * What falls due (store_due.c): the applications of programme with an
 * outcome after that counts, whose first such outcome is on or before
 * until (yyyymmdd; 0: any date), not withdrawn, with no outcome code
 * that counts, of office (NULL: any).  fn gets each, ordered by that
 * first date, then id (until need not be a valid date: 2026-02-31 is
 * the end of February); the strings live until fn returns.  fn returning
 * non-zero stops the walk and is returned.  0, or -1 (printed).
 */
struct store_due_query {
	const char *programme, *after, *code, *office;
	long until;
};
struct store_due_row {
	const char *receipt, *office;
	const char *name; /* the name answer, NULL when unanswered */
	long after_on;    /* yyyymmdd of the first outcome after */
};
typedef int (*store_due_fn)(const struct store_due_row *row, void *context);
int store_due(struct store *store, const struct store_due_query *query,
	      store_due_fn fn, void *context);

/*
 * Drafts: the counter entry (`intake new`) saved after every accepted
 * answer, so that a closed terminal, a killed process or a crashing
 * plugin never loses a typed case.  store_add_application with
 * draft_id deletes the draft in the same transaction as the insert.
 * Drafts are working copies: they write no audit rows.
 */
struct store_draft {
	long long id;
	char *programme;
	char *staff;
	char *started_at; /* UTC ISO, as created_at */
	char *updated_at;
	char *last_field; /* id of the last answered field, NULL if none */
	char *name;       /* the "name" answer (store_draft_list), or NULL */
	struct store_answer *answers; /* in the order saved */
	size_t n_answers;
};

void store_draft_release(struct store_draft *draft);

/* A new, empty draft of programme by staff: 0 and *id, or -1. */
int store_draft_create(struct store *store, const char *programme,
		       const char *staff, long long *id);

/* Replace all answers of a draft and its last field, in one
 * transaction (answers may include "received_on"; those with a NULL
 * value are not kept).  0 or -1; a draft that no longer exists is an
 * error. */
int store_draft_save(struct store *store, long long id,
		     const char *last_field,
		     const struct store_answer *answers, size_t n_answers);

/* Load one draft with its answers: 0 found, 1 no such draft, -1 error. */
int store_draft_get(struct store *store, long long id,
		    struct store_draft *draft);

/* Call fn for every draft, oldest first (answers not loaded); fn
 * returning non-zero stops the walk and is returned. */
typedef int (*store_draft_fn)(const struct store_draft *draft,
			      void *context);
int store_draft_list(struct store *store, store_draft_fn fn, void *context);

/* Discard a draft (staff gave up on it): deleted with an audit row
 * keeping its answers, who and why (reason may be NULL), in one
 * transaction.  0, 1 no such draft, -1. */
int store_draft_discard(struct store *store, long long id, const char *staff,
			const char *reason);

/*
 * The same person again: every application, of any programme, whose
 * name_kana answer equals name_kana once spaces (U+0020, U+3000) are
 * removed from both, and whose birth_date answer equals birth_date (ISO).
 * fn gets each with its outcomes loaded (answers not), oldest first
 * (by received_on, then id); fn returning non-zero stops the walk and
 * is returned.
 */
int store_find_person(struct store *store, const char *name_kana,
		      const char *birth_date, store_application_fn fn,
		      void *context);

/*
 * Finding applications (store_find.c): every criterion given must hold
 * (NULL or 0: any).  Names and kana are found through search_keys, a
 * table the store fills from the name and name_kana answers in the
 * add's own transaction (find_name_keys folds them); receipts, phone
 * and birth date through the indexes of applications and answers.
 */
enum store_key_kind {
	STORE_KEY_NAME = 1, /* keys of the name answer */
	STORE_KEY_KANA = 2  /* keys of the name_kana answer */
};

struct store_query {
	const char *receipt;     /* exactly this receipt */
	const char *sequence;    /* the receipt's last 6 digits, "000012" */
	const char *fiscal_year; /* with sequence: "2026" */
	const char *key;         /* a prefix of a search key (folded) */
	int key_kinds;           /* which keys: STORE_KEY_* (0: both) */
	const char *phone;       /* the phone answer, digits */
	const char *birth_date;  /* the birth_date answer, ISO */
	const char *programme, *office, *staff, *status;
	long from, to;           /* received_on in [from, to], yyyymmdd */
	long limit;              /* rows at most, 0: all */
	int newest_first;        /* by received_on, then id, newest first;
				    else by id */
	int details;             /* fill name, name_kana and outcome_on */
};

/* One application found; the strings live until fn returns. */
struct store_found {
	long long id;
	const char *receipt, *programme, *office, *staff, *status;
	long received_on;               /* yyyymmdd */
	const char *received_on_text;   /* as stored: "YYYY-MM-DD" */
	const char *name, *name_kana;   /* NULL when unanswered */
	long outcome_on;                /* of the latest outcome, 0: none */
};

/* Call fn for each application query finds, in its order; fn returning
 * non-zero stops the walk and is returned.  0, or -1 (printed). */
typedef int (*store_found_fn)(const struct store_found *found,
			      void *context);
int store_find(struct store *store, const struct store_query *query,
	       store_found_fn fn, void *context);

/* The query plan of store_find's statement for query, one line per
 * step as EXPLAIN QUERY PLAN gives them, or PostgreSQL's EXPLAIN
 * (tests): malloced, NULL on error. */
char *store_find_plan(struct store *store, const struct store_query *query);

/* The database's own check of its pages (of one table and its indexes
 * when table is not NULL): SQLite's PRAGMA quick_check; on PostgreSQL
 * every row read, the indexes valid, the audit triggers on
 * (pg_check.c).  0 clean, 1 damaged (fn gets each problem), -1. */
typedef void (*store_problem_fn)(const char *problem, void *context);
int store_quick_check(struct store *store, const char *table,
		      store_problem_fn fn, void *context);

/*
 * Walk the audit chain: every row's hash must equal SHA-256 over the
 * previous row's hash and the row's own content.  Fills check: rows,
 * the head hash (hex of the last row; "" when empty), the id of the
 * first row that does not match (0 when all do) and whether the
 * append-only triggers are missing.  0, or -1 on error.
 */
struct store_audit_check {
	long long rows;
	char head[65];
	long long first_bad;
	int triggers_missing;
};
int store_audit_verify(struct store *store, struct store_audit_check *check);
/* The audit chain's head: the last row's hash (hex) into head, "" when
 * there is no row; reads that one row only.  0, or -1. */
int store_audit_head(struct store *store, char head[65]);
/* 1 when hash (hex) is the hash of some audit row, 0 if not, -1. */
int store_audit_has(struct store *store, const char *hash);

/*
 * A consistent copy of the whole database into dest (a new file, mode
 * 0600, never through a symlink), while other processes keep writing:
 * SQLite's online backup in one step.  overwrite: replace an existing
 * dest (through a temporary file and a rename).  0 or -1.
 */
int store_backup(struct store *store, const char *dest, int overwrite);
/* Replace the whole content of store with the database at src (which
 * the caller verified), in one step under the write lock.  0 or -1. */
int store_restore_from(struct store *store, const char *src);

/*
 * Working a case after it is taken (store_case.c).  Each is one
 * transaction with its audit row (who, why, before and after).
 */

/* One answer changed by an amendment: before NULL when it was not
 * answered, after NULL when it is removed. */
struct store_change {
	const char *field;
	const char *before, *after;
};

struct store_amendment {
	long long application_id;
	const struct store_change *changes;
	size_t n_changes;
	const char *staff;
	const char *reason;
};

/* Apply an amendment: 0, or -1. */
int store_amend(struct store *store, const struct store_amendment *amendment);

/* Withdraw (取下げ) or reopen a case: the status becomes "withdrawn", or
 * again what its outcomes make it.  0, 1 when it already was (nothing
 * written), -1. */
int store_set_withdrawn(struct store *store, long long application_id,
			int withdrawn, const char *staff, const char *reason);

/* Void an outcome of the application: it stays, marked, and no longer
 * counts (outcome_counts and the status follow in the same
 * transaction).  0, 1 when there is no such outcome on it or it is
 * void already, -1. */
int store_void_outcome(struct store *store, long long application_id,
		       long long outcome_id, const char *staff,
		       const char *reason);

/* Add a memo to a case: 0 or -1. */
int store_add_note(struct store *store, long long application_id,
		   const char *staff, const char *text);

/* The audit rows of one application, oldest first; fn returning
 * non-zero stops the walk and is returned. */
struct store_history {
	const char *at, *staff, *action;
	const char *before, *after; /* JSON or NULL */
};
typedef int (*store_history_fn)(const struct store_history *row,
				void *context);
int store_history(struct store *store, long long application_id,
		  store_history_fn fn, void *context);

/*
 * Staff accounts (store_account.c), for the office in a browser.  The
 * store keeps what it is given: names, roles and languages are checked
 * by the caller, and the password arrives hashed.  Each write is one
 * transaction with its audit row (staff: who acted; never a hash).
 * Times given as now are seconds since the epoch.
 */
struct store_account {
	long long id;
	char *name, *role;
	char *office;        /* NULL when none */
	char *language;      /* "ja" or "en" */
	char *password_hash; /* NULL from store_account_list */
	char *disabled_at;   /* UTC ISO, NULL while enabled */
	long long failed_logins; /* since the last success or lock */
	long long locked_until;  /* seconds since the epoch, 0: never */
	char *created_at;
	char *last_login_at; /* NULL before the first login */
};

void store_account_release(struct store_account *account);

struct store_new_account {
	const char *name, *role, *office, *language, *password_hash;
	const char *staff; /* who adds it */
};

/* Add an account: 0, 1 when the name is taken (nothing written), -1. */
int store_account_add(struct store *store,
		      const struct store_new_account *account);

/* Load one account by name, hash included: 0, 1 no such name, -1. */
int store_account_get(struct store *store, const char *name,
		      struct store_account *account);

/* Replace the password hash (failed logins and a lock cleared): 0, 1
 * no such name, -1. */
int store_account_set_password(struct store *store, const char *name,
			       const char *password_hash, const char *staff);

/* Disable (disabled set) or enable an account: 0, 1 no such name, 2
 * when it already was (nothing written), -1. */
int store_account_set_disabled(struct store *store, const char *name,
			       int disabled, const char *staff);

/* Call fn for each account by name (hashes not loaded); fn returning
 * non-zero stops the walk and is returned. */
typedef int (*store_account_fn)(const struct store_account *account,
				void *context);
int store_account_list(struct store *store, store_account_fn fn,
		       void *context);

/*
 * Record a login attempt at now.  ok: failed logins go back to 0 and
 * last_login_at is set.  Else failed logins count up; the lock_after-th
 * (0: never) locks the account until now + lock_minutes and starts the
 * count again, with an audit row "account_lock".  0, 1 no such name,
 * -1.
 */
int store_login_result(struct store *store, const char *name, int ok,
		       long long now, int lock_after, int lock_minutes);

/* An audit row that names no application (a login, a refused page):
 * action by staff, pairs (keys and values alternate) as its JSON, in
 * a transaction of its own.  0 or -1. */
int store_audit_event(struct store *store, const char *staff,
		      const char *action, const char *const *pairs, size_t n);

/*
 * Server sessions (store_session.c).  The store keeps the SHA-256 (hex)
 * of a session's token, never the token; times are seconds since the
 * epoch.  A session lives until expires_at, moved on by each use.
 */
struct store_new_session {
	const char *token_hash, *csrf;
	long long account_id;
	long long now, expires_at;
};
int store_session_add(struct store *store,
		      const struct store_new_session *session);

/* A live session and its account (strings malloced). */
struct store_session {
	long long account_id;
	char *csrf;
	char *name, *role, *language;
	char *office; /* NULL when none */
};
void store_session_release(struct store_session *session);

/* The session of token_hash when it has not expired at now and its
 * account is enabled, its expiry then moved to expires_at (written
 * only when that moves it by a tenth of the time left or more): 0, 1
 * none (session cleared), -1. */
int store_session_get(struct store *store, const char *token_hash,
		      long long now, long long expires_at,
		      struct store_session *session);
/* Logout: 0, 1 no such session, -1. */
int store_session_delete(struct store *store, const char *token_hash);
/* Delete the sessions expired at now: how many, or -1. */
int store_session_purge(struct store *store, long long now);

/*
 * Copying a whole database into another (store_copy.c, `intake
 * migrate`).  Rows as stored, in the order they were stored, every
 * value as text (NULL as NULL).  A table is named with its columns;
 * store_copy.c holds the list, the same for every backend.
 */
struct store_table {
	const char *name;
	const char *const *columns;
	size_t n_columns;
};
typedef int (*store_row_fn)(const char *const *values, void *context);
/* Call fn for every row of table: 0, fn's non-zero (which stops it), or
 * -1. */
int store_rows_each(struct store *store, const struct store_table *table,
		    store_row_fn fn, void *context);
/* Insert one row of table as given, in the caller's batch
 * (store_batch_begin with STORE_BATCH_WHOLE): 0 or -1. */
int store_rows_put(struct store *store, const struct store_table *table,
		   const char *const *values);
/* Append row to the audit chain as the next row (its id is not used)
 * keeping its time, in the caller's batch; the new row's hash in hash. */
struct audit_row;
int store_audit_copy(struct store *store, const struct audit_row *row,
		     char hash[65]);
/* Rebuild what is derived from the rows (search keys, outcome counts,
 * the draft numbering) in the caller's batch, after rows_put. */
int store_rebuild(struct store *store);

/* Number of applications (restore's question, tests). */
long long store_application_count(struct store *store);

/* Number of audit rows (tests and `intake show`). */
long long store_audit_count(struct store *store);

#endif
