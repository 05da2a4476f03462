# A postgresql:// database that cannot be reached: exit 75 (try again
# later) naming the server, and never the password of the URI (in the
# user part or the query) on stdout or stderr; the SQLite path of the
# configuration untouched.  Under make test-pg, the same database with
# a password in its URI (the test cluster trusts the socket, so it is
# ignored): init, add, verify and migrate print none of it.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes
for uri in \
	"postgresql://office:s3cret@/intake?host=$SCRATCH/nowhere" \
	"postgresql:///intake?host=$SCRATCH/nowhere&user=office&password=s3cret" \
	"postgres://office:s3cret@127.0.0.1:1/intake?connect_timeout=2"; do
	for command in init "list" verify "show UIJ-2025-000001"; do
		run 75 "$INTAKE_BIN" -d "$uri" $command
		grep -q s3cret out err && fail "$command printed the password of $uri"
		err_has "PostgreSQL"
	done
done
[ ! -e "$SCRATCH/intake.db" ] || fail "an SQLite file was made"

[ -n "$PG_DATABASE" ] || exit 0
secret="postgresql://intake:s3cret@/$PG_DATABASE?host=$INTAKE_TEST_PG&password=s3cret"
# no_secret: neither stdout nor stderr of the last run holds it
no_secret() {
	! grep -q s3cret "$SCRATCH/out" "$SCRATCH/err" ||
		fail "the password was printed"
}
run 0 "$INTAKE_BIN" -d "$secret" init
out_has "postgresql://intake@/$PG_DATABASE"
no_secret
run 0 "$INTAKE_BIN" -d "$secret" add uij_turn name=秘密 name_kana=ヒミツ \
	birth_date=1988-08-08 postal_code=031-8686 address=八戸市内丸1-1-1 \
	phone=0178-43-2111 moved_from=14 moved_in_on=2025-02-01 \
	household=single children_under_18=0 grant_requested=no
no_secret
run 0 "$INTAKE_BIN" -d "$secret" verify
no_secret
run 0 "$INTAKE_BIN" migrate --from "$secret" --to "$SCRATCH/copy.db"
out_has "postgresql://intake@/$PG_DATABASE"
no_secret
[ -z "$(sqlite3 "$SCRATCH/copy.db" \
	"SELECT 1 FROM audit WHERE \"after\" LIKE '%s3cret%'")" ] ||
	fail "the password went into the copy's audit"
same 1 "$(sqlite3 "$SCRATCH/copy.db" \
	"SELECT count(*) FROM audit WHERE action = 'migrate'")" "the migrate row"
