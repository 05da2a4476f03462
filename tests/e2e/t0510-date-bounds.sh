#!/bin/sh
# Date bounds from the forms: birth dates, received_on and outcome dates
# are refused out of range, naming the field, the value and the range.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
use_programmes en
export INTAKE_TODAY=2026-11-22
run 0 intake init

# sgs FIELD=VALUE…: a shogai_shuro case with these fields added.
sgs() {
	intake add shogai_shuro name=佐藤花子 name_kana=サトウハナコ \
		postal_code=0300801 address=青森市 phone=09012345678 \
		disability_kinds=mental handbooks=mental mental_grade=2 \
		course=employed weekly_hours=30 "$@"
}

# ---- birth_date: not in the future, not over 120 years ago

run 65 sgs birth_date=9999-12-31
err_has "intake: debug: shogai_shuro: birth_date: given '9999-12-31': type a date from 1906-11-22 (today - 120 years) to 2026-11-22 (today)"
run 65 sgs birth_date=2026-11-23
err_has "birth_date: given '2026-11-23'"
run 65 sgs birth_date=1906-11-21
err_has "birth_date: given '1906-11-21': type a date from 1906-11-22"
same 0 "$(sql 'select count(*) from applications')" "nothing stored"
run 0 sgs birth_date=平成元年1月8日 received_on=2019-05-01
run 65 intake --lang ja add shogai_shuro birth_date=9999-12-31
err_has "intake: 生年月日「9999-12-31」: 1906-11-22 (今日の120年前)〜2026-11-22 (今日)の日付を入力してください"

# ---- received_on: the first fiscal year (2019) to today

run 65 sgs birth_date=2000-10-10 received_on=9999-12-31
err_has "received_on: given '9999-12-31': type a date from 2019-04-01 (FY2019, the programme's first fiscal year) to 2026-11-22 (today)"
run 65 sgs birth_date=2000-10-10 received_on=1873-01-01
err_has "received_on: given '1873-01-01'"
run 65 sgs birth_date=2000-10-10 received_on=2019-03-31
err_has "2019-04-01 (FY2019"
same 1 "$(sql 'select count(*) from applications')" "one stored"
run 0 sgs birth_date=2000-10-10 received_on=2019-04-01
same SGS-2019-000002 "$(head -1 out)" "the first fiscal year's receipt"
run 0 sgs birth_date=1906-11-22 received_on=2026-11-22
s=$(head -1 out)
same SGS-2026-000001 "$s" "today's receipt"

# ---- outcome dates: received_on to today by default

run 65 intake outcome "$s" employed --date 2026-11-23
err_has "intake: debug: shogai_shuro: employed: given '2026-11-23': type a date from 2026-11-22 (reception date) to 2026-11-22 (today)"
run 65 intake outcome "$s" employed --date 9999-12-31
err_has "given '9999-12-31'"
run 65 intake outcome "$s" employed --date 2026-11-21
err_has "given '2026-11-21'"
same 0 "$(sql 'select count(*) from outcomes')" "no outcome"
run 0 intake outcome "$s" employed --date 2026-11-22
run 0 intake tally --fy 2026 --format csv
out_has "employed"

# ---- uij_turn: employed and moved_in may come before received_on (up to
# two years, the form says), never before the first fiscal year; the
# other outcomes may not.

run 0 intake add uij_turn name=青森太郎 name_kana=アオモリタロウ \
	birth_date=1990-04-01 postal_code=0308570 address=青森市 \
	phone=0177221111 moved_from=13 received_on=2026-06-15 \
	moved_in_on=2026-02-01 household=single children_under_18=0 \
	grant_requested=no
u=$(head -1 out)
run 0 intake outcome "$u" employed --date 2026-01-05
run 0 intake outcome "$u" moved_in --date 2026-02-01
run 65 intake outcome "$u" consulted --date 2026-06-14
err_has "consulted: given '2026-06-14': type a date from 2026-06-15 (reception date)"
run 0 intake add uij_turn name=青森次郎 name_kana=アオモリジロウ \
	birth_date=1990-04-01 postal_code=0308570 address=青森市 \
	phone=0177221111 moved_from=13 received_on=2019-06-01 \
	moved_in_on=2019-05-01 household=single children_under_18=0 \
	grant_requested=no
v=$(head -1 out)
run 65 intake outcome "$v" employed --date 2019-03-31
err_has "employed: given '2019-03-31': type a date from 2019-04-01 (FY2019, the programme's first fiscal year) to 2026-11-22 (today)"
run 65 intake outcome "$v" employed --date 2017-06-01
err_has "given '2017-06-01'"
run 0 intake outcome "$v" employed --date 2019-04-01

# ---- the counter refuses at once (a script stops at the first refusal)

printf '%s\n' '山田 花子' 'やまだ はなこ' 9999-12-31 >answers.txt
run 65 intake new shogai_shuro <answers.txt
err_has "birth_date: given '9999-12-31': type a date from 1906-11-22"
same 0 "$(sql "select count(*) from drafts")" "no draft"
exit 0
