# libmicrohttpd (serve) and libxlsxwriter (the workbooks) are loaded by
# the commands that use them, not at the start of every command; when
# one cannot be loaded, only those commands fail, naming it (exit 78).
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes en
export INTAKE_TODAY=2026-11-30
run 0 intake init
add() {
	intake add shogai_shuro name=佐藤花子 name_kana=サトウハナコ \
		birth_date=2000-10-10 postal_code=030-0801 \
		address=青森県青森市新町1-1 phone=090-1234-5678 \
		disability_kinds=developmental handbooks=none \
		course=knowledge weekly_hours=0 received_on=2026-07-01
}

# loaded LIBRARY: the last command's LD_DEBUG=libs trace (err) shows
# LIBRARY being initialised.
loaded() {
	grep -q "calling init: .*$1" "$SCRATCH/err"
}
LD_DEBUG=libs run 0 add
same SGS-2026-000001 "$(head -1 out)" "receipt"
loaded libsqlite3 || fail "the trace shows no library at all"
loaded libmicrohttpd && fail "add loaded libmicrohttpd"
loaded libxlsxwriter && fail "add loaded libxlsxwriter"
LD_DEBUG=libs run 0 intake export shogai_shuro --xlsx cases.xlsx
loaded libxlsxwriter || fail "export --xlsx did not load libxlsxwriter"
loaded libmicrohttpd && fail "export --xlsx loaded libmicrohttpd"
[ "$(head -c 2 cases.xlsx)" = PK ] || fail "cases.xlsx is not a workbook"
LD_DEBUG=libs run 64 intake serve --listen nowhere:80
loaded libxlsxwriter && fail "serve loaded libxlsxwriter"

# A library that cannot be loaded: needs a mount namespace of our own.
if ! unshare -r -m true 2>/dev/null; then
	echo "t1292: no user namespaces here: missing-library case not run" >&2
	exit 0
fi
lib=$(ldconfig -p | awk '/libxlsxwriter\.so\.[0-9]/ { print $NF; exit }')
[ -n "$lib" ] || fail "libxlsxwriter not found by ldconfig"
cat >inside.sh <<SH
mount --bind /dev/null "$lib" || exit 99
"$INTAKE_BIN" -d "$DB" --lang en export shogai_shuro \
	--xlsx gone.xlsx >gone.out 2>gone.err
echo \$? >gone.status
"$INTAKE_BIN" -d "$DB" --lang en export shogai_shuro \
	--format csv >csv.out 2>csv.err
echo \$? >csv.status
SH
unshare -r -m sh inside.sh || fail "bind mount over $lib"
same 78 "$(cat gone.status)" "export --xlsx without its library"
grep -q "cannot load libxlsxwriter.so" gone.err ||
	fail "gone.err: $(cat gone.err)"
[ -s gone.xlsx ] && fail "a workbook was written without the library"
same 0 "$(cat csv.status)" "export as CSV without libxlsxwriter: $(cat csv.err)"
grep -q SGS-2026-000001 csv.out || fail "the CSV lacks the case"
