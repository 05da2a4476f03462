# Sourced by the bench scripts over gen-cases.sh's data, after they set
# build, n, source and bench (their name): works in a scratch directory
# (removed at exit), makes or finds the data of n applications, sets
# data, db and INTAKE_CONFIG, and defines intake (in English) and fail.
export INTAKE_TODAY=2026-11-30
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

sh "$source/bench/gen-cases.sh" "$build" "$n" >cases 2>made ||
	{ cat made >&2; exit 1; }
data=$(cat cases)
db=$data/intake.db
export INTAKE_CONFIG="$data/intake.ini"
intake() { "$build/intake" --lang en "$@"; }
fail() { echo "$bench: $*" >&2; exit 1; }
