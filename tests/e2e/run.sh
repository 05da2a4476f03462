#!/bin/sh
# Run end-to-end tests, each in its own shell, E2E_JOBS at a time (the
# number of processors by default); report each and fail on any.
jobs=${E2E_JOBS:-$(nproc 2>/dev/null || echo 2)}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
i=0
for t in "$@"; do
	i=$((i + 1))
	printf '%s %s\n' "$i" "$t"
done | xargs -P "$jobs" -L 1 sh -c '
	if sh "$2" >"$0/$1.log" 2>&1; then echo ok >"$0/$1.status"
	else echo FAIL >"$0/$1.status"; fi' "$logs"
failed=0
passed=0
i=0
for t in "$@"; do
	i=$((i + 1))
	if [ "$(cat "$logs/$i.status" 2>/dev/null)" = ok ]; then
		passed=$((passed + 1))
		echo "ok   $t"
	else
		failed=$((failed + 1))
		echo "FAIL $t"
		sed 's/^/     /' "$logs/$i.log"
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
