/* The store interface: each operation through the backend that runs. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "messages.h"
#include "store_backend.h"
#include "util.h"

/* store_open chooses: a libpq URI is PostgreSQL, anything else a path
 * to an SQLite file. */
enum store_status store_open(struct store **store, const char *path,
			     enum store_mode mode)
{
	if (!strncmp(path, "postgresql://", 13) ||
	    !strncmp(path, "postgres://", 11))
		return pg_store_open(store, path, mode);
	return sqlite_store_open(store, path, mode);
}

/* The password of a URI's user part (user:password@) left out. */
static char *without_userinfo_password(const char *uri)
{
	const char *rest = strstr(uri, "://") + 3;
	size_t authority = strcspn(rest, "/?#");
	const char *at = memchr(rest, '@', authority);
	const char *colon = at ? memchr(rest, ':', (size_t)(at - rest)) : NULL;

	if (!colon)
		return xstrdup(uri);
	return xstrfmt("%.*s%s", (int)(colon - uri), uri, at);
}

char *store_public_name(const char *database)
{
	char *name, *param;
	size_t end;

	if (!strstr(database, "://"))
		return xstrdup(database);
	name = without_userinfo_password(database);
	/* ?password=… or &password=… in the query: its value left out */
	while ((param = strstr(name, "password=")) && param > name &&
	       (param[-1] == '?' || param[-1] == '&')) {
		end = strcspn(param, "&#");
		memmove(param, param + end + (param[end] == '&'),
			strlen(param + end + (param[end] == '&')) + 1);
	}
	return name;
}

enum store_status store_status(const struct store *store)
{
	return store ? store->status : STORE_INTERNAL;
}

void store_close(struct store *store)
{
	if (store)
		store->backend->close(store);
}

#define STORE_OP(type, name, params, args)                                     \
	type store_##name params                                               \
	{                                                                      \
		return store->backend->name args;                              \
	}
#include "store_ops.def"
#undef STORE_OP

int store_sources_find(struct store_sources *sources, const char *source_id,
		       long long *id, char **receipt)
{
	return sources->store->backend->sources_find(sources, source_id, id,
						     receipt);
}

int store_sources_last_id(struct store_sources *sources, long long *id)
{
	return sources->store->backend->sources_last_id(sources, id);
}

void store_sources_close(struct store_sources *sources)
{
	if (sources)
		sources->store->backend->sources_close(sources);
}

/* What every backend shares: dates, and releasing what it returned. */

/* "YYYY-MM" to yyyymm; 0 when it is not one. */
long store_month_from_text(const char *text)
{
	int year, month;

	if (!text || sscanf(text, "%4d-%2d", &year, &month) != 2)
		return 0;
	return (long)year * 100 + month;
}

int store_month_range(long month, char *first, char *next)
{
	int year = (int)(month / 100), mon = (int)(month % 100);

	if (month < 101 || month > 999912 || mon < 1 || mon > 12)
		return error(msg(MSG_STORE_BAD_MONTH), month);
	snprintf(first, STORE_ISO_SIZE, "%04d-%02d-01", year, mon);
	if (mon == 12)
		snprintf(next, STORE_ISO_SIZE, "%04d-01-01", year + 1);
	else
		snprintf(next, STORE_ISO_SIZE, "%04d-%02d-01", year, mon + 1);
	return 0;
}

void store_now(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm utc;

	gmtime_r(&now, &utc);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &utc);
}

static void release_answers(struct store_answer *answers, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(answers[i].field);
		free(answers[i].value);
	}
	free(answers);
}

void store_application_release(struct store_application *app)
{
	size_t i;

	if (!app)
		return;
	free(app->receipt);
	free(app->programme);
	free(app->plugin_version);
	free(app->office);
	free(app->staff);
	free(app->status);
	free(app->created_at);
	release_answers(app->answers, app->n_answers);
	for (i = 0; i < app->n_outcomes; i++) {
		free(app->outcomes[i].code);
		free(app->outcomes[i].staff);
		free(app->outcomes[i].note);
		free(app->outcomes[i].recorded_at);
		free(app->outcomes[i].voided_at);
		free(app->outcomes[i].void_reason);
	}
	free(app->outcomes);
	for (i = 0; i < app->n_links; i++) {
		free(app->links[i].receipt);
		free(app->links[i].programme);
		free(app->links[i].note);
	}
	free(app->links);
	for (i = 0; i < app->n_notes; i++) {
		free(app->notes[i].at);
		free(app->notes[i].staff);
		free(app->notes[i].text);
	}
	free(app->notes);
	memset(app, 0, sizeof(*app));
}

void store_draft_release(struct store_draft *draft)
{
	if (!draft)
		return;
	free(draft->programme);
	free(draft->staff);
	free(draft->started_at);
	free(draft->updated_at);
	free(draft->last_field);
	free(draft->name);
	release_answers(draft->answers, draft->n_answers);
	memset(draft, 0, sizeof(*draft));
}

void store_account_release(struct store_account *account)
{
	free(account->name);
	free(account->role);
	free(account->office);
	free(account->language);
	if (account->password_hash)
		sodium_memzero(account->password_hash,
			       strlen(account->password_hash));
	free(account->password_hash);
	free(account->disabled_at);
	free(account->created_at);
	free(account->last_login_at);
	memset(account, 0, sizeof(*account));
}

void store_session_release(struct store_session *session)
{
	free(session->csrf);
	free(session->name);
	free(session->role);
	free(session->office);
	free(session->language);
	memset(session, 0, sizeof(*session));
}
