# A plugin that crashes inside validate does not take the typed answers
# with it: the draft is still there and intake resume shows it.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir crash_validate
run 0 intake init
pty_start "$INTAKE_BIN" -d "$DB" new crash_validate
pty_wait "[1/2]"; pty_type '故障 三郎'
pty_wait "[2/2]"; pty_type 'こしょう さぶろう'
pty_wait "[exit "
pty_screen | grep -q "\[exit 0\]" && fail "a crash reported success"
same 0 "$(sql 'select count(*) from applications')" "nothing stored"
same "故障 三郎|コショウ　サブロウ" \
	"$(sql "select value from draft_answers where field in ('name', 'name_kana') order by field" | paste -sd '|' -)" \
	"typed answers kept in the draft"
run 0 intake resume
out_has "故障 三郎"
out_has "Crashes in validate" # the plugin's title
if pty_screen | grep -q "\[exit 70\]"; then
	pty_screen | grep -qF "intake resume 1" || fail "no way back offered"
fi

# A draft staff give up on is discarded, and the audit keeps it.
run 65 intake resume --discard 1 --reason "$(printf 'x\033[2Jy')"
same 1 "$(sql 'select count(*) from drafts')" "kept after a refused reason"
run 64 intake resume --discard one
run 0 intake resume --discard 1 --reason "二重に入力したため"
out_has "discarded draft 1"
same 0 "$(sql 'select count(*) from drafts')" "draft gone"
same 0 "$(sql 'select count(*) from draft_answers')" "its answers gone"
same "tester|二重に入力したため|故障 三郎" \
	"$(sql "select staff from audit where action = 'discard_draft'")|$(sql "select \"after\" from audit where action = 'discard_draft'" | json_get reason)|$(sql "select \"before\" from audit where action = 'discard_draft'" | json_get answers.name)" \
	"audited with its answers"
run 66 intake resume --discard 1
run 0 intake verify
