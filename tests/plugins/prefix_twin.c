/* Test plugin: its own id, the receipt prefix "TST" of every_callback. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Valid alone (form tests/fixtures/prefix_twin.ini); a registry holding
 * every_callback refuses it: two programmes, one receipt prefix. */
static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	.id = "prefix_twin",
	.version = "1.0.0",
	.title_ja = "接頭辞重複試験",
	.title_en = "Prefix twin test",
	.receipt_prefix = "TST",
	.form = "prefix_twin.ini",
	.outcomes = outcomes,
	.n_outcomes = INTAKE_COUNT(outcomes),
	NULL,
	0,
	NULL,
	0,
};

INTAKE_PLUGIN_EXPORT(descriptor)
