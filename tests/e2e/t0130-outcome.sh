# intake outcome: plugin rules, count-once, dates, counts kept in step.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
make_plugin_dir every_callback
run 0 intake init
run 0 intake add every_callback name=A birth_date=1990-01-01 kind=person \
	amount=1 topics=work consent=yes received_on=2026-04-01
r=$(head -1 out)

# The programme refuses finished before started, with its reason.
run 65 intake outcome "$r" finished --date 2026-05-01
err_has "finished_after_started"
same 0 "$(sql 'select count(*) from outcomes')" "nothing recorded"

run 0 intake outcome "$r" started --date 2026-05-01
out_has "$r: recorded started on 2026-05-01"
run 0 intake outcome "$r" finished --date 2026-06-01 --note "修了証 確認"

# Count-once outcomes cannot be recorded twice; every-time ones can.
run 65 intake outcome "$r" started --date 2026-07-01
err_has "started"
run 0 intake outcome "$r" contacted --date 2026-05-02
run 0 intake outcome "$r" contacted --date 2026-05-03
same 4 "$(sql 'select count(*) from outcomes')" "outcomes"
same 2 "$(sql "select count from outcome_counts where code='contacted' and month='2026-05'")" "contacted count"
same finished "$(sql "select status from applications")" "status: the latest outcome by date"

run 0 intake show "$r" --format json
out_has '"code": "finished", "date": "2026-06-01", "note": "修了証 確認"'

# Errors: unknown code, bad date, before reception, unknown receipt.
run 64 intake outcome "$r" employed
err_has "contacted, started, finished"
run 65 intake outcome "$r" contacted --date 2026-02-30
err_has "2026-02-30"
run 65 intake outcome "$r" contacted --date 2026-03-31
err_has "2026-04-01"
run 66 intake outcome TST-2026-000099 contacted
run 64 intake outcome
same 4 "$(sql 'select count(*) from outcomes')" "nothing more recorded"

# The audit log keeps every change and refuses to be rewritten.
same 5 "$(sql "select count(*) from audit")" "audit rows"
sql "delete from audit" 2>/dev/null && fail "audit row deleted"
sql "update audit set staff='x'" 2>/dev/null && fail "audit row changed"
same 5 "$(sql "select count(*) from audit")" "audit rows kept"

# Options are checked, in intake's words.
run 64 intake outcome "$r" contacted --colour blue
err_has "--colour"
