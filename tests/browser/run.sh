#!/bin/sh
# Run browser tests (tests/browser/test_*.py, each a whole scenario on
# its own database, server and headless Chromium), BROWSER_JOBS at a time
# (2 by default); report each, fail on any failure.
python=${PYTHON:-/usr/bin/python3}
chromium=${CHROMIUM:-/usr/bin/chromium}
driver=${CHROMEDRIVER:-/usr/bin/chromedriver}
missing=
[ -x "$python" ] || missing="$missing python3"
[ -x "$chromium" ] || missing="$missing chromium"
[ -x "$driver" ] || missing="$missing chromium-driver"
"$python" -c 'import selenium' 2>/dev/null ||
	missing="$missing python3-selenium"
if [ -n "$missing" ]; then
	echo "test-browser: missing:$missing" \
		"(Debian packages: make deps installs them)" >&2
	exit 1
fi
export PYTHONDONTWRITEBYTECODE=1
jobs=${BROWSER_JOBS:-2}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
i=0
for t in "$@"; do
	i=$((i + 1))
	printf '%s %s\n' "$i" "$t"
done | xargs -P "$jobs" -L 1 sh -c '
	"$0" "$3" >"$1/$2.log" 2>&1
	echo $? >"$1/$2.status"' "$python" "$logs"
failed=0
passed=0
i=0
for t in "$@"; do
	i=$((i + 1))
	case $(cat "$logs/$i.status" 2>/dev/null) in
	0)
		passed=$((passed + 1))
		echo "ok   $t"
		grep '^NOTE' "$logs/$i.log" | sed 's/^/     /'
		;;
	*)
		failed=$((failed + 1))
		echo "FAIL $t"
		sed 's/^/     /' "$logs/$i.log"
		;;
	esac
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
