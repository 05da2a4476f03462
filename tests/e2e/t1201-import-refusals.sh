# intake import: every kind of refusal goes to the rejects file (line,
# field, message, then the row's own columns); CP932; --dry-run;
# --all-or-nothing; a bad header stops before any row.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2026-11-22
run 0 intake init

cat >rows.csv <<'CSV'
source_id,name,birth_date,kind,corporate_number,amount,topics,consent,postal
R-1,Good One,1980-01-02,person,,10,work,yes,
R-2,Bad Type,1980-01-02,person,,ten,work,yes,
R-3,,1980-01-02,person,,10,work,yes,
R-4,No Number,1980-01-02,company,,10,work,yes,
R-5,Over Cap,1980-01-02,person,,2000000,work,yes,
R-6,Bad Date,1980-02-30,person,,10,work,yes,
R-1,Twice,1980-01-02,person,,10,work,yes,
R-8,Short,1980-01-02,person
R-9,Good Two,1980-01-02,company,7000012050002,10,"work,housing",yes,030-0801
CSV
# A byte that is not UTF-8 (a CP932 kana in a UTF-8 file).
printf 'R-7,Bad \202\240 Bytes,1980-01-02,person,,10,work,yes,\n' >>rows.csv

# --dry-run checks everything, writes the rejects, stores nothing.
run 65 intake import every_callback rows.csv --encoding utf-8 --dry-run \
	--rejects dry.csv
out_has "read 10, stored 2, already imported 0, refused 8"
out_has "--dry-run: checked only, nothing was written"
same 0 "$(sql 'select count(*) from applications')" "dry run stores nothing"
same 0 "$(sql 'select count(*) from audit')" "dry run audits nothing"
[ -s dry.csv ] || fail "dry run wrote no rejects"

# --all-or-nothing: a refusal stores nothing.
run 65 intake import every_callback rows.csv --encoding utf-8 \
	--all-or-nothing
out_has "refused 8"
out_has "--all-or-nothing: rows were refused, so nothing was stored"
same 0 "$(sql 'select count(*) from applications')" "all or nothing"

run 65 intake import every_callback rows.csv --encoding utf-8 \
	--rejects rejects.csv
out_has "read 10, stored 2, already imported 0, refused 8"
out_has "refused rows written to rejects.csv"
same 2 "$(sql 'select count(*) from applications')" "good rows stored"
same "R-1 R-9" "$(sql "select source_id from applications order by id" |
	paste -sd ' ' -)"
cmp -s dry.csv rejects.csv || fail "dry run's rejects differ"

# The rejects file: a BOM, CRLF, one row per refused row.
same "efbbbf" "$(head -c 3 rejects.csv | od -An -tx1 | tr -d ' \n')" "BOM"
same 9 "$(grep -c "$(printf '\r')\$" rejects.csv)" "CRLF lines"
python3 - "$SCRATCH/rejects.csv" >rejects.txt <<'PY' || fail "rejects not CSV"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0][:4] == ["_row", "_field", "_message", "source_id"], rows[0]
for r in rows[1:]:
    print("|".join([r[0], r[1], r[2].replace("\n", " / "), r[3]]))
PY
cat rejects.txt >out
out_has "3|amount|Amount 'ten': "
out_has "4|name|Name: "
out_has "5|corporate_number|Corporate number: "
out_has "6|amount|"
out_has "rule amount_cap"
out_has "7|birth_date|Date of birth '1980-02-30': "
out_has "8|source_id|source_id 'R-1' is on an earlier row of this file too|R-1"
out_has "9||the row has 4 columns, the header 9|R-8"
out_has "11|name|line 11, column 'name': byte 0x82 cannot be read as UTF-8"
same 8 "$(wc -l <rejects.txt | tr -d ' ')" "one line per refused row"

# The rejects file, fixed, imports again (its own columns ignored).
python3 - "$SCRATCH/rejects.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
fixed = {"R-2": {"amount": "10"}, "R-3": {"name": "Named"},
         "R-4": {"corporate_number": "7000012050002"},
         "R-5": {"amount": "20"}, "R-6": {"birth_date": "1980-02-28"},
         "R-7": {"name": "Good Bytes"}}
head = rows[0]
out = [head]
for r in rows[1:]:
    if r[3] in fixed:
        for k, v in fixed[r[3]].items():
            r[head.index(k)] = v
        out.append(r)
with open(path, "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f).writerows(out)
PY
run 0 intake import every_callback rejects.csv
out_has "read 6, stored 6, already imported 0, refused 0"
same 8 "$(sql 'select count(*) from applications')"

# CP932, made with iconv, found by auto and named.
printf 'source_id,氏名,生年月日,区分,申請額,相談内容,同意\nS-1,青森　花子,平成2年4月1日,個人,"1,000",仕事,はい\n' |
	iconv -f UTF-8 -t CP932 >sjis.csv
run 0 intake import every_callback sjis.csv
out_has "stored 1"
same "青森 花子" "$(sql "select value from answers a join applications p on p.id=a.application_id where source_id='S-1' and field='name'")" "decoded"
same "1990-04-01" "$(sql "select value from answers a join applications p on p.id=a.application_id where source_id='S-1' and field='birth_date'")"
printf 'source_id,氏名,生年月日,区分,申請額,相談内容,同意\nS-2,青森　次郎,平成2年4月1日,個人,1,仕事,はい\n' |
	iconv -f UTF-8 -t CP932 >sjis2.csv
run 0 intake import every_callback sjis2.csv --encoding cp932
out_has "stored 1"
# A byte CP932 has not (0xFF), with --encoding cp932.
printf 'source_id,name,birth_date,kind,amount,topics,consent\nS-3,X\377Y,2000-01-01,person,1,work,yes\n' >badsjis.csv
run 65 intake import every_callback badsjis.csv --encoding cp932
err_has "line 2, column 'name': byte 0xFF cannot be read as CP932"

# A bad header: exit 65 before any row, naming the columns.
before=$(sql 'select count(*) from applications')
printf 'source_id,name,colour,birth_date\nZ-1,Zed,blue,2000-01-01\n' >head.csv
run 65 intake import every_callback head.csv
err_has "columns the form does not have: colour"
err_has "required columns missing: kind, amount, topics, consent"
err_has "the columns the form of every_callback takes (field id, or its Japanese or English label): name*,"
out_lacks "read"
printf 'name,doubled\n' >derived.csv
run 65 intake import every_callback derived.csv
err_has "column 'doubled' is a computed field (doubled)"
same "$before" "$(sql 'select count(*) from applications')" "nothing stored"

# Usage and missing files.
run 64 intake import every_callback
run 66 intake import every_callback nosuch.csv
run 64 intake import every_callback rows.csv --encoding latin1
err_has "--encoding 'latin1' is not known"
# The rejects file never overwrites the file being read (by any name),
# and a new one is readable by its owner only (it holds personal data).
cp rows.csv same.csv
ln -s same.csv link.csv
run 64 intake import every_callback same.csv --rejects ./link.csv
err_has "--rejects './link.csv' is the file being imported"
cmp -s rows.csv same.csv || fail "the imported file was written over"
same "$before" "$(sql 'select count(*) from applications')" "nothing stored"
rm -f private.csv
(umask 022 && intake import every_callback rows.csv --dry-run \
	--rejects private.csv >/dev/null 2>&1)
same 600 "$(stat -c %a private.csv)" "rejects file mode"
for batch in 0 -1 abc 99999999999999999999; do
	run 64 intake import every_callback rows.csv --batch "$batch"
	err_has "--batch '$batch' is not a batch size"
done
same "$before" "$(sql 'select count(*) from applications')" "nothing stored"
