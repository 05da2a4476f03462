# intake outcome RECEIPT without a code: the outcomes allowed now as a
# menu, then the date (today by default).
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
run 0 intake init
run 0 intake add kigyo_shien name=A name_kana=エー birth_date=1990-01-01 \
	postal_code=0300801 address=青森市 phone=0177341111 stage=idea \
	legal_form=sole business_field=飲食 eligible_expenses=100 relocated=no \
	received_on=2026-11-01
r=$(head -1 out)

pty_start "$INTAKE_BIN" -d "$SCRATCH/intake.db" --lang en outcome "$r"
pty_wait "number of the outcome to record"
# adopted needs applied: not offered yet.
pty_screen | grep -q "\[adopted\]" && fail "adopted offered before applied"
pty_screen | grep -q "\[applied\]" || fail "applied not offered"
pty_type applied
pty_wait "date (Enter for today)"
pty_type ''
pty_exited 0
pty_stop
same "applied|2026-11-22" "$(sql "select code, occurred_on from outcomes")" "recorded today"

# From a script: number, then a date (not after today).
export INTAKE_TODAY=2026-11-25
n=$(printf '' | "$INTAKE_BIN" -d intake.db --lang en outcome "$r" 2>/dev/null |
	grep -F '[adopted]' | sed 's/^ *\([0-9]*\)).*/\1/')
[ -n "$n" ] || fail "adopted not offered after applied"
printf '%s\n2026-11-25\n' "$n" >menu.txt
run 0 intake outcome "$r" <menu.txt
same 1 "$(sql "select count(*) from outcomes where code='adopted' and occurred_on='2026-11-25'")" "adopted by number"
# applied counts once: it is no longer offered.
printf '' | "$INTAKE_BIN" -d intake.db outcome "$r" 2>/dev/null | grep -qF '[applied]' &&
	fail "applied offered twice"
exit 0
