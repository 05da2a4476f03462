/* Unit tests of core/sqlite/sqlite_store.c: schema, receipts, outcomes, tallies,
 * drafts, links and the same-person lookup. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "messages.h"
#include "sqlite_store.h"
#include "store.h"
#include "support.h"
#include "util.h"

struct fixture {
	char *dir;
	char *path;
	struct store *store;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = scratch_make("test_store");
	if (!f->dir)
		return -1;
	f->path = path_join(f->dir, "intake.db");
	if (store_open(&f->store, f->path, 1) < 0)
		return -1;
	*state = f;
	return 0;
}

static void remove_file(const char *dir, const char *name)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int status;

	store_close(f->store);
	status = scratch_remove(f->dir);
	free(f->dir);
	free(f->path);
	free(f);
	return status;
}

/* The single integer a query returns. */
static long long sql_int(struct store *store, const char *sql)
{
	sqlite3_stmt *stmt;
	long long value;

	assert_int_equal(sqlite3_prepare_v2(store_db(store), sql, -1, &stmt,
					    NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	value = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return value;
}

static void sql_exec(struct store *store, const char *sql)
{
	assert_int_equal(sqlite3_exec(store_db(store), sql, NULL, NULL, NULL),
			 SQLITE_OK);
}

/* Add an application with answers given as field, value pairs ending
 * in NULL; returns the receipt (malloced) or NULL. */
static char *add(struct store *store, const char *programme,
		 const char *prefix, long received_on, ...)
{
	struct store_answer answers[8];
	struct store_new_application app = {
		.programme = programme,
		.receipt_prefix = prefix,
		.plugin_version = "1.0",
		.form_version = 3,
		.received_on = received_on,
		.office = "本庁",
		.staff = "tester",
		.answers = answers,
	};
	char *receipt = NULL;
	va_list ap;

	va_start(ap, received_on);
	while ((answers[app.n_answers].field = va_arg(ap, char *))) {
		answers[app.n_answers].value = va_arg(ap, char *);
		app.n_answers++;
	}
	va_end(ap);
	if (store_add_application(store, &app, &receipt) < 0)
		return NULL;
	return receipt;
}

static long long application_id(struct store *store, const char *receipt)
{
	struct store_application app;
	long long id;

	assert_int_equal(store_get_application(store, receipt, &app), 0);
	id = app.id;
	store_application_release(&app);
	return id;
}

static int outcome(struct store *store, long long id, const char *code,
		   long date, int once)
{
	struct store_new_outcome o = {
		.application_id = id,
		.programme = NULL,
		.code = code,
		.occurred_on = date,
		.once = once,
		.staff = "tester",
		.note = NULL,
	};

	return store_add_outcome(store, &o);
}

static void test_open_creates_schema(void **state)
{
	struct fixture *f = *state;
	char wal[160];
	struct stat st;

	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(sql_int(f->store, "PRAGMA user_version"), 10);
	assert_int_equal(
		sql_int(f->store,
			"SELECT COUNT(*) FROM sqlite_schema"
			" WHERE type = 'table'"
			" AND name IN ('applications', 'answers', 'outcomes',"
			" 'outcome_counts', 'receipt_sequences', 'audit',"
			" 'drafts')"),
		7);
	assert_int_equal(sql_int(f->store, "PRAGMA foreign_keys"), 1);
	assert_int_equal(sql_int(f->store, "PRAGMA synchronous"), 2);
	assert_int_equal(sql_int(f->store, "SELECT 'wal' = journal_mode"
					   " FROM pragma_journal_mode"),
			 1);
	free(add(f->store, "uij_turn", "UIJ", 20260401, NULL));
	snprintf(wal, sizeof(wal), "%s-wal", f->path);
	assert_int_equal(stat(wal, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);
	snprintf(wal, sizeof(wal), "%s-shm", f->path);
	assert_int_equal(stat(wal, &st), 0);
	assert_int_equal(st.st_mode & 077, 0);
}

static void test_open_restores_umask(void **state)
{
	struct fixture *f = *state;
	struct store *other;
	char path[160];
	mode_t old = umask(022);

	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	assert_int_equal(store_open(&other, path, 1), 0);
	assert_int_equal(umask(old), 022);
	store_close(other);
}

static void test_open_missing_says_init(void **state)
{
	struct fixture *f = *state;
	struct store *other = (struct store *)1;
	char path[160];
	struct stat st;

	snprintf(path, sizeof(path), "%s/missing.db", f->dir);
	assert_int_equal(store_open(&other, path, STORE_WRITE), STORE_MISSING);
	assert_null(other);
	assert_int_equal(stat(path, &st), -1);
	assert_non_null(strstr(msg(MSG_STORE_MISSING), "intake init"));
	msg_set_language(LANG_EN);
	assert_non_null(strstr(msg(MSG_STORE_MISSING), "intake init"));
	msg_set_language(LANG_JA);
}

static void test_open_refuses_newer_schema(void **state)
{
	struct fixture *f = *state;

	sql_exec(f->store, "PRAGMA user_version = 11");
	store_close(f->store);
	f->store = NULL;
	assert_int_equal(store_open(&f->store, f->path, 0), STORE_TOO_NEW);
	assert_null(f->store);
}

static void test_open_refuses_other_file(void **state)
{
	struct fixture *f = *state;
	struct store *other;
	char path[160];
	FILE *file;

	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	file = fopen(path, "w");
	assert_non_null(file);
	fputs("not a database, but long enough to have a header page ....\n"
	      "...............................................................",
	      file);
	fclose(file);
	assert_int_equal(store_open(&other, path, 0), STORE_FOREIGN);
	assert_null(other);
	assert_int_equal(store_open(&other, path, STORE_CREATE), STORE_REFUSED);
	assert_null(other);
}

static void test_reopen_keeps_data(void **state)
{
	struct fixture *f = *state;
	struct store_application app;
	char *receipt = add(f->store, "uij_turn", "UIJ", 20260401, "name",
			    "山田", NULL);

	assert_non_null(receipt);
	store_close(f->store);
	assert_int_equal(store_open(&f->store, f->path, 1), 0);
	assert_int_equal(store_get_application(f->store, receipt, &app), 0);
	store_application_release(&app);
	store_close(f->store);
	assert_int_equal(store_open(&f->store, f->path, 0), 0);
	assert_int_equal(sql_int(f->store, "PRAGMA user_version"), 10);
	assert_int_equal(store_get_application(f->store, receipt, &app), 0);
	assert_string_equal(app.answers[0].value, "山田");
	store_application_release(&app);
	free(receipt);
}

static void expect_receipt(struct store *store, const char *programme,
			   const char *prefix, long date, const char *want)
{
	char *receipt = add(store, programme, prefix, date, NULL);

	assert_non_null(receipt);
	assert_string_equal(receipt, want);
	free(receipt);
}

static void test_receipts_per_programme_and_fiscal_year(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;

	expect_receipt(store, "uij_turn", "UIJ", 20260331, "UIJ-2025-000001");
	expect_receipt(store, "uij_turn", "UIJ", 20260401, "UIJ-2026-000001");
	expect_receipt(store, "uij_turn", "UIJ", 20270331, "UIJ-2026-000002");
	expect_receipt(store, "kigyo_shien", "KIG", 20260401,
		       "KIG-2026-000001");
	expect_receipt(store, "uij_turn", "UIJ", 20250401, "UIJ-2025-000002");
	expect_receipt(store, "uij_turn", "UIJ", 20270401, "UIJ-2027-000001");
	expect_receipt(store, "uij_turn", "UIJ", 20261231, "UIJ-2026-000003");
	assert_int_equal(sql_int(store, "SELECT COUNT(DISTINCT receipt)"
					" FROM applications"),
			 7);
}

static void test_add_refuses_bad_date(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *receipt;

	assert_null(add(store, "uij_turn", "UIJ", 20260230, NULL));
	assert_null(add(store, "uij_turn", "UIJ", 20261301, NULL));
	assert_null(add(store, "uij_turn", "UIJ", 0, NULL));
	receipt = add(store, "uij_turn", "UIJ", 20240229, NULL);
	assert_non_null(receipt);
	assert_string_equal(receipt, "UIJ-2023-000001");
	free(receipt);
}

static void test_get_application(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_application app;
	char *receipt = add(store, "uij_turn", "UIJ", 20260415, "zeta", "z",
			    "alpha", "a", "unanswered", NULL, "mid", "m", NULL);
	long long id = application_id(store, receipt);
	struct store_new_outcome noted = {
		.application_id = id, .code = "consult",
		.occurred_on = 20260401, .staff = "鈴木", .note = "電話",
	};

	assert_int_equal(outcome(store, id, "employed", 20260501, 1), 0);
	assert_int_equal(outcome(store, id, "consult", 20260420, 0), 0);
	assert_int_equal(store_add_outcome(store, &noted), 0);
	assert_int_equal(outcome(store, id, "consult", 20260420, 0), 0);
	assert_int_equal(store_get_application(store, receipt, &app), 0);
	assert_string_equal(app.receipt, receipt);
	assert_string_equal(app.programme, "uij_turn");
	assert_string_equal(app.plugin_version, "1.0");
	assert_int_equal(app.form_version, 3);
	assert_int_equal(app.received_on, 20260415);
	assert_string_equal(app.office, "本庁");
	assert_string_equal(app.status, "employed");
	assert_int_equal(strlen(app.created_at), 20);
	assert_int_equal(app.n_answers, 3);
	assert_string_equal(app.answers[0].field, "zeta");
	assert_string_equal(app.answers[1].field, "alpha");
	assert_string_equal(app.answers[2].field, "mid");
	assert_string_equal(app.answers[2].value, "m");
	assert_int_equal(app.n_outcomes, 4);
	assert_int_equal(app.outcomes[0].occurred_on, 20260401);
	assert_string_equal(app.outcomes[0].note, "電話");
	assert_string_equal(app.outcomes[0].staff, "鈴木");
	assert_int_equal(app.outcomes[1].occurred_on, 20260420);
	assert_int_equal(app.outcomes[2].occurred_on, 20260420);
	assert_true(app.outcomes[1].id < app.outcomes[2].id);
	assert_null(app.outcomes[1].note);
	assert_string_equal(app.outcomes[3].code, "employed");
	store_application_release(&app);
	assert_int_equal(store_get_application(store, "UIJ-2026-999999", &app),
			 1);
	free(receipt);
}

static void test_audit_is_append_only(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	sqlite3 *db = store_db(store);
	char *receipt = add(store, "uij_turn", "UIJ", 20260401, "area",
			    "north", NULL);

	assert_int_equal(store_audit_count(store), 1);
	assert_int_equal(sql_int(store, "SELECT json_extract(\"after\","
					" '$.answers.area') = 'north'"
					" FROM audit WHERE action = 'add'"),
			 1);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE audit SET staff = 'x'",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "audit is append-only"));
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM audit", NULL, NULL,
					  NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(db), "audit is append-only"));
	assert_int_equal(store_audit_count(store), 1);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM audit"
					" WHERE staff = 'tester'"),
			 1);
	free(receipt);
}

static void test_outcome_counts_in_step(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *a = add(store, "uij_turn", "UIJ", 20260401, NULL);
	char *b = add(store, "uij_turn", "UIJ", 20260401, NULL);
	long long ida = application_id(store, a);
	long long idb = application_id(store, b);
	struct store_application app;

	assert_int_equal(outcome(store, ida, "consult", 20260410, 0), 0);
	assert_int_equal(outcome(store, ida, "consult", 20260430, 0), 0);
	assert_int_equal(outcome(store, idb, "consult", 20260501, 0), 0);
	assert_int_equal(outcome(store, ida, "employed", 20260502, 1), 0);
	assert_int_equal(sql_int(store, "SELECT count FROM outcome_counts"
					" WHERE programme = 'uij_turn'"
					" AND month = '2026-04'"
					" AND code = 'consult'"),
			 2);
	assert_int_equal(sql_int(store, "SELECT count FROM outcome_counts"
					" WHERE month = '2026-05'"
					" AND code = 'consult'"),
			 1);
	assert_int_equal(sql_int(store, "SELECT SUM(count)"
					" FROM outcome_counts"),
			 4);
	assert_int_equal(store_audit_count(store), 6);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM audit"
					" WHERE action = 'outcome'"),
			 4);
	assert_int_equal(store_get_application(store, a, &app), 0);
	assert_string_equal(app.status, "employed");
	store_application_release(&app);
	/* A back-dated outcome is not the latest: the status stays. */
	assert_int_equal(outcome(store, ida, "consult", 20260401, 0), 0);
	assert_int_equal(store_get_application(store, a, &app), 0);
	assert_string_equal(app.status, "employed");
	store_application_release(&app);
	assert_int_equal(store_verify_counts(store, NULL, NULL), 0);
	free(a);
	free(b);
}

static void test_outcome_once_refused_on_repeat(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *receipt = add(store, "uij_turn", "UIJ", 20260401, NULL);
	long long id = application_id(store, receipt);
	long long audits;

	assert_int_equal(outcome(store, id, "employed", 20260410, 1), 0);
	audits = store_audit_count(store);
	assert_int_equal(outcome(store, id, "employed", 20260510, 1), 1);
	assert_int_equal(store_audit_count(store), audits);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM outcomes"), 1);
	assert_int_equal(sql_int(store, "SELECT SUM(count)"
					" FROM outcome_counts"),
			 1);
	assert_int_equal(outcome(store, id, "consult", 20260410, 0), 0);
	assert_int_equal(outcome(store, id, "consult", 20260410, 0), 0);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM outcomes"), 3);
	free(receipt);
}

static void test_outcome_refuses_unknown_application(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *receipt = add(store, "uij_turn", "UIJ", 20260401, NULL);
	struct store_new_outcome wrong = {
		.application_id = application_id(store, receipt),
		.programme = "kigyo_shien", .code = "consult",
		.occurred_on = 20260401, .staff = "tester",
	};

	assert_int_equal(outcome(store, 9999, "consult", 20260401, 0), -1);
	assert_int_equal(store_add_outcome(store, &wrong), -1);
	wrong.programme = "uij_turn";
	wrong.occurred_on = 20260431;
	assert_int_equal(store_add_outcome(store, &wrong), -1);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM outcomes"), 0);
	assert_int_equal(sql_int(store, "SELECT COUNT(*)"
					" FROM outcome_counts"),
			 0);
	free(receipt);
}

/* Tally rows collected as text, one line each. */
static int collect_row(const struct store_tally_row *row, void *context)
{
	strbuf_addf(context, "%s/%s/%s %lld %lld\n", row->programme,
		    row->group ? row->group : "-",
		    row->outcome ? row->outcome : "*", row->events,
		    row->applications);
	return 0;
}

/* Four applications, outcomes in April and May 2026. */
static void tally_data(struct store *store)
{
	char *a = add(store, "uij_turn", "UIJ", 20260401, "area", "north",
		      NULL);
	char *b = add(store, "uij_turn", "UIJ", 20260402, "area", "south",
		      NULL);
	char *c = add(store, "uij_turn", "UIJ", 20260403, "name", "c", NULL);
	char *d = add(store, "kigyo_shien", "KIG", 20260401, "area",
		      "north", NULL);
	long long ida = application_id(store, a);

	assert_int_equal(outcome(store, ida, "consult", 20260410, 0), 0);
	assert_int_equal(outcome(store, ida, "consult", 20260420, 0), 0);
	assert_int_equal(outcome(store, ida, "employed", 20260425, 1), 0);
	assert_int_equal(outcome(store, ida, "consult", 20260505, 0), 0);
	assert_int_equal(outcome(store, application_id(store, b), "consult",
				 20260415, 0),
			 0);
	assert_int_equal(outcome(store, application_id(store, c), "consult",
				 20260430, 0),
			 0);
	assert_int_equal(outcome(store, application_id(store, d), "founded",
				 20260501, 1),
			 0);
	free(a);
	free(b);
	free(c);
	free(d);
}

static void expect_tally(struct store *store, long from, long to,
			 const char *programme, const char *by,
			 const char *want)
{
	struct strbuf rows = STRBUF_INIT;
	struct store_tally_query query = { from, to, programme, NULL,
					   by ? STORE_GROUP_FIELD
					      : STORE_GROUP_NONE, by };

	assert_int_equal(store_tally(store, &query, collect_row, &rows), 0);
	assert_string_equal(strbuf_str(&rows), want);
	strbuf_release(&rows);
}

static void test_tally(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_tally_query bad_months = { 202613, 202614, NULL, NULL,
						STORE_GROUP_NONE, NULL };

	tally_data(store);
	expect_tally(store, 202604, 202604, NULL, NULL,
		     "uij_turn/-/consult 4 3\n"
		     "uij_turn/-/employed 1 1\n");
	expect_tally(store, 202604, 202605, NULL, NULL,
		     "kigyo_shien/-/founded 1 1\n"
		     "uij_turn/-/consult 5 3\n"
		     "uij_turn/-/employed 1 1\n");
	expect_tally(store, 202605, 202605, "uij_turn", NULL,
		     "uij_turn/-/consult 1 1\n");
	expect_tally(store, 202606, 202703, NULL, NULL, "");
	expect_tally(store, 202604, 202604, "uij_turn", "area",
		     "uij_turn/-/consult 1 1\n"
		     "uij_turn/north/consult 2 1\n"
		     "uij_turn/north/employed 1 1\n"
		     "uij_turn/south/consult 1 1\n");
	expect_tally(store, 202604, 202605, NULL, "area",
		     "kigyo_shien/north/founded 1 1\n"
		     "uij_turn/-/consult 1 1\n"
		     "uij_turn/north/consult 3 1\n"
		     "uij_turn/north/employed 1 1\n"
		     "uij_turn/south/consult 1 1\n");
	assert_int_equal(store_tally(store, &bad_months, collect_row, NULL),
			 -1);
}

static void test_tally_across_the_new_year(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *receipt = add(store, "uij_turn", "UIJ", 20261201, NULL);
	long long id = application_id(store, receipt);

	assert_int_equal(outcome(store, id, "consult", 20261130, 0), 0);
	assert_int_equal(outcome(store, id, "consult", 20261231, 0), 0);
	assert_int_equal(outcome(store, id, "consult", 20270101, 0), 0);
	assert_int_equal(outcome(store, id, "consult", 20270201, 0), 0);
	expect_tally(store, 202612, 202701, NULL, NULL,
		     "uij_turn/-/consult 2 1\n");
	expect_tally(store, 202612, 202612, NULL, "area",
		     "uij_turn/-/consult 1 1\n");
	free(receipt);
}

static int stop_tally(const struct store_tally_row *row, void *context)
{
	(*(int *)context)++;
	return 5;
}

static void expect_grouped(struct store *store, const char *office,
			   enum store_tally_group group, int received,
			   const char *want)
{
	struct strbuf rows = STRBUF_INIT;
	struct store_tally_query query = { 202604, 202605, NULL, office,
					   group, NULL };

	assert_int_equal(received ? store_received(store, &query, collect_row,
						   &rows)
				  : store_tally(store, &query, collect_row,
						&rows),
			 0);
	assert_string_equal(strbuf_str(&rows), want);
	strbuf_release(&rows);
}

/* By office, staff and month; one office alone; 受付件数 likewise. */
static void test_tally_groups(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;

	tally_data(store);
	sql_exec(store, "UPDATE applications SET office = '弘前', staff = 'sato'"
		    " WHERE programme = 'uij_turn' AND receipt LIKE '%2'");
	expect_grouped(store, NULL, STORE_GROUP_OFFICE, 0,
		       "kigyo_shien/本庁/founded 1 1\n"
		       "uij_turn/弘前/consult 1 1\n"
		       "uij_turn/本庁/consult 4 2\n"
		       "uij_turn/本庁/employed 1 1\n");
	expect_grouped(store, NULL, STORE_GROUP_STAFF, 0,
		       "kigyo_shien/tester/founded 1 1\n"
		       "uij_turn/sato/consult 1 1\n"
		       "uij_turn/tester/consult 4 2\n"
		       "uij_turn/tester/employed 1 1\n");
	expect_grouped(store, NULL, STORE_GROUP_MONTH, 0,
		       "kigyo_shien/2026-05/founded 1 1\n"
		       "uij_turn/2026-04/consult 4 3\n"
		       "uij_turn/2026-04/employed 1 1\n"
		       "uij_turn/2026-05/consult 1 1\n");
	expect_grouped(store, "弘前", STORE_GROUP_NONE, 0,
		       "uij_turn/-/consult 1 1\n");
	expect_grouped(store, NULL, STORE_GROUP_NONE, 1,
		       "kigyo_shien/-/* 1 1\n"
		       "uij_turn/-/* 3 3\n");
	expect_grouped(store, NULL, STORE_GROUP_OFFICE, 1,
		       "kigyo_shien/本庁/* 1 1\n"
		       "uij_turn/弘前/* 1 1\n"
		       "uij_turn/本庁/* 2 2\n");
	expect_grouped(store, "本庁", STORE_GROUP_MONTH, 1,
		       "kigyo_shien/2026-04/* 1 1\n"
		       "uij_turn/2026-04/* 2 2\n");
}

static void test_tally_callback_stops(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_tally_query query = { 202604, 202605, NULL, NULL,
					   STORE_GROUP_NONE, NULL };
	int calls = 0;

	tally_data(store);

	assert_int_equal(store_tally(store, &query, stop_tally, &calls), 5);
	assert_int_equal(calls, 1);
}

static void collect_difference(const char *programme, long month,
			       const char *code, const char *column,
			       long long stored, long long actual,
			       void *context)
{
	strbuf_addf(context, "%s %ld %s %s %lld %lld\n", programme, month,
		    code, column, stored, actual);
}

static void test_verify_counts(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct strbuf found = STRBUF_INIT;

	tally_data(store);
	assert_int_equal(store_verify_counts(store, collect_difference,
					     &found),
			 0);
	assert_string_equal(strbuf_str(&found), "");
	sql_exec(store, "UPDATE outcome_counts SET count = 9"
			" WHERE programme = 'uij_turn' AND month = '2026-04'"
			" AND code = 'consult'");
	assert_int_equal(store_verify_counts(store, collect_difference,
					     &found),
			 1);
	assert_string_equal(strbuf_str(&found),
			    "uij_turn 202604 consult count 9 4\n");
	strbuf_reset(&found);
	sql_exec(store, "DELETE FROM outcome_counts"
			" WHERE programme = 'kigyo_shien'");
	sql_exec(store, "INSERT INTO outcome_counts"
			" (programme, month, code, count)"
			" VALUES ('uij_turn', '2026-06', 'employed', 2)");
	assert_int_equal(store_verify_counts(store, collect_difference,
					     &found),
			 5);
	assert_string_equal(strbuf_str(&found),
			    "kigyo_shien 202605 founded count 0 1\n"
			    "kigyo_shien 202605 founded people 0 1\n"
			    "kigyo_shien 202605 founded first_people 0 1\n"
			    "uij_turn 202604 consult count 9 4\n"
			    "uij_turn 202606 employed count 2 0\n");
	strbuf_release(&found);
}

static long long count_rows(struct store *store)
{
	return sql_int(store, "SELECT (SELECT COUNT(*) FROM applications)"
			      " + (SELECT COUNT(*) FROM answers)"
			      " + (SELECT COUNT(*) FROM audit)"
			      " + (SELECT COUNT(*) FROM receipt_sequences)"
			      " + (SELECT COUNT(*) FROM outcomes)"
			      " + (SELECT COUNT(*) FROM outcome_counts)");
}

static void test_failed_add_leaves_nothing(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *receipt;

	/* The same field twice fails after the sequence, the application
	 * and the first answer are written. */
	assert_null(add(store, "uij_turn", "UIJ", 20260401, "name", "a",
			"name", "b", NULL));
	assert_int_equal(count_rows(store), 0);
	assert_int_equal(sqlite3_get_autocommit(store_db(store)), 1);
	/* The audit row is the last write. */
	sql_exec(store, "CREATE TEMP TRIGGER fail BEFORE INSERT ON audit"
			" BEGIN SELECT RAISE(ABORT, 'forced'); END");
	assert_null(add(store, "uij_turn", "UIJ", 20260401, "name", "a",
			NULL));
	assert_int_equal(count_rows(store), 0);
	sql_exec(store, "DROP TRIGGER fail");
	receipt = add(store, "uij_turn", "UIJ", 20260401, "name", "a", NULL);
	assert_string_equal(receipt, "UIJ-2026-000001");
	free(receipt);
}

static void test_failed_outcome_leaves_nothing(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *receipt = add(store, "uij_turn", "UIJ", 20260401, NULL);
	long long id = application_id(store, receipt);
	struct store_application app;
	long long before = count_rows(store);

	sql_exec(store, "CREATE TEMP TRIGGER fail BEFORE INSERT ON audit"
			" BEGIN SELECT RAISE(ABORT, 'forced'); END");
	assert_int_equal(outcome(store, id, "employed", 20260410, 1), -1);
	sql_exec(store, "DROP TRIGGER fail");
	assert_int_equal(count_rows(store), before);
	assert_int_equal(store_get_application(store, receipt, &app), 0);
	assert_string_equal(app.status, "received");
	assert_int_equal(app.n_outcomes, 0);
	store_application_release(&app);
	assert_int_equal(outcome(store, id, "employed", 20260410, 1), 0);
	free(receipt);
}

/* store_list results as "receipt:field=value,…" lines. */
static int collect_application(const struct store_application *app,
			       void *context)
{
	struct strbuf *out = context;
	size_t i;

	strbuf_addf(out, "%s %s:", app->receipt, app->status);
	for (i = 0; i < app->n_answers; i++)
		strbuf_addf(out, "%s=%s,", app->answers[i].field,
			    app->answers[i].value);
	strbuf_addch(out, '\n');
	return 0;
}

static void expect_list(struct store *store, const struct store_filter *filter,
			const char *want)
{
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(store_list(store, filter, collect_application, &out),
			 0);
	assert_string_equal(strbuf_str(&out), want);
	strbuf_release(&out);
}

static void test_list(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_filter filter = { 0 };
	char *a = add(store, "uij_turn", "UIJ", 20260430, "name", "a", "area",
		      "north", NULL);
	char *b = add(store, "uij_turn", "UIJ", 20260501, NULL);
	char *c = add(store, "kigyo_shien", "KIG", 20260401, "name", "c",
		      NULL);

	assert_int_equal(outcome(store, application_id(store, a), "employed",
				 20260510, 1),
			 0);
	expect_list(store, &filter,
		    "UIJ-2026-000001 employed:\n"
		    "UIJ-2026-000002 received:\n"
		    "KIG-2026-000001 received:\n");
	expect_list(store, NULL,
		    "UIJ-2026-000001 employed:\n"
		    "UIJ-2026-000002 received:\n"
		    "KIG-2026-000001 received:\n");
	filter.with_answers = 1;
	expect_list(store, &filter,
		    "UIJ-2026-000001 employed:name=a,area=north,\n"
		    "UIJ-2026-000002 received:\n"
		    "KIG-2026-000001 received:name=c,\n");
	filter.programme = "uij_turn";
	expect_list(store, &filter,
		    "UIJ-2026-000001 employed:name=a,area=north,\n"
		    "UIJ-2026-000002 received:\n");
	filter.programme = NULL;
	filter.month = 202604;
	expect_list(store, &filter,
		    "UIJ-2026-000001 employed:name=a,area=north,\n"
		    "KIG-2026-000001 received:name=c,\n");
	filter.month = 0;
	filter.status = "received";
	filter.with_answers = 0;
	expect_list(store, &filter,
		    "UIJ-2026-000002 received:\n"
		    "KIG-2026-000001 received:\n");
	filter.status = NULL;
	filter.month = 202613;
	assert_int_equal(store_list(store, &filter, collect_application, NULL),
			 -1);
	free(a);
	free(b);
	free(c);
}

static int stop_list(const struct store_application *app, void *context)
{
	(*(int *)context)++;
	return 7;
}

static void test_list_callback_stops(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_filter filter = { .with_answers = 1 };
	int calls = 0;

	free(add(store, "uij_turn", "UIJ", 20260401, "a", "1", "b", "2",
		 NULL));
	free(add(store, "uij_turn", "UIJ", 20260401, NULL));
	assert_int_equal(store_list(store, &filter, stop_list, &calls), 7);
	assert_int_equal(calls, 1);
}

/* Count the statements a connection starts (not trigger programs). */
static int count_statement(unsigned type, void *context, void *stmt,
			   void *sql)
{
	if (strncmp(sql, "--", 2))
		(*(int *)context)++;
	return 0;
}

/* Export: applications with their answers in one statement, not one
 * query per application. */
static void test_list_with_answers_is_one_query(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_filter filter = { .with_answers = 1 };
	struct strbuf out = STRBUF_INIT;
	struct store_answer answers[3] = {
		{ "c", NULL }, { "a", NULL }, { "b", NULL },
	};
	struct store_new_application app = {
		.programme = "uij_turn", .receipt_prefix = "UIJ",
		.form_version = 1, .received_on = 20260401,
		.answers = answers, .n_answers = 3,
	};
	char value[16], *receipt;
	int i, statements = 0;

	for (i = 0; i < 3; i++)
		answers[i].value = value;
	for (i = 0; i < 1000; i++) {
		snprintf(value, sizeof(value), "%d", i);
		assert_int_equal(store_add_application(store, &app, &receipt),
				 0);
		free(receipt);
	}
	sqlite3_trace_v2(store_db(store), SQLITE_TRACE_STMT, count_statement,
			 &statements);
	assert_int_equal(store_list(store, &filter, collect_application, &out),
			 0);
	sqlite3_trace_v2(store_db(store), 0, NULL, NULL);
	assert_int_equal(statements, 1);
	assert_ptr_equal(strstr(strbuf_str(&out), "UIJ-2026-000001 received:"
						  "c=0,a=0,b=0,\n"),
			 strbuf_str(&out));
	assert_non_null(strstr(strbuf_str(&out),
			       "\nUIJ-2026-001000 received:c=999,a=999,b=999,"
			       "\n"));
	strbuf_release(&out);
}

/* Open the store, tell the other process (write to ready), wait until
 * it has opened too (read from other), then add count applications;
 * 0 when every add succeeded. */
static int add_many(const char *path, int ready, int other, int count,
		    char **receipts)
{
	struct store *store;
	int i, failed = 0;
	char byte = 'r';

	if (store_open(&store, path, 0) < 0)
		return -1;
	if (write(ready, &byte, 1) != 1 || read(other, &byte, 1) != 1)
		failed = count;
	for (i = 0; i < count && !failed; i++) {
		receipts[i] = add(store, "uij_turn", "UIJ", 20260401, "n",
				  "x", NULL);
		if (!receipts[i])
			failed++;
		usleep(100); /* between cases, so that writers interleave */
	}
	store_close(store);
	return failed;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void test_concurrent_writers(void **state)
{
	struct fixture *f = *state;
	char *receipts[400] = { NULL };
	int to_parent[2], to_child[2], status, i;
	pid_t child;

	store_close(f->store); /* no connection crosses the fork */
	f->store = NULL;
	assert_int_equal(pipe(to_parent), 0);
	assert_int_equal(pipe(to_child), 0);
	child = fork();
	assert_true(child >= 0);
	if (child == 0)
		_exit(add_many(f->path, to_parent[1], to_child[0], 200,
			       receipts) ? 1 : 0);
	assert_int_equal(add_many(f->path, to_child[1], to_parent[0], 200,
				  receipts),
			 0);
	for (i = 0; i < 2; i++) {
		close(to_parent[i]);
		close(to_child[i]);
	}
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	assert_int_equal(store_open(&f->store, f->path, 0), 0);
	assert_int_equal(sql_int(f->store, "SELECT COUNT(DISTINCT receipt)"
					   " FROM applications"),
			 400);
	assert_int_equal(sql_int(f->store, "SELECT MAX(receipt) ="
					   " 'UIJ-2026-000400'"
					   " FROM applications"),
			 1);
	assert_int_equal(sql_int(f->store, "SELECT COUNT(*) FROM answers"),
			 400);
	assert_int_equal(store_audit_count(f->store), 400);
	qsort(receipts, 200, sizeof(*receipts), compare_strings);
	for (i = 1; i < 200; i++)
		assert_true(strcmp(receipts[i - 1], receipts[i]) < 0);
	for (i = 0; i < 200; i++)
		free(receipts[i]);
}

/* Two `intake init`s at once on a new file: both succeed, one
 * migrates. */
static void test_concurrent_init(void **state)
{
	struct fixture *f = *state;
	struct store *other;
	char path[160];
	int round, status, ok;
	pid_t child;

	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	for (round = 0; round < 10; round++) {
		/* a new file each round, without the last one's log (kept
		 * between connections, it would be replayed into the new) */
		unlink(path);
		remove_file(f->dir, "other.db-wal");
		remove_file(f->dir, "other.db-shm");
		child = fork();
		assert_true(child >= 0);
		if (child == 0) {
			ok = store_open(&other, path, 1) == 0;
			store_close(other);
			_exit(ok ? 0 : 1);
		}
		assert_int_equal(store_open(&other, path, 1), 0);
		assert_int_equal(waitpid(child, &status, 0), child);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
		assert_int_equal(sql_int(other, "PRAGMA user_version"), 10);
		store_close(other);
	}
	remove_file(f->dir, "other.db-wal");
	remove_file(f->dir, "other.db-shm");
}

/* Drafts. */

static long long draft(struct store *store, const char *programme)
{
	long long id = 0;

	assert_int_equal(store_draft_create(store, programme, "tester", &id),
			 0);
	assert_true(id > 0);
	return id;
}

/* Save answers given as field, value pairs ending in NULL. */
static int draft_save(struct store *store, long long id,
		      const char *last_field, ...)
{
	struct store_answer answers[8];
	size_t n = 0;
	va_list ap;

	va_start(ap, last_field);
	while ((answers[n].field = va_arg(ap, char *))) {
		answers[n].value = va_arg(ap, char *);
		n++;
	}
	va_end(ap);
	return store_draft_save(store, id, last_field, answers, n);
}

/* A draft's answers as "field=value," text. */
static void expect_draft_answers(struct store *store, long long id,
				 const char *last_field, const char *want)
{
	struct strbuf out = STRBUF_INIT;
	struct store_draft d;
	size_t i;

	assert_int_equal(store_draft_get(store, id, &d), 0);
	for (i = 0; i < d.n_answers; i++)
		strbuf_addf(&out, "%s=%s,", d.answers[i].field,
			    d.answers[i].value);
	assert_string_equal(strbuf_str(&out), want);
	if (last_field)
		assert_string_equal(d.last_field, last_field);
	else
		assert_null(d.last_field);
	store_draft_release(&d);
	strbuf_release(&out);
}

/* store_draft_list results as "id programme staff last n" lines. */
static int collect_draft(const struct store_draft *d, void *context)
{
	assert_int_equal(strlen(d->started_at), 20);
	assert_true(strcmp(d->updated_at, d->started_at) >= 0);
	strbuf_addf(context, "%lld %s %s %s %zu\n", d->id, d->programme,
		    d->staff, d->last_field ? d->last_field : "-",
		    d->n_answers);
	return 0;
}

static void expect_drafts(struct store *store, const char *want)
{
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(store_draft_list(store, collect_draft, &out), 0);
	assert_string_equal(strbuf_str(&out), want);
	strbuf_release(&out);
}

static void test_draft_create_get_list_delete(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	long long a = draft(store, "uij_turn");
	long long b = draft(store, "kigyo_shien");
	struct store_draft d;
	char want[128];

	assert_int_equal(store_draft_get(store, a, &d), 0);
	assert_int_equal(d.id, a);
	assert_string_equal(d.programme, "uij_turn");
	assert_string_equal(d.staff, "tester");
	assert_int_equal(strlen(d.started_at), 20);
	assert_string_equal(d.updated_at, d.started_at);
	assert_null(d.last_field);
	assert_int_equal(d.n_answers, 0);
	store_draft_release(&d);
	assert_int_equal(draft_save(store, b, "name", "name", "山田", NULL), 0);
	snprintf(want, sizeof(want),
		 "%lld uij_turn tester - 0\n%lld kigyo_shien tester name 0\n",
		 a, b);
	expect_drafts(store, want);
	assert_int_equal(store_draft_discard(store, a, "鈴木", "重複"), 0);
	assert_int_equal(store_draft_discard(store, a, "鈴木", NULL), 1);
	assert_int_equal(store_draft_get(store, a, &d), 1);
	assert_null(d.programme);
	snprintf(want, sizeof(want), "%lld kigyo_shien tester name 0\n", b);
	expect_drafts(store, want);
	assert_int_equal(store_draft_discard(store, b, NULL, NULL), 0);
	expect_drafts(store, "");
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM draft_answers"),
			 0);
	/* drafts write no audit rows, but discarding one does */
	assert_int_equal(store_audit_count(store), 2);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM audit"
					" WHERE action = 'discard_draft'"
					" AND json_extract(\"after\", '$.reason')"
					" = '重複' AND staff = '鈴木'"),
			 1);
	assert_int_equal(sqlite3_get_autocommit(store_db(store)), 1);
	/* b was the newest: its id is not given again (a page left open
	 * on b must not reach the next draft) */
	assert_true(draft(store, "uij_turn") > b);
}

static int stop_drafts(const struct store_draft *d, void *context)
{
	(*(int *)context)++;
	return 3;
}

static void test_draft_list_callback_stops(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	int calls = 0;

	draft(store, "uij_turn");
	draft(store, "uij_turn");
	assert_int_equal(store_draft_list(store, stop_drafts, &calls), 3);
	assert_int_equal(calls, 1);
}

static void test_draft_save_replaces(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	long long id = draft(store, "uij_turn");

	assert_int_equal(draft_save(store, id, "mid", "zeta", "z", "alpha",
				    "a", "skipped", NULL, "mid", "m", NULL),
			 0);
	expect_draft_answers(store, id, "mid", "zeta=z,alpha=a,mid=m,");
	assert_int_equal(draft_save(store, id, "alpha", "alpha", "A",
				    "received_on", "2026-04-01", NULL),
			 0);
	expect_draft_answers(store, id, "alpha",
			     "alpha=A,received_on=2026-04-01,");
	/* A failed save keeps what the last one saved. */
	assert_int_equal(draft_save(store, id, "x", "x", "1", "x", "2", NULL),
			 -1);
	assert_int_equal(sqlite3_get_autocommit(store_db(store)), 1);
	expect_draft_answers(store, id, "alpha",
			     "alpha=A,received_on=2026-04-01,");
	assert_int_equal(draft_save(store, id, NULL, NULL), 0);
	expect_draft_answers(store, id, NULL, "");
	assert_int_equal(draft_save(store, id + 1, "x", "x", "1", NULL), -1);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM draft_answers"),
			 0);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM drafts"), 1);
	assert_int_equal(store_audit_count(store), 0);
}

/* An application of programme uij_turn typed in draft_id, linked to
 * link_receipt: 0 and *receipt, or -1. */
static int add_full(struct store *store, long long draft_id,
		    const char *link_receipt, const char *link_note,
		    char **receipt)
{
	struct store_answer answers[] = { { "name", "山田" } };
	struct store_new_application app = {
		.programme = "uij_turn", .receipt_prefix = "UIJ",
		.form_version = 1, .received_on = 20260401,
		.staff = "鈴木", .answers = answers, .n_answers = 1,
		.draft_id = draft_id, .link_receipt = link_receipt,
		.link_note = link_note,
	};

	return store_add_application(store, &app, receipt);
}

static void test_add_takes_draft(void **state)
{
	struct fixture *f = *state;
	long long id = draft(f->store, "uij_turn");
	struct store *other;
	char *receipt = NULL;

	assert_int_equal(draft_save(f->store, id, "name", "name", "山田",
				    NULL),
			 0);
	assert_int_equal(store_open(&other, f->path, 0), 0);
	assert_int_equal(add_full(f->store, id, NULL, NULL, &receipt), 0);
	assert_string_equal(receipt, "UIJ-2026-000001");
	free(receipt);
	assert_int_equal(sql_int(f->store, "SELECT COUNT(*) FROM drafts"), 0);
	assert_int_equal(sql_int(f->store,
				 "SELECT COUNT(*) FROM draft_answers"),
			 0);
	/* Another terminal saving the same draft is refused. */
	assert_int_equal(add_full(other, id, NULL, NULL, &receipt), -1);
	assert_null(receipt);
	assert_int_equal(sqlite3_get_autocommit(store_db(other)), 1);
	store_close(other);
	assert_int_equal(sql_int(f->store, "SELECT COUNT(*)"
					   " FROM applications"),
			 1);
	assert_int_equal(store_audit_count(f->store), 1);
	assert_int_equal(add_full(f->store, 0, NULL, NULL, &receipt), 0);
	assert_string_equal(receipt, "UIJ-2026-000002");
	free(receipt);
	msg_set_language(LANG_EN);
	assert_non_null(strstr(msg(MSG_STORE_DRAFT_GONE), "%lld"));
	msg_set_language(LANG_JA);
	assert_non_null(strstr(msg(MSG_STORE_DRAFT_GONE), "%lld"));
}

static long long count_draft_rows(struct store *store)
{
	return sql_int(store, "SELECT (SELECT COUNT(*) FROM drafts)"
			      " + (SELECT COUNT(*) FROM draft_answers)");
}

static void test_failed_add_keeps_draft(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	long long id = draft(store, "uij_turn");
	char *earlier = add(store, "uij_turn", "UIJ", 20260401, NULL);
	long long before = count_rows(store);
	char *receipt = NULL;

	assert_int_equal(draft_save(store, id, "name", "name", "山田", NULL),
			 0);
	assert_int_equal(count_draft_rows(store), 2);
	assert_int_equal(add_full(store, id, "UIJ-2026-999999", NULL,
				  &receipt),
			 -1);
	assert_null(receipt);
	assert_int_equal(count_rows(store), before);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM links"), 0);
	assert_int_equal(count_draft_rows(store), 2);
	expect_draft_answers(store, id, "name", "name=山田,");
	/* The link's audit row is the last write. */
	sql_exec(store, "CREATE TEMP TRIGGER fail BEFORE INSERT ON audit"
			" WHEN NEW.action = 'link'"
			" BEGIN SELECT RAISE(ABORT, 'forced'); END");
	assert_int_equal(add_full(store, id, earlier, "note", &receipt), -1);
	sql_exec(store, "DROP TRIGGER fail");
	assert_int_equal(count_rows(store), before);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM links"), 0);
	assert_int_equal(count_draft_rows(store), 2);
	assert_int_equal(add_full(store, id, earlier, "note", &receipt), 0);
	assert_string_equal(receipt, "UIJ-2026-000002");
	assert_int_equal(count_draft_rows(store), 0);
	free(receipt);
	free(earlier);
}

/* An application's links as "receipt programme note;" text. */
static void expect_links(struct store *store, const char *receipt,
			 const char *want)
{
	struct store_application app;
	struct strbuf out = STRBUF_INIT;
	size_t i;

	assert_int_equal(store_get_application(store, receipt, &app), 0);
	for (i = 0; i < app.n_links; i++)
		strbuf_addf(&out, "%s %s %s;", app.links[i].receipt,
			    app.links[i].programme,
			    app.links[i].note ? app.links[i].note : "-");
	assert_string_equal(strbuf_str(&out), want);
	store_application_release(&app);
	strbuf_release(&out);
}

static void test_links_both_directions(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *a = add(store, "uij_turn", "UIJ", 20260401, NULL);
	char *b = add(store, "kigyo_shien", "KIG", 20260401, NULL);
	char *c = NULL, *d = NULL, *e = NULL;

	assert_int_equal(add_full(store, 0, a, "継業", &c), 0);
	assert_int_equal(add_full(store, 0, a, NULL, &d), 0);
	assert_int_equal(add_full(store, 0, c, NULL, &e), 0);
	expect_links(store, a, "UIJ-2026-000002 uij_turn 継業;"
			       "UIJ-2026-000003 uij_turn -;");
	expect_links(store, c, "UIJ-2026-000001 uij_turn 継業;"
			       "UIJ-2026-000004 uij_turn -;");
	expect_links(store, d, "UIJ-2026-000001 uij_turn -;");
	expect_links(store, b, "");
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM audit"
					" WHERE action = 'link'"),
			 3);
	assert_int_equal(sql_int(store, "SELECT json_extract(\"after\","
					" '$.receipt') = 'UIJ-2026-000002'"
					" AND json_extract(\"after\","
					" '$.linked') = 'UIJ-2026-000001'"
					" AND json_extract(\"after\","
					" '$.note') = '継業'"
					" AND staff = '鈴木'"
					" FROM audit WHERE action = 'link'"
					" ORDER BY id LIMIT 1"),
			 1);
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
}

/* store_find_person results as "receipt outcomes answers;" text. */
static int collect_person(const struct store_application *app,
			  void *context)
{
	strbuf_addf(context, "%s %zu %zu;", app->receipt, app->n_outcomes,
		    app->n_answers);
	return 0;
}

static void expect_person(struct store *store, const char *name_kana,
			  const char *birth_date, const char *want)
{
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(store_find_person(store, name_kana, birth_date,
					   collect_person, &out),
			 0);
	assert_string_equal(strbuf_str(&out), want);
	strbuf_release(&out);
}

static int stop_person(const struct store_application *app, void *context)
{
	(*(int *)context)++;
	return 4;
}

static void test_find_person(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	char *later = add(store, "uij_turn", "UIJ", 20260601, "name_kana",
			  "ヤマダ タロウ", "birth_date", "1990-01-02", NULL);
	char *earlier = add(store, "kigyo_shien", "KIG", 20260501,
			    "birth_date", "1990-01-02", "name_kana",
			    "ヤマダ　タロウ", NULL);
	int calls = 0;

	free(add(store, "jigyo_shokei", "JGS", 20260401, "name_kana",
		 "ヤマダタロウ", "birth_date", "1990-01-03", NULL));
	free(add(store, "jigyo_shokei", "JGS", 20260401, "name_kana",
		 "ヤマダ タロウ", NULL));
	free(add(store, "jigyo_shokei", "JGS", 20260401, "name_kana",
		 "ヤマダ ハナコ", "birth_date", "1990-01-02", NULL));
	free(add(store, "jigyo_shokei", "JGS", 20260401, "name_kana",
		 "1990-01-02", "birth_date", "ヤマダタロウ", NULL));
	assert_int_equal(outcome(store, application_id(store, later),
				 "consult", 20260602, 0),
			 0);
	expect_person(store, "ヤマダタロウ", "1990-01-02",
		      "KIG-2026-000001 0 0;UIJ-2026-000001 1 0;");
	expect_person(store, " ヤマダ　タロウ　", "1990-01-02",
		      "KIG-2026-000001 0 0;UIJ-2026-000001 1 0;");
	expect_person(store, "ヤマダ タロウ", "1990-01-03",
		      "JGS-2026-000001 0 0;");
	expect_person(store, "ヤマダ タロウ", "1990-01-04", "");
	expect_person(store, "ヤマダ", "1990-01-02", "");
	assert_int_equal(store_find_person(store, "ヤマダタロウ", "1990-01-02",
					   stop_person, &calls),
			 4);
	assert_int_equal(calls, 1);
	free(later);
	free(earlier);
}

/* Migration 1 as shipped: a version 1 database to migrate. */
static const char schema_version_1[] =
	"CREATE TABLE applications (id INTEGER PRIMARY KEY,"
	" receipt TEXT UNIQUE NOT NULL, programme TEXT NOT NULL,"
	" plugin_version TEXT, form_version INTEGER NOT NULL,"
	" received_on TEXT NOT NULL, office TEXT, staff TEXT,"
	" status TEXT NOT NULL DEFAULT 'received', created_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL);"
	"CREATE INDEX applications_received_on"
	" ON applications (programme, received_on);"
	"CREATE TABLE answers (application_id INTEGER NOT NULL"
	" REFERENCES applications (id), field TEXT NOT NULL,"
	" value TEXT NOT NULL, PRIMARY KEY (application_id, field));"
	"CREATE TABLE outcomes (id INTEGER PRIMARY KEY,"
	" application_id INTEGER NOT NULL REFERENCES applications (id),"
	" code TEXT NOT NULL, occurred_on TEXT NOT NULL, staff TEXT,"
	" note TEXT, recorded_at TEXT NOT NULL);"
	"CREATE INDEX outcomes_application ON outcomes (application_id);"
	"CREATE INDEX outcomes_occurred_on ON outcomes (occurred_on);"
	"CREATE TABLE outcome_counts (programme TEXT NOT NULL,"
	" month TEXT NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL,"
	" PRIMARY KEY (programme, month, code));"
	"CREATE TABLE receipt_sequences (programme TEXT NOT NULL,"
	" fiscal_year INTEGER NOT NULL, last INTEGER NOT NULL,"
	" PRIMARY KEY (programme, fiscal_year));"
	"CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL,"
	" staff TEXT, action TEXT NOT NULL,"
	" application_id INTEGER REFERENCES applications (id),"
	" \"before\" TEXT, \"after\" TEXT);"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
	"CREATE TABLE drafts (id INTEGER PRIMARY KEY,"
	" programme TEXT NOT NULL, staff TEXT, started_at TEXT NOT NULL,"
	" updated_at TEXT NOT NULL, last_field TEXT,"
	" answers TEXT NOT NULL DEFAULT '{}');"
	"PRAGMA user_version = 1;"
	/* A case entered by version 1. */
	"INSERT INTO applications VALUES (1, 'UIJ-2026-000001', 'uij_turn',"
	" '1.0', 1, '2026-04-01', '本庁', 'tester', 'received',"
	" '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');"
	"INSERT INTO answers VALUES (1, 'name_kana', 'ヤマダ タロウ'),"
	" (1, 'birth_date', '1990-01-02');"
	"INSERT INTO receipt_sequences VALUES ('uij_turn', 2026, 1);"
	"INSERT INTO audit VALUES (1, '2026-04-01T00:00:00Z', 'tester',"
	" 'add', 1, NULL, NULL);";

static void test_migrate_from_version_1(void **state)
{
	struct fixture *f = *state;
	struct store *store;
	char path[160], *receipt = NULL;
	struct strbuf out = STRBUF_INIT;
	sqlite3 *db;

	snprintf(path, sizeof(path), "%s/other.db", f->dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, schema_version_1, NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_open(&store, path, 0), 0);
	assert_int_equal(sql_int(store, "PRAGMA user_version"), 10);
	assert_int_equal(sql_int(store, "SELECT COUNT(*) FROM sqlite_schema"
					" WHERE name IN ('draft_answers',"
					" 'links', 'links_application',"
					" 'links_linked',"
					" 'answers_field_value')"),
			 5);
	assert_int_equal(sql_int(store, "SELECT COUNT(*)"
					" FROM pragma_table_info('drafts')"
					" WHERE name = 'answers'"),
			 0);
	assert_int_equal(add_full(store, draft(store, "uij_turn"),
				  "UIJ-2026-000001", NULL, &receipt),
			 0);
	assert_string_equal(receipt, "UIJ-2026-000002");
	expect_links(store, "UIJ-2026-000001", "UIJ-2026-000002 uij_turn -;");
	assert_int_equal(store_find_person(store, "ヤマダタロウ", "1990-01-02",
					   collect_person, &out),
			 0);
	assert_string_equal(strbuf_str(&out), "UIJ-2026-000001 0 0;");
	assert_int_equal(store_audit_count(store), 3);
	store_close(store);
	strbuf_release(&out);
	free(receipt);
	remove_file(f->dir, "other.db-wal");
	remove_file(f->dir, "other.db-shm");
}

/* The chain: each row's hash covers the one before; a changed row, a
 * forged row and a row of another chain are each found. */
static void test_audit_chain(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_audit_check check;
	char *a = add(store, "uij_turn", "UIJ", 20260401, "area", "north",
		      NULL);
	char *b = add(store, "uij_turn", "UIJ", 20260402, NULL);
	char head[65];

	assert_int_equal(store_audit_verify(store, &check), 0);
	assert_int_equal(check.rows, 2);
	assert_int_equal(check.first_bad, 0);
	assert_int_equal(check.triggers_missing, 0);
	assert_int_equal(strlen(check.head), 64);
	assert_int_equal(store_audit_has(store, check.head), 1);
	snprintf(head, sizeof(head), "%s", check.head);

	sql_exec(store, "DROP TRIGGER audit_no_update;"
			"UPDATE audit SET \"after\" = '{}' WHERE id = 1");
	assert_int_equal(store_audit_verify(store, &check), 0);
	assert_int_equal(check.first_bad, 1);
	assert_int_equal(check.triggers_missing, 1);
	assert_int_equal(store_audit_has(store, "00"), 0);
	assert_int_equal(store_audit_has(store, head), 1);
	free(a);
	free(b);
}

/* The add row's JSON, made in C, is byte for byte what SQLite's JSON
 * functions make of the stored application and answers: quotes,
 * backslashes, control characters, non-ASCII, an unanswered field. */
static void test_audit_add_json_as_sqlite_makes_it(void **state)
{
	static const char sql[] =
		"SELECT au.\"after\" = json_object('receipt', a.receipt,"
		" 'programme', a.programme, 'received_on', a.received_on,"
		" 'answers', json((SELECT json_group_object(field, value)"
		" FROM (SELECT field, value FROM answers"
		" WHERE application_id = a.id ORDER BY rowid))))"
		" FROM audit au JOIN applications a ON a.id = au.application_id"
		" WHERE au.action = 'add' AND a.receipt = '%s'";
	struct store *store = ((struct fixture *)*state)->store;
	char *odd = add(store, "uij_turn", "UIJ", 20260401, "name",
			"\"山田\\ 太郎\"/\x01\x08\t\n\x0b\x0c\r\x1f\x7f é",
			"kana", NULL, "note", "改行\r\nあり", NULL);
	char *none = add(store, "uij_turn", "UIJ", 20260402, NULL);
	char *query;

	assert_non_null(odd);
	assert_non_null(none);
	query = xstrfmt(sql, odd);
	assert_int_equal(sql_int(store, query), 1);
	free(query);
	query = xstrfmt(sql, none);
	assert_int_equal(sql_int(store, query), 1);
	free(query);
	assert_int_equal(sql_int(store, "SELECT count(*) FROM audit WHERE"
				 " \"after\" LIKE '%\"kana\"%'"), 0);
	free(odd);
	free(none);
}

/* A batch keeps its savepoints' sub-journal in memory and a larger
 * page cache, and gives both back when it ends, committed or not. */
static void test_batch_pragmas_given_back(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	long long cache = sql_int(store, "PRAGMA cache_size");
	long long temp = sql_int(store, "PRAGMA temp_store");
	char *receipt;

	assert_int_equal(store_batch_begin(store, STORE_BATCH_SAVEPOINTS), 0);
	assert_int_equal(sql_int(store, "PRAGMA temp_store"), 2);
	assert_true(sql_int(store, "PRAGMA cache_size") <= -8192);
	receipt = add(store, "uij_turn", "UIJ", 20260401, "area", "north",
		      NULL);
	assert_non_null(receipt);
	assert_int_equal(store_batch_end(store, 1), 0);
	assert_int_equal(sql_int(store, "PRAGMA cache_size"), cache);
	assert_int_equal(sql_int(store, "PRAGMA temp_store"), temp);
	assert_int_equal(sql_int(store, "SELECT count(*) FROM answers"), 1);
	assert_int_equal(store_batch_begin(store, STORE_BATCH_SAVEPOINTS), 0);
	assert_int_equal(store_batch_end(store, 0), 0);
	assert_int_equal(sql_int(store, "PRAGMA cache_size"), cache);
	assert_int_equal(sql_int(store, "PRAGMA temp_store"), temp);
	free(receipt);
}

/* A whole batch (no savepoint per write): after a write fails, the
 * batch cannot be committed and nothing of it is stored, not even the
 * writes before the failed one. */
static void test_whole_batch_failed_write_stores_nothing(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_answer answer = { (char *)"area", (char *)"north" };
	struct store_new_application app = {
		.programme = "uij_turn",
		.receipt_prefix = "UIJ",
		.plugin_version = "1.0",
		.form_version = 3,
		.received_on = 20260401,
		.staff = "tester",
		.answers = &answer,
		.n_answers = 1,
		.source_id = "OLD-1",
	};
	char *first = NULL, *second = NULL;

	assert_int_equal(store_batch_begin(store, STORE_BATCH_WHOLE), 0);
	assert_int_equal(store_add_application(store, &app, &first), 0);
	assert_int_equal(store_add_application(store, &app, &second), -1);
	assert_null(second);
	assert_int_equal(store_batch_end(store, 1), -1);
	assert_int_equal(sql_int(store, "SELECT count(*) FROM applications"),
			 0);
	assert_int_equal(sql_int(store, "SELECT count(*) FROM answers"), 0);
	assert_int_equal(sql_int(store, "SELECT count(*) FROM audit"), 0);
	assert_int_equal(sqlite3_get_autocommit(store_db(store)), 1);
	free(first);
	assert_int_equal(store_batch_begin(store, STORE_BATCH_WHOLE), 0);
	assert_int_equal(store_add_application(store, &app, &first), 0);
	assert_int_equal(store_batch_end(store, 1), 0);
	assert_int_equal(sql_int(store, "SELECT count(*) FROM applications"),
			 1);
	free(first);
}

static void test_audit_rows_need_a_hash(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;

	assert_int_not_equal(sqlite3_exec(store_db(store),
					  "INSERT INTO audit (at, action)"
					  " VALUES ('x', 'add')",
					  NULL, NULL, NULL),
			     SQLITE_OK);
	assert_non_null(strstr(sqlite3_errmsg(store_db(store)),
			       "audit rows are chained"));
}

/* Set user_version behind the store's back. */
static void set_user_version(const char *path, const char *version)
{
	char sql[64];
	sqlite3 *db;

	snprintf(sql, sizeof(sql), "PRAGMA user_version = %s", version);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void test_open_refuses_bad_versions(void **state)
{
	struct fixture *f = *state;
	static const char *const versions[] = { "-1", "-100000000" };
	size_t i;

	store_close(f->store);
	f->store = NULL;
	for (i = 0; i < ARRAY_SIZE(versions); i++) {
		set_user_version(f->path, versions[i]);
		assert_int_equal(store_open(&f->store, f->path, STORE_WRITE),
				 STORE_FOREIGN);
		assert_int_equal(store_open(&f->store, f->path, STORE_READ),
				 STORE_FOREIGN);
		assert_int_equal(store_open(&f->store, f->path, STORE_CREATE),
				 STORE_FOREIGN);
		assert_null(f->store);
	}
	set_user_version(f->path, "10");
	assert_int_equal(store_open(&f->store, f->path, STORE_WRITE),
			 STORE_OK);
}

static void test_empty_file_only_for_init(void **state)
{
	struct fixture *f = *state;
	struct store *other = NULL;
	char *path = path_join(f->dir, "empty.db");
	struct stat st;
	FILE *file = fopen(path, "w");

	assert_non_null(file);
	fclose(file);
	chmod(path, 0644);
	assert_int_equal(store_open(&other, path, STORE_WRITE), STORE_MISSING);
	assert_int_equal(store_open(&other, path, STORE_READ), STORE_MISSING);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(store_open(&other, path, STORE_CREATE), STORE_OK);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	store_close(other);
	free(path);
}

static void test_init_refuses_symlink(void **state)
{
	struct fixture *f = *state;
	struct store *other = NULL;
	char *link = path_join(f->dir, "link.db");

	assert_int_equal(symlink(f->path, link), 0);
	assert_int_equal(store_open(&other, link, STORE_CREATE),
			 STORE_REFUSED);
	assert_null(other);
	assert_int_equal(store_open(&other, link, STORE_READ), STORE_OK);
	store_close(other);
	free(link);
}

static void test_read_mode_does_not_write(void **state)
{
	struct fixture *f = *state;
	struct store *reader = NULL;
	char *receipt = NULL;

	assert_int_equal(store_open(&reader, f->path, STORE_READ), STORE_OK);
	assert_int_equal(store_quick_check(reader, NULL, NULL, NULL), 0);
	assert_int_equal(store_quick_check(reader, "applications", NULL,
					   NULL),
			 0);
	assert_int_equal(add_full(reader, 0, NULL, NULL, &receipt), -1);
	assert_int_equal(store_status(reader), STORE_NO_PERMISSION);
	assert_null(receipt);
	store_close(reader);
}

static void test_backup_copy(void **state)
{
	struct fixture *f = *state;
	char *receipt = add(f->store, "uij_turn", "UIJ", 20260401, NULL);
	char *copy = path_join(f->dir, "copy.db");
	struct store *other = NULL;
	struct store_application app;
	struct stat st;

	assert_int_equal(store_backup(f->store, copy, 0), 0);
	assert_int_equal(stat(copy, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(store_backup(f->store, copy, 0), -1);
	assert_int_equal(store_status(f->store), STORE_REFUSED);
	assert_int_equal(store_backup(f->store, copy, 1), 0);
	assert_int_equal(store_open(&other, copy, STORE_READ), STORE_OK);
	assert_int_equal(store_get_application(other, receipt, &app), 0);
	store_application_release(&app);
	assert_int_equal(store_application_count(other), 1);
	store_close(other);
	free(copy);
	free(receipt);
}

/* What migrate records of a database: never a password. */
static void test_public_name(void **state)
{
	static const char *const cases[][2] = {
		{ "intake.db", "intake.db" },
		{ "postgresql:///intake?host=/run/postgresql",
		  "postgresql:///intake?host=/run/postgresql" },
		{ "postgresql://office:s3cret@db.example/intake",
		  "postgresql://office@db.example/intake" },
		{ "postgresql://db.example/intake?user=office&password=s3cret",
		  "postgresql://db.example/intake?user=office&" },
		{ "postgres://db/intake?password=s3cret&sslmode=require",
		  "postgres://db/intake?sslmode=require" },
		{ "postgresql://db:5432/intake", "postgresql://db:5432/intake" },
	};
	size_t i;
	char *name;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		name = store_public_name(cases[i][0]);
		assert_string_equal(name, cases[i][1]);
		assert_null(strstr(name, "s3cret"));
		free(name);
	}
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_open_creates_schema),
		TEST(test_audit_chain),
		TEST(test_audit_add_json_as_sqlite_makes_it),
		TEST(test_batch_pragmas_given_back),
		TEST(test_whole_batch_failed_write_stores_nothing),
		TEST(test_audit_rows_need_a_hash),
		TEST(test_open_refuses_bad_versions),
		TEST(test_empty_file_only_for_init),
		TEST(test_init_refuses_symlink),
		TEST(test_read_mode_does_not_write),
		TEST(test_backup_copy),
		TEST(test_open_restores_umask),
		TEST(test_open_missing_says_init),
		TEST(test_open_refuses_newer_schema),
		TEST(test_open_refuses_other_file),
		TEST(test_reopen_keeps_data),
		TEST(test_receipts_per_programme_and_fiscal_year),
		TEST(test_add_refuses_bad_date),
		TEST(test_get_application),
		TEST(test_audit_is_append_only),
		TEST(test_outcome_counts_in_step),
		TEST(test_outcome_once_refused_on_repeat),
		TEST(test_outcome_refuses_unknown_application),
		TEST(test_tally),
		TEST(test_tally_across_the_new_year),
		TEST(test_tally_callback_stops),
		TEST(test_tally_groups),
		TEST(test_verify_counts),
		TEST(test_failed_add_leaves_nothing),
		TEST(test_failed_outcome_leaves_nothing),
		TEST(test_list),
		TEST(test_list_callback_stops),
		TEST(test_list_with_answers_is_one_query),
		TEST(test_concurrent_writers),
		TEST(test_concurrent_init),
		TEST(test_draft_create_get_list_delete),
		TEST(test_draft_list_callback_stops),
		TEST(test_draft_save_replaces),
		TEST(test_add_takes_draft),
		TEST(test_failed_add_keeps_draft),
		TEST(test_links_both_directions),
		TEST(test_find_person),
		TEST(test_migrate_from_version_1),
		cmocka_unit_test(test_public_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
