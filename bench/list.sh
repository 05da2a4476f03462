#!/bin/sh
# Benchmark: output that streams (issue 12).  intake list and export
# against the SQL they run, in the sqlite3 shell on the same file,
# measured in the same run.  Usage:
#   sh bench/list.sh BUILD_DIR [APPLICATIONS] [RUNS]
# Makes (or finds cached) APPLICATIONS (100000) cases with
# bench/gen-cases.sh, checks that intake and sqlite3 give the same rows,
# then runs each pair RUNS (5) times, interleaved, and prints the median
# wall time and peak RSS as markdown table rows
#   | figure | intake | reference | ratio | goal |
# with the load average before and after (the machine is shared).
# A month's list takes milliseconds: its ratio is mostly the cost of
# starting intake (linking its libraries; with --programme, reading
# every form to know the programme), which the month without
# --programme shows apart.
set -eu

build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
runs=${3:-5}
source=$(cd "$(dirname "$0")/.." && pwd)
bench=list.sh
. "$source/bench/data.sh"

PROGRAMME=uij_turn
MONTH=2025-06

# The statements intake runs (core/sqlite/sqlite_find.c find_sql for
# list, core/sqlite/sqlite_store.c list_sql for export), as sqlite3 runs them.
LIST_SQL="SELECT a.id, a.receipt, a.programme, a.office, a.staff,
 a.status, a.received_on FROM applications a WHERE 1 ORDER BY a.id"
MONTH_SQL="SELECT a.id, a.receipt, a.programme, a.office, a.staff,
 a.status, a.received_on FROM applications a WHERE 1
 AND a.programme = '$PROGRAMME' AND a.received_on >= '$MONTH-01'
 AND a.received_on <= '$MONTH-31' ORDER BY a.id"
ALL_MONTH_SQL="SELECT a.id, a.receipt, a.programme, a.office, a.staff,
 a.status, a.received_on FROM applications a WHERE 1
 AND a.received_on >= '$MONTH-01' AND a.received_on <= '$MONTH-31'
 ORDER BY a.id"
EXPORT_SQL="SELECT a.id, a.receipt, a.programme, a.plugin_version,
 a.form_version, a.received_on, a.office, a.staff, a.status,
 a.created_at, n.field, n.value FROM applications a
 LEFT JOIN answers n ON n.application_id = a.id
 WHERE 1 AND +a.programme = '$PROGRAMME' ORDER BY a.id, n.rowid"
EXPORT_OUTCOMES_SQL="SELECT a.id, o.id, o.code, o.occurred_on, o.staff,
 o.note, o.recorded_at, o.voided_at, o.void_reason, o.amount
 FROM applications a CROSS JOIN outcomes o ON o.application_id = a.id
 WHERE 1 AND +a.programme = '$PROGRAMME'
 ORDER BY a.id, o.occurred_on, o.id"

sql() { sqlite3 -readonly "$@"; }

# The same rows: as many JSON objects as sqlite3 -json gives, the same
# receipts in the same order for the month.
intake list --format json >list.json
sql -json "$db" "$LIST_SQL" >ref.json
[ "$(grep -c '^  {' list.json)" = "$(grep -c '^{\|^\[{' ref.json)" ] ||
	fail "list --format json and sqlite3 -json differ in rows"
intake list --programme $PROGRAMME --month $MONTH --format csv |
	cut -d, -f1 | sed 1d >month.intake
sql -csv "$db" "$MONTH_SQL" | cut -d, -f2 >month.ref
[ -s month.ref ] || fail "no applications of $PROGRAMME in $MONTH"
cmp -s month.intake month.ref ||
	fail "list --programme $PROGRAMME --month $MONTH is not its SQL's"
intake export $PROGRAMME --excel >export.csv
[ "$(($(wc -l <export.csv) - 1))" = "$(sql "$db" "SELECT COUNT(*)
 FROM applications WHERE programme = '$PROGRAMME'")" ] ||
	fail "export $PROGRAMME --excel lacks applications"

# measure WHAT COMMAND…: one run, stdout to a file; appends
# "wall-s peak-kB" to WHAT.times (wall time from the clock in ns: the
# month's list takes milliseconds).
measure() {
	what=$1
	shift
	start=$(date +%s%N)
	/usr/bin/time -f '%M' -o usage "$@" >out 2>err ||
		{ cat err >&2; fail "failed: $*"; }
	echo "$(($(date +%s%N) - start))" "$(tail -n 1 usage)" |
		awk '{ printf "%.4f %d\n", $1 / 1e9, $2 }' >>"$what.times"
}

# median WHAT COLUMN: the median of a column of WHAT.times.
median() {
	cut -d' ' -f"$2" "$1.times" | sort -n |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# row FIGURE WHAT REFERENCE COLUMN UNIT GOAL: a markdown row of the
# medians of WHAT and REFERENCE (column 1 seconds, 2 kB shown as MB).
row() {
	echo "$(median "$2" "$4") $(median "$3" "$4")" |
		awk -v figure="$1" -v unit="$5" -v goal="$6" '{
			a = $1; b = $2
			if (unit == "MB") { a /= 1024; b /= 1024 }
			printf "| %s | %.3f %s | %.3f %s | %.2f× | %s |\n",
				figure, a, unit, b, unit, a / b, goal }'
}

cat "$db" >/dev/null # the file in the page cache for every run alike
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
i=0
while [ $i -lt "$runs" ]; do
	measure json "$build/intake" list --format json
	measure json-ref sqlite3 -readonly -json "$db" "$LIST_SQL"
	measure excel "$build/intake" export $PROGRAMME --excel
	measure excel-ref sqlite3 -readonly -csv "$db" "$EXPORT_SQL" \
		"$EXPORT_OUTCOMES_SQL"
	measure table "$build/intake" list --format table
	measure table-ref sqlite3 -readonly -column "$db" "$LIST_SQL"
	measure month "$build/intake" list --programme $PROGRAMME \
		--month $MONTH --format csv
	measure month-ref sqlite3 -readonly -csv "$db" "$MONTH_SQL"
	measure all-month "$build/intake" list --month $MONTH --format csv
	measure all-month-ref sqlite3 -readonly -csv "$db" "$ALL_MONTH_SQL"
	i=$((i + 1))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

printf '%d applications, %d runs each, interleaved, medians;' "$n" "$runs"
printf ' load average %s -> %s\n\n' "$load_before" "$load_after"
echo "| figure | intake | reference | ratio | goal |"
echo "|---|---|---|---|---|"
row "list --format json at $n (vs sqlite3 -json, same SELECT)" \
	json json-ref 1 s "≤ 1.2×"
row "export $PROGRAMME --excel at $n (vs sqlite3 -csv, its 2 SELECTs)" \
	excel excel-ref 1 s "≤ 1.2×"
row "list (table) peak RSS at $n (vs sqlite3 -column)" \
	table table-ref 2 MB "< 32 MB"
row "list (table) at $n (vs sqlite3 -column)" table table-ref 1 s "—"
row "list --programme $PROGRAMME --month $MONTH at $n (vs its SELECT)" \
	month month-ref 1 s "— (was 5.8×)"
row "list --month $MONTH at $n (no forms loaded; vs its SELECT)" \
	all-month all-month-ref 1 s "—"
