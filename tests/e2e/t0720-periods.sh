#!/bin/sh
# --fy and --month as staff write them: 和暦 (令和8, 令和8年度, R8, H31,
# 令和元年度), 年度, unpadded months (2026-8, 2026/8, 2026年8月, 令和8年8月,
# R8.8), full-width digits; list and tally share the parsers.  Every
# refused form is exit 64 naming what is expected, in both languages.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2027-04-30
run 0 intake init
add() {
	run 0 intake add every_callback name=A birth_date=1990-01-01 \
		kind=person amount=1 topics=work consent=yes \
		received_on="$1"
	head -1 out
}
a=$(add 2026-08-03); b=$(add 2019-04-10)
run 0 intake outcome "$a" started --date 2026-08-20
run 0 intake outcome "$b" started --date 2019-06-01

row() { # row FILTER KEY: one value of the tally's JSON
	python3 -c "import json; rows=json.load(open('$SCRATCH/out')); print([r for r in rows if $1][0]['$2'])"
}

# Fiscal years: each form is FY2026 (one started), H31 is FY2019.
for fy in 2026 2026年度 ２０２６年度 FY2026 令和8 令和8年度 '令和 8 年度' R8 r8年度 \
	㋿8; do
	run 0 intake tally --fy "$fy" --format json
	same 2026 "$(row "r['outcome']=='started'" fiscal_year)" "--fy $fy"
	same 1 "$(row "r['outcome']=='started'" events)" "--fy $fy events"
done
for fy in H31 平成31年度 令和元年度 R1 2019; do
	run 0 intake tally --fy "$fy" --format json
	same 2019 "$(row "r['outcome']=='started'" fiscal_year)" "--fy $fy"
	same 1 "$(row "r['outcome']=='started'" events)" "--fy $fy events"
done

# Months, in tally and in list.
for month in 2026-08 2026-8 2026/8 2026.8 2026年8月 ２０２６年８月 令和8年8月 \
	R8.8 r8-08 '2026 年 8 月'; do
	run 0 intake tally --month "$month" --format json
	same 2026-08 "$(row "r['outcome']=='started'" month)" "--month $month"
	same 1 "$(row "r['outcome']=='started'" events)" "--month $month events"
	run 0 intake list --month "$month" --format csv
	out_has "$a"
	out_lacks "$b"
done
run 0 intake list --month H31.4 --format csv
out_has "$b"
out_lacks "$a"

# Refused fiscal years.
for fy in twenty 26 2026年 2026-04 令和 X8 R123; do
	run 64 intake tally --fy "$fy"
	err_has "--fy '$fy' is not a fiscal year: give one such as 2026, 2026年度, 令和8年度 or R8"
done
run 64 intake --lang ja tally --fy 2026年
err_has "--fy '2026年' は年度として読めません。2026、2026年度、令和8年度、R8 のように年度を指定してください"
run 64 intake tally --fy 平成32
err_has "--fy '平成32': the era has no such year: eras count from 元年 (year 1); Meiji ends at 45, Taisho at 15, Showa at 64, Heisei at 31"
run 64 intake tally --fy H0
err_has "--fy 'H0': the era has no such year"
run 64 intake --lang ja tally --fy 昭和65年度
err_has "--fy '昭和65年度': その元号にその年はありません。元年 (1年) から、明治は45年、大正は15年、昭和は64年、平成は31年までです"
run 64 intake tally --fy 1872
err_has "--fy '1872': give a year from 1873 to 9998"
run 64 intake tally --fy 9999
err_has "--fy '9999': give a year from 1873 to 9998"
run 64 intake --lang ja tally --fy M5
err_has "--fy 'M5': 年は 1873 年から 9998 年までで指定してください"

# Refused months, in list and tally alike.
for cmd in list tally; do
	for month in 2026 2026-08-01 26-8 202608 2026-8月 八月 ''; do
		run 64 intake $cmd --month "$month"
		err_has "--month '$month' is not a month: give a year and a month such as 2026-08, 2026/8, 2026年8月, 令和8年8月 or R8.8"
	done
	run 64 intake $cmd --month 2026-13
	err_has "--month '2026-13': the month must be 1 to 12"
	run 64 intake $cmd --month 2026年0月
	err_has "--month '2026年0月': the month must be 1 to 12"
	run 64 intake $cmd --month 平成32年1月
	err_has "--month '平成32年1月': the era has no such year"
	run 64 intake $cmd --month 1872-12
	err_has "--month '1872-12': give a year from 1873 to 9999"
done
run 64 intake --lang ja list --month 2026
err_has "--month '2026' は月として読めません。2026-08、2026/8、2026年8月、令和8年8月、R8.8 のように年と月を指定してください"
run 64 intake --lang ja tally --month 2026-13
err_has "--month '2026-13': 月は 1 から 12 で指定してください"
run 64 intake tally --month R8.8 --fy R8
err_has "give either --month or --fy, not both"
