#!/bin/sh
# Benchmark: the floor under import's speed goal.  The rows of
# bench/import.sh written into intake's schema by one sqlite3 process,
# set-based (INSERT … SELECT from the CSV loaded into a staging table:
# no checks, no hashing, no statement per row, a 64 MB page cache), as
# many rows per table as `intake import` writes for them (one
# application, its answers, three name search keys, one audit row),
# against `.import` of the same CSV into one flat table, in the same
# run.  No import can be faster than its own writes, so the ratio is a
# lower bound on import's ratio to .import; "lean" leaves out the
# answers rows.
# Usage:
#   sh bench/import-floor.sh BUILD_DIR [N] [RUNS]
# Prints | figure | floor | .import | ratio | goal | rows (median of RUNS).
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-100000}
runs=${3:-3}
source=$(cd "$(dirname "$0")/.." && pwd)
bench=import-floor.sh
. "$source/bench/import-setup.sh"
"$build/intake" init >/dev/null

answer() { # FIELD EXPRESSION [WHERE]
	echo "INSERT INTO answers SELECT rowid, '$1', $2 FROM staging ${3:-};"
}
{
	echo "PRAGMA cache_size = -65536;"
	echo ".import --csv rows.csv staging"
	echo "BEGIN;"
	echo "INSERT INTO applications (id, receipt, programme, plugin_version,
		form_version, received_on, office, staff, status, created_at,
		updated_at, source_id) SELECT rowid,
		'EVC-2025-' || printf('%06d', rowid), 'every_callback', '1.0',
		1, received_on, NULL, 'bench', 'received',
		'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', source_id
		FROM staging;"
	echo "INSERT INTO search_keys SELECT 'name', name, rowid FROM staging;"
	echo "INSERT INTO search_keys SELECT 'name', name || ' ', rowid FROM staging;"
	echo "INSERT INTO search_keys SELECT 'name', ' ' || name, rowid FROM staging;"
	echo "INSERT INTO audit (at, staff, action, application_id, after, hash)
		SELECT '2026-01-01T00:00:00Z', 'bench', 'add', rowid,
		json_object('name', name, 'birth_date', birth_date, 'kind',
		kind, 'corporate_number', corporate_number, 'amount', amount,
		'topics', topics, 'consent', consent, 'postal', postal),
		hex(randomblob(32)) FROM staging;"
	echo "COMMIT;"
} >lean.sql
{
	sed '$d' lean.sql
	for f in name birth_date kind amount topics consent; do
		answer $f $f
	done
	answer corporate_number corporate_number "WHERE corporate_number != ''"
	answer postal postal "WHERE postal != ''"
	answer band "amount / 100000"
	answer doubled "amount * 2"
	answer review_on "date(received_on, '+1 year')"
	echo "COMMIT;"
} >floor.sql

timed() { # NAME COMMAND…: wall seconds appended to NAME.times
	name=$1
	shift
	/usr/bin/time -f '%e' -o time.out "$@" >/dev/null 2>"$name.err" ||
		{ cat "$name.err" >&2; echo "import-floor.sh: $name failed" >&2
		  exit 1; }
	cat time.out >>"$name.times"
}
i=0
while [ $i -lt "$runs" ]; do
	for kind in floor lean; do
		rm -f db.db db.db-wal db.db-shm
		cp intake.db db.db
		timed $kind sqlite3 db.db ".read $kind.sql"
	done
	[ "$(sqlite3 db.db 'SELECT count(*) FROM applications')" = "$n" ] ||
		{ echo "import-floor.sh: the floor stored other rows" >&2; exit 1; }
	rm -f flat.db
	timed flat sqlite3 flat.db ".import --csv rows.csv flat"
	i=$((i + 1))
done
median() {
	sort -n "$1" | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
awk -v n="$n" -v f="$(median floor.times)" -v l="$(median lean.times)" \
	-v s="$(median flat.times)" 'BEGIN {
	printf "| floor of import, %d rows, vs sqlite3 .import (time) | %.2f s | %.2f s | %.2f× | ≤ 2× |\n", n, f, s, f / s
	printf "| floor without answers rows, %d rows, vs .import (time) | %.2f s | %.2f s | %.2f× | ≤ 2× |\n", n, l, s, l / s
}'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); median of $runs interleaved runs"
