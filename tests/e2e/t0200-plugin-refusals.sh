#!/bin/sh
# Every refusal of the plugin loader: exit 78 and a message naming the file,
# both from `intake plugin check FILE.so` and from `intake programs`.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
export INTAKE_DEBUG=1 # problems also in their one-line log form

make_plugin_dir

# only NAME…: the plugin directory holds just these test plugins.
only() {
	rm -rf "$SCRATCH"/plugins/*
	for name in "$@"; do
		cp "$TEST_PLUGINS/$name.so" "$SCRATCH/plugins/"
		chmod 755 "$SCRATCH/plugins/$name.so"
	done
}

# refused FILE MESSAGE: FILE (in plugins/) is refused with MESSAGE by
# `plugin check` and by `programs`, which then lists nothing.
refused() {
	run 78 intake plugin check "plugins/$1"
	err_has "intake: plugins/$1: $2"
	run 78 intake programs
	err_has "plugins/$1: $2"
	out_lacks "every_callback"
}

# The baseline: every_callback loads, so each refusal below is its own.
only every_callback
run 0 intake plugin check plugins/every_callback.so
run 0 intake programs
out_has every_callback

# Not a shared object: a text file named x.so.
only
printf 'not a shared object\n' >plugins/x.so
chmod 644 plugins/x.so
refused x.so "not a loadable shared object: "

# The entry symbol, the descriptor and its header.
only no_symbol
refused no_symbol.so "no entry symbol intake_plugin_descriptor"
only null_descriptor
refused null_descriptor.so "intake_plugin_descriptor returned no descriptor (NULL)"
only bad_magic
refused bad_magic.so "wrong magic 0x494e544b (expected 0x4b544e49)"
only abi_major
refused abi_major.so "built for ABI 2.0, this intake has ABI 1.3: rebuild the plugin against this intake"
only abi_minor
refused abi_minor.so "built for ABI 1.4, this intake has ABI 1.3, which is older: rebuild the plugin against this intake"
only too_small
refused too_small.so "the descriptor is "
err_has "needs at least"
err_has "rebuild the plugin against this intake"

# The same message in Japanese.
only abi_major
run 78 intake --lang ja plugin check plugins/abi_major.so
err_has "intake: plugins/abi_major.so: ABI 2.0 向けにビルドされていますが、この intake は ABI 1.3 です: この intake に合わせてプラグインをビルドし直してください"

# init refusing its form, with the plugin's reasons.
only init_refuses
run 78 intake plugin check plugins/init_refuses.so
err_has "intake: plugin plugins/init_refuses.so refused its form:"
err_has "intake: debug: init_refuses: birth_date: rule needs_birth_date: the form needs a date field birth_date"
run 78 intake programs
err_has "plugins/init_refuses.so refused its form:"
err_has "rule needs_birth_date"

# Two plugins with one programme id: each is fine alone, not together.
only dup_a dup_b
run 0 intake plugin check plugins/dup_a.so
run 0 intake plugin check plugins/dup_b.so
run 78 intake programs
err_has "plugins/dup_b.so: programme id 'dup' is already taken by "
err_has "plugins/dup_a.so"
out_lacks dup

# Group- or other-writable file, other-writable directory.
only every_callback
chmod 775 plugins/every_callback.so
refused every_callback.so "writable by group or others (mode 0775)"
chmod 757 plugins/every_callback.so
refused every_callback.so "writable by group or others (mode 0757)"
chmod 755 plugins/every_callback.so
chmod 757 plugins
refused every_callback.so "its directory "
err_has "is writable by group or others (mode 0757)"
chmod 775 plugins
refused every_callback.so "its directory "
err_has "is writable by group or others (mode 0775)"
chmod 755 plugins

# Owned by someone other than root or the user: only root can test it.
if [ "$(id -u)" = 0 ]; then
	chown 65534 plugins/every_callback.so
	refused every_callback.so "owned by uid 65534, neither root nor the user running intake"
	chown 0 plugins/every_callback.so
	chown 65534 plugins
	refused every_callback.so "its directory "
	err_has "is owned by uid 65534"
	chown 0 plugins
fi

# Not a regular file.
only
mkdir plugins/d.so
refused d.so "not a regular file"

# A symlink is followed and its target checked too.
only
mkdir elsewhere
chmod 755 elsewhere
cp "$TEST_PLUGINS/every_callback.so" elsewhere/
chmod 755 elsewhere/every_callback.so
ln -s "$SCRATCH/elsewhere/every_callback.so" plugins/linked.so
run 0 intake plugin check plugins/linked.so
chmod 777 elsewhere
refused linked.so "its directory "
err_has "/elsewhere is writable by group or others (mode 0777)"
chmod 755 elsewhere

# The form: missing, or with another id.
only every_callback
mv forms/every_callback.ini forms/saved.ini
refused every_callback.so "its form "
err_has "every_callback.ini does not load"
sed 's/^id = every_callback$/id = other/' forms/saved.ini >forms/every_callback.ini
refused every_callback.so "form "
err_has "every_callback.ini has id 'other', expected the programme id 'every_callback'"
mv forms/saved.ini forms/every_callback.ini

# One refusal refuses the whole directory; each refusal is reported.
only abi_major every_callback too_small
run 78 intake programs
err_has "plugins/abi_major.so: built for ABI 2.0"
err_has "plugins/too_small.so: the descriptor is"
out_lacks every_callback

# A missing plugin directory.
rm -rf plugins
run 78 intake programs
err_has "cannot read the plugin directory"
