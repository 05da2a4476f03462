# intake verify: integrity, counts and the audit hash chain; every kind
# of tampering with the audit is named; damage is never "not found".
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
needs_sqlite "tampering with copies of the SQLite file, a schema-2 file, a damaged page"
make_plugin_dir every_callback
add() {
	intake add every_callback name="$1" birth_date=1990-01-01 kind=person \
		amount=1 topics=work consent=yes received_on=2026-06-01 >/dev/null
}
run 0 intake init
for n in 1 2 3 4 5; do add "P$n" || fail "add $n"; done
run 0 intake outcome TST-2026-000002 contacted --date 2026-07-01
run 0 intake verify
out_has "database integrity (quick_check): ok"
out_has "counts match the recorded outcomes"
out_has "audit chain: 6 rows, all match"
head=$(sed -n 's/^audit head hash: \([0-9a-f]*\) .*/\1/p' out)
same 64 "${#head}" "head hash printed"
same "$head" "$(sql 'select hash from audit order by id desc limit 1')" "head is the last row's hash"

# The head an office wrote down stays in the chain as it grows.
add P6
run 0 intake verify --audit-hash "$head"
out_has "the recorded hash $head is in the audit chain"
run 65 intake verify --audit-hash "$(echo "$head" | tr 0-9a-f a-f0-9)"
err_has "is not in the audit chain"

# Tampering, each on a fresh copy: what verify says, and exit 65.
tamper() { # WHAT SQL EXPECTED
	# a copy with the write-ahead log's latest rows (not intake.db alone)
	intake backup t.db --force >/dev/null || fail "backup for $1"
	sqlite3 t.db "$2" || fail "tamper $1"
	run 65 "$INTAKE_BIN" -d t.db verify
	err_has "$3"
}
tamper "forged insert" "drop trigger audit_chained;
	insert into audit (id, at, staff, action, hash)
	values (8, '2026-06-02T00:00:00Z', 'x', 'add', '$head')" \
	"does not match at row 8"
tamper "edited row" "drop trigger audit_no_update;
	update audit set staff = 'someone' where id = 3" \
	"does not match at row 3"
tamper "deleted row" "drop trigger audit_no_delete;
	delete from audit where id = 2" "does not match at row 3"
tamper "rehashed row" "drop trigger audit_no_update;
	update audit set staff = 'x', hash = '$head' where id = 4" \
	"does not match at row 4"
tamper "dropped trigger" "drop trigger audit_no_delete" \
	"append-only triggers are missing"
# The triggers still stop the plain attempts.
run 19 sqlite3 intake.db "update audit set staff = 'x' where id = 1"
err_has "audit is append-only"
run 19 sqlite3 intake.db "insert into audit (at, action) values ('x', 'add')"
err_has "audit rows are chained"

# A database of schema 2 (before the chain) gets its rows sealed.
intake backup v2.db >/dev/null # with the write-ahead log's rows
sqlite3 v2.db "$UNDO_MIGRATION_10 $UNDO_MIGRATION_9 $UNDO_MIGRATION_8 $UNDO_MIGRATION_7 $UNDO_MIGRATION_6 $UNDO_MIGRATION_5
	drop table search_keys; drop index applications_sequence;
	drop index applications_received; drop index applications_status;
	drop index applications_office; drop index applications_staff;
	drop trigger audit_chained; drop trigger audit_no_update;
	alter table audit drop column hash;
	create trigger audit_no_update before update on audit
	begin select raise(abort, 'audit is append-only'); end;
	pragma user_version = 2" || fail "make a v2 database"
run 0 "$INTAKE_BIN" -d v2.db verify
out_has "audit chain: 7 rows, all match"
same 10 "$(sqlite3 v2.db 'pragma user_version')" "migrated"
same 0 "$(sqlite3 v2.db 'select count(*) from audit where hash is null')" "every row sealed"

# Damage: an index page overwritten.  verify and tally --verify say so;
# show never says the receipt does not exist.
page=$(sql "select rootpage from sqlite_schema where name = 'sqlite_autoindex_applications_1'")
size=$(sql "pragma page_size")
cp intake.db d.db
printf '\001\002\003\004\005\006\007\010%.0s' $(seq 64) |
	dd of=d.db bs=1 seek=$(((page - 1) * size + 8)) conv=notrunc 2>/dev/null
run 65 "$INTAKE_BIN" -d d.db verify
err_has "is damaged"
err_has "intake restore BACKUP"
run 65 "$INTAKE_BIN" -d d.db tally --verify
err_has "is damaged"
run 65 "$INTAKE_BIN" -d d.db show TST-2026-000003
err_has "is damaged, so whether 'TST-2026-000003' exists cannot be told"
