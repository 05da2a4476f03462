/* Tallies: outcomes and receipts counted per programme, group, code. */
#include "store.h"
#include "sqlite_internal.h"

#include <stdio.h>

#include "util.h"

/* Parameters of every tally statement: ?1 ?2 the months as "YYYY-MM",
 * ?3 ?4 the days [first of from, first after to), ?5 programme, ?6
 * office, ?7 field.  Each is used only when the query gives it. */
struct tally_bounds {
	char first_day[STORE_ISO_SIZE], from_next[STORE_ISO_SIZE];
	char to_first[STORE_ISO_SIZE], after_day[STORE_ISO_SIZE];
	char from[8], to[8];
};

/* Ungrouped from outcome_counts: a read of a few rows per month.  The
 * first %s is the column of 実 (people or first_people), the second
 * the programme's condition. */
static const char counts_sql[] =
	"SELECT programme, NULL, code, SUM(count), SUM(%s),"
	" CASE WHEN SUM(amounts) > 0 THEN SUM(amount) END"
	" FROM outcome_counts WHERE month >= ?1 AND month <= ?2%s"
	" GROUP BY programme, code HAVING SUM(count) <> 0"
	" ORDER BY programme, code";

/* Per month from outcome_counts: each row is its month's 実. */
static const char monthly_sql[] =
	"SELECT programme, month, code, count, people,"
	" CASE WHEN amounts > 0 THEN amount END"
	" FROM outcome_counts WHERE month >= ?1 AND month <= ?2%s"
	" AND count <> 0 ORDER BY programme, month, code";

/* The group column of a query, over applications a, outcomes o (when
 * outcomes) and answers n (when grouped by a field). */
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

static void add_filters(struct strbuf *sql,
			const struct store_tally_query *query, int outcomes)
{
	if (query->programme)
		strbuf_addf(sql, " AND %s.programme = ?5",
			    outcomes ? "o" : "a");
	if (query->office)
		strbuf_addstr(sql, " AND a.office = ?6");
}

static void add_field_join(struct strbuf *sql,
			   const struct store_tally_query *query)
{
	if (query->group == STORE_GROUP_FIELD)
		strbuf_addstr(sql, " LEFT JOIN answers n"
				   " ON n.application_id = a.id"
				   " AND n.field = ?7");
}

/* Every outcome of the period scanned (grouped, or of one office):
 * one range of outcomes_programme (programme, occurred_on) for the
 * programme given, else one per programme that has counts. */
static void scan_sql(struct strbuf *sql, const struct store_tally_query *query)
{
	const char *group = group_column(query->group, 1);

	strbuf_addf(sql, "SELECT o.programme, %s, o.code, COUNT(*),"
			 " COUNT(DISTINCT o.application_id), SUM(o.amount)"
			 " FROM ",
		    group);
	if (!query->programme)
		strbuf_addstr(sql, "(SELECT DISTINCT programme"
				   " FROM outcome_counts) p JOIN ");
	strbuf_addstr(sql, "outcomes o INDEXED BY outcomes_programme");
	if (!query->programme)
		strbuf_addstr(sql, " ON o.programme = p.programme");
	strbuf_addstr(sql, " JOIN applications a ON a.id = o.application_id");
	add_field_join(sql, query);
	strbuf_addstr(sql, " WHERE o.occurred_on >= ?3 AND o.occurred_on < ?4"
			   " AND o.voided_at IS NULL");
	add_filters(sql, query, 1);
	strbuf_addf(sql, " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
}

/* The column of outcome_counts that gives 実 of the query's period:
 * people for one month, first_people for April to a month of the same
 * fiscal year; NULL for any other period. */
static const char *people_column(const struct store_tally_query *query)
{
	long from = query->from_month, to = query->to_month;

	if (to <= from)
		return "people"; /* one month, or none */
	if (from % 100 == 4 && to <= from + 99)
		return "first_people";
	return NULL;
}

static void tally_sql(struct strbuf *sql, const struct store_tally_query *query)
{
	const char *programme = query->programme ? " AND programme = ?5" : "";
	const char *people = people_column(query);

	if (query->office || (query->group != STORE_GROUP_NONE &&
			      query->group != STORE_GROUP_MONTH) ||
	    (query->group == STORE_GROUP_NONE && !people)) {
		scan_sql(sql, query);
		return;
	}
	if (query->group == STORE_GROUP_MONTH)
		strbuf_addf(sql, monthly_sql, programme);
	else
		strbuf_addf(sql, counts_sql, people, programme);
}

static void received_sql(struct strbuf *sql,
			 const struct store_tally_query *query)
{
	strbuf_addf(sql, "SELECT a.programme, %s, NULL, COUNT(*), COUNT(*),"
			 " NULL FROM applications a",
		    group_column(query->group, 0));
	add_field_join(sql, query);
	strbuf_addstr(sql, " WHERE a.received_on >= ?3"
			   " AND a.received_on < ?4");
	add_filters(sql, query, 0);
	strbuf_addstr(sql, " GROUP BY 1, 2 ORDER BY 1, 2");
}

static int bind_query(sqlite3_stmt *stmt, const struct store_tally_query *q,
		      struct tally_bounds *b)
{
	if (store_month_range(q->from_month, b->first_day, b->from_next) < 0 ||
	    store_month_range(q->to_month, b->to_first, b->after_day) < 0)
		return -1;
	snprintf(b->from, sizeof(b->from), "%.7s", b->first_day);
	snprintf(b->to, sizeof(b->to), "%.7s", b->to_first);
	/* A statement may use only some: binding an absent one is an
	 * error SQLite reports as SQLITE_RANGE, which is harmless. */
	store_bind_text(stmt, 1, b->from);
	store_bind_text(stmt, 2, b->to);
	store_bind_text(stmt, 3, b->first_day);
	store_bind_text(stmt, 4, b->after_day);
	store_bind_text(stmt, 5, q->programme);
	store_bind_text(stmt, 6, q->office);
	store_bind_text(stmt, 7, q->field);
	return 0;
}

static int walk_tally(struct sqlite_store *store, sqlite3_stmt *stmt,
		      store_tally_fn fn, void *context)
{
	struct store_tally_row row;
	int rc, stop;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		row.programme = (const char *)sqlite3_column_text(stmt, 0);
		row.group = (const char *)sqlite3_column_text(stmt, 1);
		row.outcome = (const char *)sqlite3_column_text(stmt, 2);
		row.events = sqlite3_column_int64(stmt, 3);
		row.applications = sqlite3_column_int64(stmt, 4);
		row.has_amount = sqlite3_column_type(stmt, 5) != SQLITE_NULL;
		row.amount = sqlite3_column_int64(stmt, 5);
		stop = fn(&row, context);
		if (stop)
			return stop;
	}
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

static int run_tally_sql(struct sqlite_store *store, const char *sql,
			 const struct store_tally_query *query,
			 store_tally_fn fn, void *context)
{
	struct tally_bounds bounds;
	sqlite3_stmt *stmt = NULL;
	int ret = -1;

	if (store_prepare(store, sql, &stmt) < 0)
		return -1;
	if (bind_query(stmt, query, &bounds) == 0)
		ret = walk_tally(store, stmt, fn, context);
	sqlite3_finalize(stmt);
	return ret;
}

int sqlite_tally(struct store *base, const struct store_tally_query *query,
		 store_tally_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);
	struct strbuf sql = STRBUF_INIT;
	int ret;

	tally_sql(&sql, query);
	ret = run_tally_sql(store, strbuf_str(&sql), query, fn, context);
	strbuf_release(&sql);
	return ret;
}

int sqlite_received(struct store *base,
		    const struct store_tally_query *query, store_tally_fn fn,
		    void *context)
{
	struct sqlite_store *store = sqlite_of(base);
	struct strbuf sql = STRBUF_INIT;
	int ret;

	received_sql(&sql, query);
	ret = run_tally_sql(store, strbuf_str(&sql), query, fn, context);
	strbuf_release(&sql);
	return ret;
}
