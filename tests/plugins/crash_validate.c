/* Test plugin: a faulty programme that crashes in validate. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Writes through a null pointer, as a buggy plugin might. */
static int crash_validate(const struct intake_host *host,
			  struct intake_case *c)
{
	volatile int *volatile nowhere = 0;

	(void)host;
	(void)c;
	*nowhere = 1;
	return INTAKE_OK;
}

static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	"crash_validate",
	"1.0.0",
	"異常終了",
	"Crashes in validate",
	"CRV",
	"crash_validate.ini",
	outcomes,
	INTAKE_COUNT(outcomes),
	NULL,
	crash_validate,
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
