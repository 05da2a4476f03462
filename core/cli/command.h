/* The commands of the intake tool and the session they share. */
#ifndef INTAKE_COMMAND_H
#define INTAKE_COMMAND_H

#include "config.h"
#include "lifecycle.h"
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
	int registry_opened; /* every plugin opened (session_plugins) */
	int registry_loaded; /* and every programme started */
	int start_failed;    /* a programme's form or init refused it */
	struct store *store;
};

/* Load the programmes: 0, or EXIT_CONFIG after printing why. */
int session_programmes(struct session *session);
/* Open the plugins only, for a command about one programme: the three
 * functions below start (read the form of) the programme they return,
 * and no other.  0, or EXIT_CONFIG after printing why. */
int session_plugins(struct session *session);
/* session_programme without a word when id is not a known programme. */
const struct programme *session_programme_if_any(struct session *session,
						 const char *id);
/* Find a loaded programme by its id (as stored); prints the known ones
 * when absent. */
const struct programme *session_programme(struct session *session,
					  const char *id);
/* The loaded programme a name people type means (registry_lookup: id,
 * receipt prefix, title or part of one).  Every command taking a
 * programme from the command line asks this.  NULL, after listing the
 * programmes (id, prefix, title; for an ambiguous name those it fits),
 * when the name fits none or more than one: the caller exits 64. */
const struct programme *session_programme_named(struct session *session,
						const char *name);
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

/* --month as staff write it (period_parse_month: 2026-08, 2026/8,
 * 2026年8月, 令和8年8月, R8.8) into yyyymm: 0, or EXIT_USAGE after
 * saying what is expected. */
int parse_month_option(const char *text, long *yyyymm);
/* --fy as staff write it (period_parse_fiscal_year: 2026, 2026年度,
 * 令和8年度, R8, H31) into fiscal_year: 0, or EXIT_USAGE after saying
 * what is expected. */
int parse_fiscal_year_option(const char *text, int *fiscal_year);

/* FIELD=VALUE operands from optind on, answered on app (a repeated
 * field or an operand without '=' is a problem of app). */
struct intake_case;
void answer_operands(struct intake_case *app, int argc, char **argv);

/* Load an application by receipt: 0, or an exit status after printing
 * (66 no such receipt, 65 a damaged table). */
struct store_application;
int load_application(struct session *session, enum store_mode mode,
		     const char *receipt, struct store_application *stored);

/* A note or reason typed by staff (what names it in messages): safe
 * text, lines allowed, at most NOTE_MAX characters.  0, or EXIT_DATAERR
 * after saying why (lifecycle_text_problem). */
int check_note_text(const char *what, const char *note);

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
int cmd_report(struct session *session, int argc, char **argv);  /* kpi_command.c */
int cmd_verify(struct session *session, int argc, char **argv);  /* verify.c */
int cmd_amend(struct session *session, int argc, char **argv);   /* casework.c */
int cmd_withdraw(struct session *session, int argc, char **argv);
int cmd_reopen(struct session *session, int argc, char **argv);
int cmd_note(struct session *session, int argc, char **argv);
int cmd_backup(struct session *session, int argc, char **argv);  /* verify.c */
int cmd_restore(struct session *session, int argc, char **argv); /* verify.c */
int cmd_serve(struct session *session, int argc, char **argv);   /* serve.c */
int cmd_import(struct session *session, int argc, char **argv);  /* import.c */
int cmd_migrate(struct session *session, int argc, char **argv); /* migrate.c */


#endif
