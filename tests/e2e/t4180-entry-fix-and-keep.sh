# At the counter: Enter keeps the current answer and - clears an
# optional one; after a rule about two dates fails, staff choose which
# one to fix, and a reply that is not a number is asked again.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
run 0 intake init
pty_start "$INTAKE_BIN" -d "$DB" --lang en new jigyo_shokei
q() { # q N ANSWER: wait for question N, answer it
	pty_wait "[$1/19]"
	pty_type "$2"
}
q 1 '山田 太郎'
q 2 'やまだ たろう'
q 3 1975-04-01
q 4 030-8570
q 5 青森市長島1-1-1
q 6 017-722-1111
q 7 taro@example.jp
# Back: the answer is shown, and Enter keeps it.
pty_wait "[8/19]"
pty_type '<'
pty_wait "current answer: taro@example.jp"
pty_type ''
pty_wait "[8/19]"
pty_type '?'
pty_wait "Enter keep the current answer"
pty_wait "for example: yes"
# Back again: still there; - clears it (optional).
pty_type '<'
pty_wait "current answer: taro@example.jp"
pty_type '-'
q 8 no
q 9 7000012050002
q 10 山田製作所
q 11 ヤマダセイサクショ
q 12 E
q 13 12
q 14 1960-06-15
q 15 candidate
q 16 family
q 17 pre
q 18 2020-06-01
q 19 2020-05-31
# One sentence naming both dates; either can be chosen.
pty_wait "plan date must be on or after the diagnosis date"
pty_wait "1) Diagnosis date"
pty_wait "2) Plan date"
pty_type x
pty_wait "choose a number from 1 to 2"
pty_type 2
pty_wait "current answer: 2020-05-31"
pty_type 2020-06-02
pty_wait "save this application?"
pty_type y
pty_wait "JGS-2026-000001"
pty_exited 0
run 0 intake show JGS-2026-000001 --format json
out_has '"plan_on": "2020-06-02"'
out_lacks '"email"'
