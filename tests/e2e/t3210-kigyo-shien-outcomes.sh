#!/bin/sh
# kigyo_shien outcomes: adopted and rejected need applied and exclude each
# other, grant_decided needs adopted, continued_1y needs founded a year
# earlier; once and every-time outcomes.
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

# recorded CODE DATE
recorded() {
	run 0 intake --lang en outcome "$receipt" "$1" --date "$2"
}

# add_kgy: a valid application; its receipt in $receipt.
add_kgy() {
	run 0 intake --lang en add kigyo_shien name=十和田四郎 \
		name_kana=トワダシロウ birth_date=1992-02-29 \
		postal_code=034-8615 address=十和田市西十二番町6-1 \
		phone=0176-23-5111 received_on=2026-06-15 stage=preparing \
		opening_on=2026-09-01 legal_form=sole business_field=観光案内 \
		eligible_expenses=800000 relocated=no
	receipt=$(head -n 1 "$SCRATCH/out")
}

run 0 intake init

# Adopted, then the grant decided.
add_kgy
recorded consulted 2026-06-15
recorded consulted 2026-06-30
refused adopted 2026-08-01 needs_applied
refused rejected 2026-08-01 needs_applied
refused grant_decided 2026-08-01 needs_adopted
recorded applied 2026-07-01
run 65 intake --lang en outcome "$receipt" applied --date 2026-07-02
refused adopted 2026-06-30 needs_applied
recorded adopted 2026-08-01
refused rejected 2026-08-02 adopted_rejected_exclusive
refused grant_decided 2026-07-31 needs_adopted
recorded grant_decided 2026-08-20

# Continued a year after founding, not a day earlier.
refused continued_1y 2026-09-01 needs_founded
recorded founded 2026-09-01
refused continued_1y 2027-08-31 continued_1y_too_early
err_has "2027-09-01"
recorded reported 2027-03-15
recorded continued_1y 2027-09-01
run 65 intake --lang en outcome "$receipt" continued_1y --date 2027-09-02
same 8 "$(outcomes)" "outcomes"

# Rejected: then neither adopted nor a grant.
add_kgy
recorded applied 2026-07-01
recorded rejected 2026-08-01
refused adopted 2026-08-02 adopted_rejected_exclusive
refused grant_decided 2026-08-02 needs_adopted
same 10 "$(outcomes)" "outcomes"

# In Japanese, the reason in Japanese.
run 65 intake outcome "$receipt" adopted --date 2026-08-03
err_has "rule adopted_rejected_exclusive"
err_has "不採択"

# continued_1y needs founded on or before its date, then a year after it.
recorded founded 2026-10-01
refused continued_1y 2026-09-30 needs_founded
refused continued_1y 2027-09-30 continued_1y_too_early
recorded continued_1y 2027-10-01
