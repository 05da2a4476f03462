/* Recording an outcome: every rule, problems as data, one transaction. */
#ifndef INTAKE_OUTCOME_H
#define INTAKE_OUTCOME_H

#include "messages.h"

struct intake_case;
struct intake_outcome;
struct programme;
struct store;
struct store_application;

/* What staff give for one outcome, whichever front end. */
struct outcome_request {
	const struct intake_outcome *outcome;
	long date;
	const char *note; /* NULL for none */
	int has_amount;	  /* an amount in yen goes with it */
	long long amount;
	const char *staff;
};

/*
 * May request be recorded on the stored case?  Each rule in turn: the
 * case is not withdrawn, an outcome that counts once is not recorded
 * yet (voided ones aside), the date within its bounds, the declared
 * needs and the plugin's check_outcome, and (with_amount) the amount
 * the outcome carries, or none.  Without with_amount check_outcome
 * sees no amount, as before one is asked.  app is set up from stored
 * (the caller releases it); 0, or -1 with the reasons as its problems.
 */
int outcome_check(struct intake_case *app, const struct programme *programme,
		  const struct store_application *stored,
		  const struct outcome_request *request, int with_amount);

/* The outcome of programme coded code (NULL: none given): it, or NULL
 * with *why (malloced, in lang) naming the codes the programme has. */
const struct intake_outcome *outcome_find(const struct programme *programme,
					  const char *code,
					  enum language lang, char **why);

/* May outcome be offered today (the counter's menu)?  1 or 0. */
int outcome_offered(const struct programme *programme,
		    const struct store_application *stored,
		    const struct intake_outcome *outcome, long today);

/* Store a checked request in one transaction: 0, 1 when another
 * process recorded the same once-outcome first (a problem of app), or
 * -1 (store_status says why). */
int outcome_record(struct store *store, struct intake_case *app,
		   const struct store_application *stored,
		   const struct outcome_request *request);

#endif
