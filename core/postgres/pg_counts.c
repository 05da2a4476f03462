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

static int read_year(struct pg_store *pg,
		     const struct counts_touch *touch,
		     struct counts_year *year)
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
		if (counts_fiscal_year(pg_text(res, i, 0), &index) ==
		    touch->fiscal_year)
			counts_year_add(year, index, !PQgetisnull(res, i, 1),
					pg_int(res, i, 1));
	}
	PQclear(res);
	return 0;
}

static int change_month(struct pg_store *pg,
			const struct counts_touch *touch, int index,
			const long long delta[5])
{
	char month[COUNTS_MONTH_SIZE];
	struct pg_params params = { 0 };
	int i;

	counts_month_text(touch->fiscal_year, index, month);
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
		       const struct counts_touch *touch,
		       const struct counts_year *after, int index)
{
	long long delta[5];

	return counts_delta(&touch->before, after, index, delta)
		       ? change_month(pg, touch, index, delta)
		       : 0;
}

int pg_counts_begin(struct pg_store *pg, struct counts_touch *touch,
		    long long application_id, const char *programme,
		    const char *code, const char *occurred_on)
{
	int index = 0;

	memset(touch, 0, sizeof(*touch));
	touch->fiscal_year = counts_fiscal_year(occurred_on, &index);
	if (touch->fiscal_year < 0)
		BUG("outcome date '%s' is no date", occurred_on);
	touch->application_id = application_id;
	touch->programme = xstrdup(programme);
	touch->code = xstrdup(code);
	return read_year(pg, touch, &touch->before);
}

int pg_counts_begin_outcome(struct pg_store *pg,
			    struct counts_touch *touch,
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

int pg_counts_end(struct pg_store *pg, struct counts_touch *touch)
{
	struct counts_year after;
	int i;

	if (read_year(pg, touch, &after) < 0)
		return -1;
	for (i = 0; i < 12; i++)
		if (apply_month(pg, touch, &after, i) < 0)
			return -1;
	return 0;
}
