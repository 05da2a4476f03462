/* The commands on applications: init, programs, form, add, show, list,
 * outcome, plugin check; and the session they share. */
#include "command.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "application.h"
#include "find.h"
#include "draft.h"
#include "messages.h"
#include "period.h"
#include "scaffold.h"
#include "store.h"
#include "outcome.h"
#include "take.h"
#include "terminal.h"
#include "util.h"
#include "value.h"


int session_plugins(struct session *session)
{
	if (session->registry_opened)
		return 0;
	if (registry_open(&session->registry, session->config.plugin_dir))
		return EXIT_CONFIG;
	session->registry_opened = 1;
	return 0;
}

int session_programmes(struct session *session)
{
	int status;

	if (session->registry_loaded)
		return 0;
	if ((status = session_plugins(session)))
		return status;
	if (registry_start_all(&session->registry, session->config.form_dir))
		return EXIT_CONFIG;
	session->registry_loaded = 1;
	return 0;
}

/* The programme started (its form read), or NULL (printed). */
static const struct programme *started(struct session *session,
				       const struct programme *programme)
{
	if (registry_start((struct programme *)programme,
			   session->config.form_dir)) {
		session->start_failed = 1;
		return NULL;
	}
	return programme;
}

const struct programme *session_programme_if_any(struct session *session,
						 const char *id)
{
	const struct programme *programme =
		registry_find(&session->registry, id);

	return programme ? started(session, programme) : NULL;
}

const struct programme *session_programme(struct session *session,
					  const char *id)
{
	const struct programme *programme;
	struct strbuf known = STRBUF_INIT;
	size_t i;

	programme = registry_find(&session->registry, id);
	if (programme)
		return started(session, programme);
	for (i = 0; i < session->registry.n_programmes; i++)
		strbuf_addf(&known, "%s%s", i ? ", " : "",
			    session->registry.programmes[i].plugin->id);
	error(msg(MSG_CMD_UNKNOWN_PROGRAMME), id, strbuf_str(&known));
	strbuf_release(&known);
	return NULL;
}

/* "  id  PREFIX  title" per programme, in columns. */
static char *programme_lines(const struct programme **programmes, size_t n)
{
	struct strbuf lines = STRBUF_INIT;
	size_t i, id_width = 0, prefix_width = 0;

	for (i = 0; i < n; i++) {
		const struct intake_plugin *plugin = programmes[i]->plugin;

		if (strlen(plugin->id) > id_width)
			id_width = strlen(plugin->id);
		if (strlen(plugin->receipt_prefix) > prefix_width)
			prefix_width = strlen(plugin->receipt_prefix);
	}
	for (i = 0; i < n; i++)
		strbuf_addf(&lines, "%s  %-*s  %-*s  %s", i ? "\n" : "",
			    (int)id_width, programmes[i]->plugin->id,
			    (int)prefix_width,
			    programmes[i]->plugin->receipt_prefix,
			    programme_title(programmes[i]));
	return strbuf_detach(&lines);
}

const struct programme *session_programme_named(struct session *session,
						const char *name)
{
	const struct registry *registry = &session->registry;
	const struct programme **found;
	const struct programme *chosen = NULL;
	size_t i, n;
	char *lines;

	found = xcalloc(registry->n_programmes + 1, sizeof(*found));
	n = registry_lookup(registry, name, found);
	if (n == 1) {
		chosen = started(session, found[0]);
	} else if (n) {
		lines = programme_lines(found, n);
		error(msg(MSG_CMD_PROGRAMME_AMBIGUOUS), name, lines);
		free(lines);
	} else {
		for (i = 0; i < registry->n_programmes; i++)
			found[i] = &registry->programmes[i];
		lines = programme_lines(found, registry->n_programmes);
		error(msg(MSG_CMD_PROGRAMME_NOT_FOUND), name, lines);
		free(lines);
	}
	free(found);
	return chosen;
}

int store_exit_status(enum store_status status)
{
	switch (status) {
	case STORE_OK: return 0;
	case STORE_MISSING: return EXIT_NOINPUT;
	case STORE_FOREIGN:
	case STORE_CORRUPT: return EXIT_DATAERR;
	case STORE_TOO_NEW: return EXIT_CONFIG;
	case STORE_REFUSED: return EXIT_CANTCREAT;
	case STORE_IO: return EXIT_IOERR;
	case STORE_BUSY:
	case STORE_UNAVAILABLE: return EXIT_TEMPFAIL;
	case STORE_NO_PERMISSION: return EXIT_NOPERM;
	default: return EXIT_SOFTWARE;
	}
}

int session_store(struct session *session, enum store_mode mode)
{
	if (session->store)
		return 0;
	return store_exit_status(
		store_open(&session->store, session->database, mode));
}

int session_store_failure(const struct session *session)
{
	int status = store_exit_status(store_status(session->store));

	return status ? status : EXIT_SOFTWARE;
}

void session_release(struct session *session)
{
	if (session->store)
		store_close(session->store);
	if (session->registry_opened)
		registry_release(&session->registry);
	config_release(&session->config);
	free(session->database_shown);
}

int option_error(char **argv)
{
	error(msg(MSG_CMD_BAD_OPTION), argv[0], argv[optind - 1]);
	return EXIT_USAGE;
}

int parse_format_option(const char *name, enum report_format *format)
{
	if (!report_format_parse(name, format))
		return 0;
	error(msg(MSG_CMD_BAD_FORMAT), name);
	return EXIT_USAGE;
}

/*
 * Options shared by the commands below: --format and what each command
 * adds.  Returns 0, or EXIT_USAGE after printing.
 */
struct command_options {
	enum report_format format;
	const char *programme, *status, *month, *date, *note;
	const char *void_outcome, *reason; /* outcome --void N --reason */
	const char *amount;                /* outcome --amount YEN */
	int history;                       /* show --history */
};

enum { OPT_FORMAT = 1000, OPT_PROGRAMME, OPT_STATUS, OPT_MONTH, OPT_DATE,
       OPT_NOTE, OPT_VOID, OPT_REASON, OPT_HISTORY, OPT_AMOUNT };

static int parse_options(int argc, char **argv, struct command_options *opts)
{
	static const struct option long_options[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "programme", required_argument, NULL, OPT_PROGRAMME },
		{ "program", required_argument, NULL, OPT_PROGRAMME },
		{ "status", required_argument, NULL, OPT_STATUS },
		{ "month", required_argument, NULL, OPT_MONTH },
		{ "date", required_argument, NULL, OPT_DATE },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "void", required_argument, NULL, OPT_VOID },
		{ "reason", required_argument, NULL, OPT_REASON },
		{ "history", no_argument, NULL, OPT_HISTORY },
		{ "amount", required_argument, NULL, OPT_AMOUNT },
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
		case OPT_PROGRAMME: opts->programme = optarg; break;
		case OPT_STATUS: opts->status = optarg; break;
		case OPT_MONTH: opts->month = optarg; break;
		case OPT_DATE: opts->date = optarg; break;
		case OPT_NOTE: opts->note = optarg; break;
		case OPT_VOID: opts->void_outcome = optarg; break;
		case OPT_REASON: opts->reason = optarg; break;
		case OPT_HISTORY: opts->history = 1; break;
		case OPT_AMOUNT: opts->amount = optarg; break;
		default: return option_error(argv);
		}
	}
	return 0;
}

/* Exactly n operands after the options, else a usage error. */
static int want_operands(int argc, int n, const char *usage)
{
	if (argc - optind == n)
		return 0;
	error(msg(MSG_CMD_USAGE), usage);
	return EXIT_USAGE;
}

int cmd_init(struct session *session, int argc, char **argv)
{
	struct command_options opts = { 0 };
	int status;

	if ((status = parse_options(argc, argv, &opts)) ||
	    (status = want_operands(argc, 0, "intake init")))
		return status;
	if (!session->config.path && access("intake.ini", F_OK)) {
		if (config_write_default("intake.ini"))
			return EXIT_CONFIG;
		printf(msg(MSG_CMD_WROTE_CONFIG), "intake.ini");
	}
	if ((status = session_store(session, STORE_CREATE)))
		return status;
	printf(msg(MSG_CMD_DATABASE_READY), session->database_shown);
	return 0;
}

int cmd_programs(struct session *session, int argc, char **argv)
{
	static const char *const columns[] = { "programme", "version",
		"title", "receipt_prefix", "form_version", "outcomes" };
	struct command_options opts = { 0 };
	struct report *report;
	size_t i;
	int status;

	if ((status = parse_options(argc, argv, &opts)) ||
	    (status = want_operands(argc, 0, "intake programs")) ||
	    (status = session_programmes(session)))
		return status;
	if (!session->registry.n_programmes)
		return EXIT_CONFIG; /* registry_load said why */
	report = report_begin(opts.format, stdout, columns,
			      ARRAY_SIZE(columns));
	for (i = 0; i < session->registry.n_programmes; i++) {
		const struct programme *p = &session->registry.programmes[i];

		report_text(report, p->plugin->id);
		report_text(report, p->plugin->version);
		report_text(report, programme_title(p));
		report_text(report, p->plugin->receipt_prefix);
		report_integer(report, p->form.version);
		report_integer(report, (long long)p->plugin->n_outcomes);
		report_end_row(report);
	}
	report_finish(report);
	return 0;
}

static char *field_flags(const struct field *field)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, field->derived    ? msg(MSG_CMD_FLAG_DERIVED)
			   : field->required ? msg(MSG_CMD_FLAG_REQUIRED)
					     : msg(MSG_CMD_FLAG_OPTIONAL));
	if (field->pii)
		strbuf_addstr(&sb, " pii");
	if (field->sensitive)
		strbuf_addstr(&sb, " sensitive");
	return strbuf_detach(&sb);
}

static void form_row(struct report *report, const struct field *field)
{
	char *accepts = field_accepts(field), *flags = field_flags(field);

	report_text(report, field->id);
	report_text(report, field_type_name(field->type));
	report_text(report, field_label(field));
	report_text(report, flags);
	report_text(report, field->when_text);
	report_text(report, *accepts ? accepts : NULL);
	report_end_row(report);
	free(accepts);
	free(flags);
}

/* Earliest date of an outcome: its bound, and the first fiscal year's
 * April 1st below which no outcome goes. */
static char *outcome_earliest(const struct form *form,
			      const struct date_range *dates)
{
	char first[16];

	if (!form->first_fiscal_year)
		return xstrdup(dates->min.text);
	snprintf(first, sizeof(first), "%04d-04-01", form->first_fiscal_year);
	return xstrfmt(msg(MSG_FORMINFO_NOT_BEFORE), dates->min.text, first);
}

/* "Y on or before its date" for each need of code; rule ids in rules. */
static char *outcome_needs_text(const struct programme *programme,
				const char *code, char **rules)
{
	struct strbuf needs = STRBUF_INIT, ids = STRBUF_INIT;
	const struct intake_outcome_need *list;
	size_t i, n;

	list = programme_outcome_needs(programme, &n);
	for (i = 0; i < n; i++) {
		if (strcmp(list[i].code, code))
			continue;
		if (needs.len)
			strbuf_addstr(&needs, ", ");
		strbuf_addf(&needs, msg(MSG_FORMINFO_NEEDS), list[i].needs);
		strbuf_addf(&ids, "%s%s", ids.len ? ", " : "", list[i].rule);
	}
	*rules = ids.len ? strbuf_detach(&ids) : NULL;
	strbuf_release(&ids);
	return needs.len ? strbuf_detach(&needs) : NULL;
}

/* "required" / "optional" when code carries an amount, else NULL. */
static const char *outcome_amount_text(const struct programme *programme,
				       const char *code)
{
	const struct intake_outcome_amount *amount =
		programme_outcome_amount(programme, code);

	if (!amount)
		return NULL;
	return msg(amount->required ? MSG_FORMINFO_AMOUNT_REQUIRED
				    : MSG_FORMINFO_AMOUNT_OPTIONAL);
}

/* "N months after X" when code falls due after another outcome. */
static char *outcome_due_text(const struct programme *programme,
			      const char *code)
{
	const struct intake_follow_up *list;
	size_t i, n;

	list = programme_follow_ups(programme, &n);
	for (i = 0; i < n; i++)
		if (!strcmp(list[i].code, code))
			return xstrfmt(msg(MSG_FORMINFO_DUE),
				       programme_follow_up_months(programme,
								  &list[i]),
				       list[i].after);
	return NULL;
}

static void outcome_row(struct report *report,
			const struct programme *programme,
			const struct intake_outcome *outcome)
{
	const struct date_range *dates =
		form_outcome_dates(&programme->form, outcome->code);
	char *rules, *needs = outcome_needs_text(programme, outcome->code,
						 &rules);
	char *earliest = outcome_earliest(&programme->form, dates);
	char *due = outcome_due_text(programme, outcome->code);

	report_text(report, outcome->code);
	report_text(report, msg_pick(outcome->label_ja, outcome->label_en));
	report_text(report, msg(outcome->once ? MSG_PLUGIN_CHECK_ONCE
					      : MSG_PLUGIN_CHECK_EVERY));
	report_text(report, needs);
	report_text(report, rules);
	report_text(report, earliest);
	report_text(report, dates->max.text);
	report_text(report, outcome_amount_text(programme, outcome->code));
	report_text(report, due);
	report_end_row(report);
	free(due);
	free(needs);
	free(rules);
	free(earliest);
}

/* The outcomes, what each needs first and their dates: what [targets]
 * and staff need. */
static void form_outcomes(const struct programme *programme,
			  enum report_format format)
{
	static const char *const columns[] = { "outcome", "label", "counts",
		"needs", "rule", "earliest", "latest", "amount", "due" };
	struct report *report;
	size_t i;

	if (format == REPORT_TABLE)
		printf("\n");
	if (format == REPORT_TABLE)
		printf(msg(MSG_FORMINFO_OUTCOMES), programme->plugin->id);
	else if (format == REPORT_CSV)
		printf("\n");
	report = report_begin(format, stdout, columns, ARRAY_SIZE(columns));
	for (i = 0; i < programme->plugin->n_outcomes; i++)
		outcome_row(report, programme, &programme->plugin->outcomes[i]);
	report_finish(report);
}

/* Fields, then outcomes: in a table after a blank line and a heading;
 * in CSV a second block after a blank line, with its own header; in
 * JSON {"fields": [...], "outcomes": [...]}. */
int cmd_form(struct session *session, int argc, char **argv)
{
	static const char *const columns[] = { "field", "type", "label",
		"flags", "when", "accepts" };
	struct command_options opts = { 0 };
	const struct programme *programme;
	struct report *report;
	size_t i;
	int status;

	if ((status = parse_options(argc, argv, &opts)) ||
	    (status = want_operands(argc, 1, "intake form PROGRAMME")) ||
	    (status = session_programmes(session)))
		return status;
	programme = session_programme_named(session, argv[optind]);
	if (!programme)
		return EXIT_USAGE;
	if (opts.format == REPORT_TABLE)
		printf("%s (%s) — %s %ld\n\n", programme_title(programme),
		       programme->plugin->id, msg(MSG_CMD_FORM_VERSION),
		       programme->form.version);
	if (opts.format == REPORT_JSON)
		fputs("{\"fields\": ", stdout);
	report = report_begin(opts.format, stdout, columns,
			      ARRAY_SIZE(columns));
	for (i = 0; i < programme->form.n_fields; i++)
		form_row(report, &programme->form.fields[i]);
	report_finish(report);
	if (opts.format == REPORT_JSON)
		fputs(", \"outcomes\": ", stdout);
	form_outcomes(programme, opts.format);
	if (opts.format == REPORT_JSON)
		fputs("}\n", stdout);
	return 0;
}

/* Answer every FIELD=VALUE operand; problems are kept on app. */
void answer_operands(struct intake_case *app, int argc, char **argv)
{
	int i, j;

	for (i = optind; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		char *field;

		if (!eq || eq == argv[i]) {
			application_problem(app, NULL, argv[i], NULL,
					    msg(MSG_CMD_NOT_ASSIGNMENT));
			continue;
		}
		field = xstrndup(argv[i], (size_t)(eq - argv[i]));
		for (j = optind; j < i; j++)
			if (!strncmp(argv[j], argv[i], (size_t)(eq - argv[i]) + 1))
				break;
		if (j < i)
			application_problem(app, field, eq + 1, NULL,
					    msg(MSG_CMD_REPEATED_FIELD));
		else
			application_answer(app, field, eq + 1);
		free(field);
	}
}

static int store_application(struct session *session,
			     const struct intake_case *app, char **receipt)
{
	struct take take = { 0 };

	take.office = session->config.office;
	take.staff = session->config.staff;
	return take_case(session->store, app, &take, receipt);
}

int cmd_add(struct session *session, int argc, char **argv)
{
	struct command_options opts = { 0 };
	const struct programme *programme;
	struct intake_case app;
	char *receipt = NULL;
	int status;

	if ((status = parse_options(argc, argv, &opts)))
		return status;
	if (argc - optind < 1)
		return want_operands(argc, 1, "intake add PROGRAMME FIELD=VALUE …");
	if ((status = session_plugins(session)))
		return status;
	programme = session_programme_named(session, argv[optind++]);
	if (!programme)
		return session->start_failed ? EXIT_CONFIG : EXIT_USAGE;
	application_init(&app, programme);
	answer_operands(&app, argc, argv);
	if (application_check(&app)) {
		application_print_problems(&app, stderr);
		error("%s", msg(MSG_CMD_NOTHING_STORED));
		application_release(&app);
		return EXIT_DATAERR;
	}
	status = session_store(session, STORE_WRITE);
	if (!status && store_application(session, &app, &receipt))
		status = session_store_failure(session);
	if (!status)
		printf("%s\n", receipt);
	free(receipt);
	application_release(&app);
	return status;
}

/* Not found, or not found because the table or its index is damaged?
 * Say which: a damaged file must never read as a missing receipt. */
static int not_found(struct session *session, const char *receipt)
{
	int damaged = store_quick_check(session->store, "applications", NULL,
					NULL);

	if (damaged > 0)
		error(msg(MSG_CMD_DAMAGED_LOOKUP), session->database_shown, receipt);
	if (damaged)
		return session_store_failure(session);
	error(msg(MSG_CMD_NO_RECEIPT), receipt);
	return EXIT_NOINPUT;
}

/* Load an application by receipt: 0, or an exit status after printing. */
int load_application(struct session *session, enum store_mode mode,
			    const char *receipt,
			    struct store_application *stored)
{
	int rc, status;

	if ((status = session_store(session, mode)))
		return status;
	rc = store_get_application(session->store, receipt, stored);
	if (rc < 0)
		return session_store_failure(session);
	if (rc > 0)
		return not_found(session, receipt);
	return 0;
}

static const struct field *stored_field(const struct programme *programme,
					const char *id)
{
	return programme ? form_field(&programme->form, id) : NULL;
}

static void json_answer(const struct field *field, const char *value)
{
	long long number;
	int numeric = field && (field->type == FIELD_INTEGER ||
				field->type == FIELD_YEN);

	if (numeric && !parse_long_long(value, &number))
		printf("%lld", number);
	else if (field && field->type == FIELD_BOOL)
		fputs(strcmp(value, "0") ? "true" : "false", stdout);
	else
		json_write_string(stdout, value);
}

static void json_or_null(const char *text)
{
	if (text)
		json_write_string(stdout, text);
	else
		fputs("null", stdout);
}

static void show_json(const struct store_application *app,
		      const struct programme *programme)
{
	char date[11];
	size_t i;

	fputs("{\"receipt\": ", stdout);
	json_write_string(stdout, app->receipt);
	fputs(", \"programme\": ", stdout);
	json_write_string(stdout, app->programme);
	date_to_iso(app->received_on, date);
	printf(", \"received_on\": \"%s\", \"status\": ", date);
	json_write_string(stdout, app->status);
	printf(", \"form_version\": %ld, \"staff\": ", app->form_version);
	json_write_string(stdout, app->staff);
	printf(", \"answers\": {\"received_on\": \"%s\"", date);
	for (i = 0; i < app->n_answers; i++) {
		fputs(", ", stdout);
		json_write_string(stdout, app->answers[i].field);
		fputs(": ", stdout);
		json_answer(stored_field(programme, app->answers[i].field),
			    app->answers[i].value);
	}
	fputs("}, \"outcomes\": [", stdout);
	for (i = 0; i < app->n_outcomes; i++) {
		date_to_iso(app->outcomes[i].occurred_on, date);
		printf("%s{\"id\": %lld, \"code\": ", i ? ", " : "",
		       app->outcomes[i].id);
		json_write_string(stdout, app->outcomes[i].code);
		printf(", \"date\": \"%s\", \"note\": ", date);
		json_or_null(app->outcomes[i].note);
		if (app->outcomes[i].has_amount)
			printf(", \"amount\": %lld", app->outcomes[i].amount);
		else
			fputs(", \"amount\": null", stdout);
		fputs(", \"voided_at\": ", stdout);
		json_or_null(app->outcomes[i].voided_at);
		fputs(", \"void_reason\": ", stdout);
		json_or_null(app->outcomes[i].void_reason);
		fputs("}", stdout);
	}
	fputs("], \"notes\": [", stdout);
	for (i = 0; i < app->n_notes; i++) {
		printf("%s{\"at\": ", i ? ", " : "");
		json_write_string(stdout, app->notes[i].at);
		fputs(", \"staff\": ", stdout);
		json_write_string(stdout, app->notes[i].staff);
		fputs(", \"text\": ", stdout);
		json_write_string(stdout, app->notes[i].text);
		fputs("}", stdout);
	}
	fputs("], \"links\": [", stdout);
	for (i = 0; i < app->n_links; i++) {
		printf("%s{\"receipt\": ", i ? ", " : "");
		json_write_string(stdout, app->links[i].receipt);
		fputs(", \"programme\": ", stdout);
		json_write_string(stdout, app->links[i].programme);
		fputs("}", stdout);
	}
	fputs("]}\n", stdout);
}

static void show_row(struct report *report, const char *item,
		     const char *value)
{
	report_text(report, item);
	report_text(report, value);
	report_end_row(report);
}

static const char *outcome_label(const struct programme *programme,
				 const char *code)
{
	return programme_outcome_label(programme, code, msg_language());
}

static void show_answers(struct report *report,
			 const struct store_application *app,
			 const struct programme *programme)
{
	size_t i;

	for (i = 0; i < app->n_answers; i++) {
		const struct field *field =
			stored_field(programme, app->answers[i].field);
		char *text = field ? value_format(field, app->answers[i].value)
				   : xstrdup(app->answers[i].value);

		show_row(report, field ? field_label(field)
				       : app->answers[i].field, text);
		free(text);
	}
}

/* A field of type yen, for parsing and showing amounts as the form's
 * yen fields are. */
static struct field yen_field(void)
{
	struct field field = { 0 };

	field.id = (char *)"amount";
	field.type = FIELD_YEN;
	return field;
}

/* An amount as people read it: "1,000,000 円".  Malloced. */
static char *yen_text(long long yen)
{
	struct field field = yen_field();
	char stored[32];

	snprintf(stored, sizeof(stored), "%lld", yen);
	return value_format(&field, stored);
}

static void show_outcomes(struct report *report,
			  const struct store_application *app,
			  const struct programme *programme)
{
	size_t i;

	for (i = 0; i < app->n_outcomes; i++) {
		const struct store_outcome *outcome = &app->outcomes[i];
		char date[11], *text, *yen;

		date_to_iso(outcome->occurred_on, date);
		yen = outcome->has_amount ? yen_text(outcome->amount)
					  : xstrdup("");
		text = xstrfmt("#%lld %s %s%s%s%s%s", outcome->id, date,
			       outcome_label(programme, outcome->code),
			       *yen ? " " : "", yen,
			       outcome->note ? " — " : "",
			       outcome->note ? outcome->note : "");
		free(yen);
		if (outcome->voided_at) {
			char *voided = xstrfmt(msg(MSG_CMD_SHOW_VOIDED), text,
					       outcome->void_reason
						       ? outcome->void_reason
						       : "");
			free(text);
			text = voided;
		}
		show_row(report, msg(MSG_CMD_SHOW_OUTCOME), text);
		free(text);
	}
}

static void show_notes(struct report *report,
		       const struct store_application *app)
{
	char when[32], *text;
	size_t i;

	for (i = 0; i < app->n_notes; i++) {
		utc_to_local(app->notes[i].at, when, sizeof(when));
		text = xstrfmt("%s %s: %s", when, app->notes[i].staff,
			       app->notes[i].text);
		show_row(report, msg(MSG_CMD_SHOW_NOTE), text);
		free(text);
	}
}

static void show_table(const struct store_application *app,
		       const struct programme *programme,
		       enum report_format format)
{
	static const char *const columns[] = { "item", "value" };
	struct report *report;
	char date[11];
	size_t i;

	report = report_begin(format, stdout, columns, ARRAY_SIZE(columns));
	date_to_iso(app->received_on, date);
	show_row(report, msg(MSG_CMD_SHOW_RECEIPT), app->receipt);
	show_row(report, msg(MSG_CMD_SHOW_PROGRAMME),
		 programme ? programme_title(programme) : app->programme);
	show_row(report, msg(MSG_CMD_SHOW_RECEIVED), date);
	show_row(report, msg(MSG_CMD_SHOW_STATUS),
		 outcome_label(programme, app->status));
	show_row(report, msg(MSG_CMD_SHOW_STAFF), app->staff);
	show_answers(report, app, programme);
	show_outcomes(report, app, programme);
	show_notes(report, app);
	for (i = 0; i < app->n_links; i++) {
		char *text = xstrfmt("%s (%s)", app->links[i].receipt,
				     app->links[i].programme);

		show_row(report, msg(MSG_CMD_SHOW_LINK), text);
		free(text);
	}
	report_finish(report);
}

static int history_row(const struct store_history *row, void *context)
{
	struct report *report = context;
	char when[32];

	utc_to_local(row->at, when, sizeof(when));
	report_text(report, when);
	report_text(report, row->staff);
	report_text(report, row->action);
	report_text(report, row->before);
	report_text(report, row->after);
	report_end_row(report);
	return 0;
}

/* `show --history`: every audit row of the case, oldest first. */
static int show_history(struct session *session,
			const struct store_application *app,
			enum report_format format)
{
	static const char *const columns[] = { "at", "staff", "action",
		"before", "after" };
	struct report *report = report_begin(format, stdout, columns,
					     ARRAY_SIZE(columns));
	int rc = store_history(session->store, app->id, history_row, report);

	report_finish(report);
	return rc ? session_store_failure(session) : 0;
}

int cmd_show(struct session *session, int argc, char **argv)
{
	struct command_options opts = { 0 };
	struct store_application app;
	const struct programme *programme;
	int status;

	if ((status = parse_options(argc, argv, &opts)) ||
	    (status = want_operands(argc, 1, "intake show RECEIPT")) ||
	    (status = session_plugins(session)) ||
	    (status = load_application(session, STORE_READ, argv[optind],
					       &app)))
		return status;
	programme = session_programme_if_any(session, app.programme);
	if (opts.history)
		status = show_history(session, &app, opts.format);
	else if (opts.format == REPORT_JSON)
		show_json(&app, programme);
	else
		show_table(&app, programme, opts.format);
	store_application_release(&app);
	return status;
}

/* A refused --month or --fy: what was wrong and what is expected. */
static int period_refused(enum period_status why, const char *option,
			  const char *text, enum msg_id unreadable,
			  int last_year)
{
	switch (why) {
	case PERIOD_NO_ERA_YEAR:
		error(msg(MSG_CMD_PERIOD_ERA_YEAR), option, text);
		break;
	case PERIOD_NO_MONTH:
		error(msg(MSG_CMD_PERIOD_NO_MONTH), option, text);
		break;
	case PERIOD_OUT_OF_RANGE:
		error(msg(MSG_CMD_PERIOD_RANGE), option, text,
		      PERIOD_YEAR_FIRST, last_year);
		break;
	default:
		error(msg(unreadable), text);
	}
	return EXIT_USAGE;
}

int parse_month_option(const char *text, long *yyyymm)
{
	enum period_status why = period_parse_month(text, yyyymm);

	return why ? period_refused(why, "--month", text,
				    MSG_CMD_MONTH_UNREADABLE,
				    PERIOD_MONTH_LAST_YEAR)
		   : 0;
}

int parse_fiscal_year_option(const char *text, int *fiscal_year)
{
	enum period_status why = period_parse_fiscal_year(text, fiscal_year);

	return why ? period_refused(why, "--fy", text, MSG_CMD_FY_UNREADABLE,
				    PERIOD_FY_LAST)
		   : 0;
}

/* Options of find and list: what to look for, filters, --format and
 * --limit.  Returns 0, or EXIT_USAGE after printing. */
struct find_options {
	enum report_format format;
	struct find_query query;
	const char *month;
	enum output_encoding encoding; /* CSV only */
};

enum { OPT_FIND_FORMAT = 1100, OPT_FIND_MONTH, OPT_FIND_TODAY,
       OPT_FIND_LIMIT, OPT_FIND_RECEIPT, OPT_FIND_NAME, OPT_FIND_KANA,
       OPT_FIND_BIRTH_DATE, OPT_FIND_PHONE, OPT_FIND_PROGRAMME,
       OPT_FIND_OFFICE, OPT_FIND_STAFF, OPT_FIND_STATUS, OPT_FIND_FROM,
       OPT_FIND_TO, OPT_FIND_ENCODING };

/* Where the text of a find option goes; NULL for the others. */
static const char **find_option_text(struct find_query *query, int option)
{
	switch (option) {
	case OPT_FIND_RECEIPT: return &query->receipt;
	case OPT_FIND_NAME: return &query->name;
	case OPT_FIND_KANA: return &query->kana;
	case OPT_FIND_BIRTH_DATE: return &query->birth_date;
	case OPT_FIND_PHONE: return &query->phone;
	case OPT_FIND_PROGRAMME: return &query->programme;
	case OPT_FIND_OFFICE: return &query->office;
	case OPT_FIND_STAFF: return &query->staff;
	case OPT_FIND_STATUS: return &query->status;
	case OPT_FIND_FROM: return &query->from;
	case OPT_FIND_TO: return &query->to;
	default: return NULL;
	}
}

static int parse_limit(const char *text, long *limit)
{
	long long value;

	if (parse_long_long(text, &value) || value < 0 || value > 1000000) {
		error(msg(MSG_FIND_BAD_LIMIT), text);
		return EXIT_USAGE;
	}
	*limit = (long)value;
	return 0;
}

static int parse_find_options(int argc, char **argv,
			      struct find_options *opts)
{
	static const struct option long_options[] = {
		{ "format", required_argument, NULL, OPT_FIND_FORMAT },
		{ "month", required_argument, NULL, OPT_FIND_MONTH },
		{ "today", no_argument, NULL, OPT_FIND_TODAY },
		{ "limit", required_argument, NULL, OPT_FIND_LIMIT },
		{ "receipt", required_argument, NULL, OPT_FIND_RECEIPT },
		{ "name", required_argument, NULL, OPT_FIND_NAME },
		{ "kana", required_argument, NULL, OPT_FIND_KANA },
		{ "birth-date", required_argument, NULL, OPT_FIND_BIRTH_DATE },
		{ "phone", required_argument, NULL, OPT_FIND_PHONE },
		{ "programme", required_argument, NULL, OPT_FIND_PROGRAMME },
		{ "program", required_argument, NULL, OPT_FIND_PROGRAMME },
		{ "office", required_argument, NULL, OPT_FIND_OFFICE },
		{ "staff", required_argument, NULL, OPT_FIND_STAFF },
		{ "status", required_argument, NULL, OPT_FIND_STATUS },
		{ "from", required_argument, NULL, OPT_FIND_FROM },
		{ "to", required_argument, NULL, OPT_FIND_TO },
		{ "encoding", required_argument, NULL, OPT_FIND_ENCODING },
		{ NULL, 0, NULL, 0 },
	};
	const char **text, *encoding = NULL;
	int option, format_given = 0;

	opts->format = report_format_default();
	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		if ((text = find_option_text(&opts->query, option)))
			*text = optarg;
		else if (option == OPT_FIND_FORMAT) {
			if (parse_format_option(optarg, &opts->format))
				return EXIT_USAGE;
			format_given = 1;
		} else if (option == OPT_FIND_ENCODING)
			encoding = optarg;
		else if (option == OPT_FIND_MONTH) {
			if (parse_month_option(optarg, &opts->query.month))
				return EXIT_USAGE;
		} else if (option == OPT_FIND_TODAY)
			opts->query.today = 1;
		else if (option == OPT_FIND_LIMIT) {
			if (parse_limit(optarg, &opts->query.limit))
				return EXIT_USAGE;
		} else
			return option_error(argv);
	}
	if (encoding && report_encoding_option(encoding, &opts->encoding,
					       &opts->format, format_given))
		return EXIT_USAGE;
	return 0;
}

/* Run the query, drawing rows with fn; the report begins at the first
 * row (or at the end, empty), so that a refused query prints none.
 * Returns the exit status; *rows counts the rows drawn. */
struct found_report {
	struct session *session;
	enum report_format format;
	enum output_encoding encoding;
	const char *const *columns;
	size_t n_columns;
	struct report *report;
	long rows;
	void (*draw)(struct found_report *out, const struct store_found *row);
};

static void found_begin(struct found_report *out)
{
	if (out->format == REPORT_CSV)
		out->report = report_begin_csv(stdout, 0, out->encoding,
					       out->columns, out->n_columns);
	else
		out->report = report_begin(out->format, stdout, out->columns,
					   out->n_columns);
}

static int found_row(const struct store_found *row, void *context)
{
	struct found_report *out = context;

	if (!out->report)
		found_begin(out);
	out->draw(out, row);
	report_end_row(out->report);
	out->rows++;
	return 0;
}

static int found_refused(struct find_error *refused)
{
	if (refused->option)
		error(msg(MSG_FIND_BAD_OPTION), refused->option,
		      refused->given, refused->expected);
	else
		error(msg(MSG_FIND_BAD_TEXT), refused->given,
		      refused->expected);
	find_error_release(refused);
	return EXIT_USAGE;
}

static int walk_found(struct found_report *out, const struct find_query *query)
{
	struct find_error refused;
	int more = 0;
	int rc = find_walk(out->session->store, query, found_row, out, &more,
			   &refused);

	if (rc > 0)
		return found_refused(&refused);
	if (!out->report)
		found_begin(out);
	if (report_finish(out->report) && rc >= 0)
		return EXIT_DATAERR;
	if (rc < 0)
		return session_store_failure(out->session);
	if (more)
		fprintf(stderr, msg(MSG_FIND_MORE), query->limit);
	return 0;
}

/* Empty text stays NULL: a date column of a row without one. */
static void date_cell(struct report *report, long yyyymmdd)
{
	char date[11];

	if (!yyyymmdd) {
		report_null(report);
		return;
	}
	date_to_iso(yyyymmdd, date);
	report_text(report, date);
}

static void list_row(struct found_report *out, const struct store_found *row)
{
	report_text(out->report, row->receipt);
	report_text(out->report, row->programme);
	if (row->received_on) /* a date: shown as stored */
		report_text(out->report, row->received_on_text);
	else
		report_null(out->report);
	report_text(out->report, row->status);
	report_text(out->report, row->staff ? row->staff : "");
	report_text(out->report, row->office ? row->office : "");
}

/* The statuses an application of the programmes in scope (programme, or
 * all when NULL) can have: "received", "withdrawn", then "code  label (id)" per
 * outcome.  Only those a name fits when name is not NULL. */
static char *status_lines(const struct registry *registry,
			  const struct programme *programme, const char *name)
{
	struct strbuf lines = STRBUF_INIT;
	size_t i, o;

	if (!name)
		strbuf_addstr(&lines, "  received\n  withdrawn");
	for (i = 0; i < registry->n_programmes; i++) {
		const struct programme *p = &registry->programmes[i];

		if (programme && programme != p)
			continue;
		for (o = 0; o < p->plugin->n_outcomes; o++) {
			const struct intake_outcome *outcome =
				&p->plugin->outcomes[o];

			if (name && programme_outcome_named(p, name) != outcome)
				continue;
			strbuf_addf(&lines, "%s  %s  %s (%s)",
				    lines.len ? "\n" : "", outcome->code,
				    msg_pick(outcome->label_ja,
					     outcome->label_en),
				    p->plugin->id);
		}
	}
	return strbuf_detach(&lines);
}

/* The outcome codes name fits in the programmes in scope: the first in
 * *code; returns 0 for none, 1 when every fit has that code, else more. */
static size_t status_codes(const struct registry *registry,
			   const struct programme *programme,
			   const char *name, const char **code)
{
	size_t i, n = 0;

	for (i = 0; i < registry->n_programmes; i++) {
		const struct programme *p = &registry->programmes[i];
		const struct intake_outcome *outcome;

		if (programme && programme != p)
			continue;
		outcome = programme_outcome_named(p, name);
		if (!outcome || (n && !strcmp(*code, outcome->code)))
			continue;
		if (!n++)
			*code = outcome->code;
	}
	return n;
}

/* --status: "received", or an outcome's code or label in the programmes
 * in scope.  The code, or NULL after listing the valid ones. */
static const char *status_named(const struct registry *registry,
				const struct programme *programme,
				const char *name)
{
	const char *code = NULL;
	char *lines;
	size_t n;

	if (!strcmp(name, "received") || !strcmp(name, "withdrawn"))
		return !strcmp(name, "received") ? "received" : "withdrawn";
	n = status_codes(registry, programme, name, &code);
	if (n == 1)
		return code;
	lines = status_lines(registry, programme, n ? name : NULL);
	error(msg(n ? MSG_CMD_STATUS_AMBIGUOUS : MSG_CMD_STATUS_NOT_FOUND),
	      name, lines);
	free(lines);
	return NULL;
}

/* --programme and --status of list and find, as staff name them, into
 * the ids the store keeps: 0, or an exit status after printing.  The
 * programmes load only when one is given. */
static int query_scope(struct session *session, struct find_query *query)
{
	const struct programme *programme = NULL;
	int status;

	if (!query->programme && !query->status)
		return 0;
	/* One programme is started alone; a status alone is looked up in
	 * every programme's outcomes. */
	status = query->programme ? session_plugins(session)
				  : session_programmes(session);
	if (status)
		return status;
	if (query->programme &&
	    !(programme = session_programme_named(session, query->programme)))
		return EXIT_USAGE;
	if (programme)
		query->programme = programme->plugin->id;
	if (query->status &&
	    !(query->status = status_named(&session->registry, programme,
					   query->status)))
		return EXIT_USAGE;
	return 0;
}

int cmd_list(struct session *session, int argc, char **argv)
{
	static const char *const columns[] = { "receipt", "programme",
		"received_on", "status", "staff", "office" };
	struct find_options opts;
	struct found_report out;
	int status;

	memset(&opts, 0, sizeof(opts));
	if ((status = parse_find_options(argc, argv, &opts)) ||
	    (status = want_operands(argc, 0, "intake list [--programme P] "
				    "[--status S] [--from DATE] [--to DATE] "
				    "…")) ||
	    (status = query_scope(session, &opts.query)) ||
	    (status = session_store(session, STORE_READ)))
		return status;
	out = (struct found_report){ session, opts.format, opts.encoding,
				     columns, ARRAY_SIZE(columns), NULL, 0,
				     list_row };
	return walk_found(&out, &opts.query);
}

#define FIND_LIMIT 50 /* rows find shows unless --limit says */

static void find_row(struct found_report *out, const struct store_found *row)
{
	const struct programme *programme =
		registry_find(&out->session->registry, row->programme);

	report_text(out->report, row->receipt);
	report_text(out->report, programme ? programme_title(programme)
					   : row->programme);
	report_text(out->report, row->name);
	report_text(out->report, row->name_kana);
	date_cell(out->report, row->received_on);
	report_text(out->report, outcome_label(programme, row->status));
	date_cell(out->report, row->outcome_on);
}

/* Something to look for: the text or any option. */
static int find_has_criterion(const struct find_query *q)
{
	return q->text || q->receipt || q->name || q->kana || q->birth_date ||
	       q->phone || q->programme || q->office || q->staff ||
	       q->status || q->from || q->to || q->month || q->today;
}

/* The operands as one text, words joined by a space (a name typed
 * without quotes); NULL when there are none. */
static char *find_text(int argc, char **argv)
{
	struct strbuf text = STRBUF_INIT;
	int i;

	if (optind >= argc)
		return NULL;
	for (i = optind; i < argc; i++)
		strbuf_addf(&text, "%s%s", i > optind ? " " : "", argv[i]);
	return strbuf_detach(&text);
}

int cmd_find(struct session *session, int argc, char **argv)
{
	static const char *const columns[] = { "receipt", "programme", "name",
		"name_kana", "received_on", "status", "outcome_on" };
	struct find_options opts;
	struct found_report out;
	char *text;
	int status;

	memset(&opts, 0, sizeof(opts));
	opts.query.limit = FIND_LIMIT;
	if ((status = parse_find_options(argc, argv, &opts)))
		return status;
	opts.query.text = text = find_text(argc, argv);
	opts.query.newest_first = opts.query.details = 1;
	if (!find_has_criterion(&opts.query)) {
		error("%s", msg(MSG_FIND_NOTHING));
		return EXIT_USAGE;
	}
	status = session_programmes(session);
	if (!status)
		status = query_scope(session, &opts.query);
	if (!status)
		status = session_store(session, STORE_READ);
	out = (struct found_report){ session, opts.format, opts.encoding,
				     columns, ARRAY_SIZE(columns), NULL, 0,
				     find_row };
	if (!status)
		status = walk_found(&out, &opts.query);
	if (!status && !out.rows) {
		fputs(msg(MSG_FIND_NONE), stderr);
		status = 1; /* as grep: nothing found */
	}
	free(text);
	return status;
}

/* The date of --date or typed at the menu (today when NULL): 0, or
 * EXIT_DATAERR after saying why. */
static int parse_outcome_date(const char *text, long *date)
{
	char *expected = NULL;

	if (!text) {
		*date = today_yyyymmdd();
		return 0;
	}
	if (!lifecycle_parse_date(text, date, &expected))
		return 0;
	error(msg(MSG_CMD_BAD_DATE_OPTION), text, expected);
	free(expected);
	return EXIT_DATAERR;
}


/* What staff give for one outcome, at the counter or as options. */
struct outcome_choice {
	const struct intake_outcome *outcome;
	long date;
	char *note;     /* NULL for none */
	int has_amount; /* an amount in yen goes with it */
	long long amount;
};

/* "recorded X on D", with the amount when there is one. */
static void say_recorded(const struct store_application *stored,
			 const struct outcome_choice *choice)
{
	const struct intake_outcome *outcome = choice->outcome;
	const char *label = msg_pick(outcome->label_ja, outcome->label_en);
	char iso[11], *yen;

	date_to_iso(choice->date, iso);
	if (!choice->has_amount) {
		printf(msg(MSG_CMD_OUTCOME_RECORDED), stored->receipt, label,
		       iso);
		return;
	}
	yen = yen_text(choice->amount);
	printf(msg(MSG_CMD_OUTCOME_RECORDED_AMOUNT), stored->receipt, label,
	       iso, yen);
	free(yen);
}

/* The request the operations take, from what staff gave. */
static struct outcome_request request_of(const struct outcome_choice *choice,
					 const char *staff)
{
	struct outcome_request request = { choice->outcome, choice->date,
					   choice->note, choice->has_amount,
					   choice->amount, staff };

	return request;
}

static int record_outcome(struct session *session,
			  const struct store_application *stored,
			  const struct outcome_choice *choice)
{
	struct outcome_request request =
		request_of(choice, session->config.staff);
	struct intake_case app;
	int rc;

	application_init(&app, session_programme(session, stored->programme));
	rc = outcome_record(session->store, &app, stored, &request);
	if (rc > 0)
		application_print_problems(&app, stderr);
	application_release(&app);
	if (rc < 0)
		return session_store_failure(session);
	if (rc > 0)
		return EXIT_DATAERR;
	say_recorded(stored, choice);
	return 0;
}


/* May the programme record choice now?  with_amount: the amount given
 * with it (or none) is checked too; else check_outcome sees none, as
 * before one is asked.  0, or EXIT_DATAERR. */
static int allow_outcome(const struct programme *programme,
			 const struct store_application *stored,
			 const struct outcome_choice *choice, int with_amount)
{
	struct outcome_request request = request_of(choice, NULL);
	struct intake_case app;
	int status = 0;

	if (outcome_check(&app, programme, stored, &request, with_amount)) {
		application_print_problems(&app, stderr);
		status = EXIT_DATAERR;
	}
	application_release(&app);
	return status;
}

/* An amount as typed (--amount, or at the counter), read as a yen field
 * reads it (1,000,000, 100万, 1.5万 円): 0 and *yen, or EXIT_DATAERR
 * after saying why. */
static int parse_amount(const char *text, long long *yen)
{
	char *expected = NULL;

	if (!lifecycle_parse_amount(text, yen, &expected))
		return 0;
	error(msg(MSG_CMD_BAD_AMOUNT_OPTION), text, expected);
	free(expected);
	return EXIT_DATAERR;
}

static const struct intake_outcome *
find_outcome(const struct programme *programme, const char *code)
{
	char *why;
	const struct intake_outcome *outcome =
	    outcome_find(programme, code, msg_language(), &why);

	if (!outcome) {
		error("%s", why);
		free(why);
	}
	return outcome;
}


/* The outcomes the programme allows today, as a numbered menu. */
static size_t outcome_menu(const struct programme *programme,
			   const struct store_application *stored,
			   const struct intake_outcome **allowed)
{
	const struct intake_plugin *plugin = programme->plugin;
	long today = today_yyyymmdd();
	size_t i, n = 0;

	for (i = 0; i < plugin->n_outcomes; i++) {
		const struct intake_outcome *outcome = &plugin->outcomes[i];

		if (!outcome_offered(programme, stored, outcome, today))
			continue;
		allowed[n++] = outcome;
		printf("  %zu) %s  [%s]\n", n,
		       msg_pick(outcome->label_ja, outcome->label_en),
		       outcome->code);
	}
	return n;
}

int check_note_text(const char *what, const char *note)
{
	char *why = lifecycle_text_problem(msg_language(), what, note);

	if (!why)
		return 0;
	error("%s", why);
	free(why);
	return EXIT_DATAERR;
}

/* The outcome, by its number in the menu or its code; asked again
 * until one is given.  NULL at the end of input. */
static const struct intake_outcome *
ask_which(struct terminal *terminal, const struct programme *programme,
	  const struct intake_outcome **allowed, size_t n)
{
	const struct intake_outcome *chosen = NULL;
	char *line, *end;
	long number;

	while (!chosen &&
	       (line = terminal_read(terminal, msg(MSG_CMD_OUTCOME_WHICH)))) {
		number = strtol(line, &end, 10);
		if (end != line && !*end && number >= 1 && (size_t)number <= n)
			chosen = allowed[number - 1];
		else if (!(chosen = programme_outcome(programme, line)))
			error(msg(MSG_CMD_OUTCOME_NOT_CHOSEN), line, n);
		free(line);
	}
	return chosen;
}

/* The date (Enter for today), asked again while it is refused: 0, or
 * EXIT_DATAERR at the end of input. */
static int ask_date(struct terminal *terminal,
		    const struct programme *programme,
		    const struct store_application *stored,
		    struct outcome_choice *choice)
{
	char *line;
	int status = EXIT_DATAERR;

	while (status &&
	       (line = terminal_read(terminal, msg(MSG_CMD_OUTCOME_DATE)))) {
		status = parse_outcome_date(*line ? line : NULL,
					    &choice->date);
		if (!status)
			status = allow_outcome(programme, stored, choice, 0);
		free(line);
	}
	return status;
}

/* The amount, when the outcome carries one (Enter for none when it is
 * optional), asked again while it is refused: 0, or EXIT_DATAERR at
 * the end of input. */
static int ask_amount(struct terminal *terminal,
		      const struct programme *programme,
		      const struct store_application *stored,
		      struct outcome_choice *choice)
{
	const struct intake_outcome_amount *declared =
		programme_outcome_amount(programme, choice->outcome->code);
	enum msg_id prompt = MSG_CMD_OUTCOME_AMOUNT;
	char *line;
	int status = EXIT_DATAERR;

	if (!declared)
		return 0;
	if (!declared->required)
		prompt = MSG_CMD_OUTCOME_AMOUNT_OPTIONAL;
	while (status && (line = terminal_read(terminal, msg(prompt)))) {
		choice->has_amount = *line != '\0';
		status = choice->has_amount
				 ? parse_amount(line, &choice->amount)
				 : 0;
		if (!status)
			status = allow_outcome(programme, stored, choice, 1);
		free(line);
	}
	return status;
}

/* A note (Enter or the end of input for none), asked again while it is
 * refused. */
static int ask_note(struct terminal *terminal, struct outcome_choice *choice)
{
	char *line;

	while ((line = terminal_read(terminal, msg(MSG_CMD_OUTCOME_NOTE)))) {
		if (!*line) {
			free(line);
			return 0;
		}
		if (!check_note_text(msg(MSG_CMD_NOTE_WORD), line)) {
			choice->note = line;
			return 0;
		}
		free(line);
	}
	return 0;
}

/*
 * `intake outcome RECEIPT` at the counter: pick from what the programme
 * allows now, then the date and a note, each asked again until it is
 * taken.  0, or an exit status after saying why (nothing stored).
 */
static int outcome_at_counter(const struct programme *programme,
			      const struct store_application *stored,
			      struct outcome_choice *choice)
{
	const struct intake_outcome **allowed;
	struct terminal terminal;
	size_t n;
	int status = EXIT_DATAERR;

	terminal_init(&terminal);
	allowed = xcalloc(programme->plugin->n_outcomes, sizeof(*allowed));
	printf("%s  %s\n", stored->receipt, programme_title(programme));
	n = outcome_menu(programme, stored, allowed);
	if (!n)
		error(msg(MSG_CMD_OUTCOME_NONE_ALLOWED), stored->receipt);
	else if ((choice->outcome = ask_which(&terminal, programme, allowed,
					      n)))
		status = ask_date(&terminal, programme, stored, choice);
	if (!status)
		status = ask_amount(&terminal, programme, stored, choice);
	if (!status)
		status = ask_note(&terminal, choice);
	free(allowed);
	return status;
}


/* `intake outcome RECEIPT --void N --reason TEXT`: the outcome stays on
 * record and no longer counts. */
static int void_outcome(struct session *session,
			const struct store_application *stored, int argc,
			const struct command_options *opts)
{
	struct lifecycle_request request = {
		session->store, stored, msg_language(), session->config.staff,
		opts->reason, "--reason"};
	long long id;
	char *why;
	int rc;

	if (argc - optind != 1 || parse_long_long(opts->void_outcome, &id) ||
	    id < 1) {
		error(msg(MSG_CMD_USAGE), "intake outcome RECEIPT --void N "
					  "--reason TEXT");
		return EXIT_USAGE;
	}
	if (!opts->reason) {
		error("%s", msg(MSG_AMEND_NEEDS_REASON));
		return EXIT_USAGE;
	}
	rc = lifecycle_void(&request, opts->void_outcome, &why);
	if (rc < 0)
		return session_store_failure(session);
	if (rc > 0) {
		error("%s", why);
		free(why);
		return EXIT_DATAERR;
	}
	printf(msg(MSG_CASE_VOIDED), stored->receipt, id);
	return 0;
}

/* `intake outcome RECEIPT CODE [--date D] [--amount YEN] [--note N]`. */
static int outcome_from_options(const struct programme *programme,
				const struct store_application *stored,
				const char *code,
				const struct command_options *opts,
				struct outcome_choice *choice)
{
	int status;

	choice->outcome = find_outcome(programme, code);
	if (!choice->outcome)
		return EXIT_USAGE;
	choice->has_amount = opts->amount != NULL;
	if ((opts->amount &&
	     (status = parse_amount(opts->amount, &choice->amount))) ||
	    (status = parse_outcome_date(opts->date, &choice->date)) ||
	    (status = allow_outcome(programme, stored, choice, 1)))
		return status;
	choice->note = opts->note ? xstrdup(opts->note) : NULL;
	return 0;
}

int cmd_outcome(struct session *session, int argc, char **argv)
{
	struct command_options opts = { 0 };
	struct outcome_choice choice = { NULL, 0, NULL, 0, 0 };
	struct store_application stored;
	const struct programme *programme;
	int status;

	if ((status = parse_options(argc, argv, &opts)) ||
	    (opts.note && (status = check_note_text("--note", opts.note))))
		return status;
	if (argc - optind != 1 && argc - optind != 2)
		return want_operands(argc, 2, "intake outcome RECEIPT [CODE]");
	if (opts.amount && argc - optind != 2)
		return want_operands(argc, 2, "intake outcome RECEIPT CODE "
					      "--amount YEN");
	if ((status = session_plugins(session)) ||
	    (status = load_application(session, STORE_WRITE, argv[optind],
				       &stored)))
		return status;
	programme = session_programme(session, stored.programme);
	if (!programme)
		status = EXIT_CONFIG;
	else if (opts.void_outcome)
		status = void_outcome(session, &stored, argc, &opts);
	else if (argc - optind == 1)
		status = outcome_at_counter(programme, &stored, &choice);
	else
		status = outcome_from_options(programme, &stored,
					      argv[optind + 1], &opts, &choice);
	if (!status && choice.outcome)
		status = record_outcome(session, &stored, &choice);
	free(choice.note);
	store_application_release(&stored);
	return status;
}

/* `plugin check` without a file: every plugin of plugin_dir loads. */
static int check_plugin_dir(struct session *session)
{
	size_t i;
	int status = session_programmes(session);

	if (status)
		return status;
	if (!session->registry.n_programmes)
		return EXIT_CONFIG;
	for (i = 0; i < session->registry.n_programmes; i++)
		printf(msg(MSG_CMD_PLUGIN_LOADED),
		       session->registry.programmes[i].path,
		       session->registry.programmes[i].plugin->id);
	return 0;
}

/* `plugin check [FILE.so | --form FILE]`; argv[0] is "check". */
static int plugin_check_command(struct session *session, int argc,
				char **argv)
{
	static const struct option long_options[] = {
		{ "form", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *usage = "intake plugin check [FILE.so | --form FILE.ini]";
	const char *form = NULL;
	int option;

	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		if (option != 'f')
			return option_error(argv);
		form = optarg;
	}
	if (argc - optind > 1 || (form && argc - optind))
		return error(msg(MSG_CMD_USAGE), usage), EXIT_USAGE;
	if (form)
		return plugin_form_check(form, stdout);
	if (argc == optind)
		return check_plugin_dir(session);
	return plugin_check(argv[optind], session->config.plugin_dir,
			    session->config.form_dir, stdout);
}

int cmd_plugin(struct session *session, int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "check"))
		return plugin_check_command(session, argc - 1, argv + 1);
	if (argc >= 2 && !strcmp(argv[1], "new"))
		return cmd_plugin_new(session, argc - 1, argv + 1);
	error(msg(MSG_CMD_USAGE), "intake plugin check [FILE.so | --form "
				  "FILE.ini] | intake plugin new ID …");
	return EXIT_USAGE;
}
