# --encoding utf-8|cp932 on CSV output (tally, list, find): CP932 for
# older Excel, no BOM even with --excel (a BOM is UTF-8's), CRLF kept; a
# character CP932 has not (𠮷 U+20BB7) stops the output before its row
# with an error naming it and the row (65); --encoding with a table or
# JSON, or an unknown encoding, is refused (64).
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
export INTAKE_TODAY=2027-04-30
sed 's/^language = en$/language = ja/' intake.ini >base.ini
cp base.ini intake.ini
run 0 intake init
office() {
	cp base.ini intake.ini
	printf 'office = %s\n' "$1" >>intake.ini
}
add() { # add NAME: a case, its receipt
	run 0 intake add every_callback name="$1" birth_date=1990-01-01 \
		kind=person amount=1 topics=work consent=yes \
		received_on=2026-04-01
	head -1 out
}
office 本庁
a=$(add 佐藤)
run 0 intake outcome "$a" started --date 2026-05-10

# decode FILE: the file read as CP932 (fails on anything else).
decode() {
	python3 -c "import sys; sys.stdout.write(open(sys.argv[1], encoding='cp932', newline='').read())" "$1"
}

# tally: the Japanese headings in CP932, bytes as Shift_JIS writes them.
run 0 intake tally --fy 2026 --encoding cp932
same "8e968bc6" "$(head -c 4 out | od -An -tx1 | tr -d ' \n')" "事業 in CP932"
decode out >decoded || fail "not CP932"
same "事業,成果,年度,件数（延べ）,人数（実）,支給額,目標値,達成状況" \
	"$(head -1 decoded)" "headings read back"
grep -qF "全コールバック試験,開始,2026,1,1,,," decoded || fail "row read back"
# --encoding alone makes CSV; utf-8 is the plain CSV.
run 0 intake tally --fy 2026 --format csv
cp out plain.csv
same "$(cat plain.csv)" "$(cat decoded)" "the same rows as UTF-8"
run 0 intake tally --fy 2026 --encoding utf-8
cmp -s out plain.csv || fail "--encoding utf-8 differs from the plain CSV"

# --excel with cp932: no BOM, CRLF.
run 0 intake tally --fy 2026 --excel --encoding CP932
same "8e968bc6" "$(head -c 4 out | od -An -tx1 | tr -d ' \n')" "no BOM"
same "$(wc -l <plain.csv)" "$(grep -c "$(printf '\r')\$" out)" \
	"every line ends in CRLF"
decode out | tr -d '\r' >decoded
same "$(cat plain.csv)" "$(cat decoded)" "the same rows for Excel"
# 〜 (U+301C) and － are written as Windows does, not refused.
office "本庁〜分室"
b=$(add 鈴木)
run 0 intake outcome "$b" started --date 2026-05-11
run 0 intake tally --fy 2026 --by office --encoding cp932
decode out | grep -qF "本庁～分室" || fail "〜 not written as 0x8160"

# A character CP932 lacks: the rows before it, then 65 naming it.
office "𠮷田"
c=$(add 𠮷野)
run 0 intake outcome "$c" started --date 2026-05-12
run 65 intake tally --fy 2026 --by office --encoding cp932
err_has "𠮷"
err_has "U+20BB7"
err_has "CSV の 8 行目"
err_has "不完全"
same 7 "$(decode out | wc -l)" "the heading and the rows before it"
decode out >/dev/null || fail "what was written is not CP932"
run 65 intake --lang en tally --fy 2026 --by office --encoding cp932
err_has "row 8 of the CSV (the heading is row 1): '𠮷' (U+20BB7) is not in CP932"
err_has "incomplete"
# In UTF-8 the same tally is whole.
run 0 intake tally --fy 2026 --by office --format csv
out_has "𠮷田"

# list and find.
run 0 intake list --programme every_callback --encoding cp932 --status started --office 本庁
decode out >decoded || fail "list: not CP932"
grep -qF "本庁" decoded || fail "list: office read back"
run 0 intake find 佐藤 --encoding cp932
decode out >decoded || fail "find: not CP932"
grep -qF "佐藤" decoded || fail "find: name read back"
grep -qF "全コールバック試験" decoded || fail "find: programme read back"
run 65 intake find 𠮷野 --encoding cp932
err_has "U+20BB7"
run 65 intake list --encoding cp932
err_has "U+20BB7"

# Refused: a table, JSON, an unknown encoding (nothing written).
for cmd in tally list "find 佐藤"; do
	run 64 intake --lang en $cmd --encoding cp932 --format json
	err_has "--encoding chooses the encoding of CSV: it does not go with --format json"
	run 64 intake --lang en $cmd --format table --encoding cp932
	err_has "--format table"
	run 64 intake --lang en $cmd --encoding latin1
	err_has "--encoding latin1: the encodings are utf-8, cp932"
	same 0 "$(wc -c <out)" "$cmd: nothing written"
done
run 64 intake tally --encoding shift_jis --excel
err_has "shift_jis"
