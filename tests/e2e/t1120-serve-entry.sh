# Entering a case in the browser over the real binary with curl: a new
# draft, autosave (accepted, a wrong 和暦 date refused naming its field,
# nothing saved), the draft kept through kill -9 of the server, the
# whole form posted without JavaScript, the review with the derived
# grant amount and the same person's earlier case, confirm, the receipt,
# drafts of other accounts refused, CSRF, escaping, discard.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-06-15
use_programmes en
run 0 intake init
echo 'correct horse battery' >pw
run 0 intake user add sato --role counter --office 本庁 --lang en <pw
run 0 intake user add suzuki --role counter --office 本庁 --lang en <pw
run 0 intake user add tanaka --role counter --office 八戸 --lang ja <pw
# the same person applied before (for the link)
run 0 intake add uij_turn name=八戸次郎 name_kana=ハチノヘジロウ \
	birth_date=1988-08-08 postal_code=031-8686 address=八戸市内丸1-1-1 \
	phone=0178-43-2111 moved_from=14 moved_in_on=2026-02-01 \
	household=single children_under_18=0 grant_requested=no
earlier=$(head -1 out)

serve_start

# post PATH JAR [FIELD=VALUE…]: a form post from our own pages
post() {
	path=$1 jar=$2
	shift 2
	n=$#
	for kv in "$@"; do set -- "$@" --data-urlencode "$kv"; done
	shift "$n"
	get "$path" -b "$jar" -H "Origin: $url" "$@"
}
# answer FIELD VALUE: autosave of one answer as entry.js posts it
answer() {
	post "$draft/answer" "$jar" "csrf=$csrf" "field=$1" "value=$2"
}
draft_answer() { sql "select value from draft_answers where field = '$1'"; }

# ---- home: the new case link; /new lists the programmes
login sato
sato_jar=$jar sato_csrf=$csrf
out_has 'href="/new"'
out_has "no drafts"
get /new -b "$jar"
same 200 "$(status)" "/new"
out_has 'name="programme" value="uij_turn"'
out_has "UIJ"

# ---- a new draft: CSRF needed, staff is the account
post /new "$jar" "programme=uij_turn"
same 403 "$(status)" "new without CSRF"
same 0 "$(sql 'select count(*) from drafts')" "no draft without CSRF"
post /new "$jar" "csrf=$csrf" "programme=nothing"
same 400 "$(status)" "an unknown programme"
post /new "$jar" "csrf=$csrf" "programme=uij_turn" "staff=someone"
same 303 "$(status)" "new"
draft=$(location)
id=$(sql 'select id from drafts')
same "/draft/$id" "$draft" "redirect to the draft"
same sato "$(sql 'select staff from drafts')" "the draft's staff"
same 2026-06-15 "$(draft_answer received_on)" "received today"

# ---- the form in form order, `when` applied on the server
get "$draft" -b "$jar"
same 200 "$(status)" "the form"
out_has "<form method=\"post\" action=\"$draft\">"
out_has 'id="f-name" name="name"'
out_has '<span class="problem" id="p-name" role="alert" aria-live="polite"></span>'
out_has 'name="action" value="save"'
out_has 'name="action" value="review"'
out_has '<option value="single">'
out_has '<script src="/entry.js"></script>'
grep -q 'id="w-tokyo23_years" data-field="tokyo23_years" hidden' out ||
	fail "tokyo23_years shown before grant_requested"
[ "$(grep -n 'id="f-name"' out | cut -d: -f1)" -lt \
  "$(grep -n 'id="f-birth_date"' out | cut -d: -f1)" ] || fail "form order"
out_lacks 'id="f-grant_amount"'

# ---- autosave: accepted answers saved at once, normalised
answer name '<script>alert(1)</script>'
same 200 "$(status)" "autosave name"
out_has '"saved":true'
out_has '"field":"name"'
same '<script>alert(1)</script>' "$(draft_answer name)" "name saved as typed"
answer birth_date '昭和63年8月8日'
same 200 "$(status)" "a 和暦 date"
out_has '"value":"1988-08-08"'
same 1988-08-08 "$(draft_answer birth_date)" "birth date saved"
# a wrong 和暦 date: refused naming the field, the saved one kept
answer birth_date '令和99年13月1日'
same 422 "$(status)" "a wrong 和暦 date"
out_has '"saved":false'
out_has '"field":"birth_date"'
out_has 'Date of birth'
out_has '令和99年13月1日'
same 1988-08-08 "$(draft_answer birth_date)" "nothing saved for a wrong date"
answer moved_in_on '令和99年13月1日'
same 422 "$(status)" "wrong date on an unanswered field"
same "" "$(draft_answer moved_in_on)" "nothing saved"
answer nowhere x
same 422 "$(status)" "an unknown field"
out_has '"field":"nowhere"'
answer grant_amount 5
same 422 "$(status)" "a derived field"
post "$draft/answer" "$jar" "field=address" "value=青森市"
same 403 "$(status)" "autosave without CSRF"
same "" "$(draft_answer address)" "nothing saved without CSRF"
answer name_kana 'はちのへ じろう'
out_has '"value":"ハチノヘ　ジロウ"'
answer grant_requested yes
same 200 "$(status)" "grant requested"
out_has '"hidden":[]'
answer email ''
same 200 "$(status)" "an optional field left empty"
answer household ''
same 422 "$(status)" "a required field emptied"
out_has 'required'

# ---- kill -9 mid-entry: every acknowledged answer is there after
kill -9 $server
wait $server 2>/dev/null
serve_start
get "$draft" -b "$jar"
same 200 "$(status)" "the draft after a restart"
out_has 'value="1988-08-08"'
out_has 'value="ハチノヘ　ジロウ"'
out_has 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'
out_lacks '<script>alert'
out_has '<option value="1" selected>'
grep -q 'id="w-tokyo23_years" data-field="tokyo23_years">' out ||
	fail "tokyo23_years hidden once the grant is requested"

# ---- answers posted at once (quick typing, two tabs): none lost
pids=
answers="postal_code=0318686 phone=0178432111 moved_from=14
children_under_18=0 tokyo23_years=10 job_hours=38 household=single
address=八戸市 job_listed=1 job_open_ended=1"
for kv in $answers; do
	curl -s -o /dev/null -b "$jar" -H "Origin: $url" \
		--data-urlencode "csrf=$csrf" --data-urlencode "field=${kv%%=*}" \
		--data-urlencode "value=${kv#*=}" "$url$draft/answer" &
	pids="$pids $!"
done
# shellcheck disable=SC2086
wait $pids
for kv in $answers; do
	same "${kv#*=}" "$(draft_answer "${kv%%=*}")" "${kv%%=*} saved at once"
done

# ---- another account: 403, audited; nothing changed
login suzuki
get "$draft" -b "$jar"
same 403 "$(status)" "another account's draft"
post "$draft/answer" "$jar" "csrf=$csrf" "field=address" "value=x"
same 403 "$(status)" "autosave into another account's draft"
same 八戸市 "$(draft_answer address)" "nothing saved by another account"
same 2 "$(sql "select count(*) from audit where action = 'forbidden' and staff = 'suzuki'")" \
	"refusals audited"
jar=$sato_jar csrf=$sato_csrf

# ---- without JavaScript: the whole form posted; refused ones shown
form() { # NAME JOB_HOURS ACTION [JOB_STARTED_ON]
	post "$draft" "$jar" "csrf=$csrf" "name=$1" \
		'name_kana=ハチノヘジロウ' 'birth_date=1988-08-08' \
		'postal_code=031-8686' 'address="><img src=x onerror=alert(1)>' \
		'phone=0178-43-2111' 'email=' 'moved_from=14' \
		'moved_in_on=2026-02-01' 'household=single' \
		'children_under_18=0' 'grant_requested=1' 'tokyo23_years=10' \
		'tokyo23_last_year=1' 'job_listed=1' 'job_open_ended=1' \
		"job_hours=$2" "job_started_on=${4:-2026-02-02}" "action=$3"
}
form 八戸次郎 abc review
same 200 "$(status)" "a post with a refused answer"
grep -q 'id="p-job_hours" role="alert" aria-live="polite">[^<]' out ||
	fail "no problem next to job_hours"
out_has 'value="abc"'
out_has 'some answers were refused'
same 八戸次郎 "$(draft_answer name)" "the accepted answers saved"
same 38 "$(draft_answer job_hours)" "the refused one not saved (the earlier kept)"
out_has 'value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"'
out_lacks '<img src=x'
form 八戸次郎 38 save
same 200 "$(status)" "save"
out_has 'the answers are saved'
same 38 "$(draft_answer job_hours)" "job hours saved"
# a plugin rule refuses: next to its field, on the form and the review
form 八戸次郎 38 review 2026-06-01
same 200 "$(status)" "review refused by a rule"
grep -q 'id="p-job_started_on" role="alert" aria-live="polite">[^<]*held for at least' out ||
	fail "the rule's problem is not next to its field"
get "$draft/review" -b "$jar"
same 200 "$(status)" "the review of a refused case"
out_has "cannot be taken as it is"
out_has "held for at least"
out_lacks "/confirm"
out_has "href=\"$draft\""
post "$draft/confirm" "$jar" "csrf=$csrf"
same 303 "$(status)" "confirm refused by a rule"
same "$draft/review" "$(location)" "back to the review"
same 1 "$(sql 'select count(*) from applications')" "nothing stored"
form 八戸次郎 38 review
same 303 "$(status)" "on to the review"
same "$draft/review" "$(location)" "the review"

# ---- the review: labels, derived grant, the same person
get "$draft/review" -b "$jar"
same 200 "$(status)" "review"
out_has "<th>= Grant amount"
out_has "600,000"
out_has "<td>single</td>"
out_has "<td>yes</td>"
out_lacks "<td>1</td>"
out_has "<td>38 hours</td>"
out_has "name=\"link\" value=\"$earlier\""
out_has 'name="link" value="none" checked'
out_has "action=\"$draft/confirm\""
out_has '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
out_lacks '<img src=x'

# ---- confirm: CSRF needed; the case stored with the link
post "$draft/confirm" "$jar" "link=$earlier"
same 403 "$(status)" "confirm without CSRF"
same 1 "$(sql 'select count(*) from applications')" "nothing stored"
post "$draft/confirm" "$jar" "csrf=$csrf" "link=UIJ-2026-999999"
same 400 "$(status)" "a link to a case not offered"
same 1 "$(sql 'select count(*) from applications')" "nothing stored"
post "$draft/confirm" "$jar" "csrf=$csrf" "link=$earlier"
same 303 "$(status)" "confirm"
receipt=$(location | sed 's|^/receipt/||')
[ -n "$receipt" ] || fail "no receipt"
same 0 "$(sql 'select count(*) from drafts')" "the draft is gone"
run 0 intake show "$receipt"
out_has "八戸次郎"
out_has "staff,sato"
same 本庁 "$(sql "select office from applications where receipt = '$receipt'")" \
	"the account's office"
out_has "$earlier"
out_has "600,000"
run 0 intake show "$receipt" --format json
out_has '"grant_amount": 600000'
post "$draft/confirm" "$jar" "csrf=$csrf"
same 404 "$(status)" "a second confirm"
same 2 "$(sql 'select count(*) from applications')" "stored once"

# ---- the receipt (受付票) and its print style
get "/receipt/$receipt" -b "$jar"
same 200 "$(status)" "receipt"
for text in "$receipt" "UIJ" 2026-06-15 本庁 sato 八戸次郎 'id="print"'; do
	out_has "$text"
done
get /style.css
out_has "@media print"
out_has "@page { size: A4; margin: 20mm; }"
# the report's landscape pages are its own (a named page): the receipt
# stays A4 portrait
out_lacks "@page { size: A4 landscape"
out_has "@page kpi { size: A4 landscape"
get /entry.js
same 200 "$(status)" "the script"
out_has "/answer"
grep -qi "^Content-Security-Policy:.*script-src 'self'" head.txt ||
	fail "no script-src in the CSP"
get / -b "$jar"
out_has "href=\"/receipt/$receipt\""
out_has "no drafts"

# ---- another office: the receipt refused; messages in Japanese
login tanaka
get "/receipt/$receipt" -b "$jar"
same 403 "$(status)" "another office's receipt"
post /new "$jar" "csrf=$csrf" "programme=uij_turn"
draft=$(location)
answer birth_date '令和99年13月1日'
same 422 "$(status)" "a wrong date (ja)"
out_has '生年月日'
get / -b "$jar"
out_has "href=\"$draft\""

# ---- discard: gone, audited
post "$draft/discard" "$jar" "reason=x"
same 403 "$(status)" "discard without CSRF"
post "$draft/discard" "$jar" "csrf=$csrf"
same 303 "$(status)" "discard"
same 0 "$(sql 'select count(*) from drafts')" "discarded"
same 1 "$(sql "select count(*) from audit where action = 'discard_draft'")" \
	"the discard audited"
