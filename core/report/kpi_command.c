/* `intake report`: the fiscal-year KPI report, as a table, a workbook or
 * HTML. */
#include "kpi.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "form.h"
#include "messages.h"
#include "store.h"
#include "util.h"
#include "value.h"

struct report_options {
	enum report_format format;
	enum output_encoding encoding; /* of CSV */
	struct kpi_request request;
	const char *xlsx; /* write the workbook there; NULL: print */
	const char *html; /* write the HTML there; NULL: print */
};

/* A file the report writes: path, written by a function given the
 * temporary file's name and stream. */
typedef int (*kpi_output_fn)(const struct kpi_report *report,
			     const char *path, FILE *out);

static int output_xlsx(const struct kpi_report *report, const char *path,
		       FILE *out)
{
	(void)out;
	return kpi_write_xlsx(report, path);
}

static int output_html(const struct kpi_report *report, const char *path,
		       FILE *out)
{
	if (!kpi_write_html(report, out))
		return 0;
	error(msg(MSG_KPI_HTML_WRITE_FAILED), path, strerror(errno));
	return -1;
}

/* "DIR/.NAME.XXXXXX" beside path. */
static char *temporary_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	int dir_len = slash ? (int)(slash - path + 1) : 0;

	return xstrfmt("%.*s.%s.XXXXXX", dir_len, path, path + dir_len);
}

/* Create a new temporary file beside path (O_EXCL: never through a
 * link), 0600 or stricter as the umask says. */
static FILE *create_temporary(char *name)
{
	mode_t mask = umask(077);
	int fd;
	FILE *out;

	umask(mask);
	fd = mkstemp(name);
	if (fd < 0)
		return NULL;
	if (fchmod(fd, 0600 & ~mask) || !(out = fdopen(fd, "wb"))) {
		close(fd);
		unlink(name);
		return NULL;
	}
	return out;
}

/*
 * Write the report to path whole or not at all: into a new temporary
 * file in the same directory, renamed over path once complete.  0, or
 * EXIT_CANTCREAT after saying why (nothing left behind).
 */
static int write_output(const struct kpi_report *report, const char *option,
			const char *path, kpi_output_fn fn)
{
	char *name = temporary_name(path);
	FILE *out = create_temporary(name);
	int failed;

	if (!out) {
		error(msg(MSG_KPI_CANNOT_CREATE), option, path,
		      strerror(errno));
		free(name);
		return EXIT_CANTCREAT;
	}
	failed = fn(report, name, out);
	if (fclose(out))
		failed = 1;
	if (!failed && rename(name, path)) {
		error(msg(MSG_KPI_CANNOT_CREATE), option, path,
		      strerror(errno));
		failed = 1;
	}
	if (failed)
		unlink(name);
	free(name);
	return failed ? EXIT_CANTCREAT : 0;
}

static void print_figure(struct report *out, int has, long long value)
{
	if (has)
		report_integer(out, value);
	else
		report_null(out);
}

/* The row's first cells: ids and names in JSON, names elsewhere. */
static void print_names(struct report *out, int ids,
			const struct kpi_programme *kp, const char *code,
			const char *indicator)
{
	if (ids)
		report_text(out, kp->programme->plugin->id);
	report_text(out, programme_title(kp->programme));
	if (ids)
		report_text(out, code);
	report_text(out, indicator);
}

static void print_received(struct report *out, int ids,
			   const struct kpi_programme *kp)
{
	print_names(out, ids, kp, NULL, msg(MSG_KPI_RECEIVED));
	report_null(out);
	report_integer(out, kp->received);
	report_null(out);
	report_null(out);
	report_integer(out, kp->previous_received);
	report_integer(out, kp->received - kp->previous_received);
	report_null(out);
	report_null(out);
	report_end_row(out);
}

static void print_hundredths(struct report *out, long long hundredths)
{
	if (hundredths < 0)
		report_null(out);
	else
		report_hundredths(out, hundredths);
}

static void print_indicator(struct report *out, int ids,
			    const struct kpi_programme *kp,
			    const struct kpi_indicator *ind)
{
	char *label = kpi_indicator_label(ind, msg_language());

	print_names(out, ids, kp, ind->outcome->code, label);
	print_figure(out, ind->has_target, ind->target);
	report_integer(out, ind->actual);
	print_hundredths(out, ind->achievement);
	print_hundredths(out, ind->ratio);
	report_integer(out, ind->previous);
	report_integer(out, ind->actual - ind->previous);
	print_figure(out, ind->has_amount, ind->amount);
	print_figure(out, ind->has_amount, ind->previous_amount);
	report_end_row(out);
	free(label);
}

/* The columns: ids in JSON, headings in the staff's language elsewhere
 * (without the id columns), as tally has them. */
static struct report *begin_table(const struct report_options *opts)
{
	static const char *const ids[] = {
		"programme", "title", "outcome", "indicator",
		"target", "actual", "achievement", "ratio",
		"previous", "change", "amount", "previous_amount",
	};
	const char *headings[] = {
		msg(MSG_KPI_HTML_PROGRAMME), msg(MSG_KPI_HTML_INDICATOR),
		msg(MSG_KPI_HTML_TARGET), msg(MSG_KPI_HTML_VALUE),
		msg(MSG_KPI_HTML_ACHIEVEMENT), msg(MSG_KPI_HTML_RATIO),
		msg(MSG_KPI_HTML_PREVIOUS), msg(MSG_KPI_HTML_CHANGE),
		msg(MSG_KPI_HTML_AMOUNT), msg(MSG_KPI_PREVIOUS_AMOUNT),
	};

	if (opts->format == REPORT_JSON)
		return report_begin(REPORT_JSON, stdout, ids,
				    ARRAY_SIZE(ids));
	if (opts->format == REPORT_CSV)
		return report_begin_csv(stdout, 0, opts->encoding, headings,
					ARRAY_SIZE(headings));
	return report_begin(opts->format, stdout, headings,
			    ARRAY_SIZE(headings));
}

/* The 実績 table on stdout, one row per 受付件数 and indicator: 0, or
 * 65 when a CSV row could not be written in its encoding (said). */
static int print_report(const struct kpi_report *report,
			const struct report_options *opts)
{
	struct report *out = begin_table(opts);
	int ids = opts->format == REPORT_JSON;
	size_t i, o;

	for (i = 0; i < report->n_programmes; i++) {
		const struct kpi_programme *kp = &report->programmes[i];

		print_received(out, ids, kp);
		for (o = 0; o < kp->n_indicators; o++)
			print_indicator(out, ids, kp, &kp->indicators[o]);
	}
	return report_finish(out) ? EXIT_DATAERR : 0;
}

/* Each file asked for (a new output: its option, a kpi_output_fn and a
 * line here), else the table on stdout: 0 or an exit status. */
static int write_outputs(const struct kpi_report *report,
			 const struct report_options *opts)
{
	int status = 0;

	if (opts->xlsx)
		status = write_output(report, "--xlsx", opts->xlsx,
				      output_xlsx);
	if (opts->html)
		status = write_output(report, "--html", opts->html,
				      output_html);
	if (!opts->xlsx && !opts->html)
		status = print_report(report, opts);
	return status;
}

static int has_choice_field(const struct programme *p, const char *id)
{
	const struct field *field = form_field(&p->form, id);

	return field && field->type == FIELD_CHOICE;
}

/* --programme as people name it into its id, and --by a choice field of
 * a programme in scope: 0, or EXIT_USAGE after saying why. */
static int check_scope(struct session *session, struct kpi_request *request)
{
	const struct registry *registry = &session->registry;
	const struct programme *named;
	size_t i, usable = 0;

	if (request->programme) {
		named = session_programme_named(session, request->programme);
		if (!named)
			return EXIT_USAGE;
		request->programme = named->plugin->id;
	}
	for (i = 0; request->by && i < registry->n_programmes; i++) {
		const struct programme *p = &registry->programmes[i];

		if (request->programme &&
		    strcmp(request->programme, p->plugin->id))
			continue;
		usable += has_choice_field(p, request->by);
	}
	if (request->by && !usable) {
		error(msg(MSG_CMD_TALLY_BAD_BY), request->by);
		return EXIT_USAGE;
	}
	return 0;
}

/* --fy and --month: the fiscal year, and the month to which it runs
 * (it must be one of that year). */
static int parse_period(const char *fy, const char *month,
			struct kpi_request *request)
{
	int status;

	if (month && (status = parse_month_option(month, &request->month)))
		return status;
	if (fy)
		return parse_fiscal_year_option(fy, &request->fiscal_year);
	request->fiscal_year =
		fiscal_year(request->month ? request->month * 100 + 1
					   : request->today);
	return 0;
}

static int check_period(const struct kpi_request *request)
{
	long first = (long)request->fiscal_year * 100 + 4;
	long last = (long)(request->fiscal_year + 1) * 100 + 3;

	if (!request->month ||
	    (request->month >= first && request->month <= last))
		return 0;
	error(msg(MSG_KPI_MONTH_OUTSIDE), request->month / 100,
	      request->month % 100, request->fiscal_year);
	return EXIT_USAGE;
}

enum { OPT_FORMAT = 1200, OPT_MONTH, OPT_FY, OPT_PROGRAMME, OPT_BY,
       OPT_XLSX, OPT_HTML, OPT_ENCODING };

static int usage_error(void)
{
	error(msg(MSG_CMD_USAGE),
	      "intake report [--fy YYYY] [--month YYYY-MM] [--programme P] "
	      "[--by FIELD] [--format F [--encoding E] | --xlsx FILE | "
	      "--html FILE]");
	return EXIT_USAGE;
}

static int parse_report_options(int argc, char **argv,
				struct report_options *opts)
{
	static const struct option long_options[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "month", required_argument, NULL, OPT_MONTH },
		{ "fy", required_argument, NULL, OPT_FY },
		{ "programme", required_argument, NULL, OPT_PROGRAMME },
		{ "program", required_argument, NULL, OPT_PROGRAMME },
		{ "by", required_argument, NULL, OPT_BY },
		{ "xlsx", required_argument, NULL, OPT_XLSX },
		{ "html", required_argument, NULL, OPT_HTML },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ NULL, 0, NULL, 0 },
	};
	const char *month = NULL, *fy = NULL, *encoding = NULL;
	int option, status, format_given = 0;

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
		case OPT_MONTH: month = optarg; break;
		case OPT_FY: fy = optarg; break;
		case OPT_PROGRAMME: opts->request.programme = optarg; break;
		case OPT_BY: opts->request.by = optarg; break;
		case OPT_XLSX: opts->xlsx = optarg; break;
		case OPT_HTML: opts->html = optarg; break;
		default: return option_error(argv);
		}
	}
	if (optind != argc)
		return usage_error();
	if (opts->xlsx && !*opts->xlsx) {
		error(msg(MSG_KPI_EMPTY_FILE), "--xlsx");
		return EXIT_USAGE;
	}
	if (opts->html && !*opts->html) {
		error(msg(MSG_KPI_EMPTY_FILE), "--html");
		return EXIT_USAGE;
	}
	if (opts->xlsx && opts->html) {
		error("%s", msg(MSG_KPI_HTML_ONE_FILE));
		return EXIT_USAGE;
	}
	if (encoding && (opts->xlsx || opts->html))
		return usage_error();
	if (encoding && report_encoding_option(encoding, &opts->encoding,
					       &opts->format, format_given))
		return EXIT_USAGE;
	if ((status = parse_period(fy, month, &opts->request)))
		return status;
	return check_period(&opts->request);
}

int cmd_report(struct session *session, int argc, char **argv)
{
	struct report_options opts = { 0 };
	struct kpi_report report;
	int status;

	opts.request.today = today_yyyymmdd();
	opts.request.generated_by = session->config.staff;
	if ((status = parse_report_options(argc, argv, &opts)) ||
	    (status = session_programmes(session)) ||
	    (status = check_scope(session, &opts.request)) ||
	    (status = session_store(session, STORE_READ)))
		return status;
	if (kpi_report_build(&report, session->store, &session->registry,
			     &session->config, &opts.request))
		return session_store_failure(session);
	status = write_outputs(&report, &opts);
	kpi_report_release(&report);
	return status;
}
