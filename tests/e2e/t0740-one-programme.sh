#!/bin/sh
# A command about one case or one programme reads that programme's form
# only: another programme's broken form does not stop add, show or
# outcome of this one, while programs (every programme) still refuses it.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes
export INTAKE_TODAY=2026-11-30
mkdir forms
cp "$INTAKE_SOURCE"/forms/*.ini forms/
sed -i "s#^form_dir = .*#form_dir = $SCRATCH/forms#" "$INTAKE_CONFIG"
run 0 intake init

printf '\n[field.broken]\ntype = nonsense\n' >>forms/kigyo_shien.ini

run 0 intake add shogai_shuro name=受講者 name_kana=ジュコウシャ \
	birth_date=1995-01-01 postal_code=0300801 address=青森市 \
	phone=0177221111 disability_kinds=intellectual handbooks=ryoiku \
	ryoiku_grade=b2 course=knowledge weekly_hours=0
receipt=$(head -1 out)
same SGS-2026-000001 "$receipt" "add of another programme"
run 0 intake show "$receipt"
out_has "受講者"
run 0 intake outcome "$receipt" applied --date 2026-11-30
same 1 "$(sql "select count(*) from outcomes")" "outcome recorded"

# The broken form is still found by whatever needs every programme, and
# by its own programme, naming the file.
run 78 intake programs
err_has "kigyo_shien.ini"
run 78 intake add kigyo_shien name=x
err_has "kigyo_shien.ini"
same 1 "$(sql "select count(*) from applications")" "nothing more stored"
