# A programme rule fails after the last question: the rule is named and
# the counter jumps to the field to fix it.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
export INTAKE_TODAY=2026-11-22
run 0 intake init
pty_start "$INTAKE_BIN" -d "$DB" --lang en new uij_turn
n=1
for a in '青森 太郎' アオモリタロウ 1990-04-01 0300801 青森市 0177341111 '' \
	東京都 2026-06-01 1 0 y 3 y y y 40; do
	pty_wait "[$n/18]"
	pty_type "$a"
	n=$((n + 1))
done
pty_wait "[18/18]"
pty_type 2026-06-01
pty_wait "grant_tokyo23_years"
pty_wait "number of the field to fix"
pty_type 1
pty_wait "current answer: 3"
pty_type 7
pty_wait "save this application?"
pty_type y
pty_wait "UIJ-2026-000001"
pty_exited 0
run 0 intake show UIJ-2026-000001 --format json
out_has '"tokyo23_years": 7'
out_has '"grant_amount": 600000'
