# Several intake add processes on one database: all succeed, nothing lost.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
run 0 intake init
writers=4
adds=250
writer() {
	i=0
	while [ $i -lt $adds ]; do
		intake add every_callback name="w$1-$i" birth_date=1990-01-01 \
			kind=person amount=$i topics=work consent=yes \
			received_on=2026-06-01 >>"receipts.$1" 2>>"errors.$1" ||
			echo "add failed: w$1-$i" >>"errors.$1"
		i=$((i + 1))
	done
}
w=1
while [ $w -le $writers ]; do
	writer $w &
	w=$((w + 1))
done
wait
cat errors.* >err
[ -s err ] && fail "some adds failed"
total=$((writers * adds))
same $total "$(cat receipts.* | wc -l | tr -d ' ')" "receipts printed"
same $total "$(cat receipts.* | sort -u | wc -l | tr -d ' ')" "unique receipts"
same $total "$(sql 'select count(*) from applications')" "applications stored"
same $total "$(sql "select count(distinct application_id) from answers where field='name'")" "answers stored"
same "TST-2026-$(printf %06d $total)" "$(sql 'select max(receipt) from applications')" "no gaps"
