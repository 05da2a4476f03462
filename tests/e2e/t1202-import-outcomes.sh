# intake import --outcomes: through outcome's rules (order, once,
# amounts, the plugin's check_outcome), refusals to rejects, identical
# outcomes skipped on a second run.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2026-11-22
run 0 intake init
cat >cases.csv <<'CSV'
source_id,name,birth_date,kind,amount,topics,consent,received_on
C-1,One,1980-01-01,person,1,work,yes,2026-04-01
C-2,Two,1980-01-01,person,1,work,yes,2026-04-01
C-3,Three,1980-01-01,person,1,work,yes,2026-04-01
CSV
run 0 intake import every_callback cases.csv
out_has "stored 3"

cat >outcomes.csv <<'CSV'
source_id,code,date,amount,note
C-1,started,2026-05-01,,"first line
second line"
C-1,finished,2026-06-01,,
C-2,finished,2026-06-01,,
C-1,contacted,2026-07-01,,
C-1,started,2026-05-02,,
C-3,contacted,2026-05-01,500,
C-9,contacted,2026-05-01,,
C-3,nosuch,2026-05-01,,
C-3,contacted,2026-13-01,,
CSV
run 65 intake import every_callback --outcomes outcomes.csv --rejects rej.csv
out_has "read 9, stored 2, already imported 0, refused 7"
same "started|2026-05-01|first line
second line
finished|2026-06-01|" "$(sql "select code, occurred_on, note from outcomes order by id")" "stored outcomes"
same "finished" "$(sql "select status from applications where source_id='C-1'")"
python3 - "$SCRATCH/rej.csv" >out <<'PY'
import csv, sys
for r in list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))[1:]:
    print("|".join([r[0], r[1], r[2].replace("\n", " / "), r[3], r[4]]))
PY
# Lines as the file has them: the note of line 2 runs onto line 3.
out_has "5||Every callback test: record started (on or before this date) before finished|C-2|finished"
out_has "6||Every callback test: no contact can be recorded after the finished date|C-1|contacted"
out_has "7||Every callback test: TST-2026-000001: outcome started is already recorded (it counts once)|C-1|started"
out_has "8|contacted|contacted '500': this outcome carries no amount"
out_has "9|source_id|no case of every_callback has source_id 'C-9'|C-9"
out_has "10|code|every_callback: unknown outcome 'nosuch'"
out_has "11|date|date '2026-13-01': not a date"
same 7 "$(wc -l <out | tr -d ' ')" "refused rows"

# Again: the stored outcomes are already there, nothing twice.
run 65 intake import every_callback --outcomes outcomes.csv
out_has "read 9, stored 0, already imported 2, refused 7"
same 2 "$(sql 'select count(*) from outcomes')" "idempotent"

# By receipt, without a programme.
receipt=$(sql "select receipt from applications where source_id='C-2'")
printf 'receipt,code,date\n%s,started,2026-05-03\n%s,finished,2026-05-04\n' \
	"$receipt" "$receipt" >byreceipt.csv
run 0 intake import --outcomes byreceipt.csv
out_has "read 2, stored 2, already imported 0, refused 0"
same "finished" "$(sql "select status from applications where source_id='C-2'")"
# source_id needs the programme; an unknown column stops before any row.
run 64 intake import --outcomes outcomes.csv
err_has "needs the programme"
printf 'receipt,code,when\n' >bad.csv
run 65 intake import --outcomes bad.csv
err_has "columns the form does not have: when"
run 0 intake verify
