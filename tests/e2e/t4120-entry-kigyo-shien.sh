# The counter entry of kigyo_shien: line editing over Japanese, a field
# skipped by `when`, `.` to stop keeping the draft, `?` help.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
run 0 intake init
pty_start "$INTAKE_BIN" -d "$DB" --lang en new kigyo_shien
pty_wait "[1/"
# Backspace removes a whole Japanese character; cursor keys move.
pty_key -l '起業 花子子'
pty_key BSpace
pty_key Left Left
pty_key -l '新'
pty_key End Enter
pty_wait "[2/"; pty_type 'キギョウ ハナコ'
pty_wait "[3/"; pty_type '?'
pty_wait "2020-04-01"
pty_type R2.4.1
pty_wait "[4/"; pty_type 0300801
pty_wait "[5/"; pty_type 青森市
pty_wait "[6/"; pty_type 0177341111
pty_wait "[7/"; pty_type ''
pty_wait "[8/"; pty_type '.'
pty_wait "draft 1 is kept"
pty_exited 0
pty_stop
same 1 "$(sql 'select count(*) from drafts')" "draft kept"
same 0 "$(sql 'select count(*) from applications')" "nothing saved yet"

pty_start "$INTAKE_BIN" -d "$DB" --lang en resume 1
pty_wait "[8/"; pty_type 1
# stage idea: opening_on (9) is skipped, legal_form (10) comes next.
pty_wait "[10/"
pty_screen | grep -q "\[9/" && fail "opening_on asked at stage idea"
pty_type 2
pty_wait "[11/"; pty_type 'りんご加工'
pty_wait "[12/"; pty_type '３，０００，０００'
pty_wait "[13/"; pty_type はい
pty_wait "1,500,000"
pty_type y
pty_wait "KGY-2026-000001"
pty_exited 0

run 0 intake show KGY-2026-000001 --format json
json() { python3 -c "import json; print(json.load(open('$SCRATCH/out'))$1)"; }
same '起業 新花子' "$(json "['answers']['name']")" "edited line"
same 2020-04-01 "$(json "['answers']['birth_date']")" "R2.4.1"
same kabushiki "$(json "['answers']['legal_form']")" "choice by number"
same 1500000 "$(json "['answers']['requested_amount']")" "derived"
