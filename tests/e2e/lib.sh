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
trap 'rm -rf "$SCRATCH"' EXIT
cd "$SCRATCH" || exit 1
unset INTAKE_CONFIG INTAKE_TODAY
export INTAKE_STAFF=tester

# The binary, with the scratch database unless -d is given.
intake() {
	"$INTAKE_BIN" -d "$SCRATCH/intake.db" "$@"
}

fail() {
	echo "FAIL $TEST_NAME: $*" >&2
	for f in out err; do
		[ -s "$SCRATCH/$f" ] && { echo "--- $f" >&2; head -40 "$SCRATCH/$f" >&2; }
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
database = intake.db
plugin_dir = plugins
form_dir = forms
language = en
INI
	export INTAKE_CONFIG="$SCRATCH/intake.ini"
}

# sql QUERY: run a query on the scratch database.
sql() {
	sqlite3 "$SCRATCH/intake.db" "$1"
}
