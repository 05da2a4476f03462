/* PostgreSQL: what falls due after an outcome (intake due). */
#include <stdio.h>
#include <string.h>

#include "pg_internal.h"
#include "util.h"
#include "value.h"

/*
 * sqlite_due.c's statement: the applications of the programme with a
 * live outcome after, not withdrawn, without a live outcome code, by
 * their first after (its date compared as text, so that until may be
 * 2026-02-31), then id.  The office and until are written in only
 * when given (PostgreSQL cannot type an unused parameter).
 */
struct due_statement {
	struct strbuf sql;
	struct pg_params params;
	char until[48];
};

static void due_sql(struct due_statement *d, const struct store_due_query *q)
{
	struct strbuf *sql = &d->sql;

	pg_param_text(&d->params, q->programme);
	pg_param_text(&d->params, q->after);
	pg_param_text(&d->params, q->code);
	strbuf_addstr(sql, "SELECT a.receipt, a.office, n.value,"
		      " min(o.occurred_on) AS first"
		      " FROM outcomes o JOIN applications a"
		      " ON a.id = o.application_id"
		      " LEFT JOIN answers n ON n.application_id = a.id"
		      " AND n.field = 'name'"
		      " WHERE o.code = $2 AND o.voided_at IS NULL"
		      " AND a.programme = $1 AND a.status <> 'withdrawn'"
		      " AND NOT EXISTS (SELECT 1 FROM outcomes d"
		      " WHERE d.application_id = a.id AND d.code = $3"
		      " AND d.voided_at IS NULL)");
	if (q->office) {
		pg_param_text(&d->params, q->office);
		strbuf_addf(sql, " AND a.office = $%d", d->params.n);
	}
	strbuf_addstr(sql, " GROUP BY a.id, n.value");
	if (q->until) {
		snprintf(d->until, sizeof(d->until), "%04ld-%02ld-%02ld",
			 q->until / 10000, q->until / 100 % 100,
			 q->until % 100);
		pg_param_text(&d->params, d->until);
		strbuf_addf(sql, " HAVING min(o.occurred_on) <= $%d",
			    d->params.n);
	}
	strbuf_addstr(sql, " ORDER BY first, a.id");
}

static int walk_due(const PGresult *res, store_due_fn fn, void *context)
{
	struct store_due_row row;
	int i, stop = 0;

	for (i = 0; !stop && i < PQntuples(res); i++) {
		row.receipt = pg_text(res, i, 0);
		row.office = pg_text(res, i, 1);
		row.name = pg_text(res, i, 2);
		if (date_from_iso(pg_text(res, i, 3), &row.after_on))
			continue; /* not a date: nothing can fall due */
		stop = fn(&row, context);
	}
	return stop;
}

int pg_due(struct store *store, const struct store_due_query *query,
	   store_due_fn fn, void *context)
{
	struct due_statement d;
	PGresult *res;
	int ret = -1;

	memset(&d, 0, sizeof(d));
	strbuf_init(&d.sql);
	due_sql(&d, query);
	res = pg_query(pg_of(store), strbuf_str(&d.sql), &d.params);
	if (res)
		ret = walk_due(res, fn, context);
	PQclear(res);
	strbuf_release(&d.sql);
	return ret;
}
