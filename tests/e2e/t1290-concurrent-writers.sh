# Many intake add processes at once (8, then 16): every add succeeds
# (no "busy" reaching the user), receipts are unique and gap-free per
# programme and fiscal year, verify is clean; the write-ahead log is
# kept between processes but stays small, and a backup holds every case.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en
export INTAKE_TODAY=2026-11-30
run 0 intake init

# add_case WRITER I: a shogai_shuro case, received in FY2025 (odd I) or
# FY2026 (even I); its receipt to receipts.WRITER, errors to errors.WRITER.
add_case() {
	if [ $(($2 % 2)) = 1 ]; then on=2026-03-31; else on=2026-04-01; fi
	intake add shogai_shuro name="書込$1-$2" name_kana=カキコミ \
		birth_date=2000-10-10 postal_code=030-0801 \
		address=青森県青森市新町1-1 phone=090-1234-5678 \
		email=w@example.jp disability_kinds=developmental \
		handbooks=none course=knowledge weekly_hours=0 \
		received_on=$on >>"receipts.$1" 2>>"errors.$1" ||
		echo "add $1-$2 exited $?" >>"errors.$1"
}

# writers N ADDS: N processes adding ADDS cases each, all at once.
writers() {
	w=1
	while [ $w -le "$1" ]; do
		(i=1; while [ $i -le "$2" ]; do add_case "$1.$w" $i;
			i=$((i + 1)); done) &
		w=$((w + 1))
	done
	wait
}

# gap_free PREFIX-FY COUNT: the receipts stored under PREFIX-FY- are
# 000001 .. COUNT, each once.
gap_free() {
	sql "select substr(receipt, length(receipt) - 5) from applications
		where receipt like '$1-%' order by 1" >seq.found
	seq -f %06.0f 1 "$2" >seq.expected
	cmp -s seq.expected seq.found ||
		fail "receipts of $1 are not 1..$2: $(diff seq.expected seq.found | head -5)"
}

writers 8 12
writers 16 6
cat errors.* >err 2>/dev/null
[ -s err ] && fail "some adds failed or printed on stderr"
total=$((8 * 12 + 16 * 6))
same $total "$(cat receipts.* | wc -l | tr -d ' ')" "receipts printed"
same $total "$(cat receipts.* | sort -u | wc -l | tr -d ' ')" \
	"unique receipts"
same $total "$(sql 'select count(*) from applications')" "cases stored"
same "$(cat receipts.* | sort)" \
	"$(sql 'select receipt from applications order by receipt')" \
	"the printed receipts are the stored ones"
half=$((total / 2))
gap_free SGS-2025 $half
gap_free SGS-2026 $half
same "2025|$half 2026|$half" "$(sql "select fiscal_year, last
	from receipt_sequences where programme = 'shogai_shuro'
	order by 1" | tr '\n' ' ' | sed 's/ $//')" "sequences at the last receipt"
per_case=$(sql 'select count(*) from answers where application_id = 1')
same $((total * per_case)) "$(sql 'select count(*) from answers')" \
	"every answer of every case"

run 0 intake verify
out_has "database integrity (quick_check): ok"
out_has "audit chain: $total rows, all match"

needs_sqlite "the rest: SQLite's write-ahead log, intake backup of the file"

# The log stays beside the database between processes, but a commit
# that leaves 200 or more frames in it folds it back: after one more
# add on its own it is under 200 frames of 4 KiB (plus that add's).
add_case last 1
[ -s errors.last ] && fail "the last add: $(cat errors.last)"
[ -e intake.db-wal ] || fail "the write-ahead log was not kept"
wal=$(stat -c %s intake.db-wal)
[ "$wal" -lt 1048576 ] || fail "the write-ahead log grew to $wal bytes"

# A backup holds every case (the log's included) in one file.
run 0 intake backup backup.db
[ -e backup.db-wal ] && fail "the backup is not a single file"
same $((total + 1)) "$(sqlite3 backup.db 'select count(*) from applications')" \
	"cases in the backup"
