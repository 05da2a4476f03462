# intake tally --compare: the previous fiscal year's same period beside
# each row (previous_events, previous_applications, change = events −
# previous events); with --month the same month a year before and the
# previous year to that month; a year still running against the
# previous year up to the same month; with --by per group.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
run 0 intake init
add() { # add KIND RECEIVED_ON [FIELD=VALUE…]: a case, its receipt
	kind=$1 on=$2
	shift 2
	run 0 intake add every_callback name=A birth_date=1990-01-01 \
		kind="$kind" amount=1 topics=work consent=yes \
		received_on="$on" "$@"
	head -1 out
}
export INTAKE_TODAY=2026-08-15
p=$(add person 2025-04-01)
q=$(add company 2025-04-01 corporate_number=7000012050002)
r=$(add person 2026-04-01)
s=$(add person 2026-04-01)
run 0 intake outcome "$p" started --date 2025-06-15
run 0 intake outcome "$p" contacted --date 2025-06-20
run 0 intake outcome "$p" contacted --date 2025-08-01
run 0 intake outcome "$q" started --date 2025-09-01
run 0 intake outcome "$q" contacted --date 2026-06-05
run 0 intake outcome "$r" started --date 2026-06-10
run 0 intake outcome "$r" contacted --date 2026-06-11
run 0 intake outcome "$r" contacted --date 2026-06-12

row() { # row FILTER KEY: one value of the tally's JSON
	python3 -c "import json; rows=json.load(open('$SCRATCH/out')); print([r for r in rows if $1][0]['$2'])"
}

# FY2026 still running (today 2026-08-15): against April–August 2025,
# so q's start in September 2025 is not compared yet.
run 0 intake tally --fy 2026 --compare --format json
same 1 "$(row "r['outcome']=='started'" previous_events)" "running year: to August"
same 2 "$(row "r['outcome']=='contacted'" previous_events)" "contacted to August"
same 1 "$(row "r['outcome']=='contacted'" previous_applications)" "contacted 実 to August"
same 1 "$(row "r['outcome']=='contacted'" change)" "3 against 2"

export INTAKE_TODAY=2027-04-30
run 0 intake outcome "$s" contacted --date 2027-01-10

# The whole of FY2026 against the whole of FY2025.
run 0 intake tally --fy 2026 --compare --format json
same 1 "$(row "r['outcome']=='started'" events)" "FY2026 started"
same 2 "$(row "r['outcome']=='started'" previous_events)" "FY2025 started"
same 2 "$(row "r['outcome']=='started'" previous_applications)" "FY2025 started 実"
same -1 "$(row "r['outcome']=='started'" change)" "one fewer"
same 4 "$(row "r['outcome']=='contacted'" events)" "FY2026 contacted"
same 3 "$(row "r['outcome']=='contacted'" applications)" "FY2026 contacted 実"
same 2 "$(row "r['outcome']=='contacted'" previous_events)" "FY2025 contacted"
same 1 "$(row "r['outcome']=='contacted'" previous_applications)" "FY2025 contacted 実"
same 2 "$(row "r['outcome']=='contacted'" change)" "two more"
same 0 "$(row "r['outcome']=='finished'" change)" "nothing either year"
# Without --compare, no such columns.
run 0 intake tally --fy 2026 --format json
out_lacks "previous_events"

# A month: June 2026 against June 2025, and April–June of each year.
run 0 intake tally --month 2026-06 --compare --format json
same 3 "$(row "r['outcome']=='contacted'" events)" "June 2026"
same 1 "$(row "r['outcome']=='contacted'" previous_events)" "June 2025"
same 2 "$(row "r['outcome']=='contacted'" change)" "June change"
same 3 "$(row "r['outcome']=='contacted'" fiscal_year_to_date)" "April-June 2026"
same 1 "$(row "r['outcome']=='contacted'" previous_fiscal_year_to_date)" "April-June 2025"
same 0 "$(row "r['outcome']=='started'" change)" "June started: 1 and 1"
run 0 intake tally --month 2026-08 --compare --format json
same 1 "$(row "r['outcome']=='contacted'" previous_events)" "August 2025"
same 0 "$(row "r['outcome']=='contacted'" events)" "August 2026"
same -1 "$(row "r['outcome']=='contacted'" change)" "August change"
same 2 "$(row "r['outcome']=='contacted'" previous_fiscal_year_to_date)" "April-August 2025"

# With --by: per group, a year before.
run 0 intake tally --fy 2026 --by kind --compare --format json
same 1 "$(row "r['outcome']=='started' and r['kind']=='person'" previous_events)" "person 2025"
same 1 "$(row "r['outcome']=='started' and r['kind']=='company'" previous_events)" "company 2025"
same -1 "$(row "r['outcome']=='started' and r['kind']=='company'" change)" "company change"

# Headings in CSV, in English and Japanese.
run 0 intake tally --fy 2026 --compare --format csv
same "Programme,Outcome,Fiscal year,Events,Applications,Amount (yen),Target,Achievement,Previous year events,Previous year applications,Change" \
	"$(head -1 out)" "CSV heading"
out_has "Every callback test,started,2026,1,1,,,,2,2,-1"
run 0 intake --lang ja tally --month 2026-06 --compare --format csv
same "事業,成果,月,件数（延べ）,人数（実）,支給額,年度累計,目標値,達成状況,前年度件数（延べ）,前年度人数（実）,前年度累計,増減" \
	"$(head -1 out)" "CSV heading in Japanese"
out_has "全コールバック試験,相談,2026-06,3,2,,3,,,1,1,1,2"
