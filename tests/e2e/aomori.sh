# Sourced by the tests that need Aomori's 委託訓練 cases (t3420, and the
# report tests through kpi_data.sh), after lib.sh: sgs and cohort.
# DOMAIN.md, Aomori 委託訓練 FY2020 (応募 / 入校 / 就職, 在職者: 雇用継続):
#   知識技能習得 40/32/6, 実践能力習得 5/5/2, 特別支援学校早期 1/1/0,
#   在職者 16/14/14.

# sgs COURSE RECEIVED_ON HOURS: add a case and set r to its receipt.
sgs() {
	run 0 intake add shogai_shuro name=受講者 name_kana=ジュコウシャ \
		birth_date=1995-01-01 postal_code=0300801 address=青森市 \
		phone=0177221111 disability_kinds=intellectual \
		handbooks=ryoiku ryoiku_grade=b2 course="$1" weekly_hours="$3" \
		received_on="$2"
	r=$(head -1 out)
}

# cohort COURSE APPLIED ENROLLED EMPLOYED: that many cases of the course;
# the first ENROLLED enrol, the first EMPLOYED of those are employed
# (in-service trainees: employment continued).
cohort() {
	i=1
	while [ "$i" -le "$2" ]; do
		hours=0
		[ "$1" = employed ] && hours=30 # in-service: has a job
		sgs "$1" 2020-04-01 $hours
		day=$(printf '%02d' $((i % 28 + 1)))
		run 0 intake outcome "$r" applied --date "2020-04-$day"
		if [ "$i" -le "$3" ]; then
			run 0 intake outcome "$r" enrolled --date 2020-06-01
		fi
		if [ "$i" -le "$4" ] && [ "$1" = employed ]; then
			run 0 intake outcome "$r" employment_continued \
				--date 2021-03-31
		elif [ "$i" -le "$4" ]; then
			run 0 intake outcome "$r" employed --date 2021-01-15
		fi
		i=$((i + 1))
	done
}
