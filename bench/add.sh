#!/bin/sh
# Benchmark: one `intake add` process of one case against one sqlite3
# process doing the same writes on the same kind of database.  Usage:
#   sh bench/add.sh BUILD_DIR [RUNS]
# Each side runs RUNS (50) times, interleaved in batches of BATCH; the
# figures are the medians over batches of the wall and CPU time per
# process (a batch timed as a whole by python3, whose own start stays
# out of the figure).  The
# reference is the sqlite3 shell on a database `intake init` made (WAL,
# the same schema), running in one transaction the statements the store
# runs for an add (sqlite_store.c, sqlite_find.c, sqlite_audit.c): the receipt
# sequence, the application, its answers (as the sample add stored
# them), its search keys, the audit head read and the audit row with its
# JSON (a random hash stands for the SHA-256).  When strace is there, it
# also counts fdatasync and unlink per add of each.  Prints markdown
# table rows: | figure | intake | reference | ratio | goal |
set -eu
build=$(cd "${1:-build}" && pwd)
runs=${2:-50}
source=$(cd "$(dirname "$0")/.." && pwd)
BATCH=5
case $runs in
'' | *[!0-9]* | 0) echo "add.sh: RUNS must be a number, got '$runs'" >&2
	exit 64 ;;
esac
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export INTAKE_TODAY=2026-11-30 INTAKE_STAFF=bench
fail() { echo "add.sh: $*" >&2; exit 1; }

# config NAME: NAME.ini for NAME.db with the built plugins and forms.
config() {
	cat >"$1.ini" <<INI
[intake]
database = $work/$1.db
plugin_dir = $build/plugins
form_dir = $source/forms
language = en
INI
}
for name in intake reference sample; do
	config $name
	INTAKE_CONFIG=$work/$name.ini "$build/intake" init >/dev/null
done

# The case: shogai_shuro, received in FY2026.
cat >add.sh <<SH
exec "$build/intake" -c "$work/intake.ini" add shogai_shuro name=佐藤花子 \\
	name_kana=サトウハナコ birth_date=2000-10-10 postal_code=030-0801 \\
	address=青森県青森市新町1-1 phone=090-1234-5678 \\
	email=hanako@example.jp disability_kinds=developmental \\
	handbooks=none course=knowledge weekly_hours=0 received_on=2026-07-01
SH
sed "s|$work/intake.ini|$work/sample.ini|" add.sh >sample.sh
sh sample.sh >/dev/null || fail "the sample add failed"

# reference.sql: what the store runs for that add, its answers and
# search keys as the sample add stored them.
app="(SELECT max(id) FROM applications)"
now="strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
now_quoted=$(echo "$now" | sed "s/'/''/g") # inside an SQL string
{
	echo "PRAGMA foreign_keys = ON;"
	echo "PRAGMA synchronous = FULL;"
	echo "BEGIN IMMEDIATE;"
	echo "INSERT INTO receipt_sequences (programme, fiscal_year, last)
 VALUES ('shogai_shuro', 2026, 1) ON CONFLICT (programme, fiscal_year)
 DO UPDATE SET last = last + 1 RETURNING last;"
	sqlite3 sample.db "SELECT 'INSERT INTO applications (receipt,
 programme, plugin_version, form_version, received_on, office, staff,
 created_at, updated_at) SELECT ''SGS-2026-'' || printf(''%06d'', last), '
 || quote(programme) || ', ' || quote(plugin_version) || ', '
 || form_version || ', ' || quote(received_on) || ', ' || quote(office)
 || ', ' || quote(staff) || ', $now_quoted, $now_quoted FROM receipt_sequences
 WHERE programme = ''shogai_shuro'' AND fiscal_year = 2026;'
 FROM applications WHERE id = 1"
	sqlite3 sample.db "SELECT 'INSERT INTO answers (application_id,
 field, value) VALUES ($app, ' || quote(field) || ', ' || quote(value)
 || ');' FROM answers WHERE application_id = 1 ORDER BY rowid"
	sqlite3 sample.db "SELECT 'INSERT OR IGNORE INTO search_keys (kind,
 key, application_id) VALUES (' || quote(kind) || ', ' || quote(key)
 || ', $app);' FROM search_keys WHERE application_id = 1"
	echo "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1;"
	echo "INSERT INTO audit (id, at, staff, action, application_id,
 \"before\", \"after\", hash) SELECT (SELECT coalesce(max(id), 0) + 1
 FROM audit), $now, a.staff, 'add', a.id, NULL,
 json_object('receipt', a.receipt, 'programme', a.programme,
 'received_on', a.received_on, 'answers', json((SELECT
 json_group_object(field, value) FROM (SELECT field, value FROM answers
 WHERE application_id = a.id ORDER BY rowid)))),
 lower(hex(randomblob(32))) FROM applications a WHERE a.id = $app;"
	echo "COMMIT;"
} >reference.sql
echo "exec sqlite3 -bail '$work/reference.db' <'$work/reference.sql'" \
	>reference.sh

# batch SIDE: run SIDE's script BATCH times from python3 (for its
# clocks: getrusage of the children in microseconds, where the shell's
# `times` counts ticks of 10 ms); the wall and CPU (user + system)
# microseconds per run appended to SIDE.ms and SIDE.cpu.
batch() {
	python3 - "$1.sh" "$BATCH" >times.out <<'PY' ||
import resource, subprocess, sys, time
script, n = sys.argv[1], int(sys.argv[2])
start = time.perf_counter()
for _ in range(n):
    if subprocess.run(["sh", script], stdout=subprocess.DEVNULL).returncode:
        sys.exit(1)
wall = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(int(wall / n * 1e6), int((used.ru_utime + used.ru_stime) / n * 1e6))
PY
		fail "$1 failed: $(sh "$1.sh" 2>&1)"
	read -r wall cpu <times.out
	echo "$wall" >>"$1.ms"
	echo "$cpu" >>"$1.cpu"
}

median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2];
		else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
sh add.sh >/dev/null && sh reference.sh >/dev/null # warm the page cache
: >add.ms
: >reference.ms
: >add.cpu
: >reference.cpu
done_runs=0
while [ $done_runs -lt "$runs" ]; do
	batch add
	batch reference
	done_runs=$((done_runs + BATCH))
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# The two databases hold the same cases.
n=$(sqlite3 intake.db "SELECT count(*) FROM applications")
same_rows() {
	sqlite3 "$1" "SELECT count(*), count(DISTINCT receipt),
	 (SELECT count(*) FROM answers), (SELECT count(*) FROM search_keys),
	 (SELECT count(*) FROM audit) FROM applications"
}
[ "$(same_rows intake.db)" = "$(same_rows reference.db)" ] ||
	fail "intake stored $(same_rows intake.db)," \
		"the reference $(same_rows reference.db)"

intake_us=$(median add.ms)
reference_us=$(median reference.ms)
echo "<!-- add.sh: $n adds each, batches of $BATCH, load average" \
	"$load_before -> $load_after -->"
# row FIGURE INTAKE REFERENCE RATIO GOAL: one markdown table row.
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
# ms US: microseconds as milliseconds; ratio A B: A / B as 1.23x
ms() { echo "$1" | awk '{ printf "%.1f", $1 / 1000 }'; }
ratio() { echo "$1 $2" | awk '{ printf "%.2fx", $1 / $2 }'; }
intake_cpu=$(median add.cpu)
reference_cpu=$(median reference.cpu)
figure="\`intake add\` of one case: ms per process ($((n - 1)) runs,"
row "$figure median of batches of $BATCH)" "$(ms "$intake_us")" \
	"$(ms "$reference_us") (sqlite3 process, same writes)" \
	"$(ratio "$intake_us" "$reference_us")" "<= 1.2x"
row "\`intake add\` of one case: CPU ms (user + system) per process" \
	"$(ms "$intake_cpu")" "$(ms "$reference_cpu") (sqlite3 process)" \
	"$(ratio "$intake_cpu" "$reference_cpu")" "<= 1.2x"

# syncs SIDE: fdatasync and unlink calls per run of SIDE, over 20 runs.
syncs() {
	i=0
	while [ $i -lt 20 ]; do
		strace -f -c -o "$1.strace" -e trace=fsync,fdatasync,unlink \
			sh "$1.sh" >/dev/null
		awk '$NF ~ /^(fsync|fdatasync)$/ { s += $4 }
		$NF == "unlink" { u += $4 }
		END { print s + 0, u + 0 }' "$1.strace"
		i=$((i + 1))
	done | awk '{ s += $1; u += $2 } END { printf "%.2f %.2f\n", s / NR, u / NR }'
}
if command -v strace >/dev/null 2>&1; then
	set -- $(syncs add) $(syncs reference)
	row "fdatasyncs per add (20 adds, strace)" "$1" "$3" \
		"$(ratio "$1" "$3")" fewer
	row "files unlinked per add" "$2" "$4" - 0
fi
