/* PostgreSQL: reading cases back, one (get) or many (list). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"
#include "util.h"

#define APPLICATION_COLUMNS                                                  \
	"a.id, a.receipt, a.programme, a.plugin_version, a.form_version, "   \
	"a.received_on, a.office, a.staff, a.status, a.created_at"
#define APPLICATION_N_COLUMNS 10
#define OUTCOME_COLUMNS                                                      \
	"o.id, o.code, o.occurred_on, o.staff, o.note, o.recorded_at, "      \
	"o.voided_at, o.void_reason, o.amount"

/* Fill app from row i of APPLICATION_COLUMNS. */
static void application_from_row(const PGresult *res, int i,
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

static void add_answer(struct store_application *app, size_t *alloc,
		       const PGresult *res, int i, int first)
{
	struct store_answer *answer;

	ALLOC_GROW(app->answers, app->n_answers + 1, *alloc);
	answer = &app->answers[app->n_answers++];
	answer->field = pg_dup(res, i, first, 0);
	answer->value = pg_dup(res, i, first + 1, 0);
}

/* Append the outcome in columns first .. first + 8 (OUTCOME_COLUMNS). */
static void add_outcome(struct store_application *app, size_t *alloc,
			const PGresult *res, int i, int first)
{
	struct store_outcome *o;

	ALLOC_GROW(app->outcomes, app->n_outcomes + 1, *alloc);
	o = &app->outcomes[app->n_outcomes++];
	o->id = pg_int(res, i, first);
	o->code = pg_dup(res, i, first + 1, 0);
	o->occurred_on = pg_date_from_text(pg_text(res, i, first + 2));
	o->staff = pg_dup(res, i, first + 3, 0);
	o->note = pg_dup(res, i, first + 4, 1);
	o->recorded_at = pg_dup(res, i, first + 5, 0);
	o->voided_at = pg_dup(res, i, first + 6, 1);
	o->void_reason = pg_dup(res, i, first + 7, 1);
	o->has_amount = !PQgetisnull(res, i, first + 8);
	o->amount = pg_int(res, i, first + 8);
}

/* Run sql with the application's id as $1. */
static PGresult *by_id(struct pg_store *pg, const char *sql, long long id)
{
	struct pg_params params = { 0 };

	pg_param_int(&params, id);
	return pg_query(pg, sql, &params);
}

static int load_answers(struct pg_store *pg, struct store_application *app)
{
	PGresult *res = by_id(pg,
			      "SELECT field, value FROM answers"
			      " WHERE application_id = $1 ORDER BY seq",
			      app->id);
	size_t alloc = 0;
	int i;

	if (!res)
		return -1;
	for (i = 0; i < PQntuples(res); i++)
		add_answer(app, &alloc, res, i, 0);
	PQclear(res);
	return 0;
}

static int load_outcomes(struct pg_store *pg, struct store_application *app)
{
	PGresult *res = by_id(pg,
			      "SELECT " OUTCOME_COLUMNS " FROM outcomes o"
			      " WHERE o.application_id = $1"
			      " ORDER BY o.occurred_on, o.id",
			      app->id);
	size_t alloc = 0;
	int i;

	if (!res)
		return -1;
	for (i = 0; i < PQntuples(res); i++)
		add_outcome(app, &alloc, res, i, 0);
	PQclear(res);
	return 0;
}

static int load_links(struct pg_store *pg, struct store_application *app)
{
	PGresult *res = by_id(pg,
		"SELECT o.id, l.id, o.receipt, o.programme, l.note"
		" FROM links l JOIN applications o ON o.id = l.linked_id"
		" WHERE l.application_id = $1"
		" UNION ALL"
		" SELECT o.id, l.id, o.receipt, o.programme, l.note"
		" FROM links l JOIN applications o ON o.id = l.application_id"
		" WHERE l.linked_id = $1 ORDER BY 1, 2", app->id);
	struct store_link *link;
	int i;

	if (!res)
		return -1;
	app->links = xcalloc((size_t)PQntuples(res) + 1, sizeof(*app->links));
	for (i = 0; i < PQntuples(res); i++) {
		link = &app->links[app->n_links++];
		link->receipt = pg_dup(res, i, 2, 0);
		link->programme = pg_dup(res, i, 3, 0);
		link->note = pg_dup(res, i, 4, 1);
	}
	PQclear(res);
	return 0;
}

static int load_notes(struct pg_store *pg, struct store_application *app)
{
	PGresult *res = by_id(pg,
			      "SELECT at, staff, text FROM case_notes"
			      " WHERE application_id = $1 ORDER BY id",
			      app->id);
	struct store_note *note;
	int i;

	if (!res)
		return -1;
	app->notes = xcalloc((size_t)PQntuples(res) + 1, sizeof(*app->notes));
	for (i = 0; i < PQntuples(res); i++) {
		note = &app->notes[app->n_notes++];
		note->at = pg_dup(res, i, 0, 0);
		note->staff = pg_dup(res, i, 1, 0);
		note->text = pg_dup(res, i, 2, 0);
	}
	PQclear(res);
	return 0;
}

struct getting {
	const char *receipt;
	struct store_application *app;
};

static int get_body(struct pg_store *pg, void *context)
{
	struct getting *getting = context;
	struct store_application *app = getting->app;
	struct pg_params params = { 0 };
	PGresult *res;

	store_application_release(app);
	pg_param_text(&params, getting->receipt);
	res = pg_query(pg, "SELECT " APPLICATION_COLUMNS " FROM applications a"
			   " WHERE a.receipt = $1", &params);
	if (!res)
		return -1;
	if (!PQntuples(res)) {
		PQclear(res);
		return 1;
	}
	application_from_row(res, 0, app);
	PQclear(res);
	if (load_answers(pg, app) < 0 || load_outcomes(pg, app) < 0 ||
	    load_links(pg, app) < 0 || load_notes(pg, app) < 0)
		return -1;
	return 0;
}

int pg_get_application(struct store *store, const char *receipt,
		       struct store_application *app)
{
	struct getting getting = { receipt, app };
	int ret;

	memset(app, 0, sizeof(*app));
	ret = pg_read(pg_of(store), get_body, &getting);
	if (ret)
		store_application_release(app);
	return ret;
}

/*
 * store_list: the applications in id order through a cursor, a fetch
 * at a time (memory bounded whatever the number of cases); with
 * answers, a row per answer grouped here; with outcomes, a second
 * cursor in the same order walked beside the first.  Both in one
 * read-only snapshot.
 */
struct listing {
	const struct store_filter *filter;
	store_application_fn fn;
	void *context;
	char first[STORE_ISO_SIZE], next[STORE_ISO_SIZE];
	PGresult *outcomes; /* the current fetch of the outcome cursor */
	int outcome_row;
};

static void list_where(struct strbuf *sql, struct pg_params *params,
		       const struct store_filter *filter, const char *first,
		       const char *next)
{
	strbuf_addstr(sql, " WHERE true");
	if (filter->programme) {
		pg_param_text(params, filter->programme);
		strbuf_addf(sql, " AND a.programme = $%d", params->n);
	}
	if (filter->month) {
		pg_param_text(params, first);
		pg_param_text(params, next);
		strbuf_addf(sql, " AND a.received_on >= $%d"
			    " AND a.received_on < $%d", params->n - 1,
			    params->n);
	}
	if (filter->status) {
		pg_param_text(params, filter->status);
		strbuf_addf(sql, " AND a.status = $%d", params->n);
	}
}

void pg_list_select(struct strbuf *sql, struct pg_params *params,
		    const struct store_filter *filter, const char *first,
		    const char *next, enum pg_list_kind kind)
{
	if (kind == PG_LIST_OUTCOMES)
		strbuf_addstr(sql, "SELECT a.id, " OUTCOME_COLUMNS
			      " FROM applications a"
			      " JOIN outcomes o ON o.application_id = a.id");
	else
		strbuf_addstr(sql, "SELECT " APPLICATION_COLUMNS);
	if (kind == PG_LIST_ANSWERS)
		strbuf_addstr(sql, ", n.field, n.value FROM applications a"
			      " LEFT JOIN answers n ON n.application_id = a.id");
	else if (kind == PG_LIST_PLAIN)
		strbuf_addstr(sql, " FROM applications a");
	list_where(sql, params, filter, first, next);
	strbuf_addstr(sql, kind == PG_LIST_ANSWERS ? " ORDER BY a.id, n.seq"
			   : kind == PG_LIST_OUTCOMES
				   ? " ORDER BY a.id, o.occurred_on, o.id"
				   : " ORDER BY a.id");
}

static int declare(struct pg_store *pg, struct listing *l,
		   enum pg_list_kind kind, const char *name)
{
	struct strbuf sql = STRBUF_INIT;
	struct pg_params params = { 0 };
	int ret;

	strbuf_addf(&sql, "DECLARE %s NO SCROLL CURSOR FOR ", name);
	pg_list_select(&sql, &params, l->filter, l->first, l->next, kind);
	ret = pg_run(pg, strbuf_str(&sql), &params);
	strbuf_release(&sql);
	return ret;
}

static PGresult *fetch(struct pg_store *pg, const char *name)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "FETCH %d FROM %s", PG_FETCH_ROWS, name);
	return pg_query(pg, sql, NULL);
}

/* Take the outcomes of app from the outcome cursor. */
static int merge_outcomes(struct pg_store *pg, struct listing *l,
			  struct store_application *app)
{
	size_t alloc = 0;
	long long id;

	for (;;) {
		if (l->outcomes && l->outcome_row >= PQntuples(l->outcomes)) {
			if (!PQntuples(l->outcomes))
				return 0; /* the cursor is done */
			PQclear(l->outcomes);
			l->outcomes = NULL;
		}
		if (!l->outcomes) {
			l->outcomes = fetch(pg, "list_outcomes");
			l->outcome_row = 0;
			if (!l->outcomes)
				return -1;
			continue;
		}
		id = pg_int(l->outcomes, l->outcome_row, 0);
		if (id > app->id)
			return 0;
		if (id == app->id)
			add_outcome(app, &alloc, l->outcomes, l->outcome_row,
				    1);
		l->outcome_row++;
	}
}

/* Call fn for app, its answers loaded, after taking its outcomes from
 * the other cursor. */
static int deliver(struct pg_store *pg, struct listing *l,
		   struct store_application *app)
{
	int stop;

	if (l->filter->with_outcomes && merge_outcomes(pg, l, app) < 0)
		return -1;
	stop = l->fn(app, l->context);
	store_application_release(app);
	return stop;
}

/* Walk the applications cursor; an application's answer rows may go
 * on into the next fetch, so one is delivered only once a row of
 * another one (or the end) is seen. */
static int walk(struct pg_store *pg, struct listing *l)
{
	struct store_application app = { 0 };
	int have = 0, i, n, stop = 0;
	size_t alloc = 0;
	PGresult *res;

	do {
		res = fetch(pg, "list_applications");
		if (!res) {
			store_application_release(&app);
			return -1;
		}
		n = PQntuples(res);
		for (i = 0; !stop && i < n; i++) {
			if (have && pg_int(res, i, 0) != app.id) {
				stop = deliver(pg, l, &app);
				have = 0;
			}
			if (!have && !stop) {
				application_from_row(res, i, &app);
				have = 1;
				alloc = 0;
			}
			if (!stop && l->filter->with_answers &&
			    !PQgetisnull(res, i, APPLICATION_N_COLUMNS))
				add_answer(&app, &alloc, res, i,
					   APPLICATION_N_COLUMNS);
		}
		PQclear(res);
	} while (n && !stop);
	if (have && !stop)
		stop = deliver(pg, l, &app);
	store_application_release(&app);
	return stop;
}

static int list_body(struct pg_store *pg, void *context)
{
	struct listing *l = context;
	int ret;

	if (declare(pg, l,
		    l->filter->with_answers ? PG_LIST_ANSWERS : PG_LIST_PLAIN,
		    "list_applications") < 0 ||
	    (l->filter->with_outcomes &&
	     declare(pg, l, PG_LIST_OUTCOMES, "list_outcomes") < 0))
		return -1;
	ret = walk(pg, l);
	PQclear(l->outcomes);
	l->outcomes = NULL;
	if (ret < 0)
		return -1;
	if (pg_run(pg, "CLOSE list_applications", NULL) < 0 ||
	    (l->filter->with_outcomes &&
	     pg_run(pg, "CLOSE list_outcomes", NULL) < 0))
		return -1;
	return ret;
}

int pg_list(struct store *store, const struct store_filter *filter,
	    store_application_fn fn, void *context)
{
	static const struct store_filter all;
	struct listing l = { 0 };

	l.filter = filter ? filter : &all;
	l.fn = fn;
	l.context = context;
	if (l.filter->month &&
	    store_month_range(l.filter->month, l.first, l.next) < 0)
		return -1;
	return pg_read(pg_of(store), list_body, &l);
}
