/* Test plugin: an outcome need naming an undeclared outcome, refused. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "started", "開始", "started", INTAKE_ONCE },
	{ "finished", "完了", "finished", INTAKE_ONCE },
};

/* Otherwise valid: "begun" is not one of the outcomes above. */
static const struct intake_outcome_need outcome_needs[] = {
	{ "finished", "begun", "finished_after_begun",
	  "完了の前に開始を記録してください", "record begun before finished" },
};

static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	.id = "need_unknown",
	.version = "1.0.0",
	.title_ja = "試験",
	.title_en = "Test",
	.receipt_prefix = "TST",
	.form = "need_unknown.ini",
	.outcomes = outcomes,
	.n_outcomes = INTAKE_COUNT(outcomes),
	.outcome_needs = outcome_needs,
	.n_outcome_needs = INTAKE_COUNT(outcome_needs),
	NULL,
	0,
	NULL,
	0,
};

INTAKE_PLUGIN_EXPORT(descriptor)
