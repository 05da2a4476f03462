# Writers add and record outcomes while intake processes are killed
# with SIGKILL: nothing printed is lost, no gaps, the database is whole.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
needs_sqlite "bench/kill-trial.sh writes SQLite files of its own"
run 0 sh "$INTAKE_SOURCE/bench/kill-trial.sh" "$INTAKE_BUILD" 40 4
out_has "all checks passed"
echo "$TEST_NAME: $(tail -n 1 "$SCRATCH/out")"
