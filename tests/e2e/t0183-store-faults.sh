# Faults of the medium: read-only, disk full, a lock held too long.
# Each gets its own exit status and a clear message; nothing is lost.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
needs_sqlite "SQLite's lock, the file on a read-only or full medium"
make_plugin_dir every_callback
add() {
	intake add every_callback name="$1" birth_date=1990-01-01 kind=person \
		amount=1 topics=work consent=yes received_on=2026-06-01
}
run 0 intake init
run 0 add A

# A lock held past the deadline: 75, nothing stored.
python3 - "$SCRATCH/intake.db" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("begin immediate")
open(sys.argv[1] + ".locked", "w").close()
time.sleep(4)
db.execute("rollback")
PY
locker=$!
while [ ! -e intake.db.locked ]; do sleep 0.05; done
INTAKE_BUSY_SECONDS=1 run 75 add B
err_has "busy with another process for 1 seconds"
wait $locker
same 1 "$(sql 'select count(*) from applications')" "nothing stored while busy"
INTAKE_BUSY_SECONDS=soon run 0 add C
err_has "INTAKE_BUSY_SECONDS 'soon' is not a number of seconds"

# Mounts need a user namespace of our own; say so if there is none.
if ! unshare -r -m true 2>/dev/null; then
	echo "t0183: no user namespaces here: read-only and disk-full cases not run" >&2
	exit 0
fi

# Read-only: the reading commands work (and say how); writing is 77.
# (one file: the write-ahead log folded in first)
sql "pragma wal_checkpoint(truncate)" >/dev/null
mkdir ro && cp intake.db ro/ && chmod 755 ro
cat >inside.sh <<SH
mount --bind ro ro && mount -o remount,ro,bind ro || exit 99
cd ro
"$INTAKE_BIN" -c "$SCRATCH/intake.ini" -d intake.db list >../list.out 2>../list.err
echo \$? >../list.status
"$INTAKE_BIN" -c "$SCRATCH/intake.ini" -d intake.db verify >/dev/null 2>&1
echo \$? >../verify.status
"$INTAKE_BIN" -c "$SCRATCH/intake.ini" -d intake.db add every_callback \
	name=D birth_date=1990-01-01 kind=person amount=1 topics=work \
	consent=yes received_on=2026-06-01 >/dev/null 2>../add.err
echo \$? >../add.status
SH
unshare -r -m sh inside.sh || fail "read-only mount"
same 0 "$(cat list.status)" "list on a read-only medium"
grep -q "TST-2026-000002" list.out || fail "list lacks the cases"
grep -q "read-only directory or medium" list.err || fail "no word on the snapshot"
grep -q "no permission" list.err && fail "a reading command complained: $(cat list.err)"
same 0 "$(cat verify.status)" "verify on a read-only medium"
same 77 "$(cat add.status)" "add on a read-only medium: $(cat add.err)"
grep -q "no permission to write" add.err || fail "add.err: $(cat add.err)"

# Disk full: 74, the message says so, the database is whole.
mkdir small
sql "select receipt from applications" >full.receipts
cat >full.sh <<SH
mount -t tmpfs -o size=1m tmpfs small || exit 99
cp intake.db small/ || exit 98
i=0; status=0
while [ \$i -lt 400 ] && [ \$status = 0 ]; do
	"$INTAKE_BIN" -c "$SCRATCH/intake.ini" -d small/intake.db add \
		every_callback name="full \$i padding padding padding padding" \
		birth_date=1990-01-01 kind=person amount=1 topics=work \
		consent=yes received_on=2026-06-01 >>full.receipts 2>full.err
	status=\$?
	i=\$((i + 1))
done
echo \$status >full.status
"$INTAKE_BIN" -c "$SCRATCH/intake.ini" -d small/intake.db verify \
	>/dev/null 2>verify.err
echo \$? >full.verify
mkdir after && cp small/intake.db* after/
SH
unshare -r -m sh full.sh || fail "tmpfs"
same 74 "$(cat full.status)" "add on a full disk"
grep -q "the disk is full" full.err || fail "full.err: $(cat full.err)"
same 0 "$(cat full.verify)" "verify after the disk filled: $(cat verify.err)"
sqlite3 after/intake.db "select receipt from applications" >full.stored
[ "$(wc -l <full.receipts)" -gt 6 ] || fail "the disk filled too soon"
same "$(sort full.receipts)" "$(sort full.stored)" "every printed receipt stored"
same ok "$(sqlite3 after/intake.db 'pragma integrity_check')" "integrity after"
