# A plugin that crashes inside validate does not take the typed answers
# with it: the draft is still there and intake resume shows it.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir crash_validate
run 0 intake init
pty_start "$INTAKE_BIN" -d "$SCRATCH/intake.db" new crash_validate
pty_wait "[1/2]"; pty_type '故障 三郎'
pty_wait "[2/2]"; pty_type 'こしょう さぶろう'
pty_wait "[exit "
pty_screen | grep -q "\[exit 0\]" && fail "a crash reported success"
same 0 "$(sql 'select count(*) from applications')" "nothing stored"
same "故障 三郎|コショウ　サブロウ" \
	"$(sql "select group_concat(value, '|') from (select value from draft_answers where field in ('name', 'name_kana') order by field)")" \
	"typed answers kept in the draft"
run 0 intake resume
out_has crash_validate
out_has name_kana
if pty_screen | grep -q "\[exit 70\]"; then
	pty_screen | grep -qF "intake resume 1" || fail "no way back offered"
fi
