# Forms get the plugins' file rules (owner, mode, directories and the
# directories above them); a plugin directory without plugins is a
# configuration error, not zero programmes.
. "$INTAKE_SOURCE/tests/e2e/lib.sh"
make_plugin_dir every_callback
run 0 intake programs

# A form anyone may write: the plugin that reads it is refused.
chmod 666 forms/every_callback.ini
run 78 intake programs
err_has "forms/every_callback.ini: writable by group or others"
chmod 644 forms/every_callback.ini

# A form of another user.
chown 65534 forms/every_callback.ini
run 78 intake programs
err_has "forms/every_callback.ini: owned by uid 65534"
chown 0 forms/every_callback.ini

# Its directory, writable by others.
chmod 777 forms
run 78 intake programs
err_has "its directory"
chmod 755 forms

# A directory above, writable by others (not sticky), or another
# user's: whoever could write it could swap forms/ for their own.
mkdir -p deep/er && mv forms deep/er/ && chmod 755 deep deep/er
sed -i 's|^form_dir = .*|form_dir = deep/er/forms|' intake.ini
run 0 intake programs
chmod 777 deep
run 78 intake programs
err_has "deep is writable by group or others (mode 0777)"
chmod 1777 deep # sticky, as /tmp: nobody replaces another's entry
run 0 intake programs
chmod 755 deep && chown 65534 deep
run 78 intake programs
err_has "deep is owned by uid 65534"
chown 0 deep
run 0 intake programs

# The same for the plugin directory's parents.
mkdir -p up && mv plugins up/ && chmod 755 up
sed -i 's|^plugin_dir = .*|plugin_dir = up/plugins|' intake.ini
run 0 intake programs
chmod 757 up
run 78 intake programs
err_has "up is writable by group or others (mode 0757)"
chmod 755 up

# No plugin at all: said, and exit 78 (not an empty list).
mkdir empty && chmod 755 empty
sed -i 's|^plugin_dir = .*|plugin_dir = empty|' intake.ini
run 78 intake programs
err_has "empty holds no plugin (*.so): no programme is loaded"
run 78 intake plugin check
err_has "holds no plugin"

# Bounds for an outcome the programme does not have: a misspelt code
# would leave them unapplied, so the plugin is refused.
sed -i 's|^plugin_dir = .*|plugin_dir = up/plugins|' intake.ini
run 0 intake programs
printf '\n[outcome.finnished]\nmin = received_on\n' >>deep/er/forms/every_callback.ini
run 78 intake programs
err_has "has [outcome.finnished], which is not an outcome of this programme"
