#!/bin/sh
# One receipt prefix per programme: of two plugins declaring one prefix
# the second is refused at load (exit 78) naming both and the prefix;
# `intake plugin check FILE.so` names the programme of plugin_dir that
# already uses the file's prefix (the file itself left out, a newer
# build of a loaded programme allowed), and only warns when plugin_dir
# does not load.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback prefix_twin

# Each is fine alone; together the second by file name is refused.
run 78 intake programs
err_has "/plugins/prefix_twin.so: programme prefix_twin: receipt prefix 'TST' is already used by programme every_callback ($SCRATCH/plugins/every_callback.so): give each programme its own prefix, so that receipts stay apart"
out_lacks every_callback
run 78 intake --lang ja programs
err_has "/plugins/prefix_twin.so: 事業 prefix_twin の受付番号の接頭辞 'TST' は、事業 every_callback ($SCRATCH/plugins/every_callback.so) がすでに使っています: 受付番号が重ならないよう、接頭辞は事業ごとに別のものにしてください"
run 78 intake plugin check
err_has "receipt prefix 'TST' is already used by programme every_callback"
run 0 intake init
run 78 intake add every_callback name=A birth_date=1990-01-01 kind=person \
	amount=1 topics=work consent=yes received_on=2026-04-01
err_has "receipt prefix 'TST' is already used"

# plugin check of either file in plugin_dir names the other.
run 78 intake plugin check plugins/prefix_twin.so
err_has "intake: plugins/prefix_twin.so: receipt prefix 'TST' is already used by programme every_callback ($SCRATCH/plugins/every_callback.so) in the plugin directory: choose another prefix"
out_lacks ": ok"
run 78 intake plugin check plugins/every_callback.so
err_has "intake: plugins/every_callback.so: receipt prefix 'TST' is already used by programme prefix_twin ($SCRATCH/plugins/prefix_twin.so) in the plugin directory"
run 78 intake --lang ja plugin check plugins/prefix_twin.so
err_has "intake: plugins/prefix_twin.so: 受付番号の接頭辞 'TST' は、プラグインディレクトリの事業 every_callback ($SCRATCH/plugins/every_callback.so) がすでに使っています: 別の接頭辞にしてください"

# Checked before it is installed: outside plugin_dir.
mkdir new
chmod 755 new
mv plugins/prefix_twin.so new/
run 0 intake programs
out_has every_callback
run 78 intake plugin check new/prefix_twin.so
err_has "intake: new/prefix_twin.so: receipt prefix 'TST' is already used by programme every_callback ($SCRATCH/plugins/every_callback.so) in the plugin directory: choose another prefix"
out_lacks ": ok"
# A newer build of a loaded programme keeps its prefix.
cp plugins/every_callback.so new/
run 0 intake plugin check new/every_callback.so
out_has "new/every_callback.so: ok"
if [ -s err ]; then fail "plugin check of a loaded programme warned"; fi
# plugin_dir not loading: the file is checked alone, with a warning.
chmod 757 plugins
run 0 intake plugin check new/prefix_twin.so
err_has "intake: warning: the plugin directory $SCRATCH/plugins does not load, so the receipt prefix was not compared with those of other programmes"
out_has "new/prefix_twin.so: ok"
run 0 intake --lang ja plugin check new/prefix_twin.so
err_has "プラグインディレクトリ $SCRATCH/plugins を読み込めないため、受付番号の接頭辞が他の事業と重ならないかは確かめていません"
chmod 755 plugins

# Alone, the twin loads and takes its receipts.
rm plugins/every_callback.so
mv new/prefix_twin.so plugins/
run 0 intake init
run 0 intake add prefix_twin name=B received_on=2026-04-01
out_has "TST-"
