/* Importing cases and outcomes from CSV: rows checked as add and
 * outcome check them, stored in batches, refusals as data. */
#ifndef INTAKE_IMPORT_H
#define INTAKE_IMPORT_H

#include <stddef.h>

struct csv_reader;
struct field;
struct programme;
struct store;

/* What a column of the file holds. */
enum import_column_kind {
	IMPORT_IGNORED,     /* a rejects file's own columns (_row …) */
	IMPORT_FIELD,       /* a field of the form */
	IMPORT_RECEIVED_ON, /* the reception date, as add takes it */
	IMPORT_SOURCE_ID,   /* the office's old case number */
	/* outcomes */
	IMPORT_RECEIPT,
	IMPORT_CODE,
	IMPORT_DATE,
	IMPORT_AMOUNT,
	IMPORT_NOTE
};

/* The columns of a rejects file before the row's own (ignored when it
 * is imported again, once fixed). */
#define IMPORT_REJECT_COLUMNS "_row", "_field", "_message"

struct import_header {
	char **names; /* as the file has them */
	enum import_column_kind *kinds;
	const struct field **fields; /* IMPORT_FIELD: which */
	size_t n;
};

/*
 * Map the header row (names, n of them) onto programme's form: a
 * column is a field by its id, its Japanese or its English label (in
 * any case), or received_on (受付日), or source_id.  0, or -1 with
 * *why (malloced, the staff's language): the unknown columns, the
 * required fields without one, a field given twice or a computed one,
 * then the columns the form takes.  Release the header either way.
 */
int import_header_map(const struct programme *programme,
		      const char *const *names, size_t n,
		      struct import_header *header, char **why);
/* The same for an outcomes file: receipt or source_id, code, date,
 * amount, note (ids as written; amount and note optional).
 * *uses_source_id set when there is a source_id column. */
int import_outcome_header_map(const char *const *names, size_t n,
			      struct import_header *header,
			      int *uses_source_id, char **why);
void import_header_release(struct import_header *header);

struct import_options {
	const char *office, *staff; /* as add takes them */
	int dry_run;        /* check and roll back: nothing written */
	int all_or_nothing; /* one transaction, rolled back on a refusal */
	size_t batch_rows;  /* rows per COMMIT; 0 for the default */
};
#define IMPORT_BATCH_ROWS 2000

/* What happened to the rows so far.  stored counts committed rows
 * only (rows of a batch not committed yet are pending). */
struct import_counts {
	unsigned long long read, stored, pending, already, refused;
};

/* One reason a row is refused: the field id ("" for the whole row)
 * and the sentence, in the staff's language. */
struct import_problem {
	char *field;
	char *message;
};

enum import_result { IMPORT_STORED, IMPORT_ALREADY, IMPORT_REFUSED };

/* The problems of the last row (valid until the next row). */
struct import_row {
	enum import_result result;
	struct import_problem *problems;
	size_t n_problems, alloc_problems;
};

/* Finds the programme of a stored case by its id (outcomes). */
typedef const struct programme *import_programme_fn(void *context,
						     const char *id);

struct importer;

/*
 * Start importing into store: applications of programme, or (when
 * programme_of is set) outcomes of any case (of programme only, when
 * it is not NULL).  NULL on a store error (printed).
 */
struct importer *import_begin(struct store *store,
			      const struct programme *programme,
			      const struct import_header *header,
			      const struct import_options *options,
			      import_programme_fn *programme_of,
			      void *context);

/*
 * Check the record the reader holds as add (or outcome) checks it and
 * store it, in the current batch; row says what became of it.  A row
 * whose source_id is stored already (an identical outcome, for
 * outcomes) is skipped as IMPORT_ALREADY.  0, or -1 on a store error
 * (printed; the batch is lost: end with import_end).
 */
int import_record(struct importer *importer, const struct csv_reader *reader,
		  struct import_row *row);

/* The counts so far. */
const struct import_counts *import_counts(const struct importer *importer);

/* Commit what is pending (ok set, and neither dry_run nor
 * all_or_nothing with a refusal), else roll it back; frees importer.
 * 0, or -1 on a store error. */
int import_end(struct importer *importer, int ok,
	       struct import_counts *counts);

void import_row_release(struct import_row *row);

#endif
