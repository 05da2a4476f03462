/* Staff accounts: names, roles, passwords hashed (Argon2id) and checked. */
#ifndef INTAKE_ACCOUNT_H
#define INTAKE_ACCOUNT_H

#include <stddef.h>

struct store;

#define ACCOUNT_NAME_MAX     32	  /* bytes: [a-z][a-z0-9_.-]{1,31} */
#define ACCOUNT_PASSWORD_MIN 10	  /* characters */
#define ACCOUNT_PASSWORD_MAX 1024 /* bytes */
#define ACCOUNT_HASH_SIZE    128  /* crypto_pwhash_STRBYTES */
#define ACCOUNT_LOCK_AFTER   5	  /* failed logins that lock */
#define ACCOUNT_LOCK_MINUTES 15

/* What hashing a password costs (libsodium's opslimit and memlimit):
 * interactive for real accounts, the minimum for unit tests. */
struct account_cost {
	unsigned long long opslimit;
	size_t memlimit;
};
struct account_cost account_cost_interactive(void);
struct account_cost account_cost_minimum(void);

/* 1 when name is [a-z][a-z0-9_.-]{1,31}, else 0. */
int account_name_valid(const char *name);
/* 1 for "counter", "manager" or "admin", else 0. */
int account_role_valid(const char *role);

enum account_password_problem {
	ACCOUNT_PASSWORD_OK = 0,
	ACCOUNT_PASSWORD_SHORT,	 /* under ACCOUNT_PASSWORD_MIN characters */
	ACCOUNT_PASSWORD_LONG,	 /* over ACCOUNT_PASSWORD_MAX bytes */
	ACCOUNT_PASSWORD_CONTROL /* control or invisible characters, or
				    not UTF-8 (text_check_safe) */
};
/* Is password fit to be one?  Never prints it. */
enum account_password_problem account_password_check(const char *password);

/* The Argon2id hash of password ("$argon2id$..."), with a fresh salt,
 * into hash: 0, or -1 (libsodium failed, or out of memory). */
int account_hash(const char *password, const struct account_cost *cost,
		 char hash[ACCOUNT_HASH_SIZE]);

enum account_result {
	ACCOUNT_OK = 0,
	ACCOUNT_WRONG,	/* wrong password (counted) */
	ACCOUNT_LOCKED, /* locked until later: not checked, not counted */
	ACCOUNT_DISABLED,
	ACCOUNT_UNKNOWN, /* no such name */
	ACCOUNT_ERROR	 /* the store failed (store_status says how) */
};

/* A login: when it happens (seconds since the epoch), what locks an
 * account (store_login_result), and the cost of the dummy hash an
 * unknown name is checked against (the cost real hashes were made
 * with). */
struct account_login {
	long long now;
	int lock_after, lock_minutes;
	struct account_cost cost;
};

/*
 * Check name's password and record the result (store_login_result).
 * Every path checks one hash: an unknown name (or a password over
 * ACCOUNT_PASSWORD_MAX) against a dummy one made at the first call with
 * login->cost, so that the time taken does not tell which names exist.
 * A disabled or locked account is refused whatever the password, and
 * the attempt is not counted.  Prints nothing (the store prints its own
 * failures); a server says the same words for every refusal.  Safe
 * to call from several threads at once (each check holds Argon2id's
 * memory, login->cost.memlimit, while it runs: a server bounds how many
 * run at once).
 */
enum account_result account_verify(struct store *store, const char *name,
				   const char *password,
				   const struct account_login *login);

/* How many hashes account_verify checked in this process (tests). */
unsigned long account_hashes_checked(void);

#endif
