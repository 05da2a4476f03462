# intake report --xlsx: the workbook read back cell by cell (openpyxl).
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
. "$INTAKE_SOURCE/tests/e2e/kpi_data.sh"
PY=/usr/bin/python3 # Debian's, with python3-openpyxl

# xlsx FILE SCRIPT: run SCRIPT with wb (the workbook of FILE) and zf
# (it as a zip); what it prints is kept in out, a failed assert fails.
xlsx() {
	"$PY" -c 'import sys, zipfile, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
zf = zipfile.ZipFile(sys.argv[1])
def rows(ws, first=1, last=None):
	return [tuple(r) for r in ws.iter_rows(min_row=first, max_row=last,
		values_only=True)]
def block(ws, title):
	"""The rows below the cell in column A holding title."""
	for i, r in enumerate(rows(ws), start=1):
		if r[0] == title:
			return i
	raise AssertionError("no block %r" % title)
exec(sys.argv[2])
' "$SCRATCH/$1" "$2" >"$SCRATCH/out" 2>"$SCRATCH/err" ||
		fail "workbook $1: $(tail -3 "$SCRATCH/err")"
}

umask 022
run 0 intake report --fy 2020 --xlsx r.xlsx
same "" "$(cat out)" "stdout of --xlsx"
same 600 "$(stat -c %a r.xlsx)" "mode of the workbook"
head=$(sql 'select hash from audit order by id desc limit 1')
run 0 intake verify
out_has "$head"

xlsx r.xlsx '
assert wb.sheetnames == ["実績", "月別", "事務所別"], wb.sheetnames
ws = wb["実績"]
assert ws["A1"].value == "事業実績 2020年度 確定", ws["A1"].value
assert rows(ws, 2, 2)[0] == ("施策", "指標", "目標値", "実績値", "達成状況",
	"達成率（上限なし）", "前年度", "増減", "支給額", "前年度支給額")
t = "障がい者就労支援"
got = [r for r in rows(ws, 3) if r[0] == t]
want = [
	(t, "受付件数", None, 62, None, None, 5, 57, None, None),
	(t, "応募（実）", 60, 62, 1.0, 1.03, 5, 57, None, None),
	(t, "入校（実）", 65, 52, 0.8, 0.8, 2, 50, None, None),
	(t, "修了（実）", None, 0, None, None, 0, 0, None, None),
	(t, "就職（実）", None, 8, None, None, 0, 8, None, None),
	(t, "定着（実）", None, 0, None, None, 0, 0, None, None),
	(t, "雇用継続（実）", 21, 14, 0.67, 0.67, 0, 14, None, None),
]
assert got == want, got
# every programme: its 受付件数 row, then one row per outcome
titles = [r[0] for r in rows(ws, 3) if r[1] == "受付件数"]
assert titles == ["事業承継", "起業支援", t, "UIJターン就職・移住支援"], titles
assert ("起業支援", "相談（延べ）", None, 0, None, None, 0, 0, None,
	None) in rows(ws, 3)
# yen where the programme declares amounts: 0, not blank
assert ("UIJターン就職・移住支援", "支給（実）", None, 0, None, None, 0, 0,
	0, 0) in rows(ws, 3)
r = 3 + [x[0] for x in rows(ws, 3)].index(t) + 1  # the 応募 row
assert ws.cell(r, 5).number_format == "0.00"
assert ws.cell(r, 6).number_format == "0.00"
assert ws.cell(r, 4).number_format == "#,##0"
assert ws.cell(r + 3, 3).value is None  # 就職: no target, blank
assert ws.cell(r + 3, 3).data_type != "n" or ws.cell(r + 3, 3).value is None
assert ws.freeze_panes == "A3", ws.freeze_panes
ps = ws.page_setup
assert ps.orientation == "landscape" and str(ps.paperSize) == "9", ps
assert ws.sheet_properties.pageSetUpPr.fitToPage
assert ps.fitToWidth in (None, 1, "1") and str(ps.fitToHeight) == "0", ps
assert ws.print_title_rows == "$1:$2", ws.print_title_rows
assert ws.column_dimensions["B"].width >= 14, ws.column_dimensions["B"].width
footer = ws.oddFooter.left.text + ws.oddFooter.right.text
print(footer)
assert wb.properties.creator == "tester"
'
out_has "$head"
out_has "作成日時"
out_has "作成者 tester"

# 月別: each month, the running total and the target; a chart of it.
xlsx r.xlsx '
ws = wb["月別"]
assert ws["A1"].value == "月別実績 2020年度 確定"
i = block(ws, "障がい者就労支援 応募（実）")
assert rows(ws, i + 1, i + 1)[0][:4] == ("月", "件数", "累計", "目標値")
months = rows(ws, i + 2, i + 13)
assert [m[0] for m in months] == ["4月", "5月", "6月", "7月", "8月", "9月",
	"10月", "11月", "12月", "1月", "2月", "3月"]
assert [m[1] for m in months] == [62] + [0] * 11, months
assert [m[2] for m in months] == [62] * 12, months
assert [m[3] for m in months] == [60] * 12, months
i = block(ws, "障がい者就労支援 雇用継続（実）")
months = rows(ws, i + 2, i + 13)
assert [m[1] for m in months] == [0] * 11 + [14], months
assert [m[2] for m in months] == [0] * 11 + [14], months
i = block(ws, "障がい者就労支援 受付件数")
months = rows(ws, i + 2, i + 13)
assert [m[1] for m in months] == [62] + [0] * 11, months
assert [m[3] for m in months] == [None] * 12, months
charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
assert "xl/charts/chart1.xml" in charts
# two charts (columns; running total and target) per block
assert len(charts) == 2 * (6 + 9 + 7 + 9), len(charts)
xml = "".join(zf.read(n).decode() for n in charts)
assert "<c:barChart>" in xml and "<c:lineChart>" in xml
assert "月別" in xml
assert ws.page_setup.orientation == "landscape"
'

# 事務所別: per office, the groups add up to the programme.
xlsx r.xlsx '
ws = wb["事務所別"]
i = block(ws, "障がい者就労支援")
got = rows(ws, i + 1, i + 4)
want = [
	("事務所", "受付件数", "応募（実）", "入校（実）", "修了（実）", "就職（実）",
	 "定着（実）", "雇用継続（実）", None, None),
	("弘前", 22, 22, 20, 0, 2, 0, 14, None, None),
	("本庁", 40, 40, 32, 0, 6, 0, 0, None, None),
	("合計", 62, 62, 52, 0, 8, 0, 14, None, None),
]
assert got == want, got
'

# --by: a sheet named for the field, every code (zero rows too) and
# unanswered, adding up.
run 0 intake report --fy 2020 --programme shogai_shuro --by course \
	--xlsx by.xlsx
xlsx by.xlsx '
assert wb.sheetnames == ["実績", "月別", "事務所別", "訓練コース"], wb.sheetnames
ws = wb["訓練コース"]
i = block(ws, "障がい者就労支援")
got = rows(ws, i + 1)
want = [
	("訓練コース", "受付件数", "応募（実）", "入校（実）", "修了（実）",
	 "就職（実）", "定着（実）", "雇用継続（実）"),
	("知識技能習得", 40, 40, 32, 0, 6, 0, 0),
	("実践能力習得", 5, 5, 5, 0, 2, 0, 0),
	("特別支援学校早期", 1, 1, 1, 0, 0, 0, 0),
	("在職者", 16, 16, 14, 0, 0, 0, 14),
	("なし", 0, 0, 0, 0, 0, 0, 0),
	("合計", 62, 62, 52, 0, 8, 0, 14),
]
assert got == want, got
assert [r[0] for r in rows(wb["実績"], 3)] == ["障がい者就労支援"] * 7
'

# FY2019: 5 against a target of 3 is 1.00 as published, 1.67 uncapped;
# a case with no office is counted under 事務所なし.
run 0 intake report --fy 2019 --programme shogai_shuro --xlsx 2019.xlsx
xlsx 2019.xlsx '
ws = wb["実績"]
assert rows(ws, 4, 4)[0] == ("障がい者就労支援", "応募（実）", 3, 5, 1.0, 1.67,
	0, 5, None, None), rows(ws, 4, 4)
assert ws["E4"].number_format == "0.00"
ws = wb["事務所別"]
i = block(ws, "障がい者就労支援")
got = [r[:4] for r in rows(ws, i + 2, i + 4)]
assert got == [("弘前", 4, 4, 2), ("事務所なし", 1, 1, 0), ("合計", 5, 5, 2)], got
'

# To the end of August: 集計中 while August is open, 確定 once it closed;
# months after the period are blank.
INTAKE_TODAY=2020-08-31 run 0 intake report --fy 2020 --month 2020-08 \
	--programme shogai_shuro --xlsx aug.xlsx
xlsx aug.xlsx '
ws = wb["実績"]
assert ws["A1"].value == "事業実績 2020年度（4月〜8月）集計中", ws["A1"].value
assert rows(ws, 4, 4)[0][:8] == ("障がい者就労支援", "応募（実）", 60, 62, 1.0,
	1.03, 4, 58), rows(ws, 4, 4)
ws = wb["月別"]
i = block(ws, "障がい者就労支援 入校（実）")
months = rows(ws, i + 2, i + 13)
assert [m[1] for m in months] == [0, 0, 52, 0, 0] + [None] * 7, months
assert [m[2] for m in months] == [0, 0, 52, 52, 52] + [None] * 7, months
assert [m[3] for m in months] == [65] * 12, months
'
INTAKE_TODAY=2020-09-01 run 0 intake report --fy 2020 --month 2020-08 \
	--programme shogai_shuro --xlsx aug.xlsx
xlsx aug.xlsx '
assert wb["実績"]["A1"].value == "事業実績 2020年度（4月〜8月）確定"
'
INTAKE_TODAY=2021-03-31 run 0 intake report --fy 2020 --xlsx open.xlsx
xlsx open.xlsx '
assert wb["実績"]["A1"].value == "事業実績 2020年度 集計中"
'

# '&' in the footer is doubled (a code there otherwise); a stricter
# umask is kept.
(umask 0377 && INTAKE_STAFF='山田&佐藤' intake report --fy 2020 \
	--xlsx amp.xlsx) || fail "report as 山田&佐藤"
same 400 "$(stat -c %a amp.xlsx)" "mode under umask 0377"
"$PY" -c 'import sys, zipfile
xml = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
assert "作成者 山田&amp;&amp;佐藤&amp;C" in xml, xml[-600:]
' amp.xlsx || fail "footer of 山田&佐藤"

# Written whole or not at all, never through a link.
echo keep >target.txt
ln -s target.txt link.xlsx
run 0 intake report --fy 2020 --xlsx link.xlsx
same keep "$(cat target.txt)" "the link's target"
[ -f link.xlsx ] && [ ! -L link.xlsx ] || fail "link.xlsx is still a link"
xlsx link.xlsx 'assert wb.sheetnames[0] == "実績"'

rm -f r.xlsx
before=$(ls -A | sort | tr '\n' ' ')
run 73 intake report --fy 2020 --xlsx nosuch/r.xlsx
err_has "--xlsx nosuch/r.xlsx"
mkdir adir
run 73 intake report --fy 2020 --xlsx adir
err_has "--xlsx adir"
run 64 intake report --fy 2020年 --xlsx r.xlsx
run 64 intake report --fy 2020 --by nosuch --xlsx r.xlsx
run 64 intake report --fy 2020 --month 2021-04 --xlsx r.xlsx
run 64 intake report --fy 2020 --programme nosuch --xlsx r.xlsx
run 64 intake report --fy 2020 --xlsx ""
same "$before" "$(ls -A | grep -v '^adir$' | sort | tr '\n' ' ')" \
	"files after refused reports"
same "" "$(ls -A adir)" "adir"
