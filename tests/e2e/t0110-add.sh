# intake add: validation, derived values, the receipt, nothing stored on error.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
make_plugin_dir every_callback
export INTAKE_TODAY=2026-11-22
run 0 intake init

run 0 intake add every_callback name='ｱｵﾓﾘ 太郎' name_kana='あおもり たろう' \
	birth_date=令和元年5月1日 kind=company corporate_number=7000012050002 \
	amount=1,000,000 topics=work,housing consent=はい postal='〒０３０－０８０１'
same "TST-2026-000001" "$(head -1 out)" "receipt on the first line"
same 1 "$(wc -l <out | tr -d ' ')" "stdout lines"

run 0 intake show TST-2026-000001 --format json
json() { python3 -c "import json,sys; print(json.load(open('$SCRATCH/out'))$1)"; }
same "アオモリ 太郎" "$(json "['answers']['name']")" "NFKC name"
same "アオモリ　タロウ" "$(json "['answers']['name_kana']")" "kana"
same "2019-05-01" "$(json "['answers']['birth_date']")" "era date"
same "0300801" "$(json "['answers']['postal']")" "postal"
same "2000000" "$(json "['answers']['doubled']")" "derived doubled"
same "high" "$(json "['answers']['band']")" "derived band"
same "2027-05-22" "$(json "['answers']['review_on']")" "derived date"
same "2026-11-22" "$(json "['answers']['received_on']")" "received_on"
same "work,housing" "$(json "['answers']['topics']")" "multi"

# A field skipped by `when` is not stored even when given.
run 0 intake add every_callback name=B birth_date=2000-01-01 kind=person \
	corporate_number=7000012050002 amount=5 topics=none consent=n \
	received_on=2026-03-31
same "TST-2025-000001" "$(head -1 out)" "fiscal year of received_on"
same 0 "$(sql "select count(*) from answers where field='corporate_number' and application_id=2")" "skipped field"

# Every problem at once, one line each, nothing stored, exit 65.
before=$(sql 'select count(*) from applications')
run 65 intake add every_callback name=C birth_date=平成32年1月1日 kind=robot \
	corporate_number=7000012050003 amount=-5 topics=none,work consent=maybe \
	colour=blue
err_has "birth_date: given '平成32年1月1日'"
err_has "kind: given 'robot'"
err_has "amount: given '-5'"
err_has "topics: given 'none,work'"
err_has "consent: given 'maybe'"
err_has "colour: given 'blue'"
err_has "corporate_number: given '7000012050003'"
same 7 "$(grep -c "^intake: debug: every_callback: " err)" "one log line per problem"
same 7 "$(grep -v "^intake: debug: " err | grep -c "^intake: .* '.*': ")" "one sentence per problem"
err_has "intake: Date of birth '平成32年1月1日': "
err_has "intake: Kind 'robot': not one of the choices; type the number, code or name of one of: person, company"
same "$before" "$(sql 'select count(*) from applications')" "nothing stored"

# Required fields missing.
run 65 intake add every_callback name=D
err_has "birth_date"
err_has "amount"

# A plugin rule names the rule.
run 65 intake add every_callback name=E birth_date=2000-01-01 kind=person \
	amount=2000000 topics=work consent=1
err_has "rule amount_cap"
run 65 intake add every_callback name=E birth_date=2000-01-01 kind=person \
	amount=5 topics=housing consent=1
err_has "rule housing_postal"
same "$before" "$(sql 'select count(*) from applications')" "nothing stored"

# A derived field cannot be typed; a field cannot be given twice.
run 65 intake add every_callback name=F birth_date=2000-01-01 kind=person \
	amount=5 topics=work consent=1 doubled=7
err_has "doubled"
run 65 intake add every_callback name=F name=G birth_date=2000-01-01 \
	kind=person amount=5 topics=work consent=1
err_has "twice"

# Usage errors.
run 64 intake add nosuch name=x
err_has "every_callback"
run 65 intake add every_callback justaword
err_has "FIELD=VALUE"
