# intake import: a progress line (rows, rows/s, share of the file, time
# left) on a terminal, nothing on a pipe.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2026-11-22
run 0 intake init
awk 'BEGIN {
	print "source_id,name,birth_date,kind,amount,topics,consent"
	for (i = 1; i <= 300; i++)
		printf "P-%d,Name %d,1980-01-01,person,1,work,yes\n", i, i
}' >rows.csv

run 0 intake import every_callback rows.csv
out_has "read 300, stored 300"
! grep -q "rows/s" err || fail "a progress line on a pipe"
same "" "$(cat err)" "nothing on stderr"

pty_start "$INTAKE_BIN" -d "$DB" import every_callback rows.csv
pty_exited 0
pty_screen >out
out_has "300 rows"
out_has "rows/s  100%  ETA 0:00"
out_has "read 300, stored 0, already imported 300, refused 0"
pty_stop
