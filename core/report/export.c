/* `intake export`: one programme's applications as CSV, JSON lines or
 * an Excel workbook, with their status and outcomes. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "csv.h"
#include "export.h"
#include "messages.h"
#include "report.h"
#include "store.h"
#include "util.h"
#include "value.h"

/* "P-" and 20 hex digits (80 bits of an HMAC-SHA256). */
#define PSEUDONYM_BYTES 10
#define PSEUDONYM_SIZE	(2 + PSEUDONYM_BYTES * 2 + 1)

/* What became of one outcome code on the current application. */
struct export_outcome {
	long on; /* yyyymmdd it was last recorded (not voided), 0: never */
	int has_amount;
	long long amount;
};

struct export {
	const struct programme *programme;
	enum report_format format;
	int deidentify, excel, labels;
	enum output_encoding encoding; /* of CSV */
	const char *xlsx_path; /* --xlsx */
	struct export_xlsx *xlsx;
	struct csv_writer csv;
	struct export_column *columns;
	size_t n_columns, alloc_columns;
	struct export_cell *cells;	    /* of the current application */
	const char **values;		    /* the answers, by form position */
	struct export_outcome *outcomes;    /* by the plugin's outcome order */
	const struct store_outcome *latest; /* NULL when none counts */
	struct strbuf line; /* JSON: the row being written */
	unsigned char key[crypto_auth_hmacsha256_KEYBYTES]; /* deidentify */
	char pseudonym[PSEUDONYM_SIZE];
};

static int exported(const struct export *export, const struct field *field)
{
	return !(export->deidentify && (field->pii || field->sensitive));
}

/*
 * What stands for the receipt in a de-identified export: an HMAC of the
 * receipt under a key drawn for this export and never kept.  The same
 * receipt gets the same pseudonym within the export (rows of one case
 * can be joined); nobody, the office included, can turn it back into
 * the receipt or match it with another export.
 */
static const char *case_id(struct export *export, const char *receipt)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];

	if (!export->deidentify)
		return receipt;
	crypto_auth_hmacsha256(mac, (const unsigned char *)receipt,
			       strlen(receipt), export->key);
	memcpy(export->pseudonym, "P-", 2);
	sodium_bin2hex(export->pseudonym + 2, PSEUDONYM_BYTES * 2 + 1, mac,
		       PSEUDONYM_BYTES);
	return export->pseudonym;
}

/* Fields whose codes --labels turns into labels. */
static int labelled(const struct field *field)
{
	return field->type == FIELD_CHOICE || field->type == FIELD_MULTI ||
	       field->type == FIELD_BOOL || field->type == FIELD_PREFECTURE;
}

static enum export_cell_type field_cell_type(const struct export *export,
					     const struct field *field)
{
	if (export->labels && labelled(field))
		return EXPORT_TEXT;
	switch (field->type) {
	case FIELD_INTEGER:
	case FIELD_YEN: return EXPORT_NUMBER;
	case FIELD_DATE: return EXPORT_DATE;
	case FIELD_BOOL: return EXPORT_FLAG;
	case FIELD_POSTAL:
	case FIELD_PHONE:
	case FIELD_CORPORATE_NUMBER:
	case FIELD_MUNICIPALITY:
	case FIELD_PREFECTURE: return EXPORT_DIGITS;
	default: return EXPORT_TEXT;
	}
}

/* Append a column; id and title are taken over. */
static struct export_column *add_column(struct export *export,
					enum export_column_kind kind,
					enum export_cell_type type, char *id,
					char *title)
{
	struct export_column *column;

	ALLOC_GROW(export->columns, export->n_columns + 1,
		   export->alloc_columns);
	column = &export->columns[export->n_columns++];
	memset(column, 0, sizeof(*column));
	column->kind = kind;
	column->type = type;
	column->id = id;
	column->title = title;
	return column;
}

static void add_outcome_columns(struct export *export)
{
	const struct intake_plugin *plugin = export->programme->plugin;
	enum language language = msg_language();
	struct export_column *column;
	size_t i;

	for (i = 0; i < plugin->n_outcomes; i++) {
		const struct intake_outcome *outcome = &plugin->outcomes[i];
		const char *label =
		    msg_pick_in(language, outcome->label_ja, outcome->label_en);

		column = add_column(export, EXPORT_OUTCOME_ON, EXPORT_DATE,
				    xstrfmt("outcome.%s", outcome->code),
				    xstrfmt(msg(MSG_EXPORT_OUTCOME_ON), label));
		column->outcome = i;
		if (!programme_outcome_amount(export->programme, outcome->code))
			continue;
		column =
		    add_column(export, EXPORT_OUTCOME_AMOUNT, EXPORT_NUMBER,
			       xstrfmt("outcome.%s.amount", outcome->code),
			       xstrfmt(msg(MSG_EXPORT_OUTCOME_AMOUNT), label));
		column->outcome = i;
	}
}

/* The columns, left to right: the case, received_on, the answers in
 * form order, status, the latest outcome and its date, then a date
 * (and an amount where the plugin declares one) per outcome code. */
static void make_columns(struct export *export)
{
	const struct form *form = &export->programme->form;
	size_t i;

	add_column(export, EXPORT_CASE, EXPORT_TEXT,
		   xstrdup(export->deidentify ? "pseudonym" : "receipt"),
		   xstrdup(msg(export->deidentify ? MSG_EXPORT_PSEUDONYM
						  : MSG_EXPORT_RECEIPT)));
	add_column(export, EXPORT_RECEIVED_ON, EXPORT_DATE,
		   xstrdup(RECEIVED_ON_FIELD),
		   xstrdup(msg(MSG_EXPORT_RECEIVED_ON)));
	for (i = 0; i < form->n_fields; i++) {
		const struct field *field = &form->fields[i];

		if (!exported(export, field))
			continue;
		add_column(export, EXPORT_FIELD, field_cell_type(export, field),
			   xstrdup(field->id), xstrdup(field_label(field)))
		    ->field = field;
	}
	add_column(export, EXPORT_STATUS, EXPORT_TEXT, xstrdup("status"),
		   xstrdup(msg(MSG_EXPORT_STATUS)));
	add_column(export, EXPORT_LATEST, EXPORT_TEXT,
		   xstrdup("latest_outcome"), xstrdup(msg(MSG_EXPORT_LATEST)));
	add_column(export, EXPORT_LATEST_ON, EXPORT_DATE,
		   xstrdup("latest_outcome_on"),
		   xstrdup(msg(MSG_EXPORT_LATEST_ON)));
	add_outcome_columns(export);
	export->cells = xcalloc(export->n_columns, sizeof(*export->cells));
}

/* Spread an application's answers into export->values by form
 * position, and its outcomes that count into export->outcomes. */
static void fill_application(struct export *export,
			     const struct store_application *app)
{
	const struct form *form = &export->programme->form;
	const struct intake_plugin *plugin = export->programme->plugin;
	size_t i, k;

	memset(export->values, 0, form->n_fields * sizeof(*export->values));
	for (i = 0; i < app->n_answers; i++) {
		const struct field *field =
		    form_field(form, app->answers[i].field);

		if (field)
			export->values[field->index] = app->answers[i].value;
	}
	memset(export->outcomes, 0,
	       plugin->n_outcomes * sizeof(*export->outcomes));
	export->latest = NULL;
	for (i = 0; i < app->n_outcomes; i++) { /* by date, then id */
		const struct store_outcome *outcome = &app->outcomes[i];

		if (outcome->voided_at)
			continue;
		export->latest = outcome;
		for (k = 0; k < plugin->n_outcomes; k++)
			if (!strcmp(plugin->outcomes[k].code, outcome->code))
				break;
		if (k == plugin->n_outcomes)
			continue;
		export->outcomes[k].on = outcome->occurred_on;
		export->outcomes[k].has_amount = outcome->has_amount;
		export->outcomes[k].amount = outcome->amount;
	}
}

static void cell_text(struct export_cell *cell, const char *text)
{
	cell->type = text ? EXPORT_TEXT : EXPORT_EMPTY;
	cell->text = text;
}

static void cell_date(struct export_cell *cell, long yyyymmdd)
{
	cell->type = yyyymmdd ? EXPORT_DATE : EXPORT_EMPTY;
	cell->date = yyyymmdd;
}

/* A stored answer as its column's type says; a value that does not
 * parse as that type (it never should) is written as text. */
static void field_cell(const struct export *export,
		       const struct export_column *column, const char *stored,
		       struct export_cell *cell)
{
	cell->type = column->type;
	cell->text = stored;
	if (!stored) {
		cell->type = EXPORT_EMPTY;
	} else if (export->labels && labelled(column->field)) {
		cell->owned = value_format(column->field, stored);
		cell->text = cell->owned;
	} else if (cell->type == EXPORT_NUMBER || cell->type == EXPORT_FLAG) {
		if (parse_long_long(stored, &cell->number) < 0)
			cell->type = EXPORT_TEXT;
	} else if (cell->type == EXPORT_DATE) {
		if (date_from_iso(stored, &cell->date) < 0)
			cell->type = EXPORT_TEXT;
	} else if (cell->type == EXPORT_DIGITS) {
		if (!*stored || stored[strspn(stored, "0123456789")])
			cell->type = EXPORT_TEXT;
	}
}

/* A status or an outcome code, or with --labels its label. */
static const char *code_text(const struct export *export, const char *code)
{
	if (!export->labels)
		return code;
	if (!strcmp(code, "received"))
		return msg(MSG_EXPORT_STATUS_RECEIVED);
	if (!strcmp(code, "withdrawn"))
		return msg(MSG_EXPORT_STATUS_WITHDRAWN);
	return programme_outcome_label(export->programme, code, msg_language());
}

static void outcome_cell(const struct export *export,
			 const struct export_column *column,
			 struct export_cell *cell)
{
	const struct export_outcome *outcome =
	    &export->outcomes[column->outcome];

	if (column->kind == EXPORT_OUTCOME_ON) {
		cell_date(cell, outcome->on);
		return;
	}
	cell->type =
	    outcome->on && outcome->has_amount ? EXPORT_NUMBER : EXPORT_EMPTY;
	cell->number = outcome->amount;
}

static void fill_cell(struct export *export, const struct export_column *column,
		      const struct store_application *app,
		      struct export_cell *cell)
{
	const struct store_outcome *latest = export->latest;

	memset(cell, 0, sizeof(*cell));
	switch (column->kind) {
	case EXPORT_CASE: cell_text(cell, case_id(export, app->receipt)); break;
	case EXPORT_RECEIVED_ON: cell_date(cell, app->received_on); break;
	case EXPORT_FIELD:
		field_cell(export, column, export->values[column->field->index],
			   cell);
		break;
	case EXPORT_STATUS:
		cell_text(cell, code_text(export, app->status));
		break;
	case EXPORT_LATEST:
		cell_text(cell,
			  latest ? code_text(export, latest->code) : NULL);
		break;
	case EXPORT_LATEST_ON:
		cell_date(cell, latest ? latest->occurred_on : 0);
		break;
	case EXPORT_OUTCOME_ON:
	case EXPORT_OUTCOME_AMOUNT: outcome_cell(export, column, cell); break;
	}
}

static void release_cells(struct export *export)
{
	size_t i;

	for (i = 0; i < export->n_columns; i++) {
		free(export->cells[i].owned);
		export->cells[i].owned = NULL;
	}
}

static void csv_cell(struct export *export, const struct export_cell *cell)
{
	char text[32];

	switch (cell->type) {
	case EXPORT_EMPTY: csv_field(&export->csv, NULL); return;
	case EXPORT_DIGITS: csv_digits(&export->csv, cell->text); return;
	case EXPORT_TEXT: csv_field(&export->csv, cell->text); return;
	case EXPORT_NUMBER:
	case EXPORT_FLAG:
		snprintf(text, sizeof(text), "%lld", cell->number);
		break;
	case EXPORT_DATE: date_to_iso(cell->date, text); break;
	}
	csv_field(&export->csv, text);
}

static void csv_header(struct export *export)
{
	size_t i;

	for (i = 0; i < export->n_columns; i++)
		csv_field(&export->csv, export->labels
					    ? export->columns[i].title
					    : export->columns[i].id);
	csv_end_row(&export->csv);
}

/* JSON: ids as keys; answers, codes, labels and dates as strings (as
 * stored), amounts as numbers; empty cells left out. */
static void json_cell(struct strbuf *line, const struct export_column *column,
		      const struct export_cell *cell)
{
	char text[32];

	strbuf_addstr(line, ", ");
	json_add_string(line, column->id);
	strbuf_addstr(line, ": ");
	switch (cell->type) {
	case EXPORT_NUMBER:
	case EXPORT_FLAG:
		snprintf(text, sizeof(text), "%lld", cell->number);
		if (column->kind == EXPORT_OUTCOME_AMOUNT)
			strbuf_addstr(line, text);
		else
			json_add_string(line, text);
		return;
	case EXPORT_DATE:
		date_to_iso(cell->date, text);
		json_add_string(line, text);
		return;
	default: json_add_string(line, cell->text); return;
	}
}

/* One object a line, built whole and written with one fwrite. */
static void json_row(struct export *export)
{
	struct strbuf *line = &export->line;
	size_t i;

	strbuf_reset(line);
	strbuf_addch(line, '{');
	json_add_string(line, export->columns[0].id);
	strbuf_addstr(line, ": ");
	json_add_string(line, export->cells[0].text);
	for (i = 1; i < export->n_columns; i++)
		if (export->cells[i].type != EXPORT_EMPTY)
			json_cell(line, &export->columns[i],
				  &export->cells[i]);
	strbuf_addstr(line, "}\n");
	fwrite(line->buf, 1, line->len, stdout);
}

static int export_application(const struct store_application *app,
			      void *context)
{
	struct export *export = context;
	size_t i;
	int ret = 0;

	fill_application(export, app);
	for (i = 0; i < export->n_columns; i++)
		fill_cell(export, &export->columns[i], app, &export->cells[i]);
	if (export->xlsx) {
		ret = export_xlsx_row(export->xlsx, export->cells);
	} else if (export->format == REPORT_JSON) {
		json_row(export);
	} else {
		for (i = 0; i < export->n_columns; i++)
			csv_cell(export, &export->cells[i]);
		csv_end_row(&export->csv);
	}
	release_cells(export);
	return ret;
}

enum { OPT_FORMAT = 1000, OPT_DEIDENTIFY, OPT_EXCEL, OPT_LABELS, OPT_XLSX,
       OPT_ENCODING };

static int export_usage(void)
{
	error(msg(MSG_CMD_USAGE),
	      "intake export PROGRAMME [--deidentify] [--labels] "
	      "[--excel] [--encoding utf-8|cp932] [--format csv|json] "
	      "[--xlsx FILE]");
	return EXIT_USAGE;
}

static int parse_export_options(int argc, char **argv, struct export *export)
{
	static const struct option long_options[] = {
	    {"format", required_argument, NULL, OPT_FORMAT},
	    {"deidentify", no_argument, NULL, OPT_DEIDENTIFY},
	    {"excel", no_argument, NULL, OPT_EXCEL},
	    {"labels", no_argument, NULL, OPT_LABELS},
	    {"xlsx", required_argument, NULL, OPT_XLSX},
	    {"encoding", required_argument, NULL, OPT_ENCODING},
	    {NULL, 0, NULL, 0},
	};
	const char *encoding = NULL;
	int option, format_given = 0;

	export->format = REPORT_CSV;
	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case OPT_FORMAT:
			if (parse_format_option(optarg, &export->format))
				return EXIT_USAGE;
			format_given = 1;
			break;
		case OPT_DEIDENTIFY: export->deidentify = 1; break;
		case OPT_EXCEL: export->excel = 1; break;
		case OPT_LABELS: export->labels = 1; break;
		case OPT_XLSX: export->xlsx_path = optarg; break;
		case OPT_ENCODING: encoding = optarg; break;
		default: return option_error(argv);
		}
	}
	if (argc - optind != 1 || export->format == REPORT_TABLE ||
	    (export->xlsx_path && !*export->xlsx_path))
		return export_usage();
	if (export->xlsx_path && (format_given || export->excel || encoding)) {
		error("%s", msg(MSG_EXPORT_XLSX_ALONE));
		return export_usage();
	}
	if (encoding && report_encoding_option(encoding, &export->encoding,
					       &export->format, format_given))
		return EXIT_USAGE;
	return 0;
}

static void export_release(struct export *export)
{
	size_t i;

	for (i = 0; i < export->n_columns; i++) {
		free(export->columns[i].id);
		free(export->columns[i].title);
	}
	free(export->columns);
	free(export->cells);
	free(export->values);
	free(export->outcomes);
	strbuf_release(&export->line);
	sodium_memzero(export->key, sizeof(export->key));
}

/* Set up the output: the workbook, or the CSV header. */
static int export_begin(struct export *export)
{
	if (export->xlsx_path)
		return export_xlsx_begin(&export->xlsx, export->xlsx_path,
					 programme_title(export->programme),
					 export->columns, export->n_columns);
	if (export->format == REPORT_CSV) {
		csv_begin_encoded(&export->csv, stdout, export->excel,
				  export->encoding);
		csv_header(export);
	}
	return 0;
}

/* Walk the applications into the output: 0 or an exit status. */
static int export_run(struct session *session, struct export *export)
{
	struct store_filter filter = {0};
	int rc;

	filter.programme = export->programme->plugin->id;
	filter.with_answers = 1;
	filter.with_outcomes = 1;
	/* rc: 0, -1 the store failed, or the status export_application
	 * stopped the walk with (a workbook that cannot be written). */
	rc = store_list(session->store, &filter, export_application, export);
	if (export->xlsx) {
		if (rc) {
			export_xlsx_abort(export->xlsx);
			return rc < 0 ? session_store_failure(session) : rc;
		}
		return export_xlsx_finish(export->xlsx);
	}
	if (export->format == REPORT_CSV && csv_finish(&export->csv) && !rc)
		return EXIT_DATAERR;
	if (fflush(stdout) || ferror(stdout))
		return error("%s", msg(MSG_CMD_WRITE_FAILED)), EXIT_SOFTWARE;
	return rc ? session_store_failure(session) : 0;
}

int cmd_export(struct session *session, int argc, char **argv)
{
	struct export export = {0};
	const struct intake_plugin *plugin;
	int status;

	if ((status = parse_export_options(argc, argv, &export)) ||
	    (status = session_programmes(session)))
		return status;
	export.programme = session_programme_named(session, argv[optind]);
	if (!export.programme)
		return EXIT_USAGE;
	if ((status = session_store(session, STORE_READ)))
		return status;
	if (sodium_init() < 0)
		die(EXIT_SOFTWARE, "%s", msg(MSG_CMD_NO_RANDOM));
	crypto_auth_hmacsha256_keygen(export.key);
	plugin = export.programme->plugin;
	export.values = xcalloc(export.programme->form.n_fields + 1,
				sizeof(*export.values));
	export.outcomes =
	    xcalloc(plugin->n_outcomes + 1, sizeof(*export.outcomes));
	make_columns(&export);
	status = export_begin(&export);
	if (!status)
		status = export_run(session, &export);
	export_release(&export);
	return status;
}
