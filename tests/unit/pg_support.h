/* What the PostgreSQL unit tests share: the server, databases, raw SQL. */
#ifndef TESTS_UNIT_PG_SUPPORT_H
#define TESTS_UNIT_PG_SUPPORT_H

#include "pg_internal.h"

/*
 * The server of make test-pg: INTAKE_TEST_PG, the socket directory of
 * a throwaway cluster (tests/pg/cluster.sh), or a libpq URI without a
 * database name.  NULL when it is not set: test (the suite's name) then
 * says it skips.  A directory a URI cannot hold ends the run (exit 1).
 */
const char *pg_test_server(const char *test);
/* The URI of database on that server, as the role intake: malloced. */
char *pg_test_uri(const char *database);
/* A connection of the test's own to database (a test failure if not). */
PGconn *pg_test_connect(const char *database);
/* sql on the maintenance database (CREATE / DROP DATABASE). */
void pg_test_maintenance(const char *sql);

/* Run sql: 1 when the server accepted it, 0 when it refused. */
int pg_test_ok(PGconn *conn, const char *sql);
/* Run sql, a test failure when the server refuses it. */
void pg_test_exec(PGconn *conn, const char *sql);
/* The one value sql selects, malloced ("" for NULL). */
char *pg_test_value(PGconn *conn, const char *sql);
/* Every row sql selects (columns of them), columns joined by '|', rows
 * by '\n' (malloced; NULL as "-"). */
char *pg_test_rows(PGconn *conn, int columns, const char *sql);
/* The number sql selects. */
long long pg_test_count(PGconn *conn, const char *sql);

#endif
