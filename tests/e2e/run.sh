#!/bin/sh
# Run end-to-end tests, each in its own shell; report and fail on any.
failed=0
passed=0
for t in "$@"; do
	if sh "$t" >"${TMPDIR:-/tmp}/intake-e2e.$$" 2>&1; then
		passed=$((passed + 1))
		echo "ok   $t"
	else
		failed=$((failed + 1))
		echo "FAIL $t"
		sed 's/^/     /' "${TMPDIR:-/tmp}/intake-e2e.$$"
	fi
done
rm -f "${TMPDIR:-/tmp}/intake-e2e.$$"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
