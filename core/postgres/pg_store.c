/* PostgreSQL: the connection, statements and transactions. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "messages.h"
#include "pg_internal.h"
#include "util.h"
#include "value.h"

static const struct store_backend pg_backend = {
	"postgresql",
	pg_close_store,
	pg_sources_find,
	pg_sources_last_id,
	pg_sources_close,
#define STORE_OP(type, name, params, args) pg_##name,
#include "store_ops.def"
#undef STORE_OP
};

/* Parameters. */

void pg_param_text(struct pg_params *params, const char *text)
{
	if (params->n >= PG_MAX_PARAMS)
		BUG("more than %d parameters", PG_MAX_PARAMS);
	if (text && !text_is_utf8(text)) {
		params->not_utf8 = 1;
		text = NULL;
	}
	params->values[params->n++] = text;
}

void pg_param_int(struct pg_params *params, long long value)
{
	if (params->n >= PG_MAX_PARAMS)
		BUG("more than %d parameters", PG_MAX_PARAMS);
	snprintf(params->numbers[params->n], sizeof(params->numbers[0]),
		 "%lld", value);
	params->values[params->n] = params->numbers[params->n];
	params->n++;
}

void pg_param_null(struct pg_params *params)
{
	pg_param_text(params, NULL);
}

/* Statements. */

PGresult *pg_query(struct pg_store *pg, const char *sql,
		   const struct pg_params *params)
{
	PGresult *res;
	ExecStatusType status;

	/* Every stored text is UTF-8, which PostgreSQL checks: a lookup by
	 * bytes that are not (a typed receipt, a name from a form) finds
	 * nothing, as in SQLite, with the text bound as NULL; a write of
	 * one is refused (the checks above the store never let one by). */
	if (params && params->not_utf8 && strncmp(sql, "SELECT", 6)) {
		pg->store.status = STORE_INTERNAL;
		return error(msg(MSG_PG_NOT_UTF8)), NULL;
	}
	if (!pg->in_transaction && pg_ready(pg) < 0)
		return NULL;
	res = PQexecParams(pg->conn, sql, params ? params->n : 0, NULL,
			   params ? params->values : NULL, NULL, NULL, 0);
	status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK)
		return res;
	pg_error(pg, res);
	PQclear(res);
	return NULL;
}

int pg_run(struct pg_store *pg, const char *sql,
	   const struct pg_params *params)
{
	PGresult *res = pg_query(pg, sql, params);

	PQclear(res);
	return res ? 0 : -1;
}

long long pg_changed(PGresult *res)
{
	long long n = 0;

	parse_long_long(PQcmdTuples(res), &n);
	return n;
}

const char *pg_text(const PGresult *res, int row, int column)
{
	if (PQgetisnull(res, row, column))
		return NULL;
	return PQgetvalue(res, row, column);
}

char *pg_dup(const PGresult *res, int row, int column, int keep_null)
{
	const char *text = pg_text(res, row, column);

	if (!text)
		return keep_null ? NULL : xstrdup("");
	return xstrdup(text);
}

long long pg_int(const PGresult *res, int row, int column)
{
	long long value = 0;
	const char *text = pg_text(res, row, column);

	if (text)
		parse_long_long(text, &value);
	return value;
}

/* Transactions. */

static int pg_begin(struct pg_store *pg, const char *sql)
{
	if (pg_run(pg, sql, NULL) < 0)
		return -1;
	pg->in_transaction = 1;
	return 0;
}

static int pg_commit(struct pg_store *pg)
{
	int ret = pg_run(pg, "COMMIT", NULL);

	pg->in_transaction = 0;
	return ret;
}

/* Roll back what is open; a lost connection took it with it. */
static void pg_rollback(struct pg_store *pg)
{
	PGresult *res;

	if (pg->in_transaction && !pg->lost) {
		res = PQexec(pg->conn, "ROLLBACK");
		PQclear(res);
	}
	pg->in_transaction = 0;
}

/* 10–20 ms, doubling each try, with jitter: writers that collided do
 * not collide again in step. */
static void pg_backoff(int attempt)
{
	struct timespec wait;
	long ms = 10L << (attempt - 1);

	ms += (long)randombytes_uniform((uint32_t)ms);
	wait.tv_sec = ms / 1000;
	wait.tv_nsec = ms % 1000 * 1000000L;
	nanosleep(&wait, NULL);
}

static int pg_attempt(struct pg_store *pg, pg_body_fn body, void *context)
{
	int ret;

	if (pg_begin(pg, "BEGIN") < 0)
		return -1;
	ret = body(pg, context);
	if (ret >= 0 && pg_commit(pg) < 0)
		ret = -1;
	if (ret < 0)
		pg_rollback(pg);
	return ret;
}

int pg_write(struct pg_store *pg, pg_body_fn body, void *context)
{
	enum store_status before = pg->store.status;
	int attempt, ret = -1;

	if (pg->batch)
		return pg_batch_write(pg, body, context);
	if (pg->in_transaction)
		return body(pg, context);
	for (attempt = 1; attempt <= PG_ATTEMPTS; attempt++) {
		pg->quiet = attempt < PG_ATTEMPTS;
		pg->retryable = 0;
		ret = pg_attempt(pg, body, context);
		if (ret >= 0 || !pg->retryable)
			break;
		pg_backoff(attempt);
	}
	pg->quiet = 0;
	if (ret >= 0)
		pg->store.status = before; /* a retried failure is no failure */
	return ret;
}

int pg_read(struct pg_store *pg, pg_body_fn body, void *context)
{
	int ret;

	if (pg->in_transaction)
		return body(pg, context);
	if (pg_begin(pg, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") < 0)
		return -1;
	ret = body(pg, context);
	if (ret >= 0 && pg_commit(pg) < 0)
		ret = -1;
	if (ret < 0)
		pg_rollback(pg);
	return ret;
}

/* Opening. */

/* Notices (an index that exists, a rollback with nothing open) are
 * the server's chatter: never printed below the front ends. */
static void pg_ignore_notice(void *context, const char *message)
{
}

/* The session's settings, after each connect and reset. */
static int pg_configure(struct pg_store *pg)
{
	char sql[256];
	PGresult *res;
	int ok;

	PQsetNoticeProcessor(pg->conn, pg_ignore_notice, NULL);
	snprintf(sql, sizeof(sql),
		 "SET client_encoding = 'UTF8'; SET lock_timeout = '%ds';"
		 " SET client_min_messages = warning;"
		 " SET default_transaction_read_only = %s",
		 pg->busy_seconds, pg->mode == STORE_READ ? "on" : "off");
	res = PQexec(pg->conn, sql);
	ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		pg_error(pg, res);
	PQclear(res);
	return ok ? 0 : -1;
}

int pg_ready(struct pg_store *pg)
{
	if (!pg->lost && PQstatus(pg->conn) == CONNECTION_OK)
		return 0;
	PQreset(pg->conn);
	if (PQstatus(pg->conn) != CONNECTION_OK)
		return pg_unavailable(pg, PQerrorMessage(pg->conn));
	pg->lost = 0;
	pg->in_transaction = 0;
	return pg_configure(pg);
}

/* uri as messages name it (store_public_name: never its password);
 * NULL (printed) when libpq cannot read it. */
static char *pg_where(const char *uri)
{
	char *problem = NULL;
	PQconninfoOption *options = PQconninfoParse(uri, &problem);

	if (!options) {
		error(msg(MSG_PG_BAD_URI), problem ? problem : "");
		PQfreemem(problem);
		return NULL;
	}
	PQconninfoFree(options);
	return store_public_name(uri);
}

void pg_close_store(struct store *store)
{
	struct pg_store *pg = pg_of(store);

	if (!pg)
		return;
	if (pg->conn)
		PQfinish(pg->conn);
	free(pg->where);
	free(pg);
}

/*
 * Connect with defaults the URI may override (it comes later): give up
 * on a server that does not answer after 10 s, and find a cut network
 * within about a minute (TCP keepalives), rather than hang a counter
 * for the operating system's two hours.
 */
static PGconn *pg_connectdb(const char *uri)
{
	static const char *const keywords[] = {
		"connect_timeout", "keepalives_idle", "keepalives_interval",
		"keepalives_count", "fallback_application_name", "dbname",
		NULL
	};
	const char *values[] = { "10", "30", "10", "3", "intake", uri, NULL };

	return PQconnectdbParams(keywords, values, 1);
}

/* How long to wait for a lock: INTAKE_BUSY_SECONDS (1..3600, as for
 * SQLite), else PG_LOCK_TIMEOUT_S. */
static int busy_seconds(void)
{
	const char *text = getenv("INTAKE_BUSY_SECONDS");
	long long seconds;

	if (!text)
		return PG_LOCK_TIMEOUT_S;
	if (parse_long_long(text, &seconds) || seconds < 1 || seconds > 3600) {
		warning(msg(MSG_STORE_BAD_BUSY_SECONDS), text,
			PG_LOCK_TIMEOUT_S);
		return PG_LOCK_TIMEOUT_S;
	}
	return (int)seconds;
}

static enum store_status pg_connect(struct pg_store *pg, const char *uri)
{
	pg->conn = pg_connectdb(uri);
	if (!pg->conn)
		die(EXIT_SOFTWARE, "%s", strerror(ENOMEM));
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		pg_unavailable(pg, PQerrorMessage(pg->conn));
		return pg->store.status;
	}
	if (pg_configure(pg) < 0)
		return pg->store.status;
	return pg_schema_open(pg);
}

enum store_status pg_store_open(struct store **out, const char *uri,
				enum store_mode mode)
{
	struct pg_store *pg = xcalloc(1, sizeof(*pg));
	enum store_status status = STORE_FOREIGN;

	*out = NULL;
	pg->store.backend = &pg_backend;
	pg->mode = mode;
	pg->busy_seconds = busy_seconds();
	pg->where = pg_where(uri);
	if (pg->where)
		status = pg_connect(pg, uri);
	if (status) {
		pg_close_store(&pg->store);
		return status;
	}
	pg->store.status = STORE_OK;
	*out = &pg->store;
	return STORE_OK;
}

int pg_settle(struct store *store)
{
	struct pg_store *pg = pg_of(store);

	return store->status == STORE_OK && !pg->lost &&
	       !pg->in_transaction &&
	       PQtransactionStatus(pg->conn) == PQTRANS_IDLE;
}
