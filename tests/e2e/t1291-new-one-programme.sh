# intake new of one programme reads that programme's form only, as add
# does: another programme's broken form does not stop the counter entry
# of this one (named, or chosen by number), while its own still refuses.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
use_programmes
export INTAKE_TODAY=2026-11-22
mkdir forms
cp "$INTAKE_SOURCE"/forms/*.ini forms/
sed -i "s#^form_dir = .*#form_dir = $SCRATCH/forms#" "$INTAKE_CONFIG"
run 0 intake init
printf '\n[field.broken]\ntype = nonsense\n' >>forms/uij_turn.ini

# kigyo_shien's questions: name, kana, birth date, postal code, address,
# phone, e-mail (none), stage idea, sole, industry, amount, consent.
answers() {
	printf "%s\n" "$@" 起業\ 花子 きぎょう\ はなこ 1990-04-01 030-0801 \
		青森市新町1-1 017-734-1111 '' 構想 sole 飲食 '1,000,000' はい
}
answers >answers.txt
run 0 intake new kigyo_shien <answers.txt
same KGY-2026-000001 "$(head -1 out)" "new of another programme"
# chosen by its number (2: programmes in id order) from the script
answers 2 >answers.txt
run 0 intake new <answers.txt
same KGY-2026-000002 "$(head -1 out)" "new, programme chosen by number"
run 0 intake show KGY-2026-000002 --format json
out_has '"requested_amount": 500000'

# The broken form's own programme is refused, naming the file.
answers >answers.txt
run 78 intake new uij_turn <answers.txt
err_has "uij_turn.ini"
answers 4 >answers.txt
run 78 intake new <answers.txt
err_has "uij_turn.ini"
same 2 "$(sql "select count(*) from applications")" "nothing more stored"
