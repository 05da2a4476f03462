# intake migrate: an office's database copied whole into an empty one
# (same cases, outcomes, notes, links, drafts, accounts, tallies; the
# audit chain row for row), run again (nothing twice), merged into a
# database of another programme (ids moved, chain continued), and
# refused before writing: receipts that would collide, another case
# under a receipt, another account of the same name, a broken chain,
# the same database twice, a missing source.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_TODAY=2026-03-31
needs_sqlite "files copied between SQLite databases; t1310 copies into PostgreSQL"
use_programmes
A="$SCRATCH/a.db"
B="$SCRATCH/b.db"
C="$SCRATCH/c.db"

# sgs NAME RECEIVED_ON [DATABASE]: a shogai_shuro case, receipt in r.
sgs() {
	run 0 "$INTAKE_BIN" -d "${3:-$A}" add shogai_shuro name="$1" \
		name_kana=ジュコウシャ birth_date=1995-01-01 \
		postal_code=0300801 address=青森市 phone=0177221111 \
		disability_kinds=intellectual handbooks=ryoiku \
		ryoiku_grade=b2 course=employed weekly_hours=30 \
		received_on="$2"
	r=$(head -1 "$SCRATCH/out")
}
# on DATABASE COMMAND…: intake on that database.
on() {
	db=$1
	shift
	"$INTAKE_BIN" -d "$db" "$@"
}
q() {
	sqlite3 "$1" "$2"
}

run 0 on "$A" init
sgs 青森一郎 2025-05-01
first=$r
sgs 青森二郎 2025-06-02
second=$r
sgs 青森三郎 2025-07-03
run 0 on "$A" outcome "$first" applied --date 2025-05-10
run 0 on "$A" outcome "$first" enrolled --date 2025-06-01
run 0 on "$A" outcome "$second" applied --date 2025-06-10
run 0 on "$A" outcome "$second" enrolled --date 2025-07-01
outcome_id=$(q "$A" "SELECT max(id) FROM outcomes")
run 0 on "$A" outcome "$second" --void "$outcome_id" --reason "入力誤り"
run 0 on "$A" note "$first" "電話で確認した"
run 0 on "$A" withdraw "$r" --reason "本人の希望"
printf 'counter-pass-1234\ncounter-pass-1234\n' >pw
run 0 sh -c "'$INTAKE_BIN' -d '$A' user add aomori --role counter <pw"
# A link and a draft as the counter leaves them (the browser makes
# links, the counter drafts; written here as they are stored).
q "$A" "INSERT INTO links (application_id, linked_id, note, staff, created_at)
	VALUES (1, 2, '同じ人', 'tester', '2025-07-04T00:00:00Z')"
q "$A" "INSERT INTO drafts (id, programme, staff, started_at, updated_at,
	last_field) VALUES (7, 'shogai_shuro', 'tester', '2026-03-30T00:00:00Z',
	'2026-03-30T00:00:00Z', 'name');
	INSERT INTO draft_answers VALUES (7, 1, 'name', '途中の人');
	UPDATE draft_ids SET last = 7"
run 0 on "$A" verify
source_head=$(sed -n 's/.*head hash: \([0-9a-f]*\).*/\1/p' "$SCRATCH/out")
[ -n "$source_head" ] || fail "no head hash from verify"

# Into an empty database: everything, the chain row for row.
run 0 intake migrate --from "$A" --to "$B"
out_has "copied from $A: 3 cases (4 outcomes, 1 notes, 1 links), 1 drafts, 1 accounts"
out_has "the audit chain was copied row for row"
out_has "both audit chains verified"
run 0 on "$B" verify
out_has "counts match"
for query in \
	"SELECT id, receipt, programme, received_on, status, created_at,
		withdrawn_at FROM applications ORDER BY id" \
	"SELECT application_id, field, value FROM answers ORDER BY rowid" \
	"SELECT id, application_id, code, occurred_on, voided_at, amount
		FROM outcomes ORDER BY id" \
	"SELECT * FROM case_notes" "SELECT * FROM links" \
	"SELECT * FROM draft_answers" "SELECT * FROM receipt_sequences" \
	"SELECT name, role, password_hash, created_at FROM accounts" \
	"SELECT * FROM outcome_counts ORDER BY 1, 2, 3" \
	"SELECT * FROM search_keys ORDER BY 1, 2, 3"; do
	same "$(q "$A" "$query")" "$(q "$B" "$query")" "$query"
done
rows=$(q "$A" "SELECT count(*) FROM audit")
same "$(q "$A" "SELECT id, hash FROM audit ORDER BY id")" \
	"$(q "$B" "SELECT id, hash FROM audit WHERE id <= $rows ORDER BY id")" \
	"the audit rows copied"
same "$source_head" "$(q "$B" "SELECT hash FROM audit WHERE id = $rows")" \
	"the source's head in the target"
same migrate "$(q "$B" "SELECT action FROM audit ORDER BY id DESC LIMIT 1")"
run 0 on "$B" verify --audit-hash "$source_head"
for db in "$A" "$B"; do
	run 0 on "$db" show "$first" --format json
	cp "$SCRATCH/out" "$SCRATCH/show.$(basename "$db")"
	run 0 on "$db" tally --fy 2025 --format csv
	cp "$SCRATCH/out" "$SCRATCH/tally.$(basename "$db")"
done
cmp -s "$SCRATCH/show.a.db" "$SCRATCH/show.b.db" || fail "show differs"
cmp -s "$SCRATCH/tally.a.db" "$SCRATCH/tally.b.db" || fail "tally differs"
run 0 on "$B" find 青森一郎
out_has "$first"
run 0 on "$B" resume
out_has 途中の人
# The numbering goes on where the source's stopped.
sgs 青森四郎 2025-08-01 "$B"
same SGS-2025-000004 "$r" "the next receipt"

# Run again: nothing twice, nothing written.
before=$(q "$B" "SELECT count(*) FROM audit")
run 0 intake migrate --from "$A" --to "$B"
out_has "everything of $A is there already: nothing written (3 cases, 1 accounts, $rows audit rows)"
same "$before" "$(q "$B" "SELECT count(*) FROM audit")" "audit rows after a second run"
same 4 "$(q "$B" "SELECT count(*) FROM applications")"

# Merged into another office's database of another programme: ids move
# past the target's, the rows chain after its own, counts follow.
run 0 on "$C" init
run 0 on "$C" add kigyo_shien name=起業一子 name_kana=キギョウイチコ \
	birth_date=1990-01-01 postal_code=0300801 address=青森市 \
	phone=0177221111 stage=idea legal_form=sole business_field=IT \
	eligible_expenses=100000 relocated=no received_on=2025-06-01
run 0 intake migrate --from "$A" --to "$C"
out_has "3 cases"
out_has "the audit rows were chained after the target's own"
run 0 on "$C" verify
out_has "counts match"
same "KGY-2025-000001 SGS-2025-000001 SGS-2025-000002 SGS-2025-000003" \
	"$(q "$C" "SELECT group_concat(receipt, ' ') FROM
		(SELECT receipt FROM applications ORDER BY receipt)")"
same 2 "$(q "$C" "SELECT id FROM applications WHERE receipt = '$first'")" \
	"the first copied case's id"
same "2|3" "$(q "$C" "SELECT application_id, linked_id FROM links")" \
	"the link between the moved ids"
run 0 on "$C" show "$first" --format json
grep -q '"withdrawn"\|applied' "$SCRATCH/out" || fail "the case lacks its outcomes"
run 0 intake migrate --from "$A" --to "$C"
out_has "nothing written"

# Refused before writing: the same programme and fiscal year in both,
# and another case under a receipt of the source.
D="$SCRATCH/d.db"
run 0 on "$D" init
sgs 別人 2025-05-01 "$D"
# made in the same second as the source's: still another case
q "$D" "UPDATE applications SET created_at =
	'$(q "$A" "SELECT created_at FROM applications WHERE id = 1")'"
d_audit=$(q "$D" "SELECT count(*) FROM audit")
run 65 intake migrate --from "$A" --to "$D"
err_has "receipt $first: the target holds another case under it"
err_has "shogai_shuro, fiscal year 2025: both hold cases"
err_has "nothing was copied"
same 1 "$(q "$D" "SELECT count(*) FROM applications")" "cases after a refusal"
same "$d_audit" "$(q "$D" "SELECT count(*) FROM audit")"

# Another account under the same name.
E="$SCRATCH/e.db"
run 0 on "$E" init
run 0 sh -c "'$INTAKE_BIN' -d '$E' user add aomori --role admin <pw"
q "$E" "UPDATE accounts SET created_at =
	'$(q "$A" "SELECT created_at FROM accounts")'"
run 65 intake migrate --from "$A" --to "$E"
err_has "account aomori: the target has another account of that name"
same 0 "$(q "$E" "SELECT count(*) FROM applications")"

# A source whose chain was tampered with.
cp "$A" "$SCRATCH/t.db"
q "$SCRATCH/t.db" "DROP TRIGGER audit_no_update;
	UPDATE audit SET staff = 'someone' WHERE id = 2"
run 65 intake migrate --from "$SCRATCH/t.db" --to "$SCRATCH/f.db"
err_has "the source: the audit chain is broken at row 2"
same 0 "$(q "$SCRATCH/f.db" "SELECT count(*) FROM applications")"

# The same database by two names, a missing source, no target.
run 64 intake migrate --from "$A" --to "$SCRATCH/./a.db"
err_has "name the same database"
run 66 intake migrate --from "$SCRATCH/none.db" --to "$SCRATCH/g.db"
[ ! -e "$SCRATCH/g.db" ] || fail "a target was made for a missing source"
run 64 intake migrate --from "$A"
err_has "usage: intake migrate --from DATABASE --to DATABASE"
