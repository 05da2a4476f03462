/* Startup support: stage rule, requested grant amount, outcome order. */
#include <intake/plugin.h>

#include <stdio.h>
#include <string.h>

#define MESSAGE_SIZE 320
#define DATE_SIZE 11 /* "YYYY-MM-DD" */

/* The fields the plugin reads or sets; the core checks them in the form. */
static const struct intake_field_need fields[] = {
	{ "received_on", "date", NULL },
	{ "stage", "choice", "founded_within_1y" },
	{ "opening_on", "date", NULL },
	{ "eligible_expenses", "yen", NULL },
	{ "requested_amount", "yen", NULL },
};

/* Two outcomes of which an application may hold only one. */
struct outcome_exclusion {
	const char *code;
	const char *excludes;
	const char *message_ja;
	const char *message_en;
};

static const struct outcome_exclusion outcome_exclusions[] = {
	{ "adopted", "rejected", "不採択が記録済みのため採択は記録できません",
	  "rejected is recorded: adopted and rejected exclude each other" },
	{ "rejected", "adopted", "採択が記録済みのため不採択は記録できません",
	  "adopted is recorded: adopted and rejected exclude each other" },
};

static const struct intake_outcome outcomes[] = {
	{ "consulted", "相談", "consultation", INTAKE_EVERY },
	{ "applied", "申請", "applied for the grant", INTAKE_ONCE },
	{ "adopted", "採択", "adopted", INTAKE_ONCE },
	{ "rejected", "不採択", "rejected", INTAKE_ONCE },
	{ "grant_decided", "交付決定", "grant decided", INTAKE_ONCE },
	{ "founded", "創業", "business founded", INTAKE_ONCE },
	{ "reported", "実績報告", "results reported", INTAKE_ONCE },
	{ "continued_1y", "継続1年", "continued for a year", INTAKE_ONCE },
};

/* Outcomes that follow another one, on or before their date; the core
 * checks them when an outcome is recorded. */
static const struct intake_outcome_need outcome_needs[] = {
	{ "adopted", "applied", "needs_applied",
	  "採択の前に、同じ日かそれ以前の申請を記録してください",
	  "record applied, on or before this date, before adopted" },
	{ "rejected", "applied", "needs_applied",
	  "不採択の前に、同じ日かそれ以前の申請を記録してください",
	  "record applied, on or before this date, before rejected" },
	{ "grant_decided", "adopted", "needs_adopted",
	  "交付決定の前に、同じ日かそれ以前の採択を記録してください",
	  "record adopted, on or before this date, before grant_decided" },
	{ "continued_1y", "founded", "needs_founded",
	  "継続1年の前に創業を記録してください",
	  "record founded before continued_1y" },
};

/* The amount of the grant decided (交付決定額), when known: not above
 * requested_amount (kigyo_check_outcome). */
static const struct intake_outcome_amount amounts[] = {
	{ "grant_decided", INTAKE_AMOUNT_OPTIONAL },
};

/* 1 when the grant rate in [rules] can be used; else an error. */
static int check_rate(const struct intake_host *host, struct intake_case *c)
{
	if (host->rule_integer(c, "grant_rate_numerator", 1) >= 0 &&
	    host->rule_integer(c, "grant_rate_denominator", 2) > 0 &&
	    host->rule_integer(c, "grant_cap", 2000000) >= 0)
		return 1;
	host->error(c, NULL, "form_rules",
		    "[rules] の grant_rate_numerator と grant_cap は0以上、"
		    "grant_rate_denominator は1以上にしてください",
		    "[rules] grant_rate_numerator and grant_cap must be 0 "
		    "or more, grant_rate_denominator 1 or more");
	return 0;
}

/* What the fields list cannot say: usable [rules] values. */
static int kigyo_init(const struct intake_host *host, struct intake_case *c)
{
	return check_rate(host, c) ? INTAKE_OK : INTAKE_REFUSE;
}

/* founded_within_1y: opened within founded_within_months before
 * received_on, and not after it. */
static int kigyo_validate(const struct intake_host *host,
			  struct intake_case *c)
{
	long long months = host->rule_integer(c, "founded_within_months", 12);
	long opening = 0, received = 0, earliest;
	char ja[MESSAGE_SIZE], en[MESSAGE_SIZE], from[DATE_SIZE];

	if (!host->has_code(c, "stage", "founded_within_1y") ||
	    !host->get_date(c, "opening_on", &opening))
		return INTAKE_OK;
	host->get_date(c, "received_on", &received);
	earliest = host->date_add_months(received, -(int)months);
	if (opening >= earliest && opening <= received)
		return INTAKE_OK;
	host->format_date(earliest, from, sizeof(from));
	snprintf(ja, sizeof(ja), "創業%lldか月以内の場合、開業日は受付日以前"
		 "かつ %s 以後です", months, from);
	snprintf(en, sizeof(en), "founded within %lld months: the opening "
		 "date is on or before the reception date and on or after %s",
		 months, from);
	host->error(c, "opening_on", "stage_founded_within_1y", ja, en);
	return INTAKE_REFUSE;
}

/* requested_amount = min(expenses × numerator ÷ denominator, cap). */
static int kigyo_derive(const struct intake_host *host, struct intake_case *c)
{
	long long numerator = host->rule_integer(c, "grant_rate_numerator", 1);
	long long denominator =
		host->rule_integer(c, "grant_rate_denominator", 2);
	long long cap = host->rule_integer(c, "grant_cap", 2000000);
	long long expenses = 0, amount;

	host->get_integer(c, "eligible_expenses", &expenses);
	if (denominator <= 0 || expenses < 0)
		return INTAKE_REFUSE;
	amount = expenses / denominator * numerator +
		 expenses % denominator * numerator / denominator;
	if (amount > cap)
		amount = cap;
	if (host->set_integer(c, "requested_amount", amount))
		return INTAKE_REFUSE;
	return INTAKE_OK;
}

/* The exclusion rule for code, if any: 1 when it holds or there is none. */
static int check_exclusion(const struct intake_host *host,
			   struct intake_case *c, const char *code)
{
	size_t i;

	for (i = 0; i < INTAKE_COUNT(outcome_exclusions); i++) {
		const struct outcome_exclusion *rule = &outcome_exclusions[i];

		if (strcmp(code, rule->code) ||
		    !host->outcome_count(c, rule->excludes))
			continue;
		host->error(c, NULL, "adopted_rejected_exclusive",
			    rule->message_ja, rule->message_en);
		return 0;
	}
	return 1;
}

/* continued_1y: founded (a declared need) at least continued_months
 * before yyyymmdd. */
static int check_continued(const struct intake_host *host,
			   struct intake_case *c, long yyyymmdd)
{
	long long months = host->rule_integer(c, "continued_months", 12);
	long founded = host->outcome_first_date(c, "founded");
	long earliest = host->date_add_months(founded, (int)months);
	char ja[MESSAGE_SIZE], en[MESSAGE_SIZE], from[DATE_SIZE];

	if (earliest <= yyyymmdd)
		return 1;
	host->format_date(earliest, from, sizeof(from));
	snprintf(ja, sizeof(ja), "継続1年は創業から%lldか月後（%s）以降に"
		 "記録できます", months, from);
	snprintf(en, sizeof(en), "continued_1y can be recorded %lld months "
		 "after founded, from %s", months, from);
	host->error(c, NULL, "continued_1y_too_early", ja, en);
	return 0;
}

/* An amount given is not above requested_amount: 1, else an error. */
static int check_amount(const struct intake_host *host, struct intake_case *c)
{
	long long amount, requested = 0;
	char ja[MESSAGE_SIZE], en[MESSAGE_SIZE];

	if (!host->get_amount(c, &amount))
		return 1;
	host->get_integer(c, "requested_amount", &requested);
	if (amount <= requested)
		return 1;
	snprintf(ja, sizeof(ja), "交付決定額 %lld 円が申請額を超えています",
		 amount);
	snprintf(en, sizeof(en), "the amount decided, %lld yen, is above "
		 "the requested amount", amount);
	host->error(c, "requested_amount", "amount_above_requested", ja, en);
	return 0;
}

static int kigyo_check_outcome(const struct intake_host *host,
			       struct intake_case *c, const char *code,
			       long yyyymmdd)
{
	int ok = check_exclusion(host, c, code) && check_amount(host, c);

	if (ok && !strcmp(code, "continued_1y"))
		ok = check_continued(host, c, yyyymmdd);
	return ok ? INTAKE_OK : INTAKE_REFUSE;
}

static const struct intake_plugin kigyo_shien = {
	INTAKE_DESCRIPTOR_HEADER,
	.id = "kigyo_shien",
	.version = "1.0.0",
	.title_ja = "起業支援",
	.title_en = "Startup support",
	.receipt_prefix = "KGY",
	.form = "kigyo_shien.ini",
	.outcomes = outcomes,
	.n_outcomes = INTAKE_COUNT(outcomes),
	.init = kigyo_init,
	.validate = kigyo_validate,
	.derive = kigyo_derive,
	.check_outcome = kigyo_check_outcome,
	.fields = fields,
	.n_fields = INTAKE_COUNT(fields),
	.outcome_needs = outcome_needs,
	.n_outcome_needs = INTAKE_COUNT(outcome_needs),
	.amounts = amounts,
	.n_amounts = INTAKE_COUNT(amounts),
};

INTAKE_PLUGIN_EXPORT(kigyo_shien)
