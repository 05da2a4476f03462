#!/bin/sh
# uij_turn: every grant rule refused by its id with nothing stored; valid
# applications stored with their grant amounts; plugin check; the form.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form

export INTAKE_TODAY=2027-12-31

# A person and a grant case that passes every rule (received 2026-06-15).
UIJ_CASE="name=青森太郎 name_kana=あおもりたろう birth_date=1990-04-01
postal_code=030-8570 address=青森市長島一丁目1-1 phone=017-722-1111
moved_from=東京都 received_on=2026-06-15 moved_in_on=2026-02-01
household=household children_under_18=2 grant_requested=yes tokyo23_years=6
tokyo23_last_year=yes job_listed=yes job_open_ended=yes job_hours=40
job_started_on=2026-03-01"

# add_uij FIELD=VALUE…: add UIJ_CASE with these fields replaced (a field
# may be given once only); FIELD= leaves the field out.
add_uij() {
	args=
	for pair in $UIJ_CASE; do
		case " $* " in
		*" ${pair%%=*}="*) ;;
		*) args="$args $pair" ;;
		esac
	done
	for pair in "$@"; do
		[ -n "${pair#*=}" ] && args="$args $pair"
	done
	# shellcheck disable=SC2086 # values hold no spaces
	intake --lang en add uij_turn $args
}

# answer RECEIPT FIELD: the stored answer, from `show --format json`.
answer() {
	intake show "$1" --format json >"$SCRATCH/show" ||
		fail "show $1 failed"
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))["answers"]
print(a.get(sys.argv[2], "<none>"))' "$SCRATCH/show" "$2"
}

# refused FIELD GIVEN RULE FIELD=VALUE…: add is refused with exactly one
# rule problem, naming the field, the value and the rule; nothing stored.
refused() {
	field=$1 given=$2 rule=$3
	shift 3
	run 65 add_uij "$@"
	err_has "intake: debug: uij_turn: $field: given '$given': rule $rule: "
	same 1 "$(grep -c ': rule ' "$SCRATCH/err")" "rule problems for $rule"
	same 0 "$(sql 'select count(*) from applications')" "applications"
}

run 0 intake init

refused tokyo23_years 4 grant_tokyo23_years tokyo23_years=4
refused tokyo23_last_year 0 grant_tokyo23_last_year tokyo23_last_year=no
# too early: moved in 2026-02-01, so from 2026-05-01
refused received_on 2026-04-30 grant_application_period \
	received_on=2026-04-30 job_started_on=2026-01-15
err_has "2026-05-01 to 2027-02-01"
# too late: until 2027-02-01
refused received_on 2027-02-02 grant_application_period \
	received_on=2027-02-02
refused job_listed 0 grant_job_listed job_listed=no
refused job_open_ended 0 grant_job_open_ended job_open_ended=no
refused job_hours 19 grant_job_hours job_hours=19
err_has "at least 20 hours a week"
# started 2026-03-16: three months on 2026-06-16, after reception
refused job_started_on 2026-03-16 grant_job_tenure job_started_on=2026-03-16
# moved in after reception: an error with or without a grant
refused moved_in_on 2026-06-16 moved_in_after_received \
	moved_in_on=2026-06-16 grant_requested=no

# Every failing rule reported at once, each on its own line.
run 65 add_uij tokyo23_years=0 tokyo23_last_year=no job_listed=no \
	job_open_ended=no job_hours=10 job_started_on=2027-05-01 \
	received_on=2027-06-15
for rule in grant_tokyo23_years grant_tokyo23_last_year \
	grant_application_period grant_job_listed grant_job_open_ended \
	grant_job_hours grant_job_tenure; do
	err_has "rule $rule: "
done
same 7 "$(grep -c ': rule ' "$SCRATCH/err")" "rule problems"
same 0 "$(sql 'select count(*) from applications')" "applications"

# In Japanese (the default), the Japanese message.
run 65 intake add uij_turn name=青森太郎 name_kana=アオモリタロウ \
	birth_date=1990-04-01 postal_code=0308570 address=青森市 \
	phone=0177221111 moved_from=13 received_on=2026-06-15 \
	moved_in_on=2026-02-01 household=single children_under_18=0 \
	grant_requested=yes tokyo23_years=4 tokyo23_last_year=yes \
	job_listed=yes job_open_ended=yes job_hours=40 \
	job_started_on=2026-03-01
err_has "rule grant_tokyo23_years"
err_has "東京23区"
same 0 "$(sql 'select count(*) from applications')" "applications"

# Household with two children: 1,000,000 + 2 x 1,000,000.
run 0 add_uij
household=$(head -n 1 "$SCRATCH/out")
case $household in UIJ-*) ;; *) fail "receipt '$household'" ;; esac
same 3000000 "$(answer "$household" grant_amount)" "household grant"
same 2026-06-15 "$(answer "$household" received_on)" "received_on"
same household "$(answer "$household" household)" "household"
same 13 "$(answer "$household" moved_from)" "moved_from"

# Single, no children, on the first day of the window with a job held
# exactly three months and exactly 20 hours a week: 600,000.
run 0 add_uij household=single children_under_18=0 received_on=2026-05-01 \
	job_started_on=2026-02-01 job_hours=20 tokyo23_years=5
single=$(head -n 1 "$SCRATCH/out")
same 600000 "$(answer "$single" grant_amount)" "single grant"

# Last day of the window.
run 0 add_uij received_on=2027-02-01 household=single children_under_18=1
same 1600000 "$(answer "$(head -n 1 "$SCRATCH/out")" grant_amount)" \
	"single with a child"

# No grant requested: 0, and the grant questions are not needed.
run 0 intake --lang en add uij_turn name=弘前花子 name_kana=ヒロサキハナコ \
	birth_date=1985-12-24 postal_code=036-8588 address=弘前市上白銀町1-1 \
	phone=0172-35-1111 email=hanako@example.jp moved_from=11 \
	received_on=2026-06-15 moved_in_on=2026-06-15 household=household \
	children_under_18=3 grant_requested=no
none=$(head -n 1 "$SCRATCH/out")
same 0 "$(answer "$none" grant_amount)" "grant not requested"
same '<none>' "$(answer "$none" tokyo23_years)" "tokyo23_years unasked"
same 4 "$(sql 'select count(*) from applications')" "applications"

# grant_amount is derived: it cannot be entered.
run 65 add_uij grant_amount=5000000
err_has "grant_amount"
same 4 "$(sql 'select count(*) from applications')" "applications"

run 0 intake --lang en plugin check "$INTAKE_BUILD/plugins/uij_turn.so"
out_has uij_turn
out_has 1.0.0
out_has UIJ
out_has grant_repaid
out_has "outcome needs: 3"
out_has "grant_paid needs grant_decided on or before its date  rule needs_grant_decided"

run 0 intake --lang en form uij_turn
for field in name name_kana birth_date postal_code address phone email \
	moved_from moved_in_on household children_under_18 grant_requested \
	tokyo23_years tokyo23_last_year job_listed job_open_ended job_hours \
	job_started_on grant_amount; do
	out_has "$field"
done
run 0 intake form uij_turn
out_has 東京23区での在住・通勤年数

# A form without a field the plugin declares: the core refuses to load it.
mkdir -p broken/plugins broken/forms
chmod 755 broken broken/plugins broken/forms
cp "$INTAKE_BUILD/plugins/uij_turn.so" broken/plugins/
sed '/^\[field.job_hours\]/,/^$/d' "$INTAKE_SOURCE/forms/uij_turn.ini" \
	>broken/forms/uij_turn.ini
printf '[intake]\nplugin_dir = plugins\nform_dir = forms\n' \
	>broken/intake.ini
run 78 intake -c broken/intake.ini --lang en plugin check \
	broken/plugins/uij_turn.so
err_has "job_hours"
err_has "has no field 'job_hours': plugin uij_turn reads it as integer"
