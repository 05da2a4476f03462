/* The SQLite store's side of copying a database: rows as they are. */
#include <stdlib.h>

#include "sqlite_internal.h"
#include "util.h"

/* A prepared INSERT of one table, kept for the rows that follow. */
struct sqlite_put {
	const struct store_table *table;
	sqlite3_stmt *stmt;
	struct sqlite_put *next;
};

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

int sqlite_rows_each(struct store *base, const struct store_table *table,
		     store_row_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);
	struct strbuf sql = STRBUF_INIT;
	const char **values = xcalloc(table->n_columns, sizeof(*values));
	sqlite3_stmt *stmt = NULL;
	int rc, ret = -1, began;
	size_t i;

	strbuf_addstr(&sql, "SELECT ");
	add_columns(&sql, table);
	strbuf_addstr(&sql, " FROM ");
	add_name(&sql, table->name);
	strbuf_addstr(&sql, " ORDER BY rowid");
	if (store_begin_read(store, &began) < 0)
		goto cleanup;
	if (store_prepare(store, sql.buf, &stmt) < 0)
		goto done;
	ret = 0;
	while (!ret && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		for (i = 0; i < table->n_columns; i++)
			values[i] = (const char *)sqlite3_column_text(
				stmt, (int)i);
		ret = fn(values, context);
	}
	if (!ret && rc != SQLITE_DONE)
		ret = store_sql_error(store);
	sqlite3_finalize(stmt);
done:
	store_end_read(store, began);
cleanup:
	free(values);
	strbuf_release(&sql);
	return ret;
}

static sqlite3_stmt *put_stmt(struct sqlite_store *store,
			      const struct store_table *table)
{
	struct sqlite_put *put;
	struct strbuf sql = STRBUF_INIT;
	size_t i;

	for (put = store->puts; put; put = put->next)
		if (put->table == table)
			return put->stmt;
	put = xcalloc(1, sizeof(*put));
	put->table = table;
	strbuf_addstr(&sql, "INSERT INTO ");
	add_name(&sql, table->name);
	strbuf_addstr(&sql, " (");
	add_columns(&sql, table);
	strbuf_addstr(&sql, ") VALUES (");
	for (i = 0; i < table->n_columns; i++)
		strbuf_addf(&sql, "%s?%zu", i ? ", " : "", i + 1);
	strbuf_addstr(&sql, ")");
	if (store_prepare(store, sql.buf, &put->stmt) < 0) {
		free(put);
		put = NULL;
	} else {
		put->next = store->puts;
		store->puts = put;
	}
	strbuf_release(&sql);
	return put ? put->stmt : NULL;
}

int sqlite_rows_put(struct store *base, const struct store_table *table,
		    const char *const *values)
{
	struct sqlite_store *store = sqlite_of(base);
	sqlite3_stmt *stmt = put_stmt(store, table);
	size_t i;

	if (!stmt)
		return -1;
	sqlite3_reset(stmt);
	for (i = 0; i < table->n_columns; i++)
		store_bind_text(stmt, (int)i + 1, values[i]);
	return store_run(store, stmt);
}

void copy_release(struct sqlite_store *store)
{
	struct sqlite_put *put, *next;

	for (put = store->puts; put; put = next) {
		next = put->next;
		sqlite3_finalize(put->stmt);
		free(put);
	}
	store->puts = NULL;
}

int sqlite_rebuild(struct store *base)
{
	struct sqlite_store *store = sqlite_of(base);
	static const char counts_sql[] = "DELETE FROM outcome_counts;\n"
		SQLITE_COUNTS_FILL;
	static const char draft_ids_sql[] =
		"UPDATE draft_ids SET last = max(last,"
		" (SELECT coalesce(max(id), 0) FROM drafts))";

	if (search_keys_backfill(store) < 0 ||
	    sqlite3_exec(store->db, counts_sql, NULL, NULL, NULL) ||
	    sqlite3_exec(store->db, draft_ids_sql, NULL, NULL, NULL))
		return store_sql_error(store);
	return 0;
}
