/* PostgreSQL: a batch of writes in one transaction; import's source ids. */
#include <stdlib.h>

#include "pg_internal.h"
#include "util.h"

/*
 * A batch is one transaction (store.h, store_batch_begin).  Each write
 * that would open its own transaction (pg_write) is, with
 * STORE_BATCH_SAVEPOINTS, a savepoint of it, so that a failed write
 * takes back only its own rows; with STORE_BATCH_WHOLE it is simply
 * part of it, and a failed write dooms the batch (PostgreSQL would
 * refuse every later statement of the transaction anyway).  A write in
 * a batch is not tried again after a serialization failure: the batch
 * holds what came before it.  What pg_copy.c holds back is written
 * before any other write of the batch, and before its commit.
 */

int pg_batch_begin(struct store *store, enum store_batch kind)
{
	struct pg_store *pg = pg_of(store);

	if (pg->batch)
		BUG("a batch inside a batch");
	if (pg->in_transaction)
		BUG("a batch inside a transaction");
	if (pg_run(pg, "BEGIN", NULL) < 0)
		return -1;
	pg->in_transaction = 1;
	pg->batch = 1;
	pg->batch_whole = kind == STORE_BATCH_WHOLE;
	pg->batch_failed = 0;
	return 0;
}

/* Roll back what is open, quietly: a lost connection took it along. */
static void rollback(struct pg_store *pg)
{
	if (pg->in_transaction && !pg->lost)
		PQclear(PQexec(pg->conn, "ROLLBACK"));
	pg->in_transaction = 0;
}

int pg_batch_end(struct store *store, int commit)
{
	struct pg_store *pg = pg_of(store);
	int failed = pg->batch_failed;

	if (!pg->batch)
		BUG("no batch to end");
	if (commit && !failed && pg->in_transaction && pg_copy_flush(pg) < 0)
		failed = 1;
	pg_copy_release(pg);
	pg->batch = pg->batch_whole = pg->batch_failed = 0;
	if (!pg->in_transaction)
		return commit ? -1 : 0; /* an error ended it already */
	/* a transaction in error would "commit" as a rollback */
	if (PQtransactionStatus(pg->conn) != PQTRANS_INTRANS)
		failed = 1;
	if (commit && !failed) {
		if (pg_run(pg, "COMMIT", NULL) < 0) {
			rollback(pg);
			return -1;
		}
		pg->in_transaction = 0;
		return 0;
	}
	rollback(pg);
	return commit ? -1 : 0;
}

/* body with pg_write seeing a plain open transaction. */
static int run_body(struct pg_store *pg, pg_body_fn body, void *context)
{
	int ret;

	pg->batch = 0;
	ret = body(pg, context);
	pg->batch = 1;
	return ret;
}

/* Take back a failed write's savepoint; the batch fails when that
 * cannot be done. */
static void undo_write(struct pg_store *pg)
{
	if (!pg->in_transaction ||
	    pg_run(pg, "ROLLBACK TO SAVEPOINT batch_write", NULL) < 0 ||
	    pg_run(pg, "RELEASE SAVEPOINT batch_write", NULL) < 0)
		pg->batch_failed = 1;
}

int pg_batch_write(struct pg_store *pg, pg_body_fn body, void *context)
{
	int ret;

	if (pg->batch_failed || !pg->in_transaction) {
		pg->batch_failed = 1;
		if (pg->store.status == STORE_OK)
			pg->store.status = STORE_INTERNAL;
		return -1;
	}
	if (pg_copy_flush(pg) < 0) {
		pg->batch_failed = 1;
		return -1;
	}
	pg_copy_forget_head(pg);
	if (pg->batch_whole) {
		ret = run_body(pg, body, context);
		if (ret < 0)
			pg->batch_failed = 1;
		return ret;
	}
	if (pg_run(pg, "SAVEPOINT batch_write", NULL) < 0) {
		pg->batch_failed = 1;
		return -1;
	}
	ret = run_body(pg, body, context);
	if (ret >= 0 && pg_run(pg, "RELEASE SAVEPOINT batch_write", NULL) == 0)
		return ret;
	undo_write(pg);
	return -1;
}

/* Import: the applications of one programme by their source_id. */

struct pg_sources {
	struct store_sources base; /* first */
	char *programme;
};

struct store_sources *pg_sources_open(struct store *store,
				      const char *programme)
{
	struct pg_sources *sources = xcalloc(1, sizeof(*sources));

	sources->base.store = store;
	sources->programme = xstrdup(programme ? programme : "");
	return &sources->base;
}

int pg_sources_find(struct store_sources *base, const char *source_id,
		    long long *id, char **receipt)
{
	struct pg_sources *sources = (struct pg_sources *)base;
	struct pg_params params = {0};
	PGresult *res;
	int found;

	pg_param_text(&params, sources->programme);
	pg_param_text(&params, source_id);
	res = pg_query(pg_of(base->store),
		       "SELECT id, receipt FROM applications"
		       " WHERE programme = $1 AND source_id = $2",
		       &params);
	if (!res)
		return -1;
	found = PQntuples(res) > 0;
	if (found) {
		*id = pg_int(res, 0, 0);
		if (receipt)
			*receipt = pg_dup(res, 0, 1, 0);
	}
	PQclear(res);
	return found;
}

int pg_sources_last_id(struct store_sources *base, long long *id)
{
	PGresult *res = pg_query(pg_of(base->store),
				 "SELECT coalesce(max(id), 0)"
				 " FROM applications",
				 NULL);

	if (!res)
		return -1;
	*id = pg_int(res, 0, 0);
	PQclear(res);
	return 0;
}

void pg_sources_close(struct store_sources *base)
{
	struct pg_sources *sources = (struct pg_sources *)base;

	if (!sources)
		return;
	free(sources->programme);
	free(sources);
}
