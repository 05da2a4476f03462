# Sourced by import.sh and import-floor.sh after they set build, n,
# runs, source and bench (their name): checks N and RUNS, makes a
# scratch directory (removed at exit) holding the test programme
# every_callback, intake.ini (INTAKE_CONFIG) and rows.csv, N rows of it
# (bench/import-rows.sh), and works there.
case $n$runs in
'' | *[!0-9]*) echo "$bench: N and RUNS must be numbers" >&2; exit 64 ;;
esac
plugin=$build/tests/plugins/every_callback.so
[ -f "$plugin" ] || { echo "$bench: no $plugin (make test-unit)" >&2
	exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
mkdir plugins forms
chmod 755 . plugins forms
cp "$plugin" plugins/ && chmod 755 plugins/every_callback.so
cp "$source/tests/fixtures/every_callback.ini" forms/
cat >intake.ini <<INI
[intake]
database = intake.db
plugin_dir = plugins
form_dir = forms
language = en
staff = bench
INI
export INTAKE_CONFIG="$work/intake.ini"
sh "$source/bench/import-rows.sh" "$n" >rows.csv
