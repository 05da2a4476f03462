# shogai_shuro outcomes: each order rule refused, then allowed once it holds.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
# The real plugins and forms, with English messages.
use_programmes en
export INTAKE_TODAY=2021-06-30
run 0 intake init

# sgs COURSE [HOURS]: add a case received 2020-04-01; prints its receipt.
sgs() {
	run 0 intake add shogai_shuro name=佐藤花子 name_kana=サトウハナコ \
		birth_date=2000-10-10 postal_code=0300801 address=青森市 \
		phone=09012345678 disability_kinds=mental handbooks=mental \
		mental_grade=2 course="$1" weekly_hours="${2:-0}" \
		received_on=2020-04-01
	head -1 out
}
count() { # count RECEIPT: outcomes recorded for the application
	sql "select count(*) from outcomes o join applications a
		on a.id = o.application_id where a.receipt = '$1'"
}

# ---- a trainee: applied, enrolled, completed, employed, retained

a=$(sgs knowledge)
run 65 intake outcome "$a" enrolled --date 2020-05-01
err_has "rule enrolled_needs_applied"
run 65 intake outcome "$a" completed --date 2020-05-01
err_has "rule completed_needs_enrolled"
run 65 intake outcome "$a" employed --date 2020-05-01
err_has "rule employed_needs_enrolled"
run 65 intake outcome "$a" retained_6m --date 2020-05-01
err_has "rule retained_needs_employed"
same 0 "$(count "$a")" "nothing recorded"

run 0 intake outcome "$a" applied --date 2020-04-10
run 65 intake outcome "$a" enrolled --date 2020-04-09
err_has "rule enrolled_needs_applied"
run 0 intake outcome "$a" enrolled --date 2020-05-01
run 65 intake outcome "$a" completed --date 2020-04-30
err_has "rule completed_needs_enrolled"
run 0 intake outcome "$a" completed --date 2020-09-30
run 0 intake outcome "$a" employed --date 2020-10-01
# 定着: six months after 就職, not a day earlier.
run 65 intake outcome "$a" retained_6m --date 2021-03-31
err_has "rule retained_after_months"
err_has "2021-04-01"
run 0 intake outcome "$a" retained_6m --date 2021-04-01
# 雇用継続 belongs to the in-service course.
run 65 intake outcome "$a" employment_continued --date 2021-04-02
err_has "course: given 'knowledge': rule continued_needs_employed_course"
# Once each.
run 65 intake outcome "$a" applied --date 2021-04-02
run 65 intake outcome "$a" employed --date 2021-04-02
same 5 "$(count "$a")" "five outcomes"

# Employed on the last day of August: six months later is the end of
# February (the day is clamped to the month).
b=$(sgs practical)
run 0 intake outcome "$b" applied --date 2020-04-01
run 65 intake outcome "$b" employed --date 2020-08-31
err_has "rule employed_needs_enrolled"
run 0 intake outcome "$b" enrolled --date 2020-04-01
run 0 intake outcome "$b" employed --date 2020-08-31
run 65 intake outcome "$b" retained_6m --date 2021-02-27
err_has "2021-02-28"
run 0 intake outcome "$b" retained_6m --date 2021-02-28

# Every training course needs 入校 before 就職; a retention before the
# job started is refused too.
c=$(sgs special_school)
run 0 intake outcome "$c" applied --date 2020-04-01
run 65 intake outcome "$c" employed --date 2020-04-02
err_has "rule employed_needs_enrolled"
run 0 intake outcome "$c" enrolled --date 2020-04-02
run 0 intake outcome "$c" employed --date 2020-12-01
run 65 intake outcome "$c" retained_6m --date 2020-11-30
err_has "rule retained_needs_employed"

# ---- job placement only: employed without a course

d=$(sgs none 25)
run 0 intake outcome "$d" employed --date 2020-06-01
run 65 intake outcome "$d" retained_6m --date 2020-11-30
run 0 intake outcome "$d" retained_6m --date 2020-12-01
run 65 intake outcome "$d" employment_continued --date 2020-12-01
err_has "rule continued_needs_employed_course"

# ---- the in-service course: employment continued

e=$(sgs employed 30)
run 0 intake outcome "$e" applied --date 2020-04-01
run 0 intake outcome "$e" enrolled --date 2020-05-01
run 0 intake outcome "$e" employment_continued --date 2020-11-01
run 65 intake outcome "$e" employment_continued --date 2020-12-01
same 3 "$(count "$e")" "in-service outcomes"

# ---- the retention period is a rule of the form: an edit is obeyed

mkdir plugins forms
chmod 755 plugins forms
cp "$INTAKE_BUILD/plugins/shogai_shuro.so" plugins/
chmod 755 plugins/shogai_shuro.so
sed 's/^retention_months = 6$/retention_months = 3/' \
	"$INTAKE_SOURCE/forms/shogai_shuro.ini" >forms/shogai_shuro.ini
grep -q '^retention_months = 3$' forms/shogai_shuro.ini ||
	fail "the form has no retention_months rule"
cat >edited.ini <<INI
[intake]
database = $DB_INI
plugin_dir = plugins
form_dir = forms
language = en
INI
export INTAKE_CONFIG="$SCRATCH/edited.ini"
f=$(sgs none 40)
run 0 intake outcome "$f" employed --date 2020-06-30
run 65 intake outcome "$f" retained_6m --date 2020-09-29
err_has "3 months"
err_has "2020-09-30"
run 0 intake outcome "$f" retained_6m --date 2020-09-30
