/* Monthly and fiscal-year tallies against targets. */
#ifndef INTAKE_TALLY_H
#define INTAKE_TALLY_H

/*
 * Achievement (目標達成状況): actual ÷ target in hundredths, rounded half
 * up and capped at 100 (1.00), computed in integers.  -1 when there is
 * no target to divide by (target <= 0).
 */
long long achievement_hundredths(long long actual, long long target);

struct config;
struct intake_outcome;
struct programme;
struct registry;
struct store;

/* One row of a tally: an outcome of a programme in the period. */
struct tally_line {
	const struct programme *programme;
	const struct intake_outcome *outcome;
	long long events, applications; /* 延べ, 実 */
	int has_amount;   /* the outcome carries an amount (ABI 1.3) */
	long long amount; /* the sum of those counted, in yen */
	long long actual; /* events of the fiscal year to date */
	int has_target;   /* a target is configured for the year */
	long long target;
	long long achievement; /* achievement_hundredths, -1: none */
	/* --compare: the previous fiscal year's same period */
	long long previous_events, previous_applications;
	long long previous_actual; /* events of its fiscal year to date */
};

/*
 * The tally of fiscal_year as `intake tally --fy` counts it: one line
 * per outcome of each programme of registry, in their order, against
 * the targets of config.  fn returning non-zero stops the walk and is
 * returned; -1 when the store failed.
 */
typedef int (*tally_line_fn)(const struct tally_line *line, void *context);
int tally_fiscal_year_lines(struct store *store,
			    const struct registry *registry,
			    const struct config *config, int fiscal_year,
			    tally_line_fn fn, void *context);

#endif
