# intake serve over the real binary with curl: login (wrong, locked,
# right), cookie flags, home, find with escaping, CSRF on logout, the
# security headers, 413, a refused listen address, SIGTERM.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en
run 0 intake init
echo 'correct horse battery' >pw
run 0 intake user add sato --role admin --office 本庁 --lang en <pw
run 0 intake user add suzuki --role counter --lang en <pw
add_case() { # NAME ADDRESS
	run 0 intake add uij_turn "name=$1" name_kana=アオモリタロウ \
	birth_date=1990-04-01 postal_code=0308570 "address=$2" \
	phone=0177221111 moved_from=13 moved_in_on=2026-04-01 \
	household=single children_under_18=0 \
	grant_requested=no tokyo23_years=6 tokyo23_last_year=yes \
	job_listed=yes job_open_ended=yes job_hours=40 \
	job_started_on=2026-04-01
}
# < and > are ordinary text: the page must escape them
hostile='"><img src=x onerror=alert(1)>'
add_case 青森太郎 青森市
receipt=$(sql "select receipt from applications")
add_case "$hostile" "$hostile"
hostile_receipt=$(sql "select receipt from applications where id = 2")

# ---- a non-loopback address needs --plain-http
run 64 intake serve --listen 192.0.2.1:8080
err_has "not a loopback address"
err_has "TLS proxy"
run 64 intake serve --listen nowhere:80
INTAKE_SESSION_MINUTES=0 run 64 intake serve

serve_start
in_file server.out "serving plain HTTP on $url/" || fail "no plain HTTP notice"

# get PATH [CURL ARGS…]: headers in head, the page in out
get() {
	path=$1
	shift
	curl -s -D head -o out "$@" "$url$path" || fail "curl $path"
	tr -d '\r' <head >head.txt
	for h in "Content-Security-Policy: default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'" \
		"X-Content-Type-Options: nosniff" "Referrer-Policy: same-origin" \
		"Cache-Control: no-store"; do
		grep -qiF -- "$h" head.txt || fail "$path lacks header $h"
	done
}
login() { # NAME PASSWORD [CURL ARGS…]
	n=$1 p=$2
	shift 2
	get /login -H "Origin: $url" --data-urlencode "name=$n" \
		--data-urlencode "password=$p" "$@"
}

# ---- not logged in: to /login
get /
same 303 "$(status)" "/ unauthenticated"
grep -qF "Location: /login" head.txt || fail "no redirect to /login"
get "/find?q=x"
same 303 "$(status)" "/find unauthenticated"
get /nowhere
same 404 "$(status)" "unknown path"
get /style.css
same 200 "$(status)" "style sheet"

# ---- wrong, then locked; an origin is required
login sato 'wrong password 1'
same 200 "$(status)" "wrong password"
out_has "wrong user name or password"
grep -qi "Set-Cookie" head.txt && fail "a cookie for a wrong password"
get /login --data-urlencode "name=suzuki" \
	--data-urlencode "password=correct horse battery"
same 403 "$(status)" "login without an origin"
for n in 2 3 4 5; do login suzuki "wrong password $n"; done
login suzuki 'wrong password 1'
login suzuki 'correct horse battery'
out_has "locked for a while"
grep -qi "Set-Cookie" head.txt && fail "a cookie for a locked account"

# ---- right: the cookie and the home page
login sato 'correct horse battery'
same 303 "$(status)" "login"
cookie=$(sed -n 's/^Set-Cookie: intake_session=\([0-9a-f]*\);.*/\1/p' head.txt)
[ ${#cookie} = 64 ] || fail "no session cookie"
grep -qF "; HttpOnly; SameSite=Strict; Path=/" head.txt || fail "cookie flags"
same 1 "$(sql "select count(*) from sessions")" "one session"
[ "$(sql "select count(*) from sessions where token_hash = '$cookie'")" = 0 ] ||
	fail "the token itself is stored"
jar="intake_session=$cookie"
get / -b "$jar"
same 200 "$(status)" "home"
out_has "logged in as sato (admin, 本庁)"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' out)
[ ${#csrf} = 64 ] || fail "no CSRF token in the page"

# ---- find, every value escaped
get "/find?q=%E9%9D%92%E6%A3%AE" -b "$jar"
same 200 "$(status)" "find"
out_has "$receipt"
out_has "青森太郎"
out_has "<td>uij_turn</td>"
get "/find?q=$receipt" -b "$jar"
out_has "$receipt"
get "/find?q=$hostile_receipt" -b "$jar"
out_has "$hostile_receipt"
out_has "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
out_lacks "<img"
get "/find?q=%ff" -b "$jar"
same 400 "$(status)" "a query not UTF-8"

# ---- bad posts: nothing done, the session still valid
get /logout -b "$jar" -H "Origin: $url" -d "x=1"
same 403 "$(status)" "logout without a CSRF token"
get /logout -b "$jar" -d "csrf=$csrf"
same 403 "$(status)" "logout without an origin"
get /logout -b "$jar" -H "Origin: http://evil.example" -d "csrf=$csrf"
same 403 "$(status)" "logout from another origin"
get /logout -b "$jar" -H "Origin: $url" -d "csrf=%zz"
same 400 "$(status)" "malformed form"
get /logout -b "$jar" -H "Origin: $url" -d "csrf=%ff"
same 400 "$(status)" "not UTF-8"
python3 -c "print('csrf=' + 'x' * 70000)" >big
get /logout -b "$jar" -H "Origin: $url" --data-binary @big
same 413 "$(status)" "oversize body"
get / -b "$jar"
same 200 "$(status)" "still logged in"
same 1 "$(sql "select count(*) from sessions")" "session kept"

# ---- logout with the token: the session is gone
get /logout -b "$jar" -H "Origin: $url" -d "csrf=$csrf"
same 303 "$(status)" "logout"
same 0 "$(sql "select count(*) from sessions")" "session deleted"
get / -b "$jar"
same 303 "$(status)" "old cookie after logout"

# ---- SIGTERM: exit 0
kill -TERM $server
wait $server
same 0 "$?" "exit status after SIGTERM"
trap 'scratch_cleanup' EXIT
