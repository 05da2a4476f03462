# The counter entry on a terminal: a whole uij_turn case, a wrong answer
# refused and corrected, back with <, the summary with the grant, the
# receipt.  Prints the keystrokes a whole entry costs.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
run 0 intake init
pty_start "$INTAKE_BIN" -d "$DB" --lang en new uij_turn

q() { # q N ANSWER: wait for question N, answer it
	pty_wait "[$1/18]"
	pty_type "$2"
}
q 1 '青森 太郎'
q 2 'あおもり たろう'
q 3 平成2年4月1日
q 4 0300801
q 5 青森市新町1-1
q 6 0177341111
q 7 ''
q 8 13
q 9 2026-06-01
q 10 2
q 11 1
q 12 y
q 13 6
# A wrong answer is refused at once and asked again.
q 14 maybe
pty_wait "Last year before moving continuous 'maybe'"
pty_type y
q 15 y
# Back to the previous question, and forward again.
pty_wait "[16/18]"
pty_type '<'
pty_wait "current answer: yes"
pty_type y
q 16 y
q 17 40
q 18 2026-06-01
pty_wait "2,000,000"
pty_wait "save this application?"
pty_type y
pty_wait "UIJ-2026-000001"
pty_exited 0

run 0 intake show UIJ-2026-000001 --format json
json() { python3 -c "import json; print(json.load(open('$SCRATCH/out'))$1)"; }
same 2000000 "$(json "['answers']['grant_amount']")" "grant amount"
same 13 "$(json "['answers']['moved_from']")" "prefecture code"
same 1990-04-01 "$(json "['answers']['birth_date']")" "和暦 birth date"
same 0 "$(sql 'select count(*) from drafts')" "draft removed when saved"
echo "keystrokes for a whole uij_turn entry: $KEYSTROKES" >&2
