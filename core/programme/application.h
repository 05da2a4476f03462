/* One application being taken: answers, checks, plugin rules. */
#ifndef INTAKE_APPLICATION_H
#define INTAKE_APPLICATION_H

#include <stddef.h>
#include <stdio.h>

#include "problem.h"

struct programme;
struct form;
struct field;

struct outcome_history {
	char *code;
	long date; /* yyyymmdd */
};

/*
 * The plugins see this as struct intake_case.  values[i] is the stored
 * text of form->fields[i], NULL when unanswered.  received_on is a
 * field of every application that no form declares.
 */
struct intake_case {
	const struct programme *programme;
	const struct form *form;
	long received_on;
	char **values;
	struct outcome_history *outcomes;
	size_t n_outcomes, alloc_outcomes;
	struct problem *problems;
	size_t n_problems, alloc_problems;
	int deriving; /* set_* allowed only inside derive */
	int has_amount;     /* an amount goes with the outcome checked */
	long long amount;   /* in yen, when has_amount (host get_amount) */
	char received_iso[11]; /* application_value("received_on") */
};

void application_init(struct intake_case *app,
		      const struct programme *programme);
void application_release(struct intake_case *app);

/*
 * Answer a field from what someone typed: parse and normalise with the
 * field's type, and check a date against its bounds (form.h; a bound
 * on a field not answered yet waits for application_check).
 * "received_on" sets the reception date.  Returns 0, or -1 with a
 * problem recorded (unknown field, derived field, bad value, a date out
 * of bounds: then nothing is set).
 */
int application_answer(struct intake_case *app, const char *field_id,
		       const char *input);

struct store_application;
/* The application as stored: answers, reception date, the outcomes
 * that count (voided ones are left out). */
void application_from_store(struct intake_case *app,
			    const struct programme *programme,
			    const struct store_application *stored);

/* Set a stored value directly (loading from the database). */
void application_set_stored(struct intake_case *app, const char *field_id,
			    const char *stored);

/* 1 when field's `when` holds on the answers so far (or it has none). */
int application_asks(const struct intake_case *app,
		     const struct field *field);

/* The form's own checks of the answers so far: answers to fields not
 * asked dropped, required ones present, date bounds (a bound may name
 * a field answered later).  Problems recorded; callback.c runs them
 * before the plugin's. */
void application_check_answers(struct intake_case *app);

/*
 * The whole check, as the counter runs it before saving: clear answers
 * of fields whose `when` is false, required fields, date bounds (and
 * received_on's), then the plugin's
 * validate and, if that passed, derive.  Returns 0 when there are no
 * problems.
 */
int application_check(struct intake_case *app);

/* Add an earlier outcome (for check_outcome). */
void application_add_outcome(struct intake_case *app, const char *code,
			     long date);

/*
 * Is date within the bounds of outcome code (the form's [outcome.<code>]
 * min and max, by default received_on to today, and never before the
 * form's first fiscal year)?  0 yes, -1 no with a problem on field code
 * naming the date and the range.
 */
int application_check_outcome_date(struct intake_case *app, const char *code,
				   long date);

/* May code be recorded on date?  The programme's declared outcome needs
 * first, then its check_outcome (which sees the amount set by
 * application_set_amount only when code carries one): 0 yes, -1 no
 * (reasons as problems).
 * The date's bounds are application_check_outcome_date's: a front end
 * calls that first, on the date the user gave. */
int application_check_outcome(struct intake_case *app, const char *code,
			      long date);

/* The amount in yen given with the outcome about to be checked (has 0:
 * none given): what host->get_amount hands check_outcome. */
void application_set_amount(struct intake_case *app, int has,
			    long long yen);

/* The amount given with outcome code against the programme's declared
 * amounts (ABI 1.3): none given for an outcome whose amount is
 * required, or one given for an outcome that carries none, is a
 * problem on field code.  0, or -1. */
int application_check_outcome_amount(struct intake_case *app,
				     const char *code);

/* Record a problem; given and rule may be NULL. */
void application_problem(struct intake_case *app, const char *field,
			 const char *given, const char *rule,
			 const char *expected);
/* Record a problem with the field's stored value (a rule on answers). */
void application_problem_stored(struct intake_case *app, const char *field,
				const char *rule, const char *expected);

/* Forget the problems recorded so far. */
void application_clear_problems(struct intake_case *app);

/*
 * One sentence per problem, in the staff's words: the field's label,
 * what was typed (a stored value as the form shows it: a label, not a
 * code; control and invisible characters as <U+XXXX>), what is
 * expected; "intake: TITLE: EXPECTED" for the whole application.
 * Problems of one rule and message naming several fields are one
 * sentence naming them all.  Rule ids are not in the sentence; with
 * INTAKE_DEBUG set each problem is also logged, for scripts, as
 * "intake: debug: PROGRAMME: FIELD: given 'X': rule R: EXPECTED".
 */
void application_print_problems(const struct intake_case *app, FILE *out);
/* The same sentences through error() (and the debug lines through
 * report_as), for code below the front ends. */
void application_report_problems(const struct intake_case *app);

struct strbuf;
/* The sentence of problem index as application_print_problems prints
 * it, without "intake: " and the newline, appended to line: 1, or 0
 * (nothing appended) when an earlier problem's sentence says it. */
int application_problem_sentence(const struct intake_case *app, size_t index,
				 struct strbuf *line);

/* The label of field_id for people ("received_on" and an outcome code,
 * for an outcome's date, too; an unknown id as it is). */
const char *application_field_label(const struct intake_case *app,
				    const char *field_id);

/* The stored value of field_id (or received_on as ISO), NULL if none. */
const char *application_value(const struct intake_case *app,
			      const char *field_id);

#endif
