/* Test plugin: programme id "dup", also used by dup_a.c; refused together. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Valid alone (form tests/fixtures/dup.ini); a registry takes only one. */
static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	"dup",
	"1.0.0",
	"重複 b",
	"Duplicate b",
	"DUP",
	"dup.ini",
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
