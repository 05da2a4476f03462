#!/bin/sh
# Benchmark: the fiscal-year report at a prefecture's scale, against the
# GROUP BY over outcomes it needs, in the sqlite3 shell on the same
# file, measured in the same run.  Usage:
#   sh bench/report.sh BUILD_DIR [APPLICATIONS] [RUNS]
#   sh bench/report.sh BUILD_DIR --check [APPLICATIONS]
# Makes (or finds cached) APPLICATIONS (1000000) cases with
# bench/gen-cases.sh, checks that intake's figures equal the GROUP BY's,
# then runs each RUNS (3) times, interleaved, and prints the median
# wall time, CPU time and peak RSS of each and their ratio.  --check instead
# proves the generated data (2000 cases) is what intake itself writes:
# verify, tallies against the GROUP BY for three fiscal years, cases
# and outcomes replayed through `intake add` and `intake outcome`.
set -eu

# The intake run measured, in a scratch directory: the fiscal-year
# report as a workbook once `intake report` exists, else the tally it
# is built on.  INTAKE_RUN="..." measures another.
FY=2025
REPORT_RUN="report --fy $FY --xlsx report.xlsx"
TALLY_RUN="tally --fy $FY"

build=$(cd "${1:-build}" && pwd)
check=
if [ "${2:-}" = --check ]; then
	check=yes
	n=${3:-2000}
	runs=1
else
	n=${2:-1000000}
	runs=${3:-3}
fi
source=$(cd "$(dirname "$0")/.." && pwd)
bench=report.sh
. "$source/bench/data.sh"

# reference FY: the figures of fiscal year FY per programme and code,
# as the GROUP BY over outcomes finds them, CSV.
reference_sql() {
	echo "SELECT a.programme, o.code, COUNT(*),
 COUNT(DISTINCT o.application_id), SUM(o.amount)
 FROM outcomes o JOIN applications a ON a.id = o.application_id
 WHERE o.occurred_on >= '$1-04-01' AND o.occurred_on < '$(($1 + 1))-04-01'
 AND o.voided_at IS NULL
 GROUP BY a.programme, o.code ORDER BY 1, 2"
}

# figures FY: the same figures from intake tally --fy --format json
# (its rows with events; JSON keeps ids whatever the language), CSV.
figures() {
	intake tally --fy "$1" --format json >tally.json
	sqlite3 -csv :memory: "SELECT json_extract(value, '$.programme'),
	 json_extract(value, '$.outcome'), json_extract(value, '$.events'),
	 json_extract(value, '$.applications'),
	 json_extract(value, '$.amount')
	 FROM json_each(CAST(readfile('tally.json') AS TEXT))
	 WHERE json_extract(value, '$.events') > 0" | sort
}

# agree FY: intake's figures of FY are the GROUP BY's, or fail.
agree() {
	sqlite3 -csv -readonly "$db" "$(reference_sql "$1")" | sort >expected
	figures "$1" >found
	[ -s expected ] || fail "no outcomes in FY$1: nothing to compare"
	cmp -s expected found || {
		diff expected found >&2 || :
		fail "FY$1: intake tally differs from the GROUP BY (above)"
	}
}

# derived PROGRAMME: the fields its form computes (never typed).
derived() {
	awk '/^\[field\./ { field = substr($0, 8, length($0) - 8) }
	/^derived *= *yes/ { print field }' "$source/forms/$1.ini"
}

# replay: chosen cases taken again by intake add, their outcomes
# recorded (and voided, and the case withdrawn) by intake, into a
# fresh database; what intake stored must be what was generated.
replay() {
	mkdir replay
	cp "$data/intake.ini" replay/
	INTAKE_CONFIG=$work/replay/intake.ini intake init >/dev/null
	# the cases with most outcomes of each programme, 12 with a voided
	# outcome, 12 withdrawn, and every (n/40)th
	sqlite3 -readonly "$db" "SELECT id FROM (SELECT a.id, row_number()
	 OVER (PARTITION BY a.programme ORDER BY (SELECT COUNT(*)
	 FROM outcomes o WHERE o.application_id = a.id) DESC, a.id) AS k
	 FROM applications a) WHERE k <= 6
	 UNION SELECT * FROM (SELECT application_id FROM outcomes
	 WHERE voided_at IS NOT NULL LIMIT 12)
	 UNION SELECT * FROM (SELECT id FROM applications
	 WHERE withdrawn_at IS NOT NULL LIMIT 12)
	 UNION SELECT id FROM applications WHERE id % ($n / 40 + 1) = 0
	 ORDER BY 1" >chosen
	: >map.csv
	while read -r id; do
		replay_case "$id"
	done <chosen
	sqlite3 map.db "CREATE TABLE map (id INTEGER PRIMARY KEY, receipt)" \
		".import --csv map.csv map"
	dump "$db" "JOIN map m ON m.id = a.id" m.receipt >expected
	dump replay/intake.db "" a.receipt >found
	cmp -s expected found || {
		diff expected found >&2 || :
		fail "replayed cases differ from the generated ones (above)"
	}
	echo "replay: $(wc -l <chosen) cases and their outcomes taken again" \
		"by intake add and intake outcome: stored alike"
}

# replay_case ID: one generated case through intake.
replay_case() {
	programme=$(sqlite3 -readonly "$db" \
		"SELECT programme FROM applications WHERE id = $1")
	not=$(derived "$programme" | sed "s/.*/'&'/" | paste -sd, -)
	line=$(sqlite3 -readonly "$db" "SELECT 'received_on=' || received_on
	 || ' ' || (SELECT group_concat(quote(field || '=' || value), ' ')
	 FROM answers WHERE application_id = $1 AND field NOT IN ($not))
	 FROM applications WHERE id = $1")
	receipt=$(eval "INTAKE_CONFIG=$work/replay/intake.ini \
		\"\$build/intake\" --lang en add $programme $line") ||
		fail "intake add refused generated case $1 ($programme): $line"
	echo "$1,$receipt" >>map.csv
	sqlite3 -readonly "$db" "SELECT code, occurred_on,
	 coalesce('--amount ' || amount, ''), voided_at IS NOT NULL
	 FROM outcomes WHERE application_id = $1 ORDER BY id" |
	while IFS='|' read -r code on amount voided; do
		# shellcheck disable=SC2086 # amount is an option or nothing
		INTAKE_CONFIG=$work/replay/intake.ini intake outcome \
			"$receipt" "$code" --date "$on" $amount >/dev/null ||
			fail "intake outcome refused $receipt $code $on $amount"
		[ "$voided" = 0 ] && continue
		INTAKE_CONFIG=$work/replay/intake.ini intake outcome \
			"$receipt" --void "$(sqlite3 replay/intake.db \
			"SELECT max(id) FROM outcomes")" --reason 入力誤り \
			>/dev/null || fail "void refused on $receipt"
	done
	if [ "$(sqlite3 -readonly "$db" "SELECT withdrawn_at IS NOT NULL
	 FROM applications WHERE id = $1")" = 1 ]; then
		INTAKE_CONFIG=$work/replay/intake.ini intake withdraw \
			"$receipt" --reason 本人の申し出 >/dev/null ||
			fail "withdraw refused on $receipt"
	fi
}

# dump DB JOIN RECEIPT: what a case is (programme, dates, status,
# answers, outcomes) under RECEIPT, one sorted line per fact.
dump() {
	sqlite3 -readonly "$1" "ATTACH '$work/map.db' AS map;
	 SELECT $3, 'case', a.programme, a.received_on, a.status,
	 a.withdrawn_at IS NOT NULL FROM applications a $2
	 UNION ALL SELECT $3, 'answer', n.field, n.value, '', ''
	 FROM applications a $2 JOIN answers n ON n.application_id = a.id
	 UNION ALL SELECT $3, 'outcome', o.code, o.occurred_on, o.amount,
	 o.voided_at IS NOT NULL
	 FROM applications a $2 JOIN outcomes o ON o.application_id = a.id" |
		sort
}

# next_receipt: a case taken on the generated data gets the receipt
# after the last one generated (receipt_sequences agree with them).
next_receipt() {
	cp -r "$data" next
	last=$(sqlite3 -readonly "$db" "SELECT last FROM receipt_sequences
	 WHERE programme = 'kigyo_shien' AND fiscal_year = 2025")
	want=$(printf 'KGY-2025-%06d' $((last + 1)))
	got=$(INTAKE_CONFIG=$work/next/intake.ini intake add kigyo_shien \
		name=青森太郎 name_kana=アオモリタロウ birth_date=1990-04-01 \
		postal_code=0300801 address=青森市新町1-1 phone=0177341111 \
		stage=idea legal_form=sole business_field=飲食 \
		eligible_expenses=1000000 relocated=no received_on=2025-06-02)
	[ "$got" = "$want" ] || fail "a new case got $got, not $want"
	echo "receipts: a case taken on the data gets $got, the next one"
}

if [ -n "$check" ]; then
	intake verify >verify.out 2>&1 ||
		{ cat verify.out >&2; fail "intake verify"; }
	echo "verify: $(paste -sd';' verify.out)"
	for fy in 2024 2025 2026; do
		agree $fy
		echo "FY$fy: intake tally --fy $fy = the GROUP BY over" \
			"outcomes ($(wc -l <found) figures)"
	done
	replay
	next_receipt
	echo "check: the generated data of $n cases is as intake writes it"
	exit 0
fi

if [ -n "${INTAKE_RUN:-}" ]; then
	run=$INTAKE_RUN
elif "$build/intake" --lang en --help 2>&1 | grep -q "^  report "; then
	run=$REPORT_RUN
else
	run=$TALLY_RUN
fi
agree "$FY"

# measure WHAT COMMAND…: one run; appends "wall-ms cpu-s peak-kB" (CPU
# user + system: what the run costs however loaded the machine) to
# WHAT.times.
measure() {
	what=$1
	shift
	start=$(date +%s%N)
	/usr/bin/time -f '%U %S %M' -o usage "$@" >out 2>err ||
		{ cat err >&2; fail "failed: $*"; }
	echo "$((($(date +%s%N) - start) / 1000000))" \
		"$(tail -n 1 usage | awk '{ print $1 + $2, $3 }')" \
		>>"$what.times"
}

# median WHAT COLUMN: the median of a column of WHAT.times.
median() {
	cut -d' ' -f"$2" "$1.times" | sort -n |
		awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# line WHAT WALL-MS CPU-S PEAK-KB: one line of the table.
line() {
	echo "$2 $3 $4" | awk -v what="$1" '{
		printf "%-42s %7.2f %7.2f %9.1f\n", what, $1 / 1000, $2,
			$3 / 1024 }'
}

cat "$db" >/dev/null # the file in the page cache for every run alike
load_before=$(cut -d' ' -f1 /proc/loadavg)
i=0
while [ $i -lt "$runs" ]; do
	# shellcheck disable=SC2086 # run is words on purpose
	measure intake "$build/intake" $run
	measure sqlite3 sqlite3 -readonly "$db" "$(reference_sql "$FY")"
	i=$((i + 1))
done
load_after=$(cut -d' ' -f1 /proc/loadavg)

counts=$(sqlite3 -readonly "$db" "SELECT
 (SELECT COUNT(*) FROM applications), (SELECT COUNT(*) FROM outcomes),
 (SELECT COUNT(*) FROM outcomes WHERE voided_at IS NULL),
 (SELECT COUNT(*) FROM answers), (SELECT COUNT(*) FROM search_keys),
 (SELECT COUNT(*) FROM outcome_counts),
 (SELECT user_version FROM pragma_user_version)" |
	tr '|' ' ')
# shellcheck disable=SC2086 # the counts, one word each
set -- $counts
size=$(($(stat -c %s "$db") / 1048576))
printf 'data: %d applications, %d outcomes (%d valid),\n' "$1" "$2" "$3"
printf '      %d answers, %d search keys, %d counts; %d MB, schema %d\n' \
	"$4" "$5" "$6" "$size" "$7"
sed -n 's/^gen-cases: /made: /p' made
printf 'FY%d, %d runs each, interleaved; load average %s -> %s\n' \
	"$FY" "$runs" "$load_before" "$load_after"
echo "intake run: intake $run"
printf '%-42s %7s %7s %9s\n' "median of $runs" "wall s" "CPU s" \
	"peak MB"
line "intake (the run above)" "$(median intake 1)" "$(median intake 2)" \
	"$(median intake 3)"
line "sqlite3 GROUP BY over outcomes, same file" "$(median sqlite3 1)" \
	"$(median sqlite3 2)" "$(median sqlite3 3)"
echo "$(median intake 1) $(median intake 2) $(median intake 3)" \
	"$(median sqlite3 1) $(median sqlite3 2) $(median sqlite3 3)" |
	awk '{ printf "%-42s %6.2fx %6.2fx %8.2fx\n",
		"ratio intake / sqlite3", $1 / $4, $2 / $5, $3 / $6 }'
echo "figures: intake tally --fy $FY = the GROUP BY (checked this run)"
