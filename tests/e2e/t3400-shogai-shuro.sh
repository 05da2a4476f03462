# shogai_shuro: the form, handbooks and grades, hours band, every rule refused.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
# The real plugins and forms, with English messages.
use_programmes en
export INTAKE_TODAY=2020-07-01
run 0 intake init

run 0 intake plugin check "$INTAKE_BUILD/plugins/shogai_shuro.so"
out_has "shogai_shuro"
out_has "1.0.0"
out_has "SGS"
out_has "outcome needs: 3"
out_has "retained_6m needs employed on or before its date  rule retained_needs_employed"
run 0 intake form shogai_shuro
out_has "handbooks"
out_has "weekly_hours"

# sgs FIELD=VALUE…: add a case: these answers for a trainee with no
# handbook, except the fields the arguments give.
defaults="name=佐藤花子 name_kana=サトウハナコ birth_date=2000-10-10
	postal_code=030-0801 address=青森県青森市新町1-1 phone=090-1234-5678
	email=hanako@example.jp disability_kinds=developmental handbooks=none
	course=knowledge weekly_hours=0 received_on=2020-07-01"
sgs() {
	kept=
	for answer in $defaults; do
		given=no
		for arg in "$@"; do
			case $arg in "${answer%%=*}="*) given=yes ;; esac
		done
		[ $given = yes ] || kept="$kept $answer"
	done
	intake add shogai_shuro $kept "$@"
}
answer() { # answer FIELD: its answer in the JSON of out (- when none)
	python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))["answers"].get(sys.argv[2])
print("-" if v is None else json.dumps(v) if isinstance(v, bool) else v)' \
		"$SCRATCH/out" "$1"
}
stored() {
	same 0 "$(sql 'select count(*) from applications')" "nothing stored"
}

# ---- every rule, violated once: exit 65, the field named, nothing stored

# none cannot be combined with a handbook.
run 65 sgs handbooks=none,physical physical_grade=2
err_has "intake: debug: shogai_shuro: handbooks: given 'none,physical'"
stored
# A grade is required with its handbook, and kept within its range.
run 65 sgs handbooks=physical
err_has "intake: debug: shogai_shuro: physical_grade"
stored
run 65 sgs handbooks=physical physical_grade=7
err_has "physical_grade: given '7'"
stored
run 65 sgs handbooks=physical physical_grade=0
err_has "physical_grade: given '0'"
stored
run 65 sgs handbooks=ryoiku
err_has "intake: debug: shogai_shuro: ryoiku_grade"
stored
run 65 sgs handbooks=ryoiku ryoiku_grade=c
err_has "ryoiku_grade: given 'c'"
stored
run 65 sgs handbooks=mental
err_has "intake: debug: shogai_shuro: mental_grade"
stored
run 65 sgs handbooks=mental mental_grade=4
err_has "mental_grade: given '4'"
stored
# Kinds and courses are codes of the form; hours are 0 to 60.
run 65 sgs disability_kinds=blind
err_has "disability_kinds: given 'blind'"
stored
run 65 sgs disability_kinds=
err_has "intake: debug: shogai_shuro: disability_kinds"
stored
run 65 sgs course=evening
err_has "course: given 'evening'"
stored
run 65 sgs weekly_hours=61
err_has "weekly_hours: given '61'"
stored
run 65 sgs weekly_hours=-1
err_has "weekly_hours: given '-1'"
stored
# The in-service course (在職者) needs contracted hours: a plugin rule.
run 65 sgs course=employed weekly_hours=0
err_has "intake: debug: shogai_shuro: weekly_hours: given '0': rule employed_course_hours"
stored
# The band is computed, never typed.
run 65 sgs hours_band=full
err_has "hours_band"
stored
# Several problems, one line each.
run 65 sgs handbooks=physical physical_grade=9 course=evening weekly_hours=99
same 3 "$(grep -c '^intake: debug: shogai_shuro: ' err)" "one line per problem"
stored
run 65 intake --lang ja add shogai_shuro name=佐藤花子 \
	name_kana=サトウハナコ birth_date=2000-10-10 postal_code=0300801 \
	address=青森市 phone=09012345678 disability_kinds=physical \
	handbooks=physical physical_grade=2 course=employed weekly_hours=0
err_has "rule employed_course_hours"
err_has "在職者コース"
stored

# ---- valid cases

# Two handbooks: each grade asked; the third is not.
run 0 sgs disability_kinds=physical,mental handbooks=mental,physical \
	physical_grade=3 mental_grade=2 ryoiku_grade=a1
r1=$(head -1 out)
case "$r1" in SGS-2020-*) ;; *) fail "receipt '$r1'" ;; esac
run 0 intake show "$r1" --format json
same physical,mental "$(answer disability_kinds)" "kinds in form order"
same physical,mental "$(answer handbooks)" "handbooks in form order"
same 3 "$(answer physical_grade)" "physical grade"
same 2 "$(answer mental_grade)" "mental grade"
same - "$(answer ryoiku_grade)" "ryoiku grade not asked"
same none "$(answer hours_band)" "no work"

# A ryoiku handbook, in-service course, full time.
run 0 sgs disability_kinds=intellectual handbooks=ryoiku ryoiku_grade=b1 \
	course=employed weekly_hours=30
r2=$(head -1 out)
run 0 intake show "$r2" --format json
same b1 "$(answer ryoiku_grade)" "ryoiku grade"
same - "$(answer physical_grade)" "physical grade not asked"
same employed "$(answer course)" "course"
same full "$(answer hours_band)" "30 hours count as one"

# No handbook: grades given are not stored; the band's edges.
for band in "20 short" "29 short" "19 under" "1 under" "60 full"; do
	set -- $band
	run 0 sgs handbooks=none physical_grade=3 mental_grade=1 \
		course=practical weekly_hours=$1
	r=$(head -1 out)
	run 0 intake show "$r" --format json
	same "$2" "$(answer hours_band)" "$1 hours"
	same - "$(answer physical_grade)" "no grade without a handbook"
done
# Labels are accepted for codes; every kind and course exists.
run 0 sgs disability_kinds=身体,知的,精神,発達,難病 handbooks=療育手帳 \
	ryoiku_grade=a2 course=特別支援学校早期 weekly_hours=0
run 0 intake show "$(head -1 out)" --format json
same physical,intellectual,mental,developmental,intractable \
	"$(answer disability_kinds)" "every kind"
same ryoiku "$(answer handbooks)" "handbook by label"
same special_school "$(answer course)" "course by label"
run 0 sgs course=なし weekly_hours=20
run 0 intake show "$(head -1 out)" --format json
same none "$(answer course)" "course none"
same 9 "$(sql 'select count(*) from applications')" "applications"

# Disability fields are sensitive: a de-identified export drops them.
run 0 intake export shogai_shuro --deidentify
out_has "course"
out_lacks "disability_kinds"
out_lacks "handbooks"
out_lacks "physical_grade"
out_lacks "佐藤"

# A form without what the plugin reads is refused when the plugin loads.
mkdir plugins forms
chmod 755 plugins forms
cp "$INTAKE_BUILD/plugins/shogai_shuro.so" plugins/
chmod 755 plugins/shogai_shuro.so
sed 's/^\[field\.weekly_hours\]$/[field.hours_a_week]/' \
	"$INTAKE_SOURCE/forms/shogai_shuro.ini" >forms/shogai_shuro.ini
cat >edited.ini <<INI
[intake]
database = edited.db
plugin_dir = plugins
form_dir = forms
language = en
INI
run 78 "$INTAKE_BIN" -c edited.ini -d edited.db plugin check \
	plugins/shogai_shuro.so
err_has "weekly_hours"
