/* Test plugin: every callback and every host function, with simple rules. */
#include <string.h>

#include <intake/plugin.h>

/*
 * The test double of the end-to-end tests of add, outcome and tally.
 * Programme id "every_callback", receipt prefix "TST", form
 * tests/fixtures/every_callback.ini.  Its rules:
 *
 * fields         declares amount (yen), birth_date (date), kind
 *                (choice), topics (multi, offering housing), postal
 *                (postal), doubled (yen, derived), band (text,
 *                derived), review_on (date, derived): the core refuses
 *                a form without one of them.
 * init           rule "kind_person_or_company" (what a fields list
 *                cannot say): kind offers person or company, or both;
 *                error on field kind.
 * validate       rule "amount_cap": amount must not exceed the form's
 *                rule amount_cap (1000000 in the fixture; 1000000 when
 *                absent); error on field amount.
 *                rule "born_before_received": birth_date must be before
 *                received_on; error on field birth_date.
 *                rule "housing_postal": topics holding "housing" needs a
 *                postal code; error on field postal.
 * derive         doubled = amount * 2;
 *                band = "high" when amount >= 500000, else "low";
 *                review_on = received_on + 6 months (host->format_date).
 * outcome_needs  rule "finished_after_started": "finished" needs
 *                "started" recorded on or before its date; the core
 *                checks it (ABI 1.2), before check_outcome.
 * check_outcome  rule "contacted_after_finished": no "contacted" dated
 *                after "finished"; error on the whole application
 *                (field NULL).
 * outcomes       contacted (EVERY), started (ONCE), finished (ONCE).
 * fini           forgets the host table kept by init.
 * log            init and derive write debug lines (INTAKE_DEBUG=1).
 */

#define DEFAULT_AMOUNT_CAP 1000000
#define HIGH_BAND 500000

static const struct intake_host *kept_host;

static const struct intake_outcome outcomes[] = {
	{ "contacted", "相談", "contacted", INTAKE_EVERY },
	{ "started", "開始", "started", INTAKE_ONCE },
	{ "finished", "完了", "finished", INTAKE_ONCE },
};

static const struct intake_outcome_need outcome_needs[] = {
	{ "finished", "started", "finished_after_started",
	  "完了の前に開始を記録してください",
	  "record started (on or before this date) before finished" },
};

static const struct intake_field_need fields[] = {
	{ "amount", "yen", NULL },
	{ "birth_date", "date", NULL },
	{ "kind", "choice", NULL },
	{ "topics", "multi", "housing" },
	{ "postal", "postal", NULL },
	{ "doubled", "yen", NULL },
	{ "band", "text", NULL },
	{ "review_on", "date", NULL },
};

static int every_init(const struct intake_host *host, struct intake_case *c)
{
	host->log(c, INTAKE_LOG_DEBUG, "every_callback: init");
	kept_host = host;
	if (host->has_choice(c, "kind", "person") ||
	    host->has_choice(c, "kind", "company"))
		return INTAKE_OK;
	host->error(c, "kind", "kind_person_or_company",
		    "区分に person か company の選択肢が必要です",
		    "kind needs a choice person or company");
	return INTAKE_REFUSE;
}

static int check_amount(const struct intake_host *host, struct intake_case *c)
{
	long long amount, cap;

	cap = host->rule_integer(c, "amount_cap", DEFAULT_AMOUNT_CAP);
	if (!host->get_integer(c, "amount", &amount) || amount <= cap)
		return INTAKE_OK;
	host->error(c, "amount", "amount_cap", "申請額が上限を超えています",
		    "the amount is above the cap (rule amount_cap)");
	return INTAKE_REFUSE;
}

static int check_birth(const struct intake_host *host, struct intake_case *c)
{
	long birth, received;

	if (!host->get_date(c, "birth_date", &birth) ||
	    !host->get_date(c, "received_on", &received) || birth < received)
		return INTAKE_OK;
	host->error(c, "birth_date", "born_before_received",
		    "生年月日は受付日より前の日付にしてください",
		    "the date of birth must be before the reception date");
	return INTAKE_REFUSE;
}

static int check_postal(const struct intake_host *host, struct intake_case *c)
{
	const char *postal;

	if (!host->has_code(c, "topics", "housing") ||
	    host->get_text(c, "postal", &postal))
		return INTAKE_OK;
	host->error(c, "postal", "housing_postal",
		    "住まいの相談には郵便番号が必要です",
		    "a postal code is needed for housing");
	return INTAKE_REFUSE;
}

static int every_validate(const struct intake_host *host,
			  struct intake_case *c)
{
	int rc = INTAKE_OK;

	rc |= check_amount(host, c);
	rc |= check_birth(host, c);
	rc |= check_postal(host, c);
	return rc ? INTAKE_REFUSE : INTAKE_OK;
}

static int every_derive(const struct intake_host *host, struct intake_case *c)
{
	long long amount;
	long received, review;
	char iso[11];

	if (host->get_integer(c, "amount", &amount)) {
		host->set_integer(c, "doubled", amount * 2);
		host->set_text(c, "band", amount >= HIGH_BAND ? "high" : "low");
	}
	if (host->get_date(c, "received_on", &received)) {
		review = host->date_add_months(received, 6);
		host->format_date(review, iso, sizeof(iso));
		host->set_text(c, "review_on", iso);
	}
	host->log(c, INTAKE_LOG_DEBUG, "every_callback: derived");
	return INTAKE_OK;
}

static int every_check_outcome(const struct intake_host *host,
			       struct intake_case *c, const char *code,
			       long yyyymmdd)
{
	if (strcmp(code, "contacted") || !host->outcome_count(c, "finished") ||
	    yyyymmdd <= host->outcome_first_date(c, "finished"))
		return INTAKE_OK;
	host->error(c, NULL, "contacted_after_finished",
		    "完了の日より後の相談は記録できません",
		    "no contact can be recorded after the finished date");
	return INTAKE_REFUSE;
}

static void every_fini(void)
{
	kept_host = NULL;
}

static const struct intake_plugin every_callback = {
	INTAKE_DESCRIPTOR_HEADER,
	"every_callback",
	"1.2.3",
	"全コールバック試験",
	"Every callback test",
	"TST",
	"every_callback.ini",
	outcomes,
	INTAKE_COUNT(outcomes),
	every_init,
	every_validate,
	every_derive,
	every_check_outcome,
	every_fini,
	fields,
	INTAKE_COUNT(fields),
	outcome_needs,
	INTAKE_COUNT(outcome_needs),
	NULL,
	0,
	NULL,
	0,
};

INTAKE_PLUGIN_EXPORT(every_callback)
