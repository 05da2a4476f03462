# Amounts on outcomes (ABI 1.3): --amount on the outcomes a programme
# declares (uij_turn grant_decided optional, grant_paid required;
# kigyo_shien grant_decided optional), read as a yen field (万, commas),
# checked by the plugin against the derived amount, shown, in the audit,
# summed by tally beside the counts; a voided outcome's amount no longer
# counts.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
export INTAKE_TODAY=2027-03-31
use_programmes
run 0 intake init

# uij CHILDREN HOUSEHOLD NAME: a case asking for the grant (600,000 yen
# single; 1,000,000 household plus 1,000,000 a child).
uij() {
	run 0 intake add uij_turn name="$3" name_kana=ハチノヘジロウ \
		birth_date=1988-08-08 postal_code=031-8686 \
		address=八戸市内丸1-1-1 phone=0178-43-2111 moved_from=14 \
		received_on=2026-06-15 moved_in_on=2026-02-01 \
		household="$2" children_under_18="$1" grant_requested=yes \
		tokyo23_years=10 tokyo23_last_year=yes job_listed=yes \
		job_open_ended=yes job_hours=38 job_started_on=2026-02-02
	head -1 out
}
a=$(uij 0 single 八戸次郎)
b=$(uij 1 household 三沢三郎)
for r in "$a" "$b"; do
	run 0 intake outcome "$r" grant_applied --date 2026-06-20
done
amounts() { sql "select coalesce(cast(amount as text), 'null') from outcomes where code = '$1' and voided_at is null order by id" | tr '\n' ' '; }

# Optional on grant_decided: with or without; 万 and commas read.
run 0 intake outcome "$a" grant_decided --date 2026-07-01 --amount 60万
out_has "recorded grant decided on 2026-07-01 (600,000 yen)"
run 0 intake outcome "$b" grant_decided --date 2026-07-01
out_has "recorded grant decided on 2026-07-01"
out_lacks "yen"
same "600000 null " "$(amounts grant_decided)" "decided amounts"

# Required on grant_paid; refused above the derived grant_amount, with
# a fraction of a yen, below zero, unreadable: nothing stored.
n=$(sql "select count(*) from outcomes")
run 65 intake outcome "$a" grant_paid --date 2026-08-01
err_has "grant paid: this outcome needs an amount in yen (--amount)"
run 65 intake outcome "$a" grant_paid --date 2026-08-01 --amount 600,001
err_has "rule amount_above_grant"
err_has "the amount of grant_paid, 600001 yen, is above the grant amount"
err_has "Grant amount '600,000 yen'"
run 65 intake outcome "$a" grant_paid --date 2026-08-01 --amount 1.5
err_has "--amount: 1.5: "
err_has "fraction of a yen"
run 65 intake outcome "$a" grant_paid --date 2026-08-01 --amount -5
err_has "--amount: -5: "
run 65 intake outcome "$a" grant_paid --date 2026-08-01 --amount much
err_has "--amount: much: "
# On an outcome that carries none.
run 65 intake outcome "$a" consulted --date 2026-08-01 --amount 1
err_has "consultation '1': this outcome carries no amount (leave out --amount)"
run 65 intake --lang ja outcome "$a" consulted --date 2026-08-01 --amount 1
err_has "この結果には金額を記録しません"
# The order rules come first: paid before decided is that refusal.
run 65 intake outcome "$b" grant_repaid --date 2026-08-01 --amount 1
err_has "rule needs_grant_paid"
# --amount needs a code.
run 64 intake outcome "$a" --amount 1
same "$n" "$(sql "select count(*) from outcomes")" "nothing stored"

run 0 intake outcome "$a" grant_paid --date 2026-08-01 --amount 600,000 \
	--note 振込済
out_has "recorded grant paid on 2026-08-01 (600,000 yen)"
run 0 intake outcome "$b" grant_paid --date 2026-09-01 --amount 200万
same "600000 2000000 " "$(amounts grant_paid)" "paid amounts"
run 0 intake outcome "$a" consulted --date 2026-09-02
same "null " "$(amounts consulted)" "no amount on a consultation"

# Shown, in the table and in JSON; in the audit row.
run 0 intake show "$a" --format csv
out_has "2026-08-01 grant paid 600,000 yen — 振込済"
out_has "2026-07-01 grant decided 600,000 yen"
run 0 intake --lang ja show "$a" --format csv
out_has "2026-08-01 支給 600,000 円 — 振込済"
run 0 intake show "$a" --format json
out_has '"code": "grant_paid", "date": "2026-08-01", "note": "振込済", "amount": 600000'
out_has '"code": "consulted", "date": "2026-09-02", "note": null, "amount": null'
same 600000 "$(sql "select after from audit where action = 'outcome' and application_id = (select id from applications where receipt = '$a')" | json_get code amount | sed -n 's/^grant_paid|//p')" "audit amount"

# row FILTER KEY: one value of the tally's JSON.
row() {
	python3 -c "import json; rows=json.load(open('$SCRATCH/out')); print([r for r in rows if $1][0]$2)"
}
uij_row() { row "r['programme']=='uij_turn' and r['outcome']=='$1'" "['$2']"; }
run 0 intake tally --fy 2026 --format json
same 2600000 "$(uij_row grant_paid amount)" "支給額 summed"
same 2 "$(uij_row grant_paid events)" "paid events"
same 600000 "$(uij_row grant_decided amount)" "decided: the amount given"
same None "$(uij_row consulted amount)" "no amount column for consulted"
same None "$(uij_row grant_repaid amount)" "repaid carries none"
same 0 "$(row "r['programme']=='kigyo_shien' and r['outcome']=='grant_decided'" "['amount']")" "none recorded yet"
run 0 intake tally --month 2026-08 --programme uij_turn --format json
same 600000 "$(uij_row grant_paid amount)" "August"
run 0 intake tally --fy 2026 --by household --format json
same 600000 "$(row "r['outcome']=='grant_paid' and r['household']=='single'" "['amount']")" "single"
same 2000000 "$(row "r['outcome']=='grant_paid' and r['household']=='household'" "['amount']")" "household"
run 0 intake tally --fy 2026 --format csv
out_has "Programme,Outcome,Fiscal year,Events,Applications,Amount (yen),"
out_has "UIJ-turn employment and relocation,grant paid,2026,2,2,2600000,"

# Voided: its amount no longer counts; tally --verify and verify agree.
id=$(sql "select o.id from outcomes o join applications a on a.id = o.application_id where a.receipt = '$b' and o.code = 'grant_paid'")
run 0 intake outcome "$b" --void "$id" --reason "金額の誤り"
run 0 intake tally --fy 2026 --format json
same 600000 "$(uij_row grant_paid amount)" "voided amount left out"
same 1 "$(uij_row grant_paid events)" "voided event left out"
run 0 intake tally --verify
run 0 intake verify
run 0 intake outcome "$b" grant_paid --date 2026-09-01 --amount 1,000,000
run 0 intake tally --fy 2026 --format json
same 1600000 "$(uij_row grant_paid amount)" "recorded again"
run 0 intake tally --verify
run 0 intake verify

# kigyo_shien: the amount decided is not above requested_amount (half
# of 800,000 yen of eligible expenses).
run 0 intake add kigyo_shien name=十和田四郎 name_kana=トワダシロウ \
	birth_date=1992-02-29 postal_code=034-8615 \
	address=十和田市西十二番町6-1 phone=0176-23-5111 \
	received_on=2026-06-15 stage=preparing opening_on=2026-09-01 \
	legal_form=sole business_field=観光案内 eligible_expenses=800000 \
	relocated=no
k=$(head -1 out)
run 0 intake outcome "$k" applied --date 2026-06-16
run 0 intake outcome "$k" adopted --date 2026-07-01
run 65 intake outcome "$k" grant_decided --date 2026-07-10 --amount 400001
err_has "rule amount_above_requested"
err_has "the amount decided, 400001 yen, is above the requested amount"
run 0 intake outcome "$k" grant_decided --date 2026-07-10 --amount 40万
run 0 intake tally --fy 2026 --programme kigyo_shien --format json
same 400000 "$(row "r['outcome']=='grant_decided'" "['amount']")" "kigyo decided"

# At the counter (here a script): the amount is asked after the date,
# again while it is refused.
c=$(uij 0 single 青森一郎)
run 0 intake outcome "$c" grant_applied --date 2026-06-20
run 0 intake outcome "$c" grant_decided --date 2026-07-01
printf 'grant_paid\n2026-10-01\n700000\n60万\n\n' >menu.txt
run 0 intake outcome "$c" <menu.txt
err_has "is above the grant amount"
out_has "recorded grant paid on 2026-10-01 (600,000 yen)"
same "600000 1000000 600000 " "$(amounts grant_paid)" "paid at the counter"
exit 0

# intake form says which outcomes carry an amount.
run 0 "$INTAKE_BIN" -d "$DB" --lang en form uij_turn --format csv
grep -q '^grant_paid,.*,amount (required),$' out || fail "form lacks the required amount"
grep -q '^grant_decided,.*,amount (optional),$' out || fail "form lacks the optional amount"
