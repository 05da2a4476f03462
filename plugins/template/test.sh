#!/bin/sh
# The template programme end to end, against an installed intake: load
# it, refuse a case its rules refuse, add one, record its outcomes.
#   sh test.sh PLUGIN.so [FORM.ini]
# PLUGIN.so is the built plugin; FORM.ini defaults to forms/template.ini
# two folders up (plugins/template/../../forms); intake is $INTAKE, else
# the one on PATH.  Prints "ok" and exits 0, or says what failed.
set -u
plugin=${1:?usage: sh test.sh PLUGIN.so [FORM.ini]}
form=${2:-$(dirname "$0")/../../forms/template.ini}
intake=${INTAKE:-intake}
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT

fail() {
	echo "FAIL template: $*" >&2
	sed 's/^/  /' "$scratch/out" "$scratch/err" >&2
	exit 1
}

# run STATUS ARG…: intake with ARG…, which must exit STATUS.
run() {
	want=$1
	shift
	"$intake" "$@" >"$scratch/out" 2>"$scratch/err"
	got=$?
	[ "$got" = "$want" ] || fail "intake $* exited $got, expected $want"
}

has() {
	grep -qF -- "$1" "$scratch/out" "$scratch/err" || fail "no '$1'"
}

chmod 755 "$scratch"
mkdir "$scratch/plugins" "$scratch/forms" || exit 1
cp "$plugin" "$scratch/plugins/template.so" || exit 1
cp "$form" "$scratch/forms/template.ini" || exit 1
chmod 755 "$scratch/plugins" "$scratch/forms" "$scratch/plugins/template.so"
cat >"$scratch/intake.ini" <<'INI'
[intake]
database = intake.db
plugin_dir = plugins
form_dir = forms
language = en
INI
export INTAKE_CONFIG="$scratch/intake.ini" INTAKE_STAFF=test
export INTAKE_TODAY=2026-05-03
export INTAKE_DEBUG=1 # problems also in their one-line form, with rule ids

run 0 plugin check "$scratch/plugins/template.so"
has "programme id: template"
run 0 init
person="name=青森太郎 name_kana=アオモリタロウ postal_code=030-8570
	address=青森市長島1-1-1 phone=017-722-1111"
# shellcheck disable=SC2086 # person is a list of FIELD=VALUE words
run 65 add template $person birth_date=2010-01-01 household=single \
	grant_requested=no received_on=2026-05-01
has "min_age"
# shellcheck disable=SC2086
run 0 add template $person birth_date=1990-04-01 household=household \
	grant_requested=yes bank_branch=本店 received_on=2026-05-01
receipt=$(head -1 "$scratch/out")
case $receipt in
TPL-2026-*) ;;
*) fail "receipt '$receipt', expected TPL-2026-…" ;;
esac
run 65 outcome "$receipt" employed --date 2026-05-02
has "template_employed_after_consulted"
run 0 outcome "$receipt" consulted --date 2026-05-02
run 0 outcome "$receipt" employed --date 2026-05-03
run 0 show "$receipt" --format json
has '"status": "employed"'
echo "ok template"
