#!/bin/sh
# Kill -9 trial: writers add applications and record outcomes while a
# killer SIGKILLs their intake processes; then the database must be whole.
# Usage: sh bench/kill-trial.sh BUILD_DIR [KILLS] [WRITERS]
#
# Each writer is a shell loop running one intake process at a time (an
# add of the kigyo_shien case of bench/run.sh, every third turn an
# outcome "consulted" on its latest receipt) and keeps what the process
# printed only when it exited 0.  The killer picks a random writer's
# running intake process (checked alive, not a zombie, the intake
# binary), half the time first waiting until it holds SQLite's write
# lock, and kill -9s it, until KILLS processes died of SIGKILL.  Then:
# integrity_check, unique and gap-free receipts, the sequence table,
# every printed receipt and outcome stored, nothing stored half,
# tally --verify and verify.  Exits 1 with a "kill trial: FAILED" line.
set -u
usage='usage: sh bench/kill-trial.sh BUILD_DIR [KILLS] [WRITERS]'
[ $# -ge 1 ] && [ $# -le 3 ] || { echo "$usage" >&2; exit 64; }
build=$(cd "$1" && pwd) || exit 66
kills=${2:-200}
writers=${3:-4}
case "$kills$writers" in
*[!0-9]*) echo "$usage" >&2; exit 64 ;;
esac
[ "$writers" -ge 1 ] || { echo "$usage" >&2; exit 64; }
bin=$(readlink -f "$build/intake")
[ -x "$bin" ] || { echo "kill trial: no $build/intake" >&2; exit 66; }
command -v sqlite3 >/dev/null || { echo "kill trial: needs sqlite3" >&2; exit 69; }

work=$(mktemp -d)
writer_pids=
cleanup() {
	touch "$work/stop"
	for p in $writer_pids; do
		kill "$p" 2>/dev/null
	done
	wait
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$work" || exit 70
unset INTAKE_CONFIG INTAKE_TODAY
export INTAKE_STAFF=trial
db=$work/trial.db
intake() { "$bin" -d "$db" "$@"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
failed() {
	echo "kill trial: FAILED: $*" >&2
	exit 1
}

intake init >/dev/null 2>init.err || { cat init.err >&2; failed "intake init"; }

# writer W: loop until ./stop exists.  Files of writer W:
#   pid.W       the intake process running now
#   receipts.W  receipts printed by adds that exited 0
#   outcomes.W  receipts of outcomes printed by outcomes that exited 0
#   killed.W    "add" or "outcome" for each process that died of SIGKILL
#   failures.W  any other exit, with its stderr
writer() {
	w=$1
	i=0
	last=
	while [ ! -e stop ]; do
		i=$((i + 1))
		if [ -n "$last" ] && [ $((i % 3)) = 0 ]; then
			kind=outcome
			"$bin" -d "$db" --lang en outcome "$last" consulted \
				--date 2026-06-02 >"out.$w" 2>"err.$w" &
		else
			kind=add
			"$bin" -d "$db" add kigyo_shien name="起業 太郎$w-$i" \
				name_kana=キギョウタロウ birth_date=1985-06-01 \
				postal_code=0300801 address=青森市 \
				phone=0177341111 stage=preparing \
				opening_on=2026-10-01 legal_form=sole \
				business_field=飲食 eligible_expenses=3000000 \
				relocated=yes received_on=2026-06-01 \
				>"out.$w" 2>"err.$w" &
		fi
		echo $! >"pid.$w"
		wait $!
		status=$?
		case $status.$kind in
		0.add)
			read -r printed <"out.$w"
			case $printed in
			KGY-2026-[0-9][0-9][0-9][0-9][0-9][0-9])
				echo "$printed" >>"receipts.$w"
				last=$printed
				;;
			*)
				echo "add printed '$printed'" >>"failures.$w"
				;;
			esac
			;;
		0.outcome)
			if grep -q "^$last: recorded .* on 2026-06-02\$" \
				"out.$w"; then
				echo "$last" >>"outcomes.$w"
			else
				echo "outcome on $last printed:" >>"failures.$w"
				cat "out.$w" >>"failures.$w"
			fi
			;;
		137.*)
			echo "$kind" >>"killed.$w"
			;;
		*)
			echo "$kind exited $status:" >>"failures.$w"
			cat "err.$w" >>"failures.$w"
			;;
		esac
	done
}

# wait_write_lock PID: poll /proc/locks without forking until PID holds
# the WAL write lock, an exclusive POSIX lock on byte 120 of
# trial.db-shm, so it is inside a write transaction (0); or until it is
# gone or 20000 polls (~0.1 s) passed (1).
wait_write_lock() {
	awk -v pid="$1" 'BEGIN {
		locks = "/proc/locks"
		stat = "/proc/" pid "/stat"
		for (i = 0; i < 20000; i++) {
			while ((getline line < locks) > 0)
				if (line ~ /POSIX +ADVISORY +WRITE / &&
				    line !~ /->/ &&
				    line ~ (" " pid " [^ ]+ 120 120$")) {
					close(locks)
					exit 0
				}
			close(locks)
			if ((getline line < stat) <= 0 || line ~ /\) Z /)
				exit 1
			close(stat)
		}
		exit 1
	}' 2>/dev/null
}

# live_intake PID: a running (not zombie) process of the intake binary,
# not the writer's shell before it executed intake.
live_intake() {
	{ read -r _ _ state _ <"/proc/$1/stat"; } 2>/dev/null || return 1
	[ "$state" != Z ] || return 1
	[ "$(readlink "/proc/$1/exe" 2>/dev/null)" = "$bin" ]
}

confirmed_kills() {
	cat killed.* 2>/dev/null | wc -l | tr -d ' '
}

start=$(now_ms)
w=1
while [ $w -le "$writers" ]; do
	writer $w 2>"shell.$w" &
	writer_pids="$writer_pids $!"
	w=$((w + 1))
done

# The killer: lines of "writer sleep-seconds mode" from awk, as many as
# needed.  Mode 1 waits (a few ms) for the victim to hold the write
# lock; mode 0 kills it wherever it is.
sent=0
in_write=0
seed=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
while :; do
	awk -v seed="$seed" -v w="$writers" 'BEGIN {
		srand(seed)
		for (i = 0; i < 1000; i++)
			printf "%d %.3f %d\n", 1 + int(rand() * w),
			       rand() * 0.02, rand() < 0.5
	}' >plan
	seed=$((seed + 1))
	while read -r victim pause mode; do
		set -- failures.*
		[ -e "$1" ] && break 2 # reported below
		[ "$sent" -ge "$kills" ] &&
			[ "$(confirmed_kills)" -ge "$kills" ] && break 2
		sleep "$pause"
		{ read -r pid <"pid.$victim"; } 2>/dev/null || continue
		case $pid in '' | *[!0-9]*) continue ;; esac
		live_intake "$pid" || continue
		locked=0
		if [ "$mode" = 1 ]; then
			wait_write_lock "$pid" && locked=1
		fi
		kill -9 "$pid" 2>/dev/null || continue
		sent=$((sent + 1))
		in_write=$((in_write + locked))
	done <plan
done
touch stop
wait
writer_pids=
elapsed=$(($(now_ms) - start))

# What the writers saw.
cat receipts.* 2>/dev/null | sort >printed
cat outcomes.* 2>/dev/null | sort >printed-outcomes
killed=$(confirmed_kills)
killed_adds=$(cat killed.* 2>/dev/null | grep -c '^add$')
killed_outcomes=$((killed - killed_adds))
printed_n=$(wc -l <printed | tr -d ' ')
printed_outcomes_n=$(wc -l <printed-outcomes | tr -d ' ')
echo "kill trial: $writers writers, $sent kills sent, $killed died of" \
	"SIGKILL ($killed_adds adds, $killed_outcomes outcomes)," \
	"$in_write seen holding the write lock, $elapsed ms"
# The writers' shells say "Killed" for each SIGKILL; nothing else.
grep -v '^Killed$' shell.* >>failures.0
if [ -n "$(cat failures.* 2>/dev/null)" ]; then
	cat failures.* >&2
	failed "some intake processes failed without being killed"
fi

# The database.
q() { sqlite3 "$db" "$1"; }
integrity=$(q 'PRAGMA integrity_check')
[ "$integrity" = ok ] || failed "PRAGMA integrity_check: $integrity"
fk=$(q 'PRAGMA foreign_key_check' | head -5)
[ -z "$fk" ] || failed "PRAGMA foreign_key_check: $fk"

applications=$(q 'SELECT count(*) FROM applications')
outcomes=$(q 'SELECT count(*) FROM outcomes')
dup=$(q 'SELECT receipt FROM applications GROUP BY receipt
	HAVING count(*) > 1 LIMIT 5')
[ -z "$dup" ] || failed "receipts stored twice: $dup"
dup=$(uniq -d printed | head -5)
[ -z "$dup" ] || failed "receipts printed twice: $dup"

# Gap-free: per prefix and fiscal year, the numbers are 1..N, and the
# sequence table's last number is N (else the next add leaves a gap).
gaps=$(q "SELECT substr(receipt, 1, length(receipt) - 7) AS series,
		count(*), min(CAST(substr(receipt, -6) AS INTEGER)),
		max(CAST(substr(receipt, -6) AS INTEGER))
	FROM applications GROUP BY series
	HAVING min(CAST(substr(receipt, -6) AS INTEGER)) != 1
	    OR max(CAST(substr(receipt, -6) AS INTEGER)) != count(*)")
[ -z "$gaps" ] || failed "receipt numbers with gaps (series|count|min|max): $gaps"
sequence=$(q "SELECT s.programme, s.fiscal_year, s.last, count(a.id)
	FROM receipt_sequences s LEFT JOIN applications a
	  ON a.programme = s.programme
	 AND a.receipt LIKE '%-' || s.fiscal_year || '-%'
	GROUP BY s.programme, s.fiscal_year HAVING s.last != count(a.id)")
[ -z "$sequence" ] || failed "receipt_sequences.last differs from the stored count (programme|fy|last|count): $sequence"

# Every printed receipt is stored; at most the killed adds are stored
# without having been printed (killed after the commit).
q 'SELECT receipt FROM applications ORDER BY receipt' >stored
lost=$(comm -23 printed stored | head -5)
[ -z "$lost" ] || failed "printed receipts not stored: $lost"
unprinted=$((applications - printed_n))
[ "$unprinted" -le "$killed_adds" ] ||
	failed "$unprinted applications stored but not printed, only $killed_adds adds killed"
late_adds=$unprinted

# Every printed outcome is stored, per receipt.
q "SELECT a.receipt, count(*) FROM outcomes o
	JOIN applications a ON a.id = o.application_id
	WHERE o.code = 'consulted' AND o.occurred_on = '2026-06-02'
	GROUP BY a.receipt ORDER BY a.receipt" | tr '|' ' ' >stored-outcomes
lost=$(uniq -c printed-outcomes | awk '
	NR == FNR { stored[$1] = $2; next }
	stored[$2] < $1 { print $2 " printed " $1 " stored " stored[$2] + 0 }
' stored-outcomes - | head -5)
[ -z "$lost" ] || failed "printed outcomes not stored: $lost"
unprinted=$((outcomes - printed_outcomes_n))
[ "$unprinted" -le "$killed_outcomes" ] ||
	failed "$unprinted outcomes stored but not printed, only $killed_outcomes outcomes killed"
echo "kill trial: killed after their commit (stored, not printed):" \
	"$late_adds adds, $unprinted outcomes"

# Nothing stored half: each application has all its answers and its
# audit row, its status follows its outcomes, each outcome has its
# audit row.
half=$(q "SELECT a.receipt FROM applications a
	WHERE (SELECT count(*) FROM answers WHERE application_id = a.id) !=
	      (SELECT max(n) FROM (SELECT count(*) AS n FROM answers
	       GROUP BY application_id))
	   OR (SELECT count(*) FROM audit WHERE application_id = a.id
	       AND action = 'add') != 1
	   OR (SELECT count(*) FROM audit WHERE application_id = a.id
	       AND action = 'outcome') !=
	      (SELECT count(*) FROM outcomes WHERE application_id = a.id)
	   OR a.status != CASE WHEN EXISTS (SELECT 1 FROM outcomes
	       WHERE application_id = a.id) THEN 'consulted'
	       ELSE 'received' END
	LIMIT 5")
[ -z "$half" ] || failed "applications stored in part (answers, audit or status): $half"
drafts=$(q 'SELECT count(*) FROM drafts')
[ "$drafts" = 0 ] || failed "$drafts drafts left by adds"

intake tally --verify >tally.out 2>&1 ||
	{ cat tally.out >&2; failed "intake tally --verify exited non-zero"; }

# intake verify: integrity, counts and the audit hash chain.
intake verify >verify.out 2>&1 ||
	{ cat verify.out >&2; failed "intake verify exited non-zero"; }

echo "kill trial: $killed kills, $applications applications, $outcomes outcomes, all checks passed"
