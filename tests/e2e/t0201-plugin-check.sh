#!/bin/sh
# `intake plugin check` of a good plugin, and `intake programs` listing the
# loaded programmes in order of programme id.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"

make_plugin_dir every_callback dup_b

run 0 intake plugin check plugins/every_callback.so
out_has "plugin: plugins/every_callback.so"
out_has "programme id: every_callback"
out_has "version: 1.2.3"
out_has "ABI: 1.3 (this intake: 1.3)"
out_has "title (ja): 全コールバック試験"
out_has "title (en): Every callback test"
out_has "receipt prefix: TST"
out_has "every_callback.ini (id every_callback, version 1, 18 fields, 1 rules)"
out_has "callbacks: init validate derive check_outcome fini"
out_has "fields read: amount birth_date kind topics postal doubled band review_on"
out_has "outcomes: 3"
out_has "  contacted  every  相談 / contacted"
out_has "  started  once  開始 / started"
out_has "  finished  once  完了 / finished"
out_has "outcome needs: 1"
out_has "  finished needs started on or before its date  rule finished_after_started"
out_has "plugins/every_callback.so: ok"
[ -s "$SCRATCH/err" ] && fail "plugin check wrote to stderr"

# A file name without a slash is the file here, not a library search.
cd plugins || fail "no plugins directory"
run 0 intake plugin check every_callback.so
out_has "programme id: every_callback"
cd "$SCRATCH" || exit 1

# Japanese labels.
run 0 intake --lang ja plugin check plugins/every_callback.so
out_has "プログラム ID: every_callback"
out_has "受付番号の接頭辞: TST"
out_has "  started  1 回のみ  開始 / started"
out_has "結果の前提: 1"
out_has "  finished には同日以前の started が必要  規則 finished_after_started"

# A plugin without callbacks.
run 0 intake plugin check plugins/dup_b.so
out_has "programme id: dup"
out_has "callbacks:"
out_lacks "callbacks: init"
out_has "outcome needs: 0"

# Both load together, sorted by programme id.
run 0 intake programs --format csv
out_has every_callback
out_has dup
first=$(grep -n '^dup,' "$SCRATCH/out" | cut -d: -f1)
second=$(grep -n '^every_callback,' "$SCRATCH/out" | cut -d: -f1)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] ||
	fail "programs not sorted by id"

# Usage.
run 0 intake plugin check
out_has "plugins/every_callback.so: loaded programme every_callback"
out_has "plugins/dup_b.so: loaded programme dup"
run 64 intake plugin check a.so b.so
run 64 intake plugin list plugins/dup_b.so

# The template as the build makes it, with its form.
cp "$INTAKE_BUILD/examples/template.so" plugins/
chmod 755 plugins/template.so
cp "$INTAKE_SOURCE/plugins/template/template.ini" forms/
run 0 intake plugin check plugins/template.so
out_has "programme id: template"
out_has "(id template, version 1, 10 fields, 3 rules)" # 6 person fields, 4 own
