/* `intake export`: one programme's applications as CSV or JSON lines. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "csv.h"
#include "messages.h"
#include "report.h"
#include "store.h"
#include "util.h"
#include "value.h"

/* "P-" and 20 hex digits (80 bits of an HMAC-SHA256). */
#define PSEUDONYM_BYTES 10
#define PSEUDONYM_SIZE (2 + PSEUDONYM_BYTES * 2 + 1)

struct export {
	const struct programme *programme;
	enum report_format format;
	int deidentify;
	int excel;
	struct csv_writer csv;
	const char **row; /* value per form field of the current application */
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

static const char *case_column(const struct export *export)
{
	return export->deidentify ? "pseudonym" : "receipt";
}

static void csv_header(struct export *export)
{
	const struct form *form = &export->programme->form;
	size_t i;

	csv_field(&export->csv, case_column(export));
	csv_field(&export->csv, "received_on");
	for (i = 0; i < form->n_fields; i++)
		if (exported(export, &form->fields[i]))
			csv_field(&export->csv, form->fields[i].id);
	csv_end_row(&export->csv);
}

/* Spread an application's answers into export->row by form position. */
static void fill_row(struct export *export,
		     const struct store_application *app)
{
	const struct form *form = &export->programme->form;
	size_t i;

	memset(export->row, 0, form->n_fields * sizeof(*export->row));
	for (i = 0; i < app->n_answers; i++) {
		const struct field *field =
			form_field(form, app->answers[i].field);

		if (field)
			export->row[field->index] = app->answers[i].value;
	}
}

static void csv_application(struct export *export,
			    const struct store_application *app, char *date)
{
	const struct form *form = &export->programme->form;
	size_t i;

	csv_field(&export->csv, case_id(export, app->receipt));
	csv_field(&export->csv, date);
	for (i = 0; i < form->n_fields; i++)
		if (exported(export, &form->fields[i]))
			csv_field(&export->csv, export->row[i]);
	csv_end_row(&export->csv);
}

static void json_application(struct export *export,
			     const struct store_application *app, char *date)
{
	const struct form *form = &export->programme->form;
	size_t i;

	printf("{\"%s\": ", case_column(export));
	json_write_string(stdout, case_id(export, app->receipt));
	printf(", \"received_on\": \"%s\"", date);
	for (i = 0; i < form->n_fields; i++) {
		if (!exported(export, &form->fields[i]) || !export->row[i])
			continue;
		fputs(", ", stdout);
		json_write_string(stdout, form->fields[i].id);
		fputs(": ", stdout);
		json_write_string(stdout, export->row[i]);
	}
	fputs("}\n", stdout);
}

static int export_application(const struct store_application *app,
			      void *context)
{
	struct export *export = context;
	char date[11];

	fill_row(export, app);
	date_to_iso(app->received_on, date);
	if (export->format == REPORT_JSON)
		json_application(export, app, date);
	else
		csv_application(export, app, date);
	return 0;
}

enum { OPT_FORMAT = 1000, OPT_DEIDENTIFY, OPT_EXCEL };

static int parse_export_options(int argc, char **argv, struct export *export)
{
	static const struct option long_options[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "deidentify", no_argument, NULL, OPT_DEIDENTIFY },
		{ "excel", no_argument, NULL, OPT_EXCEL },
		{ NULL, 0, NULL, 0 },
	};
	int option;

	export->format = REPORT_CSV;
	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case OPT_FORMAT:
			if (parse_format_option(optarg, &export->format))
				return EXIT_USAGE;
			break;
		case OPT_DEIDENTIFY: export->deidentify = 1; break;
		case OPT_EXCEL: export->excel = 1; break;
		default: return option_error(argv);
		}
	}
	if (argc - optind != 1 || export->format == REPORT_TABLE) {
		error(msg(MSG_CMD_USAGE), "intake export PROGRAMME "
			  "[--deidentify] [--excel] [--format csv|json]");
		return EXIT_USAGE;
	}
	return 0;
}

int cmd_export(struct session *session, int argc, char **argv)
{
	struct export export = { 0 };
	struct store_filter filter = { 0 };
	int status, rc;

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
	export.row = xcalloc(export.programme->form.n_fields,
			     sizeof(*export.row));
	if (export.format == REPORT_CSV) {
		csv_begin(&export.csv, stdout, export.excel);
		csv_header(&export);
	}
	filter.programme = export.programme->plugin->id;
	filter.with_answers = 1;
	rc = store_list(session->store, &filter, export_application, &export);
	free(export.row);
	sodium_memzero(export.key, sizeof(export.key));
	if (fflush(stdout) || ferror(stdout))
		return error("%s", msg(MSG_CMD_WRITE_FAILED)), EXIT_SOFTWARE;
	return rc ? session_store_failure(session) : 0;
}
