/* Test plugin: a faulty programme whose validate never returns. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Loops for ever, as a buggy plugin might: the volatile counter keeps
 * the compiler from taking the loop away. */
static int loop_validate(const struct intake_host *host,
			 struct intake_case *c)
{
	volatile unsigned long spins = 0;

	(void)host;
	(void)c;
	for (;;)
		spins++;
	return INTAKE_OK;
}

static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	"loop_validate",
	"1.0.0",
	"無限ループ",
	"Loops in validate",
	"LPV",
	"loop_validate.ini",
	outcomes,
	INTAKE_COUNT(outcomes),
	NULL,
	loop_validate,
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
