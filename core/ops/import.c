/* Importing cases and outcomes from CSV: rows checked as add and
 * outcome check them, stored in batches, refusals as data. */
#include "import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "application.h"
#include "csv_read.h"
#include "form.h"
#include "lifecycle.h"
#include "messages.h"
#include "outcome.h"
#include "plugin.h"
#include "store.h"
#include "take.h"
#include "util.h"
#include "value.h"

/* Characters a source_id may have at most. */
#define SOURCE_ID_MAX 64

/* Header mapping. */

static int named(const char *name, const char *text)
{
	return text && *text && !strcasecmp(name, text);
}

static int is_received_on(const char *name)
{
	return named(name, "received_on") ||
	       named(name, msg_in(LANG_JA, MSG_APP_RECEIVED_ON)) ||
	       named(name, msg_in(LANG_EN, MSG_APP_RECEIVED_ON)) ||
	       named(name, msg_in(LANG_EN, MSG_EXPORT_RECEIVED_ON));
}

static int is_reject_column(const char *name)
{
	static const char *const reject[] = { IMPORT_REJECT_COLUMNS };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reject); i++)
		if (!strcmp(name, reject[i]))
			return 1;
	return 0;
}

/* The kind of column name, its field when a field; -1 unknown. */
static int column_kind(const struct form *form, const char *name,
		       const struct field **field)
{
	size_t i;

	*field = NULL;
	if (is_reject_column(name))
		return IMPORT_IGNORED;
	if (is_received_on(name))
		return IMPORT_RECEIVED_ON;
	if (named(name, "source_id"))
		return IMPORT_SOURCE_ID;
	for (i = 0; i < form->n_fields; i++) {
		const struct field *f = &form->fields[i];

		if (named(name, f->id) || named(name, f->label_ja) ||
		    named(name, f->label_en)) {
			*field = f;
			return IMPORT_FIELD;
		}
	}
	return -1;
}

static void header_init(struct import_header *header,
			const char *const *names, size_t n)
{
	size_t i;

	header->n = n;
	header->names = xcalloc(n + 1, sizeof(*header->names));
	header->kinds = xcalloc(n + 1, sizeof(*header->kinds));
	header->fields = xcalloc(n + 1, sizeof(*header->fields));
	for (i = 0; i < n; i++)
		header->names[i] = xstrdup(names[i]);
}

void import_header_release(struct import_header *header)
{
	size_t i;

	for (i = 0; header->names && i < header->n; i++)
		free(header->names[i]);
	free(header->names);
	free(header->kinds);
	free(header->fields);
	memset(header, 0, sizeof(*header));
}

static void add_listed(struct strbuf *list, const char *text)
{
	strbuf_addf(list, "%s%s", list->len ? ", " : "", text);
}

/* The column of field already mapped before index i, or -1. */
static long earlier_column(const struct import_header *header, size_t i,
			   int kind, const struct field *field)
{
	size_t j;

	for (j = 0; j < i; j++)
		if ((int)header->kinds[j] == kind && header->fields[j] == field
		    && kind != IMPORT_IGNORED)
			return (long)j;
	return -1;
}

/* The columns a form takes: ids, required ones marked with '*'. */
static void expected_columns(const struct form *form, struct strbuf *out)
{
	size_t i;

	for (i = 0; i < form->n_fields; i++) {
		const struct field *f = &form->fields[i];

		if (f->derived)
			continue;
		strbuf_addf(out, "%s%s%s", i ? ", " : "", f->id,
			    f->required && !f->when ? "*" : "");
	}
	strbuf_addstr(out, ", received_on, source_id");
}

/* Required fields (asked always) without a column, listed. */
static void missing_columns(const struct form *form,
			    const struct import_header *header,
			    struct strbuf *missing)
{
	size_t i, j;

	for (i = 0; i < form->n_fields; i++) {
		const struct field *f = &form->fields[i];

		if (!f->required || f->when || f->derived)
			continue;
		for (j = 0; j < header->n; j++)
			if (header->fields[j] == f)
				break;
		if (j == header->n)
			add_listed(missing, f->id);
	}
}

int import_header_map(const struct programme *programme,
		      const char *const *names, size_t n,
		      struct import_header *header, char **why)
{
	const struct form *form = &programme->form;
	struct strbuf unknown = STRBUF_INIT, problems = STRBUF_INIT;
	struct strbuf missing = STRBUF_INIT;
	const struct field *field;
	size_t i;
	int kind;

	*why = NULL;
	header_init(header, names, n);
	for (i = 0; i < n; i++) {
		kind = column_kind(form, names[i], &field);
		if (kind < 0) {
			add_listed(&unknown, names[i]);
			continue;
		}
		header->kinds[i] = (enum import_column_kind)kind;
		header->fields[i] = field;
		if (earlier_column(header, i, kind, field) >= 0)
			strbuf_addf(&problems, msg(MSG_IMPORT_REPEATED_COLUMN),
				    names[i], field ? field->id : names[i]);
		else if (field && field->derived)
			strbuf_addf(&problems, msg(MSG_IMPORT_DERIVED_COLUMN),
				    names[i], field->id);
		else
			continue;
		strbuf_addch(&problems, '\n');
	}
	missing_columns(form, header, &missing);
	if (unknown.len)
		strbuf_addf(&problems, msg(MSG_IMPORT_UNKNOWN_COLUMNS),
			    strbuf_str(&unknown));
	if (unknown.len && missing.len)
		strbuf_addch(&problems, '\n');
	if (missing.len)
		strbuf_addf(&problems, msg(MSG_IMPORT_MISSING_COLUMNS),
			    strbuf_str(&missing));
	strbuf_release(&unknown);
	strbuf_release(&missing);
	if (!problems.len)
		return 0;
	if (problems.buf[problems.len - 1] != '\n')
		strbuf_addch(&problems, '\n');
	strbuf_reset(&unknown);
	expected_columns(form, &unknown);
	strbuf_addf(&problems, msg(MSG_IMPORT_EXPECTED_COLUMNS),
		    programme->plugin->id, strbuf_str(&unknown));
	strbuf_release(&unknown);
	*why = strbuf_detach(&problems);
	return -1;
}

static int outcome_column(const char *name)
{
	static const struct {
		const char *name;
		enum import_column_kind kind;
	} columns[] = {
		{ "receipt", IMPORT_RECEIPT },
		{ "source_id", IMPORT_SOURCE_ID },
		{ "code", IMPORT_CODE },
		{ "date", IMPORT_DATE },
		{ "amount", IMPORT_AMOUNT },
		{ "note", IMPORT_NOTE },
	};
	size_t i;

	if (is_reject_column(name))
		return IMPORT_IGNORED;
	for (i = 0; i < ARRAY_SIZE(columns); i++)
		if (named(name, columns[i].name))
			return (int)columns[i].kind;
	return -1;
}

static int has_kind(const struct import_header *header, int kind)
{
	size_t i;

	for (i = 0; i < header->n; i++)
		if ((int)header->kinds[i] == kind)
			return 1;
	return 0;
}

int import_outcome_header_map(const char *const *names, size_t n,
			      struct import_header *header,
			      int *uses_source_id, char **why)
{
	struct strbuf problems = STRBUF_INIT, unknown = STRBUF_INIT;
	size_t i;
	int kind;

	*why = NULL;
	header_init(header, names, n);
	for (i = 0; i < n; i++) {
		kind = outcome_column(names[i]);
		if (kind < 0)
			add_listed(&unknown, names[i]);
		else if (earlier_column(header, i, kind, NULL) >= 0) {
			strbuf_addf(&problems, msg(MSG_IMPORT_REPEATED_COLUMN),
				    names[i], names[i]);
			strbuf_addch(&problems, '\n');
		} else
			header->kinds[i] = (enum import_column_kind)kind;
	}
	if (unknown.len)
		strbuf_addf(&problems, msg(MSG_IMPORT_UNKNOWN_COLUMNS),
			    strbuf_str(&unknown));
	strbuf_release(&unknown);
	*uses_source_id = has_kind(header, IMPORT_SOURCE_ID);
	if (!problems.len && (!has_kind(header, IMPORT_CODE) ||
			      !has_kind(header, IMPORT_DATE) ||
			      (!has_kind(header, IMPORT_RECEIPT) &&
			       !*uses_source_id)))
		strbuf_addf(&problems, msg(MSG_IMPORT_MISSING_COLUMNS),
			    "receipt|source_id, code, date");
	if (!problems.len)
		return 0;
	if (problems.buf[problems.len - 1] != '\n')
		strbuf_addch(&problems, '\n');
	strbuf_addstr(&problems, msg(MSG_IMPORT_OUTCOME_COLUMNS));
	*why = strbuf_detach(&problems);
	return -1;
}

/* Rows. */

struct importer {
	struct store *store;
	const struct programme *programme;
	const struct import_header *header;
	struct import_options options;
	import_programme_fn *programme_of; /* outcomes: set */
	void *context;
	struct store_sources *sources; /* of programme */
	long long last_id_before;      /* ids above: stored by this run */
	int in_batch, single_batch;
	size_t batch_count;
	struct import_counts counts;
};

struct importer *import_begin(struct store *store,
			      const struct programme *programme,
			      const struct import_header *header,
			      const struct import_options *options,
			      import_programme_fn *programme_of,
			      void *context)
{
	struct importer *importer = xcalloc(1, sizeof(*importer));

	importer->store = store;
	importer->programme = programme;
	importer->header = header;
	importer->options = *options;
	if (!importer->options.batch_rows)
		importer->options.batch_rows = IMPORT_BATCH_ROWS;
	importer->single_batch = options->dry_run || options->all_or_nothing;
	importer->programme_of = programme_of;
	importer->context = context;
	if (programme) {
		importer->sources =
			store_sources_open(store, programme->plugin->id);
		if (!importer->sources ||
		    store_sources_last_id(importer->sources,
					  &importer->last_id_before) < 0) {
			store_sources_close(importer->sources);
			free(importer);
			return NULL;
		}
	}
	return importer;
}

const struct import_counts *import_counts(const struct importer *importer)
{
	return &importer->counts;
}

static void add_problem(struct import_row *row, const char *field,
			char *message)
{
	struct import_problem *problem;

	ALLOC_GROW(row->problems, row->n_problems + 1, row->alloc_problems);
	problem = &row->problems[row->n_problems++];
	problem->field = xstrdup(field ? field : "");
	problem->message = message;
	row->result = IMPORT_REFUSED;
}

/* The problems app holds, as sentences. */
static void take_problems(struct import_row *row,
			  const struct intake_case *app)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < app->n_problems; i++) {
		strbuf_reset(&line);
		if (application_problem_sentence(app, i, &line))
			add_problem(row, app->problems[i].field,
				    xstrdup(strbuf_str(&line)));
	}
	strbuf_release(&line);
	if (app->n_problems)
		row->result = IMPORT_REFUSED;
}

static void row_reset(struct import_row *row)
{
	size_t i;

	for (i = 0; i < row->n_problems; i++) {
		free(row->problems[i].field);
		free(row->problems[i].message);
	}
	row->n_problems = 0;
	row->result = IMPORT_STORED;
}

void import_row_release(struct import_row *row)
{
	row_reset(row);
	free(row->problems);
	memset(row, 0, sizeof(*row));
}

/* The value of the first column of kind, NULL when none or empty. */
static const char *value_of(const struct importer *importer,
			    const struct csv_reader *reader, int kind)
{
	const char *value;
	size_t i;

	for (i = 0; i < importer->header->n; i++)
		if ((int)importer->header->kinds[i] == kind) {
			value = csv_record_field(reader, i);
			return *value ? value : NULL;
		}
	return NULL;
}

/* The record as a whole: its columns, its bytes.  0, or -1 refused. */
static int check_record(const struct importer *importer,
			const struct csv_reader *reader,
			struct import_row *row)
{
	long bad;
	int byte = 0;

	if (reader->unterminated)
		add_problem(row, NULL, xstrdup(msg(MSG_IMPORT_UNTERMINATED)));
	else if (reader->n_fields != importer->header->n)
		add_problem(row, NULL, xstrfmt(msg(MSG_IMPORT_COLUMN_COUNT),
					       reader->n_fields,
					       importer->header->n));
	else if ((bad = csv_record_bad(reader, &byte)) >= 0)
		add_problem(row, importer->header->fields[bad]
					 ? importer->header->fields[bad]->id
					 : importer->header->names[bad],
			    xstrfmt(msg(MSG_IMPORT_BAD_BYTE),
				    reader->record_line,
				    importer->header->names[bad], byte,
				    reader->encoding == CSV_CP932 ? "CP932"
								  : "UTF-8"));
	return row->n_problems ? -1 : 0;
}

/* A source_id as given: safe text, not too long.  0, or -1 refused. */
static int check_source_id(struct import_row *row, const char *source)
{
	char *why = NULL;

	if (text_check_safe(source, 0, &why) < 0 ||
	    utf8_chars(source) > SOURCE_ID_MAX) {
		if (!why)
			why = xstrfmt(msg(MSG_IMPORT_SOURCE_ID_LONG),
				      SOURCE_ID_MAX);
		add_problem(row, "source_id",
			    xstrfmt(msg(MSG_IMPORT_BAD_SOURCE_ID), source,
				    why));
		free(why);
		return -1;
	}
	return 0;
}

/* Is source stored already?  Then the row is IMPORT_ALREADY, or
 * refused when this run stored it (twice in the file).  0 go on, 1
 * settled, -1 store error. */
static int source_stored(struct importer *importer, struct import_row *row,
			 const char *source)
{
	long long id;
	int rc;

	if (check_source_id(row, source) < 0)
		return 1;
	rc = store_sources_find(importer->sources, source, &id, NULL);
	if (rc <= 0)
		return rc;
	if (id <= importer->last_id_before)
		row->result = IMPORT_ALREADY;
	else
		add_problem(row, "source_id",
			    xstrfmt(msg(MSG_IMPORT_SOURCE_REPEATED), source));
	return 1;
}

/* Answer every column of the record on app, as add answers FIELD=VALUE
 * (empty cells are unanswered). */
static void answer_record(const struct importer *importer,
			  const struct csv_reader *reader,
			  struct intake_case *app)
{
	const struct import_header *header = importer->header;
	const char *value;
	size_t i;

	for (i = 0; i < header->n; i++) {
		value = csv_record_field(reader, i);
		if (!*value)
			continue;
		if (header->kinds[i] == IMPORT_FIELD)
			application_answer(app, header->fields[i]->id, value);
		else if (header->kinds[i] == IMPORT_RECEIVED_ON)
			application_answer(app, "received_on", value);
	}
}

static int application_record(struct importer *importer,
			      const struct csv_reader *reader,
			      struct import_row *row)
{
	const char *source = value_of(importer, reader, IMPORT_SOURCE_ID);
	struct take take = { 0 };
	struct intake_case app;
	char *receipt = NULL;
	int rc;

	if (source && (rc = source_stored(importer, row, source)))
		return rc < 0 ? -1 : 0;
	application_init(&app, importer->programme);
	answer_record(importer, reader, &app);
	if (application_check(&app)) {
		take_problems(row, &app);
		application_release(&app);
		return 0;
	}
	take.office = importer->options.office;
	take.staff = importer->options.staff;
	take.source_id = source;
	rc = take_case(importer->store, &app, &take, &receipt);
	free(receipt);
	application_release(&app);
	return rc;
}

/* The stored case an outcome row names (by receipt, else source_id):
 * 0 found (release stored), 1 refused, -1 store error. */
static int find_case(struct importer *importer,
		     const struct csv_reader *reader, struct import_row *row,
		     struct store_application *stored)
{
	const char *receipt = value_of(importer, reader, IMPORT_RECEIPT);
	const char *source = value_of(importer, reader, IMPORT_SOURCE_ID);
	char *found = NULL;
	long long id;
	int rc;

	if (!receipt && source && importer->sources) {
		rc = store_sources_find(importer->sources, source, &id, &found);
		if (rc < 0)
			return -1;
		if (!rc) {
			add_problem(row, "source_id",
				    xstrfmt(msg(MSG_IMPORT_NO_SOURCE),
					    importer->programme->plugin->id,
					    source));
			return 1;
		}
		receipt = found;
	}
	if (!receipt) {
		add_problem(row, NULL, xstrdup(msg(MSG_IMPORT_NO_CASE_GIVEN)));
		return 1;
	}
	rc = store_get_application(importer->store, receipt, stored);
	if (rc > 0)
		add_problem(row, "receipt",
			    xstrfmt(msg(MSG_IMPORT_NO_RECEIPT), receipt));
	free(found);
	return rc;
}

/* A bad value of an outcome column: "column 'given': expected". */
static void bad_value(struct import_row *row, const char *column,
		      const char *given, char *expected)
{
	add_problem(row, column, xstrfmt(msg(MSG_IMPORT_BAD_VALUE), column,
					 given, expected));
	free(expected);
}

/* Code, date, amount and note of an outcome row into request. */
static void read_request(struct importer *importer,
			 const struct csv_reader *reader,
			 const struct programme *programme,
			 struct outcome_request *request,
			 struct import_row *row)
{
	const char *code = value_of(importer, reader, IMPORT_CODE);
	const char *date = value_of(importer, reader, IMPORT_DATE);
	const char *amount = value_of(importer, reader, IMPORT_AMOUNT);
	char *why = NULL;

	request->outcome = outcome_find(programme, code, msg_language(), &why);
	if (!request->outcome)
		add_problem(row, "code", why);
	if (!date)
		add_problem(row, "date", xstrdup(msg(MSG_IMPORT_NO_DATE)));
	else if (lifecycle_parse_date(date, &request->date, &why))
		bad_value(row, "date", date, why);
	request->has_amount = amount != NULL;
	if (amount && lifecycle_parse_amount(amount, &request->amount, &why))
		bad_value(row, "amount", amount, why);
	request->note = value_of(importer, reader, IMPORT_NOTE);
	if (request->note &&
	    (why = lifecycle_text_problem(msg_language(),
					  msg(MSG_IMPORT_NOTE_WORD),
					  request->note)))
		add_problem(row, "note", why);
	request->staff = importer->options.staff;
}

/* The same outcome (code, date, amount) recorded and not voided? */
static int recorded_already(const struct store_application *stored,
			    const struct outcome_request *request)
{
	const struct store_outcome *o;
	size_t i;

	for (i = 0; i < stored->n_outcomes; i++) {
		o = &stored->outcomes[i];
		if (!o->voided_at && !strcmp(o->code, request->outcome->code)
		    && o->occurred_on == request->date &&
		    o->has_amount == request->has_amount &&
		    (!o->has_amount || o->amount == request->amount))
			return 1;
	}
	return 0;
}

/* Check and record one outcome of the stored case: 0 or -1. */
static int record_outcome(struct importer *importer,
			  const struct programme *programme,
			  const struct store_application *stored,
			  const struct outcome_request *request,
			  struct import_row *row)
{
	struct intake_case app;
	int rc = 0;

	if (recorded_already(stored, request)) {
		row->result = IMPORT_ALREADY;
		return 0;
	}
	if (outcome_check(&app, programme, stored, request, 1) ||
	    (rc = outcome_record(importer->store, &app, stored, request)) > 0)
		take_problems(row, &app);
	application_release(&app);
	return rc < 0 ? -1 : 0;
}

static int outcome_record_row(struct importer *importer,
			      const struct csv_reader *reader,
			      struct import_row *row)
{
	struct outcome_request request = { 0 };
	struct store_application stored;
	const struct programme *programme;
	int rc = find_case(importer, reader, row, &stored);

	if (rc)
		return rc < 0 ? -1 : 0;
	programme = importer->programme_of(importer->context,
					   stored.programme);
	if (importer->programme && programme != importer->programme)
		add_problem(row, "receipt",
			    xstrfmt(msg(MSG_IMPORT_OTHER_PROGRAMME),
				    stored.receipt, stored.programme,
				    importer->programme->plugin->id));
	else if (!programme)
		add_problem(row, "receipt",
			    xstrfmt(msg(MSG_IMPORT_NO_PROGRAMME),
				    stored.receipt, stored.programme));
	else
		read_request(importer, reader, programme, &request, row);
	if (!row->n_problems)
		rc = record_outcome(importer, programme, &stored, &request,
				    row);
	store_application_release(&stored);
	return rc;
}

/* Batches. */

static int batch_begin(struct importer *importer)
{
	if (importer->in_batch)
		return 0;
	/* Applications: the first failed write stops the import and its
	 * batch is rolled back whole, so no savepoint per case is needed;
	 * outcomes: a write the store refuses is a refused row, the batch
	 * goes on without it. */
	if (store_batch_begin(importer->store,
			      importer->programme_of ? STORE_BATCH_SAVEPOINTS
						     : STORE_BATCH_WHOLE) < 0)
		return -1;
	importer->in_batch = 1;
	importer->batch_count = 0;
	return 0;
}

/* End the batch: commit it when commit is set (its rows count as
 * stored), else roll it back.  0 or -1. */
static int batch_end(struct importer *importer, int commit)
{
	int rc;

	if (!importer->in_batch)
		return 0;
	importer->in_batch = 0;
	rc = store_batch_end(importer->store, commit);
	if (commit && !rc) {
		importer->counts.stored += importer->counts.pending;
		importer->counts.pending = 0;
	}
	return rc;
}

int import_record(struct importer *importer, const struct csv_reader *reader,
		  struct import_row *row)
{
	int rc = 0;

	row_reset(row);
	importer->counts.read++;
	if (!check_record(importer, reader, row)) {
		if (batch_begin(importer) < 0)
			return -1;
		rc = importer->programme_of
			     ? outcome_record_row(importer, reader, row)
			     : application_record(importer, reader, row);
	}
	if (rc < 0)
		return -1;
	if (row->result == IMPORT_REFUSED)
		importer->counts.refused++;
	else if (row->result == IMPORT_ALREADY)
		importer->counts.already++;
	else {
		importer->counts.pending++;
		importer->batch_count++;
	}
	if (!importer->single_batch &&
	    importer->batch_count >= importer->options.batch_rows)
		return batch_end(importer, 1);
	return 0;
}

int import_end(struct importer *importer, int ok,
	       struct import_counts *counts)
{
	int commit = ok && !importer->options.dry_run &&
		     !(importer->options.all_or_nothing &&
		       importer->counts.refused);
	int rc = batch_end(importer, commit);

	*counts = importer->counts;
	store_sources_close(importer->sources);
	free(importer);
	return rc;
}
