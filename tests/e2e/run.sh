#!/bin/sh
# Run end-to-end tests, each in its own shell, E2E_JOBS at a time (the
# number of processors by default); report each and fail on any.  A test
# that ends with 77 after printing "SKIP <test>: <reason>" (needs_sqlite
# in lib.sh) is skipped, listed with its reason; only in PostgreSQL mode
# (INTAKE_TEST_PG set): under SQLite a skip is a failure.
jobs=${E2E_JOBS:-$(nproc 2>/dev/null || echo 2)}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
i=0
for t in "$@"; do
	i=$((i + 1))
	printf '%s %s\n' "$i" "$t"
done | xargs -P "$jobs" -L 1 sh -c '
	sh "$2" >"$0/$1.log" 2>&1
	echo $? >"$0/$1.status"' "$logs"

# skip_reason N TEST: the reason test N printed when it skipped (status
# 77 and a SKIP line of its own), or nothing.
skip_reason() {
	[ "$(cat "$logs/$1.status" 2>/dev/null)" = 77 ] || return 0
	sed -n "s/^SKIP $(basename "$2" .sh): //p" "$logs/$1.log" | head -1
}

failed=0
passed=0
skipped=0
i=0
for t in "$@"; do
	i=$((i + 1))
	status=$(cat "$logs/$i.status" 2>/dev/null)
	reason=$(skip_reason $i "$t")
	if [ "$status" = 0 ]; then
		passed=$((passed + 1))
		echo "ok   $t"
	elif [ -n "$reason" ] && [ -n "${INTAKE_TEST_PG:-}" ]; then
		skipped=$((skipped + 1))
		echo "skip $t: $reason"
		printf '%s: %s\n' "$t" "$reason" >>"$logs/skipped"
	else
		failed=$((failed + 1))
		if [ -n "$reason" ]; then
			echo "FAIL $t: skipped outside PostgreSQL mode"
		else
			echo "FAIL $t"
		fi
		sed 's/^/     /' "$logs/$i.log"
	fi
done
if [ "$skipped" != 0 ]; then
	echo "skipped under PostgreSQL:"
	sed 's/^/     /' "$logs/skipped"
fi
echo "$passed passed, $skipped skipped, $failed failed"
[ "$failed" = 0 ]
