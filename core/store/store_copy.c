/* Copying a whole database into another, whatever their backends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_chain.h"
#include "messages.h"
#include "store_copy.h"
#include "util.h"

/* The tables of schema version 10 as store_rows_each reads them. */
#define TABLE(name, columns) { name, columns, ARRAY_SIZE(columns) }
static const char *const application_columns[] = {
	"id",	      "receipt", "programme", "plugin_version", "form_version",
	"received_on", "office", "staff",     "status",	       "created_at",
	"updated_at",  "withdrawn_at", "source_id"
};
static const char *const answer_columns[] = { "application_id", "field",
					      "value" };
static const char *const outcome_columns[] = {
	"id",	   "application_id", "code",	    "occurred_on",
	"staff",   "note",	     "recorded_at", "voided_at",
	"voided_by", "void_reason",  "amount",	    "programme"
};
static const char *const link_columns[] = { "id",   "application_id",
					    "linked_id", "note",
					    "staff", "created_at" };
static const char *const note_columns[] = { "id", "application_id", "at",
					    "staff", "text" };
static const char *const draft_columns[] = { "id",	   "programme",
					     "staff",	   "started_at",
					     "updated_at", "last_field" };
static const char *const draft_answer_columns[] = { "draft_id", "position",
						    "field", "value" };
static const char *const account_columns[] = {
	"id",	       "name",	     "role",	      "office",
	"language",    "password_hash", "disabled_at", "failed_logins",
	"locked_until", "created_at", "last_login_at"
};
static const char *const sequence_columns[] = { "programme", "fiscal_year",
						"last" };
static const char *const audit_columns[] = { "id",	"at",	  "staff",
					     "action",	"application_id",
					     "before",	"after",  "hash" };
/* What identifies a case, and an account, when comparing two databases. */
static const char *const case_key_columns[] = { "id", "receipt", "programme",
						"received_on", "created_at" };
static const char *const account_key_columns[] = { "id", "name",
						   "created_at" };
static const char *const id_column[] = { "id" };

static const struct store_table applications =
	TABLE("applications", application_columns);
static const struct store_table answers = TABLE("answers", answer_columns);
static const struct store_table outcomes = TABLE("outcomes", outcome_columns);
static const struct store_table links = TABLE("links", link_columns);
static const struct store_table notes = TABLE("case_notes", note_columns);
static const struct store_table drafts = TABLE("drafts", draft_columns);
static const struct store_table draft_answers =
	TABLE("draft_answers", draft_answer_columns);
static const struct store_table accounts = TABLE("accounts", account_columns);
static const struct store_table sequences =
	TABLE("receipt_sequences", sequence_columns);
static const struct store_table audit = TABLE("audit", audit_columns);
static const struct store_table case_keys =
	TABLE("applications", case_key_columns);
static const struct store_table account_keys =
	TABLE("accounts", account_key_columns);

#define MAX_COLUMNS 16
#define ID_SIZE 24

/* A case or account of the target, by receipt or name. */
struct known {
	char *key, *programme, *created_at;
	long long id;
};

/* A programme's fiscal year: how many cases each side holds of it. */
struct pair {
	char *programme;
	int fiscal_year;
	long long target, copying;
};

struct copy {
	struct store *from, *to;
	store_problem_fn problem;
	void *context;
	int problems;
	struct store_copy_result *result;
	struct known *cases, *accounts;
	size_t n_cases, alloc_cases, n_accounts, alloc_accounts;
	struct pair *pairs;
	size_t n_pairs, alloc_pairs;
	/* source application id → target id: > 0 copied, < 0 present */
	long long *map;
	size_t n_map;
	long long app_offset, outcome_offset, link_offset, note_offset;
	long long draft_offset, account_offset, max_id;
	long long target_audit, audit_done; /* source rows copied before */
	/* the source's cases and accounts up to these ids were copied by
	 * an earlier run (its "migrate" row), and its last ids now */
	long long cases_done, accounts_done, last_case, last_account;
	char first[AUDIT_HEX_SIZE];        /* the source chain's first row */
	long long new_accounts, copying; /* what the copy would write */
};

static void report(struct copy *copy, char *text)
{
	copy->problem(text, copy->context);
	copy->problems++;
	free(text);
}

static long long number(const char *text)
{
	long long value = 0;

	if (text && parse_long_long(text, &value))
		value = 0;
	return value;
}

/* The digits text starts with, as a number (0 when none). */
static long long leading_number(const char *text)
{
	return strtoll(text, NULL, 10);
}

static int fiscal_year(const char *iso)
{
	int year = 0, month = 0;

	if (iso)
		sscanf(iso, "%4d-%2d", &year, &month);
	return month >= 4 ? year : year - 1;
}

static struct pair *pair_of(struct copy *copy, const char *programme,
			    int fy)
{
	struct pair *pair;
	size_t i;

	for (i = 0; i < copy->n_pairs; i++)
		if (copy->pairs[i].fiscal_year == fy &&
		    !strcmp(copy->pairs[i].programme, programme))
			return &copy->pairs[i];
	ALLOC_GROW(copy->pairs, copy->n_pairs + 1, copy->alloc_pairs);
	pair = &copy->pairs[copy->n_pairs++];
	memset(pair, 0, sizeof(*pair));
	pair->programme = xstrdup(programme);
	pair->fiscal_year = fy;
	return pair;
}

static int known_compare(const void *a, const void *b)
{
	return strcmp(((const struct known *)a)->key,
		      ((const struct known *)b)->key);
}

static struct known *known_find(struct known *list, size_t n,
				const char *key)
{
	struct known probe = { (char *)key, NULL, NULL, 0 };

	return n ? bsearch(&probe, list, n, sizeof(*list), known_compare)
		 : NULL;
}

static int max_fn(const char *const *values, void *context)
{
	long long *max = context, id = number(values[0]);

	if (id > *max)
		*max = id;
	return 0;
}

static int max_id(struct store *store, const char *table, long long *max)
{
	struct store_table t = { table, id_column, 1 };

	*max = 0;
	return store_rows_each(store, &t, max_fn, max);
}

/* The target's cases (id, receipt, programme, received_on, created_at). */
static int target_case(const char *const *values, void *context)
{
	struct copy *copy = context;
	struct known *known;

	ALLOC_GROW(copy->cases, copy->n_cases + 1, copy->alloc_cases);
	known = &copy->cases[copy->n_cases++];
	known->id = number(values[0]);
	known->key = xstrdup(values[1]);
	known->programme = xstrdup(values[2]);
	known->created_at = xstrdup(values[4] ? values[4] : "");
	pair_of(copy, values[2], fiscal_year(values[3]))->target++;
	if (known->id > copy->app_offset)
		copy->app_offset = known->id;
	return 0;
}

static int target_account(const char *const *values, void *context)
{
	struct copy *copy = context;
	struct known *known;

	ALLOC_GROW(copy->accounts, copy->n_accounts + 1,
		   copy->alloc_accounts);
	known = &copy->accounts[copy->n_accounts++];
	memset(known, 0, sizeof(*known));
	known->key = xstrdup(values[1]);
	known->created_at = xstrdup(values[2] ? values[2] : "");
	return 0;
}

/* The number after "key": " in json from at, or 0. */
static long long marked(const char *at, const char *key)
{
	char *marker = xstrfmt("\"%s\": \"", key);
	const char *found = strstr(at, marker);
	long long n = found ? leading_number(found + strlen(marker)) : 0;

	free(marker);
	return n;
}

/* An earlier run's "migrate" row for the source's chain: how many of
 * its audit rows, and up to which case and account, that run copied. */
static int target_audit(const char *const *values, void *context)
{
	struct copy *copy = context;
	char *marker;
	const char *at;

	copy->target_audit++;
	if (!values[3] || strcmp(values[3], "migrate") || !values[6] ||
	    !copy->first[0])
		return 0;
	marker = xstrfmt("\"source_first\": \"%s\"", copy->first);
	at = strstr(values[6], marker);
	free(marker);
	if (!at)
		return 0;
	copy->audit_done = marked(at, "source_rows");
	copy->cases_done = marked(at, "source_last_case");
	copy->accounts_done = marked(at, "source_last_account");
	return 0;
}

static int first_row(const char *const *values, void *context)
{
	struct copy *copy = context;

	snprintf(copy->first, sizeof(copy->first), "%s",
		 values[7] ? values[7] : "");
	return 1; /* only the first */
}

/* The source's cases against the target's: present, other, to copy. */
static int source_case(const char *const *values, void *context)
{
	struct copy *copy = context;
	long long id = number(values[0]);
	struct known *known =
		known_find(copy->cases, copy->n_cases, values[1]);
	const char *created = values[4] ? values[4] : "";

	if (id <= 0)
		return 0;
	if ((size_t)id >= copy->n_map) {
		size_t n = copy->n_map ? copy->n_map : 1024;

		while (n <= (size_t)id)
			n *= 2;
		copy->map = xrealloc(copy->map, n * sizeof(*copy->map));
		memset(copy->map + copy->n_map, 0,
		       (n - copy->n_map) * sizeof(*copy->map));
		copy->n_map = n;
	}
	if (id > copy->last_case)
		copy->last_case = id;
	/* the same receipt is the same case only when an earlier run of
	 * this source copied it: never judged by its contents */
	if (known && id <= copy->cases_done &&
	    !strcmp(known->programme, values[2])) {
		copy->map[id] = -known->id;
		copy->result->cases_present++;
	} else if (known) {
		report(copy, xstrfmt(msg(MSG_MIGRATE_OTHER_CASE), values[1],
				     known->programme, known->created_at,
				     values[2], created));
	} else {
		copy->map[id] = id + copy->app_offset;
		pair_of(copy, values[2], fiscal_year(values[3]))->copying++;
	}
	return 0;
}

static int source_account(const char *const *values, void *context)
{
	struct copy *copy = context;
	long long id = number(values[0]);
	struct known *known =
		known_find(copy->accounts, copy->n_accounts, values[1]);

	if (id > copy->last_account)
		copy->last_account = id;
	if (!known)
		copy->new_accounts++;
	else if (id <= copy->accounts_done)
		copy->result->accounts_present++;
	else
		report(copy, xstrfmt(msg(MSG_MIGRATE_OTHER_ACCOUNT), values[1],
				     known->created_at,
				     values[2] ? values[2] : ""));
	return 0;
}

static int check_chain(struct copy *copy, struct store *store,
		       const char *which)
{
	struct store_audit_check check;

	if (store_audit_verify(store, &check) < 0)
		return -1;
	if (check.first_bad)
		report(copy, xstrfmt(msg(MSG_MIGRATE_CHAIN_BROKEN), which,
				     check.first_bad));
	return 0;
}

/* Everything known before writing; problems reported. */
static int survey(struct copy *copy)
{
	size_t i;

	if (check_chain(copy, copy->from, msg(MSG_MIGRATE_SOURCE)) < 0 ||
	    check_chain(copy, copy->to, msg(MSG_MIGRATE_TARGET)) < 0 ||
	    store_rows_each(copy->to, &case_keys, target_case, copy) < 0 ||
	    store_rows_each(copy->to, &account_keys, target_account, copy) <
		    0 ||
	    max_id(copy->to, "outcomes", &copy->outcome_offset) < 0 ||
	    max_id(copy->to, "links", &copy->link_offset) < 0 ||
	    max_id(copy->to, "case_notes", &copy->note_offset) < 0 ||
	    max_id(copy->to, "drafts", &copy->draft_offset) < 0 ||
	    max_id(copy->to, "accounts", &copy->account_offset) < 0 ||
	    store_rows_each(copy->from, &audit, first_row, copy) < 0 ||
	    store_rows_each(copy->to, &audit, target_audit, copy) < 0)
		return -1;
	if (copy->n_cases) /* qsort of NULL is undefined, even of none */
		qsort(copy->cases, copy->n_cases, sizeof(*copy->cases),
		      known_compare);
	if (copy->n_accounts)
		qsort(copy->accounts, copy->n_accounts,
		      sizeof(*copy->accounts), known_compare);
	if (store_rows_each(copy->from, &case_keys, source_case, copy) < 0 ||
	    store_rows_each(copy->from, &account_keys, source_account,
			    copy) < 0)
		return -1;
	copy->result->audit_present = copy->audit_done;
	copy->copying = copy->new_accounts +
			store_audit_count(copy->from) - copy->audit_done;
	for (i = 0; i < copy->n_pairs; i++) {
		copy->copying += copy->pairs[i].copying;
		if (copy->pairs[i].copying && copy->pairs[i].target)
			report(copy, xstrfmt(msg(MSG_MIGRATE_COLLISION),
					     copy->pairs[i].programme,
					     copy->pairs[i].fiscal_year,
					     copy->pairs[i].copying,
					     copy->pairs[i].target));
	}
	return 0;
}

/* The target id of source application text, or 0 when none. */
static long long mapped(const struct copy *copy, const char *text)
{
	long long id = number(text);

	if (id <= 0 || (size_t)id >= copy->n_map)
		return 0;
	return copy->map[id];
}

/* values with column i replaced by number (kept in buffers[i]). */
static void set_number(const char **row, char buffers[][ID_SIZE], size_t i,
		       long long value)
{
	snprintf(buffers[i], ID_SIZE, "%lld", value);
	row[i] = buffers[i];
}

struct put {
	struct copy *copy;
	const struct store_table *table;
	long long *counter;
};

/* A row of a case's table: column 0 is its id (shifted by offset) or,
 * with no offset, the application; app_column the application. */
static int put_case_row(struct put *put, const char *const *values,
			int app_column, const long long *offset)
{
	const char *row[MAX_COLUMNS];
	char buffers[MAX_COLUMNS][ID_SIZE];
	long long app = mapped(put->copy, values[app_column]);

	if (app <= 0)
		return 0; /* present, or not a case of the source */
	memcpy(row, values, put->table->n_columns * sizeof(*row));
	set_number(row, buffers, (size_t)app_column, app);
	if (offset)
		set_number(row, buffers, 0, number(values[0]) + *offset);
	if (put->counter)
		(*put->counter)++;
	return store_rows_put(put->copy->to, put->table, row);
}

static int put_application(const char *const *values, void *context)
{
	return put_case_row(context, values, 0, NULL);
}

static int put_answer(const char *const *values, void *context)
{
	return put_case_row(context, values, 0, NULL);
}

static int put_outcome(const char *const *values, void *context)
{
	struct put *put = context;

	return put_case_row(put, values, 1, &put->copy->outcome_offset);
}

static int put_note(const char *const *values, void *context)
{
	struct put *put = context;

	return put_case_row(put, values, 1, &put->copy->note_offset);
}

static int put_link(const char *const *values, void *context)
{
	struct put *put = context;
	const char *row[MAX_COLUMNS];
	char buffers[MAX_COLUMNS][ID_SIZE];
	long long a = mapped(put->copy, values[1]);
	long long b = mapped(put->copy, values[2]);

	if (a <= 0 && b <= 0)
		return 0; /* between cases already there */
	memcpy(row, values, links.n_columns * sizeof(*row));
	set_number(row, buffers, 0,
		   number(values[0]) + put->copy->link_offset);
	set_number(row, buffers, 1, a < 0 ? -a : a);
	set_number(row, buffers, 2, b < 0 ? -b : b);
	put->copy->result->links++;
	return store_rows_put(put->copy->to, &links, row);
}

/* Drafts and their answers: column 0 the draft, shifted. */
static int put_draft(const char *const *values, void *context)
{
	struct put *put = context;
	const char *row[MAX_COLUMNS];
	char buffers[MAX_COLUMNS][ID_SIZE];

	memcpy(row, values, put->table->n_columns * sizeof(*row));
	set_number(row, buffers, 0,
		   number(values[0]) + put->copy->draft_offset);
	if (put->counter)
		(*put->counter)++;
	return store_rows_put(put->copy->to, put->table, row);
}

static int put_account(const char *const *values, void *context)
{
	struct put *put = context;
	const char *row[MAX_COLUMNS];
	char buffers[MAX_COLUMNS][ID_SIZE];

	if (known_find(put->copy->accounts, put->copy->n_accounts,
		       values[1]))
		return 0;
	memcpy(row, values, accounts.n_columns * sizeof(*row));
	set_number(row, buffers, 0,
		   number(values[0]) + put->copy->account_offset);
	put->copy->result->accounts++;
	return store_rows_put(put->copy->to, &accounts, row);
}

static int put_sequence(const char *const *values, void *context)
{
	struct put *put = context;
	struct pair *pair = pair_of(put->copy, values[0],
				    (int)number(values[1]));

	return pair->copying ? store_rows_put(put->copy->to, &sequences,
					      values)
			     : 0;
}

static int put_audit(const char *const *values, void *context)
{
	struct put *put = context;
	struct copy *copy = put->copy;
	long long app = mapped(copy, values[4]);
	struct audit_row row = { 0,	    values[1], values[2], values[3],
				 app < 0 ? -app : app, values[5], values[6] };
	char hash[AUDIT_HEX_SIZE];

	if (number(values[0]) <= copy->audit_done)
		return 0;
	if (!app)
		row.application_id = 0;
	if (store_audit_copy(copy->to, &row, hash) < 0)
		return -1;
	if (!values[7] || strcmp(hash, values[7]))
		copy->result->verbatim = 0;
	copy->result->audit_rows++;
	return 0;
}

static int each_put(struct copy *copy, const struct store_table *table,
		    store_row_fn fn, long long *counter)
{
	struct put put = { copy, table, counter };

	return store_rows_each(copy->from, table, fn, &put);
}

/* The rows of every table, then the audit, then the "migrate" row. */
static int write_rows(struct copy *copy, const char *from_name,
		      const char *staff)
{
	struct store_copy_result *r = copy->result;
	long long source_rows = store_audit_count(copy->from);
	char rows[ID_SIZE], cases[ID_SIZE], last_case[ID_SIZE];
	char last_account[ID_SIZE];
	const char *pairs[12];
	int drafts_too = !copy->audit_done;

	r->verbatim = !copy->target_audit;
	if (each_put(copy, &applications, put_application, &r->cases) ||
	    each_put(copy, &answers, put_answer, NULL) ||
	    each_put(copy, &outcomes, put_outcome, &r->outcomes) ||
	    each_put(copy, &notes, put_note, &r->notes) ||
	    each_put(copy, &links, put_link, NULL) ||
	    (drafts_too &&
	     (each_put(copy, &drafts, put_draft, &r->drafts) ||
	      each_put(copy, &draft_answers, put_draft, NULL))) ||
	    each_put(copy, &accounts, put_account, NULL) ||
	    each_put(copy, &sequences, put_sequence, NULL) ||
	    each_put(copy, &audit, put_audit, NULL) || source_rows < 0)
		return -1;
	snprintf(rows, sizeof(rows), "%lld", source_rows);
	snprintf(cases, sizeof(cases), "%lld", r->cases);
	pairs[0] = "from", pairs[1] = from_name;
	pairs[2] = "source_first", pairs[3] = copy->first;
	pairs[4] = "source_rows", pairs[5] = rows;
	pairs[6] = "cases", pairs[7] = cases;
	snprintf(last_case, sizeof(last_case), "%lld", copy->last_case);
	snprintf(last_account, sizeof(last_account), "%lld",
		 copy->last_account);
	pairs[8] = "source_last_case", pairs[9] = last_case;
	pairs[10] = "source_last_account", pairs[11] = last_account;
	if (store_audit_event(copy->to, staff, "migrate", pairs, 6) < 0)
		return -1;
	return store_rebuild(copy->to);
}

static void copy_release(struct copy *copy)
{
	size_t i;

	for (i = 0; i < copy->n_cases; i++) {
		free(copy->cases[i].key);
		free(copy->cases[i].programme);
		free(copy->cases[i].created_at);
	}
	for (i = 0; i < copy->n_accounts; i++) {
		free(copy->accounts[i].key);
		free(copy->accounts[i].created_at);
	}
	for (i = 0; i < copy->n_pairs; i++)
		free(copy->pairs[i].programme);
	free(copy->cases);
	free(copy->accounts);
	free(copy->pairs);
	free(copy->map);
}

int store_copy(struct store *from, struct store *to, const char *from_name,
	       const char *staff, store_problem_fn problem, void *context,
	       struct store_copy_result *result)
{
	struct copy copy = { .from = from, .to = to, .problem = problem,
			     .context = context, .result = result };
	int ret = -1;

	memset(result, 0, sizeof(*result));
	if (survey(&copy) < 0)
		goto cleanup;
	ret = 1;
	if (copy.problems)
		goto cleanup;
	ret = 0;
	if (!copy.copying) /* all there: a run again writes nothing */
		goto cleanup;
	ret = -1;
	if (store_batch_begin(to, STORE_BATCH_WHOLE) < 0)
		goto cleanup;
	ret = write_rows(&copy, from_name, staff) ? -1 : 0;
	if (store_batch_end(to, !ret) < 0)
		ret = -1;
	if (!ret && store_audit_head(to, result->head) < 0)
		ret = -1;
cleanup:
	copy_release(&copy);
	return ret;
}
