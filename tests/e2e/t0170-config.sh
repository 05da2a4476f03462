# intake.ini: found by -c, $INTAKE_CONFIG, ./intake.ini; errors exit 78.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
cp intake.ini good.ini

bad() { # bad TEXT-TO-APPEND EXPECTED-IN-MESSAGE
	cp good.ini bad.ini
	printf '%s\n' "$1" >>bad.ini
	run 78 "$INTAKE_BIN" -c bad.ini programs
	err_has "bad.ini"
	err_has "$2"
}
bad "[colours]" "colours"
bad "colour = blue" "colour"
bad "[targets]
every_callback.started.2026 = lots" "lots"
bad "[targets]
every_callback.started = 3" "every_callback.started"
cp good.ini bad.ini
sed -i 's/language = en/language = fr/' bad.ini
run 78 "$INTAKE_BIN" -c bad.ini programs
err_has "fr"

run 78 "$INTAKE_BIN" -c missing.ini programs
err_has "missing.ini"

# Relative paths are relative to the file, wherever intake runs from.
mkdir elsewhere && cd elsewhere
run 0 "$INTAKE_BIN" -c ../good.ini programs --format csv
out_has every_callback
# -c wins over $INTAKE_CONFIG, which wins over ./intake.ini.
printf '[intake]\nplugin_dir = nowhere\n' >intake.ini
export INTAKE_CONFIG=../good.ini
run 0 "$INTAKE_BIN" programs --format csv
out_has every_callback
unset INTAKE_CONFIG
run 78 "$INTAKE_BIN" programs
err_has "nowhere"
run 0 "$INTAKE_BIN" -c ../good.ini programs --format csv
