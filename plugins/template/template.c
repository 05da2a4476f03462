/* Template programme plugin: copy, rename, and make it your programme's. */

/*
 * A programme plugin brings what a form file cannot say: rules across
 * fields, computed fields, and the order of outcomes.  The form itself
 * (fields, types, labels, `when`) is data, in template.ini.
 *
 * The rules of the contract (include/intake/plugin.h):
 *  - include only <intake/plugin.h> and the C library; never call or
 *    link against anything of the core: use the host table passed to
 *    every callback;
 *  - never print, never exit, never abort: report a problem with
 *    host->error and return INTAKE_REFUSE; a log line goes through
 *    host->log;
 *  - never allocate memory the core must free; strings you hand over
 *    (set_text, error) are copied by the core before the call returns;
 *  - keep no pointer the host gave you (field values, the case) past
 *    the callback that received it;
 *  - export nothing but the descriptor: build with -fvisibility=hidden
 *    (pkg-config --cflags intake-plugin adds it) and make every other
 *    function and variable static;
 *  - dates are integers yyyymmdd: 2026-04-01 is 20260401;
 *    host->format_date writes one as "2026-04-01" for a message.
 *
 * The programme as this file has it, "template":
 *  validate       the applicant is at least [rules] min_age years old
 *                 on the reception date (rule "min_age");
 *  derive         grant_amount is [rules] grant_single or
 *                 grant_household by household, when a grant is
 *                 requested;
 *  outcome_needs  "employed" needs a "consulted" on or before its date.
 */
#include <intake/plugin.h>

/* Step 1: the outcomes the office counts for this programme.  A code
 * never changes meaning once recorded; INTAKE_ONCE for what happens at
 * most once per application, INTAKE_EVERY for what is counted each
 * time (延べ). */
static const struct intake_outcome outcomes[] = {
	{ "consulted", "相談", "consultation", INTAKE_EVERY },
	{ "employed", "就職", "employed", INTAKE_ONCE },
};

/* Step 2, the outcome needs: "code may be recorded only when needs was
 * recorded on or before its date", with a stable rule id and what to do,
 * in Japanese and English.  The core checks them when an outcome is
 * recorded (and refuses to load the plugin when one names an outcome
 * not declared above); several for one code must all hold. */
static const struct intake_outcome_need outcome_needs[] = {
	{ "employed", "consulted", "template_employed_after_consulted",
	  "就職の前に、同じ日かそれ以前の相談を記録してください",
	  "record consulted, on or before this date, before employed" },
};

/* Step 3: the form fields this plugin reads or sets, with their types
 * and, for a choice or multi field, the codes the rules rely on.  The
 * core checks each against the form before anything else runs and
 * refuses to load the plugin when one is missing or differs, so a form
 * edit cannot silently break a rule.  received_on is always there. */
static const struct intake_field_need fields[] = {
	{ "received_on", "date", NULL },
	{ "birth_date", "date", NULL },
	{ "household", "choice", "single,household" },
	{ "grant_requested", "bool", NULL },
	{ "grant_amount", "yen", NULL },
};

/* Step 4, init (not needed here): runs once the core has loaded the
 * form and checked the fields above.  Write one only for what a fields
 * list cannot say, such as [rules] values that must make sense
 * together; report with host->error and return INTAKE_REFUSE. */

/* Step 5, validate: rules across fields, on a whole application whose
 * answers have each passed their type checks.  Unanswered optional
 * fields read as "no value" (the getter returns 0): decide what that
 * means for each rule.  Numbers that change every year come from the
 * form's [rules] section, so next year's change is an edit. */
static int template_validate(const struct intake_host *host,
			     struct intake_case *c)
{
	long birth, received;
	long long min_age = host->rule_integer(c, "min_age", 18);

	if (!host->get_date(c, "birth_date", &birth) ||
	    !host->get_date(c, "received_on", &received))
		return INTAKE_OK;
	if ((received - birth) / 10000 >= min_age)
		return INTAKE_OK;
	host->error(c, "birth_date", "min_age",
		    "受付日に最低年齢 (様式の min_age) に達していません",
		    "the applicant is younger than min_age on the reception "
		    "date");
	return INTAKE_REFUSE;
}

/* Step 6, derive: computed fields, declared "derived = yes" in the form.
 * Runs only after validate accepted the application. */
static int template_derive(const struct intake_host *host,
			   struct intake_case *c)
{
	long long requested = 0, amount;

	if (!host->get_integer(c, "grant_requested", &requested) || !requested)
		return INTAKE_OK;
	if (host->has_code(c, "household", "household"))
		amount = host->rule_integer(c, "grant_household", 1000000);
	else
		amount = host->rule_integer(c, "grant_single", 600000);
	host->set_integer(c, "grant_amount", amount);
	return INTAKE_OK;
}

/* Step 7, check_outcome (not needed here): may this outcome be recorded
 * on this date, given the answers and the earlier outcomes?  The core
 * itself refuses a second INTAKE_ONCE outcome and checks the outcome
 * needs first; check_outcome runs only when they hold, for the rules a
 * needs list cannot say: two outcomes that exclude each other, a period
 * that must pass (host->outcome_first_date, host->date_add_months: past
 * 9999-12-31 it gives INTAKE_DATE_NEVER, so "date >= start + N months"
 * stays false), a need that depends on the answers.  The date's bounds
 * (received_on to today, unless the form's [outcome.<code>] says) are
 * the core's. */

/* Step 8, the descriptor: the header first (magic, ABI, size), then the
 * programme's id (it names the form's [form] id too), version, titles,
 * receipt prefix (2 to 8 capital letters: receipts read TPL-2026-000001),
 * form file, outcomes, callbacks, the fields list and the outcome needs,
 * each by name so that members a later ABI appends stay zero.  Any
 * callback may be left out (NULL); init, check_outcome and fini (called
 * when the core is done with a plugin whose init succeeded) are not
 * needed here. */
static const struct intake_plugin template_programme = {
	INTAKE_DESCRIPTOR_HEADER,
	.id = "template",
	.version = "1.0.0",
	.title_ja = "テンプレート事業",
	.title_en = "Template programme",
	.receipt_prefix = "TPL",
	.form = "template.ini",
	.outcomes = outcomes,
	.n_outcomes = INTAKE_COUNT(outcomes),
	.validate = template_validate,
	.derive = template_derive,
	.fields = fields,
	.n_fields = INTAKE_COUNT(fields),
	.outcome_needs = outcome_needs,
	.n_outcome_needs = INTAKE_COUNT(outcome_needs),
};

/* Step 9: export the descriptor, the plugin's one visible symbol. */
INTAKE_PLUGIN_EXPORT(template_programme)
