#!/bin/sh
# "N months later" past year 9999 never holds: date_add_months saturates
# to INTAKE_DATE_NEVER (read "never"), so no rule passes by accident.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
use_programmes en
export INTAKE_TODAY=9999-12-31
run 0 intake init

PERSON="name=青森太郎 name_kana=アオモリタロウ birth_date=9990-04-01
postal_code=0308570 address=青森市 phone=0177221111"

# uij_turn: a job started on 9999-12-31 has not been held 3 months on
# 9999-12-31 (3 months later is never), so no grant is stored.
# shellcheck disable=SC2086 # values hold no spaces
run 65 intake add uij_turn $PERSON moved_from=13 received_on=9999-12-31 \
	moved_in_on=9999-09-01 household=household children_under_18=1 \
	grant_requested=yes tokyo23_years=6 tokyo23_last_year=yes \
	job_listed=yes job_open_ended=yes job_hours=40 \
	job_started_on=9999-12-31
err_has "job_started_on: given '9999-12-31': rule grant_job_tenure"
same 0 "$(sql 'select count(*) from applications')" "no grant stored"

# Moved in on 9999-10-01: 3 months later is never, and says so.
# shellcheck disable=SC2086
run 65 intake add uij_turn $PERSON moved_from=13 received_on=9999-12-31 \
	moved_in_on=9999-10-01 household=single children_under_18=0 \
	grant_requested=yes tokyo23_years=6 tokyo23_last_year=yes \
	job_listed=yes job_open_ended=yes job_hours=40 \
	job_started_on=9999-01-01
err_has "rule grant_application_period"
err_has "(never to never)"
# shellcheck disable=SC2086
run 65 intake --lang ja add uij_turn $PERSON moved_from=13 \
	received_on=9999-12-31 moved_in_on=9999-10-01 household=single \
	children_under_18=0 grant_requested=yes tokyo23_years=6 \
	tokyo23_last_year=yes job_listed=yes job_open_ended=yes job_hours=40 \
	job_started_on=9999-01-01
err_has "（なし〜なし）"

# shogai_shuro: retained_6m a day after employed on 9999-07-01.
# shellcheck disable=SC2086
run 0 intake add shogai_shuro $PERSON disability_kinds=mental \
	handbooks=mental mental_grade=2 course=employed weekly_hours=30 \
	received_on=9999-06-01
s=$(head -1 out)
same SGS-9999-000001 "$s" "receipt"
run 0 intake outcome "$s" employed --date 9999-07-01
run 65 intake outcome "$s" retained_6m --date 9999-07-02
err_has "rule retained_after_months"
err_has "from never"
run 65 intake outcome "$s" retained_6m --date 9999-12-31
err_has "rule retained_after_months"

# kigyo_shien: continued_1y a month after founded on 9999-06-01.
# shellcheck disable=SC2086
run 0 intake add kigyo_shien $PERSON stage=idea legal_form=sole \
	business_field=飲食 eligible_expenses=100 relocated=no \
	received_on=9999-05-01
k=$(head -1 out)
run 0 intake outcome "$k" founded --date 9999-06-01
run 65 intake outcome "$k" continued_1y --date 9999-07-01
err_has "rule continued_1y_too_early"
err_has "from never"
same 2 "$(sql 'select count(*) from outcomes')" "only employed and founded"
exit 0
