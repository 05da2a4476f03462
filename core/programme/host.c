/* The host table handed to plugins: struct intake_host over an application. */
#include "host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "form.h"
#include "messages.h"
#include "util.h"
#include "value.h"

static int host_get_text(struct intake_case *c, const char *field,
			 const char **value)
{
	const char *stored = application_value(c, field);

	if (!stored)
		return 0;
	*value = stored;
	return 1;
}

static int host_get_integer(struct intake_case *c, const char *field,
			    long long *value)
{
	const char *stored = application_value(c, field);

	return stored && !parse_long_long(stored, value);
}

static int host_get_date(struct intake_case *c, const char *field,
			 long *yyyymmdd)
{
	const char *stored = application_value(c, field);

	return stored && !date_from_iso(stored, yyyymmdd);
}

static int host_has_code(struct intake_case *c, const char *field,
			 const char *code)
{
	const char *stored = application_value(c, field);
	size_t len = strlen(code);

	while (stored && *stored) {
		const char *comma = strchr(stored, ',');
		size_t part = comma ? (size_t)(comma - stored) : strlen(stored);

		if (part == len && !strncmp(stored, code, len))
			return 1;
		stored = comma ? comma + 1 : NULL;
	}
	return 0;
}

static void host_error(struct intake_case *c, const char *field,
		       const char *rule, const char *message_ja,
		       const char *message_en)
{
	application_problem_stored(c, field, rule,
				   msg_pick(message_ja, message_en));
}

static const struct field *derived_field(struct intake_case *c,
					 const char *field_id)
{
	const struct field *field = form_field(c->form, field_id);

	if (!field || !field->derived || !c->deriving) {
		application_problem(c, field_id, NULL, "plugin_set_field",
				    msg(MSG_HOST_NOT_DERIVED));
		return NULL;
	}
	return field;
}

/* A derived value is checked with its field's type like a typed one:
 * a plugin cannot store what the form would refuse. */
static int host_set_text(struct intake_case *c, const char *field_id,
			 const char *value)
{
	const struct field *field = derived_field(c, field_id);
	char *stored = NULL, *expected = NULL;

	if (!field)
		return -1;
	if (value && value_parse(field, value, &stored, &expected)) {
		application_problem(c, field_id, value, "plugin_derived_value",
				    expected);
		free(expected);
		return -1;
	}
	free(c->values[field->index]);
	c->values[field->index] = stored;
	return 0;
}

static int host_set_integer(struct intake_case *c, const char *field_id,
			    long long value)
{
	char text[32];

	snprintf(text, sizeof(text), "%lld", value);
	return host_set_text(c, field_id, text);
}

static long long host_rule_integer(struct intake_case *c, const char *key,
				   long long fallback)
{
	long long value;

	return form_rule(c->form, key, &value) ? fallback : value;
}

static const char *host_field_type(struct intake_case *c, const char *field)
{
	const struct field *found = form_field(c->form, field);

	if (!strcmp(field, "received_on"))
		return "date";
	return found ? field_type_name(found->type) : NULL;
}

static int host_outcome_count(struct intake_case *c, const char *code)
{
	size_t i;
	int count = 0;

	for (i = 0; i < c->n_outcomes; i++)
		count += !strcmp(c->outcomes[i].code, code);
	return count;
}

static long host_outcome_first_date(struct intake_case *c, const char *code)
{
	size_t i;
	long first = 0;

	for (i = 0; i < c->n_outcomes; i++)
		if (!strcmp(c->outcomes[i].code, code) &&
		    (!first || c->outcomes[i].date < first))
			first = c->outcomes[i].date;
	return first;
}

_Static_assert(DATE_NEVER == INTAKE_DATE_NEVER,
	       "value.h and plugin.h agree on the date after every date");

/* date_to_iso, cut to size (always terminated when size > 0);
 * INTAKE_DATE_NEVER reads as a word. */
static void host_format_date(long yyyymmdd, char *buf, size_t size)
{
	char iso[11];

	if (!buf || !size)
		return;
	date_to_iso(yyyymmdd, iso);
	snprintf(buf, size, "%s",
		 yyyymmdd == INTAKE_DATE_NEVER ? msg(MSG_VALUE_DATE_NEVER)
					       : iso);
}

static int host_has_choice(struct intake_case *c, const char *field_id,
			   const char *code)
{
	const struct field *field = form_field(c->form, field_id);

	return field &&
	       (field->type == FIELD_CHOICE || field->type == FIELD_MULTI) &&
	       field_choice(field, code) != NULL;
}

static int host_get_amount(struct intake_case *c, long long *yen)
{
	if (!c || !c->has_amount || !yen)
		return 0;
	*yen = c->amount;
	return 1;
}

static void host_log(struct intake_case *c, int level, const char *message)
{
	if (level >= INTAKE_LOG_WARN || getenv("INTAKE_DEBUG"))
		report_as(REPORT_NOTE, "%s: %s",
			  c && c->form ? c->form->id : "plugin", message);
}

static const struct intake_host host = {
	.size = sizeof(struct intake_host),
	.abi_major = INTAKE_ABI_MAJOR,
	.abi_minor = INTAKE_ABI_MINOR,
	.get_text = host_get_text,
	.get_integer = host_get_integer,
	.get_date = host_get_date,
	.has_code = host_has_code,
	.error = host_error,
	.set_integer = host_set_integer,
	.set_text = host_set_text,
	.rule_integer = host_rule_integer,
	.field_type = host_field_type,
	.outcome_count = host_outcome_count,
	.outcome_first_date = host_outcome_first_date,
	.date_add_months = date_add_months,
	.log = host_log,
	.format_date = host_format_date,
	.has_choice = host_has_choice,
	.get_amount = host_get_amount,
};

const struct intake_host *host_table(void)
{
	return &host;
}
