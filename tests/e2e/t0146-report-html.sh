# intake report --html: the report's tables as one HTML page (figures,
# blank targets, 1.00 and 1.67, months, offices, escaping, 集計中/確定),
# no external resource, written safely, rendered by headless Chromium
# to a PNG (and an A4 landscape PDF) in the build folder.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
. "$INTAKE_SOURCE/tests/e2e/kpi_data.sh"

# A FY2021 case at an office whose name would be markup.
sed -i 's/^\[intake\]$/[intake]\noffice = 弘前<script>\&本庁/' intake.ini
sgs practical 2021-04-10 0
grep -v '^office = ' intake.ini >intake.ini.new && mv intake.ini.new intake.ini

# tables FILE: each table row of the page as "HEADING: cell|cell|…"
# (HEADING the h3, h4 and h5 over the table, joined by "/"), and a line
# "svg HEADING: N bars: TITLE" per chart.
cat >tables.py <<'PY'
import sys
from html.parser import HTMLParser

class Tables(HTMLParser):
    HEADINGS = ("h3", "h4", "h5")

    def __init__(self):
        super().__init__()
        self.headings = {}
        self.text = None
        self.cells = None
        self.svg = None

    def heading(self):
        return "/".join(self.headings[h] for h in self.HEADINGS
                        if self.headings.get(h))

    def handle_starttag(self, tag, attrs):
        if tag in self.HEADINGS + ("td", "th", "title"):
            self.text = ""
        if tag == "tr":
            self.cells = []
        if tag == "svg":
            self.svg = {"bars": 0, "title": None}
        if tag == "rect" and self.svg is not None:
            self.svg["bars"] += 1

    def handle_endtag(self, tag):
        if tag in self.HEADINGS:
            level = self.HEADINGS.index(tag)
            self.headings[tag] = self.text
            for lower in self.HEADINGS[level + 1:]:
                self.headings[lower] = ""
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append(self.text)
        elif tag == "tr":
            print(self.heading() + ": " + "|".join(self.cells))
            self.cells = None
        elif tag == "title" and self.svg and self.svg["title"] is None:
            self.svg["title"] = self.text
        elif tag == "svg":
            print("svg %s: %d bars: %s" % (self.heading(),
                  self.svg["bars"], self.svg["title"]))
            self.svg = None
        if tag in self.HEADINGS + ("td", "th", "title"):
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text += data

Tables().feed(open(sys.argv[1], encoding="utf-8").read())
PY
# file_has FILE TEXT: a fixed-string check of a file.
file_has() {
	grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"
}
# period_has FILE PERIOD CLASS STATE: the heading's period and state.
period_has() {
	grep -qF "<p class=\"kpi-period\">$2 <span class=\"kpi-status kpi-$3\">$4</span>" "$1" ||
		fail "$1: no heading '$2 $4'"
}
tables() {
	python3 tables.py "$1" >"$SCRATCH/out" || fail "cannot parse $1"
}

# ---- FY2020, closed: the figures of t0144, as the page shows them
run 0 intake --lang ja report --fy 2020 --programme shogai_shuro \
	--html r.html
[ -s r.html ] || fail "no r.html"
same 600 "$(stat -c %a r.html)" "the report's mode"
[ -z "$(ls -a | grep '^\.r\.html')" ] || fail "a temporary file was left"
head -c 40 r.html >"$SCRATCH/out"
out_has '<!DOCTYPE html>'
file_has r.html '<meta charset="utf-8">'
file_has r.html '<html lang="ja">'
file_has r.html '@page kpi { size: A4 landscape'
tables r.html
period_has r.html "2020年4月〜2021年3月" final 確定
! grep -q 集計中 r.html || fail "a closed year as 集計中"
out_has "実績: 施策|指標|目標値|実績値|達成状況|達成率（上限なし）|前年度|増減|支給額（円）"
out_has "実績: 障がい者就労支援|受付件数||62|||5|+57|"
out_has "実績: 応募（実）|60|62|1.00|1.03|5|+57|"
out_has "実績: 入校（実）|65|52|0.80|0.80|2|+50|"
# no target: blank cells, never 0
out_has "実績: 修了（実）||0|||0|0|"
out_has "実績: 就職（実）||8|||0|+8|"
out_has "実績: 雇用継続（実）|21|14|0.67|0.67|0|+14|"
# 月別: each month and the running total against the target, a chart
out_has "月別/障がい者就労支援: 受付件数|62|0|0|0|0|0|0|0|0|0|0|0|"
out_has "月別/障がい者就労支援/入校（実）: 件数|0|0|52|0|0|0|0|0|0|0|0|0|"
out_has "月別/障がい者就労支援/入校（実）: 累計|0|0|52|52|52|52|52|52|52|52|52|52|65"
out_has "月別/障がい者就労支援/雇用継続（実）: 累計|0|0|0|0|0|0|0|0|0|0|0|14|21"
out_has "svg 月別/障がい者就労支援/応募（実）: 12 bars: 応募（実）: 月別件数（棒）、累計（線）、目標値（破線）"
out_has "svg 月別/障がい者就労支援/雇用継続（実）: 12 bars:"
same 6 "$(grep -c '^svg 月別/障がい者就労支援/' "$SCRATCH/out")" "a chart per outcome"
file_has r.html '<title>1月: 8件、累計 8件</title>'
# 事務所別: the groups and the programme's figures they add up to
out_has "事務所別/障がい者就労支援: 区分|受付件数|応募（実）|入校（実）|修了（実）|就職（実）|定着（実）|雇用継続（実）"
out_has "事務所別/障がい者就労支援: 本庁|40|40|32|0|6|0|0"
out_has "事務所別/障がい者就労支援: 弘前|22|22|20|0|2|0|14"
out_has "事務所別/障がい者就労支援: 合計|62|62|52|0|8|0|14"
# the footer: when, by whom, the audit chain's head
head=$(sql "SELECT hash FROM audit ORDER BY id DESC LIMIT 1")
[ ${#head} = 64 ] || fail "no audit head: '$head'"
grep -q "作成日時 [0-9-]* [0-9:]*、作成者 .*、監査記録の先頭ハッシュ $head" r.html ||
	fail "no footer with the audit head $head"

# ---- no external resource, nothing the server's CSP would refuse
for bad in 'http' 'src=' 'href=' '@import' 'url(' '<script' 'style=' \
	'<link' '<img' '<iframe' '<object'; do
	! grep -qiF -- "$bad" r.html || fail "r.html has '$bad'"
done

# ---- over-achievement: 5 against 3 is 1.00 as published, 1.67 beside
run 0 intake --lang ja report --fy 2019 --programme shogai_shuro \
	--by course --html r2019.html
tables r2019.html
out_has "実績: 応募（実）|3|5|1.00|1.67|0|+5|"
out_has "実績: 障がい者就労支援|受付件数||5|||0|+5|"
# the --by breakdown: every code, zero rows too, adding up
out_has "障がい者就労支援: "
grep -q '^障がい者就労支援: [^/]*: .*|5|5|2|0|0|0|0$' "$SCRATCH/out" ||
	fail "no total row in the --by table"

# ---- to the end of August: months after it blank, outcomes after it
# not counted
run 0 intake --lang ja report --month 2020-08 --programme shogai_shuro \
	--html r08.html
tables r08.html
period_has r08.html "2020年4月〜2020年8月" final 確定
out_has "実績: 就職（実）||0|||0|0|"
out_has "月別/障がい者就労支援/入校（実）: 件数|0|0|52|0|0|||||||"
out_has "月別/障がい者就労支援/入校（実）: 累計|0|0|52|52|52||||||||65"
out_has "svg 月別/障がい者就労支援/入校（実）: 5 bars:"

# ---- a year not over: 集計中; an office name that would be markup
run 0 intake --lang ja report --fy 2021 --programme shogai_shuro \
	--html r2021.html
tables r2021.html
period_has r2021.html "2021年4月〜2022年3月" provisional 集計中
out_has "事務所別/障がい者就労支援: 弘前<script>&本庁|1|0|0|0|0|0|0"
file_has r2021.html '弘前&lt;script&gt;&amp;本庁'
! grep -q '<script' r2021.html || fail "an office name as markup"

# ---- the staff's language (English here)
run 0 intake report --fy 2020 --programme shogai_shuro --html en.html
file_has en.html '<html lang="en">'
file_has en.html '<th scope="col">Achievement</th>'

# ---- bad options: named, nothing written
run 64 intake report --fy 2020 --xlsx x.xlsx --html x.html
err_has "--xlsx"
err_has "--html"
run 64 intake report --fy 2020 --html ''
err_has "--html"
run 73 intake report --fy 2020 --html nosuch/r.html
err_has "nosuch/r.html"
[ ! -e x.html ] && [ ! -e x.xlsx ] && [ ! -e nosuch ] ||
	fail "a file was written by a refused report"

# ---- headless Chromium: a PNG in the build folder, an A4 landscape PDF
command -v chromium >/dev/null || fail "chromium is missing (make deps)"
mkdir -p "$INTAKE_BUILD/report"
png="$INTAKE_BUILD/report/report.png"
rm -f "$png"
timeout 120 chromium --headless --no-sandbox --disable-gpu \
	--user-data-dir="$SCRATCH/chromium" --screenshot="$png" \
	--window-size=1400,2000 "file://$SCRATCH/r.html" \
	>chromium.out 2>&1 || fail "chromium: $(tail -3 chromium.out)"
[ "$(stat -c %s "$png" 2>/dev/null || echo 0)" -gt 20000 ] ||
	fail "no PNG, or an empty one: $png"
timeout 120 chromium --headless --no-sandbox --disable-gpu \
	--user-data-dir="$SCRATCH/chromium" --no-pdf-header-footer \
	--print-to-pdf="$SCRATCH/r.pdf" "file://$SCRATCH/r.html" \
	>chromium.out 2>&1 || fail "chromium: $(tail -3 chromium.out)"
# A4 landscape is 842 × 595 points; 実績, 月別 and 事務所別 each start
# a page.
python3 - "$SCRATCH/r.pdf" >"$SCRATCH/out" <<'PY' || fail "bad PDF"
import re, sys
pdf = open(sys.argv[1], "rb").read()
boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
print("pages", len(boxes))
for w, h in set(boxes):
    print("box", round(float(w)), round(float(h)))
PY
out_has "box 842 595"
[ "$(grep -c '^box' "$SCRATCH/out")" = 1 ] || fail "pages of other sizes"
pages=$(sed -n 's/^pages //p' "$SCRATCH/out")
[ "$pages" -ge 3 ] || fail "$pages pages: the sections share a page"
