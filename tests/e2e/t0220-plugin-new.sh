#!/bin/sh
# intake plugin new: a plugin, form and test that build and pass at once,
# alone (test.sh next to the plugin) and in a source tree (an e2e test);
# and every refusal, with nothing written.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en # (ids and prefixes no programme will take: zzt, ZZT)

# build SOURCE OUTPUT: the plugin as the Makefile builds it.
build() {
	run 0 ${CC:-cc} -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow \
		-Wstrict-prototypes -Wmissing-prototypes -fPIC \
		-fvisibility=hidden -I"$INTAKE_SOURCE/include" -shared \
		-o "$2" "$1"
	chmod 755 "$2"
}

# Out of a source tree: the test goes next to the plugin.
mkdir alone
run 0 intake plugin new zzt --title 奨学金返還支援 --prefix ZZT \
	--title-en 'Scholarship "repayment" support?' --dir alone
out_has "wrote alone/plugins/zzt/zzt.c"
out_has "wrote alone/forms/zzt.ini"
out_has "wrote alone/plugins/zzt/test.sh"
out_has "next: cc \$(pkg-config --cflags intake-plugin) -shared -o zzt.so"
[ -f alone/plugins/zzt/zzt.c ] && [ -f alone/forms/zzt.ini ] &&
	[ -f alone/plugins/zzt/test.sh ] || fail "files missing"
grep -qF '.title_en = "Scholarship \"repayment\" support\?",' \
	alone/plugins/zzt/zzt.c || fail "English title not C-escaped"
# (the first lines say where the files came from)
for f in alone/plugins/zzt/zzt.c alone/forms/zzt.ini alone/plugins/zzt/test.sh
do
	tail -n +2 "$f" | grep -n template && fail "the word template is in $f"
done
grep -q TPL alone/plugins/zzt/zzt.c && fail "the prefix TPL is left"
build alone/plugins/zzt/zzt.c alone/zzt.so
mkdir check && chmod 755 check && cp alone/zzt.so check/ &&
	chmod 755 check/zzt.so
cat >check.ini <<INI
[intake]
plugin_dir = $INTAKE_BUILD/plugins
form_dir = $SCRATCH/alone/forms
language = en
INI
run 0 intake -c check.ini plugin check check/zzt.so
out_has "programme id: zzt"
out_has "title (ja): 奨学金返還支援"
out_has "receipt prefix: ZZT"
out_has "check/zzt.so: ok"
run 0 env INTAKE="$INTAKE_BIN" sh alone/plugins/zzt/test.sh alone/zzt.so
out_has "ok zzt"
run 0 intake plugin check --form alone/forms/zzt.ini
out_has "form id: zzt"
# The template's person fields, for same-person matching.
for field in "name  text  required pii" "name_kana  kana  required pii" \
	"birth_date  date  required pii  dates today - 120 years to today" \
	"postal_code  postal  required pii" "address  text  required pii" \
	"phone  phone  required pii"; do
	out_has "  $field"
done

# In a source tree (tests/e2e/lib.sh there): an e2e test, t3N00 free.
mkdir -p tree/tests/e2e tree/forms
cp "$INTAKE_SOURCE/tests/e2e/lib.sh" tree/tests/e2e/
touch tree/tests/e2e/t3100-a.sh tree/tests/e2e/t3200-b.sh
run 0 intake plugin new zzt --title 奨学金返還支援 --prefix ZZT --dir tree
out_has "wrote tree/tests/e2e/t3300-zzt.sh"
out_has "next: make && build/intake plugin check build/plugins/zzt.so"
[ -f tree/plugins/zzt/test.sh ] && fail "test.sh written in a source tree"
grep -qF '.title_en = "奨学金返還支援",' tree/plugins/zzt/zzt.c ||
	fail "--title-en does not default to --title"
# Run it as make test-e2e would, on a build holding the new plugin.
mkdir -p fakebuild/plugins
chmod 755 fakebuild fakebuild/plugins
ln -s "$INTAKE_BIN" fakebuild/intake
build tree/plugins/zzt/zzt.c fakebuild/plugins/zzt.so
INTAKE_BUILD="$SCRATCH/fakebuild" INTAKE_SOURCE="$SCRATCH/tree" \
	sh tree/tests/e2e/t3300-zzt.sh >e2e.log 2>&1 ||
	{ cat e2e.log >&2; fail "the generated e2e test fails"; }

# Refusals: the status, the message, and nothing written.
mkdir empty
nothing_written() {
	[ -z "$(ls -A empty)" ] || fail "'$*' wrote: $(find empty)"
}
refused() {
	want=$1
	shift
	run "$want" intake plugin new "$@" --dir empty
	err_has "nothing was written"
	nothing_written "$@"
}
refused 64 Zzt --title t --prefix ZZT
err_has "programme id 'Zzt' is not valid"
refused 64 1zzt --title t --prefix ZZT
refused 64 zz-t --title t --prefix ZZT
refused 64 abcdefghijklmnopqrstuvwxyz0123456 --title t --prefix ZZT
refused 64 zzt --title t --prefix S
err_has "receipt prefix 'S' is not valid"
refused 64 zzt --title t --prefix ABCDEFGHI
refused 64 zzt --title t --prefix zzt
refused 64 zzt --title "$(printf 'a\033[31mb')" --prefix ZZT
err_has "--title 'a<U+001B>[31mb' is not valid"
refused 64 zzt --title "$(printf 'a\342\200\256b')" --prefix ZZT
err_has "U+202E"
refused 64 zzt --title "$(printf 'two\nlines')" --prefix ZZT
refused 64 zzt --title '' --prefix ZZT
err_has "it is empty"
refused 64 zzt --title t --title-en "$(printf 'x\ty')" --prefix ZZT
err_has "--title-en"
refused 64 zzt --title "$(printf '%0101d' 0)" --prefix ZZT
err_has "at most 100 characters"
refused 64 zzt --prefix ZZT
err_has "--title"
refused 64 zzt --title t
err_has "--prefix"
refused 73 uij_turn --title t --prefix ZZT
err_has "programme id 'uij_turn' is already used by a loaded programme"
refused 65 zzt --title t --prefix UIJ
err_has "receipt prefix 'UIJ' is already used by programme uij_turn"
run 73 intake plugin new zzt --title t --prefix ZZT --dir nowhere
err_has "nowhere: not a directory"
[ -e nowhere ] && fail "nowhere was created"

# An existing file or folder: refused, nothing changed or added.
before=$(find alone -type f -exec cksum {} + | sort)
run 73 intake plugin new zzt --title t --prefix ZZT --dir alone
err_has "alone/plugins/zzt already exists"
err_has "alone/forms/zzt.ini already exists"
same "$before" "$(find alone -type f -exec cksum {} + | sort)" "alone/"
mkdir -p part/forms
echo keep >part/forms/zzt.ini
run 73 intake plugin new zzt --title t --prefix ZZT --dir part
err_has "part/forms/zzt.ini already exists"
[ -e part/plugins ] && fail "part/plugins was created"
same keep "$(cat part/forms/zzt.ini)" "part/forms/zzt.ini"
mkdir -p link/forms
ln -s /nonexistent link/forms/zzt.ini
run 73 intake plugin new zzt --title t --prefix ZZT --dir link
err_has "link/forms/zzt.ini already exists"
run 73 intake plugin new zzt --title t --prefix ZZT --dir tree
err_has "tree/tests/e2e/t3300-zzt.sh already exists"

# A file that cannot be written: what was written is removed again.
mkdir blocked
echo file >blocked/forms # forms/ cannot be made: written after plugins/
run 73 intake plugin new zzt --title t --prefix ZZT --dir blocked
err_has "blocked/forms: cannot write"
err_has "nothing was written"
same forms "$(ls blocked)" "blocked/ after the failure"
mkdir -p ro/forms
chmod 555 ro/forms
if [ "$(id -u)" != 0 ]; then
	run 77 intake plugin new zzt --title t --prefix ZZT --dir ro
	err_has "cannot write"
	[ -e ro/plugins ] && fail "ro/plugins was left behind"
fi

# Japanese messages.
run 73 intake --lang ja plugin new zzt --title t --prefix ZZT --dir alone
err_has "上書きはしません"
run 64 intake plugin frob
err_has "plugin new"
exit 0
