/* The fiscal-year report's figures, read from the store's tallies. */
#include "kpi.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "form.h"
#include "messages.h"
#include "plugin.h"
#include "store.h"
#include "tally.h"
#include "util.h"

long long ratio_hundredths(long long actual, long long target)
{
	if (target <= 0 || actual < 0)
		return -1;
	return (200 * actual + target) / (2 * target);
}

/* The month after yyyymm. */
static long next_month(long yyyymm)
{
	return yyyymm % 100 == 12 ? (yyyymm / 100 + 1) * 100 + 1 : yyyymm + 1;
}

/* April (0) to March (11) of the month yyyymm, or -1 if not a month. */
static int month_index(long yyyymm)
{
	long month = yyyymm % 100;

	if (month < 1 || month > 12)
		return -1;
	return (int)((month + 8) % 12);
}

/* "YYYY-MM" to yyyymm; 0 when it is not one. */
static long month_of_text(const char *text)
{
	long year = 0, month = 0;
	int i;

	if (!text || strlen(text) != 7 || text[4] != '-')
		return 0;
	for (i = 0; i < 7; i++) {
		if (i == 4)
			continue;
		if (text[i] < '0' || text[i] > '9')
			return 0;
		if (i < 4)
			year = year * 10 + (text[i] - '0');
		else
			month = month * 10 + (text[i] - '0');
	}
	return year * 100 + month;
}

static struct kpi_programme *find_programme(struct kpi_report *report,
					    const char *id)
{
	size_t i;

	for (i = 0; id && i < report->n_programmes; i++)
		if (!strcmp(report->programmes[i].programme->plugin->id, id))
			return &report->programmes[i];
	return NULL;
}

/* The index of an outcome code among the programme's, or -1. */
static long indicator_index(const struct kpi_programme *kp, const char *code)
{
	size_t i;

	for (i = 0; code && i < kp->n_indicators; i++)
		if (!strcmp(kp->indicators[i].outcome->code, code))
			return (long)i;
	return -1;
}

static struct kpi_indicator *find_indicator(struct kpi_report *report,
					    const struct store_tally_row *row)
{
	struct kpi_programme *kp = find_programme(report, row->programme);
	long i = kp ? indicator_index(kp, row->outcome) : -1;

	return i < 0 ? NULL : &kp->indicators[i];
}

/* What a store walk fills in, and which figure it is. */
enum kpi_figure { FIG_PERIOD, FIG_PREVIOUS, FIG_MONTHLY };

struct kpi_walk {
	struct kpi_report *report;
	enum kpi_figure figure;
	struct kpi_breakdown *breakdowns; /* grouped walks */
	size_t n_breakdowns;
};

static int take_received(const struct store_tally_row *row, void *context)
{
	struct kpi_walk *walk = context;
	struct kpi_programme *kp = find_programme(walk->report,
						  row->programme);
	int m;

	if (!kp)
		return 0;
	if (walk->figure == FIG_PERIOD)
		kp->received += row->events;
	else if (walk->figure == FIG_PREVIOUS)
		kp->previous_received += row->events;
	else if ((m = month_index(month_of_text(row->group))) >= 0)
		kp->monthly_received[m] += row->events;
	return 0;
}

static int take_outcomes(const struct store_tally_row *row, void *context)
{
	struct kpi_walk *walk = context;
	struct kpi_indicator *ind = find_indicator(walk->report, row);
	long long amount = row->has_amount ? row->amount : 0;
	int m;

	if (!ind)
		return 0;
	if (walk->figure == FIG_PERIOD) {
		ind->actual += row->events;
		ind->people += row->applications;
		ind->amount += amount;
	} else if (walk->figure == FIG_PREVIOUS) {
		ind->previous += row->events;
		ind->previous_amount += amount;
	} else if ((m = month_index(month_of_text(row->group))) >= 0) {
		ind->monthly[m] += row->events;
	}
	return 0;
}

static void query_init(struct store_tally_query *query,
		       const struct kpi_report *report,
		       const struct kpi_request *request, int years_back)
{
	memset(query, 0, sizeof(*query));
	query->from_month = report->from_month - years_back * 100L;
	query->to_month = report->to_month - years_back * 100L;
	query->programme = request->programme;
	query->office = request->office;
}

/* 受付件数 and outcomes of the year before and per month (those of the
 * period come with the offices: read_by_office). */
static int read_totals(struct kpi_report *report, struct store *store,
		       const struct kpi_request *request)
{
	struct store_tally_query query;
	struct kpi_walk walk = { report, FIG_MONTHLY, NULL, 0 };

	query_init(&query, report, request, 0);
	query.group = STORE_GROUP_MONTH;
	if (store_received(store, &query, take_received, &walk) ||
	    store_tally(store, &query, take_outcomes, &walk))
		return -1;
	query_init(&query, report, request, 1);
	walk.figure = FIG_PREVIOUS;
	if (store_received(store, &query, take_received, &walk) ||
	    store_tally(store, &query, take_outcomes, &walk))
		return -1;
	return 0;
}

static void indicator_init(struct kpi_indicator *ind,
			   const struct programme *p,
			   const struct intake_outcome *outcome,
			   const struct config *config, int fiscal_year)
{
	memset(ind, 0, sizeof(*ind));
	ind->outcome = outcome;
	ind->distinct = outcome->once;
	ind->has_amount = programme_outcome_amount(p, outcome->code) != NULL;
	ind->achievement = ind->ratio = -1;
	ind->has_target = !config_target(config, p->plugin->id, outcome->code,
					 fiscal_year, &ind->target);
}

static void indicator_finish(struct kpi_indicator *ind)
{
	if (!ind->has_target)
		return;
	ind->achievement = achievement_hundredths(ind->actual, ind->target);
	ind->ratio = ratio_hundredths(ind->actual, ind->target);
}

static void add_programmes(struct kpi_report *report,
			   const struct registry *registry,
			   const struct config *config,
			   const struct kpi_request *request)
{
	size_t i, o;

	report->programmes = xcalloc(registry->n_programmes + 1,
				     sizeof(*report->programmes));
	for (i = 0; i < registry->n_programmes; i++) {
		const struct programme *p = &registry->programmes[i];
		struct kpi_programme *kp;

		if (request->programme &&
		    strcmp(request->programme, p->plugin->id))
			continue;
		kp = &report->programmes[report->n_programmes++];
		kp->programme = p;
		kp->n_indicators = p->plugin->n_outcomes;
		kp->indicators = xcalloc(kp->n_indicators + 1,
					 sizeof(*kp->indicators));
		for (o = 0; o < kp->n_indicators; o++)
			indicator_init(&kp->indicators[o], p,
				       &p->plugin->outcomes[o], config,
				       report->fiscal_year);
	}
}

/* The period: April of the fiscal year to request->month or March. */
static int set_period(struct kpi_report *report,
		      const struct kpi_request *request)
{
	long last;

	report->fiscal_year = request->fiscal_year;
	report->from_month = (long)request->fiscal_year * 100 + 4;
	last = (long)(request->fiscal_year + 1) * 100 + 3;
	report->to_month = request->month ? request->month : last;
	if (report->to_month < report->from_month || report->to_month > last ||
	    month_index(report->to_month) < 0)
		return error(msg(MSG_KPI_MONTH_OUTSIDE), report->to_month / 100,
			     report->to_month % 100, request->fiscal_year);
	report->months = month_index(report->to_month) + 1;
	report->provisional =
		request->today < next_month(report->to_month) * 100 + 1;
	return 0;
}

static void set_generated(struct kpi_report *report,
			  const struct kpi_request *request)
{
	time_t now = time(NULL);
	struct tm local;

	report->generated_by = xstrdup(request->generated_by
					       ? request->generated_by
					       : "");
	if (localtime_r(&now, &local))
		strftime(report->generated_at, sizeof(report->generated_at),
			 "%Y-%m-%d %H:%M", &local);
}

/* What a breakdown walk fills in. */
struct breakdown_walk {
	struct kpi_report *report;
	struct kpi_breakdown *breakdowns;
	size_t n_breakdowns;
	const char *by; /* the field; NULL: by office */
	struct kpi_walk *totals; /* also the programme's figures; NULL */
};

static struct kpi_breakdown *walk_breakdown(struct breakdown_walk *walk,
					    const char *programme)
{
	size_t i;

	for (i = 0; i < walk->n_breakdowns; i++)
		if (!strcmp(walk->breakdowns[i].of->programme->plugin->id,
			    programme))
			return &walk->breakdowns[i];
	return NULL;
}

static const struct field *breakdown_field(const struct kpi_breakdown *b,
					   const char *by)
{
	return by ? form_field(&b->of->programme->form, by) : NULL;
}

static char *group_label(const struct field *by, const char *code)
{
	const struct choice *choice;

	if (!code)
		return xstrdup(msg_in(LANG_JA, by ? MSG_KPI_UNANSWERED
						  : MSG_KPI_NO_OFFICE));
	choice = by ? field_choice(by, code) : NULL;
	if (!choice)
		return xstrdup(code);
	return xstrdup(msg_pick_in(LANG_JA, choice->label_ja,
				   choice->label_en));
}

static struct kpi_group *add_group(struct kpi_breakdown *b,
				   const struct field *by, const char *code)
{
	struct kpi_group *group;
	size_t alloc = b->n_groups;

	b->groups = xgrow(b->groups, b->n_groups + 1, &alloc,
			  sizeof(*b->groups));
	group = &b->groups[b->n_groups++];
	group->code = code ? xstrdup(code) : NULL;
	group->label = group_label(by, code);
	group->received = 0;
	group->events = xcalloc(b->of->n_indicators + 1,
				sizeof(*group->events));
	return group;
}

static int same_code(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The group of code, added when first seen (groups are few). */
static struct kpi_group *group_of(struct kpi_breakdown *b,
				  const struct field *by, const char *code)
{
	size_t g;

	for (g = 0; g < b->n_groups; g++)
		if (same_code(b->groups[g].code, code))
			return &b->groups[g];
	return add_group(b, by, code);
}

static int take_group(const struct store_tally_row *row, void *context)
{
	struct breakdown_walk *walk = context;
	struct kpi_breakdown *b = walk_breakdown(walk, row->programme);
	struct kpi_group *group;
	const char *code;
	long i;

	if (!b)
		return 0;
	if (walk->totals && row->outcome)
		take_outcomes(row, walk->totals);
	else if (walk->totals)
		take_received(row, walk->totals);
	/* An office stored empty is no office. */
	code = row->group && *row->group ? row->group : NULL;
	group = group_of(b, breakdown_field(b, walk->by), code);
	if (!row->outcome) {
		group->received += row->events;
		return 0;
	}
	i = indicator_index(b->of, row->outcome);
	if (i >= 0)
		group->events[i] += row->events;
	return 0;
}
/* Put the group without a code (no office, unanswered) last. */
static void null_group_last(struct kpi_breakdown *b)
{
	struct kpi_group none;
	size_t g;

	for (g = 0; g + 1 < b->n_groups; g++)
		if (!b->groups[g].code)
			break;
	if (g + 1 >= b->n_groups)
		return;
	none = b->groups[g];
	memmove(&b->groups[g], &b->groups[g + 1],
		(b->n_groups - g - 1) * sizeof(*b->groups));
	b->groups[b->n_groups - 1] = none;
}

static int by_office_code(const void *a, const void *b)
{
	const struct kpi_group *x = a, *y = b;

	if (!x->code || !y->code)
		return !x->code - !y->code;
	return strcmp(x->code, y->code);
}

static int read_groups(struct breakdown_walk *walk, struct store *store,
		       const struct kpi_request *request)
{
	struct store_tally_query query;
	size_t i;

	query_init(&query, walk->report, request, 0);
	query.group = walk->by ? STORE_GROUP_FIELD : STORE_GROUP_OFFICE;
	query.field = walk->by;
	if (store_received(store, &query, take_group, walk) ||
	    store_tally(store, &query, take_group, walk))
		return -1;
	for (i = 0; i < walk->n_breakdowns; i++) {
		struct kpi_breakdown *b = &walk->breakdowns[i];

		if (walk->by)
			null_group_last(b);
		else if (b->n_groups) /* qsort(NULL, 0): undefined */
			qsort(b->groups, b->n_groups, sizeof(*b->groups),
			      by_office_code);
	}
	return 0;
}

/* 事務所別, and from it the programmes' figures of the period: an
 * application has one office, so people (実) add up across offices and
 * one scan of the period's outcomes serves both. */
static int read_by_office(struct kpi_report *report, struct store *store,
			  const struct kpi_request *request)
{
	struct kpi_walk totals = { report, FIG_PERIOD, NULL, 0 };
	struct breakdown_walk walk = { report, NULL, report->n_programmes,
				       NULL, &totals };
	size_t i;

	report->by_office = xcalloc(report->n_programmes + 1,
				    sizeof(*report->by_office));
	for (i = 0; i < report->n_programmes; i++) {
		report->by_office[i].of = &report->programmes[i];
		report->by_office[i].title =
			xstrdup(msg_in(LANG_JA, MSG_KPI_SHEET_OFFICE));
	}
	walk.breakdowns = report->by_office;
	return read_groups(&walk, store, request);
}

/* A breakdown by the choice field by of each programme that has one,
 * every code of the form first. */
static int read_by_field(struct kpi_report *report, struct store *store,
			 const struct kpi_request *request)
{
	struct breakdown_walk walk = { report, NULL, 0, request->by, NULL };
	size_t i, c;

	report->by_field = xcalloc(report->n_programmes + 1,
				   sizeof(*report->by_field));
	for (i = 0; i < report->n_programmes; i++) {
		const struct programme *p = report->programmes[i].programme;
		const struct field *by = form_field(&p->form, request->by);
		struct kpi_breakdown *b;

		if (!by || by->type != FIELD_CHOICE)
			continue;
		b = &report->by_field[report->n_by_field++];
		b->of = &report->programmes[i];
		b->title = xstrdup(msg_pick_in(LANG_JA, by->label_ja,
					       by->label_en));
		for (c = 0; c < by->n_choices; c++)
			add_group(b, by, by->choices[c].code);
	}
	walk.breakdowns = report->by_field;
	walk.n_breakdowns = report->n_by_field;
	return read_groups(&walk, store, request);
}

static int read_breakdowns(struct kpi_report *report, struct store *store,
			   const struct kpi_request *request)
{
	if (read_by_office(report, store, request))
		return -1;
	return request->by ? read_by_field(report, store, request) : 0;
}

int kpi_report_build(struct kpi_report *report, struct store *store,
		     const struct registry *registry,
		     const struct config *config,
		     const struct kpi_request *request)
{
	size_t i, o;

	memset(report, 0, sizeof(*report));
	if (set_period(report, request))
		return -1;
	set_generated(report, request);
	add_programmes(report, registry, config, request);
	if (store_audit_head(store, report->audit_head) ||
	    read_totals(report, store, request) ||
	    read_breakdowns(report, store, request)) {
		kpi_report_release(report);
		return -1;
	}
	for (i = 0; i < report->n_programmes; i++)
		for (o = 0; o < report->programmes[i].n_indicators; o++)
			indicator_finish(&report->programmes[i].indicators[o]);
	return 0;
}

static void breakdown_release(struct kpi_breakdown *breakdown)
{
	size_t g;

	for (g = 0; g < breakdown->n_groups; g++) {
		free(breakdown->groups[g].code);
		free(breakdown->groups[g].label);
		free(breakdown->groups[g].events);
	}
	free(breakdown->groups);
	free(breakdown->title);
}

void kpi_report_release(struct kpi_report *report)
{
	size_t i;

	for (i = 0; report->by_office && i < report->n_programmes; i++)
		breakdown_release(&report->by_office[i]);
	for (i = 0; i < report->n_by_field; i++)
		breakdown_release(&report->by_field[i]);
	for (i = 0; i < report->n_programmes; i++)
		free(report->programmes[i].indicators);
	free(report->by_office);
	free(report->by_field);
	free(report->programmes);
	free(report->generated_by);
	memset(report, 0, sizeof(*report));
}

char *kpi_indicator_label(const struct kpi_indicator *indicator,
			  enum language language)
{
	const struct intake_outcome *outcome = indicator->outcome;
	const char *label = msg_pick_in(language, outcome->label_ja,
					outcome->label_en);

	return xstrfmt(msg_in(language, indicator->distinct ? MSG_KPI_PEOPLE
							      : MSG_KPI_EVENTS),
		       *label ? label : outcome->code);
}

char *kpi_period_text(const struct kpi_report *report)
{
	const char *state = msg_in(LANG_JA, report->provisional
						    ? MSG_KPI_PROVISIONAL
						    : MSG_KPI_FINAL);

	if (report->months == KPI_MONTHS)
		return xstrfmt(msg_in(LANG_JA, MSG_KPI_PERIOD_YEAR),
			       report->fiscal_year, state);
	return xstrfmt(msg_in(LANG_JA, MSG_KPI_PERIOD_MONTHS),
		       report->fiscal_year, report->to_month % 100, state);
}
