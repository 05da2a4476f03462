#!/bin/sh
# Self-test of the PostgreSQL test harness: cluster.sh start, restart and
# stop, the role intake (no superuser powers), lib.sh in PostgreSQL mode
# (a database per test, -d and database = the URI, sql through psql,
# needs_sqlite) and run.sh's skips.  Needs INTAKE_SOURCE; builds nothing.
set -u
: "${INTAKE_SOURCE:?run through make test-pg}"
CLUSTER="$INTAKE_SOURCE/tests/pg/cluster.sh"
WORK=$(mktemp -d)
DIR=$(mktemp -d "${TMPDIR:-/tmp}/intake-pg.XXXXXX")
trap 'sh "$CLUSTER" stop "$DIR"; rm -rf "$WORK"' EXIT

fail() {
	echo "FAIL t-cluster: $*" >&2
	exit 1
}
same() {
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$1', got '$2'"
}
# as_admin/as_intake QUERY: psql on database postgres.
as_admin() {
	psql -X -A -t -q -v ON_ERROR_STOP=1 -h "$DIR/socket" -U postgres \
		-d postgres -c "$1"
}
as_intake() {
	psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$(sh "$CLUSTER" uri "$DIR" "$2")" \
		-c "$1"
}

sh "$CLUSTER" start "$DIR" || fail "cluster.sh start"

# The cluster: socket only, durable, UTF-8 with C ordering (as SQLite's
# BINARY), a socket directory only its owner (and root) can enter.
same "|on|on|200|UTF8|C" \
	"$(as_admin "select current_setting('listen_addresses') || '|' ||
		current_setting('fsync') || '|' ||
		current_setting('synchronous_commit') || '|' ||
		current_setting('max_connections') || '|' ||
		current_setting('server_encoding') || '|' ||
		current_setting('lc_collate')")" "settings"
same 700 "$(stat -c %a "$DIR/socket")" "socket directory mode"
same $$ "$(cat "$DIR/owner")" "the cluster's owner: who started it"
if [ "$(id -u)" = 0 ]; then
	same "${INTAKE_PG_USER:-nobody}" "$(stat -c %U "$DIR/data")" \
		"owner of the data directory"
fi
same "postgresql:///x_1?host=$DIR/socket&user=intake" \
	"$(sh "$CLUSTER" uri "$DIR" x_1)" "uri"

# The role intake: creates its databases, and nothing a superuser does.
same "intake|f|f|t" "$(as_admin "select rolname, rolsuper, rolcreaterole,
	rolcreatedb from pg_roles where rolname = 'intake'")" "role intake"
createdb -h "$DIR/socket" -U intake probe || fail "createdb as intake"
same "intake|probe" "$(as_intake 'select current_user, current_database()' \
	probe)" "connected as"
as_intake 'create role mallory' probe 2>"$WORK/err" &&
	fail "intake created a role"
grep -q 'permission denied to create role' "$WORK/err" ||
	fail "CREATE ROLE: $(cat "$WORK/err")"
as_intake "copy (select 1) to program 'true'" probe 2>"$WORK/err" &&
	fail "intake ran a program on the server"
grep -q 'permission denied\|must be superuser' "$WORK/err" ||
	fail "COPY TO PROGRAM: $(cat "$WORK/err")"
as_intake 'alter system set fsync = off' probe 2>/dev/null &&
	fail "intake changed the server's configuration"

# restart immediate: what was committed is there after crash recovery.
as_intake 'create table kept (n integer); insert into kept values (42)' probe ||
	fail "create table as intake"
sh "$CLUSTER" restart "$DIR" immediate || fail "cluster.sh restart immediate"
same 42 "$(as_intake 'select n from kept' probe)" "a row after restart"

# lib.sh in PostgreSQL mode, run as run.sh runs a test; a fake intake
# that prints its arguments shows the -d it is given.
mkdir "$WORK/build"
printf '#!/bin/sh\nprintf "%%s\\n" "$@"\n' >"$WORK/build/intake"
chmod 755 "$WORK/build/intake"
cat >"$WORK/t9999-probe.sh" <<'TEST'
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
same "t9999_probe_$$" "$PG_DATABASE" "database name"
same "postgresql:///t9999_probe_$$?host=$INTAKE_TEST_PG&user=intake" "$DB" \
	"database URI"
intake list >args
same "-d|$DB|list" "$(paste -s -d '|' args)" "intake's arguments"
use_programmes
grep -qxF "database = $DB" intake.ini ||
	fail "use_programmes: $(cat intake.ini)"
make_plugin_dir
grep -qxF "database = $DB" intake.ini ||
	fail "make_plugin_dir: $(cat intake.ini)"
same "intake|t9999_probe_$$" \
	"$(sql 'select current_user, current_database()')" \
	"sql connects as"
sql "create table t (s text, b boolean); insert into t values ('a', true)" ||
	fail "sql create table"
same "a|t" "$(sql 'select s, b from t')" "sql output"
sql 'select nonsense from t' 2>/dev/null && fail "a bad query went through"
pty_start printf '[%s]\n' "$DB"
pty_wait "[$DB]"
pty_stop
needs_sqlite "the probe's reason"
fail "needs_sqlite went on under PostgreSQL"
TEST
printf '. "$INTAKE_SOURCE/tests/e2e/lib.sh"\nneeds_sqlite x\necho went on\n' \
	>"$WORK/t9998-sqlite.sh"
printf 'exit 0\n' >"$WORK/t9997-pass.sh"

probe() {
	INTAKE_BUILD="$WORK/build" INTAKE_TEST_PG=${1:-} sh "$2" >"$WORK/out" 2>&1
}
probe "$DIR/socket" "$WORK/t9999-probe.sh"
same 77 $? "the probe's status: $(cat "$WORK/out")"
grep -qxF "SKIP t9999-probe: the probe's reason" "$WORK/out" ||
	fail "no SKIP line: $(cat "$WORK/out")"
same 0 "$(as_admin "select count(*) from pg_database
	where datname like 't9999_probe_%'")" "databases left by the probe"
probe "" "$WORK/t9998-sqlite.sh" ||
	fail "needs_sqlite under SQLite: $(cat "$WORK/out")"
same "went on" "$(cat "$WORK/out")" "needs_sqlite under SQLite"

# run.sh: a skip is listed with its reason and counted, under
# PostgreSQL only; under SQLite it is a failure.
run_e2e() {
	INTAKE_BUILD="$WORK/build" INTAKE_TEST_PG=$1 sh \
		"$INTAKE_SOURCE/tests/e2e/run.sh" "$WORK/t9999-probe.sh" \
		"$WORK/t9997-pass.sh" >"$WORK/out" 2>&1
}
run_e2e "$DIR/socket" || fail "run.sh with a skip: $(cat "$WORK/out")"
grep -qxF "skip $WORK/t9999-probe.sh: the probe's reason" "$WORK/out" ||
	fail "run.sh: $(cat "$WORK/out")"
same "1 passed, 1 skipped, 0 failed" "$(tail -1 "$WORK/out")" "run.sh summary"
printf 'echo "SKIP t9999-probe: why"; exit 77\n' >"$WORK/t9999-probe.sh"
run_e2e "" && fail "run.sh passed a skip under SQLite: $(cat "$WORK/out")"
grep -qxF "FAIL $WORK/t9999-probe.sh: skipped outside PostgreSQL mode" \
	"$WORK/out" || fail "run.sh under SQLite: $(cat "$WORK/out")"
same "1 passed, 0 skipped, 1 failed" "$(tail -1 "$WORK/out")" \
	"run.sh summary under SQLite"

sh "$CLUSTER" stop "$DIR" || fail "cluster.sh stop"
[ ! -e "$DIR" ] || fail "cluster.sh stop left $DIR"
echo "ok   tests/pg/t-cluster.sh"
