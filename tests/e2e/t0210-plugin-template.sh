#!/bin/sh
# The template, as a programme owner uses it: install intake, build the
# template out of the source tree with pkg-config only, check it clean.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form

PREFIX="$SCRATCH/prefix"
# The .pc file bakes in PREFIX but depends only on the Makefile: drop a
# copy left by an install to another prefix.
rm -f "$INTAKE_BUILD/intake-plugin.pc"
run 0 make -s -C "$INTAKE_SOURCE" BUILD="$INTAKE_BUILD" install \
	PREFIX="$PREFIX"
[ -x "$PREFIX/bin/intake" ] || fail "make install: no $PREFIX/bin/intake"
[ -f "$PREFIX/include/intake/plugin.h" ] || fail "make install: no header"
[ -f "$PREFIX/share/man/man1/intake.1" ] || fail "make install: no intake.1"
[ -f "$PREFIX/share/man/man5/intake-form.5" ] ||
	fail "make install: no intake-form.5"

# The programme owner's copy, away from the source tree.
mkdir owner
cp "$INTAKE_SOURCE/plugins/template/template.c" owner/myprog.c
cp "$INTAKE_SOURCE/plugins/template/template.ini" owner/myprog.ini
cd owner || exit 1
run 0 env PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig" \
	pkg-config --cflags intake-plugin
cflags=$(cat "$SCRATCH/out")
case "$cflags" in
*"$INTAKE_SOURCE"*) fail "pkg-config points into the source tree: $cflags" ;;
*"-I$PREFIX/include"*) ;;
*) fail "pkg-config --cflags lacks -I$PREFIX/include: $cflags" ;;
esac
# shellcheck disable=SC2086 # cflags is a list of flags
run 0 ${CC:-cc} $cflags -std=c11 -Wall -Wextra -Wpedantic -Werror \
	-shared -o myprog.so myprog.c
chmod 755 myprog.so
if command -v nm >/dev/null; then
	symbols=$(nm -D --defined-only myprog.so | awk '{ print $3 }')
	same intake_plugin_descriptor "$symbols" "exported symbols"
fi
cd "$SCRATCH" || exit 1

# Checked clean with the installed intake and the template's form.
make_plugin_dir
cp owner/myprog.ini forms/template.ini
run 0 "$PREFIX/bin/intake" -d "$DB" plugin check \
	owner/myprog.so
out_has "programme id: template"
out_has "receipt prefix: TPL"
out_has "callbacks: validate derive"
out_lacks "callbacks: init"
out_lacks "check_outcome"
out_has "fields read: received_on birth_date household grant_requested grant_amount"
out_has "  consulted  every  相談 / consultation"
out_has "  employed  once  就職 / employed"
out_has "  employed needs consulted on or before its date  rule template_employed_after_consulted"
out_has "owner/myprog.so: ok"

# And it loads as a programme among others.
cp owner/myprog.so plugins/
run 0 "$PREFIX/bin/intake" -d "$DB" programs
out_has template

# The template's rules work as its comments say.
export INTAKE_TODAY=2026-05-01
run 0 intake init
# The shared person fields every form carries, for same-person matching.
person="name_kana=アオモリタロウ postal_code=030-8570 address=青森市長島1-1-1
	phone=017-722-1111"
# shellcheck disable=SC2086 # person is a list of FIELD=VALUE words
run 65 intake add template name=A $person birth_date=2010-01-01 \
	household=single grant_requested=no
err_has "rule min_age"
# shellcheck disable=SC2086
run 0 intake add template name=B $person birth_date=1990-01-01 \
	household=household grant_requested=yes bank_branch=本店
r=$(head -1 "$SCRATCH/out")
same TPL-2026-000001 "$r" "receipt"
run 0 intake show "$r" --format json
out_has '"grant_amount": 1000000'
export INTAKE_TODAY=2026-05-03 # outcome dates are not after today
run 65 intake outcome "$r" employed --date 2026-05-02
err_has "template_employed_after_consulted"
run 0 intake outcome "$r" consulted --date 2026-05-02
run 0 intake outcome "$r" employed --date 2026-05-03

# The template's own test, as a programme owner runs it against the
# installed intake (plugin new writes it next to a new plugin).
run 0 env PATH="$PREFIX/bin:$PATH" sh "$INTAKE_SOURCE/plugins/template/test.sh" \
	owner/myprog.so owner/myprog.ini
out_has "ok template"
