/* The SQLite store's side of `intake import`: applications by source_id. */
#include <stdlib.h>

#include "sqlite_internal.h"
#include "util.h"

struct sqlite_sources {
	struct store_sources base; /* first */
	char *programme;
	sqlite3_stmt *find, *last;
};

static struct sqlite_sources *sources_of(struct store_sources *sources)
{
	return (struct sqlite_sources *)sources;
}

struct store_sources *sqlite_sources_open(struct store *base,
					  const char *programme)
{
	struct sqlite_store *store = sqlite_of(base);
	struct sqlite_sources *sources = xcalloc(1, sizeof(*sources));

	sources->base.store = base;
	sources->programme = xstrdup(programme ? programme : "");
	if (store_prepare(store,
			  "SELECT id, receipt FROM applications"
			  " WHERE programme = ?1 AND source_id = ?2",
			  &sources->find) < 0 ||
	    store_prepare(store, "SELECT coalesce(max(id), 0)"
				 " FROM applications",
			  &sources->last) < 0) {
		sqlite_sources_close(&sources->base);
		return NULL;
	}
	store_bind_text(sources->find, 1, sources->programme);
	return &sources->base;
}

int sqlite_sources_find(struct store_sources *base, const char *source_id,
			long long *id, char **receipt)
{
	struct sqlite_sources *sources = sources_of(base);
	sqlite3_stmt *stmt = sources->find;
	int rc;

	sqlite3_reset(stmt);
	store_bind_text(stmt, 2, source_id);
	rc = store_step_row(sqlite_of(base->store), stmt);
	if (rc > 0) {
		*id = sqlite3_column_int64(stmt, 0);
		if (receipt)
			*receipt = xstrdup(
				(const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_reset(stmt);
	return rc;
}

int sqlite_sources_last_id(struct store_sources *base, long long *id)
{
	struct sqlite_sources *sources = sources_of(base);
	int rc;

	sqlite3_reset(sources->last);
	rc = store_step_row(sqlite_of(base->store), sources->last);
	if (rc > 0)
		*id = sqlite3_column_int64(sources->last, 0);
	sqlite3_reset(sources->last);
	return rc > 0 ? 0 : -1;
}

void sqlite_sources_close(struct store_sources *base)
{
	struct sqlite_sources *sources = sources_of(base);

	sqlite3_finalize(sources->find);
	sqlite3_finalize(sources->last);
	free(sources->programme);
	free(sources);
}
