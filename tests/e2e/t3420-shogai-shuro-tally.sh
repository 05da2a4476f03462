# shogai_shuro tally: generated cases reproduce Aomori's FY2020 table.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
# The real plugins and forms, with English messages.
use_programmes en
export INTAKE_TODAY=2021-04-30
run 0 intake init

# DOMAIN.md, Aomori 委託訓練 FY2020 (応募 / 入校 / 就職, 在職者: 雇用継続):
#   知識技能習得 40/32/6, 実践能力習得 5/5/2, 特別支援学校早期 1/1/0,
#   在職者 16/14/14.

. "$INTAKE_SOURCE/tests/e2e/aomori.sh"
cohort knowledge 40 32 6
cohort practical 5 5 2
cohort special_school 1 1 0
cohort employed 16 14 14
same 62 "$(sql 'select count(*) from applications')" "applications"

# Outcomes dated outside FY2020 are not counted in it.
sgs knowledge 2020-03-01 0
run 0 intake outcome "$r" applied --date 2020-03-31
sgs knowledge 2021-04-01 0
run 0 intake outcome "$r" applied --date 2021-04-01

run 0 intake tally --fy 2020 --programme shogai_shuro --by course \
	--format json
# table KEY: "course applied/enrolled/employed/employment_continued"
# per course, from the tally rows' KEY (events or applications).
table() {
	python3 -c 'import json, sys
counts = {}
for row in json.load(open(sys.argv[1])):
	if row["programme"] != "shogai_shuro" or str(row["fiscal_year"]) != "2020":
		sys.exit("unexpected row %r" % row)
	counts[(row["course"], row["outcome"])] = row[sys.argv[2]]
for course in ("knowledge", "practical", "special_school", "employed"):
	print(course, "/".join(str(counts.get((course, o), 0)) for o in
		("applied", "enrolled", "employed", "employment_continued")))
' "$SCRATCH/out" "$1" | tr '\n' ';'
}
expected="knowledge 40/32/6/0;practical 5/5/2/0;special_school 1/1/0/0;employed 16/14/0/14;"
same "$expected" "$(table events)" "FY2020 events (延べ) by course"
same "$expected" "$(table applications)" "FY2020 applications (実) by course"

# The whole programme, for the fiscal year.
run 0 intake tally --fy 2020 --programme shogai_shuro --format json
total() {
	python3 -c 'import json, sys
print(sum(r["events"] for r in json.load(open(sys.argv[1]))
	if r["outcome"] == sys.argv[2]))' "$SCRATCH/out" "$1"
}
same 62 "$(total applied)" "applied"
same 52 "$(total enrolled)" "enrolled"
same 8 "$(total employed)" "employed"
same 14 "$(total employment_continued)" "employment continued"
