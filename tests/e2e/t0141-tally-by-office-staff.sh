# intake tally --by office and --by staff: the office of the application
# and the staff who took it; every office or staff seen in the period, no
# office a group of its own (null), so the groups add up to the whole.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2027-04-30
cp intake.ini base.ini
run 0 intake init

# office NAME: the office stored with the next applications ("": none).
office() {
	cp base.ini intake.ini
	[ -n "$1" ] && printf 'office = %s\n' "$1" >>intake.ini
	return 0
}
add() { # add STAFF: a case taken by STAFF, its receipt
	INTAKE_STAFF=$1 run 0 intake add every_callback name=A \
		birth_date=1990-01-01 kind=person amount=1 topics=work \
		consent=yes received_on=2026-04-01
	head -1 out
}
office 本庁
a=$(add 佐藤)
office 八戸
b=$(add 鈴木)
office ""
c=$(add 佐藤)
# Outcomes recorded by someone else still count for the staff who took
# the case.
export INTAKE_STAFF=代理
run 0 intake outcome "$a" started --date 2026-05-10
run 0 intake outcome "$a" contacted --date 2026-05-11
run 0 intake outcome "$a" contacted --date 2026-05-12
run 0 intake outcome "$b" started --date 2026-06-10
run 0 intake outcome "$c" started --date 2026-07-01

row() { # row FILTER KEY: one value of the tally's JSON
	python3 -c "import json; rows=json.load(open('$SCRATCH/out')); print([r for r in rows if $1][0]['$2'])"
}
rows() { # rows FILTER: how many rows of the tally's JSON match
	python3 -c "import json; rows=json.load(open('$SCRATCH/out')); print(len([r for r in rows if $1]))"
}

run 0 intake tally --fy 2026 --by office --format json
same 1 "$(row "r['outcome']=='started' and r['office']=='本庁'" events)" "本庁"
same 1 "$(row "r['outcome']=='started' and r['office']=='八戸'" events)" "八戸"
same 1 "$(row "r['outcome']=='started' and r['office'] is None" events)" "no office"
same 2 "$(row "r['outcome']=='contacted' and r['office']=='本庁'" events)" "本庁 延べ"
same 1 "$(row "r['outcome']=='contacted' and r['office']=='本庁'" applications)" "本庁 実"
same 0 "$(row "r['outcome']=='contacted' and r['office']=='八戸'" events)" "zero shown"
same 9 "$(rows True)" "3 offices x 3 outcomes"
same None "$(row "r['outcome']=='started' and r['office']=='本庁'" target)" "no target by group"
# Offices in order, no office last.
same "八戸 本庁 None" "$(python3 -c "import json
seen = []
for r in json.load(open('$SCRATCH/out')):
	if r['office'] not in seen: seen.append(r['office'])
print(*seen)")" "office order"

run 0 intake tally --fy 2026 --by staff --format json
same 2 "$(row "r['outcome']=='started' and r['staff']=='佐藤'" events)" "佐藤"
same 2 "$(row "r['outcome']=='started' and r['staff']=='佐藤'" applications)" "佐藤 実"
same 1 "$(row "r['outcome']=='started' and r['staff']=='鈴木'" events)" "鈴木"
same 0 "$(rows "r['staff']=='代理'")" "who recorded the outcome is no group"
same 6 "$(rows True)" "2 staff x 3 outcomes"

# The groups add up to the ungrouped tally, for every outcome.
run 0 intake tally --fy 2026 --format json
cp out whole.json
for by in office staff; do
	run 0 intake tally --fy 2026 --by $by --format json
	python3 -c "import json
whole = {r['outcome']: (r['events'], r['applications'])
	for r in json.load(open('whole.json'))}
sums = {}
for r in json.load(open('$SCRATCH/out')):
	e, a = sums.get(r['outcome'], (0, 0))
	sums[r['outcome']] = (e + r['events'], a + r['applications'])
assert sums == whole, (sums, whole)" || fail "--by $by does not add up"
done

# A month, and its fiscal year to date, per office.
run 0 intake tally --month 2026-06 --by office --format json
same 1 "$(row "r['outcome']=='started' and r['office']=='八戸'" events)" "June 八戸"
same 0 "$(row "r['outcome']=='started' and r['office']=='本庁'" events)" "June 本庁"
same 1 "$(row "r['outcome']=='started' and r['office']=='本庁'" fiscal_year_to_date)" "to June 本庁"

# Headings and groups in the table, in Japanese.
run 0 intake --lang ja tally --fy 2026 --by office --format table
out_has "事務所"
out_has "八戸"
out_has "本庁"
out_has "事務所なし"
run 0 intake tally --fy 2026 --by office --format csv
out_has "Every callback test,started,2026,no office,1,1,,,"
run 0 intake tally --fy 2026 --by staff --format csv
same "Programme,Outcome,Fiscal year,Staff,Events,Applications,Amount (yen),Target,Achievement" \
	"$(head -1 out)" "CSV heading"
out_has "Every callback test,started,2026,佐藤,2,2,,,"

# office and staff are reserved: field:NAME reaches a form field; a
# choice field is reached either way.
run 0 intake tally --fy 2026 --by field:kind --format json
same 3 "$(row "r['outcome']=='started' and r['kind']=='person'" events)" "field:kind"
run 64 intake tally --fy 2026 --by field:office
err_has "--by field:office"
