# intake show and list, in every format.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
run 0 intake init
add() {
	run 0 intake add every_callback name="$1" birth_date=1980-02-03 \
		kind=person amount=100 topics=work consent=yes received_on="$2"
}
add 山田 2026-04-10
add 佐藤 2026-05-20
add 鈴木 2026-05-21

run 0 intake show TST-2026-000002 --format table
out_has "TST-2026-000002"
out_has "佐藤"
out_has "100"
run 0 intake --lang en show TST-2026-000002 --format csv
out_has "receipt,TST-2026-000002"
run 66 intake show TST-2026-999999
err_has "TST-2026-999999"

run 0 intake list --format csv
same 4 "$(wc -l <out | tr -d ' ')" "header and three rows"
run 0 intake list --month 2026-05 --format json
same 2 "$(python3 -c "import json; print(len(json.load(open('$SCRATCH/out'))))")" "May rows"
out_has '"receipt": "TST-2026-000002"'
run 0 intake list --programme every_callback --status received --format csv
same 4 "$(wc -l <out | tr -d ' ')" "status filter"
run 64 intake list --month 2026-13
err_has "2026-13"
run 64 intake list --format yaml
err_has "yaml"
