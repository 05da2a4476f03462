# intake new from a script: one answer per line, same rules, 65 on the
# first invalid answer with nothing stored.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-11-22
run 0 intake init

answers() {
	printf '%s\n' '起業 花子' 'きぎょう はなこ' 1990-04-01 030-0801 \
		青森市新町1-1 017-734-1111 '' "$@"
}
# stage idea: opening_on is not asked.
answers 構想 sole 飲食 '1,000,000' はい >answers.txt
run 0 intake new kigyo_shien <answers.txt
same 1 "$(wc -l <out | tr -d ' ')" "only the receipt on stdout"
r=$(head -1 out)
same KGY-2026-000001 "$r" "receipt"
run 0 intake show "$r" --format json
json() { python3 -c "import json; print(json.load(open('$SCRATCH/out'))$1)"; }
same idea "$(json "['answers']['stage']")" "choice by label"
same 500000 "$(json "['answers']['requested_amount']")" "derived"
same キギョウ　ハナコ "$(json "['answers']['name_kana']")" "hiragana to katakana"
same False "$(json "['answers'].__contains__('opening_on')")" "skipped field"

# Answer by number: 2 = preparing, so opening_on is asked.
answers 2 2026-12-01 1 飲食 2000000 n >answers.txt
run 0 intake new kigyo_shien <answers.txt
same KGY-2026-000002 "$(head -1 out)" "second receipt"

# The first invalid answer ends the run: exit 65, nothing stored.
answers 9 >answers.txt
run 65 intake --lang en new kigyo_shien <answers.txt
err_has "intake: Stage '9': "
answers 2 2026-02-30 1 飲食 2000000 n >answers.txt
run 65 intake --lang en new kigyo_shien <answers.txt
err_has "2026-02-30"
answers 2 >answers.txt
run 65 intake --lang en new kigyo_shien <answers.txt
err_has "nothing was stored"
same 2 "$(sql 'select count(*) from applications')" "nothing more stored"
same 0 "$(sql 'select count(*) from drafts')" "no drafts from scripts"

# Back with < works from a script too.
answers 1 '<' 2 2026-12-01 1 飲食 2000000 n >answers.txt
run 0 intake new kigyo_shien <answers.txt
run 0 intake show "$(head -1 out)" --format json
same preparing "$(json "['answers']['stage']")" "changed after going back"
