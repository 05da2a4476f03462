/* UIJ-turn employment and relocation: grant rules, amount, outcome order. */
#include <intake/plugin.h>

#include <stdio.h>

#define MESSAGE_SIZE 320
#define DATE_SIZE 11 /* "YYYY-MM-DD" */

/* The fields the plugin reads or sets; the core checks them in the form. */
static const struct intake_field_need fields[] = {
	{ "received_on", "date", NULL },
	{ "moved_in_on", "date", NULL },
	{ "tokyo23_years", "integer", NULL },
	{ "tokyo23_last_year", "bool", NULL },
	{ "household", "choice", "single,household" },
	{ "children_under_18", "integer", NULL },
	{ "job_listed", "bool", NULL },
	{ "job_open_ended", "bool", NULL },
	{ "job_hours", "integer", NULL },
	{ "job_started_on", "date", NULL },
	{ "grant_requested", "bool", NULL },
	{ "grant_amount", "yen", NULL },
};

static const struct intake_outcome outcomes[] = {
	{ "consulted", "相談", "consultation", INTAKE_EVERY },
	{ "referred", "職業紹介", "job referral", INTAKE_ONCE },
	{ "employed", "県内就職", "employed in the prefecture", INTAKE_ONCE },
	{ "moved_in", "転入", "moved in", INTAKE_ONCE },
	{ "grant_applied", "支援金申請", "grant applied for", INTAKE_ONCE },
	{ "grant_decided", "支給決定", "grant decided", INTAKE_ONCE },
	{ "grant_paid", "支給", "grant paid", INTAKE_ONCE },
	{ "grant_repaid", "返還", "grant repaid", INTAKE_ONCE },
};

/* The grant steps in order, each on or after the one before it; the
 * core checks them when an outcome is recorded. */
static const struct intake_outcome_need outcome_needs[] = {
	{ "grant_decided", "grant_applied", "needs_grant_applied",
	  "支給決定の前に、同じ日かそれ以前の支援金申請を記録してください",
	  "record grant_applied, on or before this date, before "
	  "grant_decided" },
	{ "grant_paid", "grant_decided", "needs_grant_decided",
	  "支給の前に、同じ日かそれ以前の支給決定を記録してください",
	  "record grant_decided, on or before this date, before grant_paid" },
	{ "grant_repaid", "grant_paid", "needs_grant_paid",
	  "返還の前に、同じ日かそれ以前の支給を記録してください",
	  "record grant_paid, on or before this date, before grant_repaid" },
};

/* The grant's amounts: decided (when known) and paid (always), each
 * checked against grant_amount by uij_check_outcome. */
static const struct intake_outcome_amount amounts[] = {
	{ "grant_decided", INTAKE_AMOUNT_OPTIONAL },
	{ "grant_paid", INTAKE_AMOUNT_REQUIRED },
};

/* 1 when the bool field is answered yes. */
static int is_yes(const struct intake_host *host, struct intake_case *c,
		  const char *field)
{
	long long value = 0;

	return host->get_integer(c, field, &value) && value;
}

/* 0 when the bool field is yes; else an error for rule, and 1. */
static int require_yes(const struct intake_host *host, struct intake_case *c,
		       const char *field, const char *rule,
		       const char *message_ja, const char *message_en)
{
	if (is_yes(host, c, field))
		return 0;
	host->error(c, field, rule, message_ja, message_en);
	return 1;
}

/* Years in the 23 wards, and the last year continuous: failures. */
static int check_tokyo23(const struct intake_host *host, struct intake_case *c)
{
	long long min = host->rule_integer(c, "tokyo23_min_years", 5);
	long long years = -1;
	char ja[MESSAGE_SIZE], en[MESSAGE_SIZE];
	int failures = 0;

	if (!host->get_integer(c, "tokyo23_years", &years) || years < min) {
		snprintf(ja, sizeof(ja), "支援金には移住前10年間のうち通算"
			 "%lld年以上、東京23区に在住または通勤していたことが"
			 "必要です", min);
		snprintf(en, sizeof(en), "the grant needs at least %lld of the "
			 "10 years before moving living in or commuting to "
			 "Tokyo's 23 wards", min);
		host->error(c, "tokyo23_years", "grant_tokyo23_years", ja, en);
		failures++;
	}
	failures += require_yes(host, c, "tokyo23_last_year",
				"grant_tokyo23_last_year",
				"支援金には移住直前の1年間が連続して東京23区"
				"での在住または通勤であることが必要です",
				"the grant needs the last year before moving "
				"to be continuous in (or commuting to) "
				"Tokyo's 23 wards");
	return failures;
}

/* received_on between moved_in_on + min and + max months: failures. */
static int check_period(const struct intake_host *host, struct intake_case *c,
			long moved, long received)
{
	long long min = host->rule_integer(c, "grant_apply_min_months", 3);
	long long max = host->rule_integer(c, "grant_apply_max_months", 12);
	long from = host->date_add_months(moved, (int)min);
	long until = host->date_add_months(moved, (int)max);
	char ja[MESSAGE_SIZE], en[MESSAGE_SIZE], d1[DATE_SIZE], d2[DATE_SIZE];

	if (received >= from && received <= until)
		return 0;
	host->format_date(from, d1, sizeof(d1));
	host->format_date(until, d2, sizeof(d2));
	snprintf(ja, sizeof(ja), "支援金の申請は転入の%lldか月後から%lldか月後"
		 "まで（%s〜%s）に受け付けます", min, max, d1, d2);
	snprintf(en, sizeof(en), "the grant is applied for between %lld and "
		 "%lld months after moving in (%s to %s)", min, max, d1, d2);
	host->error(c, "received_on", "grant_application_period", ja, en);
	return 1;
}

/* The job held for at least job_min_months on received_on: failures. */
static int check_job_tenure(const struct intake_host *host,
			    struct intake_case *c, long received)
{
	long long months = host->rule_integer(c, "job_min_months", 3);
	long started = 0;
	char ja[MESSAGE_SIZE], en[MESSAGE_SIZE];

	if (host->get_date(c, "job_started_on", &started) &&
	    host->date_add_months(started, (int)months) <= received)
		return 0;
	snprintf(ja, sizeof(ja), "支援金には申請時点で%lldか月以上の在職が"
		 "必要です", months);
	snprintf(en, sizeof(en), "the grant needs the job held for at least "
		 "%lld months when applying", months);
	host->error(c, "job_started_on", "grant_job_tenure", ja, en);
	return 1;
}

/* At least job_min_hours a week: failures. */
static int check_job_hours(const struct intake_host *host,
			   struct intake_case *c)
{
	long long min = host->rule_integer(c, "job_min_hours", 20);
	long long hours = -1;
	char ja[MESSAGE_SIZE], en[MESSAGE_SIZE];

	if (host->get_integer(c, "job_hours", &hours) && hours >= min)
		return 0;
	snprintf(ja, sizeof(ja), "支援金には週%lld時間以上の勤務が必要です",
		 min);
	snprintf(en, sizeof(en), "the grant needs at least %lld hours a week",
		 min);
	host->error(c, "job_hours", "grant_job_hours", ja, en);
	return 1;
}

/* Listed, open-ended, enough hours, held long enough: failures. */
static int check_job(const struct intake_host *host, struct intake_case *c,
		     long received)
{
	int failures = 0;

	failures += require_yes(host, c, "job_listed", "grant_job_listed",
				"支援金には県のマッチングサイトに掲載された"
				"求人での就職が必要です",
				"the grant needs a job listed on the "
				"prefecture's matching site");
	failures += require_yes(host, c, "job_open_ended",
				"grant_job_open_ended",
				"支援金には期間の定めのない雇用が必要です",
				"the grant needs an open-ended contract");
	failures += check_job_hours(host, c);
	return failures + check_job_tenure(host, c, received);
}

static int uij_validate(const struct intake_host *host, struct intake_case *c)
{
	long moved = 0, received = 0;
	int has_moved = host->get_date(c, "moved_in_on", &moved);
	int failures = 0;

	host->get_date(c, "received_on", &received);
	if (has_moved && moved > received) {
		host->error(c, "moved_in_on", "moved_in_after_received",
			    "転入日が受付日より後になっています",
			    "the move-in date is after the reception date");
		failures++;
	}
	if (!is_yes(host, c, "grant_requested"))
		return failures ? INTAKE_REFUSE : INTAKE_OK;
	failures += check_tokyo23(host, c);
	if (has_moved)
		failures += check_period(host, c, moved, received);
	failures += check_job(host, c, received);
	return failures ? INTAKE_REFUSE : INTAKE_OK;
}

/* Household or single amount plus an amount per child; 0 when not
 * requested. */
static int uij_derive(const struct intake_host *host, struct intake_case *c)
{
	long long children = 0, amount = 0;

	if (is_yes(host, c, "grant_requested")) {
		host->get_integer(c, "children_under_18", &children);
		amount = host->has_code(c, "household", "household")
				 ? host->rule_integer(c, "grant_household",
						      1000000)
				 : host->rule_integer(c, "grant_single",
						      600000);
		amount += children *
			  host->rule_integer(c, "grant_per_child", 1000000);
	}
	if (host->set_integer(c, "grant_amount", amount))
		return INTAKE_REFUSE;
	return INTAKE_OK;
}

/* An amount decided or paid is not above the grant_amount derived from
 * the answers (0 when the grant was not requested). */
static int uij_check_outcome(const struct intake_host *host,
			     struct intake_case *c, const char *code,
			     long yyyymmdd)
{
	long long amount, grant = 0;
	char ja[MESSAGE_SIZE], en[MESSAGE_SIZE];

	(void)yyyymmdd;
	if (!host->get_amount(c, &amount))
		return INTAKE_OK;
	host->get_integer(c, "grant_amount", &grant);
	if (amount <= grant)
		return INTAKE_OK;
	snprintf(ja, sizeof(ja), "%sの金額 %lld 円が支援金額を超えています",
		 code, amount);
	snprintf(en, sizeof(en), "the amount of %s, %lld yen, is above the "
		 "grant amount", code, amount);
	host->error(c, "grant_amount", "amount_above_grant", ja, en);
	return INTAKE_REFUSE;
}

static const struct intake_plugin uij_turn = {
	INTAKE_DESCRIPTOR_HEADER,
	.id = "uij_turn",
	.version = "1.0.0",
	.title_ja = "UIJターン就職・移住支援",
	.title_en = "UIJ-turn employment and relocation",
	.receipt_prefix = "UIJ",
	.form = "uij_turn.ini",
	.outcomes = outcomes,
	.n_outcomes = INTAKE_COUNT(outcomes),
	.validate = uij_validate,
	.derive = uij_derive,
	.check_outcome = uij_check_outcome,
	.fields = fields,
	.n_fields = INTAKE_COUNT(fields),
	.outcome_needs = outcome_needs,
	.n_outcome_needs = INTAKE_COUNT(outcome_needs),
	.amounts = amounts,
	.n_amounts = INTAKE_COUNT(amounts),
};

INTAKE_PLUGIN_EXPORT(uij_turn)
