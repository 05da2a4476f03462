#!/bin/sh
# What identifies a person is marked pii in the forms, for de-identified
# export: a sole proprietor's trade name (and its kana) is often the
# owner's name, and the owner's age narrows the owner down.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en
run 0 intake form jigyo_shokei --format csv
for field in company_name company_kana owner_birth_date name birth_date; do
	grep -q "^$field,[a-z_]*,[^,]*,[a-z]* pii," "$SCRATCH/out" ||
		fail "$field is not marked pii"
done
grep -q "^owner_age,integer,[^,]*,derived pii," "$SCRATCH/out" ||
	fail "owner_age is not marked pii"
exit 0
