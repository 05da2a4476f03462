# intake serve: the time limit of a plugin callback (INTAKE_PLUGIN_SECONDS)
# is checked before serving, and the faulty test plugins (crash and loop
# in validate) load, so that a server test can drive them.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir crash_validate loop_validate
run 0 intake init

for bad in 0 61 -1 abc 1.5 ""; do
	INTAKE_PLUGIN_SECONDS=$bad run 64 intake serve
	err_has "intake: INTAKE_PLUGIN_SECONDS '$bad' is not valid (whole seconds, 1 to 60)"
done
INTAKE_PLUGIN_SECONDS=abc run 64 intake --lang ja serve
err_has "INTAKE_PLUGIN_SECONDS 'abc' が正しくありません (1〜60 の秒数)"

export INTAKE_PLUGIN_SECONDS=1
serve_start
kill $server
wait $server || fail "the server did not stop cleanly"
