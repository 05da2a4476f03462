# Values as people write them, through the real binary and forms: eras,
# kana sound marks, phone plans, 万 and 億, units, choices by prefix.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form
use_programmes en
export INTAKE_TODAY=2020-07-01
run 0 intake init

defaults="name=山田太郎 name_kana=やまだたろう birth_date=1975-04-01
	postal_code=030-8570 address=青森県青森市長島一丁目1-1
	phone=017-722-1111 sole_proprietor=no corporate_number=7000012050002
	company_name=山田製作所 company_kana=ヤマダセイサクショ industry=E
	employees=12 owner_birth_date=1960-06-15 successor_status=candidate
	succession_type=family stage=pre"
jgs() { # jgs FIELD=VALUE…: the defaults but for the fields given
	kept=
	for answer in $defaults; do
		given=no
		for arg in "$@"; do
			case $arg in "${answer%%=*}="*) given=yes ;; esac
		done
		[ $given = yes ] || kept="$kept $answer"
	done
	# shellcheck disable=SC2086 # default values hold no spaces
	intake add jigyo_shokei $kept "$@"
}
answer() { # answer RECEIPT FIELD: the stored answer
	intake show "$1" --format json >"$SCRATCH/show" ||
		fail "show $1 failed"
	python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))["answers"].get(sys.argv[2])
print("-" if v is None else v)' "$SCRATCH/show" "$2"
}

# A company founded, and an owner born, in 明治: 明治45年7月30日 is
# 大正元年7月30日.
run 65 jgs owner_birth_date=明治45年7月30日 name_kana=ウ゛ァイオリン \
	company_kana=ｶﾞｯｺｳ phone=090-1234-5678 employees=１２人 \
	industry=製造 succession_type="E 製造業"
# (succession_type is no industry: E 製造業 names no choice there)
err_has "succession_type: given 'E 製造業'"
run 0 jgs owner_birth_date=明治45年7月30日 name_kana=ウ゛ァイオリン \
	company_kana=ｶﾞｯｺｳ phone=090-1234-5678 employees=１２人 \
	industry=製造 succession_type=親族
r1=$(head -1 out)
same 1912-07-30 "$(answer "$r1" owner_birth_date)" "明治45年7月30日"
same ヴァイオリン "$(answer "$r1" name_kana)" "ウ゛ joined"
same ガッコウ "$(answer "$r1" company_kana)" "ｶﾞ joined"
same 09012345678 "$(answer "$r1" phone)" "mobile"
same 12 "$(answer "$r1" employees)" "12人"
same E "$(answer "$r1" industry)" "a prefix of 製造業"
same family "$(answer "$r1" succession_type)" "a prefix of 親族内"
run 0 jgs owner_birth_date=大正元年7月30日 industry="E 製造業"
r2=$(head -1 out)
same 1912-07-30 "$(answer "$r2" owner_birth_date)" "大正元年7月30日"
same E "$(answer "$r2" industry)" "code and label"
run 0 jgs owner_birth_date=大正15年12月25日 industry=14
r3=$(head -1 out)
same 1926-12-25 "$(answer "$r3" owner_birth_date)" "大正15年12月25日"
same N "$(answer "$r3" industry)" "by number"
run 0 intake --lang ja show "$r3"
out_has "12人"
out_has "生活関連サービス業，娯楽業"
run 0 intake show "$r3"
out_has "12 employees"

# Refusals say what is wrong and what to type.
stored_count() { sql 'select count(*) from applications'; }
run 65 jgs owner_birth_date=大正16年1月1日
err_has "owner_birth_date: given '大正16年1月1日': Taisho ended on 1926-12-25 (大正15年12月25日); type a later date in Showa"
run 65 jgs owner_birth_date=平成32年4月1日
err_has "Heisei ended on 2019-04-30 (平成31年4月30日)"
run 65 intake --lang ja add jigyo_shokei name=山田太郎 \
	name_kana=ア゛ birth_date=1975-04-01 postal_code=0308570 \
	address=青森市 phone=03-1234-56789 sole_proprietor=はい \
	company_name=山田商店 company_kana=ヤマダショウテン industry=サ \
	employees=12時間 owner_birth_date=1960-01-01 successor_status=none \
	succession_type=undecided stage=pre
err_has "name_kana: given 'ア゛': 「ア」には濁点「゛」が付かないので、カナを確かめて入力してください"
err_has "phone: given '03-1234-56789': 市外局番から始まる固定電話の番号は10桁なので、017-722-1111 の形で入力してください"
same 3 "$(grep -c '^intake: debug: jigyo_shokei: ' err)" "industry サ is サービス業"
err_has "employees: given '12時間': 0人以上の整数を入力してください"
run 65 jgs phone=0120-123-4567
err_has "phone: given '0120-123-4567': a 0120 free-dial number has 10 digits; type it as 0120-123-456"
run 65 jgs phone=090-1234-567
err_has "a mobile number (070, 080, 090) has 11 digits; type it as 090-1234-5678"
run 65 jgs industry=in
err_has "industry: given 'in': more than one choice starts with 'in'; type one of: Information and communications, Industries unable to classify"
same 3 "$(stored_count)" "only the three good cases stored"
