/* Test plugin: init refuses a form that lacks the date field it needs. */
#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* tests/fixtures/init_refuses.ini has no birth_date field. */
static int refuse_init(const struct intake_host *host, struct intake_case *c)
{
	const char *type = host->field_type(c, "birth_date");

	if (type && type[0] == 'd')
		return INTAKE_OK;
	host->error(c, "birth_date", "needs_birth_date",
		    "この様式には日付型の生年月日 (birth_date) が必要です",
		    "the form needs a date field birth_date");
	return INTAKE_REFUSE;
}

static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	"init_refuses",
	"1.0.0",
	"初期化拒否",
	"Init refuses",
	"TST",
	"init_refuses.ini",
	outcomes,
	INTAKE_COUNT(outcomes),
	refuse_init,
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
