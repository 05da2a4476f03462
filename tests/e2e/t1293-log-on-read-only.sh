# The write-ahead log is kept between commands, so the latest cases may
# be in intake.db-wal only.  A copy of intake.db and its log on a
# read-only medium (without the -shm, which SQLite cannot then make) is
# read as a snapshot of intake.db alone: intake says the log is not read.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
needs_sqlite "SQLite's write-ahead log on a read-only medium"
make_plugin_dir every_callback
run 0 intake init
add() {
	intake add every_callback name="$1" birth_date=1990-01-01 \
		kind=person amount=1 topics=work consent=yes \
		received_on=2026-06-01 >/dev/null || fail "add $1"
}
add A
add B
[ -s intake.db-wal ] || fail "no write-ahead log kept beside the database"
if ! unshare -r -m true 2>/dev/null; then
	echo "t1293: no user namespaces here: not run" >&2
	exit 0
fi
# list_read_only DIR: intake list of DIR/intake.db with DIR mounted
# read-only; list.out, list.err, list.status.
list_read_only() {
	cat >inside.sh <<SH
mount --bind $1 $1 && mount -o remount,ro,bind $1 $1 || exit 99
"$INTAKE_BIN" -c "$SCRATCH/intake.ini" -d $1/intake.db list \
	>list.out 2>list.err
echo \$? >list.status
SH
	unshare -r -m sh inside.sh || fail "read-only mount"
}
mkdir ro && cp intake.db intake.db-wal ro/ && chmod 755 ro
list_read_only ro
same 0 "$(cat list.status)" "list on a read-only medium: $(cat list.err)"
# init left its schema in the file; the cases are in the log only
grep -q TST-2026-000001 list.out && fail "a case read from the log: $(cat list.out)"
grep -q "read-only directory or medium" list.err ||
	fail "no word on the snapshot: $(cat list.err)"
grep -q "db-wal' (the write-ahead log) cannot be read there" list.err ||
	fail "no word on the log: $(cat list.err)"

# A backup is one file: read there in full, with no word on a log.
rm -rf ro2 && mkdir ro2 && chmod 755 ro2
run 0 intake backup ro2/intake.db
list_read_only ro2
same 0 "$(cat list.status)" "list of the backup: $(cat list.err)"
grep -q TST-2026-000002 list.out || fail "the backup lacks the last case"
grep -q "write-ahead log" list.err && fail "a log named: $(cat list.err)"
exit 0
