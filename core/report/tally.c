/* Monthly and fiscal-year tallies against targets: `intake tally`. */
#include "tally.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "messages.h"
#include "store.h"
#include "util.h"
#include "verify.h"
#include "value.h"

long long achievement_hundredths(long long actual, long long target)
{
	long long hundredths;

	if (target <= 0)
		return -1;
	if (actual >= target)
		return 100;
	hundredths = (200 * actual + target) / (2 * target);
	return hundredths > 100 ? 100 : hundredths;
}

struct tally_options {
	enum report_format format;
	long month;	 /* yyyymm, or 0 */
	int fiscal_year; /* used when month is 0 */
	const char *programme;
	const char *by;
	int verify;
	int excel; /* CSV for Excel */
};

/* Counts read from the store, kept to fill the table. */
struct count {
	char *programme, *outcome, *group;
	long long events, applications;
	long long amount; /* 支給額: the sum of the amounts counted */
};

struct counts {
	struct count *items;
	size_t n, alloc;
};

static int collect(const struct store_tally_row *row, void *context)
{
	struct counts *counts = context;
	struct count *count;

	ALLOC_GROW(counts->items, counts->n + 1, counts->alloc);
	count = &counts->items[counts->n++];
	count->programme = xstrdup(row->programme);
	count->outcome = xstrdup(row->outcome);
	count->group = row->group ? xstrdup(row->group) : NULL;
	count->events = row->events;
	count->applications = row->applications;
	count->amount = row->has_amount ? row->amount : 0;
	return 0;
}

static void counts_release(struct counts *counts)
{
	size_t i;

	for (i = 0; i < counts->n; i++) {
		free(counts->items[i].programme);
		free(counts->items[i].outcome);
		free(counts->items[i].group);
	}
	free(counts->items);
}

static int same_group(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static const struct count *find_count(const struct counts *counts,
				      const char *programme,
				      const char *outcome, const char *group)
{
	size_t i;

	for (i = 0; i < counts->n; i++)
		if (!strcmp(counts->items[i].programme, programme) &&
		    !strcmp(counts->items[i].outcome, outcome) &&
		    same_group(counts->items[i].group, group))
			return &counts->items[i];
	return NULL;
}

/* What the rows of one tally share. */
struct tally {
	struct store *store;
	const struct config *config;
	const struct tally_options *opts;
	struct counts period;	 /* the month or the fiscal year */
	struct counts to_date;	 /* fiscal year to the month (--month) */
	struct report *report;
};

static void period_cell(struct tally *tally)
{
	char text[32];

	if (tally->opts->month) {
		snprintf(text, sizeof(text), "%04ld-%02ld",
			 tally->opts->month / 100, tally->opts->month % 100);
		report_text(tally->report, text);
	} else {
		report_integer(tally->report, tally->opts->fiscal_year);
	}
}

static int tally_fiscal_year(const struct tally_options *opts)
{
	return opts->month ? fiscal_year(opts->month * 100 + 1)
			   : opts->fiscal_year;
}

/* The counts, target and achievement of one row. */
static void compute_line(struct tally *tally, const struct programme *p,
			 const struct intake_outcome *outcome,
			 const char *group, struct tally_line *line)
{
	const char *id = p->plugin->id;
	const struct count *count, *to_date;

	memset(line, 0, sizeof(*line));
	line->programme = p;
	line->outcome = outcome;
	count = find_count(&tally->period, id, outcome->code, group);
	line->events = count ? count->events : 0;
	line->applications = count ? count->applications : 0;
	line->has_amount = programme_outcome_amount(p, outcome->code) != NULL;
	line->amount = line->has_amount && count ? count->amount : 0;
	line->actual = line->events;
	if (tally->opts->month) {
		to_date = find_count(&tally->to_date, id, outcome->code, group);
		line->actual = to_date ? to_date->events : 0;
	}
	line->achievement = -1;
	if (tally->opts->by ||
	    config_target(tally->config, id, outcome->code,
			  tally_fiscal_year(tally->opts), &line->target))
		return;
	line->has_target = 1;
	line->achievement = achievement_hundredths(line->actual, line->target);
}

static void tally_row(struct tally *tally, const struct programme *p,
		      const struct intake_outcome *outcome, const char *group)
{
	struct tally_line line;

	compute_line(tally, p, outcome, group, &line);
	report_text(tally->report, p->plugin->id);
	report_text(tally->report, outcome->code);
	report_text(tally->report, msg_pick(outcome->label_ja,
					    outcome->label_en));
	period_cell(tally);
	if (tally->opts->by)
		report_text(tally->report, group);
	report_integer(tally->report, line.events);
	report_integer(tally->report, line.applications);
	if (line.has_amount)
		report_integer(tally->report, line.amount);
	else
		report_null(tally->report);
	if (tally->opts->month)
		report_integer(tally->report, line.actual);
	if (line.has_target)
		report_integer(tally->report, line.target);
	else
		report_null(tally->report);
	if (line.achievement < 0)
		report_null(tally->report);
	else
		report_hundredths(tally->report, line.achievement);
	report_end_row(tally->report);
}

static void group_rows(struct tally *tally, const struct programme *p,
		       const char *group)
{
	size_t o;

	for (o = 0; o < p->plugin->n_outcomes; o++)
		tally_row(tally, p, &p->plugin->outcomes[o], group);
}

/* A group seen in the counts that the form does not offer now: no
 * answer (NULL), or a code since removed from the form. */
static int extra_group(const struct field *by, const char *group)
{
	return !group || !field_choice(by, group);
}

static int seen_before(const struct counts *counts, size_t upto,
		       const char *programme, const char *group)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (!strcmp(counts->items[i].programme, programme) &&
		    same_group(counts->items[i].group, group))
			return 1;
	return 0;
}

/*
 * One row per outcome, and with --by per outcome and choice code (a
 * count of zero is shown as zero rather than left out), then per group
 * the form no longer offers, so that the groups add up to the whole.
 */
static void programme_rows(struct tally *tally, const struct programme *p)
{
	const struct counts *counts = &tally->period;
	const struct field *by;
	size_t g, i;

	if (!tally->opts->by) {
		group_rows(tally, p, NULL);
		return;
	}
	by = form_field(&p->form, tally->opts->by);
	for (g = 0; g < by->n_choices; g++)
		group_rows(tally, p, by->choices[g].code);
	for (i = 0; i < counts->n; i++) {
		const struct count *count = &counts->items[i];

		if (!strcmp(count->programme, p->plugin->id) &&
		    extra_group(by, count->group) &&
		    !seen_before(counts, i, count->programme, count->group))
			group_rows(tally, p, count->group);
	}
}

static int is_grouping_field(const struct programme *p, const char *id)
{
	const struct field *field = form_field(&p->form, id);

	return field && field->type == FIELD_CHOICE;
}

/* The programmes the tally covers (--programme as people name it is
 * turned into its id): 0, or an exit status. */
static int check_scope(struct session *session, struct tally_options *opts)
{
	const struct registry *registry = &session->registry;
	const struct programme *named;
	size_t i, usable = 0;

	if (opts->programme) {
		named = session_programme_named(session, opts->programme);
		if (!named)
			return EXIT_USAGE;
		opts->programme = named->plugin->id;
	}
	for (i = 0; opts->by && i < registry->n_programmes; i++) {
		const struct programme *p = &registry->programmes[i];

		if (opts->programme && strcmp(opts->programme, p->plugin->id))
			continue;
		usable += is_grouping_field(p, opts->by);
	}
	if (opts->by && !usable) {
		error(msg(MSG_CMD_TALLY_BAD_BY), opts->by);
		return EXIT_USAGE;
	}
	return 0;
}

static int read_counts(struct tally *tally)
{
	const struct tally_options *opts = tally->opts;
	struct store_tally_query query = { 0 };

	query.programme = opts->programme;
	query.group = opts->by ? STORE_GROUP_FIELD : STORE_GROUP_NONE;
	query.field = opts->by;
	if (opts->month) {
		query.from_month = (long)tally_fiscal_year(opts) * 100 + 4;
		query.to_month = opts->month;
		if (store_tally(tally->store, &query, collect,
				&tally->to_date))
			return -1;
		query.from_month = opts->month;
	} else {
		query.from_month = (long)opts->fiscal_year * 100 + 4;
		query.to_month = (long)(opts->fiscal_year + 1) * 100 + 3;
	}
	return store_tally(tally->store, &query, collect, &tally->period);
}

static void begin_report(struct tally *tally)
{
	const char *columns[11];
	size_t n = 0;

	columns[n++] = "programme";
	columns[n++] = "outcome";
	columns[n++] = "label";
	columns[n++] = tally->opts->month ? "month" : "fiscal_year";
	if (tally->opts->by)
		columns[n++] = tally->opts->by;
	columns[n++] = "events";
	columns[n++] = "applications";
	columns[n++] = "amount";
	if (tally->opts->month)
		columns[n++] = "fiscal_year_to_date";
	columns[n++] = "target";
	columns[n++] = "achievement";
	tally->report = tally->opts->excel
				? report_begin_excel(stdout, columns, n)
				: report_begin(tally->opts->format, stdout,
					       columns, n);
}

static int run_tally(struct session *session, const struct tally_options *opts)
{
	struct tally tally = { session->store, &session->config, opts,
			       { 0 }, { 0 }, NULL };
	const struct registry *registry = &session->registry;
	size_t i;
	int status = 0;

	if (read_counts(&tally)) {
		status = session_store_failure(session);
		goto cleanup;
	}
	begin_report(&tally);
	for (i = 0; i < registry->n_programmes; i++) {
		const struct programme *p = &registry->programmes[i];

		if (opts->programme && strcmp(opts->programme, p->plugin->id))
			continue;
		if (opts->by && !is_grouping_field(p, opts->by))
			continue;
		programme_rows(&tally, p);
	}
	report_finish(tally.report);
cleanup:
	counts_release(&tally.period);
	counts_release(&tally.to_date);
	return status;
}

int tally_fiscal_year_lines(struct store *store,
			    const struct registry *registry,
			    const struct config *config, int fiscal_year,
			    tally_line_fn fn, void *context)
{
	struct tally_options opts = { 0 };
	struct tally tally = { store, config, &opts, { 0 }, { 0 }, NULL };
	struct tally_line line;
	size_t i, o;
	int rc = 0;

	opts.fiscal_year = fiscal_year;
	if (read_counts(&tally))
		rc = -1;
	for (i = 0; !rc && i < registry->n_programmes; i++) {
		const struct programme *p = &registry->programmes[i];

		for (o = 0; !rc && o < p->plugin->n_outcomes; o++) {
			compute_line(&tally, p, &p->plugin->outcomes[o], NULL,
				     &line);
			rc = fn(&line, context);
		}
	}
	counts_release(&tally.period);
	counts_release(&tally.to_date);
	return rc;
}

static int parse_period(const char *month, const char *fy,
			struct tally_options *opts)
{
	if (month && fy) {
		error("%s", msg(MSG_CMD_TALLY_ONE_PERIOD));
		return EXIT_USAGE;
	}
	if (month)
		return parse_month_option(month, &opts->month);
	if (fy)
		return parse_fiscal_year_option(fy, &opts->fiscal_year);
	opts->fiscal_year = fiscal_year(today_yyyymmdd());
	return 0;
}

enum { OPT_FORMAT = 1000, OPT_MONTH, OPT_FY, OPT_PROGRAMME, OPT_BY,
       OPT_VERIFY, OPT_EXCEL };

static int parse_tally_options(int argc, char **argv,
			       struct tally_options *opts)
{
	static const struct option long_options[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "month", required_argument, NULL, OPT_MONTH },
		{ "fy", required_argument, NULL, OPT_FY },
		{ "programme", required_argument, NULL, OPT_PROGRAMME },
		{ "program", required_argument, NULL, OPT_PROGRAMME },
		{ "by", required_argument, NULL, OPT_BY },
		{ "verify", no_argument, NULL, OPT_VERIFY },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	const char *month = NULL, *fy = NULL;
	int option, format_given = 0;

	opts->format = report_format_default();
	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case OPT_FORMAT:
			if (parse_format_option(optarg, &opts->format))
				return EXIT_USAGE;
			format_given = 1;
			break;
		case OPT_EXCEL: opts->excel = 1; break;
		case OPT_MONTH: month = optarg; break;
		case OPT_FY: fy = optarg; break;
		case OPT_PROGRAMME: opts->programme = optarg; break;
		case OPT_BY: opts->by = optarg; break;
		case OPT_VERIFY: opts->verify = 1; break;
		default: return option_error(argv);
		}
	}
	if (optind != argc) {
		error(msg(MSG_CMD_USAGE), "intake tally [--month YYYY-MM | "
					  "--fy YYYY] [--programme P] "
					  "[--by FIELD] [--verify] [--excel]");
		return EXIT_USAGE;
	}
	if (opts->excel && format_given && opts->format != REPORT_CSV)
		return error("%s", msg(MSG_TALLY_EXCEL_CSV)), EXIT_USAGE;
	if (opts->excel)
		opts->format = REPORT_CSV;
	return parse_period(month, fy, opts);
}

int cmd_tally(struct session *session, int argc, char **argv)
{
	struct tally_options opts = { 0 };
	int status;

	if ((status = parse_tally_options(argc, argv, &opts)) ||
	    (status = session_programmes(session)) ||
	    (status = session_store(session, STORE_READ)))
		return status;
	if (opts.verify &&
	    (status = verify_integrity(session->store, session->database)))
		return status;
	if (opts.verify)
		return verify_counts(session->store);
	if ((status = check_scope(session, &opts)))
		return status;
	return run_tally(session, &opts);
}
