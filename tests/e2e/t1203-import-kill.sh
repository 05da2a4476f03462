# intake import killed (kill -9) half-way: whole batches only; run again,
# it stores the rest, nothing twice, receipts without gaps.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2026-11-22
run 0 intake init
total=8000
awk -v n=$total 'BEGIN {
	print "source_id,name,birth_date,kind,amount,topics,consent,received_on"
	for (i = 1; i <= n; i++)
		printf "K-%d,Name %d,1980-01-%02d,person,%d,work,yes,2026-%02d-01\n",
			i, i, i % 28 + 1, i % 1000, i % 7 + 4
}' >big.csv

"$INTAKE_BIN" -d "$DB" import every_callback big.csv --batch 200 \
	>first.out 2>first.err &
pid=$!
stored=0
for i in $(seq 1 600); do
	stored=$(sql 'select count(*) from applications' 2>/dev/null || echo 0)
	[ "${stored:-0}" -gt 0 ] && break
	sleep 0.02
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
stored=$(sql 'select count(*) from applications')
[ "$stored" -gt 0 ] && [ "$stored" -lt $total ] ||
	fail "killed with $stored of $total stored (machine too fast or slow?)"
same 0 "$((stored % 200))" "whole batches only ($stored stored)"

run 0 intake import every_callback big.csv
out_has "read $total, stored $((total - stored)), already imported $stored, refused 0"
same $total "$(sql 'select count(*) from applications')" "count exact"
same $total "$(sql 'select count(distinct source_id) from applications')" "source ids unique"
same $total "$(sql "select count(*) from audit where action = 'add'")" "one audit row each"
# Receipts per fiscal year without gaps: the largest sequence number
# is the count.
same "" "$(sql "select * from (select substr(receipt, 5, 4) as fy,
	count(*) as n, max(cast(substr(receipt, 10) as integer)) as m
	from applications group by substr(receipt, 5, 4)) as years
	where n <> m")" "gap-free receipts"
run 0 intake verify
