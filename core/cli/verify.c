/* intake verify, backup and restore: a database proven whole. */
#include "verify.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "command.h"
#include "messages.h"
#include "store.h"
#include "util.h"

static int failure(struct store *store)
{
	int status = store_exit_status(store_status(store));

	return status ? status : EXIT_SOFTWARE;
}

static void print_damage(const char *problem, void *context)
{
	error(msg(MSG_VERIFY_DAMAGE), (const char *)context, problem);
}

int verify_integrity(struct store *store, const char *path)
{
	int damaged =
	    store_quick_check(store, NULL, print_damage, (void *)path);

	if (damaged < 0)
		return failure(store);
	if (damaged) {
		error(msg(MSG_VERIFY_DAMAGED), path);
		return EXIT_DATAERR;
	}
	printf("%s\n", msg(MSG_VERIFY_INTEGRITY_OK));
	return 0;
}

static void print_difference(const char *programme, long month,
			     const char *code, const char *column,
			     long long stored, long long actual, void *context)
{
	error(msg(MSG_COUNTS_DIFFERENCE), programme, month / 100,
	      month % 100, code, column, stored, actual);
}

int verify_counts(struct store *store)
{
	int differences = store_verify_counts(store, print_difference, NULL);

	if (differences < 0)
		return failure(store);
	if (differences) {
		error(msg(MSG_CMD_TALLY_DIFFERENCES), differences);
		return EXIT_DATAERR;
	}
	printf("%s\n", msg(MSG_CMD_TALLY_VERIFIED));
	return 0;
}

static int verify_chain(struct store *store, char head[65])
{
	struct store_audit_check check;
	int status = 0;

	if (store_audit_verify(store, &check) < 0)
		return failure(store);
	if (check.triggers_missing) {
		error("%s", msg(MSG_VERIFY_TRIGGERS_MISSING));
		status = EXIT_DATAERR;
	}
	if (check.first_bad) {
		error(msg(MSG_VERIFY_CHAIN_BROKEN), check.first_bad);
		return EXIT_DATAERR;
	}
	printf(msg(MSG_VERIFY_CHAIN_OK), check.rows,
	       check.head[0] ? check.head : "-");
	snprintf(head, 65, "%s", check.head);
	return status;
}

/* Run every check even after one failed; the worst status wins. */
int verify_store(struct store *store, const char *path, char head[65])
{
	int results[3], status = 0;
	size_t i;

	head[0] = '\0';
	results[0] = verify_integrity(store, path);
	results[1] = verify_counts(store);
	results[2] = verify_chain(store, head);
	for (i = 0; i < ARRAY_SIZE(results); i++)
		if (results[i] && (!status || status == EXIT_DATAERR))
			status = results[i];
	return status;
}

/* Options of verify, backup and restore. */
struct safety_options {
	const char *audit_hash;
	int force;
};

static int parse_safety_options(int argc, char **argv,
				struct safety_options *opts, int with_hash)
{
	static const struct option long_options[] = {
	    {"force", no_argument, NULL, 'f'},
	    {"audit-hash", required_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0},
	};
	int option;

	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		if (option == 'f' && !with_hash)
			opts->force = 1;
		else if (option == 'a' && with_hash)
			opts->audit_hash = optarg;
		else
			return option_error(argv);
	}
	return 0;
}

/* The head an office recorded earlier must still be in the chain: a
 * file rebuilt from scratch has a chain of its own. */
static int check_recorded_hash(struct store *store, const char *hash)
{
	int found = store_audit_has(store, hash);

	if (found < 0)
		return failure(store);
	if (!found) {
		error(msg(MSG_VERIFY_HASH_MISSING), hash);
		return EXIT_DATAERR;
	}
	printf(msg(MSG_VERIFY_HASH_FOUND), hash);
	return 0;
}

int cmd_verify(struct session *session, int argc, char **argv)
{
	struct safety_options opts = {0};
	char head[65];
	int status, recorded = 0;

	if ((status = parse_safety_options(argc, argv, &opts, 1)))
		return status;
	if (argc - optind != 0) {
		error(msg(MSG_CMD_USAGE), "intake verify [--audit-hash HASH]");
		return EXIT_USAGE;
	}
	if ((status = session_store(session, STORE_READ)))
		return status;
	status = verify_store(session->store, session->database_shown, head);
	if (opts.audit_hash)
		recorded = check_recorded_hash(session->store, opts.audit_hash);
	return status ? status : recorded;
}

/* Open path read-only and run every check on it. */
static int verify_file(const char *path, char head[65])
{
	struct store *store;
	int status = store_exit_status(store_open(&store, path, STORE_READ));

	if (status)
		return status;
	status = verify_store(store, path, head);
	store_close(store);
	return status;
}

int cmd_backup(struct session *session, int argc, char **argv)
{
	struct safety_options opts = {0};
	const char *dest;
	char head[65];
	int status;

	if ((status = parse_safety_options(argc, argv, &opts, 0)))
		return status;
	if (argc - optind != 1) {
		error(msg(MSG_CMD_USAGE), "intake backup DEST [--force]");
		return EXIT_USAGE;
	}
	dest = argv[optind];
	if ((status = session_store(session, STORE_READ)))
		return status;
	if (store_backup(session->store, dest, opts.force) < 0)
		return session_store_failure(session);
	printf(msg(MSG_VERIFY_BACKUP_WRITTEN), dest);
	status = verify_file(dest, head);
	if (status) {
		error(msg(MSG_VERIFY_BACKUP_BAD), dest);
		return status;
	}
	return 0;
}

/* Keep what the database holds now beside it before it is replaced. */
static int keep_current(struct session *session)
{
	char stamp[32], *kept;
	time_t now = time(NULL);
	struct tm local;
	int ret;

	localtime_r(&now, &local);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &local);
	kept = xstrfmt("%s.before-restore-%s", session->database, stamp);
	ret = store_backup(session->store, kept, 0);
	if (!ret)
		printf(msg(MSG_VERIFY_KEPT), kept);
	free(kept);
	return ret;
}

int cmd_restore(struct session *session, int argc, char **argv)
{
	struct safety_options opts = {0};
	const char *src;
	char head[65];
	long long held;
	int status;

	if ((status = parse_safety_options(argc, argv, &opts, 0)))
		return status;
	if (argc - optind != 1) {
		error(msg(MSG_CMD_USAGE), "intake restore BACKUP [--force]");
		return EXIT_USAGE;
	}
	src = argv[optind];
	if ((status = verify_file(src, head))) {
		error(msg(MSG_VERIFY_RESTORE_REFUSED), src);
		return status;
	}
	if ((status = session_store(session, STORE_WRITE)))
		return status;
	held = store_application_count(session->store);
	if (held < 0)
		return session_store_failure(session);
	if (held && !opts.force) {
		error(msg(MSG_VERIFY_RESTORE_NEEDS_FORCE), session->database,
		      held);
		return EXIT_USAGE;
	}
	if ((held && keep_current(session) < 0) ||
	    store_restore_from(session->store, src) < 0)
		return session_store_failure(session);
	printf(msg(MSG_VERIFY_RESTORED), session->database, src);
	return verify_store(session->store, session->database_shown, head);
}
