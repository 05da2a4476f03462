#!/bin/sh
# uij_turn outcomes: the grant steps in order (applied, decided, paid,
# repaid), each refused until the one before it is recorded; once and
# every-time outcomes.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form

export INTAKE_TODAY=2027-12-31

outcomes() {
	sql 'select count(*) from outcomes'
}

# refused CODE DATE RULE: the outcome is refused naming RULE, nothing kept.
refused() {
	before=$(outcomes)
	run 65 intake --lang en outcome "$receipt" "$1" --date "$2"
	err_has "rule $3"
	same "$before" "$(outcomes)" "outcomes after refused $1"
}

# recorded CODE DATE [OPTION…]
recorded() {
	code=$1 date=$2
	shift 2
	run 0 intake --lang en outcome "$receipt" "$code" --date "$date" "$@"
}

run 0 intake init
run 0 intake --lang en add uij_turn name=八戸次郎 name_kana=ハチノヘジロウ \
	birth_date=1988-08-08 postal_code=031-8686 address=八戸市内丸1-1-1 \
	phone=0178-43-2111 moved_from=14 received_on=2026-06-15 \
	moved_in_on=2026-02-01 household=single children_under_18=0 \
	grant_requested=yes tokyo23_years=10 tokyo23_last_year=yes \
	job_listed=yes job_open_ended=yes job_hours=38 \
	job_started_on=2026-02-02
receipt=$(head -n 1 "$SCRATCH/out")

# Counted every time, or once.
recorded consulted 2026-06-15
recorded consulted 2026-06-20
recorded referred 2026-06-20
recorded employed 2026-06-21
recorded moved_in 2026-06-22
run 65 intake --lang en outcome "$receipt" employed --date 2026-06-23
same 5 "$(outcomes)" "outcomes"

# Nothing after grant_applied before it is recorded.
refused grant_decided 2026-08-01 needs_grant_applied
err_has "grant_applied"
refused grant_paid 2026-08-01 needs_grant_decided
refused grant_repaid 2026-08-01 needs_grant_paid

recorded grant_applied 2026-06-20
run 65 intake --lang en outcome "$receipt" grant_applied --date 2026-06-21

# Decided before it was applied for: refused.
refused grant_decided 2026-06-19 needs_grant_applied
recorded grant_decided 2026-07-15
refused grant_repaid 2026-08-01 needs_grant_paid
refused grant_paid 2026-07-14 needs_grant_decided
recorded grant_paid 2026-08-01 --amount 600000
refused grant_repaid 2026-07-31 needs_grant_paid
recorded grant_repaid 2027-09-30
same 9 "$(outcomes)" "outcomes"

run 0 intake show "$receipt" --format json
python3 -c 'import json, sys
codes = [o["code"] for o in json.load(open(sys.argv[1]))["outcomes"]]
for c in ("grant_applied", "grant_decided", "grant_paid", "grant_repaid"):
    assert codes.count(c) == 1, (c, codes)
assert codes.count("consulted") == 2, codes' "$SCRATCH/out" ||
	fail "outcomes in show: $(cat "$SCRATCH/out")"

# In Japanese, the reason in Japanese.
run 0 intake --lang en add uij_turn name=三沢三郎 name_kana=ミサワサブロウ \
	birth_date=1995-01-01 postal_code=033-8666 address=三沢市桜町1-1-1 \
	phone=0176-53-5111 moved_from=13 received_on=2026-07-01 \
	moved_in_on=2026-07-01 household=single children_under_18=0 \
	grant_requested=no
receipt=$(head -n 1 "$SCRATCH/out")
run 65 intake outcome "$receipt" grant_decided --date 2026-08-01
err_has "needs_grant_applied"
err_has "支援金申請"
