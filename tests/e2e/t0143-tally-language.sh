# intake tally in the staff's language: table and CSV headings from the
# catalogue, programmes by their title and outcomes and --by choices by
# their label, in Japanese or English; JSON keeps the ids (programme,
# outcome, the choice code) and adds programme_label and outcome_label.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2027-03-31
use_programmes ja
run 0 intake init
uij() { # uij HOUSEHOLD: a case asking for the grant
	run 0 intake add uij_turn name=八戸次郎 name_kana=ハチノヘジロウ \
		birth_date=1988-08-08 postal_code=031-8686 \
		address=八戸市内丸1-1-1 phone=0178-43-2111 moved_from=14 \
		received_on=2026-06-15 moved_in_on=2026-02-01 \
		household="$1" children_under_18=0 grant_requested=yes \
		tokyo23_years=10 tokyo23_last_year=yes job_listed=yes \
		job_open_ended=yes job_hours=38 job_started_on=2026-02-02
	head -1 out
}
a=$(uij single)
b=$(uij household)
run 0 intake outcome "$a" grant_applied --date 2026-06-20
run 0 intake outcome "$b" grant_applied --date 2026-06-21
run 0 intake outcome "$a" consulted --date 2026-06-22

# Japanese (the configured language): the table.
run 0 intake tally --fy 2026 --programme uij_turn --format table
same "事業 成果 年度 件数（延べ） 人数（実） 支給額 目標値 達成状況" \
	"$(head -1 out | tr -s ' ')" "Japanese headings"
out_has "UIJターン就職・移住支援"
out_has "支援金申請"
out_lacks "uij_turn"
out_lacks "grant_applied"
# CSV: the same headings and labels.
run 0 intake tally --fy 2026 --programme uij_turn --format csv
same "事業,成果,年度,件数（延べ）,人数（実）,支給額,目標値,達成状況" \
	"$(head -1 out)" "Japanese CSV headings"
out_has "UIJターン就職・移住支援,支援金申請,2026,2,2,,,"
out_has "UIJターン就職・移住支援,相談,2026,1,1,,,"
# --by a choice field: its label as heading, the choices' labels.
run 0 intake tally --fy 2026 --programme uij_turn --by household --format csv
same "事業,成果,年度,世帯区分,件数（延べ）,人数（実）,支給額,目標値,達成状況" \
	"$(head -1 out)" "the field's label as heading"
out_has "UIJターン就職・移住支援,支援金申請,2026,単身,1,1,"
out_has "UIJターン就職・移住支援,支援金申請,2026,世帯,1,1,"

# English (--lang en): the same rows in English.
run 0 intake --lang en tally --fy 2026 --programme uij_turn --format csv
same "Programme,Outcome,Fiscal year,Events,Applications,Amount (yen),Target,Achievement" \
	"$(head -1 out)" "English CSV headings"
out_has "UIJ-turn employment and relocation,grant applied for,2026,2,2,,,"
run 0 intake --lang en tally --month 2026-06 --programme uij_turn --by household --format table
same "Programme Outcome Month Household Events Applications Amount (yen) Fiscal year to date Target Achievement" \
	"$(head -1 out | sed 's/  */ /g')" "English table headings"
out_has "single"

# JSON: ids as keys and values, labels beside, in either language.
run 0 intake tally --fy 2026 --programme uij_turn --by household --format json
python3 -c "import json
rows = json.load(open('$SCRATCH/out'))
r = [r for r in rows if r['outcome'] == 'grant_applied' and r['household'] == 'single'][0]
assert r['programme'] == 'uij_turn', r
assert r['programme_label'] == 'UIJターン就職・移住支援', r
assert r['outcome_label'] == '支援金申請', r
assert r['events'] == 1, r
assert 'label' not in r, r" || fail "JSON ids and Japanese labels"
run 0 intake --lang en tally --fy 2026 --programme uij_turn --format json
python3 -c "import json
rows = json.load(open('$SCRATCH/out'))
r = [r for r in rows if r['outcome'] == 'grant_applied'][0]
assert r['programme'] == 'uij_turn', r
assert r['programme_label'] == 'UIJ-turn employment and relocation', r
assert r['outcome_label'] == 'grant applied for', r" || fail "JSON English labels"
