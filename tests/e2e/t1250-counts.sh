# The counts tally reads (outcome_counts) kept by outcomes and voids:
# random outcomes (repeats, once-only, amounts) and voids over two
# fiscal years through the real binary, then every month and both
# years of `tally --format json` against a GROUP BY over the outcomes
# in sqlite3; `tally --verify` clean, then a corrupted column named.
# COUNTS_SEED=N repeats a run (the seed is printed on failure).
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2027-03-31
seed=${COUNTS_SEED:-1250}
use_programmes
run 0 intake init

# A uij_turn case that may apply for the grant from 2025-04-01.
uij() {
	run 0 intake add uij_turn name="$1" name_kana=ハチノヘジロウ \
		birth_date=1988-08-08 postal_code=031-8686 \
		address=八戸市内丸1-1-1 phone=0178-43-2111 moved_from=14 \
		received_on=2025-04-01 moved_in_on=2025-01-01 \
		household=single children_under_18=0 grant_requested=yes \
		tokyo23_years=10 tokyo23_last_year=yes job_listed=yes \
		job_open_ended=yes job_hours=38 job_started_on=2024-12-01
}
for name in 八戸一郎 八戸二郎 八戸三郎 八戸四郎 八戸五郎 八戸六郎; do
	uij "$name"
done

# The operations, drawn from the seed: CASE KIND DATE AMOUNT PICK.
awk -v seed="$seed" 'BEGIN {
	srand(seed)
	split("consulted consulted consulted consulted referred " \
	      "grant_applied grant_decided void void void", kinds, " ")
	for (i = 0; i < 160; i++) {
		m = int(rand() * 24); if (rand() < 0.4) m = int(rand() * 3) * 9
		y = 2025 + int((m + 3) / 12); mon = (m + 3) % 12 + 1
		printf "%d %s %04d-%02d-%02d %d %d\n", 1 + int(rand() * 6),
			kinds[1 + int(rand() * 10)], y, mon,
			1 + int(rand() * 28), 1000 * (1 + int(rand() * 600)),
			int(rand() * 1000)
	}
}' >ops.txt

while read -r i kind date amount pick; do
	receipt=$(printf 'UIJ-2025-%06d' "$i")
	case $kind in
	void)
		live=$(sql "select count(*) from outcomes where voided_at is null")
		[ "$live" -gt 0 ] || continue
		set -- $(sql "select a.receipt || ' ' || o.id from outcomes o join
			applications a on a.id = o.application_id
			where o.voided_at is null order by o.id
			limit 1 offset $((pick % live))")
		run 0 intake outcome "$1" --void "$2" --reason "seed $seed"
		;;
	grant_decided)
		intake outcome "$receipt" grant_decided --date "$date" \
			--amount "$amount" >out 2>err
		[ $? -le 65 ] || fail "seed $seed: outcome $kind on $date"
		;;
	*)
		intake outcome "$receipt" "$kind" --date "$date" >out 2>err
		[ $? -le 65 ] || fail "seed $seed: outcome $kind on $date"
		;;
	esac
done <ops.txt

# The data set has what the counts must get right.
voided=$(sql "select count(*) from outcomes where voided_at is not null")
[ "$voided" -ge 10 ] || fail "seed $seed: only $voided voids"
repeats=$(sql "select count(*) from (select 1 from outcomes
	where voided_at is null group by application_id, code,
	substr(occurred_on, 1, 7) having count(*) > 1) as repeated")
[ "$repeats" -ge 3 ] || fail "seed $seed: only $repeats repeats in a month"
amounts=$(sql "select count(*) from outcomes where amount is not null
	and voided_at is null")
[ "$amounts" -ge 1 ] || fail "seed $seed: no amount"

# tally's JSON rows with events: programme code events applications
# amount [fiscal_year_to_date].
json_rows() {
	python3 -c '
import json, sys
for r in json.load(open(sys.argv[1])):
    if r["events"]:
        extra = [r["fiscal_year_to_date"]] if "fiscal_year_to_date" in r else []
        print(*([r["programme"], r["outcome"], r["events"],
                r["applications"], r["amount"] or 0] + extra))
' "$SCRATCH/out" | sort
}

# The same from the outcomes: live ones of days [from, to).
group_by() {
	sql "select o.programme, o.code, count(*),
		count(distinct o.application_id), coalesce(sum(o.amount), 0)
		${3:-} from outcomes o where o.voided_at is null
		and o.occurred_on >= '$1' and o.occurred_on < '$2'
		group by o.programme, o.code" | tr '|' ' ' | sort
}

compare() { # compare WHAT EXPECTED
	[ "$(json_rows)" = "$2" ] && return
	json_rows >got.txt
	echo "$2" >want.txt
	diff want.txt got.txt >&2
	fail "seed $seed (COUNTS_SEED=$seed to repeat): tally $1 differs"
}

for fy in 2025 2026; do
	run 0 intake tally --fy "$fy" --format json
	compare "--fy $fy" "$(group_by "$fy-04-01" "$((fy + 1))-04-01")"
	m=0
	while [ $m -lt 12 ]; do
		y=$((fy + (m + 3) / 12)) mon=$(((m + 3) % 12 + 1))
		month=$(printf '%04d-%02d' $y $mon)
		next=$(printf '%04d-%02d' $((y + mon / 12)) $((mon % 12 + 1)))
		run 0 intake tally --month "$month" --format json
		compare "--month $month" "$(group_by "$month-01" "$next-01" \
			", (select count(*) from outcomes x
			where x.programme = o.programme and x.code = o.code
			and x.voided_at is null
			and x.occurred_on >= '$fy-04-01'
			and x.occurred_on < '$next-01')")"
		m=$((m + 1))
	done
done

run 0 intake tally --verify
out_has "counts match the recorded outcomes"

# A column set wrong is named with its row, stored and recomputed.
row=$(sql "select month || ' ' || code || ' ' || first_people
	from outcome_counts where first_people > 0 order by month limit 1")
set -- $row
sql "update outcome_counts set first_people = first_people + 7
	where month = '$1' and code = '$2'"
run 65 intake tally --verify
err_has "count differs: uij_turn $1 $2, first_people: stored $(($3 + 7)), recomputed $3"
err_has "1 counts differ from the outcomes"
sql "update outcome_counts set first_people = $3, amount = amount + 1
	where month = '$1' and code = '$2'"
run 65 intake tally --verify
err_has "uij_turn $1 $2, amount: stored"
# A row missing altogether: each of its columns.
sql "delete from outcome_counts where month = '$1' and code = '$2'"
run 65 intake --lang ja tally --verify
err_has "集計の不一致: uij_turn $1 $2 の count: 保存値 0, 再計算"
err_has "の people: 保存値 0"
