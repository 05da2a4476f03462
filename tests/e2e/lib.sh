# Shared by the end-to-end tests: a scratch directory, the real binary,
# and assertions.  Source it first: . "$(dirname "$0")/lib.sh"
set -u

: "${INTAKE_BUILD:?run through make test-e2e}"
: "${INTAKE_SOURCE:?run through make test-e2e}"
INTAKE_BIN="$INTAKE_BUILD/intake"
TEST_PLUGINS="$INTAKE_BUILD/tests/plugins"
TEST_NAME=$(basename "$0" .sh)

SCRATCH=$(mktemp -d)
chmod 755 "$SCRATCH"

# What every test leaves behind goes: its database (PostgreSQL), its
# scratch directory.  A test's own EXIT trap calls this last.
scratch_cleanup() {
	[ -z "${PG_DATABASE:-}" ] ||
		dropdb -h "$INTAKE_TEST_PG" -U intake --force --if-exists \
			"$PG_DATABASE" 2>/dev/null
	rm -rf "$SCRATCH"
}
trap 'scratch_cleanup' EXIT
cd "$SCRATCH" || exit 1
unset INTAKE_CONFIG INTAKE_TODAY
export INTAKE_STAFF=tester

# The scratch database: $DB for -d, $DB_INI for database = in intake.ini.
# SQLite: intake.db in the scratch directory.  PostgreSQL mode, when
# INTAKE_TEST_PG names the socket directory of a server (tests/pg/
# cluster.sh): a fresh database of its own per test, owned by the role
# intake, dropped at the end.
PG_DATABASE=
DB=$SCRATCH/intake.db
DB_INI=intake.db
if [ -n "${INTAKE_TEST_PG:-}" ]; then
	name=$(printf '%s_%s' "$TEST_NAME" $$ | tr -c 'a-z0-9_' '_' |
		cut -c 1-63)
	createdb -h "$INTAKE_TEST_PG" -U intake "$name" 2>"$SCRATCH/err" || {
		echo "FAIL $TEST_NAME: no database '$name' in $INTAKE_TEST_PG:" \
			"$(cat "$SCRATCH/err")" >&2
		exit 1
	}
	rm -f "$SCRATCH/err"
	PG_DATABASE=$name
	DB="postgresql:///$name?host=$INTAKE_TEST_PG&user=intake"
	DB_INI=$DB
fi

# needs_sqlite REASON: a test about SQLite itself (its file, WAL, backup
# of a file, old SQLite schemas) ends here under PostgreSQL, printing
# why; run.sh counts it as skipped (status 77), never as passed.
needs_sqlite() {
	[ -n "$PG_DATABASE" ] || return 0
	echo "SKIP $TEST_NAME: $1"
	exit 77
}

# The binary, with the scratch database unless -d is given.
intake() {
	"$INTAKE_BIN" -d "$DB" "$@"
}

fail() {
	echo "FAIL $TEST_NAME: $*" >&2
	for f in out err; do
		[ -s "$SCRATCH/$f" ] && { echo "--- $f" >&2; tail -40 "$SCRATCH/$f" >&2; }
	done
	exit 1
}

# run CODE COMMAND…: run, keep stdout in out and stderr in err, and
# fail unless the exit status is CODE.
run() {
	want=$1
	shift
	"$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
	got=$?
	[ "$got" = "$want" ] || fail "'$*' exited $got, expected $want"
}

# out_has TEXT / err_has TEXT / out_lacks TEXT: fixed-string checks.
out_has() {
	grep -qF -- "$1" "$SCRATCH/out" || fail "stdout lacks '$1'"
}
err_has() {
	grep -qF -- "$1" "$SCRATCH/err" || fail "stderr lacks '$1'"
}
out_lacks() {
	! grep -qF -- "$1" "$SCRATCH/out" || fail "stdout has '$1'"
}

# same EXPECTED ACTUAL [WHAT]
same() {
	[ "$1" = "$2" ] || fail "${3:-value}: expected '$1', got '$2'"
}

# A private plugin directory holding the named test plugins, and a
# config using it: make_plugin_dir NAME… (forms from tests/fixtures).
make_plugin_dir() {
	mkdir -p "$SCRATCH/plugins" "$SCRATCH/forms"
	chmod 755 "$SCRATCH/plugins" "$SCRATCH/forms"
	for name in "$@"; do
		cp "$TEST_PLUGINS/$name.so" "$SCRATCH/plugins/"
		chmod 755 "$SCRATCH/plugins/$name.so"
	done
	cp "$INTAKE_SOURCE"/tests/fixtures/*.ini "$SCRATCH/forms/" 2>/dev/null
	cat >"$SCRATCH/intake.ini" <<INI
[intake]
database = $DB_INI
plugin_dir = plugins
form_dir = forms
language = en
INI
	export INTAKE_CONFIG="$SCRATCH/intake.ini"
}

# use_programmes [LANGUAGE]: a config using the built programme plugins
# and the real forms of the source tree, messages in LANGUAGE (en).
use_programmes() {
	cat >"$SCRATCH/intake.ini" <<INI
[intake]
database = $DB_INI
plugin_dir = $INTAKE_BUILD/plugins
form_dir = $INTAKE_SOURCE/forms
language = ${1:-en}
INI
	export INTAKE_CONFIG="$SCRATCH/intake.ini"
}

# The schema of migration 5 (voided outcomes, withdrawals, notes), of
# migration 6 (amounts on outcomes, outcomes by code), of migration 7
# (staff accounts), of migration 8 (server sessions), of migration 9
# (draft ids never given twice) and of migration 10 (source ids, the
# programme on outcomes, fuller outcome_counts), for tests that make an
# older database out of a new one: undo 10 first, then 9, 8, 7, 6, 5.
UNDO_MIGRATION_10="drop index applications_source; alter table applications drop column source_id; drop index outcomes_programme; alter table outcomes drop column programme; drop table outcome_counts; create table outcome_counts (programme TEXT NOT NULL, month TEXT NOT NULL, code TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (programme, month, code));"
UNDO_MIGRATION_9="drop table draft_ids;"
UNDO_MIGRATION_8="drop table sessions;"
UNDO_MIGRATION_7="drop table accounts;"
UNDO_MIGRATION_6="drop index outcomes_code; alter table outcomes drop column amount;"
UNDO_MIGRATION_5="drop trigger case_notes_no_update; drop trigger case_notes_no_delete; drop table case_notes; drop index audit_application; alter table outcomes drop column voided_at; alter table outcomes drop column voided_by; alter table outcomes drop column void_reason; alter table applications drop column withdrawn_at;"

# sql QUERY: run a query on the scratch database: sqlite3, or psql in
# PostgreSQL mode (unaligned, no headers, stops at the first error), so
# QUERY must mean the same in both dialects or the test needs_sqlite.
sql() {
	if [ -n "$PG_DATABASE" ]; then
		psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$DB" -c "$1"
	else
		sqlite3 "$SCRATCH/intake.db" "$1"
	fi
}

# The exit status of sql when the database refuses a statement (a
# trigger, a privilege): sqlite3's 19 (constraint), psql's 1.
if [ -n "$PG_DATABASE" ]; then SQL_REFUSED=1; else SQL_REFUSED=19; fi

# json_get KEY…: for each line of JSON on stdin (an audit row's before or
# after), the value at each dotted KEY (answers.name), joined by '|' as
# sqlite3 and psql join columns; null or missing is empty.  Portable
# where json_extract is SQLite's alone.
json_get() {
	python3 -c '
import json, sys
def at(v, path):
    for k in path.split("."):
        v = v.get(k) if isinstance(v, dict) else None
    return "" if v is None else str(v)
for line in sys.stdin:
    if line.strip():
        row = json.loads(line)
        print("|".join(at(row, k) for k in sys.argv[1:]))
' "$@"
}

# A pseudo-terminal driven through tmux, for the counter entry:
#   pty_start COMMAND…   run it in a fresh tmux server of this test
#   pty_type TEXT        type TEXT and Enter (counted in KEYSTROKES)
#   pty_key KEY…         send tmux keys as they are (Left, BSpace, C-c)
#   pty_wait TEXT        wait until the screen shows TEXT (fail after 15 s)
#   pty_exited STATUS    wait for the command to end with STATUS
KEYSTROKES=0
PTY_SOCKET="intake-test-$$"
pty_start() {
	for arg in "$@"; do # each quoted: a URI's & and ? are not the shell's
		printf "'%s' " "$(printf '%s' "$arg" | sed "s/'/'\\\\''/g")"
	done >"$SCRATCH/pty-command"
	echo >>"$SCRATCH/pty-command"
	tmux -L "$PTY_SOCKET" -u -f /dev/null new-session -d -x 160 -y 50 \
		-s main "cd '$SCRATCH' && sh pty-command; echo \"[exit \$?]\"; sleep 600"
	trap 'tmux -L "$PTY_SOCKET" kill-server 2>/dev/null; scratch_cleanup' EXIT
}
pty_screen() {
	tmux -L "$PTY_SOCKET" capture-pane -p -J -S -2000 -t main
}
# Wait until a prompt is shown (the cursor stands after it, not at the
# start of a line): keys sent earlier race the line editor's switch to
# raw mode.
pty_ready() {
	i=0
	while [ "$(tmux -L "$PTY_SOCKET" display -p -t main '#{cursor_x}')" = 0 ]; do
		i=$((i + 1))
		[ $i -gt 300 ] && { pty_screen >"$SCRATCH/out"; fail "no prompt"; }
		sleep 0.05
	done
}
pty_type() {
	pty_ready
	tmux -L "$PTY_SOCKET" send-keys -t main -l -- "$1"
	tmux -L "$PTY_SOCKET" send-keys -t main Enter
	KEYSTROKES=$((KEYSTROKES + $(printf '%s' "$1" | LC_ALL=C.UTF-8 wc -m) + 1))
}
pty_key() {
	tmux -L "$PTY_SOCKET" send-keys -t main "$@"
	KEYSTROKES=$((KEYSTROKES + $#))
}
pty_wait() {
	i=0
	while ! pty_screen | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ $i -gt 400 ]; then
			pty_screen >"$SCRATCH/out"
			fail "the screen never showed '$1'"
		fi
		sleep 0.1
	done
}
pty_exited() {
	pty_wait "[exit $1]"
}
pty_stop() {
	tmux -L "$PTY_SOCKET" kill-server 2>/dev/null
	return 0
}

# intake serve for tests over HTTP.  free_port prints a port nothing
# listens on.  serve_start starts the server on the scratch database
# at $port (a free one the first time; again on the same one after a
# restart), its output appended to server.out and server.err, sets
# $server (its PID) and $url, kills it when the test ends, and waits
# until it answers.
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
serve_start() {
	[ -n "${port:-}" ] || port=$(free_port)
	url="http://127.0.0.1:$port"
	"$INTAKE_BIN" -d "$DB" serve \
		--listen "127.0.0.1:$port" >>server.out 2>>server.err &
	server=$!
	trap 'kill -9 $server 2>/dev/null; scratch_cleanup' EXIT
	i=0
	until curl -s -o /dev/null "$url/login"; do
		i=$((i + 1))
		[ $i -gt 100 ] && fail "the server never answered"
		kill -0 $server 2>/dev/null ||
			fail "the server stopped: $(cat server.err)"
		sleep 0.1
	done
}

# in_file FILE TEXT: wait (up to 10 s) until FILE holds TEXT, as a
# server's notice, printed just after it starts answering.  1 if never.
in_file() {
	i=0
	until grep -qF -- "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 100 ] && return 1
		sleep 0.1
	done
	return 0
}

# HTTP for the server tests.  get PATH [CURL ARGS…] fetches $url$PATH:
# the page in out, the headers in head.txt (CR dropped); a test that
# needs more of every request (its time, its headers) defines its own
# get after lib.sh, and the helpers below use that one.  status and
# location read head.txt.  login NAME signs in with the password the
# tests give their accounts: the session cookie in $jar, the CSRF token
# of its pages in $csrf.
get() {
	path=$1
	shift
	curl -s -D head -o out "$@" "$url$path" || fail "curl $path"
	tr -d '\r' <head >head.txt
}
status() { sed -n '1s/^HTTP\/1.1 \([0-9]*\).*/\1/p' head.txt; }
location() { sed -n 's/^Location: //p' head.txt; }
login() {
	get /login -H "Origin: $url" --data-urlencode "name=$1" \
		--data-urlencode "password=correct horse battery"
	same 303 "$(status)" "login $1"
	jar="intake_session=$(sed -n 's/^Set-Cookie: intake_session=\([0-9a-f]*\);.*/\1/p' head.txt)"
	get / -b "$jar"
	csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' out | head -1)
	[ ${#csrf} = 64 ] || fail "no CSRF token for $1"
}
