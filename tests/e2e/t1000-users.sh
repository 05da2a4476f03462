# Staff accounts: intake user add, passwd, disable, enable, list; every
# refusal with nothing stored; Argon2id hashes only; the audit rows.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_STAFF=kanri
run 0 intake init
accounts() { sql "select name || ':' || role from accounts order by id" | paste -sd ' ' -; }
audit_rows() { sql "select count(*) from audit"; }

# ---- add, each role, the password on stdin
echo 'correct horse battery' >pw
run 0 intake --lang en user add sato --role admin --office 本庁 <pw
out_has "added user sato (admin)"
run 0 intake --lang ja user add suzuki --role manager --lang en <pw
out_has "利用者 suzuki (manager) を登録しました"
same "sato:admin suzuki:manager" "$(accounts)" "accounts"
same '$argon2id$' "$(sql "select distinct substr(password_hash, 1, 10)
	from accounts")" "Argon2id"
same "sato|本庁|ja suzuki|-|en" "$(sql "select name || '|' ||
	coalesce(office, '-') || '|' || language from accounts order by id" |
	paste -sd ' ' -)" \
	"office and language"
if [ -n "$PG_DATABASE" ]; then
	pg_dump -d "$DB" >dump.sql || fail "pg_dump"
	! grep -qF 'correct horse battery' dump.sql ||
		fail "the password is in the database"
else
	! grep -qF 'correct horse battery' intake.db intake.db-wal 2>/dev/null ||
		fail "the password is in the database file"
fi

# ---- on a terminal: asked twice, never shown; entries that differ
pty_start "$INTAKE_BIN" -d "$DB" --lang en user add takahashi --role counter
pty_wait "Password:"
pty_type 'kaunta-no-pasuwaado'
pty_wait "Password again:"
pty_type 'kaunta-no-pasuwaado'
pty_exited 0
pty_screen | grep -qF 'kaunta' && fail "the password was echoed"
pty_stop
same "sato:admin suzuki:manager takahashi:counter" "$(accounts)" "counter added"
pty_start "$INTAKE_BIN" -d "$DB" --lang en user add tanaka --role counter
pty_type 'first password 1'
pty_wait "Password again:"
pty_type 'first password 2'
pty_exited 65
pty_screen | grep -qF 'the two passwords differ' || fail "no message for differing entries"
pty_stop
same 3 "$(sql 'select count(*) from accounts')" "nothing stored"

# ---- refusals: the status, the message, nothing stored
before=$(audit_rows)
refused() { # STATUS MESSAGE ARGS… (stdin: pw)
	want=$1 message=$2
	shift 2
	run "$want" intake --lang en user "$@" <pw
	err_has "$message"
}
refused 65 "user name 'Tanaka' is not valid" add Tanaka --role counter
refused 65 "user name 't' is not valid" add t --role counter
refused 65 "is not valid" add "$(printf 'ta\033naka')" --role counter
err_has "ta<U+001B>naka"
refused 65 "is not valid" add abcdefghijklmnopqrstuvwxyz0123456 --role counter
refused 65 "user 'sato' already exists" add sato --role counter
refused 64 "role 'root' is not known" add tanaka --role root
refused 64 "needs --role" add tanaka
refused 64 "language 'fr' is not known" add tanaka --role counter --lang fr
refused 65 "--office holds a character that cannot be stored" add tanaka \
	--role counter --office "$(printf '本\342\200\256庁')"
refused 65 "--office is too long" add tanaka --role counter \
	--office "$(printf '%065d' 0)"
refused 64 "no user subcommand 'drop'" drop sato
refused 64 "usage: intake user" add
refused 66 "no user 'nobody'" passwd nobody
refused 66 "no user 'nobody'" disable nobody
echo 'too short' >short
run 65 intake --lang en user add tanaka --role counter <short
err_has "a password needs at least 10 characters"
python3 -c "print('x' * 1025)" >long
run 65 intake --lang en user add tanaka --role counter <long
err_has "at most 1024 bytes"
printf 'correct\thorse battery\n' >tab
run 65 intake --lang en user add tanaka --role counter <tab
err_has "may not hold control or invisible characters"
printf 'correct horse\000battery\n' >nul
run 65 intake --lang en user add tanaka --role counter <nul
err_has "may not hold control or invisible characters"
run 65 intake --lang en user add tanaka --role counter </dev/null
err_has "no password was given"
run 65 intake --lang ja user add tanaka --role counter <short
err_has "パスワードは10文字以上にしてください"
same 3 "$(sql 'select count(*) from accounts')" "no account from a refusal"
same "$before" "$(audit_rows)" "no audit row from a refusal"

# ---- passwd: a new hash, the old one gone
old=$(sql "select password_hash from accounts where name = 'suzuki'")
echo 'a brand new password' >pw2
run 0 intake --lang en user passwd suzuki <pw2
out_has "changed the password of suzuki"
new=$(sql "select password_hash from accounts where name = 'suzuki'")
[ "$old" != "$new" ] || fail "the hash did not change"
run 65 intake --lang en user passwd suzuki <short
same "$new" "$(sql "select password_hash from accounts where name = 'suzuki'")" "hash kept on refusal"

# ---- disable and enable
run 0 intake --lang en user disable takahashi
out_has "disabled takahashi"
run 65 intake --lang en user disable takahashi
err_has "takahashi is already disabled"
[ -n "$(sql "select disabled_at from accounts where name = 'takahashi'")" ] ||
	fail "disabled_at not set"
run 0 intake --lang en user enable takahashi
out_has "enabled takahashi"
run 65 intake --lang en user enable takahashi
err_has "takahashi is not disabled"
run 0 intake --lang en user disable suzuki

# ---- list: no hash, every column
run 0 intake user list --format csv
same "name,role,office,language,disabled,created,last_login" "$(head -1 out)" "columns"
out_has "sato,admin,本庁,ja,,"
out_has "takahashi,counter,,"
grep -q '^suzuki,manager,,en,20[0-9-]* [0-9:]*,' out || fail "suzuki not shown disabled"
out_lacks 'argon2'
run 0 intake user list --format json
out_lacks 'argon2'
out_lacks 'password'
same 3 "$(python3 -c "import json; print(len(json.load(open('$SCRATCH/out'))))")" "three in json"
run 64 intake user list --format xml

# ---- the audit: who did what, no password material, a whole chain
sql "select action from audit where action like 'account_%' order by id" \
	>action.rows
sql "select \"after\" from audit where action like 'account_%' order by id" |
	json_get name >name.rows
same "account_add:sato account_add:suzuki account_add:takahashi \
account_passwd:suzuki account_disable:takahashi account_enable:takahashi \
account_disable:suzuki" "$(paste -d: action.rows name.rows | tr '\n' ' ' |
	sed 's/ $//')" "audit rows"
same kanri "$(sql "select distinct staff from audit
	where action like 'account_%'" | paste -sd, -)" "acting staff"
same 0 "$(sql "select count(*) from audit where \"after\" like '%argon%'
	or \"after\" like '%horse%' or \"after\" like '%brand new%'")" \
	"no password material"
run 0 intake --lang en verify
out_has "all match"
