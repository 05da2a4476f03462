# jigyo_shokei outcomes: each order rule refused, then allowed once it holds.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
# The real plugins and forms, with English messages.
use_programmes en
export INTAKE_TODAY=2021-03-31
run 0 intake init

# jgs SUCCESSOR_STATUS: add a case received 2020-04-01; prints its receipt.
jgs() {
	run 0 intake add jigyo_shokei name=山田太郎 name_kana=ヤマダタロウ \
		birth_date=1975-04-01 postal_code=030-8570 address=青森市 \
		phone=017-722-1111 sole_proprietor=yes company_name=山田商店 \
		company_kana=ヤマダショウテン industry=I employees=3 \
		owner_birth_date=1955-01-01 successor_status="$1" \
		succession_type=undecided stage=pre received_on=2020-04-01
	head -1 out
}
outcomes() { # outcomes: "code date" per recorded outcome, from show
	intake show "$1" --format json >"$SCRATCH/out" 2>"$SCRATCH/err" ||
		fail "show $1"
	python3 -c 'import json, sys
for o in json.load(open(sys.argv[1]))["outcomes"]:
	print(o["code"], o["date"])' "$SCRATCH/out" | tr '\n' ' '
}
count() { # count RECEIPT: outcomes recorded for the application
	sql "select count(*) from outcomes o join applications a
		on a.id = o.application_id where a.receipt = '$1'"
}

# ---- planned needs diagnosed (recorded on or before the plan's date)

a=$(jgs none)
run 65 intake outcome "$a" planned --date 2020-05-01
err_has "rule planned_needs_diagnosed"
same 0 "$(count "$a")" "nothing recorded"
run 0 intake outcome "$a" diagnosed --date 2020-05-10
run 65 intake outcome "$a" planned --date 2020-05-09
err_has "planned_needs_diagnosed"
run 0 intake outcome "$a" planned --date 2020-05-10
same 2 "$(count "$a")" "diagnosed, planned"

# ---- succeeded needs a successor: decided, or a match before it

run 65 intake outcome "$a" succeeded --date 2020-06-01
err_has "successor_status: given 'none': rule succeeded_needs_successor"
run 0 intake outcome "$a" matched --date 2020-07-01
run 65 intake outcome "$a" succeeded --date 2020-06-30
err_has "rule succeeded_needs_successor"
same 3 "$(count "$a")" "refusals record nothing"
run 0 intake outcome "$a" succeeded --date 2020-07-01

# ---- after succeeded, nothing more (closed included)

run 65 intake outcome "$a" closed --date 2020-08-01
err_has "rule after_final_outcome"
run 65 intake outcome "$a" diagnosed --date 2020-08-01
run 65 intake outcome "$a" matched --date 2020-08-01
run 65 intake outcome "$a" succeeded --date 2020-08-01
same "diagnosed 2020-05-10 planned 2020-05-10 matched 2020-07-01 succeeded 2020-07-01 " \
	"$(outcomes "$a")" "outcomes of a"

# A decided successor needs no match.
b=$(jgs decided)
run 0 intake outcome "$b" succeeded --date 2020-04-02
run 65 intake outcome "$b" closed --date 2020-04-03
err_has "rule after_final_outcome"
same 1 "$(count "$b")" "succeeded only"

# A candidate is not a successor yet.
c=$(jgs candidate)
run 65 intake outcome "$c" succeeded --date 2020-04-02
err_has "rule succeeded_needs_successor"

# ---- after closed, nothing more (succeeded included)

d=$(jgs decided)
run 0 intake outcome "$d" diagnosed --date 2020-04-10
run 0 intake outcome "$d" closed --date 2020-09-30
run 65 intake outcome "$d" succeeded --date 2020-10-01
err_has "rule after_final_outcome"
run 65 intake outcome "$d" planned --date 2020-10-01
err_has "rule after_final_outcome"
run 65 intake outcome "$d" closed --date 2020-10-01
same "diagnosed 2020-04-10 closed 2020-09-30 " "$(outcomes "$d")" "outcomes of d"

# The declared needs come first: without a diagnosis, planned names its
# missing need, and check_outcome (after_final_outcome) is not asked.
g=$(jgs none)
run 0 intake outcome "$g" closed --date 2020-05-01
run 65 intake outcome "$g" planned --date 2020-05-02
err_has "rule planned_needs_diagnosed"
grep -qF after_final_outcome "$SCRATCH/err" && fail "check_outcome ran"
run 65 intake outcome "$g" diagnosed --date 2020-05-02
err_has "rule after_final_outcome"
same 1 "$(count "$g")" "closed only"

# ---- each outcome counts once

e=$(jgs none)
run 0 intake outcome "$e" diagnosed --date 2020-04-10
run 65 intake outcome "$e" diagnosed --date 2020-04-11
run 0 intake outcome "$e" matched --date 2020-04-12
run 65 intake outcome "$e" matched --date 2020-04-13
same 2 "$(count "$e")" "once each"

# The tally sees what was recorded in FY2020.
run 0 intake tally --fy 2020 --programme jigyo_shokei --format json
row() { # row OUTCOME KEY
	python3 -c 'import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r["outcome"] == sys.argv[2]]
print(rows[0][sys.argv[3]])' "$SCRATCH/out" "$1" "$2"
}
same 3 "$(row diagnosed events)" "diagnosed"
same 1 "$(row planned events)" "planned"
same 2 "$(row matched events)" "matched"
same 2 "$(row succeeded events)" "succeeded"
same 2 "$(row closed events)" "closed"
