/* Unit tests of core/postgres/: the PostgreSQL backend on a live server.
 *
 * INTAKE_TEST_PG is the socket directory of a server (make test-pg
 * starts one: tests/pg/check.sh) where the role intake may create
 * databases; a libpq URI without a database name (postgresql:///?host=
 * …&user=…) is taken too.  Each test creates its own database (through
 * the maintenance database `postgres`), named by the PID, and drops it
 * WITH (FORCE) after.  Without INTAKE_TEST_PG every test is skipped,
 * saying so.  One run by hand: sh tests/pg/cluster.sh start DIR, then
 * INTAKE_TEST_PG=DIR/socket build/tests/test_pg.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "messages.h"
#include "pg_internal.h"
#include "sqlite_store.h"
#include "store_copy.h"
#include "store.h"
#include "pg_support.h"
#include "support.h"
#include "util.h"

static const char *base_uri;
static int databases;

struct fixture {
	char *name; /* the database's */
	char *uri;
	PGconn *raw; /* a connection of the test's own to it */
	struct store *store;
};

/* A new empty database, with the test's own connection to it. */
static int setup(void **state)
{
	struct fixture *f;
	char *sql;

	*state = NULL;
	if (!base_uri)
		return 0; /* each test skips, saying why */
	f = xcalloc(1, sizeof(*f));
	f->name = xstrfmt("intake_test_%ld_%d", (long)getpid(), ++databases);
	sql = xstrfmt("CREATE DATABASE %s", f->name);
	pg_test_maintenance(sql);
	free(sql);
	f->uri = pg_test_uri(f->name);
	f->raw = pg_test_connect(f->name);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *sql;

	if (!f)
		return 0;
	sql = xstrfmt("DROP DATABASE %s WITH (FORCE)", f->name);

	if (f->store)
		store_close(f->store);
	PQfinish(f->raw);
	pg_test_maintenance(sql);
	free(sql);
	free(f->name);
	free(f->uri);
	free(f);
	return 0;
}

/* The test's fixture; the test is skipped without a server. */
static struct fixture *fixture(void **state)
{
	if (!*state)
		skip();
	return *state;
}

/* Open f's database in mode, expecting status; stderr kept in *err
 * when err is not NULL. */
static struct store *open_as(struct fixture *f, enum store_mode mode,
			     enum store_status expected, char **err)
{
	struct store *store = NULL;
	enum store_status status;
	char *text;

	capture_stderr();
	status = pg_store_open(&store, f->uri, mode);
	text = captured();
	if (status != expected)
		fail_msg("status %d, expected %d; stderr:\n%s", status,
			 expected, text);
	if (err)
		*err = text;
	else
		free(text);
	return store;
}

static void open_store(struct fixture *f)
{
	f->store = open_as(f, STORE_CREATE, STORE_OK, NULL);
	assert_non_null(f->store);
}

static const struct store_answer answers[] = {
	{ "name", "青森 太郎" },
	{ "name_kana", "アオモリ タロウ" },
	{ "phone", "0171234567" },
	{ "birth_date", "1990-04-01" },
};

static char *add_case(struct store *store, long received_on,
		      const struct store_answer *given, size_t n)
{
	struct store_new_application app = { 0 };
	char *receipt = NULL;

	app.programme = "uij_turn";
	app.receipt_prefix = "UIJ";
	app.plugin_version = "1.0";
	app.form_version = 1;
	app.received_on = received_on;
	app.office = "aomori";
	app.staff = "sato";
	app.answers = given;
	app.n_answers = n;
	if (store_add_application(store, &app, &receipt) < 0)
		return NULL;
	return receipt;
}

/* Schema. */

static void test_init_creates_schema(void **state)
{
	struct fixture *f = fixture(state);
	struct store *again;
	char *version, *err;

	open_store(f);
	version = pg_test_value(f->raw, "SELECT version FROM intake_schema");
	assert_string_equal(version, "10");
	free(version);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
				   " pg_tables WHERE tablename IN"
				   " ('applications', 'answers', 'outcomes',"
				   " 'outcome_counts', 'receipt_sequences',"
				   " 'audit', 'drafts', 'draft_answers',"
				   " 'draft_ids', 'links', 'search_keys',"
				   " 'case_notes', 'accounts', 'sessions')"),
			 14);
	/* a second init changes nothing */
	again = open_as(f, STORE_CREATE, STORE_OK, NULL);
	store_close(again);
	assert_int_equal(pg_test_count(f->raw,
				   "SELECT count(*) FROM intake_schema"), 1);
	again = open_as(f, STORE_WRITE, STORE_OK, NULL);
	store_close(again);
	/* read-only: reads, and a write is refused, nothing stored */
	again = open_as(f, STORE_READ, STORE_OK, NULL);
	assert_int_equal(store_application_count(again), 0);
	msg_set_language(LANG_EN);
	capture_stderr();
	assert_null(add_case(again, 20260501, answers, 4));
	err = captured();
	assert_int_equal(store_status(again), STORE_NO_PERMISSION);
	assert_contains(err, "no permission to write database");
	free(err);
	store_close(again);
	assert_int_equal(store_application_count(f->store), 0);
}

static void test_empty_database_is_missing(void **state)
{
	struct fixture *f = fixture(state);
	char *err;

	msg_set_language(LANG_EN);
	assert_null(open_as(f, STORE_WRITE, STORE_MISSING, &err));
	assert_contains(err, "run `intake init` first");
	assert_contains(err, f->name);
	free(err);
	assert_null(open_as(f, STORE_READ, STORE_MISSING, NULL));
	/* and nothing was made in it */
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM pg_tables"
				   " WHERE schemaname = 'public'"), 0);
}

static void test_too_new_refused(void **state)
{
	struct fixture *f = fixture(state);
	char *err;

	open_store(f);
	pg_test_exec(f->raw, "UPDATE intake_schema SET version = 11");
	msg_set_language(LANG_EN);
	assert_null(open_as(f, STORE_WRITE, STORE_TOO_NEW, &err));
	assert_contains(err, "schema version 11, newer than this intake "
			     "knows (10)");
	free(err);
	assert_null(open_as(f, STORE_CREATE, STORE_TOO_NEW, NULL));
}

static void test_foreign_refused(void **state)
{
	struct fixture *f = fixture(state);
	char *err;

	pg_test_exec(f->raw, "CREATE TABLE customers (id int)");
	msg_set_language(LANG_EN);
	assert_null(open_as(f, STORE_WRITE, STORE_FOREIGN, &err));
	assert_contains(err, "no intake schema version");
	free(err);
	assert_null(open_as(f, STORE_CREATE, STORE_REFUSED, NULL));
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM pg_tables"
				   " WHERE schemaname = 'public'"), 1);
}

/* A server that is not there: STORE_UNAVAILABLE, and the message names
 * the database but never the password of the URI. */
static void test_unreachable_hides_password(void **state)
{
	struct store *store = NULL;
	enum store_status status;
	char *err;

	if (!base_uri)
		skip();
	msg_set_language(LANG_EN);
	capture_stderr();
	status = pg_store_open(&store, "postgresql://clerk:s3cr3t@/intake"
				       "?host=/nonexistent/socket"
				       "&password=s3cr3t",
			       STORE_WRITE);
	err = captured();
	assert_int_equal(status, STORE_UNAVAILABLE);
	assert_null(store);
	assert_contains(err, "cannot reach the PostgreSQL server");
	assert_contains(err, "'postgresql://clerk@/intake?host=");
	if (strstr(err, "s3cr3t"))
		fail_msg("the password is in the message:\n%s", err);
	free(err);
}

/* A URI libpq cannot read: said, with what libpq found wrong. */
static void test_bad_uri_refused(void **state)
{
	struct store *store = NULL;
	enum store_status status;
	char *err;

	if (!base_uri)
		skip();
	msg_set_language(LANG_EN);
	capture_stderr();
	status = pg_store_open(&store, "postgresql:///intake?colour=blue",
			       STORE_WRITE);
	err = captured();
	assert_int_equal(status, STORE_FOREIGN);
	assert_null(store);
	assert_contains(err, "invalid database URI");
	assert_contains(err, "colour");
	free(err);
}

/* Cases. */

static void test_receipts_in_order(void **state)
{
	struct fixture *f = fixture(state);
	struct store_application app;
	char *receipt;
	int i;

	open_store(f);
	for (i = 1; i <= 3; i++) {
		char want[32];

		receipt = add_case(f->store, 20260501, answers, 4);
		snprintf(want, sizeof(want), "UIJ-2026-%06d", i);
		assert_non_null(receipt);
		assert_string_equal(receipt, want);
		free(receipt);
	}
	/* March is the fiscal year before */
	receipt = add_case(f->store, 20270331, answers, 4);
	assert_string_equal(receipt, "UIJ-2026-000004");
	free(receipt);
	receipt = add_case(f->store, 20270401, answers, 4);
	assert_string_equal(receipt, "UIJ-2027-000001");
	free(receipt);
	assert_int_equal(store_get_application(f->store, "UIJ-2026-000002",
			    &app), 0);
	assert_string_equal(app.programme, "uij_turn");
	assert_int_equal(app.received_on, 20260501);
	assert_string_equal(app.status, "received");
	assert_int_equal(app.n_answers, 4);
	for (i = 0; i < 4; i++) {
		assert_string_equal(app.answers[i].field, answers[i].field);
		assert_string_equal(app.answers[i].value, answers[i].value);
	}
	store_application_release(&app);
	assert_int_equal(store_get_application(f->store, "UIJ-2026-000099",
			    &app), 1);
	assert_int_equal(store_application_count(f->store), 5);
	/* the search keys of name and kana, as SQLite writes them */
	assert_int_equal(pg_test_count(f->raw, "SELECT count(DISTINCT"
				   " application_id) FROM search_keys"
				   " WHERE kind = 'name' AND key LIKE '太郎%'"),
			 5);
}

/* Outcomes and their counts. */

/* outcome_counts as the live outcomes give it (SQLite's migration 10
 * computes the same), compared row by row with the table. */
static const char recount_sql[] =
	"WITH live AS (SELECT programme, application_id AS app, code,"
	" occurred_on, amount, substr(occurred_on, 1, 4)::int"
	" - (substr(occurred_on, 6, 2) < '04')::int AS fy"
	" FROM outcomes WHERE voided_at IS NULL),"
	" firsts AS (SELECT programme, code, month, count(*) AS n FROM"
	" (SELECT programme, code, substr(min(occurred_on), 1, 7) AS month"
	" FROM live GROUP BY programme, app, code, fy) x"
	" GROUP BY programme, code, month),"
	" events AS (SELECT programme, substr(occurred_on, 1, 7) AS month,"
	" code, count(*) AS count, count(DISTINCT app) AS people,"
	" coalesce(sum(amount), 0) AS amount, count(amount) AS amounts"
	" FROM live GROUP BY 1, 2, 3),"
	" want AS (SELECT e.programme, e.month, e.code, e.count, e.people,"
	" coalesce(f.n, 0) AS first_people, e.amount, e.amounts"
	" FROM events e LEFT JOIN firsts f ON f.programme = e.programme"
	" AND f.month = e.month AND f.code = e.code),"
	" have AS (SELECT programme, month, code, count, people,"
	" first_people, amount, amounts FROM outcome_counts)"
	" SELECT count(*) FROM ((SELECT * FROM want EXCEPT SELECT * FROM have)"
	" UNION ALL (SELECT * FROM have EXCEPT SELECT * FROM want)) d";

static int record(struct store *store, long long id, const char *code,
		  long on, int once, long long amount)
{
	struct store_new_outcome o = { 0 };

	o.application_id = id;
	o.code = code;
	o.occurred_on = on;
	o.once = once;
	o.staff = "sato";
	o.has_amount = amount > 0;
	o.amount = amount;
	return store_add_outcome(store, &o);
}

/* Writers on separate connections, each in its own process. */
#define WRITERS 8
#define ADDS_EACH 10

/* ADDS_EACH cases, and on each of the three cases the test took
 * first a consultation and an attempt at "employed" (once). */
static void writer(const char *uri, int n)
{
	struct store *store = NULL;
	char *receipt;
	int i;

	if (pg_store_open(&store, uri, STORE_WRITE))
		_exit(2);
	for (i = 0; i < ADDS_EACH; i++) {
		receipt = add_case(store, 20260601, answers, 4);
		if (!receipt)
			_exit(1);
		free(receipt);
		if (i < 3 && (record(store, i + 1, "consulted",
				     20260601 + n, 0, 0) ||
			      record(store, i + 1, "employed", 20260615 + n,
				     1, 1000) < 0))
			_exit(3);
	}
	store_close(store);
	_exit(0);
}

static void test_concurrent_receipts_gap_free(void **state)
{
	struct fixture *f = fixture(state);
	struct store_audit_check check;
	pid_t pids[WRITERS];
	int i, status;

	open_store(f);
	for (i = 0; i < 3; i++)
		free(add_case(f->store, 20260501, answers, 4));
	fflush(NULL);
	for (i = 0; i < WRITERS; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (!pids[i])
			writer(f->uri, i);
	}
	for (i = 0; i < WRITERS; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(pg_test_count(f->raw, "SELECT count(DISTINCT receipt)"
				   " FROM applications"
				   " WHERE received_on = '2026-06-01'"),
			 WRITERS * ADDS_EACH);
	assert_int_equal(pg_test_count(f->raw, "SELECT max(right(receipt, 6)"
				   "::int) FROM applications"),
			 3 + WRITERS * ADDS_EACH);
	assert_int_equal(pg_test_count(f->raw, "SELECT last FROM"
				   " receipt_sequences"),
			 3 + WRITERS * ADDS_EACH);
	/* each case employed once, whoever came first; counts exact */
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM outcomes"
				   " WHERE code = 'employed'"), 3);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM outcomes"
				   " WHERE code = 'consulted'"), 3 * WRITERS);
	assert_int_equal(pg_test_count(f->raw, recount_sql), 0);
	/* one chain: every writer's rows in it, each after the last */
	assert_int_equal(store_audit_verify(f->store, &check), 0);
	assert_int_equal(check.first_bad, 0);
	assert_int_equal(check.rows, 3 + WRITERS * ADDS_EACH +
				     3 * WRITERS + 3);
}

static void test_failed_add_leaves_nothing(void **state)
{
	struct fixture *f = fixture(state);
	static const struct store_answer twice[] = {
		{ "name", "青森 太郎" },
		{ "phone", "0171234567" },
		{ "phone", "0179999999" }, /* the primary key refuses it */
	};
	char *receipt, *err;

	open_store(f);
	free(add_case(f->store, 20260501, answers, 4));
	msg_set_language(LANG_EN);
	capture_stderr();
	receipt = add_case(f->store, 20260501, twice, 3);
	err = captured();
	assert_null(receipt);
	assert_int_equal(store_status(f->store), STORE_INTERNAL);
	assert_contains(err, "intake: database");
	assert_contains(err, "duplicate key");
	free(err);
	assert_int_equal(store_application_count(f->store), 1);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM answers"), 4);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
				   " search_keys WHERE application_id <> 1"),
			 0);
	assert_int_equal(store_audit_count(f->store), 1);
	/* the number went back with the rollback */
	receipt = add_case(f->store, 20260501, answers, 4);
	assert_string_equal(receipt, "UIJ-2026-000002");
	free(receipt);
}

static void test_outcomes_keep_counts(void **state)
{
	struct fixture *f = fixture(state);
	struct store_application app;
	int i;

	open_store(f);
	for (i = 0; i < 4; i++)
		free(add_case(f->store, 20260501, answers, 4));
	assert_int_equal(record(f->store, 1, "consulted", 20260510, 0, 0), 0);
	assert_int_equal(record(f->store, 1, "consulted", 20260520, 0, 0), 0);
	assert_int_equal(record(f->store, 1, "consulted", 20260610, 0, 0), 0);
	assert_int_equal(record(f->store, 2, "consulted", 20260610, 0, 0), 0);
	assert_int_equal(record(f->store, 2, "employed", 20260701, 1,
				600000), 0);
	assert_int_equal(record(f->store, 2, "employed", 20260702, 1, 0), 1);
	assert_int_equal(record(f->store, 3, "employed", 20270310, 1,
				300000), 0);
	assert_int_equal(record(f->store, 3, "consulted", 20270415, 0, 0), 0);
	assert_int_equal(pg_test_count(f->raw, recount_sql), 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT count FROM outcome_counts"
				   " WHERE month = '2026-05'"
				   " AND code = 'consulted'"), 2);
	assert_int_equal(pg_test_count(f->raw, "SELECT people FROM outcome_counts"
				   " WHERE month = '2026-05'"
				   " AND code = 'consulted'"), 1);
	assert_int_equal(pg_test_count(f->raw, "SELECT first_people FROM"
				   " outcome_counts WHERE month = '2026-06'"
				   " AND code = 'consulted'"), 1);
	assert_int_equal(pg_test_count(f->raw, "SELECT amount FROM outcome_counts"
				   " WHERE code = 'employed'"
				   " AND month = '2026-07'"), 600000);
	assert_int_equal(store_get_application(f->store, "UIJ-2026-000002",
			    &app), 0);
	assert_string_equal(app.status, "employed");
	assert_int_equal(app.n_outcomes, 2);
	assert_true(app.outcomes[1].has_amount);
	assert_int_equal(app.outcomes[1].amount, 600000);
	store_application_release(&app);
	/* void: the counts go down, the status goes back */
	assert_int_equal(store_void_outcome(f->store, 2, 5, "sato", "typo"), 0);
	assert_int_equal(store_void_outcome(f->store, 2, 5, "sato", "typo"), 1);
	assert_int_equal(store_void_outcome(f->store, 1, 4, "sato", "x"), 1);
	assert_int_equal(pg_test_count(f->raw, recount_sql), 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
				   " outcome_counts WHERE code = 'employed'"
				   " AND month = '2026-07'"), 0);
	assert_int_equal(store_void_outcome(f->store, 1, 1, "sato", "x"), 0);
	assert_int_equal(pg_test_count(f->raw, recount_sql), 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT first_people FROM"
				   " outcome_counts WHERE month = '2026-05'"
				   " AND code = 'consulted'"), 1);
	assert_int_equal(store_get_application(f->store, "UIJ-2026-000002",
			    &app), 0);
	assert_string_equal(app.status, "consulted");
	assert_non_null(app.outcomes[1].voided_at);
	store_application_release(&app);
	/* once again allowed after the void */
	assert_int_equal(record(f->store, 2, "employed", 20260801, 1, 0), 0);
	assert_int_equal(pg_test_count(f->raw, recount_sql), 0);
}

static int collect_history(const struct store_history *row, void *context)
{
	struct strbuf *out = context;

	strbuf_addf(out, "%s %s\n", row->action,
		    row->after ? row->after : "-");
	return 0;
}

static void test_casework(void **state)
{
	struct fixture *f = fixture(state);
	struct store_change change = { "phone", "0171234567", "0179876543" };
	struct store_amendment amendment = { 1, &change, 1, "sato", "typo" };
	struct store_application app;
	struct strbuf history = STRBUF_INIT;

	open_store(f);
	free(add_case(f->store, 20260501, answers, 4));
	assert_int_equal(store_amend(f->store, &amendment), 0);
	assert_int_equal(store_set_withdrawn(f->store, 1, 1, "sato", "moved"),
			 0);
	assert_int_equal(store_set_withdrawn(f->store, 1, 1, "sato", "again"),
			 1);
	assert_int_equal(store_add_note(f->store, 1, "sato", "called back"), 0);
	assert_int_equal(store_get_application(f->store, "UIJ-2026-000001",
			    &app), 0);
	assert_string_equal(app.status, "withdrawn");
	assert_string_equal(app.answers[2].value, "0179876543");
	assert_int_equal(app.n_notes, 1);
	assert_string_equal(app.notes[0].text, "called back");
	store_application_release(&app);
	assert_int_equal(store_set_withdrawn(f->store, 1, 0, "sato", "back"), 0);
	assert_int_equal(store_history(f->store, 1, collect_history, &history),
			 0);
	assert_string_equal(strbuf_str(&history),
			    "add {\"receipt\":\"UIJ-2026-000001\","
			    "\"programme\":\"uij_turn\","
			    "\"received_on\":\"2026-05-01\",\"answers\":"
			    "{\"name\":\"青森 太郎\",\"name_kana\":"
			    "\"アオモリ タロウ\",\"phone\":\"0171234567\","
			    "\"birth_date\":\"1990-04-01\"}}\n"
			    "amend {\"phone\": \"0179876543\", "
			    "\"reason\": \"typo\"}\n"
			    "withdraw {\"reason\": \"moved\"}\n"
			    "note {\"note\": \"called back\"}\n"
			    "reopen {\"reason\": \"back\"}\n");
	strbuf_release(&history);
	/* notes are append-only too */
	assert_false(pg_test_ok(f->raw, "UPDATE case_notes SET text = 'x'"));
	assert_false(pg_test_ok(f->raw, "DELETE FROM case_notes"));
}

/* The audit. */

static void test_audit_chain(void **state)
{
	struct fixture *f = fixture(state);
	struct store_audit_check check;
	const char *pairs[2] = { "page", "/users" };
	char head[65], *hash;

	open_store(f);
	free(add_case(f->store, 20260501, answers, 4));
	free(add_case(f->store, 20260502, answers, 4));
	assert_int_equal(record(f->store, 1, "consulted", 20260510, 0, 0), 0);
	assert_int_equal(store_audit_event(f->store, "sato", "refused", pairs,
			    1), 0);
	assert_int_equal(store_audit_verify(f->store, &check), 0);
	assert_int_equal(check.rows, 4);
	assert_int_equal(check.first_bad, 0);
	assert_false(check.triggers_missing);
	assert_int_equal(store_audit_head(f->store, head), 0);
	assert_string_equal(head, check.head);
	assert_int_equal(store_audit_has(f->store, head), 1);
	assert_int_equal(store_audit_has(f->store, "00"), 0);
	/* the role intake connects as cannot change or remove a row */
	assert_false(pg_test_ok(f->raw, "UPDATE audit SET staff = 'x'"));
	assert_false(pg_test_ok(f->raw, "DELETE FROM audit WHERE id = 4"));
	assert_false(pg_test_ok(f->raw, "TRUNCATE audit"));
	assert_false(pg_test_ok(f->raw, "INSERT INTO audit (id, at, action,"
			    " hash) VALUES (5, 'now', 'forged', 'abc')"));
	assert_int_equal(store_audit_count(f->store), 4);
	/* as owner it can switch a trigger off: verify says so, and finds
	 * the row changed */
	pg_test_exec(f->raw, "ALTER TABLE audit DISABLE TRIGGER audit_no_update");
	pg_test_exec(f->raw, "UPDATE audit SET staff = 'mallory' WHERE id = 2");
	assert_int_equal(store_audit_verify(f->store, &check), 0);
	assert_int_equal(check.first_bad, 2);
	assert_true(check.triggers_missing);
	hash = pg_test_value(f->raw, "SELECT hash FROM audit WHERE id = 1");
	assert_int_equal(strlen(hash), 64);
	free(hash);
}

/* A connection the server ends: the next call fails as unavailable,
 * the one after reconnects and works. */
static void test_lost_connection(void **state)
{
	struct fixture *f = fixture(state);
	char *sql, *receipt, *err;

	open_store(f);
	free(add_case(f->store, 20260501, answers, 4));
	sql = xstrfmt("SELECT pg_terminate_backend(%d)",
		      PQbackendPID(pg_of(f->store)->conn));
	pg_test_exec(f->raw, sql);
	free(sql);
	usleep(100000);
	msg_set_language(LANG_EN);
	capture_stderr();
	receipt = add_case(f->store, 20260501, answers, 4);
	err = captured();
	assert_null(receipt);
	assert_int_equal(store_status(f->store), STORE_UNAVAILABLE);
	assert_contains(err, "was lost");
	free(err);
	assert_int_equal(store_application_count(f->store), 1);
	receipt = add_case(f->store, 20260501, answers, 4);
	assert_non_null(receipt);
	assert_string_equal(receipt, "UIJ-2026-000002");
	free(receipt);
}

/* SQLite beside it: the same schema, and a chain that verifies. */

/* A new SQLite database in a scratch directory (*dir to remove). */
static struct store *sqlite_beside(char **dir)
{
	struct store *store = NULL;
	char *path;

	*dir = scratch_make("test_pg");
	assert_non_null(*dir);
	path = path_join(*dir, "intake.db");
	assert_int_equal(store_open(&store, path, STORE_CREATE), STORE_OK);
	free(path);
	return store;
}

/* The rows sql selects from the SQLite database, one line each. */
static char *sqlite_lines(struct store *store, const char *sql)
{
	struct strbuf out = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;

	assert_int_equal(sqlite3_prepare_v2(store_db(store), sql, -1, &stmt,
					    NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_addf(&out, "%s\n", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return strbuf_detach(&out);
}

static char *raw_lines(PGconn *conn, const char *sql)
{
	struct strbuf out = STRBUF_INIT;
	PGresult *res = PQexec(conn, sql);
	int i;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
	for (i = 0; i < PQntuples(res); i++)
		strbuf_addf(&out, "%s\n", PQgetvalue(res, i, 0));
	PQclear(res);
	return strbuf_detach(&out);
}

static void same_lines(char *got, char *want)
{
	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void test_schema_as_sqlite(void **state)
{
	struct fixture *f = fixture(state);
	struct store *lite;
	char *dir;

	open_store(f);
	lite = sqlite_beside(&dir);
	/* every table and column of SQLite's version 10; PostgreSQL adds
	 * answers.seq (for rowid) and intake_schema (user_version) */
	same_lines(raw_lines(f->raw,
			     "SELECT (table_name || '.' || column_name)::text"
			     " COLLATE \"C\" AS c"
			     " FROM information_schema.columns"
			     " WHERE table_schema = 'public'"
			     " AND table_name <> 'intake_schema'"
			     " AND (table_name, column_name)"
			     " <> ('answers', 'seq') ORDER BY c"),
		   sqlite_lines(lite,
				"SELECT m.name || '.' || p.name"
				" FROM sqlite_schema m,"
				" pragma_table_info(m.name) p"
				" WHERE m.type = 'table' ORDER BY 1"));
	/* and every index by its name */
	same_lines(raw_lines(f->raw,
			     "SELECT indexname::text COLLATE \"C\" AS c"
			     " FROM pg_indexes"
			     " WHERE schemaname = 'public'"
			     " AND indexname NOT LIKE '%\\_pkey'"
			     " AND indexname NOT LIKE '%\\_key'"
			     " AND indexname <> 'intake_schema_one'"
			     " ORDER BY c"),
		   sqlite_lines(lite,
				"SELECT name FROM sqlite_schema"
				" WHERE type = 'index'"
				" AND name NOT LIKE 'sqlite_autoindex%'"
				" ORDER BY 1"));
	store_close(lite);
	scratch_remove(dir);
	free(dir);
}

/* Copy the rows sql selects from SQLite into table of PostgreSQL. */
static void copy_rows(struct store *lite, PGconn *conn, const char *select,
		      const char *insert, int n)
{
	sqlite3_stmt *stmt = NULL;
	const char *values[16];
	PGresult *res;
	int i;

	assert_int_equal(sqlite3_prepare_v2(store_db(lite), select, -1,
					    &stmt, NULL), SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		for (i = 0; i < n; i++)
			values[i] = (const char *)sqlite3_column_text(stmt, i);
		res = PQexecParams(conn, insert, n, NULL, values, NULL, NULL,
				   0);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			fail_msg("%s: %s", insert, PQerrorMessage(conn));
		PQclear(res);
	}
	sqlite3_finalize(stmt);
}

static void test_chain_from_sqlite_verifies(void **state)
{
	struct fixture *f = fixture(state);
	struct store_audit_check lite_check, check;
	struct store *lite;
	char *dir;

	open_store(f);
	lite = sqlite_beside(&dir);
	free(add_case(lite, 20260501, answers, 4));
	free(add_case(lite, 20260502, answers, 4));
	assert_int_equal(record(lite, 1, "employed", 20260601, 1, 500000), 0);
	assert_int_equal(store_add_note(lite, 2, "sato", "「電話」\n済"), 0);
	assert_int_equal(store_audit_verify(lite, &lite_check), 0);
	assert_int_equal(lite_check.first_bad, 0);
	copy_rows(lite, f->raw,
		  "SELECT id, receipt, programme, form_version, received_on,"
		  " created_at, updated_at FROM applications ORDER BY id",
		  "INSERT INTO applications (id, receipt, programme,"
		  " form_version, received_on, created_at, updated_at)"
		  " VALUES ($1, $2, $3, $4, $5, $6, $7)", 7);
	copy_rows(lite, f->raw,
		  "SELECT " AUDIT_COLUMNS ", hash FROM audit ORDER BY id",
		  "INSERT INTO audit (" AUDIT_COLUMNS ", hash)"
		  " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)", 8);
	assert_int_equal(store_audit_verify(f->store, &check), 0);
	assert_int_equal(check.rows, lite_check.rows);
	assert_int_equal(check.first_bad, 0);
	assert_string_equal(check.head, lite_check.head);
	/* and the chain goes on from there */
	assert_int_equal(record(f->store, 2, "employed", 20260602, 1, 0), 0);
	assert_int_equal(store_audit_verify(f->store, &check), 0);
	assert_int_equal(check.rows, lite_check.rows + 1);
	assert_int_equal(check.first_bad, 0);
	store_close(lite);
	scratch_remove(dir);
	free(dir);
}

/* A transaction cut half-way: the add waits on a lock after writing
 * its application and answers, its connection is killed, and nothing
 * of it is left. */
static void test_cut_half_way_leaves_nothing(void **state)
{
	struct fixture *f = fixture(state);
	PGconn *blocker;
	pid_t child;
	int status, waited;
	char *sql, *err;
	char *err_path = xstrfmt("/tmp/test_pg_child.%ld", (long)getpid());

	msg_set_language(LANG_EN);
	open_store(f);
	free(add_case(f->store, 20260501, answers, 4));
	blocker = pg_test_connect(f->name);
	pg_test_exec(blocker, "BEGIN");
	pg_test_exec(blocker, "LOCK TABLE audit IN ACCESS EXCLUSIVE MODE");
	fflush(NULL);
	child = fork();
	assert_true(child >= 0);
	if (!child) {
		char *receipt;

		if (!freopen(err_path, "w", stderr))
			_exit(2);
		store_close(f->store); /* the child's own connection */
		f->store = NULL;
		if (pg_store_open(&f->store, f->uri, STORE_WRITE))
			_exit(1);
		receipt = add_case(f->store, 20260501, answers, 4);
		fflush(stderr);
		_exit(receipt ? 0 : 10 + store_status(f->store));
	}
	/* the child's add waits for the audit: its rows are written */
	for (waited = 0; waited < 100; waited++) {
		if (pg_test_count(f->raw, "SELECT count(*) FROM pg_stat_activity"
				      " WHERE wait_event_type = 'Lock'"
				      " AND query LIKE '%audit%'"))
			break;
		usleep(50000);
	}
	assert_true(waited < 100);
	sql = xstrfmt("SELECT pg_terminate_backend(pid) FROM"
		      " pg_stat_activity WHERE wait_event_type = 'Lock'"
		      " AND datname = '%s'", f->name);
	pg_test_exec(f->raw, sql);
	free(sql);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 10 + STORE_UNAVAILABLE);
	err = slurp(err_path);
	unlink(err_path);
	free(err_path);
	assert_contains(err, "was lost");
	assert_contains(err, "nothing of this step was stored");
	free(err);
	pg_test_exec(blocker, "COMMIT");
	PQfinish(blocker);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
				   " applications"), 1);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM answers"), 4);
	assert_int_equal(pg_test_count(f->raw, "SELECT last FROM"
				   " receipt_sequences"), 1);
}

/* A lock held past INTAKE_BUSY_SECONDS: STORE_BUSY, nothing stored. */
static void test_lock_timeout_is_busy(void **state)
{
	struct fixture *f = fixture(state);
	PGconn *blocker;
	char *receipt, *err;

	setenv("INTAKE_BUSY_SECONDS", "1", 1);
	open_store(f);
	unsetenv("INTAKE_BUSY_SECONDS");
	free(add_case(f->store, 20260501, answers, 4));
	blocker = pg_test_connect(f->name);
	pg_test_exec(blocker, "BEGIN");
	pg_test_exec(blocker, "SELECT * FROM receipt_sequences FOR UPDATE");
	msg_set_language(LANG_EN);
	capture_stderr();
	receipt = add_case(f->store, 20260501, answers, 4);
	err = captured();
	assert_null(receipt);
	assert_int_equal(store_status(f->store), STORE_BUSY);
	assert_contains(err, "another process has held a lock for 1 seconds");
	free(err);
	pg_test_exec(blocker, "COMMIT");
	PQfinish(blocker);
	receipt = add_case(f->store, 20260501, answers, 4);
	assert_string_equal(receipt, "UIJ-2026-000002");
	free(receipt);
}

/* store_list: filters, answers and outcomes walked beside. */
static int collect_list(const struct store_application *app, void *context)
{
	struct strbuf *out = context;
	size_t i;

	strbuf_addf(out, "%s %s %ld", app->receipt, app->status,
		    app->received_on);
	for (i = 0; i < app->n_answers; i++)
		strbuf_addf(out, " %s=%s", app->answers[i].field,
			    app->answers[i].value);
	for (i = 0; i < app->n_outcomes; i++)
		strbuf_addf(out, " [%s %ld%s]", app->outcomes[i].code,
			    app->outcomes[i].occurred_on,
			    app->outcomes[i].voided_at ? " void" : "");
	strbuf_addch(out, '\n');
	return 0;
}

static char *list_of(struct store *store, const struct store_filter *filter)
{
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(store_list(store, filter, collect_list, &out), 0);
	return strbuf_detach(&out);
}

static int stop_at_second(const struct store_application *app,
			  void *context)
{
	return ++*(int *)context == 2 ? 7 : 0;
}

static void test_list(void **state)
{
	struct fixture *f = fixture(state);
	static const struct store_answer one[] = { { "name", "A" } };
	struct store_filter filter = { 0 };
	char *text;
	int i, seen = 0;

	open_store(f);
	free(add_case(f->store, 20260501, one, 1));
	free(add_case(f->store, 20260615, answers, 2));
	free(add_case(f->store, 20260620, NULL, 0));
	assert_int_equal(record(f->store, 2, "consulted", 20260616, 0, 0), 0);
	assert_int_equal(record(f->store, 2, "employed", 20260701, 1, 0), 0);
	assert_int_equal(record(f->store, 3, "consulted", 20260621, 0, 0), 0);
	assert_int_equal(store_void_outcome(f->store, 3, 3, "sato", "x"), 0);
	text = list_of(f->store, NULL);
	assert_string_equal(text, "UIJ-2026-000001 received 20260501\n"
				  "UIJ-2026-000002 employed 20260615\n"
				  "UIJ-2026-000003 received 20260620\n");
	free(text);
	filter.month = 202606;
	filter.with_answers = 1;
	filter.with_outcomes = 1;
	text = list_of(f->store, &filter);
	assert_string_equal(text,
			    "UIJ-2026-000002 employed 20260615"
			    " name=青森 太郎 name_kana=アオモリ タロウ"
			    " [consulted 20260616] [employed 20260701]\n"
			    "UIJ-2026-000003 received 20260620"
			    " [consulted 20260621 void]\n");
	free(text);
	memset(&filter, 0, sizeof(filter));
	filter.status = "employed";
	filter.programme = "uij_turn";
	text = list_of(f->store, &filter);
	assert_string_equal(text, "UIJ-2026-000002 employed 20260615\n");
	free(text);
	filter.programme = "kigyo_shien";
	text = list_of(f->store, &filter);
	assert_string_equal(text, "");
	free(text);
	/* more rows than a fetch: every one, in order, once */
	for (i = 0; i < PG_FETCH_ROWS + 5; i++)
		free(add_case(f->store, 20260801, answers, 4));
	memset(&filter, 0, sizeof(filter));
	filter.month = 202608;
	filter.with_answers = 1;
	filter.with_outcomes = 1;
	text = list_of(f->store, &filter);
	for (i = 0; i < PG_FETCH_ROWS + 5; i++) {
		char want[256];

		snprintf(want, sizeof(want), "UIJ-2026-%06d received 20260801"
			 " name=青森 太郎 name_kana=アオモリ タロウ"
			 " phone=0171234567 birth_date=1990-04-01\n", i + 4);
		assert_contains(text, want);
	}
	assert_int_equal(strlen(text), (PG_FETCH_ROWS + 5) *
				       (strlen("UIJ-2026-000004 received "
					       "20260801 name=青森 太郎 "
					       "name_kana=アオモリ タロウ "
					       "phone=0171234567 "
					       "birth_date=1990-04-01\n")));
	free(text);
	/* fn stops the walk: its value comes back */
	assert_int_equal(store_list(f->store, NULL, stop_at_second, &seen), 7);
	assert_int_equal(seen, 2);
}

static void test_links_and_drafts(void **state)
{
	struct fixture *f = fixture(state);
	struct store_new_application app = { 0 };
	struct store_application got;
	char *receipt = NULL, *err;

	open_store(f);
	free(add_case(f->store, 20260501, answers, 4));
	pg_test_exec(f->raw, "INSERT INTO drafts (id, programme, started_at,"
			 " updated_at) VALUES (5, 'uij_turn', 'x', 'x')");
	pg_test_exec(f->raw, "INSERT INTO draft_answers VALUES"
			 " (5, 1, 'name', 'B')");
	app.programme = "jigyo_shokei";
	app.receipt_prefix = "JGS";
	app.form_version = 1;
	app.received_on = 20260601;
	app.staff = "sato";
	app.answers = answers;
	app.n_answers = 1;
	app.draft_id = 5;
	app.link_receipt = "UIJ-2026-000001";
	app.link_note = "継業";
	assert_int_equal(store_add_application(f->store, &app, &receipt), 0);
	assert_string_equal(receipt, "JGS-2026-000001");
	free(receipt);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM drafts"), 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
				   " draft_answers"), 0);
	assert_int_equal(store_get_application(f->store, "UIJ-2026-000001",
					       &got), 0);
	assert_int_equal(got.n_links, 1);
	assert_string_equal(got.links[0].receipt, "JGS-2026-000001");
	assert_string_equal(got.links[0].programme, "jigyo_shokei");
	assert_string_equal(got.links[0].note, "継業");
	store_application_release(&got);
	/* a draft gone, or a link to nothing: refused, nothing stored */
	msg_set_language(LANG_EN);
	capture_stderr();
	assert_int_equal(store_add_application(f->store, &app, &receipt), -1);
	app.draft_id = 0;
	app.link_receipt = "UIJ-2026-000099";
	assert_int_equal(store_add_application(f->store, &app, &receipt), -1);
	err = captured();
	assert_contains(err, "draft 5 no longer exists");
	assert_contains(err, "no application 'UIJ-2026-000099' to link to");
	free(err);
	assert_int_equal(store_application_count(f->store), 2);
	assert_int_equal(pg_test_count(f->raw, "SELECT last FROM"
				   " receipt_sequences WHERE programme ="
				   " 'jigyo_shokei'"), 1);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM audit"
				   " WHERE action = 'link'"), 1);
}

/* pg_write: a transaction the server aborts as a serialization failure
 * or deadlock runs again from the start, quietly, up to PG_ATTEMPTS. */
struct flaky {
	int attempts, fail_until;
	const char *state;
};

static int flaky_body(struct pg_store *pg, void *context)
{
	struct flaky *flaky = context;
	char *sql;
	int ret;

	flaky->attempts++;
	if (pg_run(pg, "INSERT INTO draft_ids VALUES (42)", NULL) < 0)
		return -1;
	if (flaky->attempts > flaky->fail_until)
		return 0;
	sql = xstrfmt("DO $$ BEGIN RAISE EXCEPTION 'flaky'"
		      " USING ERRCODE = '%s'; END $$", flaky->state);
	ret = pg_run(pg, sql, NULL);
	free(sql);
	return ret;
}

static void test_aborted_transactions_retried(void **state)
{
	struct fixture *f = fixture(state);
	struct flaky flaky = { 0, 2, "40001" };
	char *err;

	open_store(f);
	msg_set_language(LANG_EN);
	capture_stderr();
	assert_int_equal(pg_write(pg_of(f->store), flaky_body, &flaky), 0);
	flaky = (struct flaky){ 0, 1, "40P01" };
	assert_int_equal(pg_write(pg_of(f->store), flaky_body, &flaky), 0);
	err = captured();
	assert_string_equal(err, "");
	free(err);
	assert_int_equal(flaky.attempts, 2);
	assert_int_equal(store_status(f->store), STORE_OK);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM draft_ids"
				   " WHERE last = 42"), 2);
	/* one that never goes through: said once, nothing kept */
	flaky = (struct flaky){ 0, 99, "40001" };
	capture_stderr();
	assert_int_equal(pg_write(pg_of(f->store), flaky_body, &flaky), -1);
	err = captured();
	assert_int_equal(flaky.attempts, PG_ATTEMPTS);
	assert_contains(err, "flaky");
	assert_null(strstr(strstr(err, "flaky") + 1, "flaky"));
	free(err);
	assert_int_equal(store_status(f->store), STORE_BUSY);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM draft_ids"
				   " WHERE last = 42"), 2);
	/* any other failure is not tried again */
	flaky = (struct flaky){ 0, 99, "23505" };
	capture_stderr();
	assert_int_equal(pg_write(pg_of(f->store), flaky_body, &flaky), -1);
	free(captured());
	assert_int_equal(flaky.attempts, 1);
	assert_int_equal(store_status(f->store), STORE_INTERNAL);
}

/* intake migrate into PostgreSQL: store_copy from an SQLite database. */
static void say_problem(const char *problem, void *context)
{
	fail_msg("refused: %s", problem);
}

static void test_migrate_from_sqlite(void **state)
{
	struct fixture *f = fixture(state);
	struct store_new_account account = { "clerk", "counter", "aomori",
					     "ja", "$argon2id$x", "admin" };
	struct store_copy_result result;
	struct store_audit_check check;
	struct store *lite;
	long long draft = 0;
	char *dir, *receipt;
	int i;

	open_store(f);
	lite = sqlite_beside(&dir);
	for (i = 0; i < 3; i++)
		free(add_case(lite, 20260501 + i, answers, 4));
	assert_int_equal(record(lite, 1, "consulted", 20260510, 0, 0), 0);
	assert_int_equal(record(lite, 1, "employed", 20260601, 1, 900000), 0);
	assert_int_equal(record(lite, 2, "employed", 20260602, 1, 0), 0);
	assert_int_equal(store_void_outcome(lite, 2, 3, "sato", "typo"), 0);
	assert_int_equal(store_add_note(lite, 3, "sato", "memo"), 0);
	assert_int_equal(store_account_add(lite, &account), 0);
	assert_int_equal(store_draft_create(lite, "uij_turn", "sato", &draft),
			 0);
	assert_int_equal(store_copy(lite, f->store, "intake.db", "admin",
				    say_problem, NULL, &result), 0);
	assert_int_equal(result.cases, 3);
	assert_int_equal(result.outcomes, 3);
	assert_true(result.verbatim);
	assert_int_equal(store_audit_verify(f->store, &check), 0);
	assert_int_equal(check.first_bad, 0);
	assert_string_equal(check.head, result.head);
	assert_int_equal(pg_test_count(f->raw, recount_sql), 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
				   " search_keys WHERE kind = 'kana'"), 3 * 2);
	assert_int_equal(pg_test_count(f->raw, "SELECT last FROM draft_ids"),
			 draft);
	/* cases taken after go on from the copied ones */
	receipt = add_case(f->store, 20260701, answers, 4);
	assert_string_equal(receipt, "UIJ-2026-000004");
	free(receipt);
	assert_int_equal(record(f->store, 4, "consulted", 20260702, 0, 0), 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT max(id) FROM outcomes"), 4);
	assert_int_equal(store_add_note(f->store, 4, "sato", "x"), 0);
	/* run again: nothing copied twice */
	assert_int_equal(store_copy(lite, f->store, "intake.db", "admin",
				    say_problem, NULL, &result), 0);
	assert_int_equal(result.cases, 0);
	assert_int_equal(result.cases_present, 3);
	assert_int_equal(store_application_count(f->store), 4);
	assert_int_equal(store_audit_verify(f->store, &check), 0);
	assert_int_equal(check.first_bad, 0);
	store_close(lite);
	scratch_remove(dir);
	free(dir);
}

/* A batch of writes: each a savepoint, or one failure fails it all. */
static void test_batches(void **state)
{
	struct fixture *f = fixture(state);
	static const struct store_answer twice[] = {
		{ "phone", "1" }, { "phone", "2" },
	};
	char *receipt;

	open_store(f);
	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_SAVEPOINTS),
			 0);
	free(add_case(f->store, 20260501, answers, 4));
	capture_stderr();
	assert_null(add_case(f->store, 20260501, twice, 2));
	free(captured());
	receipt = add_case(f->store, 20260501, answers, 4);
	assert_string_equal(receipt, "UIJ-2026-000002");
	free(receipt);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
				   " applications"), 0); /* not yet */
	assert_int_equal(store_batch_end(f->store, 1), 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
				   " applications"), 2);
	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_WHOLE), 0);
	free(add_case(f->store, 20260501, answers, 4));
	capture_stderr();
	assert_null(add_case(f->store, 20260501, twice, 2));
	assert_null(add_case(f->store, 20260501, answers, 4));
	free(captured());
	assert_int_equal(store_batch_end(f->store, 1), -1);
	assert_int_equal(store_application_count(f->store), 2);
	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_WHOLE), 0);
	free(add_case(f->store, 20260501, answers, 4));
	assert_int_equal(store_batch_end(f->store, 0), 0);
	assert_int_equal(store_application_count(f->store), 2);
	assert_int_equal(store_audit_count(f->store), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_creates_schema,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_database_is_missing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_new_refused, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_foreign_refused, setup,
						teardown),
		cmocka_unit_test(test_unreachable_hides_password),
		cmocka_unit_test(test_bad_uri_refused),
		cmocka_unit_test_setup_teardown(test_receipts_in_order, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_concurrent_receipts_gap_free, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_add_leaves_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_outcomes_keep_counts,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_casework, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_audit_chain, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lost_connection, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_schema_as_sqlite, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_chain_from_sqlite_verifies, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_cut_half_way_leaves_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lock_timeout_is_busy,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links_and_drafts, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			test_aborted_transactions_retried, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_sqlite,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_batches, setup, teardown),
	};

	base_uri = pg_test_server("test_pg");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
