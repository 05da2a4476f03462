/* What falls due after an outcome: `intake due`. */
#include "due.h"
#include "due_list.h"

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
	enum output_encoding encoding; /* of CSV */
	long within; /* days after today */
	const char *office;
	const char *programme;
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

/* 0, or 65 when a row could not be written in the encoding (said). */
static int print_due(const struct due_list *list,
		     const struct due_options *opts, long today)
{
	static const char *const columns[] = {
		"due_on", "receipt", "name", "programme", "due", "label",
		"after", "after_on", "office", "days_overdue",
	};
	struct report *report;
	size_t i;

	if (opts->format == REPORT_CSV)
		report = report_begin_csv(stdout, 0, opts->encoding, columns,
					  ARRAY_SIZE(columns));
	else
		report = report_begin(opts->format, stdout, columns,
				      ARRAY_SIZE(columns));
	for (i = 0; i < list->n; i++)
		due_row(report, &list->items[i], today);
	return report_finish(report) ? EXIT_DATAERR : 0;
}

static int run_due(struct session *session, const struct due_options *opts)
{
	struct due_list list = { 0 };
	long today = today_yyyymmdd();
	long limit = from_day_number(day_number(today) + opts->within);
	int status = 0;

	if (due_collect(session->store, &session->registry, opts->programme,
			opts->office, limit, &list))
		status = session_store_failure(session);
	else
		status = print_due(&list, opts, today);
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

enum { OPT_FORMAT = 1000, OPT_WITHIN, OPT_OFFICE, OPT_PROGRAMME,
       OPT_ENCODING };

static int parse_due_options(int argc, char **argv, struct due_options *opts)
{
	static const struct option long_options[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "within", required_argument, NULL, OPT_WITHIN },
		{ "office", required_argument, NULL, OPT_OFFICE },
		{ "programme", required_argument, NULL, OPT_PROGRAMME },
		{ "program", required_argument, NULL, OPT_PROGRAMME },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ NULL, 0, NULL, 0 },
	};
	const char *encoding = NULL;
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
		case OPT_ENCODING: encoding = optarg; break;
		case OPT_WITHIN:
			if (parse_within(optarg, &opts->within))
				return EXIT_USAGE;
			break;
		case OPT_OFFICE: opts->office = optarg; break;
		case OPT_PROGRAMME: opts->programme = optarg; break;
		default: return option_error(argv);
		}
	}
	if (optind == argc && encoding &&
	    report_encoding_option(encoding, &opts->encoding, &opts->format,
				   format_given))
		return EXIT_USAGE;
	if (optind == argc)
		return 0;
	error(msg(MSG_CMD_USAGE), "intake due [--within N[d]] [--office O] "
				  "[--programme P] [--encoding utf-8|cp932]");
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
