/* Test plugin: built for ABI 1.0, as an old plugin binary is: loads. */
#include <stddef.h>

#include <intake/plugin.h>

static const struct intake_outcome outcomes[] = {
	{ "done", "完了", "done", INTAKE_ONCE },
};

/* Were the core to read it from a 1.0 descriptor, the load would fail:
 * tests/fixtures/abi_v1_0.ini has no such field. */
static const struct intake_field_need never_read[] = {
	{ "not_in_the_form", "date", NULL },
};

/* The check a 1.0 plugin made itself, with the 1.0 host functions. */
static int old_init(const struct intake_host *host, struct intake_case *c)
{
	const char *type = host->field_type(c, "name");

	if (type && type[0] == 't')
		return INTAKE_OK;
	host->error(c, "name", "needs_name",
		    "この様式には氏名 (name) が必要です",
		    "the form needs a text field name");
	return INTAKE_REFUSE;
}

/*
 * The header by hand: minor 0 and the size of a 1.0 descriptor, which
 * ends at fini.  The 1.1 members past that size hold what a 1.0 core
 * must never read.
 */
static const struct intake_plugin descriptor = {
	INTAKE_PLUGIN_MAGIC, INTAKE_ABI_MAJOR, 0,
	(uint32_t)offsetof(struct intake_plugin, fields),
	"abi_v1_0",
	"1.0.0",
	"旧 ABI",
	"Old ABI",
	"OLD",
	"abi_v1_0.ini",
	outcomes,
	INTAKE_COUNT(outcomes),
	old_init,
	NULL,
	NULL,
	NULL,
	NULL,
	never_read,
	INTAKE_COUNT(never_read),
	NULL,
	0,
	NULL,
	0,
	NULL,
	0,
};

INTAKE_PLUGIN_EXPORT(descriptor)
