/* Test plugin: built for an ABI minor newer than the core's, refused. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Otherwise valid: only the header is wrong. */
static const struct intake_plugin descriptor = {
	INTAKE_PLUGIN_MAGIC, INTAKE_ABI_MAJOR, INTAKE_ABI_MINOR + 1,
	(uint32_t)sizeof(struct intake_plugin),
	"abi_minor",
	"1.0.0",
	"試験",
	"Test",
	"TST",
	"abi_minor.ini",
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

INTAKE_PLUGIN_EXPORT(descriptor)
