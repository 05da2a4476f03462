#!/bin/sh
# Benchmark: tallies that read outcome_counts instead of scanning, and
# the one-pass verify, against their references in the same run.  Usage:
#   sh bench/tally.sh BUILD_DIR [APPLICATIONS] [RUNS] [REPS]
# Makes (or finds cached) APPLICATIONS (100000) cases with
# bench/gen-cases.sh, checks that `tally --fy` and `--month` give the
# figures of the GROUP BY over outcomes and that `tally --verify` is
# clean, then RUNS (5) rounds, interleaved, of
#   intake tally --fy 2025, intake tally --month 2025-10,
#   intake programs (the floor: a process that loads config and plugins),
#   sqlite3 running the GROUP BY over outcomes that gives the same
#   figures (one for --fy, one for --month with its year to date),
#   intake tally --verify and sqlite3 rebuilding outcome_counts from the
#   outcomes (the INSERT … SELECT of migration 10, into a temp table);
# the short processes are timed REPS (10) at a time, each figure the
# median wall time per process.  Prints markdown rows
#   | figure | intake s | reference s | ratio | goal |
# and the load average before and after.
set -eu

FY=2025
MONTH=2025-10

build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
runs=${3:-5}
reps=${4:-10}
source=$(cd "$(dirname "$0")/.." && pwd)
bench=tally.sh
. "$source/bench/data.sh"

# The GROUP BY over outcomes of days [$1, $2): events, applications,
# amount per programme and code; $3 more columns.
group_by_sql() {
	echo "SELECT a.programme, o.code, COUNT(*),
 COUNT(DISTINCT o.application_id), SUM(o.amount)${3:-}
 FROM outcomes o JOIN applications a ON a.id = o.application_id
 WHERE o.occurred_on >= '$1' AND o.occurred_on < '$2'
 AND o.voided_at IS NULL
 GROUP BY a.programme, o.code ORDER BY 1, 2"
}
next_month=$(date -d "$MONTH-01 +1 month" +%Y-%m)
FY_SQL=$(group_by_sql "$FY-04-01" "$((FY + 1))-04-01")
# The month, and its fiscal year to date as tally --month shows it.
MONTH_SQL="$(group_by_sql "$MONTH-01" "$next_month-01" ", (SELECT
 COUNT(*) FROM outcomes x JOIN applications b ON b.id = x.application_id
 WHERE b.programme = a.programme AND x.code = o.code
 AND x.voided_at IS NULL AND x.occurred_on >= '$FY-04-01'
 AND x.occurred_on < '$next_month-01')")"
# outcome_counts recomputed from the outcomes by SQL (migration 10).
REBUILD_SQL="CREATE TEMP TABLE rebuilt AS
WITH live AS (SELECT programme, application_id AS app, code,
	occurred_on, amount, CAST(substr(occurred_on, 1, 4) AS INTEGER)
	- (substr(occurred_on, 6, 2) < '04') AS fy
	FROM outcomes WHERE voided_at IS NULL),
firsts AS (SELECT programme, code, month, COUNT(*) AS n FROM
	(SELECT programme, code, substr(min(occurred_on), 1, 7) AS month
	FROM live GROUP BY programme, app, code, fy)
	GROUP BY programme, code, month),
events AS (SELECT programme, substr(occurred_on, 1, 7) AS month,
	code, COUNT(*) AS count, COUNT(DISTINCT app) AS people,
	COALESCE(SUM(amount), 0) AS amount, COUNT(amount) AS amounts
	FROM live GROUP BY 1, 2, 3)
SELECT e.programme, e.month, e.code, e.count, e.people,
	COALESCE(f.n, 0), e.amount, e.amounts
FROM events e LEFT JOIN firsts f ON f.programme = e.programme
	AND f.month = e.month AND f.code = e.code;"

# figures ARGS…: intake tally ARGS --format json, the rows with events,
# as CSV in the GROUP BY's columns.
figures() {
	intake tally "$@" --format json >tally.json
	sqlite3 -csv :memory: "SELECT json_extract(value, '$.programme'),
	 json_extract(value, '$.outcome'), json_extract(value, '$.events'),
	 json_extract(value, '$.applications'),
	 json_extract(value, '$.amount')$extra
	 FROM json_each(CAST(readfile('tally.json') AS TEXT))
	 WHERE json_extract(value, '$.events') > 0" | sort
}

# agree WHAT SQL ARGS…: tally's figures are the GROUP BY's, or fail.
agree() {
	what=$1 sql=$2
	shift 2
	sqlite3 -csv -readonly "$db" "$sql" | sort >expected
	figures "$@" >found
	[ -s expected ] || fail "$what: no outcomes to compare"
	cmp -s expected found || {
		diff expected found >&2 || :
		fail "$what: intake tally differs from the GROUP BY (above)"
	}
}

extra=
agree "tally --fy $FY" "$FY_SQL" --fy "$FY"
extra=", json_extract(value, '$.fiscal_year_to_date')"
agree "tally --month $MONTH" "$MONTH_SQL" --month "$MONTH"
intake tally --verify >verify.out 2>&1 ||
	{ cat verify.out >&2; fail "tally --verify is not clean"; }

# measure WHAT TIMES COMMAND…: COMMAND run TIMES times back to back;
# appends the wall seconds per run to WHAT.times.
measure() {
	what=$1 times=$2
	shift 2
	start=$(date +%s%N)
	k=0
	while [ $k -lt "$times" ]; do
		"$@" >out 2>err || { cat err >&2; fail "failed: $*"; }
		k=$((k + 1))
	done
	echo "$(($(date +%s%N) - start)) $times" |
		awk '{ printf "%.6f\n", $1 / 1e9 / $2 }' >>"$what.times"
}

# median WHAT: the median of WHAT.times.
median() {
	sort -n "$1.times" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# peak WHAT COMMAND…: peak RSS in MB of one run (/usr/bin/time %M).
peak() {
	/usr/bin/time -f '%M' -o usage "$@" >/dev/null 2>&1
	awk '{ printf "%.1f", $1 / 1024 }' usage
}

cat "$db" >/dev/null # the file in the page cache for every run alike
load_before=$(cut -d' ' -f1,2,3 /proc/loadavg)
i=0
while [ $i -lt "$runs" ]; do
	measure fy "$reps" "$build/intake" tally --fy "$FY"
	measure month "$reps" "$build/intake" tally --month "$MONTH"
	measure programs "$reps" "$build/intake" programs
	measure fy_sql 1 sqlite3 -readonly "$db" "$FY_SQL"
	measure month_sql 1 sqlite3 -readonly "$db" "$MONTH_SQL"
	measure verify 1 "$build/intake" tally --verify
	measure rebuild 1 sqlite3 -readonly "$db" "$REBUILD_SQL"
	i=$((i + 1))
done
load_after=$(cut -d' ' -f1,2,3 /proc/loadavg)

# row FIGURE INTAKE REFERENCE GOAL: a markdown row, the ratio
# intake / reference.
row() {
	echo "$2 $3" | awk -v figure="$1" -v goal="$4" '{
		printf "| %s | %.4f | %.4f | %.3f | %s |\n", figure, $1, $2,
			$1 / $2, goal }'
}

apps=$(sqlite3 -readonly "$db" "SELECT COUNT(*) FROM applications")
outcomes=$(sqlite3 -readonly "$db" "SELECT COUNT(*) FROM outcomes")
rows=$(sqlite3 -readonly "$db" "SELECT COUNT(*) FROM outcome_counts")
echo "data: $apps applications, $outcomes outcomes, $rows outcome_counts rows"
echo "median of $runs interleaved rounds (short processes $reps at a time);" \
	"load average $load_before -> $load_after"
echo "peak RSS: tally --fy $(peak "$build/intake" tally --fy "$FY") MB," \
	"tally --verify $(peak "$build/intake" tally --verify) MB"
echo
echo "| figure | intake s | reference s | ratio | goal |"
echo "|---|---|---|---|---|"
row "tally --fy $FY at $n vs intake programs" "$(median fy)" \
	"$(median programs)" "≤ 2"
row "tally --fy $FY at $n vs sqlite3 GROUP BY" "$(median fy)" \
	"$(median fy_sql)" "≤ 0.02 (≥ 50× faster)"
row "tally --month $MONTH at $n vs intake programs" "$(median month)" \
	"$(median programs)" "≤ 2"
row "tally --month $MONTH at $n vs sqlite3 GROUP BY" "$(median month)" \
	"$(median month_sql)" "≤ 0.02 (≥ 50× faster)"
row "tally --verify at $n vs sqlite3 rebuild of the counts" \
	"$(median verify)" "$(median rebuild)" \
	"linear in N: compare the intake s at 10× N"
