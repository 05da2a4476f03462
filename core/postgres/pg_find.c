/* PostgreSQL: finding applications (find, the same person) and plans. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"
#include "util.h"

/*
 * The find statement of sqlite_find.c in PostgreSQL's words: the
 * receipt's sequence through applications_sequence (right(receipt,
 * 6)), names and kana through the search_keys primary key (a range of
 * keys from the prefix to the prefix and U+10FFFF: the columns are
 * COLLATE "C", so the range is bytes, as in SQLite), phone and birth
 * date through answers_field_value.  SQLite's "+a.x" (keep the
 * planner off an index) has no PostgreSQL form; its planner weighs the
 * filters by their statistics instead.  A parameter is numbered when a
 * clause uses it.
 */
#define KEY_END "\xf4\x8f\xbf\xbf"

static const char found_columns[] =
	"SELECT a.id, a.receipt, a.programme, a.office, a.staff, a.status,"
	" a.received_on";
static const char detail_columns[] =
	", (SELECT value FROM answers"
	" WHERE application_id = a.id AND field = 'name'),"
	" (SELECT value FROM answers"
	" WHERE application_id = a.id AND field = 'name_kana'),"
	" (SELECT occurred_on FROM outcomes WHERE application_id = a.id"
	" AND voided_at IS NULL ORDER BY occurred_on DESC, id DESC LIMIT 1)";

static const char newest_first[] = " ORDER BY a.received_on DESC, a.id DESC";
static const char by_id[] = " ORDER BY a.id";

/* The statement of a query, its parameters and the text they point at. */
struct find_statement {
	struct strbuf sql;
	struct pg_params params;
	char *key_end;
	char from[STORE_ISO_SIZE], to[STORE_ISO_SIZE];
};

/* Append fmt with the number of a new parameter text in it. */
static void clause(struct find_statement *f, const char *fmt,
		   const char *text)
{
	pg_param_text(&f->params, text);
	strbuf_addf(&f->sql, fmt, f->params.n);
}

static const char *key_kinds(int kinds)
{
	if (kinds == STORE_KEY_NAME)
		return "kind = 'name'";
	if (kinds == STORE_KEY_KANA)
		return "kind = 'kana'";
	return "kind IN ('name', 'kana')";
}

static void add_key(struct find_statement *f, const struct store_query *q)
{
	f->key_end = xstrfmt("%s" KEY_END, q->key);
	pg_param_text(&f->params, q->key);
	pg_param_text(&f->params, f->key_end);
	strbuf_addf(&f->sql, " AND a.id IN (SELECT application_id"
		    " FROM search_keys WHERE %s AND key >= $%d"
		    " AND key < $%d)", key_kinds(q->key_kinds),
		    f->params.n - 1, f->params.n);
}

static void add_lookups(struct find_statement *f, const struct store_query *q)
{
	if (q->receipt)
		clause(f, " AND a.receipt = $%d", q->receipt);
	if (q->sequence)
		clause(f, " AND right(a.receipt, 6) = $%d", q->sequence);
	if (q->sequence && q->fiscal_year)
		clause(f, " AND substr(a.receipt, length(a.receipt) - 10, 4)"
		       " = $%d", q->fiscal_year);
	if (q->key)
		add_key(f, q);
	if (q->phone)
		clause(f, " AND a.id IN (SELECT application_id FROM answers"
		       " WHERE field = 'phone' AND value = $%d)", q->phone);
	if (q->birth_date)
		clause(f, " AND a.id IN (SELECT application_id FROM answers"
		       " WHERE field = 'birth_date' AND value = $%d)",
		       q->birth_date);
}

static void add_filters(struct find_statement *f, const struct store_query *q)
{
	if (q->programme)
		clause(f, " AND a.programme = $%d", q->programme);
	if (q->office)
		clause(f, " AND a.office = $%d", q->office);
	if (q->staff)
		clause(f, " AND a.staff = $%d", q->staff);
	if (q->status)
		clause(f, " AND a.status = $%d", q->status);
	if (q->from) {
		snprintf(f->from, sizeof(f->from), "%04ld-%02ld-%02ld",
			 q->from / 10000, q->from / 100 % 100, q->from % 100);
		clause(f, " AND a.received_on >= $%d", f->from);
	}
	if (q->to) {
		snprintf(f->to, sizeof(f->to), "%04ld-%02ld-%02ld",
			 q->to / 10000, q->to / 100 % 100, q->to % 100);
		clause(f, " AND a.received_on <= $%d", f->to);
	}
}

/* The statement for q after prefix ("DECLARE …" or "EXPLAIN …"). */
static void find_sql(struct find_statement *f, const struct store_query *q,
		     const char *prefix)
{
	memset(f, 0, sizeof(*f));
	strbuf_init(&f->sql);
	strbuf_addstr(&f->sql, prefix);
	strbuf_addstr(&f->sql, found_columns);
	if (q->details)
		strbuf_addstr(&f->sql, detail_columns);
	strbuf_addstr(&f->sql, " FROM applications a WHERE true");
	add_lookups(f, q);
	add_filters(f, q);
	strbuf_addstr(&f->sql, q->newest_first ? newest_first : by_id);
	if (q->limit > 0) {
		pg_param_int(&f->params, q->limit);
		strbuf_addf(&f->sql, " LIMIT $%d", f->params.n);
	}
}

static void find_release(struct find_statement *f)
{
	strbuf_release(&f->sql);
	free(f->key_end);
}

static void found_from_row(const PGresult *res, int i, int details,
			   struct store_found *found)
{
	memset(found, 0, sizeof(*found));
	found->id = pg_int(res, i, 0);
	found->receipt = pg_text(res, i, 1);
	found->programme = pg_text(res, i, 2);
	found->office = pg_text(res, i, 3);
	found->staff = pg_text(res, i, 4);
	found->status = pg_text(res, i, 5);
	found->received_on_text = pg_text(res, i, 6);
	found->received_on = pg_date_from_text(found->received_on_text);
	if (!details)
		return;
	found->name = pg_text(res, i, 7);
	found->name_kana = pg_text(res, i, 8);
	found->outcome_on = pg_date_from_text(pg_text(res, i, 9));
}

/*
 * store_find walks a cursor a fetch at a time (memory bounded however
 * many rows match), in one read snapshot.  The cursor is named after
 * the walk, so that fn may find again inside it.
 */
struct finding {
	const struct store_query *query;
	store_found_fn fn;
	void *context;
	char cursor[40];
};

static int walk_fetches(struct pg_store *pg, struct finding *w)
{
	char fetch[80];
	struct store_found found;
	PGresult *res;
	int i, n, stop = 0;

	snprintf(fetch, sizeof(fetch), "FETCH %d FROM %s", PG_FETCH_ROWS,
		 w->cursor);
	do {
		res = pg_query(pg, fetch, NULL);
		if (!res)
			return -1;
		n = PQntuples(res);
		for (i = 0; !stop && i < n; i++) {
			found_from_row(res, i, w->query->details, &found);
			stop = w->fn(&found, w->context);
		}
		PQclear(res);
	} while (n && !stop);
	return stop;
}

static int find_body(struct pg_store *pg, void *context)
{
	struct finding *w = context;
	struct find_statement f;
	char *declare = xstrfmt("DECLARE %s NO SCROLL CURSOR FOR ", w->cursor);
	char close[64];
	int ret;

	find_sql(&f, w->query, declare);
	free(declare);
	ret = pg_run(pg, strbuf_str(&f.sql), &f.params);
	find_release(&f);
	if (ret < 0)
		return -1;
	ret = walk_fetches(pg, w);
	snprintf(close, sizeof(close), "CLOSE %s", w->cursor);
	if (ret >= 0 && pg_run(pg, close, NULL) < 0)
		return -1;
	return ret;
}

int pg_find(struct store *store, const struct store_query *query,
	    store_found_fn fn, void *context)
{
	struct finding w = { query, fn, context, "" };

	snprintf(w.cursor, sizeof(w.cursor), "intake_find_%jx",
		 (uintmax_t)(uintptr_t)&w);
	return pg_read(pg_of(store), find_body, &w);
}

/* The plan of sql (EXPLAIN, without costs) after the line head (NULL:
 * none) into plan: 0, or -1 (printed). */
static int explain(struct pg_store *pg, const char *sql,
		   const struct pg_params *params, const char *head,
		   struct strbuf *plan)
{
	PGresult *res = pg_query(pg, sql, params);
	int i;

	if (!res)
		return -1;
	if (head)
		strbuf_addf(plan, "%s:\n", head);
	for (i = 0; i < PQntuples(res); i++)
		strbuf_addf(plan, "%s\n", PQgetvalue(res, i, 0));
	PQclear(res);
	return 0;
}

#define EXPLAIN "EXPLAIN (COSTS OFF) "

char *pg_find_plan(struct store *store, const struct store_query *query)
{
	struct strbuf plan = STRBUF_INIT;
	struct find_statement f;
	int ret;

	find_sql(&f, query, EXPLAIN);
	ret = explain(pg_of(store), strbuf_str(&f.sql), &f.params, NULL,
		      &plan);
	find_release(&f);
	if (ret < 0) {
		strbuf_release(&plan);
		return NULL;
	}
	return strbuf_detach(&plan);
}

/* store_list's statements (pg_list_select), each after "plain:",
 * "answers:" or "outcomes:", as SQLite's list plan. */
char *pg_list_plan(struct store *store, const struct store_filter *filter)
{
	static const char *const heads[] = { "plain", "answers", "outcomes" };
	char first[STORE_ISO_SIZE] = "", next[STORE_ISO_SIZE] = "";
	struct strbuf plan = STRBUF_INIT, sql = STRBUF_INIT;
	struct pg_params params;
	int kind, ret = 0;

	if (filter->month && store_month_range(filter->month, first, next) < 0)
		return NULL;
	for (kind = PG_LIST_PLAIN; !ret && kind <= PG_LIST_OUTCOMES; kind++) {
		memset(&params, 0, sizeof(params));
		strbuf_reset(&sql);
		strbuf_addstr(&sql, EXPLAIN);
		pg_list_select(&sql, &params, filter, first, next,
			       (enum pg_list_kind)kind);
		ret = explain(pg_of(store), strbuf_str(&sql), &params,
			      heads[kind], &plan);
	}
	strbuf_release(&sql);
	if (ret < 0) {
		strbuf_release(&plan);
		return NULL;
	}
	return strbuf_detach(&plan);
}

/*
 * The same person (sqlite_store.c's find_person): birth_date through
 * answers_field_value, then name_kana compared with spaces, U+0020 and
 * U+3000, taken out of both; each application with its outcomes (not
 * its answers), oldest first, in one read snapshot.
 */
#define WITHOUT_SPACES(text)                                                 \
	"replace(replace(" text ", ' ', ''), '\xe3\x80\x80', '')"

static const char person_sql[] =
	"SELECT a.id, a.receipt, a.programme, a.plugin_version,"
	" a.form_version, a.received_on, a.office, a.staff, a.status,"
	" a.created_at FROM answers b"
	" JOIN answers k"
	" ON k.application_id = b.application_id AND k.field = 'name_kana'"
	" JOIN applications a ON a.id = b.application_id"
	" WHERE b.field = 'birth_date' AND b.value = $2"
	" AND " WITHOUT_SPACES("k.value") " = " WITHOUT_SPACES("$1")
	" ORDER BY a.received_on, a.id";

static const char person_outcomes_sql[] =
	"SELECT id, code, occurred_on, staff, note, recorded_at, voided_at,"
	" void_reason, amount FROM outcomes WHERE application_id = $1"
	" ORDER BY occurred_on, id";

static void person_from_row(const PGresult *res, int i,
			    struct store_application *app)
{
	memset(app, 0, sizeof(*app));
	app->id = pg_int(res, i, 0);
	app->receipt = pg_dup(res, i, 1, 0);
	app->programme = pg_dup(res, i, 2, 0);
	app->plugin_version = pg_dup(res, i, 3, 0);
	app->form_version = (long)pg_int(res, i, 4);
	app->received_on = pg_date_from_text(pg_text(res, i, 5));
	app->office = pg_dup(res, i, 6, 0);
	app->staff = pg_dup(res, i, 7, 0);
	app->status = pg_dup(res, i, 8, 0);
	app->created_at = pg_dup(res, i, 9, 0);
}

static void outcome_from_row(const PGresult *res, int i,
			     struct store_outcome *o)
{
	o->id = pg_int(res, i, 0);
	o->code = pg_dup(res, i, 1, 0);
	o->occurred_on = pg_date_from_text(pg_text(res, i, 2));
	o->staff = pg_dup(res, i, 3, 0);
	o->note = pg_dup(res, i, 4, 1);
	o->recorded_at = pg_dup(res, i, 5, 0);
	o->voided_at = pg_dup(res, i, 6, 1);
	o->void_reason = pg_dup(res, i, 7, 1);
	o->has_amount = !PQgetisnull(res, i, 8);
	o->amount = pg_int(res, i, 8);
}

static int person_outcomes(struct pg_store *pg, struct store_application *app)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int i;

	pg_param_int(&params, app->id);
	res = pg_query(pg, person_outcomes_sql, &params);
	if (!res)
		return -1;
	app->outcomes = xcalloc((size_t)PQntuples(res) + 1,
				sizeof(*app->outcomes));
	for (i = 0; i < PQntuples(res); i++)
		outcome_from_row(res, i, &app->outcomes[app->n_outcomes++]);
	PQclear(res);
	return 0;
}

struct person {
	const char *name_kana, *birth_date;
	store_application_fn fn;
	void *context;
};

static int person_body(struct pg_store *pg, void *context)
{
	struct person *p = context;
	struct pg_params params = { 0 };
	struct store_application app;
	PGresult *res;
	int i, ret = 0;

	pg_param_text(&params, p->name_kana);
	pg_param_text(&params, p->birth_date);
	res = pg_query(pg, person_sql, &params);
	if (!res)
		return -1;
	for (i = 0; !ret && i < PQntuples(res); i++) {
		person_from_row(res, i, &app);
		ret = person_outcomes(pg, &app);
		if (!ret)
			ret = p->fn(&app, p->context);
		store_application_release(&app);
	}
	PQclear(res);
	return ret;
}

int pg_find_person(struct store *store, const char *name_kana,
		   const char *birth_date, store_application_fn fn,
		   void *context)
{
	struct person p = { name_kana, birth_date, fn, context };

	return pg_read(pg_of(store), person_body, &p);
}
