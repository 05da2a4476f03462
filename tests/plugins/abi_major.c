/* Test plugin: built for ABI major 2, refused. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Otherwise valid: only the header is wrong. */
static const struct intake_plugin descriptor = {
	INTAKE_PLUGIN_MAGIC, 2, 0, (uint32_t)sizeof(struct intake_plugin),
	"abi_major",
	"1.0.0",
	"試験",
	"Test",
	"TST",
	"abi_major.ini",
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
