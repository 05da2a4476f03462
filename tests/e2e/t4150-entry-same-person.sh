# The same person again: a uij_turn case, then a jigyo_shokei case (継業)
# with the same name_kana and birth_date is offered the link.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
run 0 intake init
run 0 intake add uij_turn name='移住 次郎' name_kana='イジュウ ジロウ' \
	birth_date=1985-05-05 postal_code=0300801 address=青森市 \
	phone=0177341111 moved_from=13 moved_in_on=2026-04-01 household=single \
	children_under_18=0 grant_requested=no received_on=2026-04-01
uij=$(head -1 out)
run 0 intake outcome "$uij" moved_in --date 2026-04-01

pty_start "$INTAKE_BIN" -d "$DB" --lang en new jigyo_shokei
pty_wait "[1/"; pty_type '移住 次郎'
pty_wait "[2/"; pty_type 'いじゅうじろう'
pty_wait "[3/"; pty_type 1985-05-05
pty_wait "[4/"; pty_type 0300801
pty_wait "[5/"; pty_type 青森市
pty_wait "[6/"; pty_type 0177341111
pty_wait "[7/"; pty_type ''
pty_wait "[8/"; pty_type yes
# sole proprietor: corporate_number (9) is skipped, company_name is 10.
pty_wait "[10/"
pty_screen | grep -q "Corporate number" && fail "corporate_number asked"
pty_type 'りんご園'
pty_wait "[11/"; pty_type 'リンゴエン'
pty_wait "[12/"; pty_type A
pty_wait "[13/"; pty_type 3
pty_wait "[14/"; pty_type 1950-01-01
pty_wait "[15/"; pty_type 1
pty_wait "[16/"; pty_type keigyo
pty_wait "[17/"; pty_type transfer
pty_wait "[18/"; pty_type ''
pty_wait "[19/"; pty_type ''
pty_wait "$uij"
pty_wait "moved_in"
pty_type 1
pty_wait "will be linked to $uij"
pty_wait "save this application?"
pty_type y
pty_wait "JGS-2026-000001"
pty_exited 0

run 0 intake show JGS-2026-000001 --format json
out_has "\"links\": [{\"receipt\": \"$uij\", \"programme\": \"uij_turn\"}]"
run 0 intake show "$uij" --format json
out_has '"receipt": "JGS-2026-000001"'
run 0 intake --lang en show JGS-2026-000001 --format table
out_has "linked application"
