/* Test plugin: descriptor size below INTAKE_PLUGIN_MIN_SIZE, refused. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Otherwise valid: only the header is wrong. */
static const struct intake_plugin descriptor = {
	INTAKE_PLUGIN_MAGIC, INTAKE_ABI_MAJOR, INTAKE_ABI_MINOR,
	(uint32_t)(INTAKE_PLUGIN_MIN_SIZE - sizeof(void (*)(void))),
	"too_small",
	"1.0.0",
	"試験",
	"Test",
	"TST",
	"too_small.ini",
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
