/* What one case's outcomes of a code give outcome_counts in a year. */
#ifndef INTAKE_COUNTS_YEAR_H
#define INTAKE_COUNTS_YEAR_H

/*
 * Every backend keeps outcome_counts the same way: before and after a
 * change it reads the application's live outcomes of the code in the
 * fiscal year into a counts_year, and adds to each month's row what
 * counts_delta says changed.  Months are placed April 0 … March 11.
 */
struct counts_year {
	long long count[12], amount[12], amounts[12];
};

/* The fiscal year (April to March) of "YYYY-MM…", and the month's
 * place in it; -1 when the text is no month. */
int counts_fiscal_year(const char *date, int *index);
/* "YYYY-MM" of place index in fiscal year fy. */
#define COUNTS_MONTH_SIZE 16
void counts_month_text(int fy, int index, char month[COUNTS_MONTH_SIZE]);
/* One outcome at place index, with its amount when has_amount. */
void counts_year_add(struct counts_year *year, int index, int has_amount,
		     long long amount);
/* What the row of place index gains from before to after, as count,
 * people, first_people, amount, amounts: 1 when anything, else 0. */
int counts_delta(const struct counts_year *before,
		 const struct counts_year *after, int index,
		 long long delta[5]);

/* One change in the making: the application, code and fiscal year it
 * touches, and what they gave before it (each backend's begin fills
 * it, its end adds the difference); release it in any case. */
struct counts_touch {
	long long application_id;
	char *programme, *code;
	int fiscal_year;
	struct counts_year before;
};
void counts_touch_release(struct counts_touch *touch);

#endif
