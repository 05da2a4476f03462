#!/bin/sh
# The manual pages: well-formed macros, rendered without a warning (groff
# or mandoc, when there), intake.1 naming every command of core/cli/main.c,
# intake-form.5 every field type and form key of core/model/form.c; and
# make install puts them in man1 and man5.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"

run 0 sh "$INTAKE_SOURCE/docs/check.sh" "$INTAKE_SOURCE"
out_has "docs: ok"
run 0 env DOCS_RENDERER=none sh "$INTAKE_SOURCE/docs/check.sh" \
	"$INTAKE_SOURCE"

# The check fails for a command missing from intake.1.
mkdir -p copy/docs copy/core/cli copy/core/model
cp "$INTAKE_SOURCE"/docs/* copy/docs/
sed 's/{ "restore", cmd_restore },/&\n\t{ "frobnicate", cmd_restore },/' \
	"$INTAKE_SOURCE/core/cli/main.c" >copy/core/cli/main.c
sed 's/"multiline",/"multiline", "colour",/' "$INTAKE_SOURCE/core/model/form.c" \
	>copy/core/model/form.c
run 1 env DOCS_RENDERER=none sh copy/docs/check.sh copy
err_has "intake.1 does not describe 'frobnicate'"
err_has "intake-form.5 does not describe the key 'colour'"

if command -v man >/dev/null && command -v groff >/dev/null; then
	run 0 env MANWIDTH=80 man -l "$INTAKE_SOURCE/docs/intake.1"
	out_has "plugin new ID --title TITLE --prefix PREFIX"
fi
