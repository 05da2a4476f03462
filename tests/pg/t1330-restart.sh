# PostgreSQL crashes (pg_ctl restart -m immediate) while 8 writers add
# cases: every add that printed its receipt is stored, receipts are
# unique and gap-free, nothing is half-written, verify is clean; an add
# cut off exits 75 (try again later) saying the server was lost, and
# adds work again once the server is back.  A cluster of its own: the
# shared one serves the other tests meanwhile.  PostgreSQL only: make
# test-pg runs tests/pg/t[0-9]*.sh with the end-to-end suite.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
[ -n "$PG_DATABASE" ] || {
	echo "SKIP $TEST_NAME: PostgreSQL only (make test-pg)"
	exit 77
}
CLUSTER="$INTAKE_SOURCE/tests/pg/cluster.sh"
own="$SCRATCH/pg"
sh "$CLUSTER" start "$own" >cluster.out 2>&1 || fail "no cluster: $(cat cluster.out)"
trap 'sh "$CLUSTER" stop "$own" >/dev/null 2>&1; scratch_cleanup' EXIT
createdb -h "$own/socket" -U intake faults || fail "createdb"
db="postgresql:///faults?host=$own/socket&user=intake"
use_programmes
run 0 "$INTAKE_BIN" -d "$db" init

# writer W N: N adds; each line of W.log is "EXIT RECEIPT-or-empty".
writer() {
	i=0
	while [ $i -lt "$2" ]; do
		"$INTAKE_BIN" -d "$db" add shogai_shuro name="書込 $1-$i" \
			name_kana=カキコミ birth_date=2000-10-10 \
			postal_code=030-0801 address=青森市新町1-1 \
			phone=090-1234-5678 disability_kinds=developmental \
			handbooks=none course=knowledge weekly_hours=0 \
			received_on=2025-07-01 >"w$1.$i.out" 2>"w$1.$i.err"
		echo "$? $(head -1 "w$1.$i.out")" >>"w$1.log"
		i=$((i + 1))
	done
}
w=1
while [ $w -le 8 ]; do
	writer $w 30 &
	w=$((w + 1))
done
# the crash once some adds are in
i=0
until [ "$(cat w*.log 2>/dev/null | wc -l)" -ge 24 ]; do
	i=$((i + 1))
	[ $i -gt 600 ] && fail "the writers never started"
	sleep 0.05
done
sh "$CLUSTER" restart "$own" immediate >restart.out 2>&1 ||
	fail "restart: $(cat restart.out)"
wait

psql_q() {
	psql -X -A -t -q -v ON_ERROR_STOP=1 -d "$db" -c "$1"
}
cat w*.log >all.log
acked=$(awk '$1 == 0 { print $2 }' all.log | sort)
[ -n "$acked" ] || fail "no add succeeded"
failed=$(awk '$1 != 0' all.log | wc -l)
other=$(awk '$1 != 0 && $1 != 75' all.log | wc -l)
same 0 "$other" "adds that failed other than with 75"
[ "$failed" -gt 0 ] || echo "note: no add was cut off by the restart"
for f in w*.err; do
	[ -s "$f" ] || continue
	grep -q "PostgreSQL\|server" "$f" ||
		fail "an add failed without naming the server: $(cat "$f")"
done
stored=$(psql_q "SELECT receipt FROM applications ORDER BY receipt")
for r in $acked; do
	printf '%s\n' "$stored" | grep -qx "$r" ||
		fail "acknowledged $r is not stored"
done
n=$(printf '%s\n' "$stored" | wc -l)
same "$n" "$(psql_q "SELECT count(DISTINCT receipt) FROM applications")" \
	"receipts unique"
same "$n" "$(psql_q "SELECT max(right(receipt, 6)::int) FROM applications")" \
	"receipts gap-free"
same 0 "$(psql_q "SELECT count(*) FROM applications a WHERE NOT EXISTS
	(SELECT 1 FROM answers w WHERE w.application_id = a.id)")" \
	"applications without answers"
same "$n" "$(psql_q "SELECT count(*) FROM audit WHERE action = 'add'")" \
	"one audit row per case"
run 0 "$INTAKE_BIN" -d "$db" verify
out_has "all match"
run 0 "$INTAKE_BIN" -d "$db" add shogai_shuro name=再開 name_kana=サイカイ \
	birth_date=2000-10-10 postal_code=030-0801 address=青森市新町1-1 \
	phone=090-1234-5678 disability_kinds=developmental handbooks=none \
	course=knowledge weekly_hours=0 received_on=2025-07-01
same "SGS-2025-$(printf '%06d' $((n + 1)))" "$(head -1 out)" \
	"the next receipt after the restart"
