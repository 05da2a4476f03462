/* PostgreSQL: the operations still to come, each refusing clearly. */
#include "messages.h"
#include "pg_internal.h"
#include "util.h"

/*
 * Each operation below is not written for PostgreSQL yet: it says so
 * ("intake: tally is not available on PostgreSQL yet") and fails with
 * STORE_INTERNAL.  Replace one function at a time; the backend table
 * (pg_store.c) names them all.
 */
static int pending(struct store *store, const char *operation)
{
	store->status = STORE_INTERNAL;
	return error(msg(MSG_PG_PENDING), operation, pg_of(store)->where);
}

char *pg_list_plan(struct store *store, const struct store_filter *filter)
{
	pending(store, "list_plan");
	return NULL;
}

int pg_tally(struct store *store, const struct store_tally_query *query,
	     store_tally_fn fn, void *context)
{
	return pending(store, "tally");
}

int pg_received(struct store *store, const struct store_tally_query *query,
		store_tally_fn fn, void *context)
{
	return pending(store, "received");
}

int pg_verify_counts(struct store *store, store_difference_fn fn, void *context)
{
	return pending(store, "verify_counts");
}

int pg_due(struct store *store, const struct store_due_query *query,
	   store_due_fn fn, void *context)
{
	return pending(store, "due");
}

int pg_find_person(struct store *store, const char *name_kana,
		   const char *birth_date, store_application_fn fn,
		   void *context)
{
	return pending(store, "find_person");
}

int pg_find(struct store *store, const struct store_query *query,
	    store_found_fn fn, void *context)
{
	return pending(store, "find");
}

char *pg_find_plan(struct store *store, const struct store_query *query)
{
	pending(store, "find_plan");
	return NULL;
}

int pg_quick_check(struct store *store, const char *table, store_problem_fn fn,
		   void *context)
{
	return pending(store, "quick_check");
}
