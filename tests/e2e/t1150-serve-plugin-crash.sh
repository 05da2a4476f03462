# A plugin callback that crashes or hangs under `intake serve` costs one
# request: the clerk sees why (in the account's language), nothing is
# stored, the draft keeps every saved answer; another clerk is answered
# meanwhile; the server lives on (same PID, no zombie children, no crash
# trace) and logs one line naming the programme and the callback, with
# no answer in it.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-06-15
make_plugin_dir crash_validate loop_validate
# a well-behaved real programme beside the faulty ones
cp "$INTAKE_BUILD/plugins/uij_turn.so" "$SCRATCH/plugins/"
chmod 755 "$SCRATCH/plugins/uij_turn.so"
cp "$INTAKE_SOURCE/forms/uij_turn.ini" "$SCRATCH/forms/"
run 0 intake init
echo 'correct horse battery' >pw
run 0 intake user add sato --role counter --office 本庁 --lang en <pw
run 0 intake user add tanaka --role counter --office 本庁 --lang ja <pw
run 0 intake user add suzuki --role counter --office 本庁 --lang en <pw

LIMIT=3
export INTAKE_PLUGIN_SECONDS=$LIMIT
serve_start

# get PATH [CURL ARGS…]: the headers in head.txt, the page in out, the
# seconds taken in took
get() {
	path=$1
	shift
	took=$(curl -s -D head -o out -w '%{time_total}' "$@" "$url$path") ||
		fail "curl $path"
	tr -d '\r' <head >head.txt
}
post() {
	path=$1 jar=$2
	shift 2
	n=$#
	for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; done
	shift "$n"
	get "$path" -b "$jar" -H "Origin: $url" "$@"
}
answer() {
	post "$draft/answer" "$jar" "csrf=$csrf" "field=$1" "value=$2"
	same 200 "$(status)" "autosave $1"
	out_has '"saved":true'
}
# less A B: is the number A below B?
less() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
draft_answer() {
	sql "select value from draft_answers where draft_id = ${draft##*/} and field = '$1'"
}
# the server's children (the contained plugin calls), one line each
children() { ps --ppid "$server" -o pid=,stat= 2>/dev/null; }

# new_draft PROGRAMME NAME KANA: a draft of the account in $jar, two
# answers saved by autosave; its path in $draft
new_draft() {
	post /new "$jar" "csrf=$csrf" "programme=$1"
	same 303 "$(status)" "new $1"
	draft=$(location)
	answer name "$2"
	answer name_kana "$3"
}

# the draft still holds both answers, in the store and on its form
answers_kept() {
	same "$1" "$(draft_answer name)" "the name kept"
	same "$2" "$(draft_answer name_kana)" "the kana kept"
	get "$draft" -b "$jar"
	same 200 "$(status)" "the form after the failure"
	out_has "value=\"$1\""
	out_has "value=\"$2\""
}

nothing_stored() {
	same 0 "$(sql 'select count(*) from applications')" "nothing stored"
}

# ---- a crash in validate, an English account
login sato
new_draft crash_validate 秘密花子 ヒミツハナコ
get "$draft/review" -b "$jar"
case $(status) in 4??|5??) ;; *) fail "review after a crash: $(status)" ;; esac
out_has "the check could not be completed: its plugin stopped unexpectedly"
out_has "nothing was stored, and the answers are kept"
out_has "Crashes in validate"
out_lacks "action=\"$draft/confirm\""
nothing_stored
answers_kept 秘密花子 ヒミツハナコ
# confirm anyway: nothing stored, the draft still there
post "$draft/confirm" "$jar" "csrf=$csrf"
case $(status) in 303|4??|5??) ;; *) fail "confirm after a crash: $(status)" ;; esac
nothing_stored
same 1 "$(sql "select count(*) from drafts where id = ${draft##*/}")" \
	"the draft kept after confirm"
answers_kept 秘密花子 ヒミツハナコ
# the whole form posted without JavaScript, on to the review
post "$draft" "$jar" "csrf=$csrf" "name=秘密花子" "name_kana=ヒミツハナコ" \
	"action=review"
case $(status) in 200|4??|5??) ;; *) fail "form review after a crash: $(status)" ;; esac
out_has "its plugin stopped unexpectedly"
nothing_stored
answers_kept 秘密花子 ヒミツハナコ

# ---- the same crash, a Japanese account: the message in Japanese
login tanaka
new_draft crash_validate 秘密一郎 ヒミツイチロウ
get "$draft/review" -b "$jar"
case $(status) in 4??|5??) ;; *) fail "review after a crash (ja): $(status)" ;; esac
out_has "確認を完了できませんでした: プラグインが異常終了しました"
out_has "何も保存されていません。入力した内容はそのまま残っています"
out_lacks "could not be completed"
nothing_stored
answers_kept 秘密一郎 ヒミツイチロウ

# ---- a hang in validate: the review comes back after the limit, while
# another clerk is answered at once
login suzuki
b_jar=$jar b_csrf=$csrf
post /new "$jar" "csrf=$csrf" "programme=uij_turn"
same 303 "$(status)" "a well-behaved draft"
b_draft=$(location)
login sato
new_draft loop_validate 秘密次郎 ヒミツジロウ
a_draft=$draft a_jar=$jar
curl -s -D hang.head -o hang.out -w '%{time_total}' -b "$jar" \
	"$url$draft/review" >hang.took &
hang=$!
# wait for the contained call to be running
i=0
until [ -n "$(children)" ]; do
	i=$((i + 1))
	[ $i -gt 100 ] && fail "the hanging callback never started"
	sleep 0.02
done
# clerk B, meanwhile: home, find, an autosave, the form
jar=$b_jar csrf=$b_csrf draft=$b_draft
get / -b "$jar"
same 200 "$(status)" "B's home during the hang"
less "$took" 2 || fail "B's home took $took s during the hang"
[ -n "$(children)" ] || fail "the hang ended before B was answered"
get "/find?q=x" -b "$jar"
same 200 "$(status)" "B's find during the hang"
less "$took" 2 || fail "B's find took $took s during the hang"
answer name 八戸次郎
less "$took" 2 || fail "B's autosave took $took s during the hang"
get "$draft" -b "$jar"
same 200 "$(status)" "B's form during the hang"
less "$took" 2 || fail "B's form took $took s during the hang"
wait $hang || fail "the hanging review got no answer"
took=$(cat hang.took)
tr -d '\r' <hang.head >head.txt
cp hang.out out
less 2.7 "$took" || fail "the hanging review came back in $took s"
less "$took" $((LIMIT + 3)) || fail "the hanging review took $took s"
case $(status) in 4??|5??) ;; *) fail "review after a hang: $(status)" ;; esac
out_has "its plugin did not finish within its time limit of $LIMIT s"
out_has "nothing was stored, and the answers are kept"
nothing_stored
jar=$a_jar draft=$a_draft
answers_kept 秘密次郎 ヒミツジロウ
draft=$b_draft
same 八戸次郎 "$(draft_answer name)" "B's answer saved"

# ---- the server lives on: same PID, answering, no child left
kill -0 $server 2>/dev/null || fail "the server died"
get /login
same 200 "$(status)" "the server still answers"
i=0
while [ -n "$(children)" ]; do
	i=$((i + 1))
	[ $i -gt 50 ] && fail "children left: $(children)"
	sleep 0.1
done

# ---- the operator's log: one line per failure, no answer in it
# Built with -fsanitize=undefined, the plugin's null store is the
# sanitizer's report (from the child) and an exit, not SIGSEGV.
ubsan="crash_validate.c:[0-9:]* runtime error: store to null pointer"
if grep -q "$ubsan" server.err; then
	crashed="crash_validate: plugin callback validate ended without a result"
else
	crashed="crash_validate: plugin callback validate crashed (SIGSEGV)"
fi
grep -qF "intake: programme $crashed" server.err ||
	fail "no log line for the crash: $(cat server.err)"
hung="loop_validate: plugin callback validate did not finish within its"
grep -qF "intake: programme $hung time limit" server.err ||
	fail "no log line for the hang: $(cat server.err)"
# one line a failed call: two reviews, a confirm, a form post; one hang
same 4 "$(grep -c 'intake: programme crash_validate' server.err)" \
	"lines for the crashes"
same 1 "$(grep -c 'loop_validate' server.err)" "one line for one hang"
for text in 秘密 ヒミツ 八戸次郎; do
	! grep -qF "$text" server.err server.out || fail "an answer in the log: $text"
done
grep -v "$ubsan" server.err >server.rest
for text in Sanitizer 'runtime error' 'Segmentation fault' 'core dumped' \
	    backtrace panic; do
	! grep -qiF "$text" server.rest || fail "a crash trace: $(cat server.err)"
done
kill $server
wait $server || fail "the server did not stop cleanly"
