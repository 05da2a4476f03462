#!/bin/sh
# kigyo_shien: the requested amount (half of the expenses, capped), the
# founded-within-a-year rule, plugin check and the form.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form

export INTAKE_TODAY=2027-12-31

# A person and a valid case (received 2026-06-15).
KGY_CASE="name=五所川原一郎 name_kana=ゴショガワライチロウ
birth_date=1980-10-10 postal_code=037-8686 address=五所川原市字岩木町12
phone=0173-35-2111 received_on=2026-06-15 stage=founded_within_1y
opening_on=2026-01-10 legal_form=kabushiki business_field=地域食材の加工販売
eligible_expenses=3,000,001 relocated=yes"

# add_kgy FIELD=VALUE…: add KGY_CASE with these fields replaced (a field
# may be given once only); FIELD= leaves the field out.
add_kgy() {
	args=
	for pair in $KGY_CASE; do
		case " $* " in
		*" ${pair%%=*}="*) ;;
		*) args="$args $pair" ;;
		esac
	done
	for pair in "$@"; do
		[ -n "${pair#*=}" ] && args="$args $pair"
	done
	# shellcheck disable=SC2086 # values hold no spaces
	intake --lang en add kigyo_shien $args
}

# answer RECEIPT FIELD: the stored answer, from `show --format json`.
answer() {
	intake show "$1" --format json >"$SCRATCH/show" ||
		fail "show $1 failed"
	python3 -c 'import json, sys
a = json.load(open(sys.argv[1]))["answers"]
print(a.get(sys.argv[2], "<none>"))' "$SCRATCH/show" "$2"
}

# refused FIELD GIVEN RULE FIELD=VALUE…: one rule problem, nothing stored.
refused() {
	field=$1 given=$2 rule=$3
	shift 3
	run 65 add_kgy "$@"
	err_has "intake: debug: kigyo_shien: $field: given '$given': rule $rule: "
	same 1 "$(grep -c ': rule ' "$SCRATCH/err")" "rule problems for $rule"
	same 0 "$(sql 'select count(*) from applications')" "applications"
}

run 0 intake init

# Founded within a year: opened within the 12 months up to reception.
refused opening_on 2025-06-14 stage_founded_within_1y opening_on=2025-06-14
err_has "2025-06-15"
refused opening_on 2026-06-16 stage_founded_within_1y opening_on=2026-06-16
run 65 intake add kigyo_shien name=五所川原一郎 name_kana=ゴショガワライチロウ \
	birth_date=1980-10-10 postal_code=037-8686 address=五所川原市 \
	phone=0173-35-2111 received_on=2026-06-15 stage=founded_within_1y \
	opening_on=2024-01-01 legal_form=sole business_field=農業 \
	eligible_expenses=0 relocated=no
err_has "rule stage_founded_within_1y"
err_has "創業12か月以内"
same 0 "$(sql 'select count(*) from applications')" "applications"

# Half of 3,000,001, rounded down.
run 0 add_kgy
receipt=$(head -n 1 "$SCRATCH/out")
case $receipt in KGY-*) ;; *) fail "receipt '$receipt'" ;; esac
same 1500000 "$(answer "$receipt" requested_amount)" "half, rounded down"
same 3000001 "$(answer "$receipt" eligible_expenses)" "expenses"
same founded_within_1y "$(answer "$receipt" stage)" "stage"
same 2026-06-15 "$(answer "$receipt" received_on)" "received_on"

# Capped at 2,000,000; a planned opening date is fine when preparing.
run 0 add_kgy stage=preparing opening_on=2026-10-01 \
	eligible_expenses=5,000,000 legal_form=godo
same 2000000 "$(answer "$(head -n 1 "$SCRATCH/out")" requested_amount)" \
	"capped"

# Exactly the cap, and the first day of the founded-within-a-year window.
run 0 add_kgy opening_on=2025-06-15 eligible_expenses=4000000
same 2000000 "$(answer "$(head -n 1 "$SCRATCH/out")" requested_amount)" \
	"at the cap"

# An idea: no opening date asked; nothing requested.
run 0 add_kgy stage=idea opening_on= eligible_expenses=0 legal_form=other
idea=$(head -n 1 "$SCRATCH/out")
same 0 "$(answer "$idea" requested_amount)" "no expenses"
same '<none>' "$(answer "$idea" opening_on)" "opening_on unasked"

# Second founding of a company opened long ago: the date is not limited.
run 0 add_kgy stage=second_founding opening_on=2001-04-01 \
	eligible_expenses=1 legal_form=npo
same 0 "$(answer "$(head -n 1 "$SCRATCH/out")" requested_amount)" \
	"half of 1 yen"
same 5 "$(sql 'select count(*) from applications')" "applications"

run 65 add_kgy requested_amount=100
err_has requested_amount
same 5 "$(sql 'select count(*) from applications')" "applications"

run 0 intake --lang en plugin check "$INTAKE_BUILD/plugins/kigyo_shien.so"
out_has kigyo_shien
out_has 1.0.0
out_has KGY
out_has continued_1y
out_has "outcome needs: 4"
out_has "continued_1y needs founded on or before its date  rule needs_founded"

run 0 intake --lang en form kigyo_shien
for field in name name_kana birth_date postal_code address phone email \
	stage opening_on legal_form business_field eligible_expenses \
	relocated requested_amount; do
	out_has "$field"
done
run 0 intake form kigyo_shien
out_has 補助対象経費

# A form without a field the plugin declares: the core refuses to load it.
mkdir -p broken/plugins broken/forms
chmod 755 broken broken/plugins broken/forms
cp "$INTAKE_BUILD/plugins/kigyo_shien.so" broken/plugins/
sed '/^\[field.eligible_expenses\]/,/^$/d' \
	"$INTAKE_SOURCE/forms/kigyo_shien.ini" >broken/forms/kigyo_shien.ini
printf '[intake]\nplugin_dir = plugins\nform_dir = forms\n' \
	>broken/intake.ini
run 78 intake -c broken/intake.ini --lang en plugin check \
	broken/plugins/kigyo_shien.so
err_has "eligible_expenses"
err_has "has no field 'eligible_expenses': plugin kigyo_shien reads it as yen"
