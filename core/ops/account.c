/* Staff accounts: names, roles, passwords hashed (Argon2id) and checked. */
#include "account.h"

#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <string.h>

#include "store.h"
#include "value.h"

_Static_assert(ACCOUNT_HASH_SIZE == crypto_pwhash_STRBYTES,
	       "ACCOUNT_HASH_SIZE is libsodium's crypto_pwhash_STRBYTES");

static atomic_ulong hashes_checked;
/* The dummy hash is made once per cost, by one thread at a time. */
static pthread_mutex_t dummy_lock = PTHREAD_MUTEX_INITIALIZER;

struct account_cost account_cost_interactive(void)
{
	struct account_cost cost = {crypto_pwhash_OPSLIMIT_INTERACTIVE,
				    crypto_pwhash_MEMLIMIT_INTERACTIVE};

	return cost;
}

struct account_cost account_cost_minimum(void)
{
	struct account_cost cost = {crypto_pwhash_OPSLIMIT_MIN,
				    crypto_pwhash_MEMLIMIT_MIN};

	return cost;
}

int account_name_valid(const char *name)
{
	size_t len = strlen(name), i;

	if (len < 2 || len > ACCOUNT_NAME_MAX || name[0] < 'a' || name[0] > 'z')
		return 0;
	for (i = 1; i < len; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyz0123456789_.-", name[i]))
			return 0;
	return 1;
}

int account_role_valid(const char *role)
{
	return !strcmp(role, "counter") || !strcmp(role, "manager") ||
	       !strcmp(role, "admin");
}

enum account_password_problem account_password_check(const char *password)
{
	if (strlen(password) > ACCOUNT_PASSWORD_MAX)
		return ACCOUNT_PASSWORD_LONG;
	if (text_check_safe(password, 0, NULL) < 0)
		return ACCOUNT_PASSWORD_CONTROL;
	if (utf8_chars(password) < ACCOUNT_PASSWORD_MIN)
		return ACCOUNT_PASSWORD_SHORT;
	return ACCOUNT_PASSWORD_OK;
}

int account_hash(const char *password, const struct account_cost *cost,
		 char hash[ACCOUNT_HASH_SIZE])
{
	if (sodium_init() < 0)
		return -1;
	return crypto_pwhash_str(hash, password, strlen(password),
				 cost->opslimit, cost->memlimit)
		   ? -1
		   : 0;
}

/* The hash of a random password made with cost, kept for the process
 * (made again when asked with another cost), copied into hash: 0, or
 * -1 if it cannot be made. */
static int dummy_hash_made(const struct account_cost *cost,
			   char hash[ACCOUNT_HASH_SIZE])
{
	static char kept[ACCOUNT_HASH_SIZE];
	static struct account_cost made;
	unsigned char random[16];
	char secret[2 * sizeof(random) + 1];

	if (*kept && made.opslimit == cost->opslimit &&
	    made.memlimit == cost->memlimit)
		return memcpy(hash, kept, sizeof(kept)), 0;
	randombytes_buf(random, sizeof(random));
	sodium_bin2hex(secret, sizeof(secret), random, sizeof(random));
	sodium_memzero(random, sizeof(random));
	if (account_hash(secret, cost, kept) < 0) {
		*kept = '\0';
		return -1;
	}
	made = *cost;
	sodium_memzero(secret, sizeof(secret));
	memcpy(hash, kept, sizeof(kept));
	return 0;
}

static int dummy_hash(const struct account_cost *cost,
		      char hash[ACCOUNT_HASH_SIZE])
{
	int rc;

	pthread_mutex_lock(&dummy_lock);
	rc = dummy_hash_made(cost, hash);
	pthread_mutex_unlock(&dummy_lock);
	return rc;
}

/* Does password match hash (NULL: the dummy)?  Always one check. */
static int password_matches(const char *hash, const char *password,
			    const struct account_cost *cost)
{
	char dummy_text[ACCOUNT_HASH_SIZE];
	size_t len = strlen(password);
	int dummy = !hash || len > ACCOUNT_PASSWORD_MAX, match;

	if (dummy) {
		if (dummy_hash(cost, dummy_text) < 0)
			return -1;
		hash = dummy_text;
		if (len > ACCOUNT_PASSWORD_MAX)
			len = ACCOUNT_PASSWORD_MAX;
	}
	match = !crypto_pwhash_str_verify(hash, password, len);
	hashes_checked++;
	return match && !dummy;
}

static enum account_result record(struct store *store, const char *name,
				  int match, const struct account_login *login)
{
	int rc = store_login_result(store, name, match, login->now,
				    login->lock_after, login->lock_minutes);

	if (rc < 0)
		return ACCOUNT_ERROR;
	if (rc > 0)
		return ACCOUNT_UNKNOWN;
	return match ? ACCOUNT_OK : ACCOUNT_WRONG;
}

enum account_result account_verify(struct store *store, const char *name,
				   const char *password,
				   const struct account_login *login)
{
	struct store_account account;
	enum account_result result;
	int found, match;

	if (sodium_init() < 0)
		return ACCOUNT_ERROR;
	found = store_account_get(store, name, &account);
	if (found < 0)
		return ACCOUNT_ERROR;
	match = password_matches(found ? NULL : account.password_hash, password,
				 &login->cost);
	if (match < 0)
		result = ACCOUNT_ERROR;
	else if (found)
		result = record(store, name, 0, login) == ACCOUNT_ERROR
			     ? ACCOUNT_ERROR
			     : ACCOUNT_UNKNOWN;
	else if (account.disabled_at)
		result = ACCOUNT_DISABLED;
	else if (account.locked_until > login->now)
		result = ACCOUNT_LOCKED;
	else
		result = record(store, name, match, login);
	if (!found)
		store_account_release(&account);
	return result;
}

unsigned long account_hashes_checked(void)
{
	return hashes_checked;
}
