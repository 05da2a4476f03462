# intake find TEXT and the filters of find and list: each kind of
# lookup, width/script/space, receipt tails, 和暦, phone punctuation,
# refusals, exit 1 when nothing matches, and a migrated database.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2026-08-10
run 0 intake init
add() { # name kana birth_date phone received_on
	set -- "$1" "$2" "$3" "$4" "$5"
	run 0 intake add every_callback name="$1" name_kana="$2" \
		birth_date="$3" ${4:+phone="$4"} kind=person amount=100 \
		topics=work consent=yes received_on="$5"
}
add '青森 太郎' 'アオモリ タロウ' 1990-04-01 017-734-1111 2025-06-01
add '弘前 花子' 'ひろさき はなこ' 1985-01-02 090-1234-5678 2026-04-10
add '青森 次郎' 'ｱｵﾓﾘ ｼﾞﾛｳ' 1990-04-01 '' 2026-08-10
run 0 intake outcome TST-2026-000001 contacted --date 2026-05-01

# find TEXT prints the row: receipt, programme title, name, kana,
# received date, status, latest outcome.
found() { # TEXT… : the receipts found, one line
	run 0 intake find "$@" --format csv
	tail -n +2 out | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//'
}
run 0 intake find TST-2026-000001 --format csv
same 'receipt,programme,name,name_kana,received_on,status,outcome_on' \
	"$(head -1 out)" "find columns"
out_has 'TST-2026-000001,Every callback test,弘前 花子,ヒロサキ　ハナコ,'
out_has ',2026-04-10,contacted,2026-05-01'

# Names and kana: width, script and spaces do not count; a prefix.
same 'TST-2026-000002 TST-2025-000001' "$(found ｱｵﾓﾘ)" "half-width kana"
same 'TST-2026-000002 TST-2025-000001' "$(found あおもり)" "hiragana"
same 'TST-2026-000002 TST-2025-000001' "$(found アオモリ)" "katakana"
same 'TST-2025-000001' "$(found 'アオ モリ タ')" "spaces"
same 'TST-2025-000001' "$(found アオモリ　タロウ)" "full-width space"
same 'TST-2025-000001' "$(found 青森 太)" "name as two words"
same 'TST-2026-000001' "$(found はなこ)" "given name alone"
same 'TST-2026-000002' "$(found --kana ジロウ)" "--kana"
same 'TST-2026-000002 TST-2025-000001' "$(found --name 青森)" "--name"
run 1 intake find --name アオモリ
err_has "no application matches"

# Receipts: whole, lower case, or the tail (unique, or every match).
same 'TST-2025-000001' "$(found tst-2025-1)" "receipt"
same 'TST-2026-000002' "$(found 2)" "unique tail"
same 'TST-2026-000002' "$(found ０００００２)" "full-width tail"
same 'TST-2026-000001 TST-2025-000001' "$(found 1)" "ambiguous tail"
same 'TST-2025-000001' "$(found 2025-1)" "fiscal year and tail"
same 'TST-2025-000001' "$(found --receipt 2025-000001)" "--receipt"

# Birth dates as a date field takes them, 和暦 too.
same 'TST-2026-000002 TST-2025-000001' "$(found 平成2年4月1日)" "和暦"
same 'TST-2026-000002 TST-2025-000001' "$(found H2.4.1)" "era letter"
same 'TST-2026-000001' "$(found --birth-date 1985/1/2)" "--birth-date"

# Phones with any punctuation.
for phone in 017-734-1111 0177341111 '(017)734-1111' '017 734 1111' \
	０１７ー７３４ー１１１１; do
	same 'TST-2025-000001' "$(found "$phone")" "phone $phone"
done
same 'TST-2026-000001' "$(found --phone 090-1234-5678)" "--phone"

# Filters, on find and on list.
same 'TST-2026-000002' "$(found あおもり --from 2026-04-01)" "--from"
same 'TST-2025-000001' "$(found あおもり --to 令和8年3月31日)" "--to 和暦"
same 'TST-2026-000001' "$(found --status contacted)" "--status"
same 'TST-2026-000002' "$(found --today)" "--today"
same 'TST-2026-000002 TST-2026-000001 TST-2025-000001' \
	"$(found --programme every_callback --staff tester)" "programme, staff"
run 0 intake list --today --format csv
same 2 "$(wc -l <out | tr -d ' ')" "list --today"
out_has 'TST-2026-000002,every_callback,2026-08-10,received,tester,'
run 0 intake list --kana あおもり --from 2026-01-01 --format csv
same 'TST-2026-000002' "$(tail -n +2 out | cut -d, -f1)" "list --kana --from"
run 0 intake list --phone 0177341111 --format json
out_has '"receipt": "TST-2025-000001"'
run 0 intake list --status finished --format csv
same 1 "$(wc -l <out | tr -d ' ')" "list finds nothing: 0, a header"
run 64 intake list --status nothing --format csv
err_has "no status 'nothing'"

# --limit: a line on stderr says more matched.
run 0 intake find --programme every_callback --limit 2 --format csv
same 3 "$(wc -l <out | tr -d ' ')" "two rows"
err_has "more applications match; these are the first 2"
run 0 intake find --programme every_callback --limit 3 --format csv
[ -s err ] && fail "no line about more: $(cat err)"

# Nothing found: 1, as grep; JSON is still an empty array.
run 1 intake find ナイナイ
err_has "no application matches"
run 1 intake find 999 --format json
same '[]' "$(tr -d ' \n' <out)" "empty JSON"

# Refusals: 64 naming what is expected.
run 64 intake find --bogus x
err_has "unknown option"
run 64 intake find
err_has "say what to look for"
run 64 intake find --from 2026-13-01
err_has "--from '2026-13-01' is not accepted; expected"
err_has "2020-04-01"
run 64 intake list --birth-date きのう
err_has "--birth-date 'きのう'"
run 64 intake find --phone 12
err_has "--phone '12'"
run 64 intake find --receipt abc
err_has "a receipt such as UIJ-2026-000012"
run 64 intake find --limit -1
err_has "--limit '-1'"
run 64 intake find '・ '
err_has "cannot search for"
run 64 intake list stray
err_has "usage: intake list"

# Japanese by default.
run 1 "$INTAKE_BIN" -d "$DB" --lang ja find ナイナイ
err_has "該当する受付はありません"

# A database of schema 3 (before search keys) finds its old cases once
# migrated, even by a reading command.
needs_sqlite "the rest: a schema-3 SQLite file migrated"
intake backup v3.db >/dev/null # with the write-ahead log's cases
sqlite3 v3.db "$UNDO_MIGRATION_10 $UNDO_MIGRATION_9 $UNDO_MIGRATION_8 $UNDO_MIGRATION_7 $UNDO_MIGRATION_6 $UNDO_MIGRATION_5 drop table search_keys; drop index applications_sequence;
	drop index applications_received; drop index applications_status;
	drop index applications_office; drop index applications_staff;
	pragma user_version = 3" || fail "make a schema-3 database"
run 0 "$INTAKE_BIN" -d v3.db find ｱｵﾓﾘ ﾀﾛｳ --format csv
out_has 'TST-2025-000001'
same 10 "$(sqlite3 v3.db 'pragma user_version')" "migrated"
same "$(sql 'select count(*) from search_keys')" \
	"$(sqlite3 v3.db 'select count(*) from search_keys')" "same keys"
run 0 "$INTAKE_BIN" -d v3.db find 2 --format csv
out_has 'TST-2026-000002'
