# intake amend RECEIPT at the counter: choose an answer by its number,
# type it again (Enter keeps it), then the reason; the whole case is
# checked again and the correction audited.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
use_programmes
run 0 intake init
run 0 intake add kigyo_shien name='起業 太郎' name_kana=キギョウタロウ \
	birth_date=1985-06-01 postal_code=0300801 address=青森市 \
	phone=0177341111 stage=preparing opening_on=2026-12-01 \
	legal_form=sole business_field=飲食 eligible_expenses=3000000 \
	relocated=yes received_on=2026-06-01
r=$(head -1 out)

pty_start "$INTAKE_BIN" -d "$DB" --lang en amend "$r"
pty_wait "number of the answer to correct"
pty_wait "Address: 青森市"
pty_type x
pty_wait "choose a [number] from the list"
# [5] is the address: its answer is shown, a wrong one re-asked
pty_type 5
pty_wait "current answer: 青森市"
pty_type '青森市新町1-1'
pty_wait "Address: 青森市新町1-1"
# the phone: Enter keeps it
pty_type 6
pty_wait "current answer: 0177341111"
pty_type ''
pty_type ''
pty_wait "reason for the correction"
pty_type ''
pty_wait "needs a reason"
pty_type '住所の番地が抜けていた'
pty_wait "$r corrected (1 changed)"
pty_exited 0
same "青森市新町1-1" "$(sql "select value from answers where field = 'address'")" "address corrected"
same "0177341111" "$(sql "select value from answers where field = 'phone'")" "phone kept"
same "住所の番地が抜けていた" "$(sql "select \"after\" from audit where action = 'amend'" | json_get reason)" "reason audited"
