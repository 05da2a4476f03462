# Input meant to harm: NUL bytes and huge lines at the counter, terminal
# escapes echoed in messages, unchecked staff names and notes.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
export LANG=en_US.UTF-8 # messages before the configuration is read
use_programmes
run 0 intake init

# A NUL byte in a scripted answer: refused (65), never cut at the NUL.
printf '佐藤\000太郎\n' >nul.txt
run 65 intake new kigyo_shien <nul.txt
err_has "name: the answer holds a NUL byte (\\0); nothing stored"
same 0 "$(sql 'select count(*) from applications')" "nothing stored"
same 0 "$(sql 'select count(*) from drafts')" "no draft"

# A 70 MB line: refused as data (65) with the field's limit, not 70.
python3 -c "import sys; sys.stdout.write('a' * 70000000 + '\n')" >huge.txt
run 65 intake new kigyo_shien <huge.txt
err_has "name: the answer is too long (at most 100 characters)"
same 0 "$(sql 'select count(*) from applications')" "nothing stored"

# Escape sequences in what is echoed back: shown, never sent.
esc=$(printf '\033]0;owned\007\033[2J')
run 66 intake show "X${esc}Y"
grep -q "$(printf '\033')" err && fail "an ESC reached the terminal"
err_has 'X\x1b]0;owned\x07\x1b[2JY'
run 65 intake add kigyo_shien "name=山田${esc}" name_kana=ヤマダ
grep -q "$(printf '\033')" err && fail "an ESC reached the terminal"
err_has 'U+001B'

# INTAKE_STAFF goes into every audit row: checked like a text field.
INTAKE_STAFF="bob$(printf '\033')[31m" run 78 intake list
err_has "INTAKE_STAFF:"
err_has "U+001B (control character)"
INTAKE_STAFF="$(printf 'a\342\200\256b')" run 78 intake list
err_has "U+202E (bidi control)"
INTAKE_STAFF="$(printf '\377\376')" run 78 intake list
err_has "INTAKE_STAFF:"
INTAKE_STAFF="$(python3 -c "print('x' * 10000)")" run 78 intake list
err_has "INTAKE_STAFF: 10000 characters; at most 64"
INTAKE_STAFF=佐藤 run 0 intake list
printf '[intake]\nstaff = "a\033b"\n' >bad.ini
INTAKE_STAFF= run 78 "$INTAKE_BIN" -c bad.ini -d "$DB" list
err_has "[intake] staff:"

# --note: safe text, a line or several, at most 1000 characters.
printf '%s\n' '起業 花子' 'キギョウ ハナコ' 1990-04-01 030-0801 青森市 \
	017-734-1111 '' 構想 sole 飲食 1000000 はい >case.txt
run 0 intake new kigyo_shien <case.txt
r=$(head -1 out)
run 65 intake outcome "$r" consulted --note "$(printf 'a\033[2Jb')"
err_has "--note:"
run 65 intake outcome "$r" consulted --note "$(printf 'x\342\200\256y')"
err_has "U+202E"
run 65 intake outcome "$r" consulted --note "$(printf '\377')"
run 65 intake outcome "$r" consulted --note "$(python3 -c "print('n' * 10000)")"
err_has "--note: 10000 characters; at most 1000"
same 0 "$(sql 'select count(*) from outcomes')" "no outcome stored"
run 0 intake outcome "$r" consulted --note "$(printf '電話で相談\n翌日に来所')"
same 1 "$(sql 'select count(*) from outcomes')" "a note of two lines"
run 0 intake verify

# A "today" that is no day is refused, not silently replaced.
INTAKE_TODAY=2026-02-30 run 64 intake outcome "$r" consulted
err_has "INTAKE_TODAY '2026-02-30' is not a real date"
INTAKE_TODAY=yesterday run 64 intake outcome "$r" consulted
