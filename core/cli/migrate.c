/* `intake migrate`: one database copied into another, the front end. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "messages.h"
#include "store_copy.h"
#include "util.h"

static void print_problem(const char *problem, void *context)
{
	(*(int *)context)++;
	error("%s", problem);
}

static int parse_migrate_options(int argc, char **argv, const char **from,
				 const char **to)
{
	static const struct option long_options[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	int option;

	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case 'f': *from = optarg; break;
		case 't': *to = optarg; break;
		default: return option_error(argv);
		}
	}
	if (!*from || !*to || optind != argc) {
		fputs(msg(MSG_MIGRATE_USAGE), stderr);
		return EXIT_USAGE;
	}
	return 0;
}

/* The same file by any name, or the same URI. */
static int same_database(const char *a, const char *b)
{
	char real_a[PATH_MAX], real_b[PATH_MAX];

	if (!strcmp(a, b))
		return 1;
	return realpath(a, real_a) && realpath(b, real_b) &&
	       !strcmp(real_a, real_b);
}

static int verified(struct store *store)
{
	struct store_audit_check check;

	return store_audit_verify(store, &check) == 0 && !check.first_bad;
}

static void print_result(const struct store_copy_result *r, const char *from)
{
	if (!r->head[0]) {
		printf(msg(MSG_MIGRATE_NOTHING), from, r->cases_present,
		       r->accounts_present, r->audit_present);
		return;
	}
	printf(msg(MSG_MIGRATE_DONE), from, r->cases, r->outcomes, r->notes,
	       r->links, r->drafts, r->accounts, r->audit_rows);
	if (r->cases_present || r->accounts_present || r->audit_present)
		printf(msg(MSG_MIGRATE_PRESENT), r->cases_present,
		       r->accounts_present, r->audit_present);
	printf(msg(r->verbatim ? MSG_MIGRATE_VERBATIM : MSG_MIGRATE_RECHAINED),
	       r->head);
	printf("%s", msg(MSG_MIGRATE_SESSIONS));
}

static int migrate(struct store *from, struct store *to, const char *name,
		   const char *staff)
{
	struct store_copy_result result;
	int problems = 0;
	int ret = store_copy(from, to, name, staff, print_problem, &problems,
			     &result);

	if (ret > 0) {
		error(msg(MSG_MIGRATE_REFUSED), problems);
		return EXIT_DATAERR;
	}
	if (ret < 0)
		return store_exit_status(store_status(to)) ?
			       store_exit_status(store_status(to)) :
			       EXIT_SOFTWARE;
	if (!verified(from) || !verified(to))
		return EXIT_SOFTWARE; /* printed by verify */
	print_result(&result, name);
	printf("%s", msg(MSG_MIGRATE_VERIFIED));
	return 0;
}

int cmd_migrate(struct session *session, int argc, char **argv)
{
	const char *from_path = NULL, *to_path = NULL;
	struct store *from = NULL, *to = NULL;
	char *name;
	int status;

	if ((status = parse_migrate_options(argc, argv, &from_path, &to_path)))
		return status;
	if (same_database(from_path, to_path)) {
		error(msg(MSG_MIGRATE_SAME), from_path);
		return EXIT_USAGE;
	}
	status = store_exit_status(store_open(&from, from_path, STORE_READ));
	if (!status)
		status = store_exit_status(
			store_open(&to, to_path, STORE_CREATE));
	if (!status) {
		name = store_public_name(from_path);
		status = migrate(from, to, name, session->config.staff);
		free(name);
	}
	store_close(from);
	store_close(to);
	return status;
}
