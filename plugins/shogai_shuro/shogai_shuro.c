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

/* 1 when code was recorded on or before yyyymmdd. */
static int recorded_by(const struct intake_host *host, struct intake_case *c,
		       const char *code, long yyyymmdd)
{
	long first = host->outcome_first_date(c, code);

	return first && first <= yyyymmdd;
}

/* Refuse unless needed was recorded on or before yyyymmdd. */
static int need_outcome(const struct intake_host *host, struct intake_case *c,
			long yyyymmdd, const char *needed, const char *rule,
			const char *label_ja)
{
	char ja[256], en[256];

	if (recorded_by(host, c, needed, yyyymmdd))
		return INTAKE_OK;
	snprintf(ja, sizeof(ja), "先に%s (この日付以前) を記録してください",
		 label_ja);
	snprintf(en, sizeof(en), "record %s first (on or before this date)",
		 needed);
	host->error(c, NULL, rule, ja, en);
	return INTAKE_REFUSE;
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

/* 定着: employed, and the retention period since the first 就職 passed. */
static int check_retained(const struct intake_host *host,
			  struct intake_case *c, long yyyymmdd)
{
	long long months = host->rule_integer(c, "retention_months",
					      RETENTION_MONTHS);
	long employed = host->outcome_first_date(c, "employed"), from;
	char iso[ISO_SIZE], ja[256], en[256];

	if (!employed || employed > yyyymmdd)
		return need_outcome(host, c, yyyymmdd, "employed",
				    "retained_needs_employed", "就職");
	from = host->date_add_months(employed, (int)months);
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

/* May outcome code be recorded on yyyymmdd? */
static int sgs_check_outcome(const struct intake_host *host,
			     struct intake_case *c, const char *code,
			     long yyyymmdd)
{
	if (!strcmp(code, "enrolled"))
		return need_outcome(host, c, yyyymmdd, "applied",
				    "enrolled_needs_applied", "応募");
	if (!strcmp(code, "completed"))
		return need_outcome(host, c, yyyymmdd, "enrolled",
				    "completed_needs_enrolled", "入校");
	if (!strcmp(code, "employed") && in_training(host, c))
		return need_outcome(host, c, yyyymmdd, "enrolled",
				    "employed_needs_enrolled", "入校");
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
};

INTAKE_PLUGIN_EXPORT(descriptor)
