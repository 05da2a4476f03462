#!/bin/sh
# intake plugin new: a plugin, form and test that build and pass at once,
# alone (test.sh next to the plugin) and in a source tree (an e2e test);
# and every refusal, with nothing written.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en

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
run 0 intake plugin new shk --title 奨学金返還支援 --prefix SHK \
	--title-en 'Scholarship "repayment" support?' --dir alone
out_has "wrote alone/plugins/shk/shk.c"
out_has "wrote alone/forms/shk.ini"
out_has "wrote alone/plugins/shk/test.sh"
out_has "next: cc \$(pkg-config --cflags intake-plugin) -shared -o shk.so"
[ -f alone/plugins/shk/shk.c ] && [ -f alone/forms/shk.ini ] &&
	[ -f alone/plugins/shk/test.sh ] || fail "files missing"
grep -qF '.title_en = "Scholarship \"repayment\" support\?",' \
	alone/plugins/shk/shk.c || fail "English title not C-escaped"
# (the first lines say where the files came from)
for f in alone/plugins/shk/shk.c alone/forms/shk.ini alone/plugins/shk/test.sh
do
	tail -n +2 "$f" | grep -n template && fail "the word template is in $f"
done
grep -q TPL alone/plugins/shk/shk.c && fail "the prefix TPL is left"
build alone/plugins/shk/shk.c alone/shk.so
mkdir check && chmod 755 check && cp alone/shk.so check/ &&
	chmod 755 check/shk.so
cat >check.ini <<INI
[intake]
plugin_dir = $INTAKE_BUILD/plugins
form_dir = $SCRATCH/alone/forms
language = en
INI
run 0 intake -c check.ini plugin check check/shk.so
out_has "programme id: shk"
out_has "title (ja): 奨学金返還支援"
out_has "receipt prefix: SHK"
out_has "check/shk.so: ok"
run 0 env INTAKE="$INTAKE_BIN" sh alone/plugins/shk/test.sh alone/shk.so
out_has "ok shk"
run 0 intake plugin check --form alone/forms/shk.ini
out_has "form id: shk"
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
run 0 intake plugin new shk --title 奨学金返還支援 --prefix SHK --dir tree
out_has "wrote tree/tests/e2e/t3300-shk.sh"
out_has "next: make && build/intake plugin check build/plugins/shk.so"
[ -f tree/plugins/shk/test.sh ] && fail "test.sh written in a source tree"
grep -qF '.title_en = "奨学金返還支援",' tree/plugins/shk/shk.c ||
	fail "--title-en does not default to --title"
# Run it as make test-e2e would, on a build holding the new plugin.
mkdir -p fakebuild/plugins
chmod 755 fakebuild fakebuild/plugins
ln -s "$INTAKE_BIN" fakebuild/intake
build tree/plugins/shk/shk.c fakebuild/plugins/shk.so
INTAKE_BUILD="$SCRATCH/fakebuild" INTAKE_SOURCE="$SCRATCH/tree" \
	sh tree/tests/e2e/t3300-shk.sh >e2e.log 2>&1 ||
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
refused 64 Shk --title t --prefix SHK
err_has "programme id 'Shk' is not valid"
refused 64 1shk --title t --prefix SHK
refused 64 sh-k --title t --prefix SHK
refused 64 abcdefghijklmnopqrstuvwxyz0123456 --title t --prefix SHK
refused 64 shk --title t --prefix S
err_has "receipt prefix 'S' is not valid"
refused 64 shk --title t --prefix ABCDEFGHI
refused 64 shk --title t --prefix shk
refused 64 shk --title "$(printf 'a\033[31mb')" --prefix SHK
err_has "--title 'a<U+001B>[31mb' is not valid"
refused 64 shk --title "$(printf 'a\342\200\256b')" --prefix SHK
err_has "U+202E"
refused 64 shk --title "$(printf 'two\nlines')" --prefix SHK
refused 64 shk --title '' --prefix SHK
err_has "it is empty"
refused 64 shk --title t --title-en "$(printf 'x\ty')" --prefix SHK
err_has "--title-en"
refused 64 shk --title "$(printf '%0101d' 0)" --prefix SHK
err_has "at most 100 characters"
refused 64 shk --prefix SHK
err_has "--title"
refused 64 shk --title t
err_has "--prefix"
refused 73 uij_turn --title t --prefix SHK
err_has "programme id 'uij_turn' is already used by a loaded programme"
refused 65 shk --title t --prefix UIJ
err_has "receipt prefix 'UIJ' is already used by programme uij_turn"
run 73 intake plugin new shk --title t --prefix SHK --dir nowhere
err_has "nowhere: not a directory"
[ -e nowhere ] && fail "nowhere was created"

# An existing file or folder: refused, nothing changed or added.
before=$(find alone -type f -exec cksum {} + | sort)
run 73 intake plugin new shk --title t --prefix SHK --dir alone
err_has "alone/plugins/shk already exists"
err_has "alone/forms/shk.ini already exists"
same "$before" "$(find alone -type f -exec cksum {} + | sort)" "alone/"
mkdir -p part/forms
echo keep >part/forms/shk.ini
run 73 intake plugin new shk --title t --prefix SHK --dir part
err_has "part/forms/shk.ini already exists"
[ -e part/plugins ] && fail "part/plugins was created"
same keep "$(cat part/forms/shk.ini)" "part/forms/shk.ini"
mkdir -p link/forms
ln -s /nonexistent link/forms/shk.ini
run 73 intake plugin new shk --title t --prefix SHK --dir link
err_has "link/forms/shk.ini already exists"
run 73 intake plugin new shk --title t --prefix SHK --dir tree
err_has "tree/tests/e2e/t3300-shk.sh already exists"

# A file that cannot be written: what was written is removed again.
mkdir blocked
echo file >blocked/forms # forms/ cannot be made: written after plugins/
run 73 intake plugin new shk --title t --prefix SHK --dir blocked
err_has "blocked/forms: cannot write"
err_has "nothing was written"
same forms "$(ls blocked)" "blocked/ after the failure"
mkdir -p ro/forms
chmod 555 ro/forms
if [ "$(id -u)" != 0 ]; then
	run 77 intake plugin new shk --title t --prefix SHK --dir ro
	err_has "cannot write"
	[ -e ro/plugins ] && fail "ro/plugins was left behind"
fi

# Japanese messages.
run 73 intake --lang ja plugin new shk --title t --prefix SHK --dir alone
err_has "上書きはしません"
run 64 intake plugin frob
err_has "plugin new"
exit 0
