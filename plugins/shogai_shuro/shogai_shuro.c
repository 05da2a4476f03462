/* shogai_shuro: employment of people with disabilities (障がい者就労). */
#include <stdio.h>
#include <string.h>

#include <intake/plugin.h>

/* Rule defaults; the form's [rules] section overrides each. */
#define RETENTION_MONTHS 6 /* [rules] retention_months: 定着 */
#define HOURS_FULL 30      /* [rules] hours_full: counts as one person */
#define HOURS_SHORT 20     /* [rules] hours_short: counts as a half */
#define EMPLOYED_MIN_HOURS 1 /* [rules] employed_course_min_hours */

#define ISO_SIZE 11 /* "YYYY-MM-DD" */

static const struct intake_outcome outcomes[] = {
	{ "applied", "応募", "applied", INTAKE_ONCE },
	{ "enrolled", "入校", "enrolled", INTAKE_ONCE },
	{ "completed", "修了", "completed the course", INTAKE_ONCE },
	{ "employed", "就職", "employed", INTAKE_ONCE },
	{ "retained_6m", "定着", "still employed after 6 months",
	  INTAKE_ONCE },
	{ "employment_continued", "雇用継続", "employment continued",
	  INTAKE_ONCE },
};

/* Outcomes that follow another one, on or before their date; the core
 * checks them when an outcome is recorded.  A trainee's 就職 needs 入校
 * too, but only on a training course: sgs_check_outcome says that. */
static const struct intake_outcome_need outcome_needs[] = {
	{ "enrolled", "applied", "enrolled_needs_applied",
	  "先に応募 (この日付以前) を記録してください",
	  "record applied first (on or before this date)" },
	{ "completed", "enrolled", "completed_needs_enrolled",
	  "先に入校 (この日付以前) を記録してください",
	  "record enrolled first (on or before this date)" },
	{ "retained_6m", "employed", "retained_needs_employed",
	  "先に就職 (この日付以前) を記録してください",
	  "record employed first (on or before this date)" },
};

/* 定着 falls due retention_months after 就職 (DOMAIN: still employed 6
 * months after the job started): `intake due` lists the cases to call. */
static const struct intake_follow_up follow_ups[] = {
	{ "retained_6m", "employed", RETENTION_MONTHS, "retention_months" },
};

/* The fields the plugin reads or sets; the core checks them in the form. */
static const struct intake_field_need fields[] = {
	{ "course", "choice", "knowledge,practical,special_school,employed" },
	{ "weekly_hours", "integer", NULL },
	{ "hours_band", "choice", "full,short,under,none" },
};

/* Courses that train: their trainees are employed only after 入校. */
static const char *const training_courses[] = {
	"knowledge",
	"practical",
	"special_school",
};

/* A worker in the 在職者 course has contracted hours. */
static int sgs_validate(const struct intake_host *host, struct intake_case *c)
{
	long long hours, least;
	char ja[256], en[256];

	least = host->rule_integer(c, "employed_course_min_hours",
				   EMPLOYED_MIN_HOURS);
	if (!host->has_code(c, "course", "employed") ||
	    !host->get_integer(c, "weekly_hours", &hours) || hours >= least)
		return INTAKE_OK;
	snprintf(ja, sizeof(ja), "在職者コースでは週所定労働時間を %lld "
		 "時間以上で入力してください", least);
	snprintf(en, sizeof(en), "at least %lld contracted hours a week for "
		 "the in-service (employed) course", least);
	host->error(c, "weekly_hours", "employed_course_hours", ja, en);
	return INTAKE_REFUSE;
}

/* hours_band: how the weekly hours count towards the statutory rate. */
static int sgs_derive(const struct intake_host *host, struct intake_case *c)
{
	long long hours;
	const char *band = "under";

	if (!host->get_integer(c, "weekly_hours", &hours))
		return INTAKE_OK;
	if (hours >= host->rule_integer(c, "hours_full", HOURS_FULL))
		band = "full";
	else if (hours >= host->rule_integer(c, "hours_short", HOURS_SHORT))
		band = "short";
	else if (hours == 0)
		band = "none";
	host->set_text(c, "hours_band", band);
	return INTAKE_OK;
}

/* 1 when the application's course is a training course. */
static int in_training(const struct intake_host *host, struct intake_case *c)
{
	size_t i;

	for (i = 0; i < INTAKE_COUNT(training_courses); i++)
		if (host->has_code(c, "course", training_courses[i]))
			return 1;
	return 0;
}

/* A trainee's 就職 needs 入校 on or before its date. */
static int check_employed(const struct intake_host *host,
			  struct intake_case *c, long yyyymmdd)
{
	long enrolled;

	if (!in_training(host, c))
		return INTAKE_OK;
	enrolled = host->outcome_first_date(c, "enrolled");
	if (enrolled && enrolled <= yyyymmdd)
		return INTAKE_OK;
	host->error(c, NULL, "employed_needs_enrolled",
		    "先に入校 (この日付以前) を記録してください",
		    "record enrolled first (on or before this date)");
	return INTAKE_REFUSE;
}

/* 定着: the retention period since the first 就職 (a declared need)
 * passed. */
static int check_retained(const struct intake_host *host,
			  struct intake_case *c, long yyyymmdd)
{
	long long months = host->rule_integer(c, "retention_months",
					      RETENTION_MONTHS);
	long employed = host->outcome_first_date(c, "employed");
	long from = host->date_add_months(employed, (int)months);
	char iso[ISO_SIZE], ja[256], en[256];

	if (yyyymmdd >= from)
		return INTAKE_OK;
	host->format_date(from, iso, sizeof(iso));
	snprintf(ja, sizeof(ja), "定着は就職から%lldか月後 (%s) 以降に記録"
		 "できます", months, iso);
	snprintf(en, sizeof(en), "retention can be recorded %lld months "
		 "after employment, from %s", months, iso);
	host->error(c, NULL, "retained_after_months", ja, en);
	return INTAKE_REFUSE;
}

/* 雇用継続 is the outcome of the 在職者 (employed) course only. */
static int check_continued(const struct intake_host *host,
			   struct intake_case *c)
{
	if (host->has_code(c, "course", "employed"))
		return INTAKE_OK;
	host->error(c, "course", "continued_needs_employed_course",
		    "雇用継続は在職者コースのみ記録できます",
		    "employment continued is recorded for the in-service "
		    "(employed) course only");
	return INTAKE_REFUSE;
}

/* May outcome code be recorded on yyyymmdd?  The declared needs hold. */
static int sgs_check_outcome(const struct intake_host *host,
			     struct intake_case *c, const char *code,
			     long yyyymmdd)
{
	if (!strcmp(code, "employed"))
		return check_employed(host, c, yyyymmdd);
	if (!strcmp(code, "retained_6m"))
		return check_retained(host, c, yyyymmdd);
	if (!strcmp(code, "employment_continued"))
		return check_continued(host, c);
	return INTAKE_OK;
}

static const struct intake_plugin descriptor = {
	INTAKE_DESCRIPTOR_HEADER,
	.id = "shogai_shuro",
	.version = "1.0.0",
	.title_ja = "障がい者就労支援",
	.title_en = "Employment of people with disabilities",
	.receipt_prefix = "SGS",
	.form = "shogai_shuro.ini",
	.outcomes = outcomes,
	.n_outcomes = INTAKE_COUNT(outcomes),
	.validate = sgs_validate,
	.derive = sgs_derive,
	.check_outcome = sgs_check_outcome,
	.fields = fields,
	.n_fields = INTAKE_COUNT(fields),
	.outcome_needs = outcome_needs,
	.n_outcome_needs = INTAKE_COUNT(outcome_needs),
	.follow_ups = follow_ups,
	.n_follow_ups = INTAKE_COUNT(follow_ups),
};

INTAKE_PLUGIN_EXPORT(descriptor)
