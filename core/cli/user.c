/* Staff accounts: `intake user add|passwd|disable|enable|list`. */
#include "user.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "account.h"
#include "command.h"
#include "messages.h"
#include "store.h"
#include "util.h"
#include "value.h"

/* A password and one byte more (a longer line is cut there, and is then
 * too long for account_password_check), and the NUL. */
#define PASSWORD_BUFFER (ACCOUNT_PASSWORD_MAX + 2)

/* The terminal as it was while echo is off, restored by a signal. */
static struct termios saved_termios;
static volatile sig_atomic_t echo_is_off;
static const int echo_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
static struct sigaction saved_actions[ARRAY_SIZE(echo_signals)];

static void restore_echo(int sig)
{
	if (echo_is_off)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void echo_off(void)
{
	struct sigaction action;
	struct termios off;
	size_t i;

	if (tcgetattr(STDIN_FILENO, &saved_termios) < 0)
		return;
	memset(&action, 0, sizeof(action));
	action.sa_handler = restore_echo;
	sigemptyset(&action.sa_mask);
	for (i = 0; i < ARRAY_SIZE(echo_signals); i++)
		sigaction(echo_signals[i], &action, &saved_actions[i]);
	off = saved_termios;
	off.c_lflag &= ~(tcflag_t)ECHO;
	echo_is_off = 1;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &off);
}

static void echo_on(void)
{
	size_t i;

	if (!echo_is_off)
		return;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_termios);
	echo_is_off = 0;
	for (i = 0; i < ARRAY_SIZE(echo_signals); i++)
		sigaction(echo_signals[i], &saved_actions[i], NULL);
}

/* One line of stdin into buf (without its newline), a byte at a time so
 * that no copy stays in a stdio buffer.  0, 1 when it held a NUL byte,
 * -1 at the end of input before any byte. */
static int read_secret(char *buf, size_t size)
{
	size_t len = 0;
	int any = 0, nul = 0;
	ssize_t n;
	char c = 0;

	for (;;) {
		n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || c == '\n')
			break;
		any = 1;
		nul |= c == '\0';
		if (len + 1 < size)
			buf[len++] = c;
	}
	buf[len] = '\0';
	c = 0;
	if (!any && n != 1)
		return -1;
	return nul;
}

/* read_secret, on a terminal after prompt with echo off. */
static int ask_secret(int tty, const char *prompt, char *buf, size_t size)
{
	int rc;

	if (!tty)
		return read_secret(buf, size);
	fputs(prompt, stderr);
	fflush(stderr);
	echo_off();
	rc = read_secret(buf, size);
	echo_on();
	fputc('\n', stderr);
	return rc;
}

/* 0 when the password read (rc of read_secret) may be one, else
 * EXIT_DATAERR after saying why. */
static int password_refused(int rc, const char *password)
{
	enum account_password_problem problem =
	    rc ? ACCOUNT_PASSWORD_CONTROL : account_password_check(password);

	switch (problem) {
	case ACCOUNT_PASSWORD_OK: return 0;
	case ACCOUNT_PASSWORD_SHORT:
		error(msg(MSG_USER_PASSWORD_SHORT), ACCOUNT_PASSWORD_MIN);
		break;
	case ACCOUNT_PASSWORD_LONG:
		error(msg(MSG_USER_PASSWORD_LONG), ACCOUNT_PASSWORD_MAX);
		break;
	case ACCOUNT_PASSWORD_CONTROL:
		error("%s", msg(MSG_USER_PASSWORD_CONTROL));
		break;
	}
	return EXIT_DATAERR;
}

/* The new password, twice on a terminal: 0, or an exit status. */
static int new_password(char *password, size_t size)
{
	char again[PASSWORD_BUFFER];
	int tty = isatty(STDIN_FILENO), rc, status;

	rc = ask_secret(tty, msg(MSG_USER_PASSWORD_PROMPT), password, size);
	if (rc < 0) {
		error("%s", msg(MSG_USER_NO_PASSWORD));
		return EXIT_DATAERR;
	}
	if ((status = password_refused(rc, password)) || !tty)
		return status;
	rc =
	    ask_secret(tty, msg(MSG_USER_PASSWORD_AGAIN), again, sizeof(again));
	if (rc || strcmp(password, again)) {
		error("%s", msg(MSG_USER_PASSWORD_DIFFER));
		status = EXIT_DATAERR;
	}
	sodium_memzero(again, sizeof(again));
	return status;
}

/* Ask the new password and hash it: 0, or an exit status. */
static int new_hash(char hash[ACCOUNT_HASH_SIZE])
{
	char password[PASSWORD_BUFFER];
	struct account_cost cost = account_cost_interactive();
	int status = new_password(password, sizeof(password));

	if (!status && account_hash(password, &cost, hash) < 0) {
		error("%s", msg(MSG_USER_HASH_FAILED));
		status = EXIT_SOFTWARE;
	}
	sodium_memzero(password, sizeof(password));
	return status;
}

/* text, escaped, in message id: EXIT_DATAERR or status. */
static int refuse_text(enum msg_id id, const char *text, int status)
{
	char *shown = text_escape_unsafe(text, 0);

	error(msg(id), shown);
	free(shown);
	return status;
}

static int check_name(const char *name)
{
	if (account_name_valid(name))
		return 0;
	return refuse_text(MSG_USER_BAD_NAME, name, EXIT_DATAERR);
}

struct add_options {
	const char *name, *role, *office;
	enum language language;
};

static int check_office(const char *office)
{
	char *why = NULL;

	if (!office)
		return 0;
	if (text_check_safe(office, 0, &why) < 0) {
		error(msg(MSG_USER_BAD_OFFICE), why);
		free(why);
		return EXIT_DATAERR;
	}
	if (utf8_chars(office) > CONFIG_NAME_MAX) {
		error(msg(MSG_USER_OFFICE_TOO_LONG), utf8_chars(office),
		      CONFIG_NAME_MAX);
		return EXIT_DATAERR;
	}
	return 0;
}

enum { OPT_ROLE = 1000, OPT_OFFICE, OPT_LANG };

static int parse_add(int argc, char **argv, struct add_options *opts)
{
	static const struct option options[] = {
	    {"role", required_argument, NULL, OPT_ROLE},
	    {"office", required_argument, NULL, OPT_OFFICE},
	    {"lang", required_argument, NULL, OPT_LANG},
	    {NULL, 0, NULL, 0},
	};
	int option;

	while ((option = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (option) {
		case OPT_ROLE: opts->role = optarg; break;
		case OPT_OFFICE: opts->office = optarg; break;
		case OPT_LANG:
			if (language_parse(optarg, &opts->language))
				return refuse_text(MSG_USER_BAD_LANGUAGE,
						   optarg, EXIT_USAGE);
			break;
		default: return option_error(argv);
		}
	}
	if (argc - optind != 1) {
		error(msg(MSG_CMD_USAGE), msg(MSG_USER_USAGE));
		return EXIT_USAGE;
	}
	opts->name = argv[optind];
	if (!opts->role) {
		error("%s", msg(MSG_USER_NEEDS_ROLE));
		return EXIT_USAGE;
	}
	if (!account_role_valid(opts->role))
		return refuse_text(MSG_USER_BAD_ROLE, opts->role, EXIT_USAGE);
	if (check_name(opts->name))
		return EXIT_DATAERR;
	return check_office(opts->office);
}

/* 0 when there is no account of that name, else an exit status. */
static int name_free(struct session *session, const char *name)
{
	struct store_account account;
	int rc = store_account_get(session->store, name, &account);

	if (rc < 0)
		return session_store_failure(session);
	if (rc)
		return 0;
	store_account_release(&account);
	error(msg(MSG_USER_EXISTS), name);
	return EXIT_DATAERR;
}

static int user_add(struct session *session, int argc, char **argv)
{
	struct add_options opts = {NULL, NULL, NULL, session->config.language};
	struct store_new_account account;
	char hash[ACCOUNT_HASH_SIZE];
	int status, rc;

	if ((status = parse_add(argc, argv, &opts)) ||
	    (status = session_store(session, STORE_WRITE)) ||
	    (status = name_free(session, opts.name)) ||
	    (status = new_hash(hash)))
		return status;
	account.name = opts.name;
	account.role = opts.role;
	account.office = opts.office;
	account.language = opts.language == LANG_EN ? "en" : "ja";
	account.password_hash = hash;
	account.staff = session->config.staff;
	rc = store_account_add(session->store, &account);
	sodium_memzero(hash, sizeof(hash));
	if (rc < 0)
		return session_store_failure(session);
	if (rc > 0)
		return error(msg(MSG_USER_EXISTS), opts.name), EXIT_DATAERR;
	printf(msg(MSG_USER_ADDED), opts.name, opts.role);
	return 0;
}

/* The NAME operand of passwd, disable and enable, of an account that
 * exists: 0, or an exit status. */
static int named_account(struct session *session, int argc, char **argv,
			 const char **name)
{
	struct store_account account;
	int status, rc;

	if (argc != 2) {
		error(msg(MSG_CMD_USAGE), msg(MSG_USER_USAGE));
		return EXIT_USAGE;
	}
	*name = argv[1];
	if ((status = check_name(*name)) ||
	    (status = session_store(session, STORE_WRITE)))
		return status;
	rc = store_account_get(session->store, *name, &account);
	if (rc < 0)
		return session_store_failure(session);
	if (rc > 0)
		return error(msg(MSG_USER_UNKNOWN), *name), EXIT_NOINPUT;
	store_account_release(&account);
	return 0;
}

static int user_passwd(struct session *session, int argc, char **argv)
{
	char hash[ACCOUNT_HASH_SIZE];
	const char *name;
	int status, rc;

	if ((status = named_account(session, argc, argv, &name)) ||
	    (status = new_hash(hash)))
		return status;
	rc = store_account_set_password(session->store, name, hash,
					session->config.staff);
	sodium_memzero(hash, sizeof(hash));
	if (rc < 0)
		return session_store_failure(session);
	if (rc > 0)
		return error(msg(MSG_USER_UNKNOWN), name), EXIT_NOINPUT;
	printf(msg(MSG_USER_PASSWORD_SET), name);
	return 0;
}

static int set_disabled(struct session *session, int argc, char **argv,
			int disabled)
{
	const char *name;
	int status, rc;

	if ((status = named_account(session, argc, argv, &name)))
		return status;
	rc = store_account_set_disabled(session->store, name, disabled,
					session->config.staff);
	if (rc < 0)
		return session_store_failure(session);
	if (rc == 1)
		return error(msg(MSG_USER_UNKNOWN), name), EXIT_NOINPUT;
	if (rc == 2) {
		error(msg(disabled ? MSG_USER_ALREADY_DISABLED
				   : MSG_USER_NOT_DISABLED),
		      name);
		return EXIT_DATAERR;
	}
	printf(msg(disabled ? MSG_USER_DISABLED : MSG_USER_ENABLED), name);
	return 0;
}

static void time_cell(struct report *report, const char *iso)
{
	char local[32];

	if (!iso) {
		report_null(report);
		return;
	}
	utc_to_local(iso, local, sizeof(local));
	report_text(report, local);
}

static int account_row(const struct store_account *account, void *context)
{
	struct report *report = context;

	report_text(report, account->name);
	report_text(report, account->role);
	report_text(report, account->office);
	report_text(report, account->language);
	time_cell(report, account->disabled_at);
	time_cell(report, account->created_at);
	time_cell(report, account->last_login_at);
	report_end_row(report);
	return 0;
}

static int user_list(struct session *session, int argc, char **argv)
{
	static const char *const columns[] = {
	    "name",	"role",	   "office",	 "language",
	    "disabled", "created", "last_login",
	};
	static const struct option options[] = {
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	enum report_format format = report_format_default();
	struct report *report;
	int option, status;

	while ((option = getopt_long(argc, argv, "", options, NULL)) != -1)
		if (option != 'f')
			return option_error(argv);
		else if (parse_format_option(optarg, &format))
			return EXIT_USAGE;
	if (optind != argc) {
		error(msg(MSG_CMD_USAGE), msg(MSG_USER_USAGE));
		return EXIT_USAGE;
	}
	if ((status = session_store(session, STORE_READ)))
		return status;
	report = report_begin(format, stdout, columns, ARRAY_SIZE(columns));
	status = store_account_list(session->store, account_row, report);
	report_finish(report);
	return status ? session_store_failure(session) : 0;
}

int cmd_user(struct session *session, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";

	if (!strcmp(sub, "add"))
		return user_add(session, argc - 1, argv + 1);
	if (!strcmp(sub, "passwd"))
		return user_passwd(session, argc - 1, argv + 1);
	if (!strcmp(sub, "disable") || !strcmp(sub, "enable"))
		return set_disabled(session, argc - 1, argv + 1,
				    !strcmp(sub, "disable"));
	if (!strcmp(sub, "list"))
		return user_list(session, argc - 1, argv + 1);
	if (*sub)
		refuse_text(MSG_USER_UNKNOWN_SUBCOMMAND, sub, 0);
	error(msg(MSG_CMD_USAGE), msg(MSG_USER_USAGE));
	return EXIT_USAGE;
}
