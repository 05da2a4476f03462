/* What falls due after an outcome: `intake due`. */
#include "due.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "messages.h"
#include "store.h"
#include "util.h"
#include "value.h"

#define WITHIN_MAX_DAYS 36600L /* a hundred years */

struct due_options {
	enum report_format format;
	long within; /* days after today */
	const char *office;
	const char *programme;
};

/* One follow-up due, kept to sort. */
struct due_item {
	long due_on, after_on;
	char *receipt, *name, *office;
	const struct programme *programme;
	const struct intake_follow_up *follow_up;
};

struct due_list {
	struct due_item *items;
	size_t n, alloc;
	const struct programme *programme; /* of the follow-up walked */
	const struct intake_follow_up *follow_up;
	int months;
	long limit; /* yyyymmdd: due on or before it */
};

/* Days since 1970-01-01 of a valid yyyymmdd (civil calendar). */
static long day_number(long yyyymmdd)
{
	long y = yyyymmdd / 10000, m = yyyymmdd / 100 % 100;
	long d = yyyymmdd % 100, era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The yyyymmdd of a day number (the inverse of day_number). */
static long from_day_number(long days)
{
	long z = days + 719468, era, doe, yoe, doy, mp, d, m, y;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	return y * 10000 + m * 100 + d;
}

static int collect_due(const struct store_due_row *row, void *context)
{
	struct due_list *list = context;
	long due_on = date_add_months(row->after_on, list->months);
	struct due_item *item;

	if (due_on > list->limit)
		return 0;
	ALLOC_GROW(list->items, list->n + 1, list->alloc);
	item = &list->items[list->n++];
	item->due_on = due_on;
	item->after_on = row->after_on;
	item->receipt = xstrdup(row->receipt);
	item->name = row->name ? xstrdup(row->name) : NULL;
	item->office = row->office ? xstrdup(row->office) : NULL;
	item->programme = list->programme;
	item->follow_up = list->follow_up;
	return 0;
}

/* The cases of one follow-up of programme due by list->limit. */
static int collect_follow_up(struct session *session, struct due_list *list,
			     const struct due_options *opts)
{
	struct store_due_query query = { 0 };
	long first;

	list->months = programme_follow_up_months(list->programme,
						  list->follow_up);
	/* Due in month M + months: a first date after the end of the
	 * limit's month less months cannot be due by the limit. */
	first = date_add_months(list->limit / 100 * 100 + 1, -list->months);
	query.programme = list->programme->plugin->id;
	query.after = list->follow_up->after;
	query.code = list->follow_up->code;
	query.office = opts->office;
	query.until = first / 100 * 100 + 31;
	return store_due(session->store, &query, collect_due, list);
}

static int collect_programme(struct session *session, struct due_list *list,
			     const struct programme *programme,
			     const struct due_options *opts)
{
	const struct intake_follow_up *follow_ups;
	size_t i, n;

	follow_ups = programme_follow_ups(programme, &n);
	list->programme = programme;
	for (i = 0; i < n; i++) {
		list->follow_up = &follow_ups[i];
		if (collect_follow_up(session, list, opts))
			return -1;
	}
	return 0;
}

/* Oldest due first, then by receipt. */
static int compare_items(const void *a, const void *b)
{
	const struct due_item *left = a, *right = b;

	if (left->due_on != right->due_on)
		return left->due_on < right->due_on ? -1 : 1;
	return strcmp(left->receipt, right->receipt);
}

static void date_cell(struct report *report, long yyyymmdd)
{
	char iso[11];

	date_to_iso(yyyymmdd, iso);
	report_text(report, iso);
}

static const char *outcome_words(const struct programme *programme,
				 const char *code)
{
	const struct intake_outcome *outcome = programme_outcome(programme,
								 code);

	return outcome ? msg_pick(outcome->label_ja, outcome->label_en)
		       : code;
}

static void due_row(struct report *report, const struct due_item *item,
		    long today)
{
	date_cell(report, item->due_on);
	report_text(report, item->receipt);
	report_text(report, item->name);
	report_text(report, item->programme->plugin->id);
	report_text(report, item->follow_up->code);
	report_text(report,
		    outcome_words(item->programme, item->follow_up->code));
	report_text(report,
		    outcome_words(item->programme, item->follow_up->after));
	date_cell(report, item->after_on);
	report_text(report, item->office);
	report_integer(report, day_number(today) - day_number(item->due_on));
	report_end_row(report);
}

static void print_due(const struct due_list *list, enum report_format format,
		      long today)
{
	static const char *const columns[] = {
		"due_on", "receipt", "name", "programme", "due", "label",
		"after", "after_on", "office", "days_overdue",
	};
	struct report *report;
	size_t i;

	report = report_begin(format, stdout, columns, ARRAY_SIZE(columns));
	for (i = 0; i < list->n; i++)
		due_row(report, &list->items[i], today);
	report_finish(report);
}

static void due_list_release(struct due_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->items[i].receipt);
		free(list->items[i].name);
		free(list->items[i].office);
	}
	free(list->items);
}

static int run_due(struct session *session, const struct due_options *opts)
{
	const struct registry *registry = &session->registry;
	struct due_list list = { 0 };
	long today = today_yyyymmdd();
	size_t i;
	int status = 0;

	list.limit = from_day_number(day_number(today) + opts->within);
	for (i = 0; i < registry->n_programmes && !status; i++) {
		const struct programme *p = &registry->programmes[i];

		if (opts->programme && strcmp(opts->programme, p->plugin->id))
			continue;
		if (collect_programme(session, &list, p, opts))
			status = session_store_failure(session);
	}
	if (!status) {
		if (list.n)
			qsort(list.items, list.n, sizeof(*list.items),
			      compare_items);
		print_due(&list, opts->format, today);
	}
	due_list_release(&list);
	return status;
}

/* --within N or Nd (days, 0 to a hundred years): 0, or EXIT_USAGE. */
static int parse_within(const char *text, long *days)
{
	char *normal = text_normalize(text, 0);
	size_t len = normal ? strlen(normal) : 0;
	long long value;
	int rc = -1;

	if (len && (normal[len - 1] == 'd' || normal[len - 1] == 'D'))
		normal[--len] = '\0';
	if (len && !parse_long_long(normal, &value) && value >= 0 &&
	    value <= WITHIN_MAX_DAYS) {
		*days = (long)value;
		rc = 0;
	}
	free(normal);
	if (!rc)
		return 0;
	error(msg(MSG_DUE_BAD_WITHIN), text, WITHIN_MAX_DAYS);
	return EXIT_USAGE;
}

enum { OPT_FORMAT = 1000, OPT_WITHIN, OPT_OFFICE, OPT_PROGRAMME };

static int parse_due_options(int argc, char **argv, struct due_options *opts)
{
	static const struct option long_options[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "within", required_argument, NULL, OPT_WITHIN },
		{ "office", required_argument, NULL, OPT_OFFICE },
		{ "programme", required_argument, NULL, OPT_PROGRAMME },
		{ "program", required_argument, NULL, OPT_PROGRAMME },
		{ NULL, 0, NULL, 0 },
	};
	int option;

	opts->format = report_format_default();
	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case OPT_FORMAT:
			if (parse_format_option(optarg, &opts->format))
				return EXIT_USAGE;
			break;
		case OPT_WITHIN:
			if (parse_within(optarg, &opts->within))
				return EXIT_USAGE;
			break;
		case OPT_OFFICE: opts->office = optarg; break;
		case OPT_PROGRAMME: opts->programme = optarg; break;
		default: return option_error(argv);
		}
	}
	if (optind == argc)
		return 0;
	error(msg(MSG_CMD_USAGE), "intake due [--within N[d]] [--office O] "
				  "[--programme P]");
	return EXIT_USAGE;
}

int cmd_due(struct session *session, int argc, char **argv)
{
	struct due_options opts = { 0 };
	const struct programme *named;
	int status;

	if ((status = parse_due_options(argc, argv, &opts)) ||
	    (status = session_programmes(session)))
		return status;
	if (opts.programme) {
		named = session_programme_named(session, opts.programme);
		if (!named)
			return EXIT_USAGE;
		opts.programme = named->plugin->id;
	}
	if ((status = session_store(session, STORE_READ)))
		return status;
	return run_due(session, &opts);
}
