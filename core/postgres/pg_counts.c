/* PostgreSQL: outcome_counts kept by each outcome and void. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"
#include "util.h"

/*
 * As store_counts.c keeps them: one application's live outcomes of one
 * code give outcome_counts, per month, count (each outcome), people (1
 * when it has one that month), first_people (1 in the month of its
 * first outcome of the fiscal year), amount and amounts.  Recording or
 * voiding an outcome changes only the fiscal year of its date, so the
 * counts move by what that year gives after less what it gave before.
 * The caller holds the application's row lock (pg_lock_application),
 * so no other writer changes its outcomes between the two reads; the
 * upsert adds to the row, so writers of other applications add to the
 * same month side by side.
 */

static const char read_sql[] =
	"SELECT occurred_on, amount FROM outcomes"
	" WHERE code = $1 AND application_id = $2 AND voided_at IS NULL"
	" AND occurred_on >= $3 AND occurred_on < $4";

static const char add_sql[] =
	"INSERT INTO outcome_counts AS c (programme, month, code, count,"
	" people, first_people, amount, amounts) VALUES ($1, $2, $3, $4, $5,"
	" $6, $7, $8) ON CONFLICT (programme, month, code) DO UPDATE SET"
	" count = c.count + excluded.count,"
	" people = c.people + excluded.people,"
	" first_people = c.first_people + excluded.first_people,"
	" amount = c.amount + excluded.amount,"
	" amounts = c.amounts + excluded.amounts";

/* A row left at nothing is dropped: the table holds what counts. */
static const char drop_sql[] =
	"DELETE FROM outcome_counts"
	" WHERE programme = $1 AND month = $2 AND code = $3 AND count = 0"
	" AND people = 0 AND first_people = 0 AND amount = 0"
	" AND amounts = 0";

/* The fiscal year of "YYYY-MM…" and the month's place in it (April 0
 * … March 11); -1 when the text is no month. */
static int fiscal_year_of(const char *date, int *index)
{
	long month = store_month_from_text(date);
	int m;

	if (!month)
		return -1;
	m = (int)(month % 100);
	*index = (m + 8) % 12;
	return (int)(month / 100) - (m < 4);
}

#define MONTH_TEXT_SIZE 16
static void month_text(int fy, int index, char month[MONTH_TEXT_SIZE])
{
	snprintf(month, MONTH_TEXT_SIZE, "%04d-%02d", fy + (index >= 9),
		 (index + 3) % 12 + 1);
}

static int read_year(struct pg_store *pg,
		     const struct pg_counts_touch *touch,
		     struct pg_counts_year *year)
{
	char first[STORE_ISO_SIZE], after[STORE_ISO_SIZE];
	struct pg_params params = { 0 };
	PGresult *res;
	int i, index = 0;

	memset(year, 0, sizeof(*year));
	snprintf(first, sizeof(first), "%04d-04-01", touch->fiscal_year);
	snprintf(after, sizeof(after), "%04d-04-01", touch->fiscal_year + 1);
	pg_param_text(&params, touch->code);
	pg_param_int(&params, touch->application_id);
	pg_param_text(&params, first);
	pg_param_text(&params, after);
	res = pg_query(pg, read_sql, &params);
	if (!res)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		if (fiscal_year_of(pg_text(res, i, 0), &index) !=
		    touch->fiscal_year)
			continue;
		year->count[index]++;
		if (!PQgetisnull(res, i, 1)) {
			year->amount[index] += pg_int(res, i, 1);
			year->amounts[index]++;
		}
	}
	PQclear(res);
	return 0;
}

static int first_month(const struct pg_counts_year *year)
{
	int i = 0;

	while (i < 12 && !year->count[i])
		i++;
	return i;
}

static int change_month(struct pg_store *pg,
			const struct pg_counts_touch *touch, int index,
			const long long delta[5])
{
	char month[MONTH_TEXT_SIZE];
	struct pg_params params = { 0 };
	int i;

	month_text(touch->fiscal_year, index, month);
	pg_param_text(&params, touch->programme);
	pg_param_text(&params, month);
	pg_param_text(&params, touch->code);
	for (i = 0; i < 5; i++)
		pg_param_int(&params, delta[i]);
	if (pg_run(pg, add_sql, &params) < 0)
		return -1;
	if (delta[0] >= 0)
		return 0;
	params.n = 3;
	return pg_run(pg, drop_sql, &params);
}

/* Add the row of month place index: after less before. */
static int apply_month(struct pg_store *pg,
		       const struct pg_counts_touch *touch,
		       const struct pg_counts_year *after, int index)
{
	const struct pg_counts_year *before = &touch->before;
	long long delta[5];
	int i, any = 0;

	delta[0] = after->count[index] - before->count[index];
	delta[1] = (after->count[index] > 0) - (before->count[index] > 0);
	delta[2] = (first_month(after) == index) -
		   (first_month(before) == index);
	delta[3] = after->amount[index] - before->amount[index];
	delta[4] = after->amounts[index] - before->amounts[index];
	for (i = 0; i < 5; i++)
		any |= delta[i] != 0;
	return any ? change_month(pg, touch, index, delta) : 0;
}

int pg_counts_begin(struct pg_store *pg, struct pg_counts_touch *touch,
		    long long application_id, const char *programme,
		    const char *code, const char *occurred_on)
{
	int index = 0;

	memset(touch, 0, sizeof(*touch));
	touch->fiscal_year = fiscal_year_of(occurred_on, &index);
	if (touch->fiscal_year < 0)
		BUG("outcome date '%s' is no date", occurred_on);
	touch->application_id = application_id;
	touch->programme = xstrdup(programme);
	touch->code = xstrdup(code);
	return read_year(pg, touch, &touch->before);
}

int pg_counts_begin_outcome(struct pg_store *pg,
			    struct pg_counts_touch *touch,
			    long long outcome_id)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int rc;

	memset(touch, 0, sizeof(*touch));
	pg_param_int(&params, outcome_id);
	res = pg_query(pg,
		       "SELECT o.application_id, a.programme, o.code,"
		       " o.occurred_on FROM outcomes o"
		       " JOIN applications a ON a.id = o.application_id"
		       " WHERE o.id = $1 AND o.voided_at IS NULL",
		       &params);
	if (!res)
		return -1;
	rc = PQntuples(res) > 0;
	if (rc && pg_counts_begin(pg, touch, pg_int(res, 0, 0),
				  pg_text(res, 0, 1), pg_text(res, 0, 2),
				  pg_text(res, 0, 3)) < 0)
		rc = -1;
	PQclear(res);
	return rc;
}

int pg_counts_end(struct pg_store *pg, struct pg_counts_touch *touch)
{
	struct pg_counts_year after;
	int i;

	if (read_year(pg, touch, &after) < 0)
		return -1;
	for (i = 0; i < 12; i++)
		if (apply_month(pg, touch, &after, i) < 0)
			return -1;
	return 0;
}

void pg_counts_release(struct pg_counts_touch *touch)
{
	free(touch->programme);
	free(touch->code);
	memset(touch, 0, sizeof(*touch));
}

