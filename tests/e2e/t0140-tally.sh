# intake tally: months, fiscal years, --by, targets, achievement, --verify.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
# Outcome dates are not after today: today is after the last of them.
export INTAKE_TODAY=2027-04-30
cat >>intake.ini <<INI
[targets]
every_callback.started.2026 = 4
every_callback.contacted.2026 = 2
INI
run 0 intake init
add() {
	kind=$1
	shift
	run 0 intake add every_callback name=A birth_date=1990-01-01 \
		kind="$kind" amount=1 topics=work consent=yes \
		received_on=2026-04-01 "$@"
	head -1 out
}
a=$(add person); b=$(add person); c=$(add company corporate_number=7000012050002)
run 0 intake outcome "$a" started --date 2026-05-10
run 0 intake outcome "$b" started --date 2026-06-10
run 0 intake outcome "$c" started --date 2027-03-31
run 0 intake outcome "$a" contacted --date 2026-05-11
run 0 intake outcome "$a" contacted --date 2026-05-12
run 0 intake outcome "$b" contacted --date 2027-04-01

row() { # row JSON-FILTER: one value from the tally's JSON
	python3 -c "import json; rows=json.load(open('$SCRATCH/out')); print([r for r in rows if $1][0]$2)"
}
run 0 intake tally --fy 2026 --format json
same 3 "$(row "r['outcome']=='started'" "['events']")" "started events"
same 3 "$(row "r['outcome']=='started'" "['applications']")" "started applications"
same 0.75 "$(row "r['outcome']=='started'" "['achievement']")" "3 of 4"
same 2 "$(row "r['outcome']=='contacted'" "['events']")" "contacted 延べ"
same 1 "$(row "r['outcome']=='contacted'" "['applications']")" "contacted 実"
same 1.0 "$(row "r['outcome']=='contacted'" "['achievement']")" "capped"
same None "$(row "r['outcome']=='finished'" "['target']")" "no target"
same None "$(row "r['outcome']=='finished'" "['achievement']")" "no achievement"
same 2026 "$(row "r['outcome']=='finished'" "['fiscal_year']")" "period key"

run 0 intake tally --month 2026-06 --format json
same 1 "$(row "r['outcome']=='started'" "['events']")" "June"
same 2 "$(row "r['outcome']=='started'" "['fiscal_year_to_date']")" "April-June"
same 0.5 "$(row "r['outcome']=='started'" "['achievement']")" "2 of 4"
same 2026-06 "$(row "r['outcome']=='started'" "['month']")" "month key"

run 0 intake tally --fy 2026 --by kind --format json
same 2 "$(row "r['outcome']=='started' and r['kind']=='person'" "['events']")" "by kind"
same 1 "$(row "r['outcome']=='started' and r['kind']=='company'" "['events']")" "by kind"
# Unanswered (optional) choice: its own row, so the groups add up.
run 0 intake tally --fy 2026 --by disability --format json
same 3 "$(row "r['outcome']=='started' and r['disability'] is None" "['events']")" "no answer"
same 0 "$(row "r['outcome']=='started' and r['disability']=='some'" "['events']")" "zero shown"
run 0 intake tally --fy 2026 --format table
out_has "Every callback test"
# --excel: the same CSV as Excel opens it (a BOM, CRLF), the same rows
run 0 intake tally --fy 2026 --format csv
mv out plain.csv
run 0 intake tally --fy 2026 --excel
same efbbbf "$(head -c 3 out | od -An -tx1 | tr -d ' \n')" "a BOM first"
same "$(wc -l <plain.csv)" "$(grep -c "$(printf '\r')\$" out)" \
	"every line ends in CRLF"
tail -c +4 out | tr -d '\r' | cmp -s - plain.csv ||
	fail "--excel holds other rows than --format csv"
run 0 intake tally --fy 2026 --excel --format csv
run 64 intake tally --fy 2026 --excel --format json
err_has "--excel"
run 64 intake tally --fy 2026 --by name
err_has "name"
run 64 intake tally --fy 2026 --month 2026-05
run 64 intake tally --fy twenty

run 0 intake tally --verify
sql "update outcome_counts set count = count + 1 where code='started' and month='2026-05'"
run 65 intake tally --verify
err_has "2026-05"
