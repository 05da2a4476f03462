# jigyo_shokei: the form, derived owner age, every rule refused.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
# The real plugins and forms, with English messages.
use_programmes en
export INTAKE_TODAY=2020-07-01
run 0 intake init

run 0 intake plugin check "$INTAKE_BUILD/plugins/jigyo_shokei.so"
out_has "jigyo_shokei"
out_has "1.0.0"
out_has "JGS"
out_has "outcome needs: 1"
out_has "planned needs diagnosed on or before its date  rule planned_needs_diagnosed"
run 0 intake form jigyo_shokei
out_has "corporate_number"
out_has "owner_60_plus"

# jgs FIELD=VALUE…: add a business succession case: these answers for a
# person and a valid company, except the fields the arguments give.
defaults="name=山田太郎 name_kana=やまだたろう birth_date=1975-04-01
	postal_code=030-8570 address=青森県青森市長島一丁目1-1
	phone=017-722-1111 sole_proprietor=no corporate_number=7000012050002
	company_name=山田製作所 company_kana=ヤマダセイサクショ industry=E
	employees=12 owner_birth_date=1960-06-15 successor_status=candidate
	succession_type=family stage=pre"
jgs() {
	kept=
	for answer in $defaults; do
		given=no
		for arg in "$@"; do
			case $arg in "${answer%%=*}="*) given=yes ;; esac
		done
		[ $given = yes ] || kept="$kept $answer"
	done
	intake add jigyo_shokei $kept "$@"
}
answer() { # answer FIELD: its answer in the JSON of out (- when none)
	python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))["answers"].get(sys.argv[2])
print("-" if v is None else json.dumps(v) if isinstance(v, bool) else v)' \
		"$SCRATCH/out" "$1"
}
top() { # top KEY: a top-level value of the JSON in out
	python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$SCRATCH/out" "$1"
}
stored() {
	same 0 "$(sql 'select count(*) from applications')" "nothing stored"
}

# ---- every rule, violated once: exit 65, the rule named, nothing stored

run 65 jgs diagnosed_on=2020-06-01 plan_on=2020-05-31
err_has "intake: debug: jigyo_shokei: plan_on: given '2020-05-31': rule plan_after_diagnosis"
err_has "intake: debug: jigyo_shokei: diagnosed_on: given '2020-06-01': rule plan_after_diagnosis"
# one sentence naming both dates, either of which may be the wrong one
same 1 "$(grep -v debug err | grep -c "plan date must be on or after the diagnosis date")" "one sentence"
err_has "'2020-06-01' and "
err_has "'2020-05-31': the plan date must be on or after"
stored
run 65 jgs owner_birth_date=2020-06-02 diagnosed_on=2020-06-01
err_has "owner_birth_date: given '2020-06-02': rule owner_birth_order"
err_has "diagnosis date (2020-06-01)"
stored
# (born today, received yesterday: a birth date after today is refused by
# the form's bounds before the rule)
run 65 jgs owner_birth_date=2020-07-01 received_on=2020-06-30
err_has "rule owner_birth_order"
err_has "reception date (2020-06-30)"
stored
# A company needs its corporate number; a wrong check digit is refused.
run 65 intake add jigyo_shokei name=山田太郎 name_kana=ヤマダタロウ \
	birth_date=1975-04-01 postal_code=0308570 address=青森市 \
	phone=0177221111 sole_proprietor=no company_name=山田製作所 \
	company_kana=ヤマダ industry=E employees=1 owner_birth_date=1960-01-01 \
	successor_status=none succession_type=undecided stage=pre
err_has "intake: debug: jigyo_shokei: corporate_number: "
stored
run 65 jgs corporate_number=1000012050002
err_has "corporate_number: given '1000012050002'"
stored
run 65 jgs employees=-1
err_has "employees: given '-1'"
stored
run 65 jgs industry=Z
err_has "industry: given 'Z'"
stored
run 65 jgs successor_status=maybe succession_type=merger stage=later
err_has "successor_status: given 'maybe'"
err_has "succession_type: given 'merger'"
err_has "stage: given 'later'"
same 3 "$(grep -c '^intake: debug: jigyo_shokei: ' err)" "one line per problem"
stored
run 65 jgs owner_age=70
err_has "owner_age"
stored
run 65 jgs email=not-an-address
err_has "email: given 'not-an-address'"
stored
# Messages in Japanese by default.
run 65 intake --lang ja add jigyo_shokei name=山田太郎 \
	name_kana=ヤマダタロウ birth_date=1975-04-01 postal_code=0308570 \
	address=青森市 phone=0177221111 sole_proprietor=はい \
	company_name=山田商店 company_kana=ヤマダショウテン industry=I \
	employees=0 owner_birth_date=1960-01-01 successor_status=none \
	succession_type=undecided stage=pre diagnosed_on=2020-06-01 \
	plan_on=2020-05-01
err_has "rule plan_after_diagnosis"
err_has "「2020-06-01」と"
err_has "「2020-05-01」: 計画策定日は診断日と同じかそれより後の日付にしてください"
stored

# ---- valid cases and derived values

# A company: the owner's age is taken at the diagnosis (59, the day
# before the 60th birthday), not at reception (60).
run 0 jgs received_on=2020-07-01 diagnosed_on=2020-06-14 plan_on=2020-06-14
r1=$(head -1 out)
case "$r1" in JGS-2020-*) ;; *) fail "receipt '$r1'" ;; esac
run 0 intake show "$r1" --format json
same jigyo_shokei "$(top programme)" "programme"
same "$r1" "$(top receipt)" "receipt"
same 59 "$(answer owner_age)" "age at diagnosis"
same false "$(answer owner_60_plus)" "59 is not 60+"
same 7000012050002 "$(answer corporate_number)" "corporate number"
same false "$(answer sole_proprietor)" "company"
same E "$(answer industry)" "industry code"
same 2020-06-14 "$(answer plan_on)" "plan on the diagnosis day"
same 2020-07-01 "$(answer received_on)" "received_on"

# A sole proprietor, not diagnosed: the age is taken at reception, on
# the 60th birthday exactly; a corporate number given is not stored.
run 0 jgs sole_proprietor=yes received_on=2020-06-15 industry=製造業 \
	company_kana=やまだせいさくしょ
r2=$(head -1 out)
run 0 intake show "$r2" --format json
same 60 "$(answer owner_age)" "age at reception"
same true "$(answer owner_60_plus)" "exactly 60 is 60+"
same - "$(answer corporate_number)" "no corporate number when sole"
same - "$(answer diagnosed_on)" "optional diagnosis date"
same E "$(answer industry)" "industry by its label"
same ヤマダセイサクショ "$(answer company_kana)" "kana"

# Every JSIC major division A-T is a choice; a plan without a diagnosis
# date is allowed (only the order of the two dates is a rule).
for code in A B C D E F G H I J K L M N O P Q R S T; do
	run 0 jgs industry=$code plan_on=2020-05-01 received_on=2020-05-01 \
		successor_status=none succession_type=third_party stage=transfer
	r=$(head -1 out)
	run 0 intake show "$r" --format json
	same $code "$(answer industry)" "industry $code"
done
same 1 "$(sql "select count(*) from answers a join applications p on p.id = a.application_id where p.receipt = '$r' and a.field = 'plan_on'")" "plan stored"
same 22 "$(sql 'select count(*) from applications')" "applications"

# ---- rule values live in the form: an edited [rules] is obeyed

mkdir plugins forms
chmod 755 plugins forms
cp "$INTAKE_BUILD/plugins/jigyo_shokei.so" plugins/
chmod 755 plugins/jigyo_shokei.so
sed 's/^owner_senior_age = 60$/owner_senior_age = 65/' \
	"$INTAKE_SOURCE/forms/jigyo_shokei.ini" >forms/jigyo_shokei.ini
grep -q '^owner_senior_age = 65$' forms/jigyo_shokei.ini ||
	fail "the form has no owner_senior_age rule"
cat >edited.ini <<INI
[intake]
database = edited.db
plugin_dir = plugins
form_dir = forms
language = en
INI
run 0 "$INTAKE_BIN" -c edited.ini -d edited.db init
run 0 "$INTAKE_BIN" -c edited.ini -d edited.db add jigyo_shokei \
	name=山田太郎 name_kana=ヤマダタロウ birth_date=1975-04-01 \
	postal_code=0308570 address=青森市 phone=0177221111 \
	sole_proprietor=yes company_name=山田商店 company_kana=ヤマダ \
	industry=I employees=0 owner_birth_date=1955-06-15 \
	successor_status=none succession_type=undecided stage=pre \
	diagnosed_on=2020-06-14 received_on=2020-07-01
r=$(head -1 out)
run 0 "$INTAKE_BIN" -c edited.ini -d edited.db show "$r" --format json
same 64 "$(answer owner_age)" "age"
same false "$(answer owner_60_plus)" "64 is under the edited 65"

# A sole proprietor's trade name is a person's name (山田太郎商店): a
# de-identified export drops it with the owner's age and the receipt.
run 0 intake export jigyo_shokei --deidentify
for column in company_name company_kana owner_age owner_birth_date name; do
	head -1 out | tr , '\n' | grep -qx "$column" &&
		fail "de-identified export has $column"
done
out_lacks "山田製作所"
out_lacks "JGS-"

# A form without what the plugin reads is refused when the plugin loads.
sed '/^\[field\.owner_age\]/,/^\[/ s/^type = integer$/type = text/' \
	"$INTAKE_SOURCE/forms/jigyo_shokei.ini" >forms/jigyo_shokei.ini
run 78 "$INTAKE_BIN" -c edited.ini -d edited.db plugin check \
	plugins/jigyo_shokei.so
err_has "owner_age"
err_has "integer"
