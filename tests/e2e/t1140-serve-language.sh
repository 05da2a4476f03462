# intake serve speaks each account's language, many requests at once:
# a Japanese and an English account find at the same time and each page
# is in its account's language; errors from below the server (find's,
# the store's) are in the page, never on the server's stderr.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes ja
run 0 intake init
echo 'correct horse battery' >pw
run 0 intake user add taro --role counter --lang ja <pw
run 0 intake user add alice --role counter --lang en <pw
run 0 intake add uij_turn name=青森太郎 name_kana=アオモリタロウ \
	birth_date=1990-04-01 postal_code=0308570 address=青森市 \
	phone=0177221111 moved_from=13 moved_in_on=2026-04-01 \
	household=single children_under_18=0 \
	grant_requested=no tokyo23_years=6 tokyo23_last_year=yes \
	job_listed=yes job_open_ended=yes job_hours=40 \
	job_started_on=2026-04-01
receipt=$(sql "select receipt from applications")

serve_start

# The texts each language must show, and must not.
ja_find='受付番号 (UIJ-2026-000012 か末尾の数字 12)'
en_find='a receipt (UIJ-2026-000012, or its last digits such as 12)'
# (the page escapes the quotes)
ja_store="データベース &#39;$SCRATCH/intake.db&#39; のエラー: no such table"
en_store="database &#39;$SCRATCH/intake.db&#39;: no such table"
ja_none='見つかりませんでした'
en_none='nothing found'

# has FILE TEXT / lacks FILE TEXT
has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2': $(cat "$1")"; }
lacks() { ! grep -qF -- "$2" "$1" || fail "$1 has '$2'"; }

# login NAME: its session cookie on stdout
login() {
	curl -s -D - -o /dev/null -H "Origin: $url" --data-urlencode "name=$1" \
		--data-urlencode 'password=correct horse battery' "$url/login" |
		sed -n 's/^Set-Cookie: intake_session=\([0-9a-f]*\);.*/\1/p'
}

# ---- the login page: the server's language (the configuration's)
curl -s -o login.html "$url/login" || fail "curl /login"
has login.html '<html lang="ja">'
has login.html 'ログイン'

ja_jar="intake_session=$(login taro)"
en_jar="intake_session=$(login alice)"
[ ${#ja_jar} = 79 ] || fail "taro not logged in"
[ ${#en_jar} = 79 ] || fail "alice not logged in"

# many PATH: 24 requests of each account at once, pages in ja.N and en.N
many() {
	pids=
	for n in $(seq 1 24); do
		curl -s -o "ja.$n" -b "$ja_jar" "$url$1" & pids="$pids $!"
		curl -s -o "en.$n" -b "$en_jar" "$url$1" & pids="$pids $!"
	done
	for p in $pids; do wait "$p" || fail "curl $1 failed"; done
}

# ---- a query find cannot take ("・" alone): find's own words, each in
# its account's language
many '/find?q=%E3%83%BB'
for n in $(seq 1 24); do
	has "ja.$n" '<html lang="ja">'
	has "ja.$n" "$ja_find"
	lacks "ja.$n" "$en_find"
	has "en.$n" '<html lang="en">'
	has "en.$n" "$en_find"
	lacks "en.$n" "$ja_find"
done

# ---- nothing found, and a refused post (the error page), likewise
many '/find?q=%E5%B1%B1%E7%94%B0'
for n in $(seq 1 24); do
	has "ja.$n" "$ja_none"
	has "en.$n" "$en_none"
done
curl -s -o ja.403 -w '%{http_code}' -b "$ja_jar" -H "Origin: $url" \
	-d x=1 "$url/logout" >code || fail "curl /logout"
same 403 "$(cat code)" "a post without its token"
has ja.403 'この要求は受け付けられません'
curl -s -o en.403 -b "$en_jar" -H "Origin: $url" -d x=1 "$url/logout" ||
	fail "curl /logout"
has en.403 'this request was refused'

# ---- a store error: the name index gone under the running server.
# The store's message is in the page, in the account's language.
needs_sqlite "the rest: a SQLite table renamed under the running server"
sqlite3 -cmd '.timeout 5000' intake.db \
	'alter table search_keys rename to search_keys_away' ||
	fail "cannot rename search_keys"
many '/find?q=%E9%9D%92%E6%A3%AE'
for n in $(seq 1 24); do
	has "ja.$n" "データベースのエラーです"
	has "ja.$n" "$ja_store"
	lacks "ja.$n" "$en_store"
	has "en.$n" "database error: try again later"
	has "en.$n" "$en_store"
	lacks "en.$n" "$ja_store"
done
sqlite3 -cmd '.timeout 5000' intake.db \
	'alter table search_keys_away rename to search_keys' ||
	fail "cannot rename search_keys back"

# ---- and back: found, in both languages, no error left over
many '/find?q=%E9%9D%92%E6%A3%AE'
for n in $(seq 1 24); do
	has "ja.$n" "$receipt"
	has "ja.$n" '受付番号'
	lacks "ja.$n" 'class="error"'
	has "en.$n" "$receipt"
	has "en.$n" 'Receipt'
	lacks "en.$n" 'class="error"'
done

# ---- nothing on the server's stderr (but the warning at start, when
# the tests run as root)
kill -TERM $server
wait $server
same 0 "$?" "exit status after SIGTERM"
trap 'scratch_cleanup' EXIT
grep -vF 'root で動いています' server.err >stderr.rest
[ -s stderr.rest ] && fail "the server wrote to stderr: $(cat stderr.rest)"
exit 0
