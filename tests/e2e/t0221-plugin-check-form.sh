#!/bin/sh
# plugin check --form FILE: a form not yet installed, loaded and shown,
# or refused with every problem (78).
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en

run 0 intake plugin check --form "$INTAKE_SOURCE/forms/uij_turn.ini"
out_has "form id: uij_turn"
out_has "version: "
out_has "first fiscal year: 2019 (received_on and outcome dates from \
2019-04-01)"
out_has "  grant_household = "
out_has "  name  text  required pii"
out_has "  household  choice  required  choices single, household"
out_has "when grant_requested = yes"
out_has "  grant_amount  yen  derived"
out_has "received_on: 2019-04-01 to today"
out_has "outcome dates: by default received_on to today; [outcome.<code>] \
sections: 2"
out_has "  employed  received_on - 2 years to today"
out_has "uij_turn.ini: ok"

# Anywhere, without a configuration or plugins.
mkdir elsewhere
cat >elsewhere/mine.ini <<'INI'
[form]
id = mine
version = 2

[field.email]
type = email
label_ja = メール
required = no

[field.visits]
type = multi
label_ja = 来所
choices = a, b, none
exclusive = none
INI
run 0 intake plugin check --form elsewhere/mine.ini
out_has "form id: mine"
out_has "rules: 0"
out_has "fields: 2"
out_has "  email  email  optional"
out_has "  visits  multi  required  choices a, b, none"
out_lacks "first fiscal year"

# Every problem, then refused.
cat >elsewhere/bad.ini <<'INI'
[form]
id = Bad
version = 0

[field.x]
type = nope
label_ja = x

[outcome.employed]
min = yesterday
INI
run 78 intake plugin check --form elsewhere/bad.ini
err_has "[form] id"
err_has "[form] version"
err_has "[field.x] type: unknown type (given 'nope'"
err_has "elsewhere/bad.ini: the form is refused"
[ -s "$SCRATCH/out" ] && fail "a refused form printed: $(cat out)"
run 78 intake plugin check --form elsewhere/none.ini
err_has "none.ini"

# Usage: --form with a plugin file, or without its value.
run 64 intake plugin check --form elsewhere/mine.ini plugins/x.so
err_has "usage: intake plugin check [FILE.so | --form FILE.ini]"
run 64 intake plugin check --form
run 64 intake plugin check a.so b.so
exit 0
