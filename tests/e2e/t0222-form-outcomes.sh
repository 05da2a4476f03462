#!/bin/sh
# intake form lists the outcomes after the fields: code, label, once or
# every, what each needs first (rule ids) and its date bounds, in a
# table, CSV and JSON.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en

run 0 intake form uij_turn --format table
out_has "job_hours"
out_has "outcomes (targets in intake.ini: uij_turn.<outcome>.<fiscal year> \
= count)"
# One row each: code, label, counts, needs, rule, earliest, latest,
# amount, due.
fy="not before 2019-04-01"
grep -Eq "^consulted +consultation +every +- +- +received_on, $fy +today +- +-$" \
	out || fail "consulted row"
grep -Eq "^employed +employed in the prefecture +once +- +- \
+received_on - 2 years, $fy +today +- +-$" out ||
	fail "employed row: [outcome.employed] min"
grep -Eq "^grant_paid +grant paid +once \
+grant_decided on or before its date +needs_grant_decided +" out ||
	fail "grant_paid row: its outcome need"
# The fields first, then a blank line and the heading.
awk '/^grant_amount / { f = NR } /^$/ { b = NR } /^outcomes / { h = NR }
	END { exit !(f && f < b && b + 1 == h) }' out ||
	fail "fields, blank line, heading: not in this order"

run 0 intake --lang ja form kigyo_shien --format table
out_has "結果 (目標は intake.ini の [targets] に kigyo_shien.<結果>.<年度> = \
件数)"
out_has "1 回のみ"
out_has "同日以前の"

# CSV: the fields as before, then a blank line and the outcomes.
run 0 intake form shogai_shuro --format csv
same "field,type,label,flags,when,accepts" "$(head -1 out)" "first header"
out_has "
outcome,label,counts,needs,rule,earliest,latest,amount,due"
grep -q '^retained_6m,[^,]*,once,employed on or before its date,'\
'retained_needs_employed,' out || fail "retained_6m CSV row"
awk 'NR > 1 && /^$/ { blank = NR } /^outcome,/ { exit !(blank == NR - 1) }' \
	out || fail "no blank line before the outcomes header"

# JSON: one object.
run 0 intake form jigyo_shokei --format json
python3 - "$SCRATCH/out" <<'PY' || fail "JSON shape"
import json, sys
doc = json.load(open(sys.argv[1]))
assert set(doc) == {"fields", "outcomes"}, doc.keys()
assert any(f["field"] == "company_name" for f in doc["fields"])
codes = [o["outcome"] for o in doc["outcomes"]]
assert codes and all(o["counts"] in ("once", "every") for o in doc["outcomes"])
assert all(o["latest"] for o in doc["outcomes"])
PY
exit 0
