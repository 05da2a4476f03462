#!/bin/sh
# The manual pages: well-formed, rendered without a warning, and naming
# every command of core/cli/main.c and every field type and form key of
# core/model/form.c.  sh docs/check.sh [SOURCE_DIR]; DOCS_RENDERER=none skips
# groff and mandoc (then only the macro checks below run).
src=${1:-$(dirname "$0")/..}
page1="$src/docs/intake.1"
page5="$src/docs/intake-form.5"
status=0

problem() {
	echo "docs: $*" >&2
	status=1
}

# Macro lines: known macros only, .TH first with a title and a section,
# .SH with a heading, quotes paired, .nf closed by .fi.
check_macros() {
	awk -v page="$1" '
	function bad(what) { printf "docs: %s:%d: %s\n", page, NR, what; n++ }
	/^\.\\"/ { next }
	/^[.\x27]/ {
		split($0, word, /[ \t]+/)
		m = substr(word[1], 2)
		known = "^(TH|SH|SS|TP|PP|B|I|BI|BR|IB|IR|RB|RI|nf|fi|br)$"
		if (m !~ known)
			bad("unknown macro " word[1])
		if (!seen_th && m != "TH")
			bad("the first macro must be .TH")
		if (m == "TH") {
			seen_th = 1
			if (NF < 3) bad(".TH needs a title and a section")
		}
		if (m == "SH" && NF < 2) bad(".SH needs a heading")
		line = $0
		gsub(/\\"/, "", line)
		if (gsub(/"/, "", line) % 2) bad("unpaired quote")
		if (m == "nf") { if (nofill) bad(".nf inside .nf"); nofill = 1 }
		if (m == "fi") { if (!nofill) bad(".fi without .nf"); nofill = 0 }
	}
	END {
		if (!seen_th) bad("no .TH")
		if (nofill) bad(".nf never closed")
		exit n > 0
	}' "$1" >&2 || status=1
}

# Render with groff or mandoc when there: no warning at all.
render() {
	case ${DOCS_RENDERER:-} in none) return ;; esac
	if command -v groff >/dev/null 2>&1; then
		out=$(groff -man -Tutf8 -k -ww -z "$1" 2>&1)
	elif command -v mandoc >/dev/null 2>&1; then
		out=$(mandoc -T lint -W warning "$1" 2>&1)
	else
		return
	fi
	[ -z "$out" ] || problem "$1 renders with warnings: $out"
}

# The quoted strings of the array in FILE whose line matches START.
array_strings() {
	awk -v start="$2" '
	$0 ~ start { inside = 1 }
	inside {
		line = $0
		while (match(line, /"[^"]*"/)) {
			print substr(line, RSTART + 1, RLENGTH - 2)
			line = substr(line, RSTART + RLENGTH)
		}
		if ($0 ~ /};/) inside = 0
	}' "$1"
}

# Is WORD in bold on a macro line of PAGE (".B word", ".BI \"word = \"",
# "\fPword = ")?
bold() {
	grep -Eq "^\.B[IR]? (.*[\" ]|.*\\\\fP)?$1([ \"]|$)" "$2"
}

for page in "$page1" "$page5"; do
	[ -f "$page" ] || { problem "no $page"; continue; }
	check_macros "$page"
	render "$page"
done

commands=$(array_strings "$src/core/cli/main.c" 'commands\[\] = \{' |
	grep -E '^[a-z]+$')
[ -n "$commands" ] || problem "no commands found in core/cli/main.c"
for c in $commands; do
	bold "$c" "$page1" || problem "intake.1 does not describe '$c'"
done
for sub in "plugin check" "plugin new" "plugin check \\\\-\\\\-form"; do
	grep -q "^\.B[IR]* \"*$sub" "$page1" ||
		problem "intake.1 does not describe '$sub'"
done

types=$(sed -n 's/^ *\[FIELD_[A-Z_]*\] = "\([a-z_]*\)",$/\1/p' \
	"$src/core/model/form.c")
[ -n "$types" ] || problem "no field types found in core/model/form.c"
for t in $types; do
	grep -q "^\.B $t\$" "$page5" ||
		problem "intake-form.5 does not describe the type '$t'"
done

keys=$( (array_strings "$src/core/model/form.c" 'field_keys\[\] = \{'
	array_strings "$src/core/model/form.c" ' keys\[\] = \{') | sort -u)
[ -n "$keys" ] || problem "no form keys found in core/model/form.c"
for k in $keys choice.; do
	bold "$k" "$page5" ||
		problem "intake-form.5 does not describe the key '$k'"
done
for s in form rules 'field\.' 'outcome\.'; do
	grep -q "^\.SH \[$s" "$page5" ||
		problem "intake-form.5 has no section for [$s]"
done
[ "$status" = 0 ] && echo "docs: ok ($(echo $commands | wc -w) commands," \
	"$(echo $types | wc -w) types, $(echo $keys | wc -w) keys)"
exit $status
