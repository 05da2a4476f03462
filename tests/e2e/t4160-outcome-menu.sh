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

pty_start "$INTAKE_BIN" -d "$DB" --lang en outcome "$r"
pty_wait "number of the outcome to record"
# adopted needs applied: not offered yet.
pty_screen | grep -q "\[adopted\]" && fail "adopted offered before applied"
pty_screen | grep -q "\[applied\]" || fail "applied not offered"
pty_type x
pty_wait "'x' is not in the list; choose a number from 1 to"
pty_type applied
pty_wait "date (Enter for today)"
# A date that is refused is asked again, not the end.
pty_type 2026-12-01
pty_wait "2026-12-01"
pty_wait "date (Enter for today)"
pty_type 2026-10-31
pty_wait "a date from 2026-11-01 (reception date) to 2026-11-22 (today)"
pty_type ''
pty_wait "note (Enter for none)"
pty_type '電話で申請の意向を確認'
pty_wait "recorded"
pty_exited 0
pty_stop
same "applied|2026-11-22|電話で申請の意向を確認" "$(sql "select code, occurred_on, note from outcomes")" "recorded today"

# From a script: number, then a date (not after today).
export INTAKE_TODAY=2026-11-25
n=$(printf '' | "$INTAKE_BIN" -d "$DB" --lang en outcome "$r" 2>/dev/null |
	grep -F '[adopted]' | sed 's/^ *\([0-9]*\)).*/\1/')
[ -n "$n" ] || fail "adopted not offered after applied"
printf '%s\n2026-11-25\n' "$n" >menu.txt
run 0 intake outcome "$r" <menu.txt
same 1 "$(sql "select count(*) from outcomes where code='adopted' and occurred_on='2026-11-25'")" "adopted by number"
# applied counts once: it is no longer offered.
printf '' | "$INTAKE_BIN" -d "$DB" outcome "$r" 2>/dev/null | grep -qF '[applied]' &&
	fail "applied offered twice"
exit 0
