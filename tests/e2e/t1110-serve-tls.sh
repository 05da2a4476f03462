# intake serve over HTTPS and [serve] of intake.ini: a self-signed
# certificate, the Secure cookie and https origins, a key open to others
# or a certificate that does not fit refused (78), a non-loopback address
# allowed under TLS, session minutes and lockout from [serve], logins and
# logouts in the audit, a login that ends the old session, and /users
# for admins only.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en
run 0 intake init
echo 'correct horse battery' >pw
run 0 intake user add kanri --role admin --lang en <pw
run 0 intake user add sato --role counter --office 本庁 --lang en <pw

# ---- a self-signed certificate for 127.0.0.1, its key 0600
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem \
	-days 2 -subj /CN=localhost \
	-addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
	>openssl.out 2>&1 || fail "openssl: $(cat openssl.out)"
chmod 600 key.pem
cp "$INTAKE_CONFIG" plain.ini
cat >>"$INTAKE_CONFIG" <<INI
[serve]
tls_cert = cert.pem
tls_key = key.pem
session_minutes = 1
lock_after = 2
lock_minutes = 7
INI

# ---- refusals before serving: exit 78, the file and key named
chmod 644 key.pem
run 78 intake serve --listen 127.0.0.1:1
err_has "intake.ini: [serve] tls_key: permissions 0644 for the private key '$SCRATCH/key.pem' are too open"
err_has "chmod 600"
chmod 640 key.pem
run 78 intake serve --listen 127.0.0.1:1
err_has "permissions 0640"
chmod 600 key.pem
echo 'not a certificate' >bad.pem
sed 's/^tls_cert = cert.pem/tls_cert = bad.pem/' "$INTAKE_CONFIG" >bad.ini
INTAKE_CONFIG=$SCRATCH/bad.ini run 78 intake serve --listen 127.0.0.1:1
err_has "bad.ini: [serve] tls_cert: the certificate '$SCRATCH/bad.pem' and the key '$SCRATCH/key.pem' cannot be used"
# a key of another certificate
openssl req -x509 -newkey rsa:2048 -nodes -keyout other.pem \
	-out other-cert.pem -days 2 -subj /CN=other >openssl.out 2>&1 ||
	fail "openssl"
chmod 600 other.pem
sed 's/^tls_key = key.pem/tls_key = other.pem/' "$INTAKE_CONFIG" >other.ini
INTAKE_CONFIG=$SCRATCH/other.ini run 78 intake serve --listen 127.0.0.1:1
err_has "cannot be used"
err_has "do not match"
sed 's/^tls_key = key.pem/tls_key = missing.pem/' "$INTAKE_CONFIG" >gone.ini
INTAKE_CONFIG=$SCRATCH/gone.ini run 78 intake serve --listen 127.0.0.1:1
err_has "gone.ini: [serve] tls_key: cannot read '$SCRATCH/missing.pem'"
# only one of the two
grep -v '^tls_key' "$INTAKE_CONFIG" >half.ini
INTAKE_CONFIG=$SCRATCH/half.ini run 78 intake --lang en serve
err_has "half.ini: [serve] tls_cert: given without tls_key"
# a bad [serve] listen names the file, --listen wins over it
printf '[serve]\nlisten = nowhere\n' >>plain.ini
INTAKE_CONFIG=$SCRATCH/plain.ini run 78 intake serve
err_has "plain.ini: [serve] listen: 'nowhere' is not valid"

# ---- off loopback: refused without TLS, not with it
INTAKE_CONFIG=$SCRATCH/plain.ini run 64 intake serve --listen 0.0.0.0:1
err_has "0.0.0.0:1 is not a loopback address and no TLS is configured"

# ---- [serve] listen without --listen
port=$(free_port)
sed "s/^listen = nowhere/listen = 127.0.0.1:$port/" plain.ini >listen.ini
INTAKE_CONFIG=$SCRATCH/listen.ini "$INTAKE_BIN" -d "$DB" \
	serve >plain.out 2>plain.err &
plain=$!
i=0
until grep -qF "serving plain HTTP on http://127.0.0.1:$port/" plain.out; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "[serve] listen not used: $(cat plain.out plain.err)"
	sleep 0.1
done
same 200 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login")" \
	"the login page on [serve] listen"
kill -TERM $plain
wait $plain

port=$(free_port)
url="https://127.0.0.1:$port"
"$INTAKE_BIN" -d "$DB" serve --listen "0.0.0.0:$port" \
	>server.out 2>server.err &
server=$!
trap 'kill $server 2>/dev/null; scratch_cleanup' EXIT
i=0
until curl -s --cacert cert.pem -o /dev/null "$url/login"; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 $server 2>/dev/null; then
		cat server.err >err
		fail "the server never answered over HTTPS"
	fi
	sleep 0.1
done
in_file server.out "serving HTTPS on https://0.0.0.0:$port/" ||
	fail "no HTTPS notice: $(cat server.out)"
grep -qF "not a loopback" server.err && fail "refused off loopback under TLS"
# plain HTTP on the TLS port is no page
code=$(curl -s -o /dev/null -w '%{http_code}' -m 5 "http://127.0.0.1:$port/login")
[ "$code" = 200 ] && fail "plain HTTP served on the TLS port"

# get PATH [CURL ARGS…]: headers in head.txt, the page in out
get() {
	path=$1
	shift
	curl -s --cacert cert.pem -D head -o out "$@" "$url$path" ||
		fail "curl $path"
	tr -d '\r' <head >head.txt
}
status() { sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' head.txt; }
login() { # NAME PASSWORD [CURL ARGS…]
	n=$1 p=$2
	shift 2
	get /login -H "Origin: $url" --data-urlencode "name=$n" \
		--data-urlencode "password=$p" "$@"
}
cookie_of() {
	sed -n 's/^Set-Cookie: intake_session=\([0-9a-f]*\);.*/\1/p' head.txt
}
audit() { # ACTION: its rows as staff|after
	sql "select coalesce(staff, '-') || '|' || after from audit
		where action = '$1' order by id"
}

get /login
same 200 "$(status)" "login page over HTTPS"
grep -qF "Strict-Transport-Security: max-age=31536000" head.txt ||
	fail "no HSTS header under TLS"
grep -qF "Content-Security-Policy: default-src 'none'" head.txt ||
	fail "no CSP under TLS"

# ---- origins are https://: http:// of the same host is another origin
get /login -H "Origin: http://127.0.0.1:$port" \
	--data-urlencode "name=kanri" --data-urlencode "password=correct horse battery"
same 403 "$(status)" "an http origin under TLS"

# ---- the cookie is Secure
login kanri 'correct horse battery'
same 303 "$(status)" "login over HTTPS"
grep -qF "; HttpOnly; SameSite=Strict; Path=/; Secure" head.txt ||
	fail "cookie flags under TLS: $(grep -i set-cookie head.txt)"
first=$(cookie_of)
[ ${#first} = 64 ] || fail "no session cookie"
same "127.0.0.1" "$(sql "select after from audit
	where action = 'login' and staff = 'kanri'" | json_get client)" \
	"login audited with the client"

# ---- a login always gives a new token and ends the old session
login kanri 'correct horse battery' -b "intake_session=$first"
same 303 "$(status)" "second login"
second=$(cookie_of)
[ ${#second} = 64 ] || fail "no second cookie"
[ "$first" != "$second" ] || fail "the login kept the old token"
same 1 "$(sql "select count(*) from sessions")" "the old session ended"
get / -b "intake_session=$first"
same 303 "$(status)" "the old cookie after a new login"
same 'kanri|{"client": "127.0.0.1", "reason": "login"}' "$(audit logout)" \
	"the old session's end audited"
jar="intake_session=$second"

# ---- even a login that fails ends the session it came with
login kanri 'correct horse battery'
other=$(cookie_of)
login kanri 'wrong password 0' -b "intake_session=$other"
same 200 "$(status)" "a wrong password"
get / -b "intake_session=$other"
same 303 "$(status)" "the old cookie after a failed login"
get / -b "$jar"
same 200 "$(status)" "another session of the account kept"
same 2 "$(audit logout | grep -c '"reason": "login"')" "both ends audited"

# ---- /users for admins: every account, escaped
get /users -b "$jar"
same 200 "$(status)" "/users for an admin"
out_has "<td>kanri</td><td>admin</td><td>-</td><td>en</td>"
out_has "<td>sato</td><td>counter</td><td>本庁</td><td>en</td>"
out_has "intake user"
out_lacks "argon2"
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' out)
[ ${#csrf} = 64 ] || fail "no CSRF token on /users"
get /users -b "$jar" -X POST -H "Origin: $url" -d "csrf=$csrf"
same 404 "$(status)" "/users takes no posts"

# ---- logout: audited, the session gone
get /logout -b "$jar" -H "Origin: $url" -d "csrf=$csrf"
same 303 "$(status)" "logout"
same 0 "$(sql "select count(*) from sessions")" "session ended at logout"
same 'kanri|{"client": "127.0.0.1"}' "$(audit logout | tail -1)" \
	"logout audited"

# ---- a counter: /users is 403, audited
login sato 'correct horse battery'
same 303 "$(status)" "counter login"
jar="intake_session=$(cookie_of)"
get /users -b "$jar"
same 403 "$(status)" "/users for a counter"
same 'sato|{"method": "GET", "path": "/users", "role": "counter"}' \
	"$(audit forbidden)" "the refusal audited"
get / -b "$jar"
same 200 "$(status)" "the counter's home"

# ---- lock_after = 2: the second wrong password locks for 7 minutes
login sato 'wrong password 1'
out_has "wrong user name or password"
login sato 'wrong password 2'
out_has "wrong user name or password"
login sato 'correct horse battery'
out_has "locked for a while (up to 7 minutes)"
grep -qi "Set-Cookie" head.txt && fail "a cookie for a locked account"
same 1 "$(sql "select count(*) from audit where action = 'account_lock'")" \
	"one lock audited"
locked=$(($(date -d "$(sql "select locked_until from accounts
	where name = 'sato'")" +%s) - $(date +%s)))
[ "$locked" -gt 400 ] && [ "$locked" -le 420 ] ||
	fail "locked for $locked seconds, expected 7 minutes"
login nobody 'wrong password 3'
login '"><x' 'wrong password 4'
same '-|{"client": "127.0.0.1", "name": "kanri", "reason": "wrong"}
-|{"client": "127.0.0.1", "name": "sato", "reason": "wrong"}
-|{"client": "127.0.0.1", "name": "sato", "reason": "wrong"}
-|{"client": "127.0.0.1", "name": "sato", "reason": "locked"}
-|{"client": "127.0.0.1", "name": "nobody", "reason": "unknown"}
-|{"client": "127.0.0.1", "name": null, "reason": "unknown"}' \
	"$(audit login_failed)" "failed logins audited"
sql "select after from audit" | grep -q "wrong password" &&
	fail "a password in the audit"
# the lock shows on /users
login kanri 'correct horse battery'
jar="intake_session=$(cookie_of)"
get /users -b "$jar"
until=$(sql "select locked_until from accounts where name = 'sato'")
out_has "<td>sato</td><td>counter</td><td>本庁</td><td>en</td><td>-</td><td>$until</td>"

# ---- session_minutes = 1: a session lives a minute past its last use
same 60 "$(sql "select expires_at - last_seen_at from sessions
	where account_id = (select id from accounts where name = 'kanri')")" \
	"the session's idle time"
sql "update sessions set expires_at = expires_at - 61, last_seen_at = last_seen_at - 61"
get / -b "$jar"
same 303 "$(status)" "an idle session after session_minutes"
run 0 intake verify

kill -TERM $server
wait $server
same 0 "$?" "exit status after SIGTERM"
trap 'scratch_cleanup' EXIT
