# Sourced by the report tests (t014x) after lib.sh: a database of the
# real programmes holding Aomori's FY2020 委託訓練 table (as t3420) and
# a smaller FY2019, with offices and [targets].
#
# FY2020 (shogai_shuro): 62 received 2020-04-01; 応募 62 (April), 入校 52
# (June), 就職 8 (2021-01), 雇用継続 14 (2021-03).  Offices: knowledge
# courses at 本庁, the others at 弘前.  FY2019: 4 received 2019-05-10 and
# applied 2019-05-20 (2 enrolled 2019-06-01), one received 2020-03-01
# and applied 2020-03-31 (no office): 応募 5, 入校 2, received 5.
# One FY2021 case (2021-04-01) counts in neither.
use_programmes en
export INTAKE_TODAY=2021-04-30
cat >>intake.ini <<INI
[targets]
shogai_shuro.applied.2019 = 3
shogai_shuro.applied.2020 = 60
shogai_shuro.enrolled.2020 = 65
shogai_shuro.employment_continued.2020 = 21
INI
run 0 intake init

# kpi_office NAME: the office later cases are taken at ("": none).
kpi_office() {
	grep -v '^office = ' intake.ini >intake.ini.new
	mv intake.ini.new intake.ini
	[ -n "$1" ] &&
		sed -i "s/^\[intake\]\$/[intake]\noffice = $1/" intake.ini
	return 0
}

. "$INTAKE_SOURCE/tests/e2e/aomori.sh"
kpi_office 本庁
cohort knowledge 40 32 6
kpi_office 弘前
cohort practical 5 5 2
cohort special_school 1 1 0
cohort employed 16 14 14

i=1
while [ "$i" -le 4 ]; do
	sgs practical 2019-05-10 0
	run 0 intake outcome "$r" applied --date 2019-05-20
	[ "$i" -le 2 ] && run 0 intake outcome "$r" enrolled --date 2019-06-01
	i=$((i + 1))
done
kpi_office ""
sgs knowledge 2020-03-01 0
run 0 intake outcome "$r" applied --date 2020-03-31
sgs knowledge 2021-04-01 0
run 0 intake outcome "$r" applied --date 2021-04-01
same 68 "$(sql 'select count(*) from applications')" "applications"
