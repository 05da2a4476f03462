#!/bin/sh
# The template programme end to end: it loads among the others, refuses
# a case its rules refuse, takes one, and records its outcomes in order.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en
export INTAKE_TODAY=2026-05-03
export INTAKE_DEBUG=1 # problems also in their one-line form, with rule ids

run 0 intake plugin check "$INTAKE_BUILD/plugins/template.so"
out_has "programme id: template"
run 0 intake form template
out_has "birth_date"
out_has "employed"

run 0 intake init
person="name=青森太郎 name_kana=アオモリタロウ postal_code=030-8570
	address=青森市長島1-1-1 phone=017-722-1111"
# shellcheck disable=SC2086 # person is a list of FIELD=VALUE words
run 65 intake add template $person birth_date=2010-01-01 \
	household=single grant_requested=no received_on=2026-05-01
err_has "rule min_age"
same 0 "$(sql 'select count(*) from applications')" "refused, nothing stored"

# shellcheck disable=SC2086
run 0 intake add template $person birth_date=1990-04-01 \
	household=household grant_requested=yes bank_branch=本店 \
	received_on=2026-05-01
receipt=$(head -1 "$SCRATCH/out")
case $receipt in
TPL-2026-*) ;;
*) fail "receipt '$receipt', expected TPL-2026-…" ;;
esac

run 65 intake outcome "$receipt" employed --date 2026-05-02
err_has "template_employed_after_consulted"
run 0 intake outcome "$receipt" consulted --date 2026-05-02
run 0 intake outcome "$receipt" employed --date 2026-05-03
run 0 intake show "$receipt" --format json
out_has '"status": "employed"'
