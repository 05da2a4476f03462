# intake export as CSV for Excel and as JSON: leading zeros kept as
# ="…" (digits only, never a user's text as a formula), the status and
# outcome columns, --labels.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes ja
export INTAKE_TODAY=2026-09-30
run 0 intake init

# column NAME: the value of column NAME (by the header) in row 2 of out,
# CSV as Excel reads it (quotes undone, the CR of CRLF dropped).
column() {
	/usr/bin/python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
print(rows[1][rows[0].index(sys.argv[2])])' "$SCRATCH/out" "$1" ||
		fail "no column $1"
}

run 0 intake add uij_turn name='=1+2' name_kana=アオモリタロウ \
	birth_date=1990-04-01 postal_code=030-0801 address='@SUM(A1)' \
	phone=017-722-1111 moved_from=01 moved_in_on=2026-04-01 \
	tokyo23_years=6 tokyo23_last_year=yes household=household \
	children_under_18=1 job_listed=yes job_open_ended=yes job_hours=40 \
	job_started_on=2026-04-01 grant_requested=yes received_on=2026-08-01
a=UIJ-2026-000001
run 0 intake outcome $a employed --date 2026-08-10
run 0 intake outcome $a grant_applied --date 2026-08-11
run 0 intake outcome $a grant_decided --date 2026-08-12 --amount 1000000
run 0 intake add jigyo_shokei name=山田太郎 name_kana=ヤマダタロウ \
	birth_date=1975-04-01 postal_code=030-8570 \
	address=青森県青森市長島一丁目1-1 phone=017-722-1111 \
	sole_proprietor=no corporate_number=7000012050002 \
	company_name=山田製作所 company_kana=ヤマダセイサクショ industry=E \
	employees=12 owner_birth_date=1960-06-15 successor_status=candidate \
	succession_type=family stage=pre received_on=2026-08-05

# --excel: the digits of postal codes, phones and prefecture codes as
# ="…", which Excel shows as text with the zero.
run 0 intake export uij_turn --excel
out_has ',"=""0300801""",'
out_has ',"=""0177221111""",'
out_has ',"=""01""",'
same '="0300801"' "$(column postal_code)" "postal code cell"
# Anything else that starts like a formula is defused, never ="…".
same "'=1+2" "$(column name)" "name cell"
same "'@SUM(A1)" "$(column address)" "address cell"
same 3 "$(grep -o '"=' out | wc -l | tr -d ' ')" \
	"formulas: only the three digit fields"
# Numbers, dates, status and outcome columns.
same 2000000 "$(column grant_amount)" "yen"
same 2026-08-01 "$(column received_on)" "received_on"
same grant_decided "$(column status)" "status"
same grant_decided "$(column latest_outcome)" "latest outcome"
same 2026-08-12 "$(column latest_outcome_on)" "its date"
same 2026-08-10 "$(column outcome.employed)" "employed"
same "" "$(column outcome.consulted)" "never consulted"
same 1000000 "$(column outcome.grant_decided.amount)" "amount decided"
same "" "$(column outcome.grant_paid.amount)" "nothing paid"

# Without --excel the digits are plain: CSV readers keep them as text.
run 0 intake export uij_turn
out_has ",0300801,"
out_lacks '="'

# A 13-digit 法人番号 stays 13 digits, never 7.00001E+12.
run 0 intake export jigyo_shokei --excel
same '="7000012050002"' "$(column corporate_number)" "corporate number"
out_has ',"=""7000012050002""",'

# --labels: labels for values and headings, in the staff's language.
run 0 intake export uij_turn --labels
same 世帯 "$(column 世帯区分)" "household label"
same はい "$(column 移住支援金の申請)" "bool label"
same 北海道 "$(column 転出元の都道府県)" "prefecture name"
same 支給決定 "$(column 状況)" "status label"
same 2026-08-10 "$(column 県内就職の日付)" "outcome heading"
run 0 intake export jigyo_shokei --labels
same 受付 "$(column 状況)" "status of a case with no outcome"
same "" "$(column 最新の結果)" "no latest outcome"
same 製造業 "$(column "業種 (日本標準産業分類の大分類)")" "choice label"
same いいえ "$(column 個人事業主ですか)" "bool label"
run 0 intake --lang en export uij_turn --labels
same household "$(column Household)" "household label (en)"
same "grant decided" "$(column Status)" "status label (en)"

# JSON: ids as keys, the outcome columns too, amounts as numbers.
run 0 intake export uij_turn --format json
out_has '"postal_code": "0300801"'
out_has '"status": "grant_decided"'
out_has '"latest_outcome_on": "2026-08-12"'
out_has '"outcome.employed": "2026-08-10"'
out_has '"outcome.grant_decided.amount": 1000000'
out_lacks '"outcome.consulted"'
run 0 intake export uij_turn --format json --labels
out_has '"household": "世帯"'
out_has '"status": "支給決定"'

# --encoding cp932: the same cells for an older Excel, leading zeros kept;
# a character CP932 lacks stops the export (65) naming it.
run 0 intake export jigyo_shokei --excel --encoding cp932
/usr/bin/python3 -c 'import sys
text = open(sys.argv[1], "rb").read()
assert not text.startswith(b"\xef\xbb\xbf"), "a BOM in CP932"
assert "山田製作所".encode("cp932") in text, "the company name in CP932"
assert b"\"=\"\"7000012050002\"\"\"" in text, "the corporate number"
assert b"\r\n" in text, "CRLF"' "$SCRATCH/out" || fail "export in CP932"
run 64 intake export jigyo_shokei --encoding cp932 --format json
run 64 intake export jigyo_shokei --encoding latin1
run 64 intake export jigyo_shokei --encoding cp932 --xlsx x.xlsx
[ ! -e x.xlsx ] || fail "a workbook written after a refusal"
run 0 intake amend $a name=𠮷田太郎 --reason 'the name as written'
run 65 intake export uij_turn --encoding cp932
err_has "U+20BB7"
