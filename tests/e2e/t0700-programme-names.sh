#!/bin/sh
# A programme as people name it: its id, its receipt prefix (any case,
# full-width too), its Japanese or English title or a part of one, for
# new, add, form, export, list --programme and tally --programme.  An
# unknown or ambiguous name is exit 64 listing the programmes (id,
# prefix, title), in both languages.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes
export INTAKE_TODAY=2026-11-22
run 0 intake init

answers() {
	printf '%s\n' '起業 花子' 'きぎょう はなこ' 1990-04-01 030-0801 \
		青森市新町1-1 017-734-1111 '' 構想 sole 飲食 '1,000,000' はい
}

# intake new by title, prefix, part of the English title; the menu by name.
answers >answers.txt
run 0 intake new 起業支援 <answers.txt
same KGY-2026-000001 "$(head -1 out)" "new 起業支援"
run 0 intake new KGY <answers.txt
same KGY-2026-000002 "$(head -1 out)" "new KGY"
run 0 intake new kgy <answers.txt
same KGY-2026-000003 "$(head -1 out)" "new kgy"
run 0 intake new 'startup' <answers.txt
same KGY-2026-000004 "$(head -1 out)" "new startup"
{ echo 起業; answers; } >menu.txt
run 0 intake new <menu.txt
same KGY-2026-000005 "$(tail -1 out)" "the menu takes a name"

# Unknown and ambiguous names: 64, nothing stored, the programmes listed.
run 64 intake new 補助金 <answers.txt
err_has "no programme '補助金': give one of these by its id, receipt prefix or title:"
err_has "  jigyo_shokei  JGS  Business succession"
err_has "  kigyo_shien   KGY  Startup support"
err_has "  shogai_shuro  SGS  Employment of people with disabilities"
err_has "  uij_turn      UIJ  UIJ-turn employment and relocation"
run 64 intake new 支援 <answers.txt
err_has "'支援' matches more than one programme: give one of them by its id, receipt prefix or title:"
err_has "  kigyo_shien   KGY  Startup support"
err_has "  shogai_shuro  SGS  Employment of people with disabilities"
err_has "  uij_turn      UIJ  UIJ-turn employment and relocation"
if grep -q jigyo_shokei err; then fail "jigyo_shokei does not fit 支援"; fi
run 64 intake --lang ja new 補助金 <answers.txt
err_has "事業 '補助金' が見つかりません。次のどれかを、ID、受付番号の接頭辞または名称で指定してください:"
err_has "  kigyo_shien   KGY  起業支援"
run 64 intake --lang ja new 支援 <answers.txt
err_has "'支援' に当てはまる事業が複数あります。どれか一つを、ID、受付番号の接頭辞または名称で指定してください:"
err_has "  shogai_shuro  SGS  障がい者就労支援"
{ echo 支援; answers; } >menu.txt
run 64 intake new <menu.txt
err_has "'支援' matches more than one programme"
run 64 intake new '' <answers.txt
err_has "no programme ''"
same 5 "$(sql 'select count(*) from applications')" "refusals store nothing"

# intake add and intake form.
run 0 intake add 事業承継 name=山田太郎 name_kana=やまだたろう \
	birth_date=1975-04-01 postal_code=030-8570 address=青森市長島1-1-1 \
	phone=017-722-1111 sole_proprietor=no corporate_number=7000012050002 \
	company_name=山田製作所 company_kana=ヤマダセイサクショ industry=E \
	employees=12 owner_birth_date=1960-06-15 successor_status=candidate \
	succession_type=family stage=pre received_on=2026-06-01
same JGS-2026-000001 "$(head -1 out)" "add 事業承継"
run 64 intake add 補助金 name=x
err_has "no programme '補助金'"
for name in 就労 SGS sgs ＳＧＳ 障がい者就労支援 'employment of people' \
	shogai_shuro; do
	run 0 intake form "$name" --format csv
	out_has "disability"
done
run 64 intake form 補助金
err_has "uij_turn      UIJ"

# intake export.
run 0 intake export 起業支援
out_has KGY-2026-000001
out_lacks JGS-2026-000001
run 0 intake export jgs
out_has JGS-2026-000001
run 64 intake export 補助金
if [ -s out ]; then fail "export of an unknown programme wrote rows"; fi

# intake list --programme.
run 0 intake list --programme 承継 --format csv
out_has JGS-2026-000001
out_lacks KGY-
run 0 intake list --programme KGY --format csv
same 5 "$(grep -c '^KGY-' out)" "list --programme KGY"
run 64 intake list --programme 補助金
err_has "no programme '補助金'"
err_has "  kigyo_shien   KGY  Startup support"
if [ -s out ]; then fail "list of an unknown programme wrote rows"; fi
run 64 intake list --programme 支援
err_has "matches more than one programme"

# intake tally --programme.
run 0 intake tally --programme 起業支援 --fy 2026 --format csv
out_has "Startup support,"
out_lacks "UIJ-turn"
run 0 intake tally --programme UIJ --fy 2026 --format csv
out_has "UIJ-turn employment and relocation,"
out_lacks "Startup support"
run 64 intake tally --programme 補助金 --fy 2026
err_has "no programme '補助金'"
run 64 intake tally --programme 支援 --fy 2026
err_has "matches more than one programme"

# A receipt is still looked up by itself.
run 0 intake show KGY-2026-000001 --format json
out_has '"programme": "kigyo_shien"'
