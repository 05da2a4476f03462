/* What falls due after an outcome: the store's side of `intake due`. */
#include "store.h"
#include "sqlite_internal.h"

#include <stdio.h>

#include "value.h"

/* ?1 programme, ?2 after, ?3 code, ?4 office (NULL: any), ?5 the latest
 * first date of after (NULL: any). */
static const char due_sql[] =
	"SELECT a.receipt, a.office, n.value, MIN(o.occurred_on) AS first"
	" FROM outcomes o JOIN applications a ON a.id = o.application_id"
	" LEFT JOIN answers n ON n.application_id = a.id"
	" AND n.field = 'name'"
	" WHERE o.code = ?2 AND o.voided_at IS NULL AND a.programme = ?1"
	" AND a.status <> 'withdrawn'"
	" AND (?4 IS NULL OR a.office = ?4)"
	" AND NOT EXISTS (SELECT 1 FROM outcomes d"
	" WHERE d.application_id = a.id AND d.code = ?3"
	" AND d.voided_at IS NULL)"
	" GROUP BY a.id"
	" HAVING ?5 IS NULL OR first <= ?5"
	" ORDER BY first, a.id";

static int walk_due(struct sqlite_store *store, sqlite3_stmt *stmt,
		    store_due_fn fn, void *context)
{
	struct store_due_row row;
	int rc, stop;

	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		row.receipt = (const char *)sqlite3_column_text(stmt, 0);
		row.office = (const char *)sqlite3_column_text(stmt, 1);
		row.name = (const char *)sqlite3_column_text(stmt, 2);
		if (date_from_iso((const char *)sqlite3_column_text(stmt, 3),
				  &row.after_on))
			continue; /* not a date: nothing can fall due */
		stop = fn(&row, context);
		if (stop)
			return stop;
	}
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

int sqlite_due(struct store *base, const struct store_due_query *query,
	       store_due_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);

	sqlite3_stmt *stmt = NULL;
	char until[48];
	int ret;

	if (store_prepare(store, due_sql, &stmt) < 0)
		return -1;
	store_bind_text(stmt, 1, query->programme);
	store_bind_text(stmt, 2, query->after);
	store_bind_text(stmt, 3, query->code);
	store_bind_text(stmt, 4, query->office);
	if (query->until) {
		snprintf(until, sizeof(until), "%04ld-%02ld-%02ld",
			 query->until / 10000, query->until / 100 % 100,
			 query->until % 100);
		store_bind_text(stmt, 5, until);
	}
	ret = walk_due(store, stmt, fn, context);
	sqlite3_finalize(stmt);
	return ret;
}
