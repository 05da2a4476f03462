/* intake: command-line dispatch. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "due.h"
#include "entry.h"
#include "messages.h"
#include "store.h"
#include "user.h"
#include "util.h"

#define INTAKE_VERSION "0.1.0"

struct command {
	const char *name;
	int (*run)(struct session *session, int argc, char **argv);
};

static const struct command commands[] = {
	{ "init", cmd_init },	      { "programs", cmd_programs },
	{ "form", cmd_form },	      { "add", cmd_add },
	{ "show", cmd_show },	      { "list", cmd_list },
	{ "outcome", cmd_outcome },   { "tally", cmd_tally },
	{ "export", cmd_export },     { "plugin", cmd_plugin },
	{ "new", cmd_new },	      { "resume", cmd_resume },
	{ "verify", cmd_verify },     { "backup", cmd_backup },
	{ "restore", cmd_restore },   { "find", cmd_find },
	{ "amend", cmd_amend },	      { "withdraw", cmd_withdraw },
	{ "reopen", cmd_reopen },     { "note", cmd_note },
	{ "due", cmd_due },	      { "user", cmd_user },
	{ "serve", cmd_serve },	      { "report", cmd_report },
	{ "import", cmd_import },     { "migrate", cmd_migrate },
};

static int usage(FILE *out, int status)
{
	fputs(msg(MSG_USAGE), out);
	return status;
}

/* The language before the configuration is read: --lang, else $LANG. */
static void early_language(int argc, char **argv)
{
	const char *lang = getenv("LANG");
	enum language language = LANG_JA;
	int i;

	if (lang && !strncmp(lang, "en", 2))
		language = LANG_EN;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			language_parse(argv[i + 1], &language);
		else if (!strncmp(argv[i], "--lang=", 7))
			language_parse(argv[i] + 7, &language);
	msg_set_language(language);
}

struct global_options {
	const char *config;
	const char *database;
	const char *language;
};

static int parse_global(int argc, char **argv, struct global_options *opts)
{
	static const struct option long_options[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "database", required_argument, NULL, 'd' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int option;

	while ((option = getopt_long(argc, argv, "+c:d:h", long_options,
				     NULL)) != -1) {
		switch (option) {
		case 'c': opts->config = optarg; break;
		case 'd': opts->database = optarg; break;
		case 'L': opts->language = optarg; break;
		case 'h': exit(usage(stdout, 0));
		case 'V': puts("intake " INTAKE_VERSION); exit(0);
		default: return usage(stderr, EXIT_USAGE);
		}
	}
	return 0;
}

static int apply_language(struct session *session, const char *language)
{
	enum language chosen = session->config.language;

	if (language && language_parse(language, &chosen))
		return error(msg(MSG_CMD_BAD_LANGUAGE), language), EXIT_USAGE;
	msg_set_language(chosen);
	return 0;
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	struct global_options opts = { NULL, NULL, NULL };
	struct session session;
	const struct command *command;
	int status;

	early_language(argc, argv);
	if ((status = parse_global(argc, argv, &opts)))
		return status;
	if (optind >= argc)
		return usage(stderr, EXIT_USAGE);
	command = find_command(argv[optind]);
	if (!command) {
		error(msg(MSG_CMD_UNKNOWN), argv[optind]);
		return usage(stderr, EXIT_USAGE);
	}
	memset(&session, 0, sizeof(session));
	if ((status = config_load(&session.config, opts.config)))
		return status;
	session.database = opts.database ? opts.database
					 : session.config.database;
	status = apply_language(&session, opts.language);
	if (!status) {
		argc -= optind;
		argv += optind;
		optind = 0; /* let each command's getopt start afresh */
		opterr = 0; /* option_error() reports, in our words */
		status = command->run(&session, argc, argv);
	}
	session_release(&session);
	return status;
}
