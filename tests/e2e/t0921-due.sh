# intake due: the follow-ups a programme declares (ABI 1.3; shogai_shuro:
# 定着 retained_6m falls due [rules] retention_months after the first
# 就職) that are due or overdue at a fixed INTAKE_TODAY, oldest first,
# or due within --within days; not when recorded (a voided one does not
# count), not for withdrawn cases, not after a voided 就職; --office and
# --programme narrow it.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2020-12-31
use_programmes
cp intake.ini base.ini
run 0 intake init

# office NAME: the office stored with the next applications.
office() {
	cp base.ini intake.ini
	printf 'office = %s\n' "$1" >>intake.ini
}
# add NAME EMPLOYED_ON: an in-service case employed on that date.
add() {
	run 0 intake add shogai_shuro name="$1" name_kana=サトウハナコ \
		birth_date=2000-10-10 postal_code=0300801 address=青森市 \
		phone=09012345678 disability_kinds=mental handbooks=mental \
		mental_grade=2 course=employed weekly_hours=30 \
		received_on=2020-04-01
	r=$(head -1 out)
	run 0 intake outcome "$r" employed --date "$2"
	echo "$r"
}
office 本庁
a=$(add 甲 2020-04-10)  # due 2020-10-10: overdue
h=$(add 辛 2020-05-10)  # due 2020-11-10, recorded then voided: overdue
c=$(add 丙 2020-07-15)  # due 2021-01-15: in 15 days
d=$(add 丁 2020-08-31)  # due 2021-02-28 (no 31st): in 59 days
e=$(add 戊 2020-04-01)  # retained recorded: never listed
f=$(add 己 2020-05-01)  # withdrawn: never listed
g=$(add 庚 2020-05-02)  # employed voided: never listed
office 八戸
b=$(add 乙 2020-06-30)  # due 2020-12-30: overdue by a day

run 0 intake outcome "$e" retained_6m --date 2020-10-01
run 0 intake withdraw "$f" --reason "本人から取下げの申出"
id=$(sql "select o.id from outcomes o join applications a on a.id = o.application_id where a.receipt = '$g'")
run 0 intake outcome "$g" --void "$id" --reason "別人の記録"
run 0 intake outcome "$h" retained_6m --date 2020-11-10
id=$(sql "select o.id from outcomes o join applications a on a.id = o.application_id where a.receipt = '$h' and o.code = 'retained_6m'")
run 0 intake outcome "$h" --void "$id" --reason "確認の誤り"

# receipts: the receipts listed, in order, on one line.
receipts() {
	sed 1d "$SCRATCH/out" | cut -d, -f2 | tr '\n' ' '
}
run 0 intake due --format csv
same "due_on,receipt,name,programme,due,label,after,after_on,office,days_overdue" "$(head -1 out)" "columns"
same "$a $h $b " "$(receipts)" "due or overdue, oldest first"
out_has "2020-10-10,$a,甲,shogai_shuro,retained_6m,still employed after 6 months,employed,2020-04-10,本庁,82"
out_has "2020-12-30,$b,乙,shogai_shuro,retained_6m,still employed after 6 months,employed,2020-06-30,八戸,1"

# --encoding cp932: the same list for an older Excel (CSV; not JSON)
run 0 intake due --encoding cp932
/usr/bin/python3 -c 'import sys
text = open(sys.argv[1], "rb").read().decode("cp932")
assert "甲" in text and "八戸" in text, text' "$SCRATCH/out" ||
	fail "due in CP932"
run 64 intake due --encoding cp932 --format json
run 0 intake due --within 30d --format csv
same "$a $h $b $c " "$(receipts)" "within 30 days"
out_has "2021-01-15,$c,丙,shogai_shuro,retained_6m,still employed after 6 months,employed,2020-07-15,本庁,-15"
run 0 intake due --within 58 --format csv
same "$a $h $b $c " "$(receipts)" "within 58 days"
run 0 intake due --within ５９ｄ --format csv
same "$a $h $b $c $d " "$(receipts)" "within 59 days"
out_has "2021-02-28,$d,丁,"

run 0 intake due --office 八戸 --format csv
same "$b " "$(receipts)" "one office"
run 0 intake due --office 弘前 --format csv
same "" "$(receipts)" "no case at that office"
run 0 intake due --programme 障がい --format csv
same "$a $h $b " "$(receipts)" "by programme name"
run 0 intake due --programme uij_turn --format csv
same "" "$(receipts)" "another programme"

# Recording what is due takes the case off the list.
run 0 intake outcome "$a" retained_6m --date 2020-12-31
run 0 intake due --format csv
same "$h $b " "$(receipts)" "recorded"
# Reopened, a withdrawn case is listed again.
run 0 intake reopen "$f" --reason "再開"
run 0 intake due --format csv
same "$f $h $b " "$(receipts)" "reopened"

# Japanese labels; JSON.
run 0 intake --lang ja due --format csv
out_has "2020-12-30,$b,乙,shogai_shuro,retained_6m,定着,就職,2020-06-30,八戸,1"
run 0 intake due --format json
python3 -c 'import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["days_overdue"] for r in rows] == [60, 51, 1], rows
assert rows[0]["due_on"] == "2020-11-01", rows' "$SCRATCH/out" ||
	fail "json: $(cat "$SCRATCH/out")"
run 0 intake due --format table
out_has "due_on"

# Refused options.
run 64 intake due --within x
err_has "--within 'x' is not a number of days"
run 64 intake due --within -1
run 64 intake due --within 36601
run 64 intake due extra
run 64 intake due --programme nosuch
err_has "no programme 'nosuch'"

# intake form says what falls due, and when.
run 0 "$INTAKE_BIN" -d "$DB" --lang en form shogai_shuro --format csv
grep -q '^retained_6m,.*,6 months after employed$' out || fail "form lacks the follow-up"

# The months come from the form's [rules] retention_months: 3 months.
mkdir forms
cp "$INTAKE_SOURCE"/forms/*.ini forms/
chmod 755 forms
sed -i 's/^retention_months = 6$/retention_months = 3/' forms/shogai_shuro.ini
grep -q '^retention_months = 3$' forms/shogai_shuro.ini || fail "no retention_months in the form"
sed -i "s#^form_dir = .*#form_dir = $SCRATCH/forms#" intake.ini
run 0 intake due --format csv
same "$f $h $b $c $d " "$(receipts)" "3 months"
out_has "2020-10-15,$c,丙,"
run 0 intake plugin check "$INTAKE_BUILD/plugins/shogai_shuro.so"
out_has "retained_6m falls due 3 months after employed  months from [rules] retention_months"
# A value that is no number of months refuses the plugin.
sed -i 's/^retention_months = 3$/retention_months = 0/' forms/shogai_shuro.ini
run 78 intake plugin check "$INTAKE_BUILD/plugins/shogai_shuro.so"
err_has "[rules] retention_months = 0 cannot be the months before 'retained_6m' falls due: expected 1 to 1200"
run 78 intake due
exit 0
