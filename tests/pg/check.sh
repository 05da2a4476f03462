#!/bin/sh
# make test-pg: the PostgreSQL half of the tests.  Without a PostgreSQL
# server it says so loudly and succeeds; otherwise the harness self-test
# (t-cluster.sh), then one throwaway cluster (cluster.sh) for the unit
# tests in PG_UNIT_TESTS and the end-to-end tests in PG_E2E_TESTS, run
# with INTAKE_TEST_PG set to its socket directory; the cluster is stopped
# and removed however this ends (failure, Ctrl-C).
set -u
: "${INTAKE_BUILD:?run through make test-pg}"
: "${INTAKE_SOURCE:?run through make test-pg}"
CLUSTER="$INTAKE_SOURCE/tests/pg/cluster.sh"

if ! bindir=$(sh "$CLUSTER" bindir); then
	echo "SKIPPED: PostgreSQL half of the tests (no /usr/lib/postgresql/*/bin/initdb; make deps installs it)"
	exit 0
fi
echo "== PostgreSQL: $bindir"

# Clusters of earlier runs killed outright (kill -9: no trap ran) are
# stopped: those whose run, named in their owner file, is gone.
for old in "${TMPDIR:-/tmp}"/intake-pg.*; do
	[ -f "$old/owner" ] || continue
	kill -0 "$(cat "$old/owner")" 2>/dev/null && continue
	echo "== PostgreSQL: stopping a leftover cluster in $old"
	sh "$CLUSTER" stop "$old"
done

sh "$INTAKE_SOURCE/tests/pg/t-cluster.sh" || exit 1

if [ -z "${PG_UNIT_TESTS:-}${PG_E2E_TESTS:-}" ]; then
	echo "== PostgreSQL: no unit or end-to-end tests listed yet" \
		"(PG_UNIT_TESTS, PG_E2E_TESTS in the Makefile)"
	exit 0
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/intake-pg.XXXXXX") || exit 1
trap 'sh "$CLUSTER" stop "$dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP
sh "$CLUSTER" start "$dir" || exit 1
export INTAKE_TEST_PG="$dir/socket"

for t in ${PG_UNIT_TESTS:-}; do
	echo "== $t (PostgreSQL)"
	"$t" || exit 1
done
[ -z "${PG_E2E_TESTS:-}" ] ||
	sh "$INTAKE_SOURCE/tests/e2e/run.sh" $PG_E2E_TESTS
