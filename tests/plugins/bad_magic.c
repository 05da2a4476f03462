/* Test plugin: wrong magic number (a big-endian build's bytes), refused. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Otherwise valid: only the header is wrong. */
static const struct intake_plugin descriptor = {
	0x494e544bu, INTAKE_ABI_MAJOR, INTAKE_ABI_MINOR,
	(uint32_t)sizeof(struct intake_plugin),
	"bad_magic",
	"1.0.0",
	"試験",
	"Test",
	"TST",
	"bad_magic.ini",
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
