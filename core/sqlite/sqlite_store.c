/* SQLite storage: schema, migrations and every SQL statement. */
#include "store.h"
#include "sqlite_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "messages.h"
#include "util.h"

/* How long a writer waits for another one: the busy handler waits this
 * long inside each attempt, and BEGIN is retried until the deadline. */
#define STORE_BUSY_TIMEOUT_MS 10000
#define STORE_BEGIN_DEADLINE_S 30

/*
 * Timestamps (created_at, updated_at, recorded_at, audit.at) are UTC,
 * ISO 8601 with a Z; dates (received_on, occurred_on) are ISO dates and
 * months 'YYYY-MM', so text order is date order.
 */
#define ISO_SIZE STORE_ISO_SIZE /* a date or month as text */
#define SQL_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/*
 * Migration n takes user_version n to n + 1 and sets it itself: its
 * sql, then (when set) after on the connection and after_sql, all in
 * one transaction.
 */
struct migration {
	const char *sql;
	int (*after)(struct sqlite_store *store);
	const char *after_sql;
};

static const struct migration migrations[] = {
	{ "CREATE TABLE applications (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	receipt TEXT UNIQUE NOT NULL,\n"
	"	programme TEXT NOT NULL,\n"
	"	plugin_version TEXT,\n"
	"	form_version INTEGER NOT NULL,\n"
	"	received_on TEXT NOT NULL,\n"
	"	office TEXT,\n"
	"	staff TEXT,\n"
	"	status TEXT NOT NULL DEFAULT 'received',\n"
	"	created_at TEXT NOT NULL,\n"
	"	updated_at TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX applications_received_on\n"
	"	ON applications (programme, received_on);\n"
	"CREATE TABLE answers (\n"
	"	application_id INTEGER NOT NULL REFERENCES applications (id),\n"
	"	field TEXT NOT NULL,\n"
	"	value TEXT NOT NULL,\n"
	"	PRIMARY KEY (application_id, field)\n"
	");\n"
	"CREATE TABLE outcomes (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	application_id INTEGER NOT NULL REFERENCES applications (id),\n"
	"	code TEXT NOT NULL,\n"
	"	occurred_on TEXT NOT NULL,\n"
	"	staff TEXT,\n"
	"	note TEXT,\n"
	"	recorded_at TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX outcomes_application ON outcomes (application_id);\n"
	"CREATE INDEX outcomes_occurred_on ON outcomes (occurred_on);\n"
	"CREATE TABLE outcome_counts (\n"
	"	programme TEXT NOT NULL,\n"
	"	month TEXT NOT NULL,\n"
	"	code TEXT NOT NULL,\n"
	"	count INTEGER NOT NULL,\n"
	"	PRIMARY KEY (programme, month, code)\n"
	");\n"
	"CREATE TABLE receipt_sequences (\n"
	"	programme TEXT NOT NULL,\n"
	"	fiscal_year INTEGER NOT NULL,\n"
	"	last INTEGER NOT NULL,\n"
	"	PRIMARY KEY (programme, fiscal_year)\n"
	");\n"
	"CREATE TABLE audit (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	at TEXT NOT NULL,\n"
	"	staff TEXT,\n"
	"	action TEXT NOT NULL,\n"
	"	application_id INTEGER REFERENCES applications (id),\n"
	"	\"before\" TEXT,\n"
	"	\"after\" TEXT\n"
	");\n"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	"BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;\n"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit\n"
	"BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;\n"
	"CREATE TABLE drafts (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	programme TEXT NOT NULL,\n"
	"	staff TEXT,\n"
	"	started_at TEXT NOT NULL,\n"
	"	updated_at TEXT NOT NULL,\n"
	"	last_field TEXT,\n"
	"	answers TEXT NOT NULL DEFAULT '{}'\n"
	");\n"
	"PRAGMA user_version = 1;\n", NULL, NULL },

	/* Drafts keep their answers as rows, like applications (no
	 * release wrote drafts.answers, so it goes); links between
	 * applications of one person; answers(field, value) finds a
	 * person by birth_date. */
	{ "CREATE TABLE draft_answers (\n"
	"	draft_id INTEGER NOT NULL\n"
	"		REFERENCES drafts (id) ON DELETE CASCADE,\n"
	"	position INTEGER NOT NULL,\n"
	"	field TEXT NOT NULL,\n"
	"	value TEXT NOT NULL,\n"
	"	PRIMARY KEY (draft_id, field)\n"
	");\n"
	"ALTER TABLE drafts DROP COLUMN answers;\n"
	"CREATE TABLE links (\n"
	"	id INTEGER PRIMARY KEY,\n"
	"	application_id INTEGER NOT NULL REFERENCES applications (id),\n"
	"	linked_id INTEGER NOT NULL REFERENCES applications (id),\n"
	"	note TEXT,\n"
	"	staff TEXT,\n"
	"	created_at TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX links_application ON links (application_id);\n"
	"CREATE INDEX links_linked ON links (linked_id);\n"
	"CREATE INDEX answers_field_value ON answers (field, value);\n"
	"PRAGMA user_version = 2;\n", NULL, NULL },

	/* The audit becomes a hash chain (sqlite_audit.c): every row gets
	 * its hash, and no row goes in without one. */
	{ "DROP TRIGGER audit_no_update;\n"
	  "ALTER TABLE audit ADD COLUMN hash TEXT;\n",
	  audit_seal_existing,
	  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit\n"
	  "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;\n"
	  "CREATE TRIGGER audit_chained BEFORE INSERT ON audit\n"
	  "WHEN NEW.hash IS NULL OR length(NEW.hash) != 64\n"
	  "BEGIN SELECT RAISE(ABORT, 'audit rows are chained'); END;\n"
	  "PRAGMA user_version = 3;\n" },

	/* find (sqlite_find.c): search keys of names and kana, filled for
	 * the applications already there; receipts by their last digits;
	 * received_on, status, office and staff each by an index.  IF
	 * NOT EXISTS and a refill from scratch: a database whose version
	 * was set back (as tests make older ones) migrates again. */
	{ "CREATE TABLE IF NOT EXISTS search_keys (\n"
	  "	kind TEXT NOT NULL,\n"
	  "	key TEXT NOT NULL,\n"
	  "	application_id INTEGER NOT NULL REFERENCES applications (id),\n"
	  "	PRIMARY KEY (kind, key, application_id)\n"
	  ") WITHOUT ROWID;\n"
	  "CREATE INDEX IF NOT EXISTS applications_sequence\n"
	  "	ON applications (substr(receipt, -6));\n"
	  "CREATE INDEX IF NOT EXISTS applications_received\n"
	  "	ON applications (received_on);\n"
	  "CREATE INDEX IF NOT EXISTS applications_status\n"
	  "	ON applications (status, received_on);\n"
	  "CREATE INDEX IF NOT EXISTS applications_office\n"
	  "	ON applications (office, received_on);\n"
	  "CREATE INDEX IF NOT EXISTS applications_staff\n"
	  "	ON applications (staff, received_on);\n",
	  search_keys_backfill,
	  "PRAGMA user_version = 4;\n" },

	/* Working a case after it is taken: outcomes voided (never
	 * deleted), a case withdrawn, memos on a case (append-only), and
	 * the audit of one case found by its index. */
	{ "ALTER TABLE outcomes ADD COLUMN voided_at TEXT;\n"
	  "ALTER TABLE outcomes ADD COLUMN voided_by TEXT;\n"
	  "ALTER TABLE outcomes ADD COLUMN void_reason TEXT;\n"
	  "ALTER TABLE applications ADD COLUMN withdrawn_at TEXT;\n"
	  "CREATE TABLE case_notes (\n"
	  "	id INTEGER PRIMARY KEY,\n"
	  "	application_id INTEGER NOT NULL REFERENCES applications (id),\n"
	  "	at TEXT NOT NULL,\n"
	  "	staff TEXT,\n"
	  "	text TEXT NOT NULL\n"
	  ");\n"
	  "CREATE INDEX case_notes_application ON case_notes (application_id);\n"
	  "CREATE TRIGGER case_notes_no_update BEFORE UPDATE ON case_notes\n"
	  "BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;\n"
	  "CREATE TRIGGER case_notes_no_delete BEFORE DELETE ON case_notes\n"
	  "BEGIN SELECT RAISE(ABORT, 'notes are append-only'); END;\n"
	  "CREATE INDEX audit_application ON audit (application_id);\n"
	  "PRAGMA user_version = 5;\n",
	  NULL, NULL },

	/* Amounts in yen on outcomes that carry one (支給額; NULL on the
	 * others), summed by tally from the outcomes themselves; what
	 * falls due after an outcome (store_due) found by code. */
	{ "ALTER TABLE outcomes ADD COLUMN amount INTEGER;\n"
	  "CREATE INDEX outcomes_code ON outcomes (code, application_id);\n"
	  "PRAGMA user_version = 6;\n",
	  NULL, NULL },

	/* Staff accounts for the office in a browser (sqlite_account.c):
	 * an Argon2id hash (never the password), a role, failed logins
	 * and a lock until a time; disabled, never deleted. */
	{ "CREATE TABLE accounts (\n"
	  "	id INTEGER PRIMARY KEY,\n"
	  "	name TEXT UNIQUE NOT NULL,\n"
	  "	role TEXT NOT NULL,\n"
	  "	office TEXT,\n"
	  "	language TEXT NOT NULL,\n"
	  "	password_hash TEXT NOT NULL,\n"
	  "	disabled_at TEXT,\n"
	  "	failed_logins INTEGER NOT NULL DEFAULT 0,\n"
	  "	locked_until TEXT,\n"
	  "	created_at TEXT NOT NULL,\n"
	  "	last_login_at TEXT\n"
	  ");\n"
	  "PRAGMA user_version = 7;\n",
	  NULL, NULL },

	/* Server sessions (sqlite_session.c): the SHA-256 of the cookie's
	 * token (never the token), the CSRF token of its forms, times in
	 * seconds since the epoch; gone at logout or once expired. */
	{ "CREATE TABLE sessions (\n"
	  "	token_hash TEXT PRIMARY KEY,\n"
	  "	account_id INTEGER NOT NULL REFERENCES accounts (id),\n"
	  "	csrf TEXT NOT NULL,\n"
	  "	created_at INTEGER NOT NULL,\n"
	  "	last_seen_at INTEGER NOT NULL,\n"
	  "	expires_at INTEGER NOT NULL\n"
	  ");\n"
	  "PRAGMA user_version = 8;\n",
	  NULL, NULL },
	/* 9: draft ids are never given twice.  A draft's id is in its
	 * page's address: a tab left open on a draft since confirmed or
	 * discarded must not write into a newer draft that got its id
	 * (the rowid of drafts is max + 1, so the newest one's id came
	 * back). */
	{ "CREATE TABLE draft_ids (last INTEGER NOT NULL);\n"
	  "INSERT INTO draft_ids SELECT coalesce(max(id), 0) FROM drafts;\n"
	  "PRAGMA user_version = 9;\n",
	  NULL, NULL },
	/* 10: a prefecture's scale (issue 12).  An imported case keeps
	 * the office's old case number (source_id, unique per programme,
	 * so an import run again stores nothing twice).  Outcomes carry
	 * their application's programme, so a period of one programme is
	 * one index range.  outcome_counts holds everything tally reads,
	 * per programme, month and code: count (延べ), people (実 within
	 * the month), first_people (applications whose first outcome of
	 * the code in its fiscal year falls in the month: their sum over
	 * April..M is 実 of the year to M), amount and amounts (yen summed
	 * and how many carried one); rebuilt from the outcomes. */
	{ "ALTER TABLE applications ADD COLUMN source_id TEXT;\n"
	  "CREATE UNIQUE INDEX applications_source\n"
	  "	ON applications (programme, source_id)\n"
	  "	WHERE source_id IS NOT NULL;\n"
	  "ALTER TABLE outcomes ADD COLUMN programme TEXT;\n"
	  "UPDATE outcomes SET programme = (SELECT a.programme\n"
	  "	FROM applications a WHERE a.id = outcomes.application_id);\n"
	  "CREATE INDEX outcomes_programme ON outcomes (programme, occurred_on);\n"
	  "DROP TABLE outcome_counts;\n"
	  "CREATE TABLE outcome_counts (\n"
	  "	programme TEXT NOT NULL,\n"
	  "	month TEXT NOT NULL,\n"
	  "	code TEXT NOT NULL,\n"
	  "	count INTEGER NOT NULL DEFAULT 0,\n"
	  "	people INTEGER NOT NULL DEFAULT 0,\n"
	  "	first_people INTEGER NOT NULL DEFAULT 0,\n"
	  "	amount INTEGER NOT NULL DEFAULT 0,\n"
	  "	amounts INTEGER NOT NULL DEFAULT 0,\n"
	  "	PRIMARY KEY (programme, month, code)\n"
	  ") WITHOUT ROWID;\n"
	  SQLITE_COUNTS_FILL
	  "PRAGMA user_version = 10;\n",
	  NULL, NULL },
};

#define SCHEMA_VERSION ((int)ARRAY_SIZE(migrations))

#define APPLICATION_COLUMNS                                                  \
	"a.id, a.receipt, a.programme, a.plugin_version, a.form_version, "   \
	"a.received_on, a.office, a.staff, a.status, a.created_at"
#define APPLICATION_N_COLUMNS 10

#define DRAFT_COLUMNS                                                        \
	"id, programme, staff, started_at, updated_at, last_field"

/*
 * The WHERE of store_list: only the filters given, by numbered
 * parameter (?1 programme, ?2 ?3 the month as [first day, first day of
 * the next), ?4 status).  Rows come in id order whatever the filter, so
 * that the outcome cursor walks beside them.  A month lets an index
 * ((programme, received_on), (status, received_on) or (received_on))
 * find its rows, and sorting one month's rows by id is cheap.  Without
 * one the unary + keeps SQLite off those indexes: a programme or status
 * is a large share of all applications, read in id order as stored
 * rather than sorted whole before the first row streams out.
 */
static void list_where(struct strbuf *sql, const struct store_filter *filter)
{
	const char *plus = filter->month ? "" : "+";

	strbuf_addstr(sql, " WHERE 1");
	if (filter->programme)
		strbuf_addf(sql, " AND %sa.programme = ?1", plus);
	if (filter->month)
		strbuf_addstr(sql, " AND a.received_on >= ?2"
				   " AND a.received_on < ?3");
	if (filter->status)
		strbuf_addf(sql, " AND %sa.status = ?4", plus);
}

/*
 * The statements store_list, store_tally and store_verify_counts walk
 * while calling back are prepared per call (the callback may use the
 * store); everything else is prepared once and kept here.
 */
enum stmt_id {
	STMT_BEGIN,
	STMT_BEGIN_READ,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_SAVEPOINT,
	STMT_RELEASE,
	STMT_ROLLBACK_TO,
	STMT_NEXT_SEQUENCE,
	STMT_INSERT_APPLICATION,
	STMT_GET_APPLICATION,
	STMT_GET_ANSWERS,
	STMT_GET_OUTCOMES,
	STMT_APPLICATION_STATE,
	STMT_OUTCOME_EXISTS,
	STMT_INSERT_OUTCOME,
	STMT_UPDATE_STATUS,
	STMT_AUDIT_OUTCOME,
	STMT_AUDIT_COUNT,
	STMT_DELETE_DRAFT,
	STMT_APPLICATION_ID,
	STMT_INSERT_LINK,
	STMT_AUDIT_LINK,
	STMT_GET_LINKS,
	STMT_NEXT_DRAFT_ID,
	STMT_INSERT_DRAFT,
	STMT_TOUCH_DRAFT,
	STMT_CLEAR_DRAFT_ANSWERS,
	STMT_INSERT_DRAFT_ANSWER,
	STMT_GET_DRAFT,
	STMT_GET_DRAFT_ANSWERS,
	STMT_COUNT
};

static const char *const stmt_sql[STMT_COUNT] = {
	[STMT_BEGIN] = "BEGIN IMMEDIATE",
	[STMT_BEGIN_READ] = "BEGIN",
	[STMT_COMMIT] = "COMMIT",
	[STMT_ROLLBACK] = "ROLLBACK",
	[STMT_SAVEPOINT] = "SAVEPOINT batch_row",
	[STMT_RELEASE] = "RELEASE batch_row",
	[STMT_ROLLBACK_TO] = "ROLLBACK TO batch_row",
	[STMT_NEXT_SEQUENCE] =
		"INSERT INTO receipt_sequences (programme, fiscal_year, last)"
		" VALUES (?1, ?2, 1)"
		" ON CONFLICT (programme, fiscal_year)"
		" DO UPDATE SET last = last + 1"
		" RETURNING last",
	[STMT_INSERT_APPLICATION] =
		"INSERT INTO applications (receipt, programme, plugin_version,"
		" form_version, received_on, office, staff, created_at,"
		" updated_at, source_id)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " SQL_NOW ","
		" " SQL_NOW ", ?8)",
	[STMT_GET_APPLICATION] = "SELECT " APPLICATION_COLUMNS
				 " FROM applications a WHERE a.receipt = ?1",
	[STMT_GET_ANSWERS] = "SELECT field, value FROM answers"
			     " WHERE application_id = ?1 ORDER BY rowid",
	[STMT_GET_OUTCOMES] =
		"SELECT id, code, occurred_on, staff, note, recorded_at,"
		" voided_at, void_reason, amount"
		" FROM outcomes WHERE application_id = ?1"
		" ORDER BY occurred_on, id",
	[STMT_APPLICATION_STATE] =
		"SELECT receipt, programme, status FROM applications"
		" WHERE id = ?1",
	[STMT_OUTCOME_EXISTS] = "SELECT 1 FROM outcomes"
				" WHERE application_id = ?1 AND code = ?2"
				" AND voided_at IS NULL LIMIT 1",
	[STMT_INSERT_OUTCOME] =
		"INSERT INTO outcomes (application_id, programme, code,"
		" occurred_on, staff, note, amount, recorded_at)"
		" SELECT ?1, programme, ?2, ?3, ?4, ?5, ?6, " SQL_NOW
		" FROM applications WHERE id = ?1",
	[STMT_UPDATE_STATUS] =
		"UPDATE applications SET updated_at = " SQL_NOW ","
		" status = CASE WHEN withdrawn_at IS NOT NULL THEN 'withdrawn'"
		" ELSE COALESCE((SELECT code FROM outcomes"
		" WHERE application_id = ?1 AND voided_at IS NULL"
		" ORDER BY occurred_on DESC, id DESC LIMIT 1), 'received') END"
		" WHERE id = ?1",
	[STMT_AUDIT_OUTCOME] =
		"SELECT ?2, 'outcome', a.id,"
		" json_object('status', ?3),"
		" json_object('outcome', o.id, 'code', o.code,"
		" 'occurred_on', o.occurred_on, 'note', o.note,"
		" 'amount', o.amount, 'status', a.status)"
		" FROM applications a JOIN outcomes o ON o.id = ?4"
		" WHERE a.id = ?1",
	[STMT_AUDIT_COUNT] = "SELECT COUNT(*) FROM audit",
	/* draft_answers go with the draft: ON DELETE CASCADE. */
	[STMT_DELETE_DRAFT] = "DELETE FROM drafts WHERE id = ?1",
	[STMT_APPLICATION_ID] = "SELECT id FROM applications"
				" WHERE receipt = ?1",
	[STMT_INSERT_LINK] =
		"INSERT INTO links (application_id, linked_id, note, staff,"
		" created_at) VALUES (?1, ?2, ?3, ?4, " SQL_NOW ")",
	[STMT_AUDIT_LINK] =
		"SELECT l.staff, 'link', l.application_id, NULL,"
		" json_object('receipt', a.receipt, 'linked', o.receipt,"
		" 'note', l.note)"
		" FROM links l JOIN applications a ON a.id = l.application_id"
		" JOIN applications o ON o.id = l.linked_id WHERE l.id = ?1",
	[STMT_GET_LINKS] =
		"SELECT o.id, l.id, o.receipt, o.programme, l.note"
		" FROM links l JOIN applications o ON o.id = l.linked_id"
		" WHERE l.application_id = ?1"
		" UNION ALL"
		" SELECT o.id, l.id, o.receipt, o.programme, l.note"
		" FROM links l JOIN applications o ON o.id = l.application_id"
		" WHERE l.linked_id = ?1"
		" ORDER BY 1, 2",
	[STMT_NEXT_DRAFT_ID] =
		"UPDATE draft_ids SET last = last + 1 RETURNING last",
	[STMT_INSERT_DRAFT] =
		"INSERT INTO drafts (id, programme, staff, started_at,"
		" updated_at) VALUES (?3, ?1, ?2, " SQL_NOW ", " SQL_NOW ")",
	[STMT_TOUCH_DRAFT] = "UPDATE drafts SET last_field = ?2,"
			     " updated_at = " SQL_NOW " WHERE id = ?1",
	[STMT_CLEAR_DRAFT_ANSWERS] = "DELETE FROM draft_answers"
				     " WHERE draft_id = ?1",
	[STMT_INSERT_DRAFT_ANSWER] =
		"INSERT INTO draft_answers (draft_id, position, field, value)"
		" VALUES (?1, ?2, ?3, ?4)",
	[STMT_GET_DRAFT] = "SELECT " DRAFT_COLUMNS " FROM drafts"
			   " WHERE id = ?1",
	[STMT_GET_DRAFT_ANSWERS] = "SELECT field, value FROM draft_answers"
				   " WHERE draft_id = ?1 ORDER BY position",
};

/* Dates: yyyymmdd longs in C, ISO text in SQL. */

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* Split yyyymmdd; -1 unless it is a real date of years 1..9999. */
static int date_split(long date, int *year, int *month, int *day)
{
	if (date < 10101 || date > 99991231)
		return -1;
	*year = (int)(date / 10000);
	*month = (int)(date / 100 % 100);
	*day = (int)(date % 100);
	if (*month < 1 || *month > 12 || *day < 1 ||
	    *day > days_in_month(*year, *month))
		return -1;
	return 0;
}

/* yyyymmdd to "YYYY-MM-DD" in iso (ISO_SIZE bytes); -1 when not a date. */
static int date_iso(long date, char *iso)
{
	int year, month, day;

	if (date_split(date, &year, &month, &day) < 0)
		return error(msg(MSG_STORE_BAD_DATE), date);
	snprintf(iso, ISO_SIZE, "%04d-%02d-%02d", year, month, day);
	return 0;
}

/* "YYYY-MM-DD" to yyyymmdd; 0 when the text is not an ISO date. */
static long date_from_text(const char *iso)
{
	int year, month, day;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
		return 0;
	return (long)year * 10000 + month * 100 + day;
}

/* Statements and their errors. */

/* The kind of failure an SQLite result code is. */
static enum store_status status_of(sqlite3 *db, int rc)
{
	int system = db ? sqlite3_system_errno(db) : 0;

	switch (rc & 0xff) {
	case SQLITE_OK: return STORE_OK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return STORE_BUSY;
	case SQLITE_FULL:
	case SQLITE_IOERR: return STORE_IO;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH: return STORE_NO_PERMISSION;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return STORE_CORRUPT;
	case SQLITE_CANTOPEN: /* SQLite falls back to read-only quietly */
		return system == EACCES || system == EPERM || system == EROFS ||
			       (db && sqlite3_db_readonly(db, "main") == 1)
			       ? STORE_NO_PERMISSION
			       : STORE_IO;
	default: return STORE_INTERNAL;
	}
}

void store_note_status(struct sqlite_store *store, int rc)
{
	store->base.status = status_of(store->db, rc);
}

/* The message for a failure of this kind on path. */
static int status_error(enum store_status status, int rc, const char *path,
			const char *detail)
{
	switch (status) {
	case STORE_CORRUPT:
		return error(msg(MSG_STORE_CORRUPT), path, detail);
	case STORE_IO:
		if ((rc & 0xff) == SQLITE_FULL)
			return error(msg(MSG_STORE_FULL), path);
		return error(msg(MSG_STORE_IO), path, detail);
	case STORE_NO_PERMISSION:
		return error(msg(MSG_STORE_NO_PERMISSION), path, detail);
	default:
		return error(msg(MSG_STORE_SQL), path, detail);
	}
}

int store_sql_error(struct sqlite_store *store)
{
	int rc = sqlite3_extended_errcode(store->db);

	store_note_status(store, rc);
	return status_error(store->base.status, rc, store->path,
			    sqlite3_errmsg(store->db));
}

int sqlite_settle(struct store *base)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = NULL;

	while ((stmt = sqlite3_next_stmt(store->db, stmt)))
		sqlite3_reset(stmt);
	return store->base.status == STORE_OK && sqlite3_get_autocommit(store->db);
}

int store_prepare(struct sqlite_store *store, const char *sql,
		  sqlite3_stmt **stmt)
{
	if (sqlite3_prepare_v2(store->db, sql, -1, stmt, NULL) != SQLITE_OK)
		return store_sql_error(store);
	return 0;
}

/* The cached statement id, reset and without bindings; NULL (printed)
 * when it cannot be prepared. */
static sqlite3_stmt *store_stmt(struct sqlite_store *store, enum stmt_id id)
{
	sqlite3_stmt **stmt = &store->stmts[id];

	if (!*stmt && store_prepare(store, stmt_sql[id], stmt) < 0)
		return NULL;
	sqlite3_reset(*stmt);
	sqlite3_clear_bindings(*stmt);
	return *stmt;
}

/* Reset every cached statement, so that none holds a read lock. */
static void store_reset(struct sqlite_store *store)
{
	size_t i;

	for (i = 0; i < STMT_COUNT; i++)
		if (store->stmts[i])
			sqlite3_reset(store->stmts[i]);
}

int store_bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (!text)
		return sqlite3_bind_null(stmt, index);
	return sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
}

int store_run(struct sqlite_store *store, sqlite3_stmt *stmt)
{
	if (sqlite3_step(stmt) != SQLITE_DONE)
		return store_sql_error(store);
	sqlite3_reset(stmt);
	return 0;
}

/* A malloced copy of a text column; "" for NULL unless keep_null. */
static char *column_dup(sqlite3_stmt *stmt, int column, int keep_null)
{
	const unsigned char *text = sqlite3_column_text(stmt, column);

	if (!text)
		return keep_null ? NULL : xstrdup("");
	return xstrdup((const char *)text);
}

/* Transactions. */

/* Run cached statement id (no row): 0 or -1 (printed). */
static int store_run_stmt(struct sqlite_store *store, enum stmt_id id)
{
	sqlite3_stmt *stmt = store_stmt(store, id);

	return stmt ? store_run(store, stmt) : -1;
}

static double monotonic_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Sleep a little before retrying BEGIN: 5–10 ms, doubling to 200 ms,
 * with jitter so that waiting writers do not retry in step. */
static void backoff(int *delay_ms)
{
	unsigned int jitter;

	sqlite3_randomness(sizeof(jitter), &jitter);
	sqlite3_sleep(*delay_ms + (int)(jitter % (unsigned int)*delay_ms));
	if (*delay_ms < 200)
		*delay_ms *= 2;
}

/*
 * SQLite's busy handler: wait for the lock another connection holds in
 * steps of a millisecond (SQLite's own sleeps grow to 100 ms, and a
 * writer then sleeps on long after the lock is free), up to the
 * smaller of busy_seconds and STORE_BUSY_TIMEOUT_MS.
 */
static int busy_wait(void *context, int count)
{
	struct sqlite_store *store = context;
	double now = monotonic_seconds(), limit = store->busy_seconds;

	if (limit * 1000 > STORE_BUSY_TIMEOUT_MS)
		limit = STORE_BUSY_TIMEOUT_MS / 1000.0;
	if (!count)
		store->busy_since = now;
	if (now - store->busy_since >= limit)
		return 0;
	sqlite3_sleep(1);
	return 1;
}

static int is_busy(int rc)
{
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/*
 * Step stmt, retried while another connection holds the lock it needs
 * until the deadline.  Each attempt already waits in the busy handler,
 * but SQLite returns at once where waiting could deadlock (two readers
 * both wanting to write, as in two first `PRAGMA journal_mode`s).
 * Returns the last result code, printed when still busy.
 */
static int step_retrying(struct sqlite_store *store, sqlite3_stmt *stmt)
{
	double deadline = monotonic_seconds() + store->busy_seconds;
	int delay_ms = 5;
	int rc;

	while (is_busy(rc = sqlite3_step(stmt))) {
		sqlite3_reset(stmt);
		if (monotonic_seconds() > deadline) {
			store->base.status = STORE_BUSY;
			error(msg(MSG_STORE_BUSY), store->path,
			      store->busy_seconds);
			break;
		}
		backoff(&delay_ms);
	}
	return rc;
}

int store_step_row(struct sqlite_store *store, sqlite3_stmt *stmt)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_sql_error(store);
}

/* BEGIN IMMEDIATE: take the write lock now, waiting for it if need be,
 * so that no statement inside the transaction finds the database busy.
 * In a batch (store_batch_begin), a savepoint inside the batch's
 * transaction instead, released by store_commit, undone by
 * store_rollback. */
int store_begin(struct sqlite_store *store)
{
	sqlite3_stmt *begin;
	int rc;

	if (store->batch && store->batch_whole)
		return store->batch_failed ? -1 : 0;
	if (store->batch)
		return store_run_stmt(store, STMT_SAVEPOINT);
	begin = store_stmt(store, STMT_BEGIN);
	if (!begin)
		return -1;
	rc = step_retrying(store, begin);
	if (rc != SQLITE_DONE && !is_busy(rc))
		store_sql_error(store);
	sqlite3_reset(begin);
	return rc == SQLITE_DONE ? 0 : -1;
}

int store_commit(struct sqlite_store *store)
{
	sqlite3_stmt *commit;

	store_reset(store);
	if (store->batch && store->batch_whole)
		return store->batch_failed ? -1 : 0;
	if (store->batch)
		return store_run_stmt(store, STMT_RELEASE);
	commit = store_stmt(store, STMT_COMMIT);
	if (!commit)
		return -1;
	return store_run(store, commit);
}

/* Roll back the open transaction, if any (some errors end it). */
void store_rollback(struct sqlite_store *store)
{
	sqlite3_stmt *rollback;

	store_reset(store);
	if (store->batch && store->batch_whole) {
		store->batch_failed = 1; /* store_batch_end rolls back */
		return;
	}
	if (sqlite3_get_autocommit(store->db))
		return;
	if (store->batch) {
		if (!store_run_stmt(store, STMT_ROLLBACK_TO))
			store_run_stmt(store, STMT_RELEASE);
		return;
	}
	rollback = store_stmt(store, STMT_ROLLBACK);
	if (!rollback || sqlite3_step(rollback) != SQLITE_DONE)
		store_sql_error(store);
	if (rollback)
		sqlite3_reset(rollback);
}

/* End the write transaction store_begin opened: commit when ret is 0
 * (then -1 if the commit fails), roll back otherwise; returns ret. */
int store_end_write(struct sqlite_store *store, int ret)
{
	if (!ret && store_commit(store) < 0)
		ret = -1;
	if (ret)
		store_rollback(store);
	return ret;
}

/* The value of PRAGMA name (temp_store, cache_size); fallback when it
 * cannot be read. */
static int pragma_value(struct sqlite_store *store, const char *name,
			int fallback)
{
	sqlite3_stmt *stmt = NULL;
	char *sql = xstrfmt("PRAGMA %s", name);
	int value = fallback;

	if (store_prepare(store, sql, &stmt) == 0 &&
	    sqlite3_step(stmt) == SQLITE_ROW)
		value = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	free(sql);
	return value;
}

static void set_pragma(struct sqlite_store *store, const char *name, int value)
{
	char *sql = xstrfmt("PRAGMA %s = %d", name, value);

	sqlite3_exec(store->db, sql, NULL, NULL, NULL);
	free(sql);
}

/* temp_store and cache_size back to what they were before the batch. */
static void store_batch_restore(struct sqlite_store *store)
{
	set_pragma(store, "temp_store", store->temp_store);
	set_pragma(store, "cache_size", store->cache_size);
}

/*
 * Each write in a batch is a savepoint, and SQLite keeps the pages a
 * savepoint changes in a sub-journal: a temporary file past 64 KiB,
 * about 80 pwrite calls a case.  temp_store = MEMORY (2) for the batch
 * keeps it in memory, emptied at each RELEASE.  A batch also touches
 * the pages of every index of applications and answers: a page cache
 * of STORE_BATCH_CACHE_KIB (not the default 2 MiB) halves the pread
 * and pwrite calls at 100,000 cases while memory stays flat.  The
 * database file and its WAL are written as before.
 */
int sqlite_batch_begin(struct store *base, enum store_batch kind)
{
	struct sqlite_store *store = sqlite_of(base);

	if (store->batch)
		BUG("a batch inside a batch");
	store->batch_whole = kind == STORE_BATCH_WHOLE;
	store->batch_failed = 0;
	store->temp_store = pragma_value(store, "temp_store", 0);
	store->cache_size = pragma_value(store, "cache_size", -2000);
	set_pragma(store, "temp_store", 2);
	if (store->cache_size < 0 &&
	    -store->cache_size < STORE_BATCH_CACHE_KIB)
		set_pragma(store, "cache_size", -STORE_BATCH_CACHE_KIB);
	if (store_begin(store) < 0) {
		store_batch_restore(store);
		return -1;
	}
	store->batch = 1;
	return 0;
}

int sqlite_batch_end(struct store *base, int commit)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret = 0, failed = store->batch_failed;

	if (!store->batch)
		BUG("no batch to end");
	store->batch = 0;
	store->batch_whole = store->batch_failed = 0;
	if (sqlite3_get_autocommit(store->db)) {
		store_batch_restore(store);
		return commit ? -1 : 0; /* an error ended it already */
	}
	if (commit && !failed)
		ret = store_commit(store);
	if (!commit || failed || ret < 0)
		store_rollback(store);
	store_batch_restore(store);
	return commit && failed ? -1 : ret;
}

/* Opening and migrating. */

/* How long a writer waits for the lock before giving up (exit 75):
 * INTAKE_BUSY_SECONDS (1..3600), else STORE_BEGIN_DEADLINE_S. */
static int busy_seconds(void)
{
	const char *text = getenv("INTAKE_BUSY_SECONDS");
	long long seconds;

	if (!text)
		return STORE_BEGIN_DEADLINE_S;
	if (parse_long_long(text, &seconds) || seconds < 1 || seconds > 3600) {
		warning(msg(MSG_STORE_BAD_BUSY_SECONDS), text,
			STORE_BEGIN_DEADLINE_S);
		return STORE_BEGIN_DEADLINE_S;
	}
	return (int)seconds;
}

static enum store_status errno_status(int err)
{
	return err == EACCES || err == EPERM || err == EROFS
		       ? STORE_NO_PERMISSION
		       : STORE_IO;
}

/* A new database file: 0600, never through a symlink.  *raced: another
 * process made it first. */
static enum store_status create_file(const char *path, int *raced)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		      0600);

	*raced = fd < 0 && errno == EEXIST;
	if (fd < 0 && !*raced) {
		error(msg(MSG_STORE_CREATE), path, strerror(errno));
		return errno_status(errno);
	}
	close(fd);
	return STORE_OK;
}

/* init over an existing file: ours, regular, and 0600 from now on. */
static enum store_status take_existing(const char *path,
				       const struct stat *st)
{
	int fd;

	if (S_ISLNK(st->st_mode))
		return error(msg(MSG_STORE_SYMLINK), path), STORE_REFUSED;
	if (!S_ISREG(st->st_mode))
		return error(msg(MSG_STORE_NOT_FILE), path), STORE_REFUSED;
	if (st->st_uid != geteuid())
		return error(msg(MSG_STORE_NOT_OWNER), path), STORE_REFUSED;
	if (!(st->st_mode & 077))
		return STORE_OK;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0600) < 0) {
		error(msg(MSG_STORE_CHMOD), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return errno_status(errno);
	}
	close(fd);
	if (st->st_size)
		warning(msg(MSG_STORE_MODE_TIGHTENED), path,
			(unsigned)(st->st_mode & 0777));
	return STORE_OK;
}

/* What is at path before SQLite opens it: missing, empty, or a file. */
static enum store_status check_file(const char *path, enum store_mode mode)
{
	struct stat st;
	int found = mode == STORE_CREATE ? lstat(path, &st) : stat(path, &st);
	int raced = 0;
	enum store_status status;

	if (found < 0 && errno == ENOENT && mode == STORE_CREATE) {
		status = create_file(path, &raced);
		if (!raced)
			return status;
		found = lstat(path, &st);
	}
	if (found < 0 && errno != ENOENT) {
		error(msg(MSG_STORE_OPEN), path, strerror(errno));
		return errno_status(errno);
	}
	if (mode == STORE_CREATE)
		return take_existing(path, &st);
	if (found < 0)
		return error(msg(MSG_STORE_MISSING), path), STORE_MISSING;
	if (!S_ISREG(st.st_mode))
		return error(msg(MSG_STORE_NOT_FILE), path), STORE_FOREIGN;
	if (!st.st_size)
		return error(msg(MSG_STORE_EMPTY), path), STORE_MISSING;
	return STORE_OK;
}

/* Fail with the store's own words for what SQLite said. */
static enum store_status open_failed(struct sqlite_store *store)
{
	if (store->base.status == STORE_OK)
		store_sql_error(store);
	return store->base.status;
}

/*
 * Every writer: WAL (a property of the file, set once: the header says
 * so, and the pragma, which may have to wait for a lock, runs only
 * when it does not), foreign keys, and synchronous FULL.
 *
 * synchronous stays FULL: in WAL mode NORMAL does not sync the log at
 * each commit, so a power cut can lose the last cases whose receipts
 * were already printed and handed over.  FULL costs one fdatasync per
 * commit (bench/README, "Cost of each process": adds/s of both).
 */
static enum store_status configure_writer(struct sqlite_store *store, int wal)
{
	sqlite3_stmt *pragma = NULL;
	int rc = SQLITE_ROW;

	if (!wal) {
		if (store_prepare(store, "PRAGMA journal_mode = WAL",
				  &pragma) < 0)
			return open_failed(store);
		rc = step_retrying(store, pragma);
		sqlite3_finalize(pragma);
	}
	if (rc != SQLITE_ROW ||
	    sqlite3_db_config(store->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1,
			      NULL) != SQLITE_OK ||
	    sqlite3_exec(store->db, "PRAGMA synchronous = FULL", NULL, NULL,
			 NULL) != SQLITE_OK)
		return open_failed(store);
	return STORE_OK;
}

/* One integer a statement selects (user_version, a count). */
static int select_integer(struct sqlite_store *store, const char *sql,
			  long long *value)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(store, sql, &stmt) < 0)
		return -1;
	rc = step_retrying(store, stmt);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(stmt, 0);
	else if (!is_busy(rc))
		store_sql_error(store);
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

/*
 * The schema version, refusing what intake did not write: a version
 * outside 0..SCHEMA_VERSION, or version 0 with tables in it.  Version
 * 0 and no tables is a database only init may give a schema.
 */
/* user_version and whether any table exists, read in one statement (one
 * snapshot: another init may commit its schema in between). */
static int read_schema(struct sqlite_store *store, long long *version,
		       int *tables)
{
	static const char sql[] = "SELECT user_version, EXISTS (SELECT 1 FROM"
				  " sqlite_schema) FROM pragma_user_version";
	sqlite3_stmt *stmt = NULL;
	int rc = sqlite3_prepare_v2(store->db, sql, -1, &stmt, NULL);

	if (rc == SQLITE_OK)
		rc = step_retrying(store, stmt);
	if (rc == SQLITE_ROW) {
		*version = sqlite3_column_int64(stmt, 0);
		*tables = sqlite3_column_int(stmt, 1);
	} else if ((rc & 0xff) == SQLITE_NOTADB &&
		   store->mode == STORE_CREATE) {
		store->base.status = STORE_REFUSED; /* init over a foreign file */
		error(msg(MSG_STORE_FOREIGN), store->path);
	} else if (!is_busy(rc)) {
		store_sql_error(store);
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_ROW ? 0 : -1;
}

static enum store_status check_schema(struct sqlite_store *store, int *version)
{
	long long found;
	int tables;

	if (read_schema(store, &found, &tables) < 0)
		return open_failed(store);
	if (found > SCHEMA_VERSION) {
		error(msg(MSG_STORE_TOO_NEW), store->path, (int)found,
		      SCHEMA_VERSION);
		return STORE_TOO_NEW;
	}
	if (found < 0) {
		error(msg(MSG_STORE_BAD_VERSION), store->path, found,
		      SCHEMA_VERSION);
		return STORE_FOREIGN;
	}
	*version = (int)found;
	if (found)
		return STORE_OK;
	if (tables) {
		error(msg(MSG_STORE_FOREIGN_TABLES), store->path);
		return store->mode == STORE_CREATE ? STORE_REFUSED
						   : STORE_FOREIGN;
	}
	if (store->mode == STORE_CREATE)
		return STORE_OK;
	error(msg(MSG_STORE_EMPTY), store->path);
	return STORE_MISSING;
}

/* Run the next migration in its own transaction, unless another
 * process ran it first; *version is what the database is at after. */
static int store_migrate_step(struct sqlite_store *store, int *version)
{
	const struct migration *migration;
	long long now;
	int ret = -1;

	if (store_begin(store) < 0)
		return -1;
	if (select_integer(store, "PRAGMA user_version", &now) < 0)
		goto cleanup;
	*version = (int)now;
	if (*version < SCHEMA_VERSION) {
		migration = &migrations[*version];
		if (sqlite3_exec(store->db, migration->sql, NULL, NULL,
				 NULL) != SQLITE_OK ||
		    (migration->after && migration->after(store) < 0) ||
		    (migration->after_sql &&
		     sqlite3_exec(store->db, migration->after_sql, NULL, NULL,
				  NULL) != SQLITE_OK)) {
			store_note_status(store,
					  sqlite3_extended_errcode(store->db));
			error(msg(MSG_STORE_MIGRATE), store->path, *version + 1,
			      sqlite3_errmsg(store->db));
			goto cleanup;
		}
		(*version)++;
	}
	ret = store_commit(store);
cleanup:
	if (ret < 0)
		store_rollback(store);
	return ret;
}

static enum store_status store_migrate(struct sqlite_store *store, int version)
{
	while (version < SCHEMA_VERSION)
		if (store_migrate_step(store, &version) < 0)
			return open_failed(store);
	return STORE_OK;
}

/* "file:PATH?immutable=1" with PATH's URI specials escaped. */
static char *immutable_uri(const char *path)
{
	struct strbuf uri = STRBUF_INIT;

	strbuf_addstr(&uri, "file:");
	for (; *path; path++)
		if (strchr("?#%", *path))
			strbuf_addf(&uri, "%%%02X", (unsigned char)*path);
		else
			strbuf_addch(&uri, *path);
	strbuf_addstr(&uri, "?immutable=1");
	return strbuf_detach(&uri);
}

/*
 * The write-ahead log stays between processes: closing the last
 * connection neither checkpoints it into the database file nor deletes
 * it (nor the -shm), so a short command (add, outcome) syncs the log
 * once, at its commit, instead of creating, checkpointing and removing
 * it every time (5 fdatasyncs per add before).  Committed cases may
 * therefore be in intake.db-wal only: copy the database with `intake
 * backup`, never intake.db alone.
 *
 * SQLite's own checkpoint after a commit (PASSIVE) copies the log into
 * the file but cannot start it again from the top once the process
 * that did it is gone: the next process rebuilds the log's index with
 * nothing marked as copied, and the log grows for ever.  So after a
 * commit that leaves WAL_CHECKPOINT_FRAMES or more frames in the log,
 * the committer checkpoints it and truncates it to nothing (TRUNCATE),
 * without waiting: if another connection reads or writes, the next
 * commit tries again.  Each process reads the log back at its start
 * (about 5,000 instructions a frame): 200 frames, about ten adds, keep
 * that small, and the two fdatasyncs of a checkpoint come once in ten.
 */
#define WAL_CHECKPOINT_FRAMES 200

/* Copy the log into the file and empty it, unless another connection
 * is using it (then nothing waits: a later commit folds it). */
static void fold_log(struct sqlite_store *store)
{
	sqlite3_busy_handler(store->db, NULL, NULL);
	sqlite3_wal_checkpoint_v2(store->db, "main",
				  SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_handler(store->db, busy_wait, store);
}

static int checkpoint_after_commit(void *context, sqlite3 *db,
				   const char *schema, int frames)
{
	if (frames >= WAL_CHECKPOINT_FRAMES)
		fold_log(context);
	return SQLITE_OK; /* the commit stands whatever the checkpoint did */
}

static void keep_wal(struct sqlite_store *store)
{
	int persist = 1;

	sqlite3_db_config(store->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
			  NULL);
	sqlite3_file_control(store->db, "main", SQLITE_FCNTL_PERSIST_WAL,
			     &persist);
	sqlite3_wal_hook(store->db, checkpoint_after_commit, store);
}

static int open_connection(struct sqlite_store *store, int immutable)
{
	int flags = store->mode == STORE_READ ? SQLITE_OPEN_READONLY
					      : SQLITE_OPEN_READWRITE;
	char *name = immutable ? immutable_uri(store->path) : NULL;
	int rc;

	if (store->mode == STORE_CREATE)
		flags |= SQLITE_OPEN_NOFOLLOW;
	if (immutable)
		flags |= SQLITE_OPEN_URI;
	sqlite3_close(store->db);
	rc = sqlite3_open_v2(name ? name : store->path, &store->db, flags,
			     NULL);
	free(name);
	if (!store->db)
		die(EXIT_SOFTWARE, "%s", strerror(ENOMEM));
	sqlite3_extended_result_codes(store->db, 1);
	sqlite3_busy_handler(store->db, busy_wait, store);
	keep_wal(store);
	return rc;
}

/*
 * Does the file start with SQLite's header string?  Read through the
 * connection's own file handle: opening and closing the file apart
 * would drop every POSIX lock this process holds on it (those of a
 * server's other connections too), and a process closing the last
 * connection it can see would then delete the write-ahead log under
 * them.  0, or STORE_FOREIGN after saying so (init leaves the question
 * to SQLite, which reads before it writes).  *wal: the header's file
 * format versions say WAL (set by an earlier writer; kept in the file).
 */
static enum store_status check_header(struct sqlite_store *store, int *wal)
{
	static const char header[16] = "SQLite format 3";
	char found[20];
	sqlite3_file *file = NULL;

	*wal = 0;
	if (store->mode == STORE_CREATE)
		return STORE_OK;
	if (sqlite3_file_control(store->db, "main", SQLITE_FCNTL_FILE_POINTER,
				 &file) != SQLITE_OK ||
	    !file || !file->pMethods ||
	    file->pMethods->xRead(file, found, sizeof(found), 0) !=
		    SQLITE_OK ||
	    memcmp(found, header, sizeof(header)))
		return error(msg(MSG_STORE_FOREIGN), store->path),
		       STORE_FOREIGN;
	*wal = found[18] == 2 && found[19] == 2; /* versions 2: WAL */
	return STORE_OK;
}

/* Is there a write-ahead log with frames in it beside path?  An
 * immutable snapshot does not read it (the log is kept between
 * processes, so it may hold the latest cases). */
static int log_beside(const char *path)
{
	char *log = xstrfmt("%s-wal", path);
	struct stat st;
	int found = !stat(log, &st) && st.st_size > 32; /* a header only */

	free(log);
	return found;
}

/*
 * Read-only: the file as it is, or, when SQLite cannot open its WAL
 * index on a read-only directory or medium, as an immutable snapshot
 * (said, since another process's later writes are then not seen).
 */
static enum store_status open_reader(struct sqlite_store *store, int *version)
{
	enum store_status status;
	int wal;

	if (open_connection(store, 0) != SQLITE_OK)
		return open_failed(store);
	if ((status = check_header(store, &wal)))
		return status;
	/* a quiet first read: can the WAL index be opened at all? */
	status = status_of(store->db, sqlite3_exec(store->db,
						   "PRAGMA user_version", NULL,
						   NULL, NULL));
	if (status == STORE_NO_PERMISSION || status == STORE_IO) {
		warning(msg(MSG_STORE_IMMUTABLE), store->path);
		if (log_beside(store->path))
			warning(msg(MSG_STORE_IMMUTABLE_LOG), store->path);
		if (open_connection(store, 1) != SQLITE_OK)
			return open_failed(store);
	}
	return check_schema(store, version);
}

static enum store_status open_writer(struct sqlite_store *store, int version)
{
	enum store_status status;
	int wal;

	if (open_connection(store, 0) != SQLITE_OK)
		return open_failed(store);
	if ((status = check_header(store, &wal)))
		return status;
	if (version < 0 && (status = check_schema(store, &version)))
		return status;
	if ((status = configure_writer(store, wal)))
		return status;
	if (version == SCHEMA_VERSION)
		return STORE_OK;
	if ((status = store_migrate(store, version)))
		return status;
	fold_log(store); /* a new schema: in the file itself, not the log */
	return STORE_OK;
}

static void sqlite_close(struct store *base);

enum store_status sqlite_store_open(struct store **out, const char *path,
				    enum store_mode mode)
{
	mode_t old_umask = umask(077); /* -wal and -shm too */
	struct sqlite_store *store = xcalloc(1, sizeof(*store));
	enum store_status status;
	int version = -1;

	*out = NULL;
	store->base.backend = &sqlite_backend;
	store->path = xstrdup(path);
	store->mode = mode;
	store->busy_seconds = busy_seconds();
	store->stmts = xcalloc(STMT_COUNT, sizeof(*store->stmts));
	status = check_file(path, mode);
	if (!status && mode == STORE_READ) {
		status = open_reader(store, &version);
		if (!status && version < SCHEMA_VERSION) {
			store->mode = STORE_WRITE; /* migrate first */
			status = open_writer(store, -1);
		}
	} else if (!status) {
		status = open_writer(store, -1);
	}
	umask(old_umask);
	if (status) {
		sqlite_close(&store->base);
		return status;
	}
	store->base.status = STORE_OK;
	*out = &store->base;
	return STORE_OK;
}

static void sqlite_close(struct store *base)
{
	struct sqlite_store *store = sqlite_of(base);
	size_t i;

	for (i = 0; store->stmts && i < STMT_COUNT; i++)
		sqlite3_finalize(store->stmts[i]);
	audit_release(store);
	counts_release(store);
	copy_release(store);
	sqlite3_finalize(store->search_key_insert);
	for (i = 0; i < STORE_ANSWERS_PER_INSERT; i++)
		sqlite3_finalize(store->answer_inserts[i]);
	sqlite3_close(store->db);
	free(store->stmts);
	free(store->path);
	free(store);
}

/* Applications. */

/* Fill app from a row of APPLICATION_COLUMNS. */
static void application_from_row(sqlite3_stmt *stmt,
				 struct store_application *app)
{
	memset(app, 0, sizeof(*app));
	app->id = sqlite3_column_int64(stmt, 0);
	app->receipt = column_dup(stmt, 1, 0);
	app->programme = column_dup(stmt, 2, 0);
	app->plugin_version = column_dup(stmt, 3, 0);
	app->form_version = (long)sqlite3_column_int64(stmt, 4);
	app->received_on =
		date_from_text((const char *)sqlite3_column_text(stmt, 5));
	app->office = column_dup(stmt, 6, 0);
	app->staff = column_dup(stmt, 7, 0);
	app->status = column_dup(stmt, 8, 0);
	app->created_at = column_dup(stmt, 9, 0);
}

/* Append the answer in columns field, field + 1 of the row. */
static void application_add_answer(struct store_application *app,
				   size_t *alloc, sqlite3_stmt *stmt,
				   int field)
{
	struct store_answer *answer;

	ALLOC_GROW(app->answers, app->n_answers + 1, *alloc);
	answer = &app->answers[app->n_answers++];
	answer->field = column_dup(stmt, field, 0);
	answer->value = column_dup(stmt, field + 1, 0);
}

/* The next receipt sequence of programme in fiscal_year (in the
 * caller's transaction). */
static int next_sequence(struct sqlite_store *store, const char *programme,
			 int fiscal_year, long long *sequence)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_NEXT_SEQUENCE);

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, programme);
	sqlite3_bind_int(stmt, 2, fiscal_year);
	if (sqlite3_step(stmt) != SQLITE_ROW)
		return store_sql_error(store);
	*sequence = sqlite3_column_int64(stmt, 0);
	if (sqlite3_step(stmt) != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

static int insert_application(struct sqlite_store *store,
			      const struct store_new_application *application,
			      const char *receipt, const char *received_on,
			      long long *id)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_INSERT_APPLICATION);

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, receipt);
	store_bind_text(stmt, 2, application->programme);
	store_bind_text(stmt, 3, application->plugin_version);
	sqlite3_bind_int64(stmt, 4, application->form_version);
	store_bind_text(stmt, 5, received_on);
	store_bind_text(stmt, 6, application->office);
	store_bind_text(stmt, 7, application->staff);
	store_bind_text(stmt, 8, application->source_id);
	if (store_run(store, stmt) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store->db);
	return 0;
}

/* The statement inserting n answers of one application (?1) in one
 * step, (?2, ?3) the first field and value, (?4, ?5) the second …:
 * prepared once per n, kept. */
static sqlite3_stmt *answers_insert(struct sqlite_store *store, size_t n)
{
	sqlite3_stmt **stmt = &store->answer_inserts[n - 1];
	struct strbuf sql = STRBUF_INIT;
	size_t i;

	if (*stmt) {
		sqlite3_reset(*stmt);
		return *stmt;
	}
	strbuf_addstr(&sql, "INSERT INTO answers (application_id, field,"
			    " value) VALUES ");
	for (i = 0; i < n; i++)
		strbuf_addf(&sql, "%s(?1, ?%zu, ?%zu)", i ? ", " : "",
			    2 * i + 2, 2 * i + 3);
	if (store_prepare(store, strbuf_str(&sql), stmt) < 0)
		*stmt = NULL;
	strbuf_release(&sql);
	return *stmt;
}

/* Answers without a value (unanswered fields) are not stored; the rest
 * go in order, STORE_ANSWERS_PER_INSERT to a statement. */
static int insert_answers(struct sqlite_store *store, long long id,
			  const struct store_answer *answers, size_t n)
{
	const struct store_answer *chunk[STORE_ANSWERS_PER_INSERT];
	sqlite3_stmt *stmt;
	size_t i = 0, k, m;

	while (i < n) {
		for (m = 0; i < n && m < STORE_ANSWERS_PER_INSERT; i++)
			if (answers[i].value)
				chunk[m++] = &answers[i];
		if (!m)
			break;
		stmt = answers_insert(store, m);
		if (!stmt)
			return -1;
		sqlite3_bind_int64(stmt, 1, id);
		for (k = 0; k < m; k++) {
			int column = (int)(2 * k + 2);

			store_bind_text(stmt, column, chunk[k]->field);
			store_bind_text(stmt, column + 1, chunk[k]->value);
		}
		if (store_run(store, stmt) < 0)
			return -1;
	}
	return 0;
}

/* The audit row of an added application, its JSON made here from the
 * row just written: byte for byte what SQLite's json_object('receipt',
 * …, 'programme', …, 'received_on', …, 'answers', json_group_object(
 * field, value) in rowid order) gives (test_store checks). */
static int audit_add(struct sqlite_store *store,
		     const struct store_new_application *application,
		     long long id, const char *receipt, const char *received_on)
{
	struct audit_entry entry = { application->staff, "add", id, NULL,
				     NULL };
	struct strbuf json = STRBUF_INIT;
	size_t i, n = 0;
	int ret;

	strbuf_addstr(&json, "{\"receipt\":");
	audit_json_string(&json, receipt);
	strbuf_addstr(&json, ",\"programme\":");
	audit_json_string(&json, application->programme);
	strbuf_addstr(&json, ",\"received_on\":");
	audit_json_string(&json, received_on);
	strbuf_addstr(&json, ",\"answers\":{");
	for (i = 0; i < application->n_answers; i++) {
		if (!application->answers[i].value)
			continue; /* not stored (insert_answers) */
		if (n++)
			strbuf_addch(&json, ',');
		audit_json_string(&json, application->answers[i].field);
		strbuf_addch(&json, ':');
		audit_json_string(&json, application->answers[i].value);
	}
	strbuf_addstr(&json, "}}");
	entry.after = strbuf_str(&json);
	ret = audit_append(store, &entry);
	strbuf_release(&json);
	return ret;
}

/* Delete draft id and its answers (in the caller's transaction):
 * 0, 1 when there is no such draft, -1. */
static int delete_draft(struct sqlite_store *store, long long id)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_DELETE_DRAFT);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if (store_run(store, stmt) < 0)
		return -1;
	return sqlite3_changes(store->db) ? 0 : 1;
}

/* Delete the draft the application was typed in (none when id is 0);
 * gone already means another terminal saved or deleted it. */
static int take_draft(struct sqlite_store *store, long long draft_id)
{
	int ret;

	if (!draft_id)
		return 0;
	ret = delete_draft(store, draft_id);
	if (ret == 1)
		return error(msg(MSG_STORE_DRAFT_GONE), draft_id);
	return ret;
}

/* The id of the application to link to (0 when receipt is NULL). */
static int link_target(struct sqlite_store *store, const char *receipt,
		       long long *id)
{
	sqlite3_stmt *stmt;
	int rc;

	*id = 0;
	if (!receipt)
		return 0;
	stmt = store_stmt(store, STMT_APPLICATION_ID);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, receipt);
	rc = store_step_row(store, stmt);
	if (rc < 0)
		return -1;
	if (!rc)
		return error(msg(MSG_STORE_NO_LINK), receipt);
	*id = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	return 0;
}

/* Link application id to linked_id, with its audit row. */
static int insert_link(struct sqlite_store *store,
		       const struct store_new_application *application,
		       long long id, long long linked_id)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_INSERT_LINK);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	sqlite3_bind_int64(stmt, 2, linked_id);
	store_bind_text(stmt, 3, application->link_note);
	store_bind_text(stmt, 4, application->staff);
	if (store_run(store, stmt) < 0)
		return -1;
	stmt = store_stmt(store, STMT_AUDIT_LINK);
	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, sqlite3_last_insert_rowid(store->db));
	return audit_append_select(store, stmt);
}

/* Everything store_add_application writes after the sequence. */
static int insert_everything(struct sqlite_store *store,
			     const struct store_new_application *application,
			     const char *receipt, const char *received_on,
			     long long linked_id)
{
	long long id = 0;

	if (insert_application(store, application, receipt, received_on,
			       &id) < 0 ||
	    insert_answers(store, id, application->answers,
			   application->n_answers) < 0 ||
	    search_keys_add(store, id, application->answers,
			    application->n_answers) < 0 ||
	    audit_add(store, application, id, receipt, received_on) < 0)
		return -1;
	if (!linked_id)
		return 0;
	return insert_link(store, application, id, linked_id);
}

int sqlite_add_application(struct store *base,
			   const struct store_new_application *application,
			   char **receipt)
{
	struct sqlite_store *store = sqlite_of(base);
	char received_on[ISO_SIZE];
	int year, month, day, fiscal_year;
	long long sequence = 0, linked_id = 0;
	char *made = NULL;
	int ret = -1;

	*receipt = NULL;
	if (!application->programme || !application->receipt_prefix)
		BUG("an application without programme or receipt prefix");
	if (date_split(application->received_on, &year, &month, &day) < 0)
		return error(msg(MSG_STORE_BAD_DATE), application->received_on);
	date_iso(application->received_on, received_on);
	fiscal_year = month >= 4 ? year : year - 1; /* April–March */
	if (store_begin(store) < 0)
		return -1;
	if (take_draft(store, application->draft_id) < 0 ||
	    link_target(store, application->link_receipt, &linked_id) < 0 ||
	    next_sequence(store, application->programme, fiscal_year,
			  &sequence) < 0)
		goto cleanup;
	made = xstrfmt("%s-%d-%06lld", application->receipt_prefix,
		       fiscal_year, sequence);
	if (insert_everything(store, application, made, received_on,
			      linked_id) < 0 ||
	    store_commit(store) < 0)
		goto cleanup;
	*receipt = made;
	made = NULL;
	ret = 0;
cleanup:
	if (ret < 0)
		store_rollback(store);
	free(made);
	return ret;
}

static int load_answers(struct sqlite_store *store,
			struct store_application *app)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_GET_ANSWERS);
	size_t alloc = 0;
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, app->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		application_add_answer(app, &alloc, stmt, 0);
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

/* Append the outcome in columns first .. first + 8 of the row, as
 * STMT_GET_OUTCOMES selects them. */
static void application_add_outcome(struct store_application *app,
				    size_t *alloc, sqlite3_stmt *stmt,
				    int first)
{
	struct store_outcome *outcome;

	ALLOC_GROW(app->outcomes, app->n_outcomes + 1, *alloc);
	outcome = &app->outcomes[app->n_outcomes++];
	outcome->id = sqlite3_column_int64(stmt, first);
	outcome->code = column_dup(stmt, first + 1, 0);
	outcome->occurred_on = date_from_text(
		(const char *)sqlite3_column_text(stmt, first + 2));
	outcome->staff = column_dup(stmt, first + 3, 0);
	outcome->note = column_dup(stmt, first + 4, 1);
	outcome->recorded_at = column_dup(stmt, first + 5, 0);
	outcome->voided_at = column_dup(stmt, first + 6, 1);
	outcome->void_reason = column_dup(stmt, first + 7, 1);
	outcome->has_amount =
		sqlite3_column_type(stmt, first + 8) != SQLITE_NULL;
	outcome->amount = sqlite3_column_int64(stmt, first + 8);
}

static int load_outcomes(struct sqlite_store *store,
			 struct store_application *app)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_GET_OUTCOMES);
	size_t alloc = 0;
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, app->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		application_add_outcome(app, &alloc, stmt, 0);
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

/* The links of app, both directions, by the other application's id. */
static int load_links(struct sqlite_store *store, struct store_application *app)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_GET_LINKS);
	struct store_link *link;
	size_t alloc = 0;
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, app->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ALLOC_GROW(app->links, app->n_links + 1, alloc);
		link = &app->links[app->n_links++];
		link->receipt = column_dup(stmt, 2, 0);
		link->programme = column_dup(stmt, 3, 0);
		link->note = column_dup(stmt, 4, 1);
	}
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

/* Start a read transaction so that the statements that follow see one
 * snapshot; *began says whether to end it (not when one is open). */
int store_begin_read(struct sqlite_store *store, int *began)
{
	sqlite3_stmt *begin;

	*began = 0;
	if (!sqlite3_get_autocommit(store->db))
		return 0;
	begin = store_stmt(store, STMT_BEGIN_READ);
	if (!begin || store_run(store, begin) < 0)
		return -1;
	*began = 1;
	return 0;
}

/* End what store_begin_read began: it only read, so COMMIT cannot
 * lose anything. */
void store_end_read(struct sqlite_store *store, int began)
{
	sqlite3_stmt *commit;

	store_reset(store);
	if (!began || sqlite3_get_autocommit(store->db))
		return;
	commit = store_stmt(store, STMT_COMMIT);
	if (commit && sqlite3_step(commit) != SQLITE_DONE)
		store_sql_error(store);
	store_reset(store);
}

int sqlite_get_application(struct store *base, const char *receipt,
			   struct store_application *app)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt;
	int began, rc, ret = -1;

	memset(app, 0, sizeof(*app));
	if (store_begin_read(store, &began) < 0)
		return -1;
	stmt = store_stmt(store, STMT_GET_APPLICATION);
	if (!stmt)
		goto cleanup;
	store_bind_text(stmt, 1, receipt);
	rc = store_step_row(store, stmt);
	if (rc <= 0) {
		ret = rc ? -1 : 1;
		goto cleanup;
	}
	application_from_row(stmt, app);
	if (load_answers(store, app) < 0 || load_outcomes(store, app) < 0 ||
	    load_links(store, app) < 0 || store_load_notes(store, app) < 0)
		goto cleanup;
	ret = 0;
cleanup:
	store_end_read(store, began);
	if (ret)
		store_application_release(app);
	return ret;
}

/* Bind list_where's parameters from filter; month_first and month_next
 * hold the month's bounds and must outlive the statement's use. */
static int bind_filter(sqlite3_stmt *stmt, const struct store_filter *filter,
		       char *month_first, char *month_next)
{
	if (filter->programme)
		store_bind_text(stmt, 1, filter->programme);
	if (filter->month) {
		if (store_month_range(filter->month, month_first, month_next) < 0)
			return -1;
		store_bind_text(stmt, 2, month_first);
		store_bind_text(stmt, 3, month_next);
	}
	if (filter->status)
		store_bind_text(stmt, 4, filter->status);
	return 0;
}

/* The statements store_list walks together, in application id order. */
struct list_walk {
	sqlite3_stmt *applications; /* a row per application, or per answer */
	sqlite3_stmt *outcomes;     /* NULL, or a row per outcome */
	int outcome_rc;             /* the last step of outcomes */
	int with_answers;
};

/* Take the outcomes of app from the outcome cursor, which walks the
 * same applications by id (those without outcomes have no row). */
static void merge_outcomes(struct list_walk *walk,
			   struct store_application *app)
{
	sqlite3_stmt *stmt = walk->outcomes;
	size_t alloc = 0;

	while (walk->outcome_rc == SQLITE_ROW &&
	       sqlite3_column_int64(stmt, 0) <= app->id) {
		if (sqlite3_column_int64(stmt, 0) == app->id)
			application_add_outcome(app, &alloc, stmt, 1);
		walk->outcome_rc = sqlite3_step(stmt);
	}
}

/*
 * Walk the rows of a list statement: one row per application, or with
 * answers one row per answer (LEFT JOIN, ordered by application id)
 * grouped here into one application; with outcomes, merge in the rows
 * of the outcome statement (ordered by application id too).
 */
static int walk_applications(struct sqlite_store *store, struct list_walk *walk,
			     store_application_fn fn, void *context)
{
	sqlite3_stmt *stmt = walk->applications;
	struct store_application app;
	size_t alloc;
	int rc, stop;

	rc = sqlite3_step(stmt);
	while (rc == SQLITE_ROW) {
		application_from_row(stmt, &app);
		alloc = 0;
		do {
			if (walk->with_answers && sqlite3_column_type(
				stmt, APPLICATION_N_COLUMNS) != SQLITE_NULL)
				application_add_answer(&app, &alloc, stmt,
						       APPLICATION_N_COLUMNS);
			rc = sqlite3_step(stmt);
		} while (walk->with_answers && rc == SQLITE_ROW &&
			 sqlite3_column_int64(stmt, 0) == app.id);
		if (walk->outcomes)
			merge_outcomes(walk, &app);
		stop = fn(&app, context);
		store_application_release(&app);
		if (stop)
			return stop;
	}
	if (rc != SQLITE_DONE || (walk->outcomes &&
				  walk->outcome_rc != SQLITE_ROW &&
				  walk->outcome_rc != SQLITE_DONE))
		return store_sql_error(store);
	return 0;
}

/* The statements of store_list, after prefix: a row per application,
 * with_answers a row per answer, or (outcomes) a row per outcome. */
enum list_kind { LIST_PLAIN, LIST_ANSWERS, LIST_OUTCOMES };

static char *list_sql(const char *prefix, enum list_kind kind,
		      const struct store_filter *filter)
{
	struct strbuf sql = STRBUF_INIT;

	strbuf_addstr(&sql, prefix);
	if (kind == LIST_OUTCOMES)
		strbuf_addstr(&sql, "SELECT a.id, o.id, o.code, o.occurred_on,"
			      " o.staff, o.note, o.recorded_at, o.voided_at,"
			      " o.void_reason, o.amount FROM applications a"
			      " CROSS JOIN outcomes o"
			      " ON o.application_id = a.id");
	else
		strbuf_addstr(&sql, "SELECT " APPLICATION_COLUMNS);
	if (kind == LIST_ANSWERS)
		strbuf_addstr(&sql, ", n.field, n.value FROM applications a"
			      " LEFT JOIN answers n"
			      " ON n.application_id = a.id");
	else if (kind == LIST_PLAIN)
		strbuf_addstr(&sql, " FROM applications a");
	list_where(&sql, filter);
	strbuf_addstr(&sql, kind == LIST_ANSWERS ? " ORDER BY a.id, n.rowid"
			    : kind == LIST_OUTCOMES
				    ? " ORDER BY a.id, o.occurred_on, o.id"
				    : " ORDER BY a.id");
	return strbuf_detach(&sql);
}

/* Prepare the statement of kind for filter and bind it: 0 or -1. */
static int list_statement(struct sqlite_store *store, const char *prefix,
			  enum list_kind kind,
			  const struct store_filter *filter,
			  sqlite3_stmt **stmt, char *month_first,
			  char *month_next)
{
	char *sql = list_sql(prefix, kind, filter);
	int ret = store_prepare(store, sql, stmt);

	free(sql);
	if (ret < 0)
		return -1;
	return bind_filter(*stmt, filter, month_first, month_next);
}

/* Prepare and bind the statements of filter into walk. */
static int list_prepare(struct sqlite_store *store,
			const struct store_filter *filter,
			struct list_walk *walk, char *month_first,
			char *month_next)
{
	walk->with_answers = filter->with_answers;
	if (list_statement(store, "",
			   walk->with_answers ? LIST_ANSWERS : LIST_PLAIN,
			   filter, &walk->applications, month_first,
			   month_next) < 0)
		return -1;
	if (!filter->with_outcomes)
		return 0;
	if (list_statement(store, "", LIST_OUTCOMES, filter, &walk->outcomes,
			   month_first, month_next) < 0)
		return -1;
	walk->outcome_rc = sqlite3_step(walk->outcomes);
	return 0;
}

int sqlite_list(struct store *base, const struct store_filter *filter,
		store_application_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);
	static const struct store_filter all;
	char month_first[ISO_SIZE], month_next[ISO_SIZE];
	struct list_walk walk = { 0 };
	int began = 0, ret = -1;

	if (!filter)
		filter = &all;
	/* Both cursors see one snapshot. */
	if (filter->with_outcomes && store_begin_read(store, &began) < 0)
		return -1;
	if (list_prepare(store, filter, &walk, month_first, month_next) < 0)
		goto cleanup;
	ret = walk_applications(store, &walk, fn, context);
cleanup:
	sqlite3_finalize(walk.applications);
	sqlite3_finalize(walk.outcomes);
	if (filter->with_outcomes)
		store_end_read(store, began);
	return ret;
}

char *sqlite_list_plan(struct store *base, const struct store_filter *filter)
{
	struct sqlite_store *store = sqlite_of(base);
	char month_first[ISO_SIZE], month_next[ISO_SIZE];
	struct strbuf plan = STRBUF_INIT;
	enum list_kind kind;
	sqlite3_stmt *stmt;
	int rc = SQLITE_DONE;

	for (kind = LIST_PLAIN; kind <= LIST_OUTCOMES && rc == SQLITE_DONE;
	     kind++) {
		if (list_statement(store, "EXPLAIN QUERY PLAN ", kind, filter,
				   &stmt, month_first, month_next) < 0) {
			sqlite3_finalize(stmt);
			strbuf_release(&plan);
			return NULL;
		}
		strbuf_addf(&plan, "%s:\n", kind == LIST_PLAIN ? "plain"
				   : kind == LIST_ANSWERS ? "answers"
							  : "outcomes");
		while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
			strbuf_addf(&plan, "%s\n", (const char *)
				    sqlite3_column_text(stmt, 3));
		sqlite3_finalize(stmt);
	}
	if (rc != SQLITE_DONE) {
		strbuf_release(&plan);
		return NULL;
	}
	return strbuf_detach(&plan);
}

/* The same person: spaces, half-width and full-width (U+3000, as
 * char(12288)), do not count in name_kana.  birth_date goes through
 * answers_field_value; the few rows it finds are then compared. */
#define WITHOUT_SPACES(text)                                                 \
	"replace(replace(" text ", ' ', ''), char(12288), '')"

static const char find_person_sql[] =
	"SELECT " APPLICATION_COLUMNS
	" FROM answers b"
	" JOIN answers k"
	" ON k.application_id = b.application_id AND k.field = 'name_kana'"
	" JOIN applications a ON a.id = b.application_id"
	" WHERE b.field = 'birth_date' AND b.value = ?2"
	" AND " WITHOUT_SPACES("k.value") " = " WITHOUT_SPACES("?1")
	" ORDER BY a.received_on, a.id";

int sqlite_find_person(struct store *base, const char *name_kana,
		       const char *birth_date, store_application_fn fn,
		       void *context)
{
	struct sqlite_store *store = sqlite_of(base);
	struct store_application app;
	sqlite3_stmt *stmt = NULL;
	int rc, ret = -1;

	if (store_prepare(store, find_person_sql, &stmt) < 0)
		return -1;
	store_bind_text(stmt, 1, name_kana);
	store_bind_text(stmt, 2, birth_date);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		application_from_row(stmt, &app);
		ret = load_outcomes(store, &app);
		if (!ret)
			ret = fn(&app, context);
		store_application_release(&app);
		if (ret)
			goto cleanup;
	}
	ret = rc == SQLITE_DONE ? 0 : store_sql_error(store);
cleanup:
	sqlite3_finalize(stmt);
	return ret;
}

/* Outcomes. */

/* The receipt, programme and status of application id (in the caller's
 * transaction), malloced. */
static int application_state(struct sqlite_store *store, long long id,
			     char **receipt, char **programme, char **status)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_APPLICATION_STATE);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	rc = store_step_row(store, stmt);
	if (rc < 0)
		return -1;
	if (!rc)
		return error(msg(MSG_STORE_NO_APPLICATION), id);
	*receipt = column_dup(stmt, 0, 0);
	*programme = column_dup(stmt, 1, 0);
	*status = column_dup(stmt, 2, 0);
	sqlite3_reset(stmt);
	return 0;
}

/* 1 when the application already has an outcome code, 0 if not. */
static int outcome_recorded(struct sqlite_store *store,
			    const struct store_new_outcome *outcome)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_OUTCOME_EXISTS);
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, outcome->application_id);
	store_bind_text(stmt, 2, outcome->code);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

static int insert_outcome(struct sqlite_store *store,
			  const struct store_new_outcome *outcome,
			  const char *occurred_on, long long *id)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_INSERT_OUTCOME);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, outcome->application_id);
	store_bind_text(stmt, 2, outcome->code);
	store_bind_text(stmt, 3, occurred_on);
	store_bind_text(stmt, 4, outcome->staff);
	store_bind_text(stmt, 5, outcome->note);
	if (outcome->has_amount)
		sqlite3_bind_int64(stmt, 6, outcome->amount);
	else
		sqlite3_bind_null(stmt, 6);
	if (store_run(store, stmt) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(store->db);
	return 0;
}

int store_update_status(struct sqlite_store *store, long long application_id)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_UPDATE_STATUS);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, application_id);
	return store_run(store, stmt);
}

static int audit_outcome(struct sqlite_store *store,
			 const struct store_new_outcome *outcome,
			 const char *status_before, long long outcome_id)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_AUDIT_OUTCOME);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, outcome->application_id);
	store_bind_text(stmt, 2, outcome->staff);
	store_bind_text(stmt, 3, status_before);
	sqlite3_bind_int64(stmt, 4, outcome_id);
	return audit_append_select(store, stmt);
}

/* The outcome with its counts (sqlite_counts.c), in the transaction. */
static int insert_counted(struct sqlite_store *store,
			  const struct store_new_outcome *outcome,
			  const char *programme, const char *occurred_on,
			  long long *id)
{
	struct counts_touch touch;
	int ret;

	ret = counts_touch_begin(store, &touch, outcome->application_id,
				 programme, outcome->code, occurred_on);
	if (!ret)
		ret = insert_outcome(store, outcome, occurred_on, id);
	if (!ret)
		ret = counts_touch_end(store, &touch);
	counts_touch_release(&touch);
	return ret;
}

/* Everything store_add_outcome writes, inside its transaction.  The
 * counts go to the application's own programme. */
static int record_outcome(struct sqlite_store *store,
			  const struct store_new_outcome *outcome,
			  const char *occurred_on)
{
	char *receipt = NULL, *programme = NULL, *status = NULL;
	long long outcome_id = 0;
	int ret = -1;

	if (application_state(store, outcome->application_id, &receipt,
			      &programme, &status) < 0)
		goto cleanup;
	if (outcome->programme && strcmp(outcome->programme, programme)) {
		error(msg(MSG_STORE_WRONG_PROGRAMME), receipt, programme,
		      outcome->programme);
		goto cleanup;
	}
	if (outcome->once) {
		ret = outcome_recorded(store, outcome);
		if (ret)
			goto cleanup;
		ret = -1;
	}
	if (insert_counted(store, outcome, programme, occurred_on,
			   &outcome_id) < 0 ||
	    store_update_status(store, outcome->application_id) < 0 ||
	    audit_outcome(store, outcome, status, outcome_id) < 0)
		goto cleanup;
	ret = 0;
cleanup:
	free(receipt);
	free(programme);
	free(status);
	return ret;
}

int sqlite_add_outcome(struct store *base,
		       const struct store_new_outcome *outcome)
{
	struct sqlite_store *store = sqlite_of(base);
	char occurred_on[ISO_SIZE];
	int ret;

	if (date_iso(outcome->occurred_on, occurred_on) < 0)
		return -1;
	if (store_begin(store) < 0)
		return -1;
	ret = record_outcome(store, outcome, occurred_on);
	if (!ret && store_commit(store) < 0)
		ret = -1;
	if (ret)
		store_rollback(store);
	return ret;
}

/*
 * Drafts.  A draft is a working copy of the counter entry, saved after
 * every answer: its writes are not audited.  The audit trail starts
 * with the application it becomes (store_add_application).
 */

/* Fill draft from a row of DRAFT_COLUMNS. */
static void draft_from_row(sqlite3_stmt *stmt, struct store_draft *draft)
{
	memset(draft, 0, sizeof(*draft));
	draft->id = sqlite3_column_int64(stmt, 0);
	draft->programme = column_dup(stmt, 1, 0);
	draft->staff = column_dup(stmt, 2, 0);
	draft->started_at = column_dup(stmt, 3, 0);
	draft->updated_at = column_dup(stmt, 4, 0);
	draft->last_field = column_dup(stmt, 5, 1);
}

static int insert_draft(struct sqlite_store *store, const char *programme,
			const char *staff, long long *id)
{
	sqlite3_stmt *next = store_stmt(store, STMT_NEXT_DRAFT_ID);
	sqlite3_stmt *stmt;
	int rc;

	if (!next || (rc = store_step_row(store, next)) < 0)
		return -1;
	if (!rc)
		BUG("draft_ids has no row");
	*id = sqlite3_column_int64(next, 0);
	sqlite3_reset(next);
	stmt = store_stmt(store, STMT_INSERT_DRAFT);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, programme);
	store_bind_text(stmt, 2, staff);
	sqlite3_bind_int64(stmt, 3, *id);
	return store_run(store, stmt);
}

int sqlite_draft_create(struct store *base, const char *programme,
			const char *staff, long long *id)
{
	struct sqlite_store *store = sqlite_of(base);

	if (!programme)
		BUG("a draft without programme");
	if (store_begin(store) < 0)
		return -1;
	return store_end_write(store, insert_draft(store, programme, staff,
						   id));
}

/* Set the last field and updated_at; the draft must still exist. */
static int touch_draft(struct sqlite_store *store, long long id,
		       const char *last_field)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_TOUCH_DRAFT);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, last_field);
	if (store_run(store, stmt) < 0)
		return -1;
	if (!sqlite3_changes(store->db))
		return error(msg(MSG_STORE_DRAFT_GONE), id);
	return 0;
}

/* Replace the answers of draft id; those without a value are left out,
 * as in insert_answers. */
static int replace_draft_answers(struct sqlite_store *store, long long id,
				 const struct store_answer *answers,
				 size_t n)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_CLEAR_DRAFT_ANSWERS);
	size_t i;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	if (store_run(store, stmt) < 0)
		return -1;
	stmt = store_stmt(store, STMT_INSERT_DRAFT_ANSWER);
	if (!stmt)
		return -1;
	for (i = 0; i < n; i++) {
		if (!answers[i].value)
			continue;
		sqlite3_bind_int64(stmt, 1, id);
		sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
		store_bind_text(stmt, 3, answers[i].field);
		store_bind_text(stmt, 4, answers[i].value);
		if (store_run(store, stmt) < 0)
			return -1;
	}
	return 0;
}

int sqlite_draft_save(struct store *base, long long id,
		      const char *last_field,
		      const struct store_answer *answers, size_t n_answers)
{
	struct sqlite_store *store = sqlite_of(base);
	int ret;

	if (store_begin(store) < 0)
		return -1;
	ret = touch_draft(store, id, last_field);
	if (!ret)
		ret = replace_draft_answers(store, id, answers, n_answers);
	return store_end_write(store, ret);
}

static int load_draft_answers(struct sqlite_store *store,
			      struct store_draft *draft)
{
	sqlite3_stmt *stmt = store_stmt(store, STMT_GET_DRAFT_ANSWERS);
	struct store_answer *answer;
	size_t alloc = 0;
	int rc;

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, draft->id);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		ALLOC_GROW(draft->answers, draft->n_answers + 1, alloc);
		answer = &draft->answers[draft->n_answers++];
		answer->field = column_dup(stmt, 0, 0);
		answer->value = column_dup(stmt, 1, 0);
	}
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

int sqlite_draft_get(struct store *base, long long id,
		     struct store_draft *draft)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt;
	int began, rc, ret = -1;

	memset(draft, 0, sizeof(*draft));
	if (store_begin_read(store, &began) < 0)
		return -1;
	stmt = store_stmt(store, STMT_GET_DRAFT);
	if (!stmt)
		goto cleanup;
	sqlite3_bind_int64(stmt, 1, id);
	rc = store_step_row(store, stmt);
	if (rc <= 0) {
		ret = rc ? -1 : 1;
		goto cleanup;
	}
	draft_from_row(stmt, draft);
	if (load_draft_answers(store, draft) < 0)
		goto cleanup;
	ret = 0;
cleanup:
	store_end_read(store, began);
	if (ret)
		store_draft_release(draft);
	return ret;
}

/* Ids only grow (a deleted highest id is reused only by a newer
 * draft), so id order is the order drafts were started in. */
int sqlite_draft_list(struct store *base, store_draft_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);
	static const char sql[] =
		"SELECT " DRAFT_COLUMNS ", (SELECT value FROM draft_answers a"
		" WHERE a.draft_id = drafts.id AND a.field = 'name')"
		" FROM drafts ORDER BY id";
	struct store_draft draft;
	sqlite3_stmt *stmt = NULL;
	int rc, ret = -1;

	if (store_prepare(store, sql, &stmt) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		draft_from_row(stmt, &draft);
		draft.name = column_dup(stmt, 6, 1);
		ret = fn(&draft, context);
		store_draft_release(&draft);
		if (ret)
			goto cleanup;
	}
	ret = rc == SQLITE_DONE ? 0 : store_sql_error(store);
cleanup:
	sqlite3_finalize(stmt);
	return ret;
}

/* The audit row of a discarded draft, from the draft itself. */
static int audit_discard(struct sqlite_store *store, long long id,
			 const char *staff, const char *reason)
{
	static const char sql[] =
		"SELECT ?2, 'discard_draft', NULL,"
		" json_object('draft', d.id, 'programme', d.programme,"
		" 'staff', d.staff, 'started_at', d.started_at,"
		" 'answers', json((SELECT json_group_object(field, value)"
		" FROM (SELECT field, value FROM draft_answers"
		" WHERE draft_id = d.id ORDER BY position)))),"
		" json_object('reason', ?3)"
		" FROM drafts d WHERE d.id = ?1";
	sqlite3_stmt *stmt = NULL;
	int ret;

	if (store_prepare(store, sql, &stmt) < 0)
		return -1;
	sqlite3_bind_int64(stmt, 1, id);
	store_bind_text(stmt, 2, staff);
	store_bind_text(stmt, 3, reason);
	ret = audit_append_select(store, stmt);
	sqlite3_finalize(stmt);
	return ret;
}

int sqlite_draft_discard(struct store *base, long long id, const char *staff,
			 const char *reason)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt;
	int ret;

	if (store_begin(store) < 0)
		return -1;
	stmt = store_stmt(store, STMT_GET_DRAFT);
	if (!stmt)
		return store_end_write(store, -1);
	sqlite3_bind_int64(stmt, 1, id);
	ret = store_step_row(store, stmt);
	sqlite3_reset(stmt);
	if (ret <= 0) /* none: nothing to write */
		return store_end_write(store, ret < 0 ? -1 : 0) ? -1 : 1;
	ret = audit_discard(store, id, staff, reason);
	if (!ret)
		ret = delete_draft(store, id);
	return store_end_write(store, ret ? -1 : 0);
}

int sqlite_quick_check(struct store *base, const char *table,
		       store_problem_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = NULL;
	const char *line;
	int rc, damaged = 0;

	if (store_prepare(store, table ? "SELECT * FROM pragma_quick_check(?1)"
				       : "PRAGMA quick_check",
			  &stmt) < 0)
		return -1;
	if (table)
		store_bind_text(stmt, 1, table);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		line = (const char *)sqlite3_column_text(stmt, 0);
		if (line && !strcmp(line, "ok"))
			continue;
		damaged = 1;
		if (fn)
			fn(line ? line : "", context);
	}
	if (rc != SQLITE_DONE) {
		store_note_status(store, rc);
		if (store->base.status != STORE_CORRUPT) {
			sqlite3_finalize(stmt);
			return store_sql_error(store);
		}
		damaged = 1; /* too damaged to finish the check */
		if (fn)
			fn(sqlite3_errmsg(store->db), context);
	}
	sqlite3_finalize(stmt);
	if (damaged)
		store->base.status = STORE_CORRUPT;
	return damaged;
}

long long sqlite_application_count(struct store *base)
{
	struct sqlite_store *store = sqlite_of(base);
	long long count = -1;

	if (select_integer(store, "SELECT COUNT(*) FROM applications",
			   &count) < 0)
		return -1;
	return count;
}

long long sqlite_audit_count(struct store *base)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = store_stmt(store, STMT_AUDIT_COUNT);
	long long count = -1;

	if (!stmt)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		count = sqlite3_column_int64(stmt, 0);
	else
		store_sql_error(store);
	sqlite3_reset(stmt);
	return count;
}

struct sqlite3 *store_db(struct store *store)
{
	return store->backend == &sqlite_backend ? sqlite_of(store)->db : NULL;
}

const struct store_backend sqlite_backend = {
	.name = "sqlite",
	.close = sqlite_close,
	.sources_find = sqlite_sources_find,
	.sources_last_id = sqlite_sources_last_id,
	.sources_close = sqlite_sources_close,
#define STORE_OP(type, name, params, args) .name = sqlite_##name,
#include "store_ops.def"
#undef STORE_OP
};
