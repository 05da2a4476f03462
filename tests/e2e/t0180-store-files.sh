# The database file: only init gives a schema; init never follows a
# symlink or takes a foreign file; versions intake never wrote refused.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
needs_sqlite "the SQLite file: empty, symlinked, foreign, its user_version"
make_plugin_dir every_callback
add() {
	intake add every_callback name="$1" birth_date=1990-01-01 kind=person \
		amount=1 topics=work consent=yes received_on=2026-06-01
}

# An empty file is not a database: every command but init says so.
: >intake.db
for cmd in list "show TST-2026-000001" "tally --fy 2026" verify; do
	run 66 intake $cmd
	err_has "is empty, not an intake database; run \`intake init\`"
done
run 66 add A
same 0 "$(stat -c %s intake.db)" "the empty file untouched"
same "" "$(sql "select name from sqlite_schema")" "no schema given by others"

# init takes an empty file of ours, and makes it 0600.
chmod 644 intake.db
run 0 intake init
same 600 "$(stat -c %a intake.db)" "mode after init"
run 0 add A

# init again: nothing lost; an intake database left 0644 is tightened.
chmod 644 intake.db
run 0 intake init
err_has "was 644; it is now 0600"
same 600 "$(stat -c %a intake.db)" "mode tightened"
same 1 "$(sql 'select count(*) from applications')" "applications kept"

# init refuses a symlink (even to a database), and a foreign file.
ln -s intake.db link.db
run 73 "$INTAKE_BIN" -d link.db init
err_has "'link.db' is a symbolic link"
ln -s nowhere.db dangling.db
run 73 "$INTAKE_BIN" -d dangling.db init
[ -e nowhere.db ] && fail "init created the symlink's target"
echo "name,amount" >notes.csv
run 73 "$INTAKE_BIN" -d notes.csv init
err_has "'notes.csv' is not an intake database"
same "name,amount" "$(cat notes.csv)" "foreign file unchanged"
sqlite3 other.db "create table t (x); insert into t values (1)"
run 73 "$INTAKE_BIN" -d other.db init
run 65 "$INTAKE_BIN" -d other.db list
err_has "'other.db' holds tables but no intake schema version"
same "" "$(sqlite3 other.db "select name from sqlite_schema where name = 'applications'")" "no schema added"

# A schema version intake never writes: refused, never a spin or crash.
for version in -1 -100000000 99; do
	cp intake.db v.db
	sqlite3 v.db "pragma user_version = $version"
	if [ "$version" = 99 ]; then want=78; else want=65; fi
	run $want "$INTAKE_BIN" -d v.db list
	run $want "$INTAKE_BIN" -d v.db add every_callback name=B \
		birth_date=1990-01-01 kind=person amount=1 topics=work \
		consent=yes received_on=2026-06-01
	same "$version" "$(sqlite3 v.db 'pragma user_version')" "version kept"
done
err_has "newer than this intake knows"
cp intake.db v.db
sqlite3 v.db "pragma user_version = -1"
run 65 "$INTAKE_BIN" -d v.db list
err_has "schema version -1, not one intake writes"
