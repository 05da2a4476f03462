/* PostgreSQL: drafts, the counter entry saved after every answer. */
#include <stdlib.h>
#include <string.h>

#include "messages.h"
#include "pg_internal.h"
#include "util.h"

/*
 * As SQLite keeps them (sqlite_store.c): drafts write no audit rows,
 * but for a discarded one.  A draft's id is in its page's address, so
 * an id is never given twice: draft_ids holds the last one given, and
 * the UPDATE that takes the next locks its one row until the
 * transaction ends (writers on every host take turns; a rolled-back
 * create gives its number back).
 */
#define DRAFT_COLUMNS "id, programme, staff, started_at, updated_at, last_field"
/* Draft answers one INSERT writes at most: $1 the draft, three each. */
#define ANSWERS_PER_INSERT ((PG_MAX_PARAMS - 1) / 3)

struct creating {
	const char *programme, *staff;
	long long id;
};

static int create_body(struct pg_store *pg, void *context)
{
	struct creating *c = context;
	struct pg_params params = {0};
	PGresult *res;
	char now[32];

	res = pg_query(pg,
		       "UPDATE draft_ids SET last = last + 1"
		       " RETURNING last",
		       NULL);
	if (!res)
		return -1;
	if (PQntuples(res) != 1)
		BUG("draft_ids has %d rows", PQntuples(res));
	c->id = pg_int(res, 0, 0);
	PQclear(res);
	store_now(now, sizeof(now));
	pg_param_int(&params, c->id);
	pg_param_text(&params, c->programme);
	pg_param_text(&params, c->staff);
	pg_param_text(&params, now);
	return pg_run(pg,
		      "INSERT INTO drafts (id, programme, staff, started_at,"
		      " updated_at) VALUES ($1, $2, $3, $4, $4)",
		      &params);
}

int pg_draft_create(struct store *store, const char *programme,
		    const char *staff, long long *id)
{
	struct creating c = {programme, staff, 0};

	if (!programme)
		BUG("a draft without programme");
	if (pg_write(pg_of(store), create_body, &c) < 0)
		return -1;
	*id = c.id;
	return 0;
}

struct saving {
	long long id;
	const char *last_field;
	const struct store_answer *answers;
	size_t n;
};

/* Set the last field and updated_at; the draft must still exist. */
static int touch_draft(struct pg_store *pg, const struct saving *s)
{
	struct pg_params params = {0};
	PGresult *res;
	char now[32];
	long long changed;

	store_now(now, sizeof(now));
	pg_param_int(&params, s->id);
	pg_param_text(&params, s->last_field);
	pg_param_text(&params, now);
	res = pg_query(pg,
		       "UPDATE drafts SET last_field = $2, updated_at = $3"
		       " WHERE id = $1",
		       &params);
	if (!res)
		return -1;
	changed = pg_changed(res);
	PQclear(res);
	if (!changed)
		return error(msg(MSG_STORE_DRAFT_GONE), s->id);
	return 0;
}

/* Insert up to ANSWERS_PER_INSERT answers from *i on (those without a
 * value are left out), each at its place in the list. */
static int insert_chunk(struct pg_store *pg, const struct saving *s, size_t *i)
{
	struct strbuf sql = STRBUF_INIT;
	struct pg_params params = {0};
	size_t m = 0;
	int ret = 0;

	pg_param_int(&params, s->id);
	strbuf_addstr(&sql, "INSERT INTO draft_answers (draft_id, position,"
			    " field, value) VALUES ");
	for (; *i < s->n && m < ANSWERS_PER_INSERT; ++*i) {
		if (!s->answers[*i].value)
			continue;
		strbuf_addf(&sql, "%s($1, $%d, $%d, $%d)", m++ ? ", " : "",
			    params.n + 1, params.n + 2, params.n + 3);
		pg_param_int(&params, (long long)*i);
		pg_param_text(&params, s->answers[*i].field);
		pg_param_text(&params, s->answers[*i].value);
	}
	if (m)
		ret = pg_run(pg, strbuf_str(&sql), &params);
	strbuf_release(&sql);
	return ret;
}

static int save_body(struct pg_store *pg, void *context)
{
	const struct saving *s = context;
	struct pg_params params = {0};
	size_t i = 0;

	if (touch_draft(pg, s) < 0)
		return -1;
	pg_param_int(&params, s->id);
	if (pg_run(pg, "DELETE FROM draft_answers WHERE draft_id = $1",
		   &params) < 0)
		return -1;
	while (i < s->n)
		if (insert_chunk(pg, s, &i) < 0)
			return -1;
	return 0;
}

int pg_draft_save(struct store *store, long long id, const char *last_field,
		  const struct store_answer *answers, size_t n_answers)
{
	struct saving s = {id, last_field, answers, n_answers};

	return pg_write(pg_of(store), save_body, &s);
}

/* Reading. */

static void draft_from_row(const PGresult *res, int i,
			   struct store_draft *draft)
{
	memset(draft, 0, sizeof(*draft));
	draft->id = pg_int(res, i, 0);
	draft->programme = pg_dup(res, i, 1, 0);
	draft->staff = pg_dup(res, i, 2, 0);
	draft->started_at = pg_dup(res, i, 3, 0);
	draft->updated_at = pg_dup(res, i, 4, 0);
	draft->last_field = pg_dup(res, i, 5, 1);
}

/* The answers of a draft in the order saved, as SELECTed by sql. */
static PGresult *draft_answers(struct pg_store *pg, long long id)
{
	struct pg_params params = {0};

	pg_param_int(&params, id);
	return pg_query(pg,
			"SELECT field, value FROM draft_answers"
			" WHERE draft_id = $1 ORDER BY position",
			&params);
}

static int load_answers(struct pg_store *pg, struct store_draft *draft)
{
	PGresult *res = draft_answers(pg, draft->id);
	int i;

	if (!res)
		return -1;
	draft->n_answers = (size_t)PQntuples(res);
	draft->answers = xcalloc(draft->n_answers + 1, sizeof(*draft->answers));
	for (i = 0; i < PQntuples(res); i++) {
		draft->answers[i].field = pg_dup(res, i, 0, 0);
		draft->answers[i].value = pg_dup(res, i, 1, 0);
	}
	PQclear(res);
	return 0;
}

/* The row of draft id (locked, when lock), or NULL: *found 0 when
 * there is none. */
static PGresult *draft_row(struct pg_store *pg, long long id, int lock,
			   int *found)
{
	struct pg_params params = {0};
	PGresult *res;

	pg_param_int(&params, id);
	res = pg_query(pg,
		       lock ? "SELECT " DRAFT_COLUMNS " FROM drafts"
			      " WHERE id = $1 FOR UPDATE"
			    : "SELECT " DRAFT_COLUMNS " FROM drafts"
			      " WHERE id = $1",
		       &params);
	*found = res && PQntuples(res) > 0;
	return res;
}

struct getting {
	long long id;
	struct store_draft *draft;
};

static int get_body(struct pg_store *pg, void *context)
{
	struct getting *g = context;
	int found;
	PGresult *res = draft_row(pg, g->id, 0, &found);

	if (!res)
		return -1;
	if (found)
		draft_from_row(res, 0, g->draft);
	PQclear(res);
	if (!found)
		return 1;
	return load_answers(pg, g->draft);
}

int pg_draft_get(struct store *store, long long id, struct store_draft *draft)
{
	struct getting g = {id, draft};
	int ret;

	memset(draft, 0, sizeof(*draft));
	ret = pg_read(pg_of(store), get_body, &g);
	if (ret)
		store_draft_release(draft);
	return ret;
}

/* Ids only grow, so id order is the order drafts were started in. */
int pg_draft_list(struct store *store, store_draft_fn fn, void *context)
{
	struct store_draft draft;
	PGresult *res = pg_query(pg_of(store),
				 "SELECT " DRAFT_COLUMNS ", (SELECT value"
				 " FROM draft_answers a WHERE a.draft_id ="
				 " drafts.id AND a.field = 'name')"
				 " FROM drafts ORDER BY id",
				 NULL);
	int i, ret = 0;

	if (!res)
		return -1;
	for (i = 0; !ret && i < PQntuples(res); i++) {
		draft_from_row(res, i, &draft);
		draft.name = pg_dup(res, i, 6, 1);
		ret = fn(&draft, context);
		store_draft_release(&draft);
	}
	PQclear(res);
	return ret;
}

/* Discarding: the audit keeps what the draft held. */

struct discarding {
	long long id;
	const char *staff, *reason;
};

/* {"draft":…,"programme":…,"staff":…,"started_at":…,"answers":{…}} as
 * sqlite_store.c's audit_discard writes it. */
static char *discard_before(struct pg_store *pg, const PGresult *row,
			    long long id)
{
	struct strbuf json = STRBUF_INIT, answers = STRBUF_INIT;
	PGresult *res = draft_answers(pg, id);
	char *inner, *before;
	int i;

	if (!res)
		return NULL;
	for (i = 0; i < PQntuples(res); i++)
		pg_json_text(&answers, pg_text(res, i, 0), pg_text(res, i, 1));
	PQclear(res);
	inner = pg_json_end(&answers);
	pg_json_int(&json, "draft", id);
	pg_json_text(&json, "programme", pg_text(row, 0, 1));
	pg_json_text(&json, "staff", pg_text(row, 0, 2));
	pg_json_text(&json, "started_at", pg_text(row, 0, 3));
	pg_json_int_or_null(&json, "answers", inner);
	before = pg_json_end(&json);
	free(inner);
	return before;
}

static int audit_discard(struct pg_store *pg, const PGresult *row,
			 const struct discarding *d)
{
	struct audit_entry entry = {d->staff, "discard_draft", 0, NULL, NULL};
	struct strbuf reason = STRBUF_INIT;
	char *before = discard_before(pg, row, d->id), *after;
	int ret = -1;

	pg_json_text(&reason, "reason", d->reason);
	after = pg_json_end(&reason);

	entry.before = before;
	entry.after = after;
	if (before)
		ret = pg_audit_append(pg, &entry);
	free(before);
	free(after);
	return ret;
}

static int discard_body(struct pg_store *pg, void *context)
{
	const struct discarding *d = context;
	struct pg_params params = {0};
	int found, ret;
	PGresult *row = draft_row(pg, d->id, 1, &found);

	if (!row)
		return -1;
	if (!found) {
		PQclear(row);
		return 1; /* none: nothing to write */
	}
	ret = audit_discard(pg, row, d);
	PQclear(row);
	if (ret < 0)
		return -1;
	pg_param_int(&params, d->id);
	return pg_run(pg, "DELETE FROM drafts WHERE id = $1", &params);
}

int pg_draft_discard(struct store *store, long long id, const char *staff,
		     const char *reason)
{
	struct discarding d = {id, staff, reason};

	return pg_write(pg_of(store), discard_body, &d);
}
