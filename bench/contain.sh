#!/bin/sh
# Benchmark: the cost of a contained plugin call, as intake serve makes
# them.  Usage: sh bench/contain.sh BUILD_DIR [CHECKS]  (after make)
set -eu
build=$(cd "${1:-build}" && pwd)
n=${2:-2000}
source=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$source"
includes=$(for d in core/*/; do printf ' -I%s' "${d%/}"; done)
objects=$(ls "$build"/core/*/*.o | grep -v '/cli/main\.o$')
${CC:-cc} -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -O2 \
	-Iinclude $includes -o "$work/contain" bench/contain.c $objects \
	$(pkg-config --libs sqlite3 libutf8proc libedit libsodium \
		libmicrohttpd) -liniparser -ldl
"$work/contain" "$build/plugins" "$source/forms" "$n"
