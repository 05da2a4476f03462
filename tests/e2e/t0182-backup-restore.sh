# intake backup while four counters write, then restore: every case
# committed before the backup began is in the copy, and it verifies.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
needs_sqlite "intake backup and restore of the SQLite file"
make_plugin_dir every_callback
run 0 intake init
writer() {
	i=0
	while [ $i -lt 40 ]; do
		receipt=$(intake add every_callback name="w$1-$i" \
			birth_date=1990-01-01 kind=person amount=$i \
			topics=work consent=yes received_on=2026-06-01) &&
			echo "$receipt" >>"receipts.$1"
		i=$((i + 1))
	done
}
for w in 1 2 3 4; do writer $w & done
while [ "$(cat receipts.* 2>/dev/null | wc -l)" -lt 20 ]; do sleep 0.05; done
cat receipts.* >before-backup
run 0 intake backup backup.db
out_has "audit chain:"
out_has "audit head hash:"
wait
same 600 "$(stat -c %a backup.db)" "backup mode"
[ -e backup.db-wal ] && fail "the backup is not a single file"
sqlite3 backup.db "select receipt from applications" | sort >in-backup
sort -u before-backup | comm -23 - in-backup >lost
[ -s lost ] && fail "committed before the backup but not in it: $(cat lost)"
same 160 "$(sql 'select count(*) from applications')" "all writers' cases"
run 0 "$INTAKE_BIN" -d backup.db verify

# Never over an existing file unless told; never through a symlink.
run 73 intake backup backup.db
err_has "add --force"
run 0 intake backup backup.db --force
ln -s elsewhere.db link.db
run 73 intake backup link.db
[ -e elsewhere.db ] && fail "backup followed a symlink"

# Restore into an empty database: no question to ask.
run 0 "$INTAKE_BIN" -d fresh.db init
run 0 "$INTAKE_BIN" -d fresh.db restore backup.db
out_has "restored database 'fresh.db'"
same 160 "$(sqlite3 fresh.db 'select count(*) from applications')" "restored"
run 0 "$INTAKE_BIN" -d fresh.db verify

# Over a database holding cases: only with --force, keeping it beside.
run 0 intake add every_callback name=late birth_date=1990-01-01 \
	kind=person amount=1 topics=work consent=yes received_on=2026-06-01
run 64 intake restore backup.db
err_has "add --force"
same 161 "$(sql 'select count(*) from applications')" "nothing replaced without --force"
run 0 intake restore backup.db --force
out_has "kept what the database held in"
kept=$(ls intake.db.before-restore-*)
same 161 "$(sqlite3 "$kept" 'select count(*) from applications')" "kept copy"
same 160 "$(sql 'select count(*) from applications')" "restored copy"

# A copy that fails its checks is never restored.
cp backup.db bad.db
sqlite3 bad.db "drop trigger audit_no_update;
	update audit set staff = 'x' where id = 5" || fail "tamper"
run 65 intake restore bad.db --force
err_has "is not restored; the database is unchanged"
run 0 intake verify
