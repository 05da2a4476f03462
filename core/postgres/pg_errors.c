/* PostgreSQL: what the server says, as store statuses and messages. */
#include <string.h>

#include "messages.h"
#include "pg_internal.h"
#include "util.h"

/* The first line of libpq's message, without "ERROR:  " or "FATAL:  ",
 * into buf. */
static const char *first_line(const char *text, char *buf, size_t size)
{
	size_t len;

	if (!text)
		text = "";
	if (!strncmp(text, "ERROR:  ", 8) || !strncmp(text, "FATAL:  ", 8))
		text += 8;
	len = strcspn(text, "\n");
	if (len >= size)
		len = size - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	return buf;
}

/* The SQLSTATE of res, "" when there is none (the connection broke
 * before the server could say anything). */
static const char *sqlstate(const PGresult *res)
{
	const char *state =
		res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	return state ? state : "";
}

static int is_lost(struct pg_store *pg, const char *state)
{
	return PQstatus(pg->conn) != CONNECTION_OK ||
	       !strncmp(state, "08", 2) || !strcmp(state, "57P01") ||
	       !strcmp(state, "57P02") || !strcmp(state, "57P03");
}

int pg_unavailable(struct pg_store *pg, const char *detail)
{
	char line[512];

	pg->store.status = STORE_UNAVAILABLE;
	return error(msg(MSG_PG_UNAVAILABLE), pg->where,
		     first_line(detail, line, sizeof(line)));
}

/* The kind of failure a SQLSTATE is, the connection being whole. */
static enum store_status status_of(const char *state)
{
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") ||
	    !strcmp(state, "55P03"))
		return STORE_BUSY;
	if (!strncmp(state, "53", 2) || !strncmp(state, "58", 2))
		return STORE_IO;
	if (!strcmp(state, "42501") || !strcmp(state, "25006"))
		return STORE_NO_PERMISSION;
	if (!strcmp(state, "XX001") || !strcmp(state, "XX002"))
		return STORE_CORRUPT;
	return STORE_INTERNAL; /* 23505 too: a constraint, as in SQLite */
}

static int say(struct pg_store *pg, const char *state, const char *detail)
{
	switch (pg->store.status) {
	case STORE_BUSY:
		if (!strcmp(state, "55P03"))
			return error(msg(MSG_PG_LOCK_TIMEOUT), pg->where,
				     pg->busy_seconds);
		return error(msg(MSG_STORE_SQL), pg->where, detail);
	case STORE_IO:
		if (!strcmp(state, "53100"))
			return error(msg(MSG_STORE_FULL), pg->where);
		return error(msg(MSG_STORE_IO), pg->where, detail);
	case STORE_NO_PERMISSION:
		return error(msg(MSG_STORE_NO_PERMISSION), pg->where, detail);
	case STORE_CORRUPT:
		return error(msg(MSG_STORE_CORRUPT), pg->where, detail);
	default:
		return error(msg(MSG_STORE_SQL), pg->where, detail);
	}
}

int pg_error(struct pg_store *pg, const PGresult *res)
{
	const char *state = sqlstate(res);
	const char *text = res ? PQresultErrorField(res,
						    PG_DIAG_MESSAGE_PRIMARY)
			       : NULL;
	char line[512];

	if (!text)
		text = PQerrorMessage(pg->conn);
	first_line(text, line, sizeof(line));
	if (is_lost(pg, state)) {
		pg->lost = 1;
		pg->in_transaction = 0; /* the server rolled it back */
		pg->store.status = STORE_UNAVAILABLE;
		return error(msg(MSG_PG_LOST), pg->where, line);
	}
	pg->store.status = status_of(state);
	pg->retryable = !strcmp(state, "40001") || !strcmp(state, "40P01");
	if (pg->retryable && pg->quiet)
		return -1; /* pg_write tries again */
	return say(pg, state, line);
}
