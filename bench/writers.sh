#!/bin/sh
# Benchmark: many writers.  Usage: sh bench/writers.sh BUILD_DIR [ADDS]
# One writer does ADDS (400) `intake add`s one after another on a new
# database; then 8 writers, and then 16, do ADDS in all (ADDS/8 and
# ADDS/16 each) at once, each on a new database.  Prints adds/s of each
# against the one writer, the adds that failed (any exit but 0, or
# anything on stderr, such as "database is busy"), and whether the
# receipts came out unique and gap-free, as markdown table rows:
# | figure | intake | reference | ratio | goal |
set -eu
build=$(cd "${1:-build}" && pwd)
adds=${2:-400}
source=$(cd "$(dirname "$0")/.." && pwd)
case $adds in
'' | *[!0-9]* | 0) echo "writers.sh: ADDS must be a number, got '$adds'" >&2
	exit 64 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export INTAKE_TODAY=2026-11-30 INTAKE_STAFF=bench

# fresh NAME: a new database NAME.db (config NAME.ini).
fresh() {
	cat >"$1.ini" <<INI
[intake]
database = $work/$1.db
plugin_dir = $build/plugins
form_dir = $source/forms
language = en
INI
	INTAKE_CONFIG=$work/$1.ini "$build/intake" init >/dev/null
}

# writer NAME W N: N adds on NAME.db; receipts to NAME.W.out, errors
# (stderr and failed exits) to NAME.W.err.
writer() {
	i=0
	while [ $i -lt "$3" ]; do
		"$build/intake" -c "$work/$1.ini" add shogai_shuro \
			name="書込 $2-$i" name_kana=カキコミ birth_date=2000-10-10 \
			postal_code=030-0801 address=青森県青森市新町1-1 \
			phone=090-1234-5678 disability_kinds=developmental \
			handbooks=none course=knowledge weekly_hours=0 \
			received_on=2026-07-01 >>"$1.$2.out" 2>>"$1.$2.err" ||
			echo "add $2-$i exited $?" >>"$1.$2.err"
		i=$((i + 1))
	done
}

# run NAME WRITERS: WRITERS writers doing adds/WRITERS each at once on
# a new NAME.db; prints adds/s, failed adds and the gap check.
run() {
	fresh "$1"
	each=$((adds / $2))
	start=$(date +%s%N)
	w=1
	while [ $w -le "$2" ]; do
		writer "$1" $w $each &
		w=$((w + 1))
	done
	wait
	end=$(date +%s%N)
	total=$((each * $2))
	errors=$(cat "$1".*.err | grep -c 'exited' || :)
	noise=$(cat "$1".*.err | grep -vc 'exited' || :)
	stored=$(sqlite3 "$1.db" "SELECT count(*) FROM applications")
	gapless=$(sqlite3 "$1.db" "SELECT count(*) = $total
	 AND count(DISTINCT receipt) = $total
	 AND max(CAST(substr(receipt, -6) AS INTEGER)) = $total
	 FROM applications")
	echo "$total $(((end - start) / 1000000)) $errors $noise $stored $gapless"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
set -- $(run one 1) $(run eight 8) $(run sixteen 16)
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "<!-- writers.sh: $adds adds per figure on $(nproc) processors," \
	"load average $load_before -> $load_after -->"
# rate TOTAL MS: adds per second
rate() { echo "$1 $2" | awk '{ printf "%.1f", $1 * 1000 / $2 }'; }
one=$(rate "$1" "$2")
eight=$(rate "$7" "$8")
sixteen=$(rate "${13}" "${14}")
# row FIGURE INTAKE REFERENCE RATIO GOAL: one markdown table row.
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
ratio() { echo "$1 $2" | awk '{ printf "%.2fx", $1 / $2 }'; }
yes_no() { [ "$1" = 1 ] && echo yes || echo NO; }
row "adds/s, 1 writer ($1 adds one after another)" "$one" - - -
row "adds/s, 8 concurrent writers ($(($7 / 8)) adds each)" "$eight" \
	"$one (1 writer)" "$(ratio "$eight" "$one")" ">= 1x, 0 errors"
row "adds/s, 16 concurrent writers ($((${13} / 16)) adds each)" \
	"$sixteen" "$one (1 writer)" "$(ratio "$sixteen" "$one")" \
	">= 1x, 0 errors"
row "failed adds (exit not 0) / lines on stderr, 1, 8, 16 writers" \
	"$3/$4, $9/${10}, ${15}/${16}" - - 0
row "receipts stored, unique and gap-free, 1, 8, 16 writers" \
	"$(yes_no "$6"), $(yes_no "${12}"), $(yes_no "${18}")" - - yes
