/* Unit tests of core/ops/account.c and core/store/store_account.c:
 * names, passwords, hashes, login results, locks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "account.h"
#include "sqlite_store.h"
#include "store.h"
#include "support.h"
#include "util.h"

#define NOW	 1790000000LL /* 2026-09-21T14:13:20Z */
#define PASSWORD "correct horse battery"

struct fixture {
	char *dir, *path;
	struct store *store;
	struct account_login login;
};

/* Add name with PASSWORD hashed at cost. */
static void add_account(struct store *store, const char *name,
			const struct account_cost *cost)
{
	char hash[ACCOUNT_HASH_SIZE];
	struct store_new_account account = {name, "counter", "本庁",
					    "ja", hash,	     "tester"};

	assert_int_equal(account_hash(PASSWORD, cost, hash), 0);
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	assert_int_equal(store_account_add(store, &account), 0);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = scratch_make("test_account");
	if (!f->dir)
		return -1;
	f->path = path_join(f->dir, "intake.db");
	if (store_open(&f->store, f->path, STORE_CREATE))
		return -1;
	f->login.now = NOW;
	f->login.lock_after = 3;
	f->login.lock_minutes = 15;
	f->login.cost = account_cost_minimum();
	add_account(f->store, "sato", &f->login.cost);
	*state = f;
	return 0;
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

static enum account_result verify(struct fixture *f, const char *name,
				  const char *password)
{
	return account_verify(f->store, name, password, &f->login);
}

static struct store_account get(struct store *store, const char *name)
{
	struct store_account account;

	assert_int_equal(store_account_get(store, name, &account), 0);
	return account;
}

static long long audit_rows(struct store *store, const char *action)
{
	sqlite3_stmt *stmt;
	long long n;

	assert_int_equal(sqlite3_prepare_v2(store_db(store),
					    "SELECT count(*) FROM audit"
					    " WHERE action = ?1",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(stmt, 1, action, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

static void test_names_roles_passwords(void **state)
{
	assert_true(account_name_valid("sato"));
	assert_true(account_name_valid("a.b-c_9"));
	assert_true(account_name_valid("abcdefghijklmnopqrstuvwxyz012345"));
	assert_false(account_name_valid("abcdefghijklmnopqrstuvwxyz0123456"));
	assert_false(account_name_valid("a"));
	assert_false(account_name_valid("Sato"));
	assert_false(account_name_valid("9sato"));
	assert_false(account_name_valid("sa to"));
	assert_false(account_name_valid("佐藤"));
	assert_true(account_role_valid("counter"));
	assert_true(account_role_valid("manager"));
	assert_true(account_role_valid("admin"));
	assert_false(account_role_valid("root"));
	assert_int_equal(account_password_check("0123456789"),
			 ACCOUNT_PASSWORD_OK);
	assert_int_equal(account_password_check("パスワードは十文字です"),
			 ACCOUNT_PASSWORD_OK);
	assert_int_equal(account_password_check("012345678"),
			 ACCOUNT_PASSWORD_SHORT);
	assert_int_equal(account_password_check("0123456789\t"),
			 ACCOUNT_PASSWORD_CONTROL);
	assert_int_equal(account_password_check("0123456789\xff"),
			 ACCOUNT_PASSWORD_CONTROL);
}

static void test_password_lengths(void **state)
{
	char long_one[ACCOUNT_PASSWORD_MAX + 2];

	memset(long_one, 'a', sizeof(long_one));
	long_one[ACCOUNT_PASSWORD_MAX] = '\0';
	assert_int_equal(account_password_check(long_one), ACCOUNT_PASSWORD_OK);
	long_one[ACCOUNT_PASSWORD_MAX] = 'a';
	long_one[ACCOUNT_PASSWORD_MAX + 1] = '\0';
	assert_int_equal(account_password_check(long_one),
			 ACCOUNT_PASSWORD_LONG);
}

static void test_right_and_wrong(void **state)
{
	struct fixture *f = *state;
	struct store_account account;

	assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_OK);
	account = get(f->store, "sato");
	assert_non_null(account.last_login_at);
	assert_string_equal(account.last_login_at, "2026-09-21T14:13:20Z");
	store_account_release(&account);
	assert_int_equal(verify(f, "sato", "correct horse batter"),
			 ACCOUNT_WRONG);
	assert_int_equal(verify(f, "sato", ""), ACCOUNT_WRONG);
	account = get(f->store, "sato");
	assert_int_equal(account.failed_logins, 2);
	assert_int_equal(account.locked_until, 0);
	store_account_release(&account);
}

/* An unknown name takes the same path: one hash checked, a login
 * result written (for no one), nothing else told apart. */
static void test_unknown_checks_a_hash(void **state)
{
	struct fixture *f = *state;
	unsigned long before;

	assert_int_equal(verify(f, "suzuki", PASSWORD), ACCOUNT_UNKNOWN);
	before = account_hashes_checked();
	assert_int_equal(verify(f, "suzuki", PASSWORD), ACCOUNT_UNKNOWN);
	assert_int_equal(account_hashes_checked(), before + 1);
	assert_int_equal(verify(f, "sato", "wrong password"), ACCOUNT_WRONG);
	assert_int_equal(account_hashes_checked(), before + 2);
	assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_OK);
	assert_int_equal(account_hashes_checked(), before + 3);
}

static double seconds_of(struct fixture *f, const char *name)
{
	struct timespec start, end;

	clock_gettime(CLOCK_MONOTONIC, &start);
	assert_int_not_equal(verify(f, name, "wrong password"), ACCOUNT_OK);
	clock_gettime(CLOCK_MONOTONIC, &end);
	return (double)(end.tv_sec - start.tv_sec) +
	       (double)(end.tv_nsec - start.tv_nsec) / 1e9;
}

/* The fastest of a few tries: another process on a shared machine can
 * only slow one down, never speed it up. */
static double fastest_of(struct fixture *f, const char *name)
{
	double best = seconds_of(f, name), next;
	int i;

	for (i = 0; i < 2; i++)
		if ((next = seconds_of(f, name)) < best)
			best = next;
	return best;
}

/* With real (interactive) hashes, an unknown name costs about what a
 * wrong password does: the dummy hash is checked instead. */
static void test_unknown_takes_as_long(void **state)
{
	struct fixture *f = *state;
	double wrong, unknown;

	f->login.cost = account_cost_interactive();
	f->login.lock_after = 0;
	add_account(f->store, "tanaka", &f->login.cost);
	seconds_of(f, "nobody"); /* makes the dummy hash */
	wrong = fastest_of(f, "tanaka");
	unknown = fastest_of(f, "nobody");
	assert_true(unknown > wrong / 4);
	assert_true(unknown < wrong * 4);
}

static void test_disabled(void **state)
{
	struct fixture *f = *state;
	struct store_account account;

	assert_int_equal(
	    store_account_set_disabled(f->store, "sato", 1, "boss"), 0);
	assert_int_equal(
	    store_account_set_disabled(f->store, "sato", 1, "boss"), 2);
	assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_DISABLED);
	assert_int_equal(verify(f, "sato", "wrong password"), ACCOUNT_DISABLED);
	account = get(f->store, "sato");
	assert_non_null(account.disabled_at);
	assert_int_equal(account.failed_logins, 0);
	assert_null(account.last_login_at);
	store_account_release(&account);
	assert_int_equal(
	    store_account_set_disabled(f->store, "sato", 0, "boss"), 0);
	assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_OK);
	assert_int_equal(
	    store_account_set_disabled(f->store, "nobody", 1, "boss"), 1);
	assert_int_equal(audit_rows(f->store, "account_disable"), 1);
	assert_int_equal(audit_rows(f->store, "account_enable"), 1);
}

/* lock_after failures lock for lock_minutes, whatever the password;
 * attempts while locked do not count; the time passing unlocks. */
static void test_locked_then_unlocked(void **state)
{
	struct fixture *f = *state;
	struct store_account account;
	int i;

	for (i = 0; i < 3; i++)
		assert_int_equal(verify(f, "sato", "wrong password"),
				 ACCOUNT_WRONG);
	account = get(f->store, "sato");
	assert_int_equal(account.locked_until, NOW + 15 * 60);
	assert_int_equal(account.failed_logins, 0);
	store_account_release(&account);
	assert_int_equal(audit_rows(f->store, "account_lock"), 1);
	f->login.now = NOW + 15 * 60 - 1;
	assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_LOCKED);
	assert_int_equal(verify(f, "sato", "wrong password"), ACCOUNT_LOCKED);
	account = get(f->store, "sato");
	assert_int_equal(account.failed_logins, 0);
	store_account_release(&account);
	f->login.now = NOW + 15 * 60;
	assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_OK);
	account = get(f->store, "sato");
	assert_int_equal(account.locked_until, 0);
	store_account_release(&account);
}

static void test_success_resets_the_count(void **state)
{
	struct fixture *f = *state;
	struct store_account account;
	int round, i;

	for (round = 0; round < 3; round++) {
		for (i = 0; i < 2; i++)
			assert_int_equal(verify(f, "sato", "wrong password"),
					 ACCOUNT_WRONG);
		assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_OK);
	}
	account = get(f->store, "sato");
	assert_int_equal(account.failed_logins, 0);
	assert_int_equal(account.locked_until, 0);
	store_account_release(&account);
	assert_int_equal(audit_rows(f->store, "account_lock"), 0);
}

static void test_new_password_unlocks(void **state)
{
	struct fixture *f = *state;
	char hash[ACCOUNT_HASH_SIZE];
	struct store_account account;
	int i;

	for (i = 0; i < 3; i++)
		verify(f, "sato", "wrong password");
	assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_LOCKED);
	assert_int_equal(account_hash("a new password", &f->login.cost, hash),
			 0);
	assert_int_equal(
	    store_account_set_password(f->store, "sato", hash, "boss"), 0);
	assert_int_equal(
	    store_account_set_password(f->store, "nobody", hash, "boss"), 1);
	assert_int_equal(verify(f, "sato", PASSWORD), ACCOUNT_WRONG);
	assert_int_equal(verify(f, "sato", "a new password"), ACCOUNT_OK);
	account = get(f->store, "sato");
	assert_string_equal(account.password_hash, hash);
	store_account_release(&account);
	assert_int_equal(audit_rows(f->store, "account_passwd"), 1);
}

static int list_names(const struct store_account *account, void *context)
{
	struct strbuf *out = context;

	assert_null(account->password_hash);
	strbuf_addf(out, "%s %s %s;", account->name, account->role,
		    account->office ? account->office : "-");
	return 0;
}

static void test_add_list_and_taken_names(void **state)
{
	struct fixture *f = *state;
	struct store_new_account account = {"abe", "admin",	  NULL,
					    "en",  "$argon2id$x", "tester"};
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(store_account_add(f->store, &account), 0);
	account.name = "sato";
	assert_int_equal(store_account_add(f->store, &account), 1);
	assert_int_equal(store_account_list(f->store, list_names, &out), 0);
	assert_string_equal(strbuf_str(&out), "abe admin -;sato counter 本庁;");
	assert_int_equal(audit_rows(f->store, "account_add"), 2);
	strbuf_release(&out);
}

/* Sessions: found while live (expiry moved on), not once expired, nor
 * for a disabled account; gone after delete and purge. */
static void test_sessions(void **state)
{
	struct fixture *f = *state;
	struct store_new_session add = {"hash-1", "csrf-1", 0, NOW, NOW + 60};
	struct store_session session;

	assert_int_equal(store_session_get(f->store, "hash-1", NOW, NOW + 60,
					   &session), 1);
	add.account_id = 1;
	assert_int_equal(store_session_add(f->store, &add), 0);
	assert_int_equal(store_session_get(f->store, "hash-1", NOW + 50,
					   NOW + 110, &session), 0);
	assert_string_equal(session.name, "sato");
	assert_string_equal(session.csrf, "csrf-1");
	assert_string_equal(session.language, "ja");
	assert_string_equal(session.office, "本庁");
	store_session_release(&session);
	assert_int_equal(store_session_get(f->store, "hash-1", NOW + 100,
					   NOW + 160, &session), 0);
	store_session_release(&session);
	assert_int_equal(store_session_get(f->store, "hash-1", NOW + 160,
					   NOW + 220, &session), 1);
	assert_int_equal(store_session_purge(f->store, NOW + 160), 1);
	add.token_hash = "hash-2";
	assert_int_equal(store_session_add(f->store, &add), 0);
	assert_int_equal(store_account_set_disabled(f->store, "sato", 1, "t"),
			 0);
	assert_int_equal(store_session_get(f->store, "hash-2", NOW, NOW + 60,
					   &session), 1);
	assert_int_equal(store_session_delete(f->store, "hash-2"), 0);
	assert_int_equal(store_session_delete(f->store, "hash-2"), 1);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names_roles_passwords),
	    cmocka_unit_test(test_password_lengths),
	    TEST(test_right_and_wrong),
	    TEST(test_unknown_checks_a_hash),
	    TEST(test_unknown_takes_as_long),
	    TEST(test_disabled),
	    TEST(test_locked_then_unlocked),
	    TEST(test_success_resets_the_count),
	    TEST(test_new_password_unlocks),
	    TEST(test_add_list_and_taken_names),
	    TEST(test_sessions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
