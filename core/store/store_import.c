/* The store's side of `intake import`: applications by source_id. */
#include "store.h"
#include "store_internal.h"

#include <stdlib.h>

#include "util.h"

struct store_sources {
	struct store *store;
	char *programme;
	sqlite3_stmt *find, *last;
};

struct store_sources *store_sources_open(struct store *store,
					 const char *programme)
{
	struct store_sources *sources = xcalloc(1, sizeof(*sources));

	sources->store = store;
	sources->programme = xstrdup(programme ? programme : "");
	if (store_prepare(store,
			  "SELECT id, receipt FROM applications"
			  " WHERE programme = ?1 AND source_id = ?2",
			  &sources->find) < 0 ||
	    store_prepare(store, "SELECT coalesce(max(id), 0)"
				 " FROM applications",
			  &sources->last) < 0) {
		store_sources_close(sources);
		return NULL;
	}
	store_bind_text(sources->find, 1, sources->programme);
	return sources;
}

int store_sources_find(struct store_sources *sources, const char *source_id,
		       long long *id, char **receipt)
{
	sqlite3_stmt *stmt = sources->find;
	int rc;

	sqlite3_reset(stmt);
	store_bind_text(stmt, 2, source_id);
	rc = store_step_row(sources->store, stmt);
	if (rc > 0) {
		*id = sqlite3_column_int64(stmt, 0);
		if (receipt)
			*receipt = xstrdup(
				(const char *)sqlite3_column_text(stmt, 1));
	}
	sqlite3_reset(stmt);
	return rc;
}

int store_sources_last_id(struct store_sources *sources, long long *id)
{
	int rc;

	sqlite3_reset(sources->last);
	rc = store_step_row(sources->store, sources->last);
	if (rc > 0)
		*id = sqlite3_column_int64(sources->last, 0);
	sqlite3_reset(sources->last);
	return rc > 0 ? 0 : -1;
}

void store_sources_close(struct store_sources *sources)
{
	if (!sources)
		return;
	sqlite3_finalize(sources->find);
	sqlite3_finalize(sources->last);
	free(sources->programme);
	free(sources);
}
