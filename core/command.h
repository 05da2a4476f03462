/* The commands of the intake tool and the session they share. */
#ifndef INTAKE_COMMAND_H
#define INTAKE_COMMAND_H

#include "config.h"
#include "plugin.h"
#include "report.h"
#include "store.h"

struct field;

/*
 * What every command may need, loaded on first use: the configuration
 * (always), the programmes, the database.
 */
struct session {
	struct config config;
	const char *database; /* -d, else config.database */
	struct registry registry;
	int registry_loaded;
	struct store *store;
};

/* Load the programmes: 0, or EXIT_CONFIG after printing why. */
int session_programmes(struct session *session);
/* Find a loaded programme; prints the known ones when absent. */
const struct programme *session_programme(struct session *session,
					  const char *id);
/* Open the database (STORE_CREATE: init only; STORE_READ for commands
 * that only read): 0 or an exit status after printing. */
int session_store(struct session *session, enum store_mode mode);
/* The exit status for the last failure of the session's store (74
 * I/O or disk full, 75 busy, 77 no permission, 65 damaged, 70 else). */
int session_store_failure(const struct session *session);
/* The exit status for a store status (0 for STORE_OK). */
int store_exit_status(enum store_status status);
void session_release(struct session *session);

/* An unknown option or one missing its argument, after getopt_long
 * (opterr is 0): prints it and returns EXIT_USAGE. */
int option_error(char **argv);

/* Parse --format NAME into format: 0, or EXIT_USAGE after printing. */
int parse_format_option(const char *name, enum report_format *format);

/* "YYYY-MM" into yyyymm: 0, or EXIT_USAGE after printing. */
int parse_month_option(const char *text, long *yyyymm);

/* What a field accepts, for people: choices, limits (malloced, may be
 * empty). */
char *field_accepts(const struct field *field);

/* Each command returns the process exit status; argv[0] is its name. */
int cmd_init(struct session *session, int argc, char **argv);
int cmd_programs(struct session *session, int argc, char **argv);
int cmd_form(struct session *session, int argc, char **argv);
int cmd_add(struct session *session, int argc, char **argv);
int cmd_show(struct session *session, int argc, char **argv);
int cmd_list(struct session *session, int argc, char **argv);
int cmd_find(struct session *session, int argc, char **argv);
int cmd_outcome(struct session *session, int argc, char **argv);
int cmd_plugin(struct session *session, int argc, char **argv);
int cmd_tally(struct session *session, int argc, char **argv);   /* tally.c */
int cmd_export(struct session *session, int argc, char **argv);  /* export.c */
int cmd_verify(struct session *session, int argc, char **argv);  /* verify.c */
int cmd_backup(struct session *session, int argc, char **argv);  /* verify.c */
int cmd_restore(struct session *session, int argc, char **argv); /* verify.c */


#endif
