#!/bin/sh
# intake list streams: a table is printed in pages of 100 rows, each
# aligned under its own header (a blank line between pages), so memory
# does not grow with the rows; up to 100 rows look as one table always
# did.  Rows come in receipt order (application id) whatever the
# filters, a month's included: a backdated case stays where its receipt
# puts it.  JSON and CSV give every row.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
run 0 intake init
add() {
	run 0 intake add every_callback name="$1" birth_date=1980-02-03 \
		kind=person amount=100 topics=work consent=yes \
		received_on="$2"
}
add 山田 2026-05-10
add 佐藤 2026-04-02
add 鈴木 2026-05-01 # backdated: received before 山田, taken after

# A month: id (receipt) order, not by date; short, so one page.
run 0 intake list --month 2026-05 --format table
# (office is empty: the gap before it stays, the line is not trimmed)
printf '%s\n' \
	"receipt          programme       received_on  status    staff   office" \
	"---------------  --------------  -----------  --------  ------  ------" \
	"TST-2026-000001  every_callback  2026-05-10   received  tester  " \
	"TST-2026-000003  every_callback  2026-05-01   received  tester  " \
	>expected
cmp -s expected out || { diff expected out >&2; fail "month's table"; }
run 0 intake list --programme every_callback --month 2026-05 --format csv
same "TST-2026-000001 TST-2026-000003" \
	"$(sed 1d out | cut -d, -f1 | paste -sd' ' -)" "programme and month"
run 0 intake list --programme every_callback --format csv
same "TST-2026-000001 TST-2026-000002 TST-2026-000003" \
	"$(sed 1d out | cut -d, -f1 | paste -sd' ' -)" "programme alone"

# 147 more cases (copies of the first, received in June), 150 in all.
sql "WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n
 WHERE i < 150) INSERT INTO applications (receipt, programme,
 plugin_version, form_version, received_on, office, staff, status,
 created_at, updated_at) SELECT 'TST-2026-' || substr(cast(1000000 + i AS TEXT), 2),
 programme, plugin_version, form_version,
 '2026-06-' || substr(cast(101 + i % 28 AS TEXT), 2),
 office, staff, status, created_at, updated_at FROM applications, n
 WHERE id = 1" || fail "could not copy cases"

run 0 intake list --format table
same 155 "$(wc -l <out | tr -d ' ')" "2 pages: 2 headers, 150 rows, a gap"
same "1 104" "$(grep -n '^receipt ' out | cut -d: -f1 | paste -sd' ' -)" \
	"a header at the top of each page"
same "" "$(sed -n 103p out)" "a blank line between pages"
same "TST-2026-000100" "$(sed -n 102p out | cut -d' ' -f1)" \
	"the first page's last row"
same "TST-2026-000101" "$(sed -n 106p out | cut -d' ' -f1)" \
	"the second page's first row"
grep '^TST-' out | cut -d' ' -f1 >table.receipts
run 0 intake list --format csv
sed 1d out | cut -d, -f1 >csv.receipts
cmp -s csv.receipts table.receipts || fail "table and CSV rows differ"
same 150 "$(wc -l <csv.receipts | tr -d ' ')" "CSV rows"
same "$(seq -f 'TST-2026-%06g' 1 150)" "$(cat csv.receipts)" \
	"receipt order"

run 0 intake list --format json
same 150 "$(python3 -c "import json
print(len(json.load(open('$SCRATCH/out'))))")" "JSON rows"
run 0 intake list --month 2026-06 --format table
same 2 "$(grep -c '^receipt ' out)" "147 rows: 2 pages"
