# intake report: the fiscal-year figures as a table, and bad options.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
. "$INTAKE_SOURCE/tests/e2e/kpi_data.sh"

# rows FILE: "outcome target actual achievement ratio previous change"
# per row of a JSON report, one line each.
rows() {
	python3 -c 'import json, sys
for r in json.load(open(sys.argv[1])):
	print(" ".join(str(r[k]) for k in ("outcome", "target", "actual",
		"achievement", "ratio", "previous", "change")))
' "$SCRATCH/out" | tr '\n' ';'
}

run 0 intake report --fy 2020 --programme shogai_shuro --format json
same "None None 62 None None 5 57;applied 60 62 1.0 1.03 5 57;enrolled 65 52 0.8 0.8 2 50;completed None 0 None None 0 0;employed None 8 None None 0 8;retained_6m None 0 None None 0 0;employment_continued 21 14 0.67 0.67 0 14;" \
	"$(rows)" "FY2020 rows"

# Over-achievement: 5 against 3 is 1.00 as published, 1.67 uncapped.
run 0 intake report --fy 2019 --programme 障がい者 --format json
same "None None 5 None None 0 5;applied 3 5 1.0 1.67 0 5;enrolled None 2 None None 0 2;completed None 0 None None 0 0;employed None 0 None None 0 0;retained_6m None 0 None None 0 0;employment_continued None 0 None None 0 0;" \
	"$(rows)" "FY2019 rows"

# To the end of August: outcomes after it do not count; the year
# before is April to August 2019 (received 4, applied 4).
run 0 intake report --fy 2020 --month 2020-08 --programme shogai_shuro \
	--format json
same "None None 62 None None 4 58;applied 60 62 1.0 1.03 4 58;enrolled 65 52 0.8 0.8 2 50;completed None 0 None None 0 0;employed None 0 None None 0 0;retained_6m None 0 None None 0 0;employment_continued 21 0 0.0 0.0 0 0;" \
	"$(rows)" "FY2020 to August"
# The fiscal year follows from --month alone.
run 0 intake report --month 2020-08 --programme shogai_shuro --format json
same "None None 62 None None 4 58;applied 60 62 1.0 1.03 4 58;enrolled 65 52 0.8 0.8 2 50;completed None 0 None None 0 0;employed None 0 None None 0 0;retained_6m None 0 None None 0 0;employment_continued 21 0 0.0 0.0 0 0;" \
	"$(rows)" "--month alone"

# Every programme, in the table: titles and labels (延べ or 実).
run 0 intake report --fy 2020 --format table
out_has "Employment of people with disabilities"
out_has "applications received"
out_has "employment continued (people)"
out_has "consultation (events)"
out_has "UIJ-turn employment and relocation"
run 0 intake --lang ja report --fy 2020 --programme shogai_shuro \
	--format table
out_has "受付件数"
out_has "雇用継続（実）"
# CSV headings in the staff's language, ids only in JSON; CP932 too.
run 0 intake --lang ja report --fy 2020 --programme shogai_shuro \
	--format csv --encoding cp932
/usr/bin/python3 -c 'import sys
lines = open(sys.argv[1], encoding="cp932").read().splitlines()
assert lines[0].startswith("施策,指標,目標値,実績値,達成状況,"), lines[0]
assert lines[1].startswith("障がい者") and ",受付件数,,62," in lines[1], lines[1]' \
	"$SCRATCH/out" || fail "report CSV in CP932"
run 0 intake report --fy 2020 --programme shogai_shuro --format csv
same "Programme,Indicator,Target,Actual,Achievement,Ratio (uncapped),Previous year,Change,Amount (yen),Previous amount (yen)" \
	"$(head -1 out)" "CSV headings (en)"
run 64 intake report --fy 2020 --encoding cp932 --format json
run 64 intake report --fy 2020 --encoding cp932 --xlsx r.xlsx
[ ! -e r.xlsx ] || fail "a workbook after a refusal"

# Bad options: named, with the value and what is expected; exit 64.
run 64 intake report --fy 2020年
err_has "--fy"
err_has "2020年"
run 64 intake report --fy 2020 --month 2021-04
err_has "--month 2021-04"
err_has "fiscal year 2020"
run 64 intake report --month 13
err_has "--month"
run 64 intake report --programme nosuch
run 64 intake report --by nosuch
err_has "--by nosuch"
run 64 intake report --by name
err_has "--by name"
run 64 intake report --format xml
run 64 intake report --fy 2020 extra
run 64 intake report --nosuch
[ -z "$(ls "$SCRATCH" | grep -v -e '^intake' -e '^out$' -e '^err$')" ] ||
	fail "a file was left: $(ls "$SCRATCH")"
