# The case pages of intake serve over the real binary with curl: the
# case with its labels, recording an outcome (allowed, refused by an
# order rule with the terminal's message), amend with a reason (history
# for managers only), withdraw, reopen, void, memos (escaped), /due,
# /tally for managers (the report of their office; a counter's 403
# audited), another office's case
# 403 and audited, CSRF, find limited to the counter's office.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-06-30
use_programmes en
cp intake.ini base.ini
run 0 intake init
echo 'correct horse battery' >pw
run 0 intake user add kato --role counter --office 本庁 --lang ja <pw
run 0 intake user add mori --role manager --office 本庁 --lang en <pw
run 0 intake user add ueda --role counter --office 本庁 --lang en <pw

# office NAME: the office stored with the next applications.
office() {
	cp base.ini intake.ini
	printf 'office = %s\n' "$1" >>intake.ini
}
add_uij() { # NAME
	run 0 intake add uij_turn "name=$1" name_kana=アオモリタロウ \
	birth_date=1990-04-01 postal_code=0308570 address=青森市 \
	phone=0177221111 moved_from=13 moved_in_on=2026-04-01 \
	household=single children_under_18=0 grant_requested=no \
	received_on=2026-05-01
	head -1 out
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
a=$(add_uij 青森太郎)
due_here=$(add_shogai 甲 2025-11-01)
office 八戸
b=$(add_uij 八戸花子)
due_there=$(add_shogai 乙 2025-11-02)
cp base.ini intake.ini

serve_start

# post PATH [--data-urlencode FIELD=VALUE…]: with the session's token
post() {
	path=$1
	shift
	get "$path" -b "$jar" -H "Origin: $url" \
		--data-urlencode "csrf=$csrf" "$@"
}
# html TEXT: text as the pages escape it
html() {
	printf '%s' "$1" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' \
		-e 's/>/\&gt;/g' -e 's/"/\&quot;/g' -e "s/'/\&#39;/g"
}
outcomes() { sql "select count(*) from outcomes o join applications a on a.id = o.application_id where a.receipt = '$a'"; }
forbidden() { sql "select count(*) from audit where action = 'forbidden' and after like '%$1%'"; }

# ---- the case page: labels in the account's language, not codes
login kato
get "/case/$a" -b "$jar"
same 200 "$(status)" "case page"
out_has "<h1>$a</h1>"
out_has "<tr><th>世帯区分</th><td>単身</td></tr>"
out_has "<tr><th>氏名</th><td>青森太郎</td></tr>"
out_has "移住支援金の額 (計算値)"
out_lacks "<td>single</td>"
out_has "結果はまだありません"
out_has '<option value="consulted">相談</option>'
out_lacks '<option value="grant_decided">'
out_lacks "<h2>履歴</h2>"
get "/find?q=$a" -b "$jar"
out_has "<a href=\"/case/$a\">$a</a>"

# ---- an outcome the programme allows: recorded, staff the account
post "/case/$a/outcome" --data-urlencode code=consulted \
	--data-urlencode date=2026-06-01 --data-urlencode "note=来所相談"
same 303 "$(status)" "outcome recorded"
grep -qF "Location: /case/$a" head.txt || fail "not back to the case"
run 0 intake show "$a"
out_has "consultation"
out_has "来所相談"
same kato "$(sql "select staff from outcomes where code = 'consulted'")" "staff"
get "/case/$a" -b "$jar"
out_has "<td>2026-06-01</td><td>相談</td>"

# ---- one refused by an order rule: the terminal's message, nothing stored
# (in Japanese, as kato's pages speak)
sed 's/^language = en/language = ja/' "$INTAKE_CONFIG" >ja.ini
INTAKE_CONFIG="$SCRATCH/ja.ini" run 65 intake outcome "$a" grant_decided \
	--date 2026-06-02
said=$(sed -n '1s/^intake: //p' err)
[ -n "$said" ] || fail "the terminal said nothing"
post "/case/$a/outcome" --data-urlencode code=grant_decided \
	--data-urlencode date=2026-06-02
same 422 "$(status)" "refused outcome"
out_has "$(html "$said")"
same 1 "$(outcomes)" "nothing stored for a refused outcome"
post "/case/$a/outcome" --data-urlencode code=consulted \
	--data-urlencode date=2026-02-30
same 422 "$(status)" "a date that does not exist"
out_has "2026-02-30"
post "/case/$a/outcome" --data-urlencode code=nothing
same 422 "$(status)" "unknown outcome"
out_has "不明な結果 &#39;nothing&#39;"
same 1 "$(outcomes)" "nothing stored for refused posts"

# ---- an amount where declared: read as a yen field, the plugin's rule
post "/case/$a/outcome" --data-urlencode code=grant_applied \
	--data-urlencode date=2026-06-02
same 303 "$(status)" "grant applied"
get "/case/$a" -b "$jar"
out_has '<option value="grant_decided">支給決定</option>'
INTAKE_CONFIG="$SCRATCH/ja.ini" run 65 intake outcome "$a" grant_decided \
	--date 2026-06-03 --amount 100万
said=$(sed -n '1s/^intake: //p' err)
[ -n "$said" ] || fail "the terminal said nothing of the amount"
post "/case/$a/outcome" --data-urlencode code=grant_decided \
	--data-urlencode date=2026-06-03 --data-urlencode "amount=100万"
same 422 "$(status)" "an amount above the grant"
out_has "$(html "$said")"
post "/case/$a/outcome" --data-urlencode code=grant_decided \
	--data-urlencode "amount=many"
same 422 "$(status)" "an unreadable amount"
out_has "金額「many」"
same 2 "$(outcomes)" "no refused amount stored"

# ---- CSRF missing or wrong, another origin: 403, nothing stored
get "/case/$a/note" -b "$jar" -H "Origin: $url" --data-urlencode "text=x"
same 403 "$(status)" "no CSRF token"
get "/case/$a/note" -b "$jar" -H "Origin: $url" \
	--data-urlencode "csrf=$(printf '%064d' 0)" --data-urlencode "text=x"
same 403 "$(status)" "a wrong CSRF token"
get "/case/$a/note" -b "$jar" -H "Origin: http://evil.example" \
	--data-urlencode "csrf=$csrf" --data-urlencode "text=x"
same 403 "$(status)" "another origin"
same 0 "$(sql "select count(*) from case_notes")" "no memo stored"

# ---- memos: shown as text
hostile='<script>alert(1)</script>"><img src=x onerror=alert(1)>'
post "/case/$a/note" --data-urlencode "text=$hostile"
same 303 "$(status)" "memo"
post "/case/$a/note" --data-urlencode "text="
same 422 "$(status)" "empty memo"
same 1 "$(sql "select count(*) from case_notes")" "one memo"
get "/case/$a" -b "$jar"
out_has "kato: $(html "$hostile")"
out_lacks "<script>"
out_lacks "<img"

# ---- amend: a reason is required, problems next to their field
get "/case/$a/amend" -b "$jar"
same 200 "$(status)" "amend form"
out_has 'name="address" value="青森市"'
out_has '<option value="single" selected>単身</option>'
post "/case/$a/amend" --data-urlencode "address=八戸市"
same 422 "$(status)" "amend without a reason"
out_has "理由を書いてください"
post "/case/$a/amend" --data-urlencode "phone=12" \
	--data-urlencode "reason=電話番号の誤り"
same 422 "$(status)" "amend with a bad phone"
out_has '<span class="error" role="alert">'
same 青森市 "$(sql "select value from answers where field = 'address' and application_id = 1")" "nothing amended"
post "/case/$a/amend" --data-urlencode "address=八戸市" \
	--data-urlencode "reason=転居の届出"
same 303 "$(status)" "amended"
run 0 intake show "$a"
out_has "八戸市"
get "/case/$a" -b "$jar"
out_lacks "転居の届出"
out_lacks "<h2>履歴</h2>"

# ---- void: a reason, then the outcome stays, marked
id=$(sql "select id from outcomes where code = 'consulted'")
post "/case/$a/void" --data-urlencode "outcome=$id"
same 422 "$(status)" "void without a reason"
post "/case/$a/void" --data-urlencode "outcome=999" \
	--data-urlencode "reason=誤り"
same 422 "$(status)" "void of no such outcome"
same "" "$(sql "select voided_at from outcomes where id = $id")" "not voided"
post "/case/$a/void" --data-urlencode "outcome=$id" \
	--data-urlencode "reason=別人の記録"
same 303 "$(status)" "voided"
[ -n "$(sql "select voided_at from outcomes where id = $id")" ] ||
	fail "the outcome is not voided"
get "/case/$a" -b "$jar"
out_has "取消済み (理由: 別人の記録)"

# ---- withdraw, no outcome while withdrawn, reopen
post "/case/$a/withdraw" --data-urlencode "reason=本人の申出"
same 303 "$(status)" "withdrawn"
run 0 intake show "$a"
out_has "withdrawn"
post "/case/$a/withdraw" --data-urlencode "reason=again"
same 422 "$(status)" "withdrawn twice"
out_has "既に取下げになっています"
post "/case/$a/outcome" --data-urlencode code=consulted
same 422 "$(status)" "an outcome on a withdrawn case"
out_has "は取下げになっているため結果を記録できません"
same 2 "$(outcomes)" "nothing stored while withdrawn"
post "/case/$a/reopen" --data-urlencode "reason=再申請"
same 303 "$(status)" "reopened"
run 0 intake show "$a"
out_lacks "withdrawn"

# ---- another office's case: 403, audited, nothing stored
get "/case/$b" -b "$jar"
same 403 "$(status)" "another office's case"
same 1 "$(forbidden "$b")" "the refusal audited"
post "/case/$b/note" --data-urlencode "text=x"
same 403 "$(status)" "a memo on another office's case"
same 1 "$(sql "select count(*) from case_notes")" "no memo on it"
get "/find?q=$b" -b "$jar"
out_lacks "/case/$b"
out_has "見つかりませんでした"
get "/case/..%2Fetc" -b "$jar"
same 404 "$(status)" "a bad receipt"
get "/case/$a/nothing" -b "$jar"
same 404 "$(status)" "an unknown page of a case"
get "/case/NOPE-2026-000001" -b "$jar"
same 404 "$(status)" "no such receipt"

# ---- the follow-ups due at my office
get /due -b "$jar"
same 200 "$(status)" "due"
out_has "<a href=\"/case/$due_here\">$due_here</a>"
out_has "<td>2026-05-01</td>"
out_lacks "$due_there"

# ---- tally: managers only, linked for them alone
get / -b "$jar"
out_has '<a href="/due">'
out_lacks '<a href="/tally">'
get /tally -b "$jar"
same 403 "$(status)" "a counter's tally"
same 1 "$(forbidden /tally)" "the counter's tally audited"
login mori
get / -b "$jar"
out_has '<a href="/tally">Tally</a>'
out_lacks '<a href="/users">'
get /tally -b "$jar"
same 200 "$(status)" "tally"
out_has "Tally of FY2026"
out_has '<span class="kpi-status kpi-provisional">provisional</span>'
# the report of mori's office (本庁): one UIJ-turn case of the two
out_has '>UIJ-turn employment and relocation</th><td>Applications received</td><td class="kpi-num"></td><td class="kpi-num">1</td>'
out_has '<td>grant applied for (people)</td><td class="kpi-num"></td><td class="kpi-num">1</td>'
# the consultation voided above counts nowhere
out_has '<td>consultation (events)</td><td class="kpi-num"></td><td class="kpi-num">0</td>'
# 前年度: 本庁's one employed of FY2025, not 八戸's
out_has '<td>employed (people)</td><td class="kpi-num"></td><td class="kpi-num">0</td><td class="kpi-num"></td><td class="kpi-num"></td><td class="kpi-num">1</td><td class="kpi-num">-1</td>'
out_has '<svg class="kpi-chart"'
out_has '<h3>By office</h3>'
out_lacks '八戸'
run 0 intake tally --fy 2025 --programme shogai_shuro --format csv
out_has "Employment of people with disabilities,employed,2025,2,2,"
get "/tally?fy=%E4%BB%A4%E5%92%8C7%E5%B9%B4%E5%BA%A6" -b "$jar"
same 200 "$(status)" "tally of 令和7年度"
out_has "Tally of FY2025"
out_has '<td>employed (people)</td><td class="kpi-num"></td><td class="kpi-num">1</td>'
out_lacks '八戸'
# to the end of a month: the year follows from it; November's not in
get "/tally?month=2025-10" -b "$jar"
same 200 "$(status)" "tally to October 2025"
out_has "Tally of FY2025"
out_has '<td>employed (people)</td><td class="kpi-num"></td><td class="kpi-num">0</td>'
get "/tally?fy=2025&month=2025-11" -b "$jar"
same 200 "$(status)" "tally to November 2025"
out_has '<td>employed (people)</td><td class="kpi-num"></td><td class="kpi-num">1</td>'
get "/tally?fy=soon" -b "$jar"
same 400 "$(status)" "an unreadable fiscal year"
out_has "cannot read the fiscal year &#39;soon&#39;"
out_lacks '<div class="kpi">'
get "/tally?fy=1999" -b "$jar"
same 400 "$(status)" "a fiscal year out of range"
out_has "&#39;1999&#39;: give a fiscal year from 2000 to 2100"
get "/tally?month=soon" -b "$jar"
same 400 "$(status)" "an unreadable month"
out_has "cannot read the month &#39;soon&#39;"
get "/tally?fy=2026&month=2025-11" -b "$jar"
same 400 "$(status)" "a month of another fiscal year"
out_has "the month &#39;2025-11&#39; is not in FY2026"
out_lacks '<div class="kpi">'
# an admin sees every office
run 0 intake user add abe --role admin --lang en <pw
login abe
get "/tally?fy=2025" -b "$jar"
same 200 "$(status)" "an admin's tally"
out_has '<td>employed (people)</td><td class="kpi-num"></td><td class="kpi-num">2</td>'
out_has '>八戸</th><td class="kpi-num">1</td>'
login mori

# ---- the history, for managers
get "/case/$a" -b "$jar"
same 200 "$(status)" "a manager's case page"
out_has "<h2>History</h2>"
out_has "転居の届出"
get "/case/$b" -b "$jar"
same 403 "$(status)" "a manager of 本庁 and a case of 八戸"

kill $server
wait $server
