# The server keeps store connections between requests; other processes
# (intake at the terminal, the sqlite3 shell) open and close the same
# database meanwhile.  Every answer the server acknowledged must be seen
# by them at once: no connection of the server may lose its locks (a
# plain open and close of the file by the server would drop them, and
# the next process to close would delete the write-ahead log under the
# server's feet).
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
needs_sqlite "SQLite's write-ahead log shared by the server and other processes"
export INTAKE_TODAY=2026-06-15
use_programmes en
run 0 intake init
echo 'correct horse battery' >pw
run 0 intake user add sato --role counter --office 本庁 --lang en <pw

serve_start

curl -s -c jar -o /dev/null -H "Origin: $url" --data-urlencode name=sato \
	--data-urlencode "password=correct horse battery" "$url/login"
csrf=$(curl -s -b jar "$url/" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
[ -n "$csrf" ] || fail "no CSRF token after login"
curl -s -D head -o /dev/null -b jar -H "Origin: $url" \
	--data-urlencode "csrf=$csrf" --data-urlencode programme=uij_turn \
	"$url/new"
draft=$(tr -d '\r' <head | sed -n 's/^Location: //p')
case $draft in /draft/[0-9]*) ;; *) fail "no draft: '$draft'" ;; esac
id=${draft#/draft/}

answer() { # FIELD VALUE
	curl -s -o /dev/null -w '%{http_code}' -b jar -H "Origin: $url" \
		--data-urlencode "csrf=$csrf" --data-urlencode "field=$1" \
		--data-urlencode "value=$2" "$url$draft/answer"
}
saved() { # FIELD
	sql "select value from draft_answers where draft_id = $id and field = '$1'"
}
round=0
while [ $round -lt 8 ]; do
	round=$((round + 1))
	# many at once: the server opens more connections while it holds
	# others
	pids=
	for n in 1 2 3 4 5 6; do
		answer job_hours $((round * 10 + n)) >/dev/null &
		pids="$pids $!"
	done
	# shellcheck disable=SC2086
	wait $pids
	run 0 intake list # another process opens and closes the database
	same 200 "$(answer address "青森市 $round")" "round $round: saved"
	same "青森市 $round" "$(saved address)" \
		"round $round: the answer seen by another process at once"
	sql "select count(*) from drafts" >/dev/null
done
kill $server
wait $server || fail "the server did not stop cleanly"
same "青森市 8" "$(saved address)" "the last answer after the server stopped"
