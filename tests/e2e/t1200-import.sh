# intake import: UTF-8 with a BOM, labels as headers, quoted newlines,
# every refusal kind to the rejects file, idempotent re-import.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2026-11-22
run 0 intake init
crlf() { sed 's/$/\r/'; }

# UTF-8 with a BOM, CRLF, ids as headers, a newline inside quotes.
{ printf '\357\273\277'; crlf <<'CSV'; } >cases.csv
source_id,name,birth_date,kind,corporate_number,amount,topics,consent,received_on,visits
A-1,青森 太郎,1980-01-02,person,,500000,work,yes,2026-05-01,3
A-2,"Name, with comma",令和元年5月1日,company,7000012050002,"1,000",work,no,2026-03-31,
A-3,"two
lines",1990-12-31,person,,0,"work,housing",1,2026-06-01,
CSV
# A-3: a name takes one line (the plugin rules run once the form passes):
# refused, and said with the line the row starts on.
run 65 intake import every_callback cases.csv
out_has "read 3, stored 2, already imported 0, refused 1"
err_has "line 4: Name 'two<U+000A>lines': "
same 2 "$(sql 'select count(*) from applications')" "stored"
same "TST-2026-000001|A-1|2026-05-01" \
	"$(sql "select receipt, source_id, received_on from applications where source_id='A-1'")"
same "TST-2025-000001" "$(sql "select receipt from applications where source_id='A-2'")" \
	"receipt by the fiscal year of received_on"
same "Name, with comma" "$(sql "select value from answers a join applications p on p.id=a.application_id where source_id='A-2' and field='name'")"
same "2000" "$(sql "select value from answers a join applications p on p.id=a.application_id where source_id='A-2' and field='doubled'")" "derived"
same "2019-05-01" "$(sql "select value from answers a join applications p on p.id=a.application_id where source_id='A-2' and field='birth_date'")" "era date"
same 2 "$(sql "select count(*) from audit where action='add'")" "audit rows"

# Again: the stored rows are already imported, nothing twice.
run 65 intake import every_callback cases.csv
out_has "read 3, stored 0, already imported 2, refused 1"
same 2 "$(sql 'select count(*) from applications')" "idempotent"

# The fixed row, with Japanese labels as headers.
{ printf '\357\273\277'; crlf <<'CSV'; } >labels.csv
元番号,氏名,生年月日,区分,申請額,相談内容,同意,郵便番号,受付日
A-3,"two lines",1990-12-31,個人,0,"work,housing",はい,030-0801,2026-06-01
CSV
run 65 intake import every_callback labels.csv
err_has "元番号"
err_has "the columns the form of every_callback takes"
sed -i 's/元番号/source_id/' labels.csv
run 0 intake import every_callback labels.csv
out_has "read 1, stored 1, already imported 0, refused 0"
same "two lines" "$(sql "select value from answers a join applications p on p.id=a.application_id where source_id='A-3' and field='name'")"

# English labels.
printf 'source_id,Name,Date of birth,Kind,Amount,Topics,Consent,Reception date\nB-1,Ann,2000-01-01,person,1,work,yes,2026-07-01\n' >en.csv
run 0 intake import every_callback en.csv
out_has "stored 1"
same 4 "$(sql 'select count(*) from applications')"
