/* Test plugin: built for ABI 1.1, as a 1.1 plugin binary is: loads. */
#include <stddef.h>
#include <string.h>

#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "applied", "申請", "applied", INTAKE_ONCE },
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* A 1.1 descriptor's fields list is read: the fixture has this field. */
static const struct intake_field_need fields[] = {
	{ "name", "text", NULL },
};

/* Were the core to read it from a 1.1 descriptor, the load would fail:
 * "not_an_outcome" is not an outcome of this plugin. */
static const struct intake_outcome_need never_read[] = {
	{ "done", "not_an_outcome", "never_read", "読まれません",
	  "never read" },
};

/* The order rule a 1.1 plugin wrote itself: done needs applied, on or
 * before its date. */
static int old_check_outcome(const struct intake_host *host,
			     struct intake_case *c, const char *code,
			     long yyyymmdd)
{
	long applied;

	if (strcmp(code, "done"))
		return INTAKE_OK;
	applied = host->outcome_first_date(c, "applied");
	if (applied && applied <= yyyymmdd)
		return INTAKE_OK;
	host->error(c, NULL, "done_needs_applied",
		    "完了の前に申請を記録してください",
		    "record applied before done");
	return INTAKE_REFUSE;
}

/*
 * The header by hand: minor 1 and the size of a 1.1 descriptor, which
 * ends at n_fields.  The 1.2 members past that size hold what a core
 * must never read from a 1.1 descriptor.
 */
static const struct intake_plugin descriptor = {
	INTAKE_PLUGIN_MAGIC, INTAKE_ABI_MAJOR, 1,
	(uint32_t)offsetof(struct intake_plugin, outcome_needs),
	"abi_v1_1",
	"1.1.0",
	"ABI 1.1",
	"ABI 1.1",
	"OLDER",
	"abi_v1_1.ini",
	outcomes,
	INTAKE_COUNT(outcomes),
	NULL,
	NULL,
	NULL,
	old_check_outcome,
	NULL,
	fields,
	INTAKE_COUNT(fields),
	never_read,
	INTAKE_COUNT(never_read),
	NULL,
	0,
	NULL,
	0,
};

INTAKE_PLUGIN_EXPORT(descriptor)
