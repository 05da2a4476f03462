# intake export: CSV in form order, Excel, de-identified, JSON lines.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
run 0 intake init
run 0 intake add every_callback name='青森, 花子' birth_date=1990-01-01 \
	kind=person amount=1 topics=work consent=yes disability=some \
	received_on=2026-04-01 email=hanako@example.jp

run 0 intake export every_callback
same "receipt,received_on,name,name_kana,birth_date,kind,corporate_number,amount,visits,topics,consent,postal,phone,email,municipality,prefecture,disability,doubled,band,review_on,status,latest_outcome,latest_outcome_on,outcome.contacted,outcome.started,outcome.finished" \
	"$(head -1 out)" "header in form order, then status and outcomes"
out_has 'TST-2026-000001,2026-04-01,"青森, 花子",,1990-01-01,person,,1,'

run 0 intake export every_callback --excel
same "efbbbf" "$(head -c 3 out | od -An -tx1 | tr -d ' ')" "byte order mark"
grep -q "$(printf '\r')\$" out || fail "no CRLF"

run 0 intake export every_callback --deidentify
same "pseudonym,received_on,kind,corporate_number,amount,visits,topics,consent,municipality,prefecture,doubled,band,review_on,status,latest_outcome,latest_outcome_on,outcome.contacted,outcome.started,outcome.finished" \
	"$(head -1 out)" "pii and sensitive dropped"
out_lacks "花子"
out_lacks "some"

# The receipt becomes a pseudonym: the same within one export, another
# in the next, never the receipt or its sequence.
run 0 intake add every_callback name=B birth_date=1990-01-01 kind=person \
	amount=2 topics=work consent=yes received_on=2026-04-02
run 0 intake export every_callback --deidentify
out_lacks "TST-"
first=$(sed -n 2p out | cut -d, -f1)
second=$(sed -n 3p out | cut -d, -f1)
case "$first" in P-????????????????????) ;; *) fail "pseudonym '$first'" ;; esac
[ "$first" != "$second" ] || fail "two cases share a pseudonym"
run 0 intake export every_callback --deidentify --format json
out_has '"pseudonym": "P-'
out_lacks "TST-"
run 0 intake export every_callback --deidentify
[ "$(sed -n 2p out | cut -d, -f1)" != "$first" ] ||
	fail "pseudonyms repeat across exports: they could be matched"

run 0 intake export every_callback --format json
out_has '"name": "青森, 花子"'
same 2 "$(wc -l <out | tr -d ' ')" "one line per application"
run 64 intake export every_callback --format table
run 64 intake export
