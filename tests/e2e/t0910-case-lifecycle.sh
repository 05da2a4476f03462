# Working a case after it is taken: amend, withdraw and reopen, void an
# outcome, notes, and the history of it all.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
use_programmes
run 0 intake init
kgy() {
	intake add kigyo_shien name='起業 太郎' name_kana=キギョウタロウ \
		birth_date=1985-06-01 postal_code=0300801 address=青森市 \
		phone=0177341111 stage=preparing opening_on=2026-12-01 \
		legal_form=sole business_field=飲食 eligible_expenses=3000000 \
		relocated=yes received_on=2026-06-01 "$@"
}
run 0 kgy
r=$(head -1 out)
json() { python3 -c "import json; print(json.load(open('$SCRATCH/out'))$1)"; }

# ---- amend: the whole case again, derived values afresh, audited
run 64 intake amend "$r" name='起業 次郎'
err_has "needs a reason: --reason TEXT"
run 0 intake amend "$r" name='起業 次郎' eligible_expenses=1000000 \
	--reason "氏名の誤記、申請書で確認"
out_has "$r corrected (3 changed)"
run 0 intake show "$r" --format json
same "起業 次郎" "$(json "['answers']['name']")" "name corrected"
same 500000 "$(json "['answers']['requested_amount']")" "derived again"
run 0 intake find 起業次郎 --format csv
out_has "$r"
run 1 intake find 起業太郎 --format csv
run 0 intake show "$r" --history --format json
same "氏名の誤記、申請書で確認" "$(python3 -c "import json; rows=json.load(open('$SCRATCH/out')); a=[r for r in rows if r['action']=='amend'][0]; print(json.loads(a['after'])['reason'])")" "reason kept"
same "起業 太郎" "$(python3 -c "import json; rows=json.load(open('$SCRATCH/out')); a=[r for r in rows if r['action']=='amend'][0]; print(json.loads(a['before'])['name'])")" "before kept"
run 0 intake amend "$r" name='起業 次郎' --reason "同じ値"
out_has "nothing to change"

# Refused, each with the reason, nothing changed.
answers() {
	sql "select field || '=' || value from answers
		order by application_id, field" | paste -sd, -
}
before=$(answers)
run 65 intake amend "$r" stage=founded_within_1y opening_on=2025-01-01 \
	--reason "段階の訂正"
err_has "Opening date"
run 65 intake amend "$r" colour=blue --reason x
err_has "no such field"
run 65 intake amend "$r" received_on=2026-03-31 --reason "年度またぎ"
err_has "only change within its fiscal year (FY2026)"
run 65 intake amend "$r" name="$(printf 'a\033b')" --reason x
run 66 intake amend KGY-2026-000099 name=x --reason x
same "$before" "$(answers)" "answers unchanged"

# A correction that would break an outcome already recorded.
run 0 intake outcome "$r" consulted --date 2026-06-10
run 65 intake amend "$r" received_on=2026-07-01 --reason "受付日の訂正"
err_has "the outcome already recorded, consultation on 2026-06-10, would no longer hold"
run 0 intake amend "$r" received_on=2026-06-05 --reason "受付日の訂正"
same 2026-06-05 "$(sql "select received_on from applications")" "received_on corrected"

# ---- void: the outcome stays, no longer counts, counts follow
run 0 intake outcome "$r" applied --date 2026-07-01
run 0 intake tally --fy 2026 --format csv
out_has "Startup support,applied for the grant,2026,1,1,"
id=$(sql "select id from outcomes where code = 'applied'")
run 64 intake outcome "$r" --void "$id"
err_has "needs a reason"
run 0 intake outcome "$r" --void "$id" --reason "別の受付番号に記録すべきだった"
out_has "voided outcome $id"
same consulted "$(sql "select status from applications")" "status follows"
run 0 intake tally --verify
run 0 intake verify
run 0 intake show "$r"
out_has "[void]"
out_has "別の受付番号に記録すべきだった"
run 65 intake outcome "$r" --void "$id" --reason again
err_has "has no outcome $id that counts"
run 65 intake outcome "$r" --void 9999 --reason x
# applied counts once, but a voided one does not stop a new record
run 0 intake outcome "$r" applied --date 2026-07-02
run 0 intake tally --verify

# ---- withdraw and reopen
run 0 intake withdraw "$r" --reason "本人から取下げの申出"
out_has "$r is withdrawn"
same withdrawn "$(sql "select status from applications")" "withdrawn"
run 65 intake outcome "$r" consulted --date 2026-08-01
err_has "is withdrawn, so no outcome can be recorded"
run 65 intake withdraw "$r" --reason again
err_has "already withdrawn"
run 0 intake list --status withdrawn --format csv
out_has "$r"
run 0 intake reopen "$r" --reason "再度申請の意向"
same applied "$(sql "select status from applications")" "status from its outcomes"
run 65 intake reopen "$r" --reason again
run 0 intake outcome "$r" consulted --date 2026-08-01

# ---- notes: append-only, shown, audited
run 0 intake note "$r" "電話で進捗を確認。来週来所予定"
run 65 intake note "$r" "$(printf 'x\342\200\256y')"
run 0 intake show "$r"
out_has "電話で進捗を確認。来週来所予定"
run $SQL_REFUSED sql "update case_notes set text = 'x'"
err_has "notes are append-only"

run 0 intake show "$r" --history --format csv
for action in add amend outcome void_outcome withdraw reopen note; do
	grep -q ",$action," out || fail "history lacks $action"
done
run 0 intake verify
