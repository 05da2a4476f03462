/* The commands that work a case after it is taken: amend, withdraw,
 * reopen, note (the rules and store sequences in ops/lifecycle.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "amend.h"
#include "application.h"
#include "command.h"
#include "entry.h"
#include "lifecycle.h"
#include "messages.h"
#include "store.h"
#include "terminal.h"
#include "util.h"

/* --reason TEXT, the one option of these commands (optional only where
 * the counter asks for it: optional set). */
static int parse_reason_option(int argc, char **argv, const char **reason,
			       int optional)
{
	static const struct option options[] = {
	    {"reason", required_argument, NULL, 'r'},
	    {NULL, 0, NULL, 0},
	};
	int option;

	*reason = NULL;
	while ((option = getopt_long(argc, argv, "", options, NULL)) != -1) {
		if (option != 'r')
			return option_error(argv);
		*reason = optarg;
	}
	if (!*reason && optional)
		return 0;
	if (!*reason) {
		error("%s", msg(MSG_AMEND_NEEDS_REASON));
		return EXIT_USAGE;
	}
	return check_note_text("--reason", *reason);
}

static int parse_reason(int argc, char **argv, const char **reason)
{
	return parse_reason_option(argc, argv, reason, 0);
}

/* The reason, asked at the counter until one is given: malloced, or
 * NULL at the end of input. */
static char *ask_reason(void)
{
	struct terminal terminal;
	char *line;

	terminal_init(&terminal);
	while ((line = terminal_read(&terminal, msg(MSG_ENTRY_AMEND_REASON)))) {
		if (*line && !check_note_text("--reason", line))
			return line;
		if (!*line)
			error("%s", msg(MSG_AMEND_NEEDS_REASON));
		free(line);
	}
	return NULL;
}

/* The case and its programme: 0, or an exit status after printing. */
static int open_case(struct session *session, const char *receipt,
		     struct store_application *stored,
		     const struct programme **programme)
{
	int status;

	if ((status = session_plugins(session)) ||
	    (status = load_application(session, STORE_WRITE, receipt, stored)))
		return status;
	*programme = session_programme(session, stored->programme);
	if (!*programme) {
		store_application_release(stored);
		return EXIT_CONFIG;
	}
	return 0;
}

static int store_amendment(struct session *session,
			   const struct store_application *stored,
			   const struct intake_case *app, const char *reason)
{
	struct lifecycle_request request = {
		session->store, stored, msg_language(), session->config.staff,
		reason, "--reason"};
	size_t n_changes;
	char *why;
	int rc = lifecycle_amend(&request, app, &n_changes, &why);

	if (rc < 0)
		return session_store_failure(session);
	if (rc > 0) {
		error("%s", why);
		free(why);
		return EXIT_DATAERR;
	}
	if (!n_changes)
		printf(msg(MSG_AMEND_NOTHING), stored->receipt);
	else
		printf(msg(MSG_AMEND_DONE), stored->receipt, n_changes);
	return 0;
}

/* The corrections: FIELD=VALUE operands, or at the counter the
 * answers chosen and typed again, and the reason asked last.  0, or an
 * exit status; *asked is the reason typed (malloced) or NULL. */
static int corrections(struct session *session, int argc, char **argv,
		       const struct programme *programme,
		       const struct store_application *stored,
		       struct intake_case *app, const char *reason,
		       char **asked)
{
	*asked = NULL;
	if (optind < argc) {
		application_from_store(app, programme, stored);
		answer_operands(app, argc, argv);
		return 0;
	}
	if (counter_correct(session, programme, stored, app) < 0)
		return EXIT_DATAERR;
	if (!reason && !(*asked = ask_reason()))
		return EXIT_DATAERR;
	return 0;
}

int cmd_amend(struct session *session, int argc, char **argv)
{
	struct store_application stored;
	const struct programme *programme;
	struct intake_case app;
	const char *reason;
	char *asked = NULL;
	int status, counter;

	if ((status = parse_reason_option(argc, argv, &reason, 1)))
		return status;
	counter = argc - optind == 1 && isatty(STDIN_FILENO);
	if (argc - optind < (counter ? 1 : 2)) {
		error(msg(MSG_CMD_USAGE), "intake amend RECEIPT FIELD=VALUE … "
					  "--reason TEXT");
		return EXIT_USAGE;
	}
	if (!counter && !reason) {
		error("%s", msg(MSG_AMEND_NEEDS_REASON));
		return EXIT_USAGE;
	}
	if ((status = open_case(session, argv[optind++], &stored, &programme)))
		return status;
	status = corrections(session, argc, argv, programme, &stored, &app,
			     reason, &asked);
	if (!status && amend_check(&app, &stored)) {
		application_print_problems(&app, stderr);
		error("%s", msg(MSG_CMD_NOTHING_STORED));
		status = EXIT_DATAERR;
	} else if (!status) {
		status = store_amendment(session, &stored, &app,
					 asked ? asked : reason);
	}
	application_release(&app);
	free(asked);
	store_application_release(&stored);
	return status;
}

static int set_withdrawn(struct session *session, int argc, char **argv,
			 int withdrawn)
{
	struct store_application stored;
	struct lifecycle_request request = {0};
	char *why;
	int status, rc;

	if ((status = parse_reason(argc, argv, &request.reason)))
		return status;
	if (argc - optind != 1) {
		error(msg(MSG_CMD_USAGE),
		      withdrawn ? "intake withdraw RECEIPT --reason TEXT"
				: "intake reopen RECEIPT --reason TEXT");
		return EXIT_USAGE;
	}
	if ((status =
		 load_application(session, STORE_WRITE, argv[optind], &stored)))
		return status;
	request.store = session->store;
	request.stored = &stored;
	request.lang = msg_language();
	request.staff = session->config.staff;
	request.reason_word = "--reason";
	rc = lifecycle_set_withdrawn(&request, withdrawn, &why);
	if (rc < 0)
		status = session_store_failure(session);
	else if (rc > 0) {
		error("%s", why);
		free(why);
		status = EXIT_DATAERR;
	} else
		printf(msg(withdrawn ? MSG_CASE_WITHDRAWN : MSG_CASE_REOPENED),
		       stored.receipt);
	store_application_release(&stored);
	return status;
}

int cmd_withdraw(struct session *session, int argc, char **argv)
{
	return set_withdrawn(session, argc, argv, 1);
}

int cmd_reopen(struct session *session, int argc, char **argv)
{
	return set_withdrawn(session, argc, argv, 0);
}

int cmd_note(struct session *session, int argc, char **argv)
{
	struct store_application stored;
	struct lifecycle_request request = {0};
	char *why;
	int status, rc;

	if (argc != 3) {
		error(msg(MSG_CMD_USAGE), "intake note RECEIPT TEXT");
		return EXIT_USAGE;
	}
	if ((status = check_note_text(msg(MSG_CMD_NOTE_WORD), argv[2])) ||
	    (status = load_application(session, STORE_WRITE, argv[1], &stored)))
		return status;
	request.store = session->store;
	request.stored = &stored;
	request.lang = msg_language();
	request.staff = session->config.staff;
	request.reason_word = msg(MSG_CMD_NOTE_WORD);
	rc = lifecycle_note(&request, argv[2], &why);
	if (rc < 0)
		status = session_store_failure(session);
	else if (rc > 0) {
		error("%s", why);
		free(why);
		status = EXIT_DATAERR;
	} else
		printf(msg(MSG_CASE_NOTE_ADDED), stored.receipt);
	store_application_release(&stored);
	return status;
}
