#!/bin/sh
# Load benchmark of intake serve: N (50) concurrent simulated counters,
# each logging in once, then entering one case by autosave, review and
# confirm; the CLI add of the same cases as the reference.
# Usage: sh bench/serve-load.sh BUILD_DIR [SESSIONS] [MORE OPTIONS]
# (bench/serve-load.py --help lists them).  Exits 1 on any error or
# when the cases stored differ from the cases confirmed.
set -eu
build=$(cd "${1:-build}" && pwd)
sessions=${2:-50}
[ $# -gt 2 ] && shift 2 || set --
exec /usr/bin/python3 "$(dirname "$0")/serve-load.py" "$build" \
	--sessions "$sessions" "$@"
