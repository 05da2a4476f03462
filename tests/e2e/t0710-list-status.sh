#!/bin/sh
# intake list --status: "received" or an outcome of the programmes in
# scope, by its code or its label (ja or en); an unknown status is exit
# 64 listing the valid ones (of the chosen programme with --programme),
# an ambiguous label 64 listing what it fits; never "no rows".
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback dup_a
export INTAKE_TODAY=2027-04-30
run 0 intake init
add() {
	run 0 intake add every_callback name=A birth_date=1990-01-01 \
		kind=person amount=1 topics=work consent=yes \
		received_on=2026-04-01
	head -1 out
}
a=$(add); b=$(add)
run 0 intake add dup name=C received_on=2026-04-01
c=$(head -1 out)
run 0 intake outcome "$a" started --date 2026-05-10
run 0 intake outcome "$c" done --date 2026-05-10

# only RECEIPT…: list (with the options given) shows just these.
only() {
	rows=$(grep -c -- '-2026-' out)
	same $# "$rows" "rows of list"
	for r in "$@"; do out_has "$r"; done
}
run 0 intake list --status started --format csv; only "$a"
run 0 intake list --status STARTED --format csv; only "$a"
run 0 intake list --status 開始 --format csv; only "$a"
run 0 intake list --status received --format csv; only "$b"
run 0 intake list --status done --format csv; only "$c"
run 0 intake list --programme dup --status 完了 --format csv; only "$c"
run 0 intake list --programme every_callback --status 完了 --format csv
only

# Unknown: every valid status listed, nothing on stdout.
run 64 intake list --status bogus
err_has "no status 'bogus': give one of these by its code or label:"
err_has "  received"
err_has "  contacted  contacted (every_callback)"
err_has "  started  started (every_callback)"
err_has "  finished  finished (every_callback)"
err_has "  done  done (dup)"
if [ -s out ]; then fail "an unknown status printed rows"; fi
run 64 intake --lang ja list --status bogus
err_has "状況 'bogus' はありません。次のどれかを、コードまたは名称で指定してください:"
err_has "  started  開始 (every_callback)"
# With --programme, only its outcomes are valid.
run 64 intake list --programme every_callback --status done
err_has "no status 'done'"
err_has "  finished  finished (every_callback)"
if grep -qF '(dup)' err; then fail "dup's outcomes listed for every_callback"; fi
run 64 intake list --status ''
err_has "no status ''"

# A label two programmes give to different codes: name the code.
run 64 intake list --status 完了
err_has "'完了' matches more than one status: give one of them by its code:"
err_has "  finished  finished (every_callback)"
err_has "  done  done (dup)"
if grep -qF 'received' err; then fail "an ambiguous status lists more than it fits"; fi
run 64 intake --lang ja list --status 完了
err_has "'完了' は複数の状況に当てはまります。どれか一つをコードで指定してください:"
err_has "  done  完了 (dup)"

# The programmes load only for --programme or --status.
chmod 757 plugins
run 0 intake list --format csv
only "$a" "$b" "$c"
run 78 intake list --status started
chmod 755 plugins

# English labels of the real programmes, and a label shared by one code.
use_programmes
run 0 intake -d real.db init
run 0 intake -d real.db add 起業支援 name=十和田四郎 \
	name_kana=トワダシロウ birth_date=1992-02-29 \
	postal_code=034-8615 address=十和田市西十二番町6-1 \
	phone=0176-23-5111 received_on=2026-06-15 stage=preparing \
	opening_on=2026-09-01 legal_form=sole business_field=観光案内 \
	eligible_expenses=800000 relocated=no
k=$(head -1 out)
run 0 intake -d real.db outcome "$k" consulted --date 2026-06-15
run 0 intake -d real.db list --status consultation --format csv; only "$k"
run 0 intake -d real.db list --status 相談 --format csv; only "$k"
run 0 intake -d real.db list --programme uij --status 相談 --format csv
only
run 64 intake -d real.db list --programme uij --status adopted
err_has "  grant_paid  "
if grep -qF '(kigyo_shien)' err; then fail "kigyo_shien's outcomes listed for uij_turn"; fi
