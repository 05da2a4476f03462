/* What the PostgreSQL unit tests share: the server, databases, raw SQL. */
#include <stdlib.h>
#include <string.h>

#include "pg_support.h"
#include "support.h"
#include "util.h"

static const char *server;

static int is_uri(const char *text)
{
	return !strncmp(text, "postgresql://", 13) ||
	       !strncmp(text, "postgres://", 11);
}

const char *pg_test_server(const char *test)
{
	server = getenv("INTAKE_TEST_PG");
	if (server && !*server)
		server = NULL;
	if (!server)
		print_message("SKIP %s: INTAKE_TEST_PG not set (the socket"
			      " directory of a PostgreSQL server: make "
			      "test-pg)\n", test);
	if (server && !is_uri(server) && strpbrk(server, "?&#% ")) {
		print_error("INTAKE_TEST_PG '%s': expected a socket directory"
			    " without ? & # %% or spaces\n", server);
		exit(1);
	}
	return server;
}

char *pg_test_uri(const char *database)
{
	if (!is_uri(server))
		return xstrfmt("postgresql:///%s?host=%s&user=intake",
			       database, server);
	return xstrfmt("%s%sdbname=%s", server,
		       strchr(server, '?') ? "&" : "?", database);
}

PGconn *pg_test_connect(const char *database)
{
	char *uri = pg_test_uri(database);
	PGconn *conn = PQconnectdb(uri);

	free(uri);
	if (PQstatus(conn) != CONNECTION_OK)
		fail_msg("cannot connect to %s: %s", database,
			 PQerrorMessage(conn));
	return conn;
}

void pg_test_maintenance(const char *sql)
{
	PGconn *conn = pg_test_connect("postgres");

	pg_test_exec(conn, sql);
	PQfinish(conn);
}

int pg_test_ok(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType status = PQresultStatus(res);

	PQclear(res);
	return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

void pg_test_exec(PGconn *conn, const char *sql)
{
	if (!pg_test_ok(conn, sql))
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
}

char *pg_test_value(PGconn *conn, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	char *value;

	if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1)
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
	value = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return value;
}

char *pg_test_rows(PGconn *conn, int columns, const char *sql)
{
	PGresult *res = PQexec(conn, sql);
	struct strbuf out = STRBUF_INIT;
	int i, j;

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(conn));
	for (i = 0; i < PQntuples(res); i++) {
		for (j = 0; j < columns; j++)
			strbuf_addf(&out, "%s%s", j ? "|" : "",
				    PQgetisnull(res, i, j)
					    ? "-"
					    : PQgetvalue(res, i, j));
		strbuf_addch(&out, '\n');
	}
	PQclear(res);
	return strbuf_detach(&out);
}

long long pg_test_count(PGconn *conn, const char *sql)
{
	char *value = pg_test_value(conn, sql);
	long long n = atoll(value);

	free(value);
	return n;
}
