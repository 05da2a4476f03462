/* Unit tests of core/postgres/ accounts, sessions, drafts and batches.
 *
 * On a live server, as tests/unit/test_pg.c: INTAKE_TEST_PG is a libpq
 * URI without a database name, of a role that may create databases,
 * e.g. 'postgresql:///?host=/tmp/pg&user=intake' (a socket directory,
 * as tests/pg/check.sh sets it, is taken as that URI with user=intake).
 * Each test creates its own database and drops it after; without
 * INTAKE_TEST_PG every test is skipped, saying so.  Where SQLite does
 * the same (accounts, logins, drafts), the same calls run on an SQLite
 * database beside it and both must write the same rows and audit.
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

#include "account.h"
#include "messages.h"
#include "pg_internal.h"
#include "sqlite_store.h"
#include "store.h"
#include "pg_support.h"
#include "support.h"
#include "util.h"

#define NOW	 1790000000LL /* 2026-09-21T14:13:20Z */
#define PASSWORD "correct horse battery"

static const char *base_uri;
static int databases;

struct fixture {
	char *name; /* the database's */
	char *uri;
	PGconn *raw;	     /* the test's own connection to it */
	struct store *store; /* PostgreSQL */
	char *dir;	     /* of the SQLite database beside it */
	struct store *lite;
};

/* The same on the SQLite database. */
static char *lite_rows(struct store *store, const char *sql)
{
	struct strbuf out = STRBUF_INIT;
	sqlite3_stmt *stmt;
	const char *text;
	int rc, j;

	if (sqlite3_prepare_v2(store_db(store), sql, -1, &stmt, NULL))
		fail_msg("%s: %s", sql, sqlite3_errmsg(store_db(store)));
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (j = 0; j < sqlite3_column_count(stmt); j++) {
			text = (const char *)sqlite3_column_text(stmt, j);
			strbuf_addf(&out, "%s%s", j ? "|" : "",
				    text ? text : "-");
		}
		strbuf_addch(&out, '\n');
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		fail_msg("%s: %s", sql, sqlite3_errmsg(store_db(store)));
	return strbuf_detach(&out);
}

/* sql selects want (columns wide). */
static void assert_rows(PGconn *conn, int columns, const char *sql,
			const char *want)
{
	char *rows = pg_test_rows(conn, columns, sql);

	assert_string_equal(rows, want);
	free(rows);
}

/* Times of the clock ("YYYY-MM-DDTHH:MM:SSZ") in text as "T". */
static void mask_times(char *text)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t n = sizeof(shape) - 1, i;
	char *at = text, *to = text;

	while (*at) {
		for (i = 0; i < n && at[i]; i++)
			if (shape[i] == 'd' ? at[i] < '0' || at[i] > '9'
					    : at[i] != shape[i])
				break;
		if (i == n) {
			*to++ = 'T';
			at += n;
		} else {
			*to++ = *at++;
		}
	}
	*to = '\0';
}

/* sql selects the same rows (columns wide) from both databases, when
 * masked the same clock times. */
static void same_rows(struct fixture *f, int columns, const char *sql,
		      int masked)
{
	char *pg = pg_test_rows(f->raw, columns, sql);
	char *lite = lite_rows(f->lite, sql);

	if (masked) {
		mask_times(pg);
		mask_times(lite);
	}
	if (strcmp(pg, lite))
		fail_msg("%s\nPostgreSQL:\n%sSQLite:\n%s", sql, pg, lite);
	free(pg);
	free(lite);
}

static struct store *open_pg(struct fixture *f)
{
	struct store *store = NULL;

	if (pg_store_open(&store, f->uri, STORE_CREATE))
		fail_msg("cannot open %s", f->uri);
	return store;
}

/* A new empty PostgreSQL database and an SQLite one, both open. */
static int setup(void **state)
{
	struct fixture *f;
	char *sql, *path;

	*state = NULL;
	if (!base_uri)
		return 0; /* each test skips, saying why */
	f = xcalloc(1, sizeof(*f));
	f->name = xstrfmt("intake_test_a_%ld_%d", (long)getpid(), ++databases);
	sql = xstrfmt("CREATE DATABASE %s", f->name);
	pg_test_maintenance(sql);
	free(sql);
	f->uri = pg_test_uri(f->name);
	f->raw = pg_test_connect(f->name);
	f->store = open_pg(f);
	f->dir = scratch_make("test_pg_a");
	path = path_join(f->dir, "intake.db");
	if (store_open(&f->lite, path, STORE_CREATE))
		fail_msg("cannot open %s", path);
	free(path);
	msg_set_language(LANG_EN);
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
	store_close(f->store);
	store_close(f->lite);
	PQfinish(f->raw);
	pg_test_maintenance(sql);
	free(sql);
	scratch_remove(f->dir);
	free(f->dir);
	free(f->name);
	free(f->uri);
	free(f);
	return 0;
}

static struct fixture *fixture(void **state)
{
	if (!*state)
		skip();
	return *state;
}

/* The audit rows of both databases, all but their times and hashes,
 * must be the same. */
static void same_audit(struct fixture *f)
{
	same_rows(f, 6,
		  "SELECT id, staff, action, application_id,"
		  " \"before\", \"after\" FROM audit ORDER BY id",
		  1);
}

/* Accounts. */

static struct account_login login_at(long long now)
{
	struct account_login login = {0};

	login.now = now;
	login.lock_after = 3;
	login.lock_minutes = 15;
	login.cost = account_cost_minimum();
	return login;
}

/* The account calls of the tests below, on one store. */
static void accounts_on(struct store *store, const char *hash,
			const char *other_hash)
{
	struct store_new_account sato = {"sato", "counter", "本庁",
					 "ja",	 hash,	    "tester"};
	struct store_new_account abe = {"abe", "admin",	      NULL,
					"en",  "$argon2id$x", "tester"};
	int i;

	assert_int_equal(store_account_add(store, &sato), 0);
	assert_int_equal(store_account_add(store, &abe), 0);
	abe.name = "sato"; /* taken: nothing written */
	assert_int_equal(store_account_add(store, &abe), 1);
	assert_int_equal(store_account_set_disabled(store, "sato", 1, "boss"),
			 0);
	assert_int_equal(store_account_set_disabled(store, "sato", 1, "boss"),
			 2);
	assert_int_equal(store_account_set_disabled(store, "nobody", 1, "b"),
			 1);
	assert_int_equal(store_account_set_disabled(store, "sato", 0, "boss"),
			 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(
		    store_login_result(store, "sato", 0, NOW, 3, 15), 0);
	assert_int_equal(store_login_result(store, "nobody", 0, NOW, 3, 15), 1);
	assert_int_equal(store_login_result(store, "nobody", 1, NOW, 3, 15), 1);
	assert_int_equal(store_login_result(store, "abe", 0, NOW, 3, 15), 0);
	assert_int_equal(store_login_result(store, "abe", 1, NOW + 5, 3, 15),
			 0);
	assert_int_equal(
	    store_account_set_password(store, "nobody", other_hash, "boss"), 1);
}

static int list_names(const struct store_account *account, void *context)
{
	struct strbuf *out = context;

	assert_null(account->password_hash);
	strbuf_addf(out, "%s %s %s %s %lld %lld;", account->name, account->role,
		    account->office ? account->office : "-", account->language,
		    account->failed_logins, account->locked_until);
	return 0;
}

static int stop_at_first(const struct store_account *account, void *context)
{
	++*(int *)context;
	return 7;
}

/* Adding, disabling, failing and locking: the same rows and audit as
 * SQLite, and what store_account_get and _list read back. */
static void test_accounts_as_sqlite(void **state)
{
	struct fixture *f = fixture(state);
	struct store_account account;
	struct strbuf out = STRBUF_INIT;
	int calls = 0;

	accounts_on(f->store, "$argon2id$sato", "$argon2id$other");
	accounts_on(f->lite, "$argon2id$sato", "$argon2id$other");
	same_rows(f, 10,
		  "SELECT id, name, role, office, language, password_hash,"
		  " disabled_at, failed_logins, locked_until, last_login_at"
		  " FROM accounts ORDER BY id",
		  0);
	same_audit(f);
	assert_int_equal(store_account_get(f->store, "sato", &account), 0);
	assert_string_equal(account.password_hash, "$argon2id$sato");
	assert_string_equal(account.office, "本庁");
	assert_null(account.disabled_at);
	assert_null(account.last_login_at);
	assert_int_equal(account.locked_until, NOW + 15 * 60);
	assert_int_equal(account.failed_logins, 0);
	store_account_release(&account);
	assert_int_equal(store_account_get(f->store, "abe", &account), 0);
	assert_null(account.office);
	assert_string_equal(account.last_login_at, "2026-09-21T14:13:25Z");
	store_account_release(&account);
	assert_int_equal(store_account_get(f->store, "nobody", &account), 1);
	assert_int_equal(store_account_list(f->store, list_names, &out), 0);
	assert_string_equal(strbuf_str(&out),
			    "abe admin - en 0 0;"
			    "sato counter 本庁 ja 0 1790000900;");
	strbuf_release(&out);
	assert_int_equal(store_account_list(f->store, stop_at_first, &calls),
			 7);
	assert_int_equal(calls, 1);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM audit"
					   " WHERE action = 'account_lock'"),
			 1);
}

/* Through the operations (core/ops/account.c), as test_account.c on
 * SQLite: a right password, wrong ones up to the lock, the lock's end,
 * a new password. */
static void test_logins_through_ops(void **state)
{
	struct fixture *f = fixture(state);
	struct account_login login = login_at(NOW);
	char hash[ACCOUNT_HASH_SIZE];
	struct store_new_account sato = {"sato", "counter", "本庁",
					 "ja",	 hash,	    "tester"};
	int i;

	assert_int_equal(account_hash(PASSWORD, &login.cost, hash), 0);
	assert_int_equal(store_account_add(f->store, &sato), 0);
	assert_int_equal(account_verify(f->store, "sato", PASSWORD, &login),
			 ACCOUNT_OK);
	for (i = 0; i < 3; i++)
		assert_int_equal(
		    account_verify(f->store, "sato", "wrong one", &login),
		    ACCOUNT_WRONG);
	assert_int_equal(account_verify(f->store, "sato", PASSWORD, &login),
			 ACCOUNT_LOCKED);
	login.now = NOW + 15 * 60;
	assert_int_equal(account_verify(f->store, "sato", PASSWORD, &login),
			 ACCOUNT_OK);
	assert_int_equal(account_verify(f->store, "nobody", PASSWORD, &login),
			 ACCOUNT_UNKNOWN);
	assert_int_equal(account_hash("a new password", &login.cost, hash), 0);
	assert_int_equal(
	    store_account_set_password(f->store, "sato", hash, "boss"), 0);
	assert_int_equal(account_verify(f->store, "sato", PASSWORD, &login),
			 ACCOUNT_WRONG);
	assert_int_equal(
	    account_verify(f->store, "sato", "a new password", &login),
	    ACCOUNT_OK);
	assert_int_equal(store_account_set_disabled(f->store, "sato", 1, "b"),
			 0);
	assert_int_equal(
	    account_verify(f->store, "sato", "a new password", &login),
	    ACCOUNT_DISABLED);
}

/* Sessions. */

/* Live while used (expiry moved on), not once expired nor for a
 * disabled account; gone after delete and purge: as SQLite. */
static void test_sessions(void **state)
{
	struct fixture *f = fixture(state);
	struct store_new_account sato = {"sato", "counter",	"本庁",
					 "ja",	 "$argon2id$x", "t"};
	struct store_new_session add = {"hash-1", "csrf-1", 1, NOW, NOW + 60};
	struct store_session session;

	assert_int_equal(store_account_add(f->store, &sato), 0);
	assert_int_equal(
	    store_session_get(f->store, "hash-1", NOW, NOW + 60, &session), 1);
	assert_int_equal(store_session_add(f->store, &add), 0);
	assert_int_equal(store_session_get(f->store, "hash-1", NOW + 50,
					   NOW + 110, &session),
			 0);
	assert_string_equal(session.name, "sato");
	assert_string_equal(session.csrf, "csrf-1");
	assert_string_equal(session.role, "counter");
	assert_string_equal(session.language, "ja");
	assert_string_equal(session.office, "本庁");
	assert_int_equal(session.account_id, 1);
	store_session_release(&session);
	assert_rows(f->raw, 2, "SELECT last_seen_at, expires_at FROM sessions",
		    "1790000050|1790000110\n");
	/* a move by less than a tenth of the time left is not written */
	assert_int_equal(store_session_get(f->store, "hash-1", NOW + 51,
					   NOW + 111, &session),
			 0);
	store_session_release(&session);
	assert_int_equal(pg_test_count(f->raw, "SELECT expires_at FROM sessions"),
			 NOW + 110);
	assert_int_equal(store_session_get(f->store, "hash-1", NOW + 110,
					   NOW + 170, &session),
			 1);
	assert_null(session.name);
	assert_int_equal(store_session_purge(f->store, NOW + 110), 1);
	assert_int_equal(store_session_purge(f->store, NOW + 110), 0);
	add.token_hash = "hash-2";
	assert_int_equal(store_session_add(f->store, &add), 0);
	assert_int_equal(store_account_set_disabled(f->store, "sato", 1, "t"),
			 0);
	assert_int_equal(
	    store_session_get(f->store, "hash-2", NOW, NOW + 60, &session), 1);
	assert_int_equal(store_session_delete(f->store, "hash-2"), 0);
	assert_int_equal(store_session_delete(f->store, "hash-2"), 1);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM sessions"), 0);
}

/* One session seen by two servers: what one writes, the other reads. */
static void test_sessions_shared(void **state)
{
	struct fixture *f = fixture(state);
	struct store *other = open_pg(f);
	struct store_new_account sato = {"sato", "counter",	NULL,
					 "en",	 "$argon2id$x", "t"};
	struct store_new_session add = {"hash-1", "csrf-1", 1, NOW, NOW + 600};
	struct store_session session;

	assert_int_equal(store_account_add(f->store, &sato), 0);
	assert_int_equal(store_session_add(f->store, &add), 0);
	assert_int_equal(
	    store_session_get(other, "hash-1", NOW + 300, NOW + 900, &session),
	    0);
	assert_string_equal(session.csrf, "csrf-1");
	assert_null(session.office);
	store_session_release(&session);
	/* the expiry the other moved holds here */
	assert_int_equal(store_session_get(f->store, "hash-1", NOW + 700,
					   NOW + 1300, &session),
			 0);
	store_session_release(&session);
	assert_int_equal(store_session_delete(other, "hash-1"), 0);
	assert_int_equal(store_session_get(f->store, "hash-1", NOW + 701,
					   NOW + 1301, &session),
			 1);
	store_close(other);
}

/* Drafts. */

static const struct store_answer draft_answers[] = {
    {"received_on", "2026-05-01"},
    {"name", "途中 \"の\" 人"},
    {"name_kana", NULL}, /* not kept */
    {"phone", "0171234567"},
};

/* The draft calls of the tests below, on one store. */
static void drafts_on(struct store *store)
{
	long long id = 0;

	assert_int_equal(store_draft_create(store, "uij_turn", "sato", &id), 0);
	assert_int_equal(id, 1);
	assert_int_equal(store_draft_create(store, "uij_turn", NULL, &id), 0);
	assert_int_equal(id, 2);
	assert_int_equal(store_draft_save(store, 1, "phone", draft_answers,
					  ARRAY_SIZE(draft_answers)),
			 0);
	assert_int_equal(store_draft_save(store, 2, "name", draft_answers, 2),
			 0);
	assert_int_equal(store_draft_save(store, 2, NULL, draft_answers + 3, 1),
			 0);
	assert_int_equal(store_draft_discard(store, 1, "boss", "二重入力"), 0);
	assert_int_equal(store_draft_discard(store, 1, "boss", NULL), 1);
	assert_int_equal(store_draft_discard(store, 2, NULL, NULL), 0);
	/* ids are never given twice, the highest discarded one neither */
	assert_int_equal(store_draft_create(store, "uij_turn", "sato", &id), 0);
	assert_int_equal(id, 3);
	assert_int_equal(
	    store_draft_save(store, 3, "name", draft_answers + 1, 1), 0);
}

/* Created, saved, replaced, discarded with the audit keeping what was
 * typed: the same rows and audit as SQLite. */
static void test_drafts_as_sqlite(void **state)
{
	struct fixture *f = fixture(state);

	drafts_on(f->store);
	drafts_on(f->lite);
	same_rows(f, 4,
		  "SELECT id, programme, staff, last_field FROM drafts"
		  " ORDER BY id",
		  0);
	same_rows(f, 4,
		  "SELECT draft_id, position, field, value FROM draft_answers"
		  " ORDER BY 1, 2",
		  0);
	same_rows(f, 1, "SELECT last FROM draft_ids", 0);
	same_audit(f);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM audit"
					   " WHERE action = 'discard_draft'"),
			 2);
}

static int list_drafts(const struct store_draft *draft, void *context)
{
	struct strbuf *out = context;

	assert_null(draft->answers);
	strbuf_addf(out, "%lld %s %s %s %s;", draft->id, draft->programme,
		    draft->staff, draft->last_field ? draft->last_field : "-",
		    draft->name ? draft->name : "-");
	return 0;
}

static int stop_draft(const struct store_draft *draft, void *context)
{
	++*(int *)context;
	return 3;
}

/* What draft_get and draft_list read back; a draft gone is said. */
static void test_drafts_read_back(void **state)
{
	struct fixture *f = fixture(state);
	struct store_draft draft;
	struct strbuf out = STRBUF_INIT;
	long long id;
	int calls = 0;
	char *err;

	assert_int_equal(store_draft_create(f->store, "uij_turn", "sato", &id),
			 0);
	assert_int_equal(
	    store_draft_create(f->store, "kigyo_shien", "abe", &id), 0);
	assert_int_equal(store_draft_save(f->store, 1, "phone", draft_answers,
					  ARRAY_SIZE(draft_answers)),
			 0);
	assert_int_equal(store_draft_get(f->store, 1, &draft), 0);
	assert_int_equal(draft.id, 1);
	assert_string_equal(draft.programme, "uij_turn");
	assert_string_equal(draft.staff, "sato");
	assert_string_equal(draft.last_field, "phone");
	assert_int_equal(strlen(draft.started_at), 20);
	assert_int_equal(draft.n_answers, 3);
	assert_string_equal(draft.answers[0].field, "received_on");
	assert_string_equal(draft.answers[1].value, "途中 \"の\" 人");
	assert_string_equal(draft.answers[2].field, "phone");
	store_draft_release(&draft);
	assert_int_equal(store_draft_get(f->store, 2, &draft), 0);
	assert_null(draft.last_field);
	assert_int_equal(draft.n_answers, 0);
	store_draft_release(&draft);
	assert_int_equal(store_draft_get(f->store, 9, &draft), 1);
	assert_int_equal(store_draft_list(f->store, list_drafts, &out), 0);
	assert_string_equal(strbuf_str(&out),
			    "1 uij_turn sato phone 途中 \"の\" 人;"
			    "2 kigyo_shien abe - -;");
	strbuf_release(&out);
	assert_int_equal(store_draft_list(f->store, stop_draft, &calls), 3);
	assert_int_equal(calls, 1);
	capture_stderr();
	assert_int_equal(
	    store_draft_save(f->store, 9, "name", draft_answers, 1), -1);
	err = captured();
	assert_contains(err, "draft 9 no longer exists");
	free(err);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
					   " draft_answers WHERE draft_id = 9"),
			 0);
}

/* Writers on several connections at once never get the same id. */
static void test_draft_ids_concurrent(void **state)
{
	struct fixture *f = fixture(state);
	pid_t children[4];
	int i, j, status;

	fflush(NULL);
	for (i = 0; i < 4; i++) {
		children[i] = fork();
		assert_true(children[i] >= 0);
		if (!children[i]) {
			struct store *mine = NULL;
			long long id;
			int bad = pg_store_open(&mine, f->uri, STORE_WRITE);

			for (j = 0; !bad && j < 10; j++)
				bad = store_draft_create(mine, "uij_turn",
							 "sato", &id) < 0;
			store_close(mine);
			_exit(bad);
		}
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(waitpid(children[i], &status, 0), children[i]);
		assert_true(WIFEXITED(status) && !WEXITSTATUS(status));
	}
	assert_rows(f->raw, 3,
		    "SELECT count(*), count(DISTINCT id), max(id) FROM drafts",
		    "40|40|40\n");
	assert_int_equal(pg_test_count(f->raw, "SELECT last FROM draft_ids"), 40);
}

/* Batches. */

static const struct store_answer answers[] = {
    {"name", "青森 太郎"},
    {"name_kana", "アオモリ タロウ"},
};

/* Add a case (source_id may be NULL; link a receipt that must exist):
 * the receipt, or NULL. */
static char *add_case(struct store *store, const char *source_id,
		      const char *link)
{
	struct store_new_application app = {0};
	char *receipt = NULL;

	app.programme = "uij_turn";
	app.receipt_prefix = "UIJ";
	app.plugin_version = "1.0";
	app.form_version = 1;
	app.received_on = 20260501;
	app.office = "aomori";
	app.staff = "sato";
	app.answers = answers;
	app.n_answers = ARRAY_SIZE(answers);
	app.source_id = source_id;
	app.link_receipt = link;
	if (store_add_application(store, &app, &receipt) < 0)
		return NULL;
	return receipt;
}

/* Add a case expected to work: its receipt must be want. */
static void add_ok(struct store *store, const char *want)
{
	char *receipt = add_case(store, NULL, NULL);

	assert_non_null(receipt);
	assert_string_equal(receipt, want);
	free(receipt);
}

/* Add a case that fails (a link to no case): said, -1. */
static void add_fails(struct store *store)
{
	char *err;

	capture_stderr();
	assert_null(add_case(store, NULL, "UIJ-1999-000001"));
	err = captured();
	assert_contains(err, "UIJ-1999-000001");
	free(err);
}

/* One transaction: nothing shows elsewhere before the commit. */
static void test_whole_batch(void **state)
{
	struct fixture *f = fixture(state);

	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_WHOLE), 0);
	add_ok(f->store, "UIJ-2026-000001");
	add_ok(f->store, "UIJ-2026-000002");
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
					   " applications"),
			 0);
	assert_int_equal(store_batch_end(f->store, 1), 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
					   " applications"),
			 2);
	/* rolled back: nothing, and the numbers given back */
	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_WHOLE), 0);
	add_ok(f->store, "UIJ-2026-000003");
	assert_int_equal(store_batch_end(f->store, 0), 0);
	add_ok(f->store, "UIJ-2026-000003");
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM audit"), 3);
}

/* STORE_BATCH_WHOLE: a failed write dooms the batch; nothing of it,
 * nor of the writes before it, is stored. */
static void test_whole_batch_failed_write(void **state)
{
	struct fixture *f = fixture(state);

	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_WHOLE), 0);
	add_ok(f->store, "UIJ-2026-000001");
	add_fails(f->store);
	assert_null(add_case(f->store, NULL, NULL)); /* refused, quietly */
	assert_int_equal(store_batch_end(f->store, 1), -1);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
					   " applications"),
			 0);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM audit"), 0);
	/* the store goes on after it */
	add_ok(f->store, "UIJ-2026-000001");
}

/* STORE_BATCH_SAVEPOINTS: a failed write takes back only its own
 * rows; the rest is committed, receipts without a gap. */
static void test_savepoint_batch(void **state)
{
	struct fixture *f = fixture(state);

	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_SAVEPOINTS),
			 0);
	add_ok(f->store, "UIJ-2026-000001");
	add_fails(f->store);
	add_ok(f->store, "UIJ-2026-000002");
	assert_int_equal(store_batch_end(f->store, 1), 0);
	assert_rows(f->raw, 2,
		    "SELECT id, receipt FROM applications"
		    " ORDER BY id",
		    "1|UIJ-2026-000001\n2|UIJ-2026-000002\n");
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM audit"), 2);
	assert_rows(f->raw, 1,
		    "SELECT DISTINCT application_id"
		    " FROM search_keys ORDER BY 1",
		    "1\n2\n");
}

/* The connection lost in a batch: every later write of it fails (none
 * opens a transaction of its own), its commit fails, nothing is kept. */
static void test_batch_connection_lost(void **state)
{
	struct fixture *f = fixture(state);
	char *sql, *err;

	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_SAVEPOINTS),
			 0);
	add_ok(f->store, "UIJ-2026-000001");
	sql = xstrfmt("SELECT pg_terminate_backend(%d)",
		      PQbackendPID(pg_of(f->store)->conn));
	pg_test_exec(f->raw, sql);
	free(sql);
	capture_stderr();
	assert_null(add_case(f->store, NULL, NULL));
	assert_null(add_case(f->store, NULL, NULL));
	assert_int_equal(store_batch_end(f->store, 1), -1);
	err = captured();
	assert_contains(err, "lost");
	free(err);
	assert_int_equal(store_status(f->store), STORE_UNAVAILABLE);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
					   " applications"),
			 0);
	/* the next write reconnects */
	add_ok(f->store, "UIJ-2026-000001");
}

/* Import's lookups by source id, in a batch and out of it. */
static void test_sources(void **state)
{
	struct fixture *f = fixture(state);
	struct store_sources *sources, *others;
	long long id = -1;
	char *receipt = NULL;

	sources = store_sources_open(f->store, "uij_turn");
	others = store_sources_open(f->store, "kigyo_shien");
	assert_non_null(sources);
	assert_non_null(others);
	assert_int_equal(store_sources_last_id(sources, &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_WHOLE), 0);
	add_ok(f->store, "UIJ-2026-000001");
	free(add_case(f->store, "旧-0042", NULL));
	assert_int_equal(store_sources_find(sources, "旧-0042", &id, &receipt),
			 1);
	assert_int_equal(id, 2);
	assert_string_equal(receipt, "UIJ-2026-000002");
	free(receipt);
	assert_int_equal(store_batch_end(f->store, 1), 0);
	assert_int_equal(store_sources_find(sources, "旧-0042", &id, NULL), 1);
	assert_int_equal(store_sources_find(sources, "旧-0043", &id, NULL), 0);
	assert_int_equal(store_sources_find(others, "旧-0042", &id, NULL), 0);
	assert_int_equal(store_sources_last_id(others, &id), 0);
	assert_int_equal(id, 2);
	/* the same source id twice in a programme is refused */
	capture_stderr();
	assert_null(add_case(f->store, "旧-0042", NULL));
	free(captured());
	store_sources_close(sources);
	store_sources_close(others);
}

/* Copying (store_copy.c's side): rows as given, held back in a whole
 * batch and written before anything else reads or writes. */

static const char *const case_columns[] = {
    "id",	   "receipt", "programme",  "form_version",
    "received_on", "status",  "created_at", "updated_at"};
static const struct store_table cases_table = {"applications", case_columns,
					       ARRAY_SIZE(case_columns)};
static const char *const answer_columns[] = {"application_id", "field",
					     "value"};
static const struct store_table answers_table = {"answers", answer_columns,
						 ARRAY_SIZE(answer_columns)};

static void put_case(struct store *store, const char *id, const char *receipt)
{
	const char *row[] = {id,
			     receipt,
			     "uij_turn",
			     "1",
			     "2026-05-01",
			     "received",
			     "2026-05-01T00:00:00Z",
			     "2026-05-01T00:00:00Z"};
	const char *name[] = {id, "name", "弘前 花子"};

	assert_int_equal(store_rows_put(store, &cases_table, row), 0);
	assert_int_equal(store_rows_put(store, &answers_table, name), 0);
}

static int collect(const char *const *values, void *context)
{
	strbuf_addf(context, "%s %s;", values[0], values[1]);
	return 0;
}

static void copy_audit(struct store *store, long long application,
		       const char *action, char hash[65])
{
	struct audit_row row = {0,	     "2025-01-01T00:00:00Z",
				"sato",	     action,
				application, NULL,
				"{\"a\":1}"};

	assert_int_equal(store_audit_copy(store, &row, hash), 0);
}

/* Cases, answers and audit rows copied in one batch, an audit event
 * between them: one chain, the numbering past what was copied. */
static void test_copy_in_a_batch(void **state)
{
	struct fixture *f = fixture(state);
	struct strbuf seen = STRBUF_INIT;
	struct store_audit_check check;
	const char *pairs[2] = {"from", "a.db"};
	char hash[65], head[65];
	int i;

	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_WHOLE), 0);
	put_case(f->store, "5", "UIJ-2026-000010");
	put_case(f->store, "7", "UIJ-2026-000012");
	/* a walk reads what was held back */
	assert_int_equal(
	    store_rows_each(f->store, &answers_table, collect, &seen), 0);
	assert_string_equal(strbuf_str(&seen), "5 name;7 name;");
	strbuf_release(&seen);
	copy_audit(f->store, 5, "add", hash);
	copy_audit(f->store, 7, "add", hash);
	assert_int_equal(
	    store_audit_event(f->store, "sato", "migrate", pairs, 1), 0);
	copy_audit(f->store, 0, "login", hash);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM audit"), 0);
	assert_int_equal(store_rebuild(f->store), 0);
	assert_int_equal(store_batch_end(f->store, 1), 0);
	assert_int_equal(store_audit_verify(f->store, &check), 0);
	assert_int_equal(check.rows, 4);
	assert_int_equal(check.first_bad, 0);
	assert_int_equal(store_audit_head(f->store, head), 0);
	assert_string_equal(head, hash);
	assert_rows(f->raw, 3,
		    "SELECT id, action, application_id FROM audit ORDER BY id",
		    "1|add|5\n2|add|7\n3|migrate|-\n4|login|-\n");
	assert_rows(f->raw, 2,
		    "SELECT kind, application_id FROM search_keys"
		    " ORDER BY 2, 1, key LIMIT 1",
		    "name|5\n");
	/* ids and receipts go on past the copied ones */
	for (i = 0; i < 2; i++)
		add_ok(f->store, i ? "UIJ-2026-000014" : "UIJ-2026-000013");
	assert_rows(f->raw, 1, "SELECT max(id) FROM applications", "9\n");
}

/* A held-back row the server refuses dooms the batch: said, nothing
 * stored. */
static void test_copy_refused_row(void **state)
{
	struct fixture *f = fixture(state);
	const char *orphan[] = {"99", "name", "誰"};
	char *err;

	assert_int_equal(store_batch_begin(f->store, STORE_BATCH_WHOLE), 0);
	put_case(f->store, "1", "UIJ-2026-000001");
	assert_int_equal(store_rows_put(f->store, &answers_table, orphan), 0);
	capture_stderr();
	assert_int_equal(store_batch_end(f->store, 1), -1);
	err = captured();
	assert_contains(err, "answers");
	free(err);
	assert_int_equal(pg_test_count(f->raw, "SELECT count(*) FROM"
					   " applications"),
			 0);
}

/* backup and restore say what to use instead, and write nothing. */
static void test_no_file_backup(void **state)
{
	struct fixture *f = fixture(state);
	char *dest = path_join(f->dir, "copy.db"), *err;

	capture_stderr();
	assert_int_equal(store_backup(f->store, dest, 0), -1);
	assert_int_equal(store_status(f->store), STORE_REFUSED);
	assert_int_equal(store_restore_from(f->store, dest), -1);
	err = captured();
	assert_contains(err, "intake backup and restore work on SQLite"
			     " database files only: use pg_dump / pg_restore"
			     " for a PostgreSQL database");
	assert_contains(err, f->name);
	/* said once for each */
	assert_non_null(strstr(strstr(err, "pg_dump") + 1, "pg_dump"));
	free(err);
	assert_int_equal(access(dest, F_OK), -1);
	free(dest);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    TEST(test_accounts_as_sqlite),
	    TEST(test_logins_through_ops),
	    TEST(test_sessions),
	    TEST(test_sessions_shared),
	    TEST(test_drafts_as_sqlite),
	    TEST(test_drafts_read_back),
	    TEST(test_draft_ids_concurrent),
	    TEST(test_whole_batch),
	    TEST(test_whole_batch_failed_write),
	    TEST(test_savepoint_batch),
	    TEST(test_batch_connection_lost),
	    TEST(test_sources),
	    TEST(test_copy_in_a_batch),
	    TEST(test_copy_refused_row),
	    TEST(test_no_file_backup),
	};

	base_uri = pg_test_server("test_pg_a");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
