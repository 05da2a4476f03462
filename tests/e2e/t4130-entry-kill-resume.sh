# Nothing typed is lost: kill -9 half-way, then intake resume completes
# the same case with the earlier answers intact.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
run 0 intake init
pty_start "$INTAKE_BIN" -d "$DB" --lang en new shogai_shuro
pty_wait "[1/"; pty_type '障害 一郎'
pty_wait "[2/"; pty_type 'ショウガイ イチロウ'
pty_wait "[3/"; pty_type 1988-08-08
pty_wait "[4/"; pty_type 〒０３０－０８０１
pty_wait "[5/"
# The process dies without warning while question 5 is on the screen.
db_pattern=$(printf '%s' "$DB" | sed 's/[].[\*^$?+(){}|]/\\&/g')
pkill -9 -f -- "$db_pattern --lang en new" || fail "no process to kill"
pty_exited 137
pty_stop

TZ=JST-9 run 0 intake --lang en resume
out_has "障害 一郎"
out_has "Employment of people with disabilities"
out_has "Postal code"
out_has tester
# times in local time (here JST, UTC+9), not UTC
started=$(sql "select started_at from drafts")
local=$(TZ=JST-9 date -d "$started" '+%Y-%m-%d %H:%M')
out_has "$local"
id=$(sed -n 2p out | cut -d, -f1)
same 1 "$id" "draft id"

pty_start "$INTAKE_BIN" -d "$DB" --lang en resume "$id"
pty_wait "resuming draft 1"
pty_wait "[5/"
pty_type '!'
pty_wait "ショウガイ　イチロウ"
pty_type 青森市長島1-1-1
pty_wait "[6/"; pty_type 017-722-1111
pty_wait "[7/"; pty_type ''
pty_wait "[8/"; pty_type 1
pty_wait "[9/"; pty_type physical
pty_wait "[10/"; pty_type 3
pty_wait "[13/"; pty_type 1
pty_wait "[14/"; pty_type 30
pty_wait "save this application?"
pty_type ''
pty_wait "SGS-2026-000001"
pty_exited 0

run 0 intake show SGS-2026-000001 --format json
json() { python3 -c "import json; print(json.load(open('$SCRATCH/out'))$1)"; }
same '障害 一郎' "$(json "['answers']['name']")" "answer typed before the kill"
same 1988-08-08 "$(json "['answers']['birth_date']")" "answer typed before the kill"
same 0300801 "$(json "['answers']['postal_code']")" "answer typed before the kill"
same 3 "$(json "['answers']['physical_grade']")" "answer after resume"
same 0 "$(sql 'select count(*) from drafts')" "draft gone once saved"
run 66 intake resume 1
