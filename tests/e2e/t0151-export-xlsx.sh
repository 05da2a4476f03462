# intake export --xlsx: typed cells read back with openpyxl (leading
# zeros, 法人番号, dates, yen), --labels, status and outcome columns,
# --deidentify, the frozen header; refusals and nothing left behind.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes ja
export INTAKE_TODAY=2026-09-30
run 0 intake init

# cells FILE: every non-empty cell of the first sheet as
# "ROW|HEADER|TYPE|VALUE" lines (dates as ISO) in cells, and the
# workbook's sheet names, frozen pane, autofilter, column formats and
# widths as "sheets|…", "freeze|…", "filter|…", "format|HEADER|…",
# "width|HEADER|…".  Debian's python3 has python3-openpyxl.
cells() {
	/usr/bin/python3 - "$1" >"$SCRATCH/cells" <<'PY' ||
import datetime, sys
import openpyxl
from openpyxl.utils import get_column_letter
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
print("sheets|" + ",".join(wb.sheetnames))
print("freeze|%s" % ws.freeze_panes)
print("filter|%s" % ws.auto_filter.ref)
head = [c.value for c in ws[1]]
for i, h in enumerate(head, 1):
    dim = ws.column_dimensions[get_column_letter(i)]
    print("format|%s|%s" % (h, dim.number_format))
    print("width|%s|%d" % (h, dim.width))
for r, row in enumerate(ws.iter_rows(min_row=2), 2):
    for h, c in zip(head, row):
        v = c.value
        if v is None:
            continue
        kind = type(v).__name__
        if isinstance(v, datetime.datetime):
            v = v.date().isoformat()
        print("%d|%s|%s|%s" % (r, h, kind, v))
PY
		fail "openpyxl cannot read $1"
}
# cell ROW HEADER TYPE VALUE: that cell holds VALUE of that type.
cell() {
	grep -qxF "$1|$2|$3|$4" "$SCRATCH/cells" ||
		fail "cell $1 '$2': expected $3 '$4', got '$(grep -F "$1|$2|" "$SCRATCH/cells")'"
}
# blank ROW HEADER: that cell is empty.
blank() {
	! grep -qF "$1|$2|" "$SCRATCH/cells" ||
		fail "cell $1 '$2' is not blank: $(grep -F "$1|$2|" "$SCRATCH/cells")"
}
has() {
	grep -qxF "$1" "$SCRATCH/cells" || fail "workbook lacks '$1'"
}
lacks() {
	! grep -qF "$1" "$SCRATCH/cells" || fail "workbook has '$1'"
}

# Row 2: a case with every outcome step up to a voided payment.
run 0 intake add uij_turn name='青森 太郎' name_kana=アオモリタロウ \
	birth_date=1990-04-01 postal_code=030-0801 address='青森市新町1-1' \
	phone=017-722-1111 moved_from=13 moved_in_on=2026-04-01 \
	tokyo23_years=6 tokyo23_last_year=yes household=household \
	children_under_18=1 job_listed=yes job_open_ended=yes job_hours=40 \
	job_started_on=2026-04-01 grant_requested=yes received_on=2026-08-01
a=UIJ-2026-000001
run 0 intake outcome $a consulted --date 2026-08-02
run 0 intake outcome $a consulted --date 2026-08-05
run 0 intake outcome $a employed --date 2026-08-10
run 0 intake outcome $a grant_applied --date 2026-08-11
run 0 intake outcome $a grant_decided --date 2026-08-12 --amount 1000000
run 0 intake outcome $a grant_paid --date 2026-08-20 --amount 1000000
paid=$(sql "select id from outcomes where code = 'grant_paid'")
run 0 intake outcome $a --void "$paid" --reason '別の受付に記録'
# Row 3: no outcome, single, no grant, then withdrawn.
run 0 intake add uij_turn name='弘前 花子' name_kana=ヒロサキハナコ \
	birth_date=1995-05-05 postal_code=036-8588 address='弘前市上白銀町1-1' \
	phone=0172-35-1111 moved_from=11 moved_in_on=2026-05-01 \
	household=single children_under_18=0 grant_requested=no \
	received_on=2026-08-03
b=UIJ-2026-000002
run 0 intake withdraw $b --reason '本人の申出'
# Row 4: one consultation (its outcome row comes after those of row 2,
# with nothing for row 3 between them).
run 0 intake add uij_turn name='八戸 次郎' name_kana=ハチノヘジロウ \
	birth_date=1988-08-08 postal_code=031-8686 address='八戸市内丸1-1-1' \
	phone=0178-43-2111 moved_from=01 moved_in_on=2026-06-01 \
	household=single children_under_18=0 grant_requested=no \
	received_on=2026-08-04
run 0 intake outcome UIJ-2026-000003 consulted --date 2026-08-06

run 0 intake export uij_turn --xlsx cases.xlsx
same "" "$(cat out)" "nothing on stdout"
same 600 "$(stat -c %a cases.xlsx)" "mode of the workbook"
cells cases.xlsx
has "sheets|UIJターン就職・移住支援"
has "freeze|A2"
has "filter|A1:AH4"
# Text that must stay text: leading zeros, no number, no exponent.
cell 2 郵便番号 str 0300801
cell 2 電話番号 str 0177221111
cell 4 転出元の都道府県 str 01
has "format|郵便番号|@"
has "format|電話番号|@"
# Real dates, numbers for yen and integers, codes without --labels.
cell 2 受付番号 str $a
cell 2 受付日 datetime 2026-08-01
cell 2 生年月日 datetime 1990-04-01
cell 2 移住支援金の額 int 2000000
cell 2 18歳未満の子の人数 int 1
cell 2 世帯区分 str household
cell 2 移住支援金の申請 int 1
cell 3 移住支援金の申請 int 0
has "format|受付日|yyyy-mm-dd"
has "format|移住支援金の額|#,##0"
# Status, the latest outcome and its date: the voided payment left out.
cell 2 状況 str grant_decided
cell 2 最新の結果 str grant_decided
cell 2 最新の結果の日付 datetime 2026-08-12
cell 3 状況 str withdrawn
blank 3 最新の結果
blank 3 最新の結果の日付
cell 4 状況 str consulted
cell 4 最新の結果の日付 datetime 2026-08-06
cell 4 相談の日付 datetime 2026-08-06
blank 4 県内就職の日付
# One column per outcome, in the plugin's order: the last date it was
# recorded (consulted twice), its amount where the plugin declares one.
same "相談の日付 職業紹介の日付 県内就職の日付 転入の日付 支援金申請の日付 支給決定の日付 支給決定の金額 支給の日付 支給の金額 返還の日付" \
	"$(grep '^width|' "$SCRATCH/cells" | cut -d'|' -f2 | tail -10 | tr '\n' ' ' | sed 's/ $//')" \
	"outcome columns"
cell 2 相談の日付 datetime 2026-08-05
blank 2 職業紹介の日付
cell 2 県内就職の日付 datetime 2026-08-10
cell 2 支援金申請の日付 datetime 2026-08-11
cell 2 支給決定の日付 datetime 2026-08-12
cell 2 支給決定の金額 int 1000000
blank 2 支給の日付
blank 2 支給の金額
blank 3 相談の日付
# Widths that fit: the receipt, the longest address.
[ "$(grep '^width|受付番号|' "$SCRATCH/cells" | cut -d'|' -f3)" -ge 15 ] ||
	fail "receipt column too narrow"
[ "$(grep '^width|住所|' "$SCRATCH/cells" | cut -d'|' -f3)" -ge 17 ] ||
	fail "address column too narrow"

# A date Excel cannot hold (before 1900-03-01) stays ISO text.
INTAKE_TODAY=2019-06-01 run 0 intake add uij_turn name='明治 生' \
	name_kana=メイジウマレ birth_date=1899-12-31 postal_code=036-8588 \
	address=弘前市 phone=0172-35-1111 moved_from=11 moved_in_on=2019-05-01 \
	household=single children_under_18=0 grant_requested=no \
	received_on=2019-05-10
run 0 intake export uij_turn --xlsx cases.xlsx
cells cases.xlsx
cell 5 生年月日 str 1899-12-31
cell 5 受付日 datetime 2019-05-10

# --labels: labels in the staff's language, status and outcomes too.
run 0 intake export uij_turn --xlsx labels.xlsx --labels
cells labels.xlsx
cell 2 世帯区分 str 世帯
cell 3 世帯区分 str 単身
cell 2 移住支援金の申請 str はい
cell 3 移住支援金の申請 str いいえ
cell 2 転出元の都道府県 str 東京都
cell 2 状況 str 支給決定
cell 2 最新の結果 str 支給決定
cell 3 状況 str 取下げ
cell 4 状況 str 相談
cell 2 郵便番号 str 0300801
run 0 intake --lang en export uij_turn --xlsx en.xlsx --labels
cells en.xlsx
cell 2 Household str household
cell 3 Household str single
cell 2 "Status" str "grant decided"
cell 3 "Status" str withdrawn
cell 2 "employed in the prefecture: date" datetime 2026-08-10

# A 13-digit 法人番号 is the exact string, never 7.00001E+12.
run 0 intake add jigyo_shokei name=山田太郎 name_kana=ヤマダタロウ \
	birth_date=1975-04-01 postal_code=030-8570 \
	address=青森県青森市長島一丁目1-1 phone=017-722-1111 \
	sole_proprietor=no corporate_number=7000012050002 \
	company_name=山田製作所 company_kana=ヤマダセイサクショ industry=E \
	employees=12 owner_birth_date=1960-06-15 successor_status=candidate \
	succession_type=family stage=pre received_on=2026-08-05
run 0 intake outcome JGS-2026-000001 diagnosed --date 2026-08-06
run 0 intake export jigyo_shokei --xlsx jgs.xlsx
cells jgs.xlsx
has "sheets|事業承継"
cell 2 法人番号 str 7000012050002
has "format|法人番号|@"
cell 2 従業員数 int 12
cell 2 "業種 (日本標準産業分類の大分類)" str E
cell 2 診断の日付 datetime 2026-08-06
run 0 intake export jigyo_shokei --xlsx jgs.xlsx --labels
cells jgs.xlsx
cell 2 "業種 (日本標準産業分類の大分類)" str 製造業
cell 2 個人事業主ですか str いいえ

# --deidentify: no pii column, pseudonyms for receipts.
run 0 intake export uij_turn --xlsx deid.xlsx --deidentify
cells deid.xlsx
lacks "|氏名|"
lacks "|郵便番号|"
lacks "|電話番号|"
lacks "|生年月日|"
lacks "青森 太郎"
lacks "0300801"
lacks "UIJ-"
grep -q '^2|仮名ID|str|P-[0-9a-f]\{20\}$' "$SCRATCH/cells" ||
	fail "no pseudonym in row 2"
cell 2 世帯区分 str household
cell 2 最新の結果 str grant_decided

# Refusals: --format or --excel with --xlsx (64), a path that cannot be
# written (73, naming it), a destination that is a directory; nothing
# is left behind.
run 64 intake export uij_turn --xlsx x.xlsx --format csv
err_has "--xlsx"
run 64 intake export uij_turn --xlsx x.xlsx --excel
run 64 intake export uij_turn --xlsx
[ ! -e x.xlsx ] || fail "a refused export wrote x.xlsx"
run 73 intake export uij_turn --xlsx "$SCRATCH/missing/x.xlsx"
err_has "'$SCRATCH/missing/x.xlsx'"
mkdir folder
run 73 intake --lang en export uij_turn --xlsx folder
err_has "cannot write 'folder'"
same "" "$(find . -name '.intake-export-*')" "temporary files left"
same "" "$(ls folder)" "folder untouched"
# An existing file is replaced only once the new workbook is complete.
echo old >old.xlsx
run 0 intake export uij_turn --xlsx old.xlsx
cells old.xlsx
cell 2 受付番号 str $a
