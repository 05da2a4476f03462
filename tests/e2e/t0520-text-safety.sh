#!/bin/sh
# Invisible, control, bidi, noncharacter and private-use characters are
# refused in answers, naming what was found; newlines only where a text
# field is declared multiline = yes.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
use_programmes en
export INTAKE_TODAY=2026-11-22
run 0 intake init

# kgy FIELD=VALUE…: a kigyo_shien case with these fields replacing its own.
kgy() {
	intake add kigyo_shien name_kana=アオモリ birth_date=1990-01-01 \
		postal_code=0300801 phone=0177341111 stage=idea \
		legal_form=sole eligible_expenses=100 relocated=no "$@"
}
refused() { # refused FIELD FOUND VALUE: FIELD=VALUE is refused
	field=$1 found=$2
	name=青森太郎 address=青森市 business_field=飲食
	eval "$field=\$3"
	run 65 kgy "name=$name" "address=$address" \
		"business_field=$business_field"
	err_has "intake: debug: kigyo_shien: $field: given '"
	err_has "this has $found; type it without"
	same 0 "$(sql 'select count(*) from applications')" "nothing stored"
}

zwsp=$(printf '\342\200\213')
bom=$(printf '\357\273\277')
wj=$(printf '\342\201\240')
vs16=$(printf '\357\270\217')
rlo=$(printf '\342\200\256')
lri=$(printf '\342\201\246')
pua=$(printf '\356\200\200')
nonchar=$(printf '\357\267\220')
c1=$(printf '\302\233')
ivs=$(printf '\363\240\204\200') # U+E0100 after 葛: an IVS, kept

# A value of invisible characters only does not fill a required field.
refused name "U+200B (invisible format character)" "$zwsp$zwsp"
refused name "U+FEFF (invisible format character)" "$bom"
refused name "U+2060 (invisible format character)" "$wj"
refused name "U+FE0F (variation selector with no character before it)" \
	"$vs16"
# Bidi controls, C1 controls, noncharacters, private use: anywhere.
refused address "U+202E (bidi control)" "青森市$rlo 1-1"
err_has "given '青森市<U+202E> 1-1'" # never echoed as it is
refused address "U+2066 (bidi control)" "${lri}青森市"
refused name "U+009B (control character)" "青森${c1}太郎"
refused name "U+FDD0 (noncharacter)" "青森$nonchar"
refused name "U+E000 (private-use character)" "青森$pua"
refused business_field "U+000A (line break; this field takes one line)" \
	"飲食
小売"

# In Japanese, the same.
run 65 intake --lang ja add kigyo_shien "name=$zwsp"
err_has "U+200B (見えない書式文字) が含まれているので"

# An ideographic variation sequence in a name is a real name.
run 0 kgy "name=葛${ivs}城太郎" address=青森市 business_field=飲食
same "葛${ivs}城太郎" "$(sql "select value from answers where field='name'")" \
	"IVS kept"

# A form may declare a text field multi-line: newlines (and tabs) then
# pass; other characters are still refused.
mkdir forms
cp "$INTAKE_SOURCE"/forms/*.ini forms/
sed -i 's/^\[field.business_field\]$/&\nmultiline = yes/' forms/kigyo_shien.ini
sed -i "s|^form_dir = .*|form_dir = $SCRATCH/forms|" intake.ini
run 0 kgy name=青森花子 address=青森市 "business_field=飲食
小売	卸"
run 65 kgy name=青森花子 address=青森市 "business_field=飲食
$rlo小売"
err_has "U+202E (bidi control)"
exit 0
