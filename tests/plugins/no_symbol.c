/* Test plugin: a descriptor but no exported entry symbol, refused. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	"no_symbol",
	"1.0.0",
	"試験",
	"Test",
	"TST",
	"no_symbol.ini",
	outcomes,
	INTAKE_COUNT(outcomes),
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	0,
	NULL,
	0,
	NULL,
	0,
	NULL,
	0,
};

/* The entry function without INTAKE_PLUGIN_EXPORT: with
 * -fvisibility=hidden it stays out of the dynamic symbol table. */
const struct intake_plugin *intake_plugin_descriptor(void);
const struct intake_plugin *intake_plugin_descriptor(void)
{
	return &descriptor;
}
