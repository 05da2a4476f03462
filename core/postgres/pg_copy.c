/* PostgreSQL: its side of copying a database (intake migrate). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_internal.h"
#include "util.h"

/* Names come from store_copy.c's list, never from input: anything but
 * [a-z_] is a bug.  Quoted, for "before" and "after". */
static void add_name(struct strbuf *sql, const char *name)
{
	const char *c;

	for (c = name; *c; c++)
		if ((*c < 'a' || *c > 'z') && *c != '_')
			BUG("not a table or column name: %s", name);
	strbuf_addf(sql, "\"%s\"", name);
}

static void add_columns(struct strbuf *sql, const struct store_table *table)
{
	size_t i;

	for (i = 0; i < table->n_columns; i++) {
		if (i)
			strbuf_addstr(sql, ", ");
		add_name(sql, table->columns[i]);
	}
}

/* The order rows were stored in (SQLite's rowid): the id, or what
 * stands for it in the tables without one. */
static const char *stored_order(const char *table)
{
	if (!strcmp(table, "answers"))
		return "seq";
	if (!strcmp(table, "draft_answers"))
		return "draft_id, position";
	if (!strcmp(table, "receipt_sequences"))
		return "programme, fiscal_year";
	if (!strcmp(table, "draft_ids"))
		return "last";
	return "id";
}

struct walking {
	const struct store_table *table;
	store_row_fn fn;
	void *context;
};

/* Call fn for each row of one fetch: 0, or fn's non-zero. */
static int each_fetched(const PGresult *res, const struct walking *w,
			const char **values)
{
	size_t i;
	int row, ret = 0;

	for (row = 0; !ret && row < PQntuples(res); row++) {
		for (i = 0; i < w->table->n_columns; i++)
			values[i] = pg_text(res, row, (int)i);
		ret = w->fn(values, w->context);
	}
	return ret;
}

static int each_body(struct pg_store *pg, void *context)
{
	const struct walking *w = context;
	const char **values = xcalloc(w->table->n_columns, sizeof(*values));
	struct strbuf sql = STRBUF_INIT;
	PGresult *res = NULL;
	int n, ret = -1;

	strbuf_addstr(&sql, "DECLARE rows_walk NO SCROLL CURSOR FOR SELECT ");
	add_columns(&sql, w->table);
	strbuf_addstr(&sql, " FROM ");
	add_name(&sql, w->table->name);
	strbuf_addf(&sql, " ORDER BY %s", stored_order(w->table->name));
	if (pg_run(pg, strbuf_str(&sql), NULL) < 0)
		goto cleanup;
	do {
		res = pg_query(pg, "FETCH 1000 FROM rows_walk", NULL);
		if (!res)
			goto cleanup;
		n = PQntuples(res);
		ret = each_fetched(res, w, values);
		PQclear(res);
	} while (n && !ret);
	if (pg_run(pg, "CLOSE rows_walk", NULL) < 0)
		ret = -1;
cleanup:
	strbuf_release(&sql);
	free(values);
	return ret;
}

int pg_rows_each(struct store *store, const struct store_table *table,
		 store_row_fn fn, void *context)
{
	struct walking w = { table, fn, context };

	return pg_read(pg_of(store), each_body, &w);
}

struct putting {
	const struct store_table *table;
	const char *const *values;
};

static int put_body(struct pg_store *pg, void *context)
{
	const struct putting *p = context;
	struct strbuf sql = STRBUF_INIT;
	struct pg_params params = { 0 };
	size_t i;
	int ret;

	strbuf_addstr(&sql, "INSERT INTO ");
	add_name(&sql, p->table->name);
	strbuf_addstr(&sql, " (");
	add_columns(&sql, p->table);
	strbuf_addstr(&sql, ") VALUES (");
	for (i = 0; i < p->table->n_columns; i++) {
		pg_param_text(&params, p->values[i]);
		strbuf_addf(&sql, "%s$%zu", i ? ", " : "", i + 1);
	}
	strbuf_addstr(&sql, ")");
	ret = pg_run(pg, strbuf_str(&sql), &params);
	strbuf_release(&sql);
	return ret;
}

int pg_rows_put(struct store *store, const struct store_table *table,
		const char *const *values)
{
	struct putting p = { table, values };

	return pg_write(pg_of(store), put_body, &p);
}

/*
 * The identities go on after the highest id copied: rows put with their
 * own ids leave each table's sequence where it was, and the next case
 * taken would get an id a copied one has.
 */
static const char *const identities[][2] = {
	{ "applications", "id" }, { "answers", "seq" },
	{ "outcomes", "id" },	   { "audit", "id" },
	{ "links", "id" },	   { "case_notes", "id" },
	{ "accounts", "id" },
};

static int advance_identities(struct pg_store *pg)
{
	char sql[256];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(identities); i++) {
		snprintf(sql, sizeof(sql),
			 "SELECT setval(pg_get_serial_sequence('%s', '%s'),"
			 " coalesce(max(%s), 0) + 1, false) FROM %s",
			 identities[i][0], identities[i][1], identities[i][1],
			 identities[i][0]);
		if (pg_run(pg, sql, NULL) < 0)
			return -1;
	}
	return 0;
}

static int rebuild_body(struct pg_store *pg, void *context)
{
	if (pg_search_keys_rebuild(pg) < 0 || pg_counts_rebuild(pg) < 0 ||
	    advance_identities(pg) < 0)
		return -1;
	return pg_run(pg,
		      "UPDATE draft_ids SET last = greatest(last,"
		      " (SELECT coalesce(max(id), 0) FROM drafts))",
		      NULL);
}

int pg_rebuild(struct store *store)
{
	return pg_write(pg_of(store), rebuild_body, NULL);
}
