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

int pg_batch_begin(struct store *store, enum store_batch kind)
{
	return pending(store, "batch_begin");
}

int pg_batch_end(struct store *store, int commit)
{
	return pending(store, "batch_end");
}

struct store_sources *pg_sources_open(struct store *store,
				      const char *programme)
{
	pending(store, "sources_open");
	return NULL;
}

int pg_draft_create(struct store *store, const char *programme,
		    const char *staff, long long *id)
{
	return pending(store, "draft_create");
}

int pg_draft_save(struct store *store, long long id, const char *last_field,
		  const struct store_answer *answers, size_t n_answers)
{
	return pending(store, "draft_save");
}

int pg_draft_get(struct store *store, long long id, struct store_draft *draft)
{
	return pending(store, "draft_get");
}

int pg_draft_list(struct store *store, store_draft_fn fn, void *context)
{
	return pending(store, "draft_list");
}

int pg_draft_discard(struct store *store, long long id, const char *staff,
		     const char *reason)
{
	return pending(store, "draft_discard");
}

int pg_backup(struct store *store, const char *dest, int overwrite)
{
	return pending(store, "backup");
}

int pg_restore_from(struct store *store, const char *src)
{
	return pending(store, "restore_from");
}

int pg_account_add(struct store *store, const struct store_new_account *account)
{
	return pending(store, "account_add");
}

int pg_account_get(struct store *store, const char *name,
		   struct store_account *account)
{
	return pending(store, "account_get");
}

int pg_account_set_password(struct store *store, const char *name,
			    const char *password_hash, const char *staff)
{
	return pending(store, "account_set_password");
}

int pg_account_set_disabled(struct store *store, const char *name, int disabled,
			    const char *staff)
{
	return pending(store, "account_set_disabled");
}

int pg_account_list(struct store *store, store_account_fn fn, void *context)
{
	return pending(store, "account_list");
}

int pg_login_result(struct store *store, const char *name, int ok,
		    long long now, int lock_after, int lock_minutes)
{
	return pending(store, "login_result");
}

int pg_session_add(struct store *store, const struct store_new_session *session)
{
	return pending(store, "session_add");
}

int pg_session_get(struct store *store, const char *token_hash, long long now,
		   long long expires_at, struct store_session *session)
{
	return pending(store, "session_get");
}

int pg_session_delete(struct store *store, const char *token_hash)
{
	return pending(store, "session_delete");
}

int pg_session_purge(struct store *store, long long now)
{
	return pending(store, "session_purge");
}

int pg_sources_find(struct store_sources *sources, const char *source_id,
		    long long *id, char **receipt)
{
	return pending(sources->store, "sources_find");
}

int pg_sources_last_id(struct store_sources *sources, long long *id)
{
	return pending(sources->store, "sources_last_id");
}

void pg_sources_close(struct store_sources *sources)
{
}
