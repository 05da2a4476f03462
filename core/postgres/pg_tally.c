/* PostgreSQL: tallies, receipts counted, and outcome_counts verified. */
#include <stdio.h>
#include <string.h>

#include "pg_internal.h"
#include "util.h"

/*
 * The statements of sqlite_tally.c, row for row: the same choice of
 * outcome_counts (one month, or April to a month of one fiscal year,
 * ungrouped or by month) or a scan of outcomes through
 * outcomes_programme (programme, occurred_on).  Two differences of
 * dialect: PostgreSQL sorts NULL last, so a NULL group is asked first
 * (as SQLite sorts it), and a parameter is numbered only when the
 * statement uses it (PostgreSQL refuses one it cannot type).
 */
struct tally_statement {
	struct strbuf sql;
	struct pg_params params;
	char first_day[STORE_ISO_SIZE], from_next[STORE_ISO_SIZE];
	char to_first[STORE_ISO_SIZE], after_day[STORE_ISO_SIZE];
	char from[8], to[8];
	int month_from, month_to, day_from, day_to; /* parameter numbers */
};

/* The number of a new text parameter. */
static int param(struct tally_statement *t, const char *text)
{
	pg_param_text(&t->params, text);
	return t->params.n;
}

/* The column of outcome_counts that gives 実 of the query's period, as
 * sqlite_tally.c chooses it; NULL for a period it cannot give. */
static const char *people_column(const struct store_tally_query *query)
{
	long from = query->from_month, to = query->to_month;

	if (to <= from)
		return "people"; /* one month, or none */
	if (from % 100 == 4 && to <= from + 99)
		return "first_people";
	return NULL;
}

/* The group column over applications a, outcomes o, answers n. */
static const char *group_column(enum store_tally_group group, int outcomes)
{
	switch (group) {
	case STORE_GROUP_FIELD: return "n.value";
	case STORE_GROUP_OFFICE: return "a.office";
	case STORE_GROUP_STAFF: return "a.staff";
	case STORE_GROUP_MONTH:
		return outcomes ? "substr(o.occurred_on, 1, 7)"
				: "substr(a.received_on, 1, 7)";
	case STORE_GROUP_NONE: break;
	}
	return "NULL";
}

static void add_filters(struct tally_statement *t,
			const struct store_tally_query *query, int outcomes)
{
	if (query->programme)
		strbuf_addf(&t->sql, " AND %s.programme = $%d",
			    outcomes ? "o" : "a", param(t, query->programme));
	if (query->office)
		strbuf_addf(&t->sql, " AND a.office = $%d",
			    param(t, query->office));
}

static void add_field_join(struct tally_statement *t,
			   const struct store_tally_query *query)
{
	if (query->group == STORE_GROUP_FIELD)
		strbuf_addf(&t->sql, " LEFT JOIN answers n"
			    " ON n.application_id = a.id AND n.field = $%d",
			    param(t, query->field));
}

/* Days [first of from, first after to) as parameters. */
static void add_days(struct tally_statement *t, const char *column)
{
	strbuf_addf(&t->sql, " WHERE %s >= $%d AND %s < $%d", column,
		    param(t, t->first_day), column, param(t, t->after_day));
}

/* From outcome_counts: ungrouped (people the column of 実) or, when
 * people is NULL, per month. */
static void counts_sql(struct tally_statement *t,
		       const struct store_tally_query *query,
		       const char *people)
{
	struct strbuf *sql = &t->sql;

	if (people)
		strbuf_addf(sql, "SELECT programme, NULL, code, SUM(count),"
			    " SUM(%s), CASE WHEN SUM(amounts) > 0"
			    " THEN SUM(amount) END", people);
	else
		strbuf_addstr(sql, "SELECT programme, month, code, count,"
			      " people, CASE WHEN amounts > 0 THEN amount END");
	strbuf_addf(sql, " FROM outcome_counts WHERE month >= $%d"
		    " AND month <= $%d", param(t, t->from), param(t, t->to));
	if (query->programme)
		strbuf_addf(sql, " AND programme = $%d",
			    param(t, query->programme));
	strbuf_addstr(sql, people ? " GROUP BY programme, code"
				    " HAVING SUM(count) <> 0"
				    " ORDER BY programme, code"
				  : " AND count <> 0"
				    " ORDER BY programme, month, code");
}

/* Every live outcome of the period through outcomes_programme, for the
 * programme given, else per programme that has counts. */
static void scan_sql(struct tally_statement *t,
		     const struct store_tally_query *query)
{
	strbuf_addf(&t->sql, "SELECT o.programme, %s, o.code, COUNT(*),"
		    " COUNT(DISTINCT o.application_id), SUM(o.amount)"
		    " FROM ", group_column(query->group, 1));
	if (!query->programme)
		strbuf_addstr(&t->sql, "(SELECT DISTINCT programme"
			      " FROM outcome_counts) p JOIN outcomes o"
			      " ON o.programme = p.programme");
	else
		strbuf_addstr(&t->sql, "outcomes o");
	strbuf_addstr(&t->sql,
		      " JOIN applications a ON a.id = o.application_id");
	add_field_join(t, query);
	add_days(t, "o.occurred_on");
	strbuf_addstr(&t->sql, " AND o.voided_at IS NULL");
	add_filters(t, query, 1);
	strbuf_addstr(&t->sql,
		      " GROUP BY 1, 2, 3 ORDER BY 1, 2 NULLS FIRST, 3");
}

static void tally_sql(struct tally_statement *t,
		      const struct store_tally_query *query)
{
	const char *people = people_column(query);

	if (query->office || (query->group != STORE_GROUP_NONE &&
			      query->group != STORE_GROUP_MONTH) ||
	    (query->group == STORE_GROUP_NONE && !people))
		scan_sql(t, query);
	else
		counts_sql(t, query,
			   query->group == STORE_GROUP_MONTH ? NULL : people);
}

static void received_sql(struct tally_statement *t,
			 const struct store_tally_query *query)
{
	strbuf_addf(&t->sql, "SELECT a.programme, %s, NULL, COUNT(*),"
		    " COUNT(*), NULL FROM applications a",
		    group_column(query->group, 0));
	add_field_join(t, query);
	add_days(t, "a.received_on");
	add_filters(t, query, 0);
	strbuf_addstr(&t->sql, " GROUP BY 1, 2 ORDER BY 1, 2 NULLS FIRST");
}

/* The months and days of the query: 0, or -1 (printed). */
static int statement_init(struct tally_statement *t,
			  const struct store_tally_query *q)
{
	memset(t, 0, sizeof(*t));
	strbuf_init(&t->sql);
	if (store_month_range(q->from_month, t->first_day, t->from_next) < 0 ||
	    store_month_range(q->to_month, t->to_first, t->after_day) < 0)
		return -1;
	snprintf(t->from, sizeof(t->from), "%.7s", t->first_day);
	snprintf(t->to, sizeof(t->to), "%.7s", t->to_first);
	return 0;
}

static int walk_tally(struct pg_store *pg, struct tally_statement *t,
		      store_tally_fn fn, void *context)
{
	struct store_tally_row row;
	PGresult *res = pg_query(pg, strbuf_str(&t->sql), &t->params);
	int i, stop = 0;

	if (!res)
		return -1;
	for (i = 0; !stop && i < PQntuples(res); i++) {
		row.programme = pg_text(res, i, 0);
		row.group = pg_text(res, i, 1);
		row.outcome = pg_text(res, i, 2);
		row.events = pg_int(res, i, 3);
		row.applications = pg_int(res, i, 4);
		row.has_amount = !PQgetisnull(res, i, 5);
		row.amount = pg_int(res, i, 5);
		stop = fn(&row, context);
	}
	PQclear(res);
	return stop;
}

int pg_tally(struct store *store, const struct store_tally_query *query,
	     store_tally_fn fn, void *context)
{
	struct tally_statement t;
	int ret = -1;

	if (statement_init(&t, query) == 0) {
		tally_sql(&t, query);
		ret = walk_tally(pg_of(store), &t, fn, context);
	}
	strbuf_release(&t.sql);
	return ret;
}

int pg_received(struct store *store, const struct store_tally_query *query,
		store_tally_fn fn, void *context)
{
	struct tally_statement t;
	int ret = -1;

	if (statement_init(&t, query) == 0) {
		received_sql(&t, query);
		ret = walk_tally(pg_of(store), &t, fn, context);
	}
	strbuf_release(&t.sql);
	return ret;
}

/*
 * Verify: every column of outcome_counts recomputed from the live
 * outcomes as sqlite_counts.c walks them, in one statement on the
 * server.  One pass over outcomes_code (code, application_id), each
 * application's outcomes of a code sorted by date (a few rows): an
 * outcome in another month than the one before it is one more person
 * that month (people), in another fiscal year one more first
 * (first_people); amount sums the amounts given, amounts counts them.
 * Each outcome counts under its own programme (sqlite_counts.c takes
 * the programme of the application's first outcome: the store writes
 * every outcome with its application's programme, so they are one).
 * The sums are kept per (programme, month, code), memory bounded by
 * programmes x months x codes, then joined with the stored rows (a
 * row missing on either side all zeros there); only rows that differ
 * come back, in the order of (programme, month, code).
 */
#define FISCAL_YEAR(month)                                                   \
	"(CASE WHEN " month " ~ '^[0-9]{4}-[0-9]{2}$' THEN left(" month     \
	", 4)::int - (substr(" month ", 6, 2) < '04')::int END)"

static const char verify_sql[] =
	"WITH live AS (SELECT coalesce(programme, '') AS programme, code,"
	" substr(occurred_on, 1, 7) AS month, amount,"
	" lag(substr(occurred_on, 1, 7)) OVER (PARTITION BY code,"
	" application_id ORDER BY occurred_on) AS before"
	" FROM outcomes WHERE voided_at IS NULL),"
	" actual AS (SELECT programme, month, code, count(*) AS count,"
	" count(*) FILTER (WHERE before IS DISTINCT FROM month) AS people,"
	" count(*) FILTER (WHERE before IS NULL OR " FISCAL_YEAR("before")
	" IS DISTINCT FROM " FISCAL_YEAR("month") ") AS first_people,"
	" coalesce(sum(amount), 0) AS amount, count(amount) AS amounts"
	" FROM live GROUP BY programme, month, code),"
	" pairs AS (SELECT coalesce(s.programme, r.programme) AS programme,"
	" coalesce(s.month, r.month) AS month,"
	" coalesce(s.code, r.code) AS code,"
	" coalesce(s.count, 0) AS s1, coalesce(s.people, 0) AS s2,"
	" coalesce(s.first_people, 0) AS s3, coalesce(s.amount, 0) AS s4,"
	" coalesce(s.amounts, 0) AS s5,"
	" coalesce(r.count, 0) AS r1, coalesce(r.people, 0) AS r2,"
	" coalesce(r.first_people, 0) AS r3, coalesce(r.amount, 0) AS r4,"
	" coalesce(r.amounts, 0) AS r5"
	" FROM outcome_counts s FULL JOIN actual r"
	" ON r.programme = s.programme AND r.month = s.month"
	" AND r.code = s.code)"
	" SELECT programme, month, code, s1, s2, s3, s4, s5,"
	" r1, r2, r3, r4, r5 FROM pairs"
	" WHERE (s1, s2, s3, s4, s5) <> (r1, r2, r3, r4, r5)"
	" ORDER BY programme, month, code";

static const char *const column_names[] = {
	"count", "people", "first_people", "amount", "amounts"
};

/* Report each column of row i where stored and recomputed differ. */
static int compare_row(const PGresult *res, int i, store_difference_fn fn,
		       void *context)
{
	long month = store_month_from_text(pg_text(res, i, 1));
	long long stored, actual;
	int c, differences = 0;

	for (c = 0; c < (int)ARRAY_SIZE(column_names); c++) {
		stored = pg_int(res, i, 3 + c);
		actual = pg_int(res, i, 8 + c);
		if (stored == actual)
			continue;
		differences++;
		if (fn)
			fn(pg_text(res, i, 0), month, pg_text(res, i, 2),
			   column_names[c], stored, actual, context);
	}
	return differences;
}

int pg_verify_counts(struct store *store, store_difference_fn fn, void *context)
{
	PGresult *res = pg_query(pg_of(store), verify_sql, NULL);
	int i, differences = 0;

	if (!res)
		return -1;
	for (i = 0; i < PQntuples(res); i++)
		differences += compare_row(res, i, fn, context);
	PQclear(res);
	return differences;
}
