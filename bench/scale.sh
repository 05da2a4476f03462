#!/bin/sh
# The figures of issue 12 in one table.  Usage:
#   sh bench/scale.sh BUILD_DIR [APPLICATIONS] [RUNS]
# Runs, in this order and when present, bench/import.sh, bench/tally.sh
# and bench/list.sh (each given BUILD_DIR APPLICATIONS RUNS), then
# bench/add.sh (BUILD_DIR, RUNS x 10 processes a side) and
# bench/writers.sh (BUILD_DIR, 400 adds); each prints markdown table
# rows `| figure | intake | reference | ratio | goal |`.  Prints one
# markdown table under a header with the date, the commit, the machine
# (processors, load average before and after) and APPLICATIONS (100000;
# 1000000 for the figures in bench/README).  A script that fails is
# named in a row of its own; the others still run (exit 1 at the end).
set -u
build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
runs=${3:-3}
source=$(cd "$(dirname "$0")/.." && pwd)
for value in "$n" "$runs"; do
	case $value in
	'' | *[!0-9]* | 0) echo "scale.sh: APPLICATIONS and RUNS must be" \
		"numbers, got '$value'" >&2
		exit 64 ;;
	esac
done
rows=$(mktemp)
trap 'rm -f "$rows" "$rows.err"' EXIT
failed=0

# bench NAME ARGS…: NAME's rows (and its comments) into rows, stderr
# shown; a row saying so when it is missing or fails.
bench() {
	name=$1
	shift
	script=$source/bench/$name.sh
	if [ ! -f "$script" ]; then
		echo "| bench/$name.sh | not in this tree | - | - | - |" >>"$rows"
		return
	fi
	echo "scale.sh: bench/$name.sh $*" >&2
	if sh "$script" "$@" >"$rows.out" 2>"$rows.err"; then
		grep -E '^(\||<!--)' "$rows.out" >>"$rows"
	else
		failed=1
		grep -E '^(\||<!--)' "$rows.out" >>"$rows"
		echo "| bench/$name.sh | FAILED: $(tail -1 "$rows.err" |
			tr '|' '/') | - | - | - |" >>"$rows"
	fi
	cat "$rows.err" >&2
	rm -f "$rows.out"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
bench import "$build" "$n" "$runs"
bench tally "$build" "$n" "$runs"
bench list "$build" "$n" "$runs"
bench add "$build" $((runs * 10))
bench writers "$build" 400
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

commit=$(git -C "$source" rev-parse --short HEAD 2>/dev/null || echo '?')
echo "## Issue 12 figures: $n applications"
echo
echo "$started, commit $commit; $(nproc) processors, load average" \
	"$load_before -> $load_after; RUNS $runs."
echo "Reproduce: sh bench/scale.sh BUILD_DIR $n $runs   (make bench-scale" \
	"BENCH_N=$n BENCH_RUNS=$runs)"
echo
echo "| figure | intake | reference | ratio | goal |"
echo "|---|---|---|---|---|"
grep '^|' "$rows"
echo
grep '^<!--' "$rows" | sed 's/^<!-- */- /; s/ *-->$//'
exit $failed
