#!/bin/sh
# Benchmark: the same work on SQLite and on PostgreSQL, in the same run.
# Usage:
#   sh bench/backends.sh BUILD_DIR [APPLICATIONS] [ADDS] [RUNS]
# Makes (or finds cached) APPLICATIONS (100000) cases with
# bench/gen-cases.sh, starts a throwaway PostgreSQL cluster
# (tests/pg/cluster.sh, removed at the end) and copies the cases into
# it with `intake migrate` (timed), then RUNS (5) interleaved rounds of
# `intake tally --fy 2025` and `intake find` of a name on each backend,
# and 16 concurrent writers doing ADDS (800) `intake add`s in all on a
# new database of each: adds/s, failed adds, receipts unique and
# gap-free.  Prints markdown rows
#   | figure | PostgreSQL | SQLite | ratio | goal |
# and the load average before and after.
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
adds=${3:-800}
runs=${4:-5}
source=$(cd "$(dirname "$0")/.." && pwd)
bench=backends.sh
case $n$adds$runs in
'' | *[!0-9]*) echo "backends.sh: APPLICATIONS, ADDS and RUNS must be numbers" >&2
	exit 64 ;;
esac
CLUSTER="$source/tests/pg/cluster.sh"
sh "$CLUSTER" bindir >/dev/null || { echo "backends.sh: no PostgreSQL server (make deps)" >&2; exit 1; }
. "$source/bench/data.sh"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
chmod 755 "$work" # the server's user reaches its socket under it
pg=$work/pg
sh "$CLUSTER" start "$pg" >/dev/null
trap 'sh "$CLUSTER" stop "$pg" >/dev/null 2>&1; rm -rf "$work"' EXIT
socket=$pg/socket
uri() { echo "postgresql:///$1?host=$socket&user=intake"; }
createdb -h "$socket" -U intake big
big=$(uri big)
psql_q() { psql -X -A -t -q -d "$1" -c "$2"; }

# The cases into PostgreSQL, timed.
start=$(date +%s%N)
intake migrate --from "$db" --to "$big" >migrate.out 2>&1 ||
	{ cat migrate.out >&2; fail "migrate failed"; }
migrate_ms=$((($(date +%s%N) - start) / 1000000))
[ "$(psql_q "$big" "SELECT count(*) FROM applications")" = "$n" ] ||
	fail "migrate copied other than $n cases"

# ms COMMAND…: wall milliseconds of one run (output kept in last.out)
ms() {
	start=$(date +%s%N)
	"$@" >last.out 2>&1 || { cat last.out >&2; fail "$* failed"; }
	echo $((($(date +%s%N) - start) / 1000000))
}
name=$(sqlite3 "$db" "SELECT value FROM answers WHERE field = 'name'
	LIMIT 1 OFFSET $((n / 2))")
intake -d "$db" tally --fy 2025 --format csv >tally.sqlite
intake -d "$big" tally --fy 2025 --format csv >tally.pg
cmp -s tally.sqlite tally.pg || fail "tally --fy differs between the backends"
intake -d "$db" find "$name" --format csv >find.sqlite
intake -d "$big" find "$name" --format csv >find.pg
cmp -s find.sqlite find.pg || fail "find differs between the backends"
i=0
while [ $i -lt "$runs" ]; do
	ms intake -d "$big" tally --fy 2025 >>tally_pg.ms
	ms intake -d "$db" tally --fy 2025 >>tally_sqlite.ms
	ms intake -d "$big" find "$name" >>find_pg.ms
	ms intake -d "$db" find "$name" >>find_sqlite.ms
	i=$((i + 1))
done
median() {
	sort -n "$1" | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# writers KIND DATABASE: 16 writers, adds/16 each, at once on DATABASE
# (made by init); prints "adds/s failed noise gapless".
writers() {
	"$build/intake" -d "$2" init >/dev/null
	each=$((adds / 16))
	start=$(date +%s%N)
	w=1
	while [ $w -le 16 ]; do
		(i=0
		while [ $i -lt $each ]; do
			"$build/intake" -d "$2" add shogai_shuro \
				name="書込 $w-$i" name_kana=カキコミ \
				birth_date=2000-10-10 postal_code=030-0801 \
				address=青森県青森市新町1-1 phone=090-1234-5678 \
				disability_kinds=developmental handbooks=none \
				course=knowledge weekly_hours=0 \
				received_on=2026-07-01 >/dev/null 2>>"$1.err" ||
				echo "exited $?" >>"$1.err"
			i=$((i + 1))
		done) &
		w=$((w + 1))
	done
	wait
	end=$(date +%s%N)
	total=$((each * 16))
	query="SELECT count(*) = $total AND count(DISTINCT receipt) = $total
		AND max(CAST(substr(receipt, length(receipt) - 5) AS INTEGER))
		= $total FROM applications"
	if [ "$1" = pg ]; then gapless=$(psql_q "$2" "$query")
	else gapless=$(sqlite3 "$2" "$query"); fi
	touch "$1.err"
	echo "$total $(((end - start) / 1000000)) $(grep -c exited "$1.err" || :)" \
		"$(grep -vc exited "$1.err" || :) $gapless"
}
createdb -h "$socket" -U intake writers
set -- $(writers pg "$(uri writers)") $(writers sqlite "$work/writers.db")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
ratio() { echo "$1 $2" | awk '{ printf "%.2f×", $1 / $2 }'; }
rate() { echo "$1 $2" | awk '{ printf "%.1f", $1 * 1000 / $2 }'; }
ok() { case $1 in 1 | t) echo yes ;; *) echo NO ;; esac; }
cases=$(printf "%d" "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
tp=$(median tally_pg.ms) ts=$(median tally_sqlite.ms)
fp=$(median find_pg.ms) fs=$(median find_sqlite.ms)
row "intake migrate of $cases cases, SQLite → PostgreSQL" \
	"$migrate_ms ms" - - -
row "tally --fy 2025 at $cases cases (ms)" "$tp" "$ts" "$(ratio "$tp" "$ts")" -
row "find a name at $cases cases (ms)" "$fp" "$fs" "$(ratio "$fp" "$fs")" -
pr=$(rate "$1" "$2") sr=$(rate "$6" "$7")
row "adds/s, 16 concurrent writers ($(($1 / 16)) adds each)" "$pr" "$sr" \
	"$(ratio "$pr" "$sr")" "0 errors"
row "failed adds / lines on stderr" "$3/$4" "$8/$9" - 0
row "receipts unique and gap-free" "$(ok "$5")" "$(ok "${10}")" - yes
echo "load average $load_before -> $load_after; median of $runs interleaved runs"
