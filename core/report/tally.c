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
	const char *by;		      /* as given, or NULL */
	enum store_tally_group group; /* what --by names */
	const char *field;	      /* STORE_GROUP_FIELD: the field id */
	int verify;
	int excel;   /* CSV for Excel */
	int compare; /* the previous fiscal year's same period beside */
	enum output_encoding encoding; /* CSV only */
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

static const struct count *find_count(const struct counts *counts,
				      const char *programme,
				      const char *outcome, const char *group);

/* An empty group (a case taken with no office configured) is no group,
 * as NULL is: the two are one row, their counts added (an application
 * is in one or the other, so applications add up too). */
static int collect(const struct store_tally_row *row, void *context)
{
	struct counts *counts = context;
	const char *group = row->group && *row->group ? row->group : NULL;
	struct count *count;

	count = group ? NULL
		      : (struct count *)find_count(counts, row->programme,
						   row->outcome, NULL);
	if (!count) {
		ALLOC_GROW(counts->items, counts->n + 1, counts->alloc);
		count = &counts->items[counts->n++];
		memset(count, 0, sizeof(*count));
		count->programme = xstrdup(row->programme);
		count->outcome = xstrdup(row->outcome);
		count->group = group ? xstrdup(group) : NULL;
	}
	count->events += row->events;
	count->applications += row->applications;
	count->amount += row->has_amount ? row->amount : 0;
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

/* The spans a tally reads: the month or the fiscal year, the fiscal
 * year to the month (--month), and the same a year before (--compare). */
enum span { SPAN_PERIOD, SPAN_TO_DATE, SPAN_PREVIOUS, SPAN_PREVIOUS_TO_DATE,
	    SPAN_COUNT };

/* What the rows of one tally share. */
struct tally {
	struct store *store;
	const struct config *config;
	const struct tally_options *opts;
	struct counts spans[SPAN_COUNT];
	struct report *report;
};

static void tally_release(struct tally *tally)
{
	size_t i;

	for (i = 0; i < SPAN_COUNT; i++)
		counts_release(&tally->spans[i]);
}

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

/* The events and applications of one span for a row. */
static void span_counts(const struct tally *tally, enum span span,
			const char *programme, const char *outcome,
			const char *group, long long *events,
			long long *applications)
{
	const struct count *count =
		find_count(&tally->spans[span], programme, outcome, group);

	*events = count ? count->events : 0;
	if (applications)
		*applications = count ? count->applications : 0;
}

static void previous_line(struct tally *tally, const char *id,
			  const char *code, const char *group,
			  struct tally_line *line)
{
	span_counts(tally, SPAN_PREVIOUS, id, code, group,
		    &line->previous_events, &line->previous_applications);
	line->previous_actual = line->previous_events;
	if (tally->opts->month)
		span_counts(tally, SPAN_PREVIOUS_TO_DATE, id, code, group,
			    &line->previous_actual, NULL);
}

/* The counts, target and achievement of one row. */
static void compute_line(struct tally *tally, const struct programme *p,
			 const struct intake_outcome *outcome,
			 const char *group, struct tally_line *line)
{
	const char *id = p->plugin->id;
	const struct count *count;

	memset(line, 0, sizeof(*line));
	line->programme = p;
	line->outcome = outcome;
	count = find_count(&tally->spans[SPAN_PERIOD], id, outcome->code,
			   group);
	line->events = count ? count->events : 0;
	line->applications = count ? count->applications : 0;
	line->has_amount = programme_outcome_amount(p, outcome->code) != NULL;
	line->amount = line->has_amount && count ? count->amount : 0;
	line->actual = line->events;
	if (tally->opts->month)
		span_counts(tally, SPAN_TO_DATE, id, outcome->code, group,
			    &line->actual, NULL);
	if (tally->opts->compare)
		previous_line(tally, id, outcome->code, group, line);
	line->achievement = -1;
	if (tally->opts->by ||
	    config_target(tally->config, id, outcome->code,
			  tally_fiscal_year(tally->opts), &line->target))
		return;
	line->has_target = 1;
	line->achievement = achievement_hundredths(line->actual, line->target);
}

/* A group as people read it: a choice's label in the current language
 * (a code the form no longer offers as it is); office and staff as
 * stored; no group said in words (未回答, 事務所なし); JSON keeps codes
 * and null. */
static const char *group_text(const struct tally *tally,
			      const struct programme *p, const char *group)
{
	const struct choice *choice;

	if (tally->opts->format == REPORT_JSON)
		return group;
	if (!group && tally->opts->group == STORE_GROUP_FIELD)
		return msg(MSG_KPI_UNANSWERED);
	if (!group)
		return msg(tally->opts->group == STORE_GROUP_OFFICE
				   ? MSG_KPI_NO_OFFICE
				   : MSG_TALLY_NO_STAFF);
	if (tally->opts->group != STORE_GROUP_FIELD)
		return group;
	choice = field_choice(form_field(&p->form, tally->opts->field),
			      group);
	return choice ? msg_pick(choice->label_ja, choice->label_en) : group;
}

/* Programme and outcome: ids and labels in JSON, labels elsewhere. */
static void name_cells(struct tally *tally, const struct programme *p,
		       const struct intake_outcome *outcome)
{
	const char *outcome_label = msg_pick(outcome->label_ja,
					     outcome->label_en);

	if (tally->opts->format != REPORT_JSON) {
		report_text(tally->report, programme_title(p));
		report_text(tally->report, outcome_label);
		return;
	}
	report_text(tally->report, p->plugin->id);
	report_text(tally->report, programme_title(p));
	report_text(tally->report, outcome->code);
	report_text(tally->report, outcome_label);
}

static void optional_integer(struct report *report, int has, long long value)
{
	if (has)
		report_integer(report, value);
	else
		report_null(report);
}

static void previous_cells(struct tally *tally, const struct tally_line *line)
{
	report_integer(tally->report, line->previous_events);
	report_integer(tally->report, line->previous_applications);
	if (tally->opts->month)
		report_integer(tally->report, line->previous_actual);
	report_integer(tally->report, line->events - line->previous_events);
}

static void tally_row(struct tally *tally, const struct programme *p,
		      const struct intake_outcome *outcome, const char *group)
{
	struct tally_line line;

	compute_line(tally, p, outcome, group, &line);
	name_cells(tally, p, outcome);
	period_cell(tally);
	if (tally->opts->by)
		report_text(tally->report, group_text(tally, p, group));
	report_integer(tally->report, line.events);
	report_integer(tally->report, line.applications);
	optional_integer(tally->report, line.has_amount, line.amount);
	if (tally->opts->month)
		report_integer(tally->report, line.actual);
	optional_integer(tally->report, line.has_target, line.target);
	if (line.achievement < 0)
		report_null(tally->report);
	else
		report_hundredths(tally->report, line.achievement);
	if (tally->opts->compare)
		previous_cells(tally, &line);
	report_end_row(tally->report);
}

static void group_rows(struct tally *tally, const struct programme *p,
		       const char *group)
{
	size_t o;

	for (o = 0; o < p->plugin->n_outcomes; o++)
		tally_row(tally, p, &p->plugin->outcomes[o], group);
}

/* Groups of a tally, as pointers into its counts. */
struct groups {
	const char **items;
	size_t n, alloc;
};

static int has_group(const struct groups *groups, const char *group)
{
	size_t i;

	for (i = 0; i < groups->n; i++)
		if (same_group(groups->items[i], group))
			return 1;
	return 0;
}

/* Text groups in byte order, no group (NULL) last. */
static int compare_groups(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	if (!x || !y)
		return !x - !y;
	return strcmp(x, y);
}

/*
 * The groups seen in every span (of programme p, or of all when NULL)
 * that by does not offer (every group when by is NULL), sorted: so that
 * the groups add up to the whole, no answer, no office and a code since
 * removed from the form are groups too.
 */
static void seen_groups(const struct tally *tally, const struct programme *p,
			const struct field *by, struct groups *groups)
{
	size_t s, i;

	for (s = 0; s < SPAN_COUNT; s++) {
		for (i = 0; i < tally->spans[s].n; i++) {
			const struct count *count = &tally->spans[s].items[i];

			if ((p && strcmp(count->programme, p->plugin->id)) ||
			    (by && count->group &&
			     field_choice(by, count->group)) ||
			    has_group(groups, count->group))
				continue;
			ALLOC_GROW(groups->items, groups->n + 1,
				   groups->alloc);
			groups->items[groups->n++] = count->group;
		}
	}
	if (groups->n)
		qsort(groups->items, groups->n, sizeof(*groups->items),
		      compare_groups);
}

/*
 * One row per outcome; with --by FIELD per outcome and choice code (a
 * count of zero is shown as zero rather than left out), then per group
 * the form does not offer; with --by office or staff per group seen in
 * the tally (of any programme in scope).
 */
static void programme_rows(struct tally *tally, const struct programme *p,
			   const struct groups *seen)
{
	struct groups extra = { 0 };
	const struct field *by;
	size_t i;

	if (tally->opts->group == STORE_GROUP_NONE) {
		group_rows(tally, p, NULL);
		return;
	}
	if (tally->opts->group != STORE_GROUP_FIELD) {
		for (i = 0; i < seen->n; i++)
			group_rows(tally, p, seen->items[i]);
		return;
	}
	by = form_field(&p->form, tally->opts->field);
	for (i = 0; i < by->n_choices; i++)
		group_rows(tally, p, by->choices[i].code);
	seen_groups(tally, p, by, &extra);
	for (i = 0; i < extra.n; i++)
		group_rows(tally, p, extra.items[i]);
	free(extra.items);
}

static int is_grouping_field(const struct programme *p, const char *id)
{
	const struct field *field = form_field(&p->form, id);

	return field && field->type == FIELD_CHOICE;
}

/* A programme the tally leaves out: another than --programme, or one
 * without the choice field of --by. */
static int out_of_scope(const struct tally_options *opts,
			const struct programme *p)
{
	if (opts->programme && strcmp(opts->programme, p->plugin->id))
		return 1;
	return opts->group == STORE_GROUP_FIELD &&
	       !is_grouping_field(p, opts->field);
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
	if (opts->group != STORE_GROUP_FIELD)
		return 0;
	for (i = 0; i < registry->n_programmes; i++)
		usable += !out_of_scope(opts, &registry->programmes[i]);
	if (!usable) {
		error(msg(MSG_CMD_TALLY_BAD_BY), opts->by);
		return EXIT_USAGE;
	}
	return 0;
}

static int read_span(struct tally *tally, long from, long to,
		     enum span span)
{
	const struct tally_options *opts = tally->opts;
	struct store_tally_query query = { 0 };

	query.programme = opts->programme;
	query.group = opts->group;
	query.field = opts->field;
	query.from_month = from;
	query.to_month = to;
	return store_tally(tally->store, &query, collect, &tally->spans[span]);
}

/* The last month of fiscal year fy that --compare compares: a year
 * still running is compared up to this month (outcomes are never dated
 * after today), a year to come with nothing. */
static long compared_to(int fy)
{
	long first = (long)fy * 100 + 4, last = (long)(fy + 1) * 100 + 3;
	long now = today_yyyymmdd() / 100;

	if (now < first)
		return first - 1;
	return now < last ? now : last;
}

/* Each span of the tally; a year before is 100 months less in yyyymm. */
static int read_counts(struct tally *tally)
{
	const struct tally_options *opts = tally->opts;
	int fy = tally_fiscal_year(opts);
	long first = (long)fy * 100 + 4;
	long from = opts->month ? opts->month : first;
	long to = opts->month ? opts->month : (long)(fy + 1) * 100 + 3;

	if (read_span(tally, from, to, SPAN_PERIOD) ||
	    (opts->month && read_span(tally, first, to, SPAN_TO_DATE)))
		return -1;
	if (!opts->compare)
		return 0;
	if (!opts->month)
		to = compared_to(fy);
	if (read_span(tally, from - 100, to - 100, SPAN_PREVIOUS))
		return -1;
	return opts->month ? read_span(tally, first - 100, to - 100,
				       SPAN_PREVIOUS_TO_DATE)
			   : 0;
}

/* The column heading of the --by group in table and CSV. */
static const char *group_heading(const struct tally *tally,
				 const struct registry *registry)
{
	size_t i;

	if (tally->opts->group == STORE_GROUP_OFFICE)
		return msg(MSG_TALLY_COL_OFFICE);
	if (tally->opts->group == STORE_GROUP_STAFF)
		return msg(MSG_TALLY_COL_STAFF);
	for (i = 0; i < registry->n_programmes; i++)
		if (!out_of_scope(tally->opts, &registry->programmes[i]))
			return field_label(form_field(
				&registry->programmes[i].form,
				tally->opts->field));
	return tally->opts->field;
}

/* A column: its JSON key, and its heading's message elsewhere. */
struct column {
	const char *key;
	enum msg_id heading;
};

static const struct column counts_columns[] = {
	{ "events", MSG_TALLY_COL_EVENTS },
	{ "applications", MSG_TALLY_COL_APPLICATIONS },
	{ "amount", MSG_TALLY_COL_AMOUNT },
};
static const struct column to_date_column = {
	"fiscal_year_to_date", MSG_TALLY_COL_TO_DATE
};
static const struct column target_columns[] = {
	{ "target", MSG_TALLY_COL_TARGET },
	{ "achievement", MSG_TALLY_COL_ACHIEVEMENT },
};
static const struct column previous_columns[] = {
	{ "previous_events", MSG_TALLY_COL_PREVIOUS_EVENTS },
	{ "previous_applications", MSG_TALLY_COL_PREVIOUS_APPLICATIONS },
	{ "previous_fiscal_year_to_date", MSG_TALLY_COL_PREVIOUS_TO_DATE },
	{ "change", MSG_TALLY_COL_CHANGE },
};

#define TALLY_MAX_COLUMNS 20

struct headings {
	const char *items[TALLY_MAX_COLUMNS];
	size_t n;
	int json;
};

static void add_heading(struct headings *h, const char *key,
			const char *heading)
{
	if (h->n == TALLY_MAX_COLUMNS)
		BUG("a tally has more than %d columns", TALLY_MAX_COLUMNS);
	h->items[h->n++] = h->json ? key : heading;
}

static void add_columns(struct headings *h, const struct column *columns,
			size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		add_heading(h, columns[i].key, msg(columns[i].heading));
}

static void name_headings(struct headings *h)
{
	if (!h->json) {
		add_heading(h, NULL, msg(MSG_TALLY_COL_PROGRAMME));
		add_heading(h, NULL, msg(MSG_TALLY_COL_OUTCOME));
		return;
	}
	add_heading(h, "programme", NULL);
	add_heading(h, "programme_label", NULL);
	add_heading(h, "outcome", NULL);
	add_heading(h, "outcome_label", NULL);
}

/* The columns in the order tally_row fills them. */
static void tally_headings(const struct tally *tally,
			   const struct registry *registry,
			   struct headings *h)
{
	const struct tally_options *opts = tally->opts;

	name_headings(h);
	if (opts->month)
		add_heading(h, "month", msg(MSG_TALLY_COL_MONTH));
	else
		add_heading(h, "fiscal_year", msg(MSG_TALLY_COL_FISCAL_YEAR));
	if (opts->by)
		add_heading(h, opts->group == STORE_GROUP_FIELD ? opts->field
								: opts->by,
			    group_heading(tally, registry));
	add_columns(h, counts_columns, ARRAY_SIZE(counts_columns));
	if (opts->month)
		add_columns(h, &to_date_column, 1);
	add_columns(h, target_columns, ARRAY_SIZE(target_columns));
	if (!opts->compare)
		return;
	add_columns(h, previous_columns, 2);
	if (opts->month)
		add_columns(h, &previous_columns[2], 1);
	add_columns(h, &previous_columns[3], 1);
}

static void begin_report(struct tally *tally, const struct registry *registry)
{
	const struct tally_options *opts = tally->opts;
	struct headings h = { { NULL }, 0, opts->format == REPORT_JSON };

	tally_headings(tally, registry, &h);
	if (opts->format == REPORT_CSV)
		tally->report = report_begin_csv(stdout, opts->excel,
						 opts->encoding, h.items, h.n);
	else
		tally->report = report_begin(opts->format, stdout, h.items,
					     h.n);
}

static int run_tally(struct session *session, const struct tally_options *opts)
{
	struct tally tally = { session->store, &session->config, opts,
			       { { 0 } }, NULL };
	const struct registry *registry = &session->registry;
	struct groups seen = { 0 };
	size_t i;
	int status = 0;

	if (read_counts(&tally)) {
		status = session_store_failure(session);
		goto cleanup;
	}
	if (opts->group == STORE_GROUP_OFFICE ||
	    opts->group == STORE_GROUP_STAFF)
		seen_groups(&tally, NULL, NULL, &seen);
	begin_report(&tally, registry);
	for (i = 0; i < registry->n_programmes; i++)
		if (!out_of_scope(opts, &registry->programmes[i]))
			programme_rows(&tally, &registry->programmes[i], &seen);
	if (report_finish(tally.report))
		status = EXIT_DATAERR;
cleanup:
	free(seen.items);
	tally_release(&tally);
	return status;
}

int tally_fiscal_year_lines(struct store *store,
			    const struct registry *registry,
			    const struct config *config, int fiscal_year,
			    tally_line_fn fn, void *context)
{
	struct tally_options opts = { 0 };
	struct tally tally = { store, config, &opts, { { 0 } }, NULL };
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
	tally_release(&tally);
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
       OPT_VERIFY, OPT_EXCEL, OPT_COMPARE, OPT_ENCODING };

/* --by office, staff (reserved: a form field of that name is reached
 * as field:office), field:ID or ID, a choice field. */
static void parse_by(const char *by, struct tally_options *opts)
{
	opts->by = by;
	opts->field = NULL;
	if (!strcmp(by, "office")) {
		opts->group = STORE_GROUP_OFFICE;
		return;
	}
	if (!strcmp(by, "staff")) {
		opts->group = STORE_GROUP_STAFF;
		return;
	}
	opts->group = STORE_GROUP_FIELD;
	opts->field = strncmp(by, "field:", 6) ? by : by + 6;
}

/* --excel and --encoding against --format, once all are read. */
static int csv_options(struct tally_options *opts, int format_given,
		       const char *encoding)
{
	if (opts->excel && format_given && opts->format != REPORT_CSV)
		return error("%s", msg(MSG_TALLY_EXCEL_CSV)), EXIT_USAGE;
	if (opts->excel)
		opts->format = REPORT_CSV;
	if (encoding &&
	    report_encoding_option(encoding, &opts->encoding, &opts->format,
				   format_given || opts->excel))
		return EXIT_USAGE;
	return 0;
}

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
		{ "compare", no_argument, NULL, OPT_COMPARE },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ NULL, 0, NULL, 0 },
	};
	const char *month = NULL, *fy = NULL, *encoding = NULL;
	int option, format_given = 0, status;

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
		case OPT_BY: parse_by(optarg, opts); break;
		case OPT_COMPARE: opts->compare = 1; break;
		case OPT_ENCODING: encoding = optarg; break;
		case OPT_VERIFY: opts->verify = 1; break;
		default: return option_error(argv);
		}
	}
	if (optind != argc) {
		error(msg(MSG_CMD_USAGE),
		      "intake tally [--month YYYY-MM | --fy YYYY] "
		      "[--programme P] [--by FIELD|office|staff] [--compare] "
		      "[--verify] [--excel] [--encoding utf-8|cp932]");
		return EXIT_USAGE;
	}
	if ((status = csv_options(opts, format_given, encoding)))
		return status;
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
