# intake serve as an attacker on the office network sees it, over the
# real binary with curl: another office's case, draft, receipt, due list
# and find results through every URL form; managers with and without an
# office; an account without an office; a disabled account's live
# session; admin pages; CSRF and Origin on every POST; forged cookies;
# odd paths and methods; malformed, repeated, oversized and non-UTF-8
# posts; hostile values shown as text on every page, whose HTML keeps to
# the CSP; the headers on every response; what leaks to strangers.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-06-30
use_programmes en
cp intake.ini base.ini
run 0 intake init
echo 'correct horse battery' >pw
for who in "kato counter 本庁" "hachi counter 八戸" "mori manager 本庁" \
	"gone counter 本庁" "victim counter 本庁"; do
	set -- $who
	run 0 intake user add "$1" --role "$2" --office "$3" <pw
done
run 0 intake user add nomu --role counter <pw
run 0 intake user add boss --role manager <pw
run 0 intake user add root --role admin <pw
run 0 intake user add odd --role counter --office '<i>"&amp;</i>' <pw

XSS1='<script>alert(1)</script>'
XSS2='"><img src=x onerror=alert(1)>'

office() {
	cp base.ini intake.ini
	printf 'office = %s\n' "$1" >>intake.ini
}
add_uij() { # NAME
	run 0 intake add uij_turn "name=$1" name_kana=アオモリタロウ \
		birth_date=1990-04-01 postal_code=0308570 address=青森市 \
		phone=0177221111 moved_from=13 moved_in_on=2026-04-01 \
		household=single children_under_18=0 grant_requested=no \
		received_on=2026-06-30
	r=$(head -1 out)
	run 0 intake outcome "$r" consulted --date 2026-06-30
	echo "$r"
}
add_shogai() { # NAME EMPLOYED_ON
	run 0 intake add shogai_shuro "name=$1" name_kana=サトウハナコ \
		birth_date=2000-10-10 postal_code=0300801 address=青森市 \
		phone=09012345678 disability_kinds=mental handbooks=mental \
		mental_grade=2 course=employed weekly_hours=30 \
		received_on=2025-10-01
	r=$(head -1 out)
	run 0 intake outcome "$r" employed --date "$2"
	echo "$r"
}
office 本庁
a=$(add_uij "$XSS1")
due_here=$(add_shogai 甲 2025-11-01)
office 八戸
b=$(add_uij 八戸花子)
due_there=$(add_shogai 乙 2025-11-02)
cp base.ini intake.ini
b_outcome=$(sql "select o.id from outcomes o join applications a on a.id = o.application_id where a.receipt = '$b'")

serve_start

# The HTML of a page against the CSP: no inline script, no style element
# or attribute, no event handler, no image, no link off this server.
cat >check_html.py <<'PY'
import sys
from html.parser import HTMLParser

class Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.in_script = False
    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == 'script':
            self.in_script = True
            if not names.get('src', '').startswith('/'):
                self.problems.append('inline script')
        if tag in ('style', 'img', 'iframe', 'object', 'embed', 'base'):
            self.problems.append('<%s>' % tag)
        for name, value in attrs:
            if name.startswith('on') or name == 'style':
                self.problems.append('%s= on <%s>' % (name, tag))
            if name in ('href', 'src', 'action') and value and \
                    not value.startswith('/'):
                self.problems.append('%s="%s"' % (name, value))
    def handle_endtag(self, tag):
        if tag == 'script':
            self.in_script = False
    def handle_data(self, data):
        if self.in_script and data.strip():
            self.problems.append('script text')

check = Check()
check.feed(open(sys.argv[1], encoding='utf-8').read())
for problem in check.problems:
    print(problem)
sys.exit(1 if check.problems else 0)
PY

# get PATH [CURL ARGS…]: headers in head.txt, the page in out; every
# response carries the security headers, every HTML page keeps to them.
get() {
	path=$1
	shift
	curl -s -D head -o out "$@" "$url$path" || fail "curl $path"
	tr -d '\r' <head >head.txt
	headers_ok "$path"
}
headers_ok() {
	grep -q "^Content-Security-Policy: default-src 'none'; .*script-src 'self';.*frame-ancestors 'none'" head.txt ||
		fail "$1: no CSP"
	grep -q '^X-Content-Type-Options: nosniff' head.txt ||
		fail "$1: no nosniff"
	grep -q '^Referrer-Policy: same-origin' head.txt ||
		fail "$1: no Referrer-Policy"
	if grep -q '^Content-Type: text/html' head.txt; then
		python3 check_html.py out >html.txt ||
			fail "$1: HTML against the CSP: $(cat html.txt)"
	fi
}
# post PATH [--data-urlencode FIELD=VALUE…]: with the session's token
post() {
	path=$1
	shift
	get "$path" -b "$jar" -H "Origin: $url" \
		--data-urlencode "csrf=$csrf" "$@"
}
# raw PATH BODY: BODY posted as it is (a form), token and origin right
raw() {
	printf '%s' "$2" >body
	get "$1" -b "$jar" -H "Origin: $url" \
		-H 'Content-Type: application/x-www-form-urlencoded' \
		--data-binary @body
}
forbidden() { sql "select count(*) from audit where action = 'forbidden' and after like '%$1%'"; }
# What an attack must leave as it was.
state() {
	sql "select (select count(*) from outcomes where voided_at is null),
		(select count(*) from case_notes),
		(select count(*) from applications where withdrawn_at is not null),
		(select count(*) from applications),
		(select count(*) from audit where action not in ('forbidden', 'login', 'logout', 'login_failed'))"
	sql "select id || ':' || staff from drafts order by id" | paste -sd, -
	sql "select draft_id || ':' || field || '=' || value from draft_answers
		order by draft_id, field" | paste -sd, -
}
case_actions="outcome amend withdraw reopen void note"

# ---- another office's case, receipt, find results, due list: 403 or
# absent, whatever the URL, each refusal audited
login kato
before=$(state)
for path in "/case/$b" "/case/$b/amend" "/receipt/$b"; do
	get "$path" -b "$jar"
	same 403 "$(status)" "kato GET $path"
	out_lacks 八戸花子
	[ "$(forbidden "$path")" -ge 1 ] || fail "$path not audited"
done
for action in $case_actions; do
	post "/case/$b/$action" --data-urlencode code=consulted \
		--data-urlencode reason=理由 --data-urlencode text=メモ \
		--data-urlencode "outcome=$b_outcome" --data-urlencode name=乗っ取り
	same 403 "$(status)" "kato POST /case/$b/$action"
	[ "$(forbidden "/case/$b/$action")" -ge 1 ] ||
		fail "POST /case/$b/$action not audited"
done
get "/find?q=$b" -b "$jar"
out_lacks "/case/$b"
get "/find?q=八戸花子" -b "$jar"
out_lacks "/case/$b"
get /due -b "$jar"
out_has "$due_here"
out_lacks "$due_there"
get / -b "$jar"
out_has "/receipt/$a"
out_lacks "$b"
# void an outcome of another case through one's own case
post "/case/$a/void" --data-urlencode "outcome=$b_outcome" \
	--data-urlencode reason=取消
same 422 "$(status)" "void of another case's outcome"
post "/case/$a/void" --data-urlencode "outcome=#$b_outcome" \
	--data-urlencode reason=取消
same 422 "$(status)" "void of another case's outcome (#)"
same "$before" "$(state)" "another office's case untouched"

# ---- another account's draft: every URL form 403, audited, untouched
login hachi
post /new --data-urlencode programme=uij_turn
same 303 "$(status)" "hachi's draft"
draft=$(sed -n 's/^Location: \/draft\/\([0-9]*\)$/\1/p' head.txt)
post "/draft/$draft/answer" --data-urlencode field=name \
	--data-urlencode value=八戸次郎
same 200 "$(status)" "hachi's answer"
login kato
before=$(state)
for path in "/draft/$draft" "/draft/$draft/review"; do
	get "$path" -b "$jar"
	same 403 "$(status)" "kato GET $path"
	out_lacks 八戸次郎
done
for action in "" /answer /confirm /discard; do
	post "/draft/$draft$action" --data-urlencode field=name \
		--data-urlencode value=乗っ取り --data-urlencode name=乗っ取り \
		--data-urlencode action=save
	same 403 "$(status)" "kato POST /draft/$draft$action"
	[ "$(forbidden "/draft/$draft$action")" -ge 1 ] ||
		fail "POST /draft/$draft$action not audited"
done
same "$before" "$(state)" "another account's draft untouched"
same 八戸次郎 "$(sql "select value from draft_answers where draft_id = $draft and field = 'name'")" "draft answer"

# ---- a counter without an office sees no office's cases (its own
# receipt it does)
login nomu
get "/case/$a" -b "$jar"
same 403 "$(status)" "nomu's case"
get "/receipt/$a" -b "$jar"
same 403 "$(status)" "nomu's receipt"
get / -b "$jar"
out_lacks "$a"
out_lacks "$b"
get /due -b "$jar"
out_lacks "$due_here"
out_lacks "$due_there"
get "/find?q=$a" -b "$jar"
out_lacks "/case/$a"

# ---- managers: with an office that office, without one every office;
# admin pages for admins only
login mori
get "/case/$b" -b "$jar"
same 403 "$(status)" "mori's other office"
get "/receipt/$b" -b "$jar"
same 403 "$(status)" "mori's other receipt"
get /due -b "$jar"
out_lacks "$due_there"
get /users -b "$jar"
same 403 "$(status)" "a manager's /users"
get /tally -b "$jar"
same 200 "$(status)" "a manager's /tally"
out_has '>UIJ-turn employment and relocation</th><td>Applications received</td><td class="kpi-num"></td><td class="kpi-num">1</td>'
out_has '<td>consultation (events)</td><td class="kpi-num"></td><td class="kpi-num">1</td>'
out_has '>本庁</th>'
out_lacks '>八戸</th>'
login boss
get /tally -b "$jar"
same 200 "$(status)" "boss's /tally"
out_has '>UIJ-turn employment and relocation</th><td>Applications received</td><td class="kpi-num"></td><td class="kpi-num">2</td>'
out_has '<td>consultation (events)</td><td class="kpi-num"></td><td class="kpi-num">2</td>'
out_has '>八戸</th><td class="kpi-num">1</td>'
get "/case/$b" -b "$jar"
same 200 "$(status)" "boss's case"
get "/receipt/$b" -b "$jar"
same 200 "$(status)" "boss's receipt"
get /due -b "$jar"
out_has "$due_here"
out_has "$due_there"
n=$(forbidden /users)
get /users -b "$jar"
same 403 "$(status)" "boss's /users"
same $((n + 1)) "$(forbidden /users)" "boss's /users audited"
login kato
for path in /users /tally; do
	get $path -b "$jar"
	same 403 "$(status)" "kato's $path"
done
login root
get /users -b "$jar"
same 200 "$(status)" "root's /users"
out_has '<td>kato</td>'

# ---- a disabled account's live session ends at once
login gone
gone_jar=$jar
gone_csrf=$csrf
run 0 intake user disable gone
get / -b "$gone_jar"
same 303 "$(status)" "disabled: home"
grep -q '^Location: /login' head.txt || fail "disabled: not to the login"
before=$(state)
get "/case/$a/note" -b "$gone_jar" -H "Origin: $url" \
	--data-urlencode "csrf=$gone_csrf" --data-urlencode text=まだいる
same 403 "$(status)" "disabled: note"
same "$before" "$(state)" "disabled: nothing stored"

# ---- CSRF and Origin on every POST: no token, a wrong one, another
# session's, a foreign Origin, none at all: 403, nothing stored
login hachi
hachi_csrf=$csrf
login kato
post /new --data-urlencode programme=uij_turn
mine=$(sed -n 's/^Location: \/draft\/\([0-9]*\)$/\1/p' head.txt)
before=$(state)
wrong=$(printf '%064d' 0)
for path in /logout /new "/draft/$mine" "/draft/$mine/answer" \
	"/draft/$mine/confirm" "/draft/$mine/discard" \
	$(for x in $case_actions; do echo "/case/$a/$x"; done); do
	fields="--data-urlencode programme=uij_turn --data-urlencode field=name --data-urlencode value=x --data-urlencode code=consulted --data-urlencode reason=r --data-urlencode text=t"
	for how in none wrong short other foreign null noorigin; do
		case $how in
		none) args="-H Origin:$url" ;;
		wrong) args="-H Origin:$url --data-urlencode csrf=$wrong" ;;
		short) args="-H Origin:$url --data-urlencode csrf=${csrf%?}" ;;
		other) args="-H Origin:$url --data-urlencode csrf=$hachi_csrf" ;;
		foreign) args="-H Origin:http://evil.example --data-urlencode csrf=$csrf" ;;
		null) args="-H Origin:null --data-urlencode csrf=$csrf" ;;
		noorigin) args="--data-urlencode csrf=$csrf" ;;
		esac
		# shellcheck disable=SC2086
		get "$path" -b "$jar" $args $fields
		same 403 "$(status)" "POST $path ($how)"
	done
	get "$path" -b "$jar" -H "Referer: http://127.0.0.1:$port.evil.example/" \
		--data-urlencode "csrf=$csrf" $fields
	same 403 "$(status)" "POST $path (a look-alike Referer)"
done
same "$before" "$(state)" "nothing stored by forged posts"
get / -b "$jar"
same 200 "$(status)" "the session outlived the forged logouts"

# ---- forged session cookies: not signed in (GET to the login, POST 403)
for token in "" abc "${jar#intake_session=}0" \
	"$(printf '%s' "${jar#intake_session=}" | tr a-f A-F)" \
	"$(printf 'g%063d' 0)" "$(printf '%064d' 0)" "../../etc/passwd" \
	"$(printf '%0100000d' 0)"; do
	get / -b "intake_session=$token"
	case $(status) in
	303) grep -q '^Location: /login' head.txt ||
		fail "forged cookie: not to the login" ;;
	431|400|413) ;; # a cookie too long for the server's buffer
	*) fail "forged cookie ${token%"${token#????????}"}…: $(status)" ;;
	esac
	get "/case/$a/note" -b "intake_session=$token" -H "Origin: $url" \
		--data-urlencode "csrf=$csrf" --data-urlencode text=偽
	case $(status) in 403|431|400|413) ;; *) fail "forged cookie POST: $(status)" ;; esac
done
same "$before" "$(state)" "nothing stored with forged cookies"

# ---- odd receipts, ids and paths: 404 (or 403 for a real case of
# another office), never a page of something else
long=$(printf 'R%.0s' $(seq 1 3000))
for path in "/case/$long" "/case/-1" "/case/%00" "/case/$a%00x" \
	"/case//$a" "/case/$a//note" "/case/..%2f..%2fetc" "/case/$a/x" \
	"/case/%ff%fe" "/draft/-1" "/draft/0" "/draft/99999999999999999999" \
	"/draft/$mine/x" "/draft/$mine//answer" "/draft/%ff" "/draft/1e3" \
	"/receipt/$long" "/receipt/%ff" "/receipt/%00" "/receipt/$a/" \
	"/receipt/..%2f$a" "/users/" "/users/x" "/find/" "/due/x" \
	"//case/$a" "/./case/$a" "/case/../users"; do
	get "$path" -b "$jar" --path-as-is
	case $(status) in 404|403|400) ;; *) fail "GET $path: $(status)" ;; esac
	out_lacks 八戸花子
done
for path in "/case/$long/note" "/case/-1/note" "/case/$a%00/note" \
	"/case/$a/note/" "/case/$a/note%00" "/draft/-1/answer" \
	"/draft/99999999999999999999/answer" "/draft/$mine/answer/" \
	"/draft/${mine}x/answer"; do
	post "$path" --path-as-is --data-urlencode text=侵入 \
		--data-urlencode field=name \
		--data-urlencode value=侵入
	case $(status) in 404|403|400) ;; *) fail "POST $path: $(status)" ;; esac
done
same "$before" "$(state)" "nothing stored by odd paths"

# ---- other methods: not a page, nothing stored
for method in PUT DELETE PATCH OPTIONS TRACE; do
	get "/case/$a/note" -X "$method" -b "$jar" -H "Origin: $url" \
		--data-urlencode "csrf=$csrf" --data-urlencode text=メソッド
	case $(status) in 404|405|501) ;; *) fail "$method: $(status)" ;; esac
done
curl -s -I -b "$jar" "$url/case/$a" | tr -d '\r' >head.txt
case $(status) in 200|404|405) ;; *) fail "HEAD: $(status)" ;; esac
headers_ok HEAD
get "/case/$a/note" -b "$jar" -G --data-urlencode text=クエリ
same 404 "$(status)" "a GET of a POST action"
same "$before" "$(state)" "nothing stored by other methods"

# ---- malformed posts: 400, nothing stored
tok="csrf=$csrf"
fields33=$tok
for i in $(seq 1 32); do fields33="$fields33&f$i=x"; done
for body in "$fields33" "$tok&text=a&text=b" "$tok&csrf=$csrf&text=a" \
	"$tok&text=%ff%fe" "$tok&text=%c3%28" "$tok&text=%ed%a0%80" \
	"$tok&text=a%00b" "$tok&text=%zz" "$tok&text=%4" "$tok&text" \
	"$tok&=x&text=a" "$tok&text=a&" "$tok&te%ffxt=a" \
	"$(printf '%s&text=\377' "$tok")"; do
	raw "/case/$a/note" "$body"
	same 400 "$(status)" "note body ${body#"$tok"}"
done
for body in "$tok&field=name&value=%ff" "$tok&field=na%ffme&value=x" \
	"$tok&field=name&value=a%00"; do
	raw "/draft/$mine/answer" "$body"
	same 400 "$(status)" "answer body ${body#"$tok"}"
done
get "/case/$a/note" -b "$jar" -H "Origin: $url" \
	-H 'Content-Type: multipart/form-data; boundary=x' \
	--data-binary "$(printf -- '--x\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--x--\r\n' "$csrf")"
same 400 "$(status)" "a multipart post"
get "/case/$a/note" -b "$jar" -H "Origin: $url" -H 'Content-Type: text/plain' \
	--data-binary "$tok&text=plain"
same 400 "$(status)" "a text/plain post"
get "/login" -H "Origin: $url" --data-binary 'name=kato&password=%ff'
same 400 "$(status)" "a login of invalid UTF-8"
for q in "q=%ff" "q=%c3" "fy=%ff%fe" "month=%ff"; do
	get "/find?$q" -b "$jar"
	same 400 "$(status)" "query $q"
	get "/tally?$q" -b "$jar"
	same 400 "$(status)" "tally query $q"
done
same "$before" "$(state)" "nothing stored by malformed posts"

# ---- over-long answers and texts: refused with the reason, not stored
long_text=$(printf 'あ%.0s' $(seq 1 5000))
post "/draft/$mine/answer" --data-urlencode field=name \
	--data-urlencode "value=$long_text"
same 422 "$(status)" "an over-long answer"
grep -q '^Content-Type: application/json' head.txt || fail "not JSON"
same "" "$(sql "select value from draft_answers where draft_id = $mine and field = 'name'")" "long answer stored"
post "/case/$a/note" --data-urlencode "text=$long_text"
same 422 "$(status)" "an over-long memo"
post "/case/$a/withdraw" --data-urlencode "reason=$long_text"
same 422 "$(status)" "an over-long reason"
same "$before" "$(state)" "nothing stored by over-long texts"

# ---- a body over the limit, declared or streamed: 413, the server
# still answers
head -c 70000 /dev/zero | tr '\0' a >big
get "/case/$a/note" -b "$jar" -H "Origin: $url" --data-binary @big
same 413 "$(status)" "a declared body over the limit"
get "/case/$a/note" -b "$jar" -H "Origin: $url" -H 'Transfer-Encoding: chunked' \
	--data-binary @big
same 413 "$(status)" "a streamed body over the limit"
get /login -H "Origin: $url" --data-binary @big
same 413 "$(status)" "a login body over the limit"
# a body that never ends: the connection is closed after a while
python3 - "$port" <<'PY' || fail "an endless body is read on"
import socket, sys, time
port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
          b"Content-Type: application/x-www-form-urlencoded\r\n"
          b"Transfer-Encoding: chunked\r\n\r\n" % port)
chunk = b"10000\r\n" + b"a" * 65536 + b"\r\n"
sent, start = 0, time.time()
s.settimeout(0.05)
while sent < 64 * 1024 * 1024 and time.time() - start < 20:
    try:
        s.sendall(chunk)
        sent += len(chunk)
        if s.recv(4096) == b"":
            break
    except socket.timeout:
        pass
    except OSError:
        break
sys.exit(0 if sent < 8 * 1024 * 1024 else 1)
PY
same "$before" "$(state)" "nothing stored by big bodies"
get / -b "$jar"
same 200 "$(status)" "the server after big bodies"

# ---- hostile values shown as text everywhere (the HTML check of get
# finds any element or attribute they would make)
esc1='&lt;script&gt;alert(1)&lt;/script&gt;'
esc2='&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
post "/case/$a/note" --data-urlencode "text=$XSS2"
same 303 "$(status)" "a hostile memo"
get "/case/$a" -b "$jar"
out_has "$esc1"
out_has "$esc2"
post "/case/$a/outcome" --data-urlencode "code=$XSS2" \
	--data-urlencode "date=$XSS1" --data-urlencode "amount=$XSS2"
same 422 "$(status)" "a hostile outcome"
out_has "$esc2"
out_lacks "$XSS2"
post "/case/$a/outcome" --data-urlencode code=consulted \
	--data-urlencode "date=$XSS1"
same 422 "$(status)" "a hostile date"
out_has "$esc1"
out_lacks "$XSS1"
post "/case/$a/void" --data-urlencode "outcome=$XSS2" \
	--data-urlencode reason=取消
same 422 "$(status)" "a hostile void"
out_has "$esc2"
for path in "/" "/find?q=$(printf '%s' "$XSS2" | jq -sRr @uri)" \
	"/tally?fy=$(printf '%s' "$XSS2" | jq -sRr @uri)" \
	"/tally?month=$(printf '%s' "$XSS1" | jq -sRr @uri)" "/receipt/$a" \
	/due "/find?q=$a"; do
	login boss
	get "$path" -b "$jar"
	out_lacks "$XSS1"
	out_lacks "$XSS2"
done
get "/receipt/$a" -b "$jar"
out_has "$esc1"
login root
get /users -b "$jar"
out_has '<td>&lt;i&gt;&quot;&amp;amp;&lt;/i&gt;</td>'
out_lacks '<i>'
login odd
out_has '(counter, &lt;i&gt;&quot;&amp;amp;&lt;/i&gt;)'
out_lacks '<i>'
login kato
post "/draft/$mine/answer" --data-urlencode field=name \
	--data-urlencode "value=$XSS2"
same 200 "$(status)" "a hostile answer saved"
grep -q '^Content-Type: application/json; charset=utf-8' head.txt ||
	fail "autosave not JSON"
out_lacks '<'
out_lacks '>'
python3 -c 'import json,sys; v = json.load(open("out"))["value"]; sys.exit(v != sys.argv[1])' "$XSS2" ||
	fail "autosave value: $(cat out)"
post "/draft/$mine/answer" --data-urlencode "field=$XSS1" \
	--data-urlencode "value=$XSS2"
same 422 "$(status)" "a hostile field"
out_lacks '<'
get "/draft/$mine" -b "$jar"
out_has "value=\"$esc2\""
post "/draft/$mine" --data-urlencode "name=$XSS1" \
	--data-urlencode "birth_date=$XSS2" --data-urlencode action=save
same 200 "$(status)" "a hostile form post"
out_has "$esc2"
get "/draft/$mine/review" -b "$jar"
out_has "$esc1"

# ---- what strangers learn: no paths, no internals, no account names;
# unknown and known names cost the same time; no password in the audit
for path in /nothing "/case/$a" /users; do
	get "$path"
	! grep -qF "$SCRATCH" out || fail "$path shows the database path"
	out_lacks kato
done
get /login -H "Origin: $url" --data-urlencode name=kato \
	--data-urlencode "password=Tr0ub4dor&3 secret"
out_lacks "Tr0ub4dor"
get /login -H "Origin: $url" --data-urlencode "name=Tr0ub4dor&3 secret" \
	--data-urlencode "password=x"
same 0 "$(sql "select count(*) from audit where coalesce(after, '') || coalesce(staff, '') like '%Tr0ub4dor%'")" "a password in the audit"
same 0 "$(sql "select count(*) from sessions where token_hash like '%${jar#intake_session=}%'")" "a token stored as it is"
timed_login() {
	curl -s -o /dev/null -w '%{time_total}\n' -H "Origin: $url" \
		--data-urlencode "name=$1" --data-urlencode password=wrong \
		"$url/login"
}
timed_login nosuchname >/dev/null
known=0
unknown=0
for i in 1 2 3; do
	known=$(echo "$known + $(timed_login victim)" | bc -l)
	unknown=$(echo "$unknown + $(timed_login nosuch$i)" | bc -l)
done
[ "$(echo "$unknown * 3 > $known" | bc -l)" = 1 ] ||
	fail "an unknown name answers faster ($unknown s) than a known one ($known s)"

# ---- the server is still up and answers its own pages
get /style.css
same 200 "$(status)" "the style sheet"
get /entry.js
same 200 "$(status)" "the script"
kill $server
wait $server
same 0 $? "the server's exit"
