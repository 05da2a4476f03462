#!/bin/sh
# The fields a plugin declares (ABI 1.1) against its form: a field missing,
# of another type or without a code the plugin relies on refuses the plugin
# (exit 78), one line each naming the plugin, the form and the field; a
# plugin built for ABI 1.0 declares none and still loads.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"

make_plugin_dir every_callback abi_v1_0
form=forms/every_callback.ini
cp "$form" saved.ini

# refused_with MESSAGE: `plugin check` and `programs` both refuse
# every_callback with MESSAGE, and init never ran.
refused_with() {
	run 78 intake plugin check plugins/every_callback.so
	err_has "intake: plugins/every_callback.so: $1"
	grep -qF "refused its form" "$SCRATCH/err" && fail "init ran"
	run 78 intake programs
	err_has "plugins/every_callback.so: $1"
	out_lacks every_callback
}

# The baseline: both load, the 1.0 plugin with its own init.
run 0 intake plugin check plugins/every_callback.so
out_has "fields read: amount birth_date kind topics postal doubled band review_on"
run 0 intake plugin check plugins/abi_v1_0.so
out_has "ABI: 1.0 (this intake: 1.3)"
out_has "callbacks: init"
out_has "fields read:"
out_lacks "not_in_the_form"
run 0 intake programs
out_has abi_v1_0
out_has every_callback

# A declared field missing from the form.
sed 's/^\[field\.birth_date\]$/[field.born_on]/' saved.ini >"$form"
refused_with "form $SCRATCH/forms/every_callback.ini has no field 'birth_date': plugin every_callback reads it as date"

# Of another type.
sed '/^\[field\.amount\]$/,/^$/ s/^type = yen$/type = integer/' saved.ini \
	>"$form"
refused_with "form $SCRATCH/forms/every_callback.ini: field 'amount' is integer: plugin every_callback reads it as yen"

# Without a choice code the plugin relies on.
sed -e 's/^choices = work, housing, none$/choices = work, none/' \
	-e '/^choice\.housing = /d' saved.ini >"$form"
refused_with "form $SCRATCH/forms/every_callback.ini: field 'topics' does not offer 'housing' (it offers work, none): plugin every_callback relies on that code"

# All three: every one reported, one line each.
sed -e 's/^\[field\.birth_date\]$/[field.born_on]/' \
	-e '/^\[field\.amount\]$/,/^$/ s/^type = yen$/type = integer/' \
	-e 's/^choices = work, housing, none$/choices = work, none/' \
	-e '/^choice\.housing = /d' saved.ini >"$form"
run 78 intake plugin check plugins/every_callback.so
same 3 "$(grep -c '^intake: plugins/every_callback.so: form ' "$SCRATCH/err")" \
	"lines for three fields"
err_has "has no field 'birth_date'"
err_has "field 'amount' is integer"
err_has "does not offer 'housing'"

# In Japanese.
run 78 intake --lang ja plugin check plugins/every_callback.so
err_has "intake: plugins/every_callback.so: 様式 $SCRATCH/forms/every_callback.ini に項目 'birth_date' がありません: プラグイン every_callback が date 型として読みます"
err_has "様式 $SCRATCH/forms/every_callback.ini の項目 'amount' は integer 型です: プラグイン every_callback は yen 型として読みます"
err_has "様式 $SCRATCH/forms/every_callback.ini の項目 'topics' に選択肢 'housing' がありません (あるのは work, none): プラグイン every_callback がこのコードを使います"

# The form fixed, the plugin loads again.
cp saved.ini "$form"
run 0 intake plugin check plugins/every_callback.so
