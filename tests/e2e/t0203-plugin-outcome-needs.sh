#!/bin/sh
# The outcome needs a plugin declares (ABI 1.2): one naming an outcome the
# plugin does not declare refuses the plugin (exit 78) in both languages;
# the core applies the others before check_outcome, refusing an outcome
# (exit 65) until what it needs is recorded on or before its date; a
# plugin built for ABI 1.1 declares none, keeps its own rules and loads.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form

make_plugin_dir every_callback abi_v1_1 need_unknown

# A need naming an outcome the plugin does not declare.
run 78 intake plugin check plugins/need_unknown.so
err_has "intake: plugins/need_unknown.so: outcome_needs[0]: needs 'begun' is not a declared outcome (declared: started, finished)"
run 78 intake --lang ja plugin check plugins/need_unknown.so
err_has "intake: plugins/need_unknown.so: outcome_needs[0]: needs 'begun' は宣言された結果ではありません (宣言されているのは started, finished)"
run 78 intake programs
err_has "plugins/need_unknown.so: outcome_needs[0]: needs 'begun'"
out_lacks every_callback
rm plugins/need_unknown.so

# The others load; plugin check prints the needs.
run 0 intake programs
out_has every_callback
out_has abi_v1_1
run 0 intake plugin check plugins/every_callback.so
out_has "outcome needs: 1"
out_has "  finished needs started on or before its date  rule finished_after_started"

# A 1.1 plugin: its needs past its size are never read.
run 0 intake plugin check plugins/abi_v1_1.so
out_has "ABI: 1.1 (this intake: 1.3)"
out_has "fields read: name"
out_has "outcome needs: 0"
out_lacks "not_an_outcome"

# every_callback: finished needs started, on or before its date.
run 0 intake init
run 0 intake add every_callback name=A birth_date=1990-01-01 kind=person \
	amount=1 topics=work consent=yes received_on=2026-04-01
r=$(head -1 out)
run 65 intake outcome "$r" finished --date 2026-05-01
err_has "rule finished_after_started: record started (on or before this date) before finished"
run 65 intake --lang ja outcome "$r" finished --date 2026-05-01
err_has "rule finished_after_started: 完了の前に開始を記録してください"
run 0 intake outcome "$r" started --date 2026-05-10
run 65 intake outcome "$r" finished --date 2026-05-09
err_has "rule finished_after_started"
same 1 "$(sql 'select count(*) from outcomes')" "refusals record nothing"
run 0 intake outcome "$r" finished --date 2026-05-10
# Its check_outcome runs once the needs hold: no contact after the finish.
run 0 intake outcome "$r" contacted --date 2026-05-10
run 65 intake outcome "$r" contacted --date 2026-05-11
err_has "rule contacted_after_finished"
same 3 "$(sql 'select count(*) from outcomes')" "outcomes"

# The 1.1 plugin's own order rule, in its check_outcome.
run 0 intake add abi_v1_1 name=B received_on=2026-04-01
o=$(head -1 out)
run 65 intake outcome "$o" done --date 2026-05-01
err_has "rule done_needs_applied"
run 0 intake outcome "$o" applied --date 2026-05-01
run 0 intake outcome "$o" done --date 2026-05-01
