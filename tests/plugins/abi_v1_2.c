/* Test plugin: built for ABI 1.2, as a 1.2 plugin binary is: loads. */
#include <stddef.h>
#include <string.h>

#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "applied", "申請", "applied", INTAKE_ONCE },
	{ "paid", "支給", "paid", INTAKE_ONCE },
};

static const struct intake_field_need fields[] = {
	{ "name", "text", NULL },
};

/* A 1.2 descriptor's outcome needs are read: paid needs applied. */
static const struct intake_outcome_need outcome_needs[] = {
	{ "paid", "applied", "paid_needs_applied",
	  "支給の前に申請を記録してください", "record applied before paid" },
};

/* Were the core to read them from a 1.2 descriptor, the load would
 * fail: "not_an_outcome" is not an outcome of this plugin, and months
 * of 0 is refused. */
static const struct intake_outcome_amount never_read_amounts[] = {
	{ "not_an_outcome", INTAKE_AMOUNT_REQUIRED },
};
static const struct intake_follow_up never_read_follow_ups[] = {
	{ "paid", "not_an_outcome", 0, NULL },
};

/* A 1.2 plugin knows no amounts: it reads get_amount only when the
 * core's host table has it, and then sees none (it declared none). */
static int old_check_outcome(const struct intake_host *host,
			     struct intake_case *c, const char *code,
			     long yyyymmdd)
{
	long long yen;

	(void)yyyymmdd;
	if (strcmp(code, "paid") || !INTAKE_HOST_HAS(host, get_amount) ||
	    !host->get_amount(c, &yen))
		return INTAKE_OK;
	host->error(c, NULL, "amount_unexpected", "金額は渡されません",
		    "no amount reaches a 1.2 plugin");
	return INTAKE_REFUSE;
}

/*
 * The header by hand: minor 2 and the size of a 1.2 descriptor, which
 * ends at n_outcome_needs.  The 1.3 members past that size hold what a
 * core must never read from a 1.2 descriptor.
 */
static const struct intake_plugin descriptor = {
	INTAKE_PLUGIN_MAGIC, INTAKE_ABI_MAJOR, 2,
	(uint32_t)offsetof(struct intake_plugin, amounts),
	"abi_v1_2",
	"1.2.0",
	"ABI 1.2",
	"ABI 1.2",
	"OLDTWO",
	"abi_v1_2.ini",
	outcomes,
	INTAKE_COUNT(outcomes),
	NULL,
	NULL,
	NULL,
	old_check_outcome,
	NULL,
	fields,
	INTAKE_COUNT(fields),
	outcome_needs,
	INTAKE_COUNT(outcome_needs),
	never_read_amounts,
	INTAKE_COUNT(never_read_amounts),
	never_read_follow_ups,
	INTAKE_COUNT(never_read_follow_ups),
};

INTAKE_PLUGIN_EXPORT(descriptor)
