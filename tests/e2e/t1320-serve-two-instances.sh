# Two `intake serve` on one database (an SQLite file, or under make
# test-pg one PostgreSQL database, as a prefecture runs several
# servers): one browser session's requests alternate between them —
# sign in on the first, the new case, its answers and the review on the
# second, confirm on the first — and the case is whole;
# signing out on one ends the session on both.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-06-15
use_programmes en
run 0 intake init
echo 'correct horse battery' >pw
run 0 intake user add sato --role counter --office 本庁 --lang en <pw

# The second server; serve_start starts the first.
port_b=$(free_port)
"$INTAKE_BIN" -d "$DB" serve --listen "127.0.0.1:$port_b" \
	>>server_b.out 2>>server_b.err &
server_b=$!
serve_start
trap 'kill -9 $server $server_b 2>/dev/null; scratch_cleanup' EXIT
url_a=$url
url_b="http://127.0.0.1:$port_b"
i=0
until curl -s -o /dev/null "$url_b/login"; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "the second server never answered"
	sleep 0.1
done
# on A|B: the following get/post go to that server.
on() {
	if [ "$1" = A ]; then url=$url_a; else url=$url_b; fi
}
post() {
	path=$1 jar=$2
	shift 2
	n=$#
	for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; done
	shift "$n"
	get "$path" -b "$jar" -H "Origin: $url" "$@"
}

on A
login sato
on B
get / -b "$jar"
same 200 "$(status)" "the session on the second server"
out_has sato
post /new "$jar" "csrf=$csrf" "programme=uij_turn"
same 303 "$(status)" "a new case on the second server"
draft=$(location)
on A
get "$draft" -b "$jar"
same 200 "$(status)" "the draft on the first server"
on B
post "$draft" "$jar" "csrf=$csrf" "name=八戸次郎" \
	'name_kana=ハチノヘジロウ' 'birth_date=1988-08-08' \
	'postal_code=031-8686' 'address=八戸市内丸1-1-1' \
	'phone=0178-43-2111' 'email=' 'moved_from=14' \
	'moved_in_on=2026-02-01' 'household=single' \
	'children_under_18=0' 'grant_requested=1' 'tokyo23_years=10' \
	'tokyo23_last_year=1' 'job_listed=1' 'job_open_ended=1' \
	'job_hours=38' 'job_started_on=2026-02-02' 'action=review'
same 303 "$(status)" "the answers on the second server"
get "$draft/review" -b "$jar"
same 200 "$(status)" "the review on the second server"
out_has "600,000"
on A
post "$draft/confirm" "$jar" "csrf=$csrf" "link=none"
same 303 "$(status)" "confirm on the first server"
receipt=$(location | sed 's|^/receipt/||')
[ -n "$receipt" ] || fail "no receipt"
on B
get "/receipt/$receipt" -b "$jar"
same 200 "$(status)" "the receipt on the second server"
out_has "$receipt"

# The case is whole, once, and the chain verifies.
run 0 intake show "$receipt" --format json
out_has '"name": "八戸次郎"'
out_has '"grant_amount": 600000'
out_has '"staff": "sato"'
run 0 intake list --format csv
same 1 "$(grep -c "^$receipt," out)" "the case stored once"
run 0 intake verify
out_has "all match"

# Signed out on one server, signed out on both.
on B
post /logout "$jar" "csrf=$csrf"
on A
get / -b "$jar"
same 303 "$(status)" "the first server after signing out on the second"
