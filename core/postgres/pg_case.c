/* PostgreSQL: taking a case (add) and reading one back (get). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
#include "messages.h"
#include "pg_internal.h"
#include "util.h"

#define ISO_SIZE STORE_ISO_SIZE
/* Answers one INSERT writes at most: $1 the application, two each. */
#define ANSWERS_PER_INSERT ((PG_MAX_PARAMS - 1) / 2)

#define APPLICATION_COLUMNS                                                  \
	"a.id, a.receipt, a.programme, a.plugin_version, a.form_version, "   \
	"a.received_on, a.office, a.staff, a.status, a.created_at"

/* Dates. */

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31 };
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

int pg_date_iso(long date, char *iso)
{
	int year = (int)(date / 10000), month = (int)(date / 100 % 100);
	int day = (int)(date % 100);

	if (date < 10101 || date > 99991231 || month < 1 || month > 12 ||
	    day < 1 || day > days_in_month(year, month))
		return error(msg(MSG_STORE_BAD_DATE), date);
	snprintf(iso, ISO_SIZE, "%04d-%02d-%02d", year, month, day);
	return 0;
}

long pg_date_from_text(const char *iso)
{
	int year, month, day;

	if (!iso || sscanf(iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
		return 0;
	return (long)year * 10000 + month * 100 + day;
}

/* Search keys, as store_find.c writes them. */

static const char *key_kind(const char *field)
{
	if (!strcmp(field, "name"))
		return "name";
	if (!strcmp(field, "name_kana"))
		return "kana";
	return NULL;
}

static int insert_keys(struct pg_store *pg, long long id, const char *field,
		       const char *value)
{
	const char *kind = key_kind(field);
	char **keys = NULL;
	size_t i, n;
	int ret = 0;

	if (!kind || !value)
		return 0;
	n = find_name_keys(value, &keys);
	for (i = 0; i < n; i++) {
		struct pg_params params = { 0 };

		pg_param_text(&params, kind);
		pg_param_text(&params, keys[i]);
		pg_param_int(&params, id);
		if (!ret)
			ret = pg_run(pg,
				     "INSERT INTO search_keys (kind, key,"
				     " application_id) VALUES ($1, $2, $3)"
				     " ON CONFLICT DO NOTHING",
				     &params);
		free(keys[i]);
	}
	free(keys);
	return ret;
}

int pg_search_keys_add(struct pg_store *pg, long long id,
		       const struct store_answer *answers, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (insert_keys(pg, id, answers[i].field, answers[i].value) < 0)
			return -1;
	return 0;
}

int pg_search_keys_refresh(struct pg_store *pg, long long id)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int i, ret = 0;

	pg_param_int(&params, id);
	if (pg_run(pg, "DELETE FROM search_keys WHERE application_id = $1",
		   &params) < 0)
		return -1;
	res = pg_query(pg,
		       "SELECT field, value FROM answers"
		       " WHERE application_id = $1"
		       " AND field IN ('name', 'name_kana')",
		       &params);
	if (!res)
		return -1;
	for (i = 0; !ret && i < PQntuples(res); i++)
		ret = insert_keys(pg, id, pg_text(res, i, 0),
				  pg_text(res, i, 1));
	PQclear(res);
	return ret;
}

/* Adding an application. */

struct adding {
	const struct store_new_application *app;
	char received_on[ISO_SIZE];
	int fiscal_year;
	long long id, linked_id;
	char *receipt;
};

/* Delete the draft the application was typed in (none when 0). */
static int take_draft(struct pg_store *pg, long long draft_id)
{
	struct pg_params params = { 0 };
	PGresult *res;
	long long changed;

	if (!draft_id)
		return 0;
	pg_param_int(&params, draft_id);
	res = pg_query(pg, "DELETE FROM drafts WHERE id = $1", &params);
	if (!res)
		return -1;
	changed = pg_changed(res);
	PQclear(res);
	if (!changed)
		return error(msg(MSG_STORE_DRAFT_GONE), draft_id);
	return 0;
}

static int link_target(struct pg_store *pg, struct adding *adding)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int found;

	adding->linked_id = 0;
	if (!adding->app->link_receipt)
		return 0;
	pg_param_text(&params, adding->app->link_receipt);
	res = pg_query(pg, "SELECT id FROM applications WHERE receipt = $1",
		       &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	if (found)
		adding->linked_id = pg_int(res, 0, 0);
	PQclear(res);
	if (!found)
		return error(msg(MSG_STORE_NO_LINK),
			     adding->app->link_receipt);
	return 0;
}

/*
 * The receipt: the sequence row of the programme and fiscal year,
 * row-locked by this upsert until the transaction ends, so that
 * writers on any host take numbers one after the other, and a
 * rolled-back add gives its number back (a SEQUENCE would not).
 */
static int next_receipt(struct pg_store *pg, struct adding *adding)
{
	struct pg_params params = { 0 };
	PGresult *res;

	pg_param_text(&params, adding->app->programme);
	pg_param_int(&params, adding->fiscal_year);
	res = pg_query(pg,
		       "INSERT INTO receipt_sequences AS s (programme,"
		       " fiscal_year, last) VALUES ($1, $2, 1)"
		       " ON CONFLICT (programme, fiscal_year)"
		       " DO UPDATE SET last = s.last + 1 RETURNING last",
		       &params);
	if (!res)
		return -1;
	adding->receipt = xstrfmt("%s-%d-%06lld", adding->app->receipt_prefix,
				  adding->fiscal_year, pg_int(res, 0, 0));
	PQclear(res);
	return 0;
}

static int insert_application(struct pg_store *pg, struct adding *adding)
{
	const struct store_new_application *app = adding->app;
	struct pg_params params = { 0 };
	char now[32];
	PGresult *res;

	store_now(now, sizeof(now));
	pg_param_text(&params, adding->receipt);
	pg_param_text(&params, app->programme);
	pg_param_text(&params, app->plugin_version);
	pg_param_int(&params, app->form_version);
	pg_param_text(&params, adding->received_on);
	pg_param_text(&params, app->office);
	pg_param_text(&params, app->staff);
	pg_param_text(&params, now);
	pg_param_text(&params, app->source_id);
	res = pg_query(pg,
		       "INSERT INTO applications (receipt, programme,"
		       " plugin_version, form_version, received_on, office,"
		       " staff, created_at, updated_at, source_id)"
		       " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)"
		       " RETURNING id",
		       &params);
	if (!res)
		return -1;
	adding->id = pg_int(res, 0, 0);
	PQclear(res);
	return 0;
}

/* Insert up to ANSWERS_PER_INSERT answers from *i on (those without a
 * value are not stored), in order. */
static int insert_answer_chunk(struct pg_store *pg, long long id,
			       const struct store_answer *answers, size_t n,
			       size_t *i)
{
	struct strbuf sql = STRBUF_INIT;
	struct pg_params params = { 0 };
	size_t m = 0;
	int ret = 0;

	pg_param_int(&params, id);
	strbuf_addstr(&sql, "INSERT INTO answers (application_id, field,"
			    " value) VALUES ");
	for (; *i < n && m < ANSWERS_PER_INSERT; ++*i) {
		if (!answers[*i].value)
			continue;
		strbuf_addf(&sql, "%s($1, $%d, $%d)", m++ ? ", " : "",
			    params.n + 1, params.n + 2);
		pg_param_text(&params, answers[*i].field);
		pg_param_text(&params, answers[*i].value);
	}
	if (m)
		ret = pg_run(pg, strbuf_str(&sql), &params);
	strbuf_release(&sql);
	return ret;
}

static int insert_answers(struct pg_store *pg, long long id,
			  const struct store_answer *answers, size_t n)
{
	size_t i = 0;

	while (i < n)
		if (insert_answer_chunk(pg, id, answers, n, &i) < 0)
			return -1;
	return 0;
}

/* The audit row of an added application: the JSON store.c's audit_add
 * makes, byte for byte. */
static int audit_add(struct pg_store *pg, const struct adding *adding)
{
	const struct store_new_application *app = adding->app;
	struct audit_entry entry = { app->staff, "add", adding->id, NULL,
				     NULL };
	struct strbuf json = STRBUF_INIT, answers = STRBUF_INIT;
	char *after, *inner;
	size_t i;
	int ret;

	for (i = 0; i < app->n_answers; i++)
		if (app->answers[i].value)
			pg_json_text(&answers, app->answers[i].field,
				     app->answers[i].value);
	inner = pg_json_end(&answers);
	pg_json_text(&json, "receipt", adding->receipt);
	pg_json_text(&json, "programme", app->programme);
	pg_json_text(&json, "received_on", adding->received_on);
	pg_json_int_or_null(&json, "answers", inner);
	entry.after = after = pg_json_end(&json);
	ret = pg_audit_append(pg, &entry);
	free(inner);
	free(after);
	return ret;
}

static int insert_link(struct pg_store *pg, const struct adding *adding)
{
	const struct store_new_application *app = adding->app;
	struct audit_entry entry = { app->staff, "link", adding->id, NULL,
				     NULL };
	struct pg_params params = { 0 };
	struct strbuf json = STRBUF_INIT;
	char now[32], *after;
	int ret;

	store_now(now, sizeof(now));
	pg_param_int(&params, adding->id);
	pg_param_int(&params, adding->linked_id);
	pg_param_text(&params, app->link_note);
	pg_param_text(&params, app->staff);
	pg_param_text(&params, now);
	if (pg_run(pg,
		   "INSERT INTO links (application_id, linked_id, note, staff,"
		   " created_at) VALUES ($1, $2, $3, $4, $5)",
		   &params) < 0)
		return -1;
	pg_json_text(&json, "receipt", adding->receipt);
	pg_json_text(&json, "linked", app->link_receipt);
	pg_json_text(&json, "note", app->link_note);
	entry.after = after = pg_json_end(&json);
	ret = pg_audit_append(pg, &entry);
	free(after);
	return ret;
}

static int add_body(struct pg_store *pg, void *context)
{
	struct adding *adding = context;
	const struct store_new_application *app = adding->app;

	free(adding->receipt); /* of an attempt rolled back */
	adding->receipt = NULL;
	if (take_draft(pg, app->draft_id) < 0 ||
	    link_target(pg, adding) < 0 || next_receipt(pg, adding) < 0 ||
	    insert_application(pg, adding) < 0 ||
	    insert_answers(pg, adding->id, app->answers, app->n_answers) < 0 ||
	    pg_search_keys_add(pg, adding->id, app->answers,
			       app->n_answers) < 0 ||
	    audit_add(pg, adding) < 0)
		return -1;
	return adding->linked_id ? insert_link(pg, adding) : 0;
}

int pg_add_application(struct store *store,
		       const struct store_new_application *application,
		       char **receipt)
{
	struct adding adding = { application, "", 0, 0, 0, NULL };
	long month;

	*receipt = NULL;
	if (!application->programme || !application->receipt_prefix)
		BUG("an application without programme or receipt prefix");
	if (pg_date_iso(application->received_on, adding.received_on) < 0)
		return -1;
	month = application->received_on / 100 % 100;
	adding.fiscal_year = (int)(application->received_on / 10000) -
			     (month < 4); /* April–March */
	if (pg_write(pg_of(store), add_body, &adding) < 0) {
		free(adding.receipt);
		return -1;
	}
	*receipt = adding.receipt;
	return 0;
}

/* The application's status. */

int pg_update_status(struct pg_store *pg, long long application_id)
{
	struct pg_params params = { 0 };
	char now[32];

	store_now(now, sizeof(now));
	pg_param_int(&params, application_id);
	pg_param_text(&params, now);
	return pg_run(pg,
		      "UPDATE applications SET updated_at = $2,"
		      " status = CASE WHEN withdrawn_at IS NOT NULL"
		      " THEN 'withdrawn' ELSE COALESCE((SELECT code"
		      " FROM outcomes WHERE application_id = $1"
		      " AND voided_at IS NULL ORDER BY occurred_on DESC,"
		      " id DESC LIMIT 1), 'received') END WHERE id = $1",
		      &params);
}

int pg_lock_application(struct pg_store *pg, long long application_id)
{
	struct pg_params params = { 0 };
	PGresult *res;
	int found;

	pg_param_int(&params, application_id);
	res = pg_query(pg, "SELECT 1 FROM applications WHERE id = $1"
			   " FOR UPDATE", &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	PQclear(res);
	return found;
}
