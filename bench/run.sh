#!/bin/sh
# Benchmark: the cost of intake add, outcome, tally and export as the
# database grows.  Usage: sh bench/run.sh BUILD_DIR [APPLICATIONS]
# Prints one line per step: what, count, total ms, ms per operation.
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-1000}
source=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
intake() { "$build/intake" -d "$work/bench.db" "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
report() { # what count start
	end=$(now_ms)
	total=$((end - $3))
	printf '%-28s %7d %9d ms %9.2f ms/op\n' "$1" "$2" "$total" \
		"$(echo "$total $2" | awk '{ printf "%.2f", $1 / $2 }')"
}

intake init >/dev/null
start=$(now_ms)
i=0
while [ $i -lt "$n" ]; do
	intake add kigyo_shien name="起業 太郎$i" name_kana=キギョウタロウ \
		birth_date=1985-06-01 postal_code=0300801 address=青森市 \
		phone=0177341111 stage=preparing opening_on=2026-10-01 \
		legal_form=sole business_field=飲食 eligible_expenses=3000000 \
		relocated=yes received_on=2026-06-01 >>receipts
	i=$((i + 1))
done
report "add (one process each)" "$n" "$start"

start=$(now_ms)
while read -r receipt; do
	intake outcome "$receipt" consulted --date 2026-06-02 >/dev/null
done <receipts
report "outcome (one process each)" "$n" "$start"

start=$(now_ms)
intake tally --fy 2026 --format csv >/dev/null
report "tally --fy" 1 "$start"
start=$(now_ms)
intake tally --fy 2026 --by stage --format csv >/dev/null
report "tally --fy --by stage" 1 "$start"
start=$(now_ms)
intake export kigyo_shien >/dev/null
report "export (all applications)" 1 "$start"
start=$(now_ms)
intake tally --verify >/dev/null
report "tally --verify" 1 "$start"
