/* jigyo_shokei: business succession (事業承継), its rules and outcomes. */
#include <stdio.h>
#include <string.h>

#include <intake/plugin.h>

/* Rule defaults; the form's [rules] section overrides each. */
#define SENIOR_AGE 60 /* [rules] owner_senior_age */

#define ISO_SIZE 11 /* "YYYY-MM-DD" */

static const struct intake_outcome outcomes[] = {
	{ "diagnosed", "診断", "succession diagnosis", INTAKE_ONCE },
	{ "planned", "計画策定", "succession plan drawn up", INTAKE_ONCE },
	{ "matched", "マッチング成立", "successor matched", INTAKE_ONCE },
	{ "succeeded", "承継完了", "succession completed", INTAKE_ONCE },
	{ "closed", "廃業", "business closed", INTAKE_ONCE },
};

/* An outcome that follows another one, on or before its date; the core
 * checks it when an outcome is recorded. */
static const struct intake_outcome_need outcome_needs[] = {
	{ "planned", "diagnosed", "planned_needs_diagnosed",
	  "計画策定の前に診断 (この日付以前) を記録してください",
	  "record a diagnosis (on or before this date) before the plan" },
};

/* The fields the plugin reads or sets; the core checks them in the form. */
static const struct intake_field_need fields[] = {
	{ "received_on", "date", NULL },
	{ "owner_birth_date", "date", NULL },
	{ "diagnosed_on", "date", NULL },
	{ "plan_on", "date", NULL },
	{ "successor_status", "choice", "decided" },
	{ "owner_age", "integer", NULL },
	{ "owner_60_plus", "bool", NULL },
};

/* The date the owner's age is taken at: diagnosed_on, else received_on;
 * *diagnosed tells which. */
static long age_date(const struct intake_host *host, struct intake_case *c,
		     int *diagnosed)
{
	long on = 0;

	*diagnosed = host->get_date(c, "diagnosed_on", &on);
	if (!*diagnosed)
		host->get_date(c, "received_on", &on);
	return on;
}

/* plan_on may not be before diagnosed_on. */
static int check_plan_date(const struct intake_host *host,
			   struct intake_case *c)
{
	static const char ja[] = "計画策定日は診断日と同じかそれより後の日付"
				 "にしてください";
	static const char en[] = "the plan date must be on or after the "
				 "diagnosis date";
	long diagnosed, plan;

	if (!host->get_date(c, "diagnosed_on", &diagnosed) ||
	    !host->get_date(c, "plan_on", &plan) || plan >= diagnosed)
		return INTAKE_OK;
	/* either date may be the wrong one: both are offered to fix */
	host->error(c, "diagnosed_on", "plan_after_diagnosis", ja, en);
	host->error(c, "plan_on", "plan_after_diagnosis", ja, en);
	return INTAKE_REFUSE;
}

/* The owner must be born on or before the date the age is taken at. */
static int check_owner_birth(const struct intake_host *host,
			     struct intake_case *c)
{
	int diagnosed;
	long birth, on = age_date(host, c, &diagnosed);
	char iso[ISO_SIZE], ja[256], en[256];

	if (!host->get_date(c, "owner_birth_date", &birth) || birth <= on)
		return INTAKE_OK;
	host->format_date(on, iso, sizeof(iso));
	snprintf(ja, sizeof(ja), "代表者の生年月日は%s (%s) 以前の日付にして"
		 "ください", diagnosed ? "診断日" : "受付日", iso);
	snprintf(en, sizeof(en), "an owner's birth date on or before the %s "
		 "date (%s)", diagnosed ? "diagnosis" : "reception", iso);
	host->error(c, "owner_birth_date", "owner_birth_order", ja, en);
	return INTAKE_REFUSE;
}

/* Cross-field rules on dates. */
static int jgs_validate(const struct intake_host *host, struct intake_case *c)
{
	int rc = check_plan_date(host, c);

	if (check_owner_birth(host, c) != INTAKE_OK)
		rc = INTAKE_REFUSE;
	return rc;
}

/* owner_age at diagnosed_on (else received_on), and whether it is 60+. */
static int jgs_derive(const struct intake_host *host, struct intake_case *c)
{
	int diagnosed;
	long birth, on = age_date(host, c, &diagnosed);
	long long age;

	if (!host->get_date(c, "owner_birth_date", &birth) || !on)
		return INTAKE_OK;
	age = (on - birth) / 10000;
	host->set_integer(c, "owner_age", age);
	host->set_integer(c, "owner_60_plus",
			  age >= host->rule_integer(c, "owner_senior_age",
						    SENIOR_AGE));
	return INTAKE_OK;
}

/* 1 when code was recorded on or before yyyymmdd. */
static int recorded_by(const struct intake_host *host, struct intake_case *c,
		       const char *code, long yyyymmdd)
{
	long first = host->outcome_first_date(c, code);

	return first && first <= yyyymmdd;
}

/* Once closed or succeeded, the case takes no further outcome. */
static int check_final(const struct intake_host *host, struct intake_case *c)
{
	if (host->outcome_count(c, "succeeded"))
		host->error(c, NULL, "after_final_outcome",
			    "承継完了が記録済みのため、これ以上の結果は"
			    "記録できません",
			    "succession is completed: no further outcome "
			    "can be recorded");
	else if (host->outcome_count(c, "closed"))
		host->error(c, NULL, "after_final_outcome",
			    "廃業が記録済みのため、これ以上の結果は記録"
			    "できません",
			    "the business is closed: no further outcome can "
			    "be recorded");
	else
		return INTAKE_OK;
	return INTAKE_REFUSE;
}

/* succeeded needs a decided successor or a match on or before its date. */
static int check_succeeded(const struct intake_host *host,
			   struct intake_case *c, long yyyymmdd)
{
	if (host->has_code(c, "successor_status", "decided") ||
	    recorded_by(host, c, "matched", yyyymmdd))
		return INTAKE_OK;
	host->error(c, "successor_status", "succeeded_needs_successor",
		    "承継完了には後継者が必要です (後継者の状況が決定済、"
		    "またはこの日付以前のマッチング成立)",
		    "a completed succession needs a successor (successor "
		    "status decided, or a match on or before this date)");
	return INTAKE_REFUSE;
}

/* May outcome code be recorded on yyyymmdd?  The declared needs hold. */
static int jgs_check_outcome(const struct intake_host *host,
			     struct intake_case *c, const char *code,
			     long yyyymmdd)
{
	if (check_final(host, c) != INTAKE_OK)
		return INTAKE_REFUSE;
	if (!strcmp(code, "succeeded"))
		return check_succeeded(host, c, yyyymmdd);
	return INTAKE_OK;
}

static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	.id = "jigyo_shokei",
	.version = "1.0.0",
	.title_ja = "事業承継",
	.title_en = "Business succession",
	.receipt_prefix = "JGS",
	.form = "jigyo_shokei.ini",
	.outcomes = outcomes,
	.n_outcomes = INTAKE_COUNT(outcomes),
	.validate = jgs_validate,
	.derive = jgs_derive,
	.check_outcome = jgs_check_outcome,
	.fields = fields,
	.n_fields = INTAKE_COUNT(fields),
	.outcome_needs = outcome_needs,
	.n_outcome_needs = INTAKE_COUNT(outcome_needs),
};

INTAKE_PLUGIN_EXPORT(descriptor)
