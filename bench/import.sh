#!/bin/sh
# Benchmark: intake import of N generated rows of one programme (the
# test programme every_callback: text, date, choice, yen, multi, bool
# and corporate-number fields, a `when`, plugin rules and derived
# fields), against the same CSV loaded by sqlite3's .import into one
# flat table, and against bench/import_ref.py (Python csv + sqlite3
# doing the same checks and writing the same rows), in the same run.
# Usage:
#   sh bench/import.sh BUILD_DIR [N] [RUNS]
# N (100000) rows, RUNS (3) interleaved runs; prints the median wall
# time of each and the peak RSS of intake as markdown table rows
# | figure | intake | reference | ratio | goal |, then the load average.
# Needs the test plugins (make test-unit or make test-e2e builds them).
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
runs=${3:-3}
source=$(cd "$(dirname "$0")/.." && pwd)
bench=import.sh
. "$source/bench/import-setup.sh"
unset INTAKE_TODAY

# timed NAME COMMAND…: wall seconds and peak KB appended to NAME.times
timed() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o time.out "$@" >"$name.out" 2>"$name.err" ||
		{ cat "$name.err" >&2; echo "import.sh: $name failed" >&2
		  exit 1; }
	cat time.out >>"$name.times"
}
fresh() {
	rm -f intake.db intake.db-wal intake.db-shm "$1" "$1-wal" "$1-shm"
	"$build/intake" init >/dev/null
	[ "$1" = intake.db ] || cp intake.db "$1"
}
# What a database holds of the applications and their answers: the
# reference must write what intake writes.
stored() {
	sqlite3 "$1" "SELECT a.receipt, a.received_on, a.source_id, w.field,
		w.value FROM applications a JOIN answers w
		ON w.application_id = a.id ORDER BY a.id, w.rowid" | cksum
}
i=0
while [ $i -lt "$runs" ]; do
	fresh intake.db
	timed intake "$build/intake" import every_callback rows.csv
	grep -q "stored $n," intake.out ||
		{ cat intake.out >&2; echo "import.sh: intake did not store $n" >&2
		  exit 1; }
	stored intake.db >intake.rows
	rm -f flat.db
	timed sqlite sqlite3 flat.db ".import --csv rows.csv flat"
	fresh ref.db
	timed python python3 "$source/bench/import_ref.py" ref.db rows.csv
	grep -q "stored $n," python.out ||
		{ cat python.out >&2; echo "import.sh: the reference did not store $n" >&2
		  exit 1; }
	[ "$(stored ref.db)" = "$(cat intake.rows)" ] ||
		{ echo "import.sh: the reference stores other rows than intake" >&2
		  exit 1; }
	i=$((i + 1))
done

# median FILE COLUMN
median() {
	cut -d' ' -f"$2" "$1" | sort -n | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
t_intake=$(median intake.times 1)
t_sqlite=$(median sqlite.times 1)
t_python=$(median python.times 1)
rss=$(median intake.times 2)
rows=$(printf "%d" "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
awk -v n="$rows" -v ti="$t_intake" -v ts="$t_sqlite" -v tp="$t_python" \
	-v rss="$rss" 'BEGIN {
	printf "| import %s rows vs sqlite3 .import (time) | %.2f s | %.2f s | %.2f× | ≤ 2× |\n", n, ti, ts, ti / ts
	printf "| import %s rows vs Python csv+sqlite3 (time) | %.2f s | %.2f s | %.3f× | ≤ 0.1× |\n", n, ti, tp, ti / tp
	printf "| import %s rows peak RSS | %.1f MB | | | < 32 MB at 1M |\n", n, rss / 1024
}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); median of $runs interleaved runs"
