# intake init: creates the database (0600) and intake.ini; others need it.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
needs_sqlite "the database file: its mode 0600, the WAL journal"
make_plugin_dir every_callback

run 66 intake list
err_has "intake init"

run 0 intake init
[ -f intake.db ] || fail "no database file"
same 600 "$(stat -c %a intake.db)" "database mode"
same 0 "$(sql 'select count(*) from applications')" "applications"
same wal "$(sql 'pragma journal_mode')" "journal mode"

# Again: nothing lost, nothing recreated.
run 0 intake add every_callback name=A birth_date=1990-01-01 kind=person \
	amount=1 topics=work consent=yes
run 0 intake init
same 1 "$(sql 'select count(*) from applications')" "applications kept"

# Without a configuration, init writes a commented intake.ini.
unset INTAKE_CONFIG
mkdir fresh && cd fresh
run 0 "$INTAKE_BIN" -d fresh.db init
[ -f intake.ini ] || fail "no intake.ini written"
run 0 "$INTAKE_BIN" -d fresh.db programs --format csv
out_has "uij_turn" # the built-in defaults find the source tree's plugins
