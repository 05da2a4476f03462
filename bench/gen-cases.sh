#!/bin/sh
# Bench data: a database of N applications made in SQL, cached.  Usage:
#   sh bench/gen-cases.sh BUILD_DIR [APPLICATIONS] [--fresh]
# Prints the directory that holds intake.ini (the built plugins, the
# source tree's forms, FY targets) and intake.db with APPLICATIONS
# (1000000) cases of the four programmes, about 1.5 outcomes each, as
# bench/gen-cases.sql writes them; on stderr, how long the making took.
# The database is kept under BUILD_DIR/bench/ by N, schema version,
# INTAKE_TODAY and the checksum of gen-cases.sql: a second call returns
# at once (intake.ini written anew).  --fresh makes it again.
# Use it read-only, or copy it first.  INTAKE_TODAY is the day the
# data ends on (default 2026-11-30); set it to the same day when
# running intake over the data (outcomes are refused after today).
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-1000000}
fresh=${3:-}
today=${INTAKE_TODAY:-2026-11-30}
source=$(cd "$(dirname "$0")/.." && pwd)
case $n in
'' | *[!0-9]*) echo "gen-cases: APPLICATIONS must be a number, got '$n'" >&2
	exit 64 ;;
esac

# config DIR: an intake.ini for the data, with targets for FY2024-2026
# in proportion to N (about what the paths below reach).
config() {
	cat >"$1/intake.ini" <<INI
[intake]
database = intake.db
plugin_dir = $build/plugins
form_dir = $source/forms
language = ja

[targets]
INI
	for fy in 2024 2025 2026; do
		for target in uij_turn.employed:15 uij_turn.moved_in:12 \
			uij_turn.grant_paid:20 kigyo_shien.founded:40 \
			kigyo_shien.adopted:30 jigyo_shokei.succeeded:50 \
			jigyo_shokei.planned:40 shogai_shuro.employed:25 \
			shogai_shuro.retained_6m:40; do
			echo "${target%:*}.$fy = $((n / ${target#*:} + 1))"
		done
	done >>"$1/intake.ini"
}

root=$build/bench
mkdir -p "$root"
work=$(mktemp -d "$root/making.XXXXXX")
trap 'rm -rf "$work"' EXIT
config "$work"
INTAKE_CONFIG="$work/intake.ini" INTAKE_TODAY=$today \
	"$build/intake" init >/dev/null
version=$(sqlite3 "$work/intake.db" "PRAGMA user_version")
sum=$(cksum <"$source/bench/gen-cases.sql" | cut -d' ' -f1)
cases=$root/cases-$n-v$version-$today-$sum
if [ -f "$cases/made" ] && [ "$fresh" != --fresh ]; then
	config "$cases" # as this script writes it now
	echo "$cases"
	exit 0
fi

start=$(date +%s)
db=$work/intake.db
# The indexes of the tables written, made again once they are full.
sqlite3 "$db" "SELECT sql || ';' FROM sqlite_schema WHERE type = 'index'
	AND sql IS NOT NULL
	AND tbl_name IN ('applications', 'answers', 'outcomes')" \
	>"$work/indexes.sql"
sqlite3 "$db" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_schema
	WHERE type = 'index' AND sql IS NOT NULL
	AND tbl_name IN ('applications', 'answers', 'outcomes')" |
	sqlite3 "$db"
sqlite3 -bail "$db" "PRAGMA journal_mode = OFF" "PRAGMA temp_store = MEMORY" \
	".parameter set @n $n" ".parameter set @today \"'$today'\"" \
	".read $source/bench/gen-cases.sql" >/dev/null
sqlite3 -bail "$db" "PRAGMA cache_size = -1000000" \
	".read $work/indexes.sql" "PRAGMA journal_mode = WAL" \
	>/dev/null
# intake opens it as any database (a check that it still takes it).
INTAKE_CONFIG="$work/intake.ini" INTAKE_TODAY=$today \
	"$build/intake" programs >/dev/null
# CPU of the processes run (user + system), from the shell's times.
times >"$work/times" # in this shell: a subshell has no children
cpu=$(tail -n 1 "$work/times" | tr 'ms' '  ' |
	awk '{ printf "%.0f", $1 * 60 + $2 + $3 * 60 + $4 }')
echo "gen-cases: $n applications in" \
	"$(($(date +%s) - start)) s, CPU $cpu s" >&2

rm -rf "$root/cases-$n-"* # this N made by an older generator too
mv "$work" "$cases"
rm -f "$cases/indexes.sql" "$cases/times"
touch "$cases/made"
echo "$cases"
