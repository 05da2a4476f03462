# ABI 1.3: plugin check prints the outcomes that carry an amount and the
# follow-ups; a plugin built for ABI 1.2 (tests/plugins/abi_v1_2.c)
# still loads on this core, its descriptor never read past
# n_outcome_needs (invalid amounts and follow-ups lie there), its
# outcome needs applied, and an amount refused on its outcomes.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1
export INTAKE_TODAY=2026-12-31

make_plugin_dir every_callback abi_v1_1 abi_v1_2
run 0 intake programs
out_has abi_v1_2
out_has abi_v1_1
out_has every_callback

run 0 intake plugin check plugins/abi_v1_2.so
out_has "ABI: 1.2 (this intake: 1.3)"
out_has "outcome needs: 1"
out_has "  paid needs applied on or before its date  rule paid_needs_applied"
out_has "outcomes with an amount: 0"
out_has "follow-ups: 0"
out_lacks "not_an_outcome"
run 0 intake --lang ja plugin check plugins/abi_v1_2.so
out_has "金額を伴う結果: 0"
out_has "期限のある確認: 0"

run 0 intake init
run 0 intake add abi_v1_2 name=A received_on=2026-04-01
r=$(head -1 out)
run 65 intake outcome "$r" paid --date 2026-05-01
err_has "rule paid_needs_applied"
run 0 intake outcome "$r" applied --date 2026-05-01
run 65 intake outcome "$r" paid --date 2026-05-01 --amount 100
err_has "this outcome carries no amount"
run 0 intake outcome "$r" paid --date 2026-05-01
run 0 intake due --format csv
same 1 "$(wc -l <out)" "a 1.2 plugin has nothing due"
run 0 intake tally --fy 2026 --programme abi_v1_2 --format csv
out_has "ABI 1.2,paid,2026,1,1,,"

# The real programmes: what they declare.
use_programmes
run 0 intake plugin check "$INTAKE_BUILD/plugins/uij_turn.so"
out_has "ABI: 1.3 (this intake: 1.3)"
out_has "outcomes with an amount: 2
  grant_decided  amount in yen, optional
  grant_paid  amount in yen, required
follow-ups: 0"
run 0 intake plugin check "$INTAKE_BUILD/plugins/kigyo_shien.so"
out_has "  grant_decided  amount in yen, optional"
run 0 intake plugin check "$INTAKE_BUILD/plugins/shogai_shuro.so"
out_has "outcomes with an amount: 0"
out_has "follow-ups: 1"
out_has "  retained_6m falls due 6 months after employed  months from [rules] retention_months"
run 0 intake --lang ja plugin check "$INTAKE_BUILD/plugins/shogai_shuro.so"
out_has "  retained_6m は 6 か月後が期限 (起点 employed)  月数は [rules] retention_months"
exit 0
