/* Finding applications: search keys and the lookups of find and list. */
#include "store.h"
#include "sqlite_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
#include "util.h"

#define ISO_SIZE 32 /* a date as text, with room to spare */

/*
 * Parameters of the find statement, by number, so that a clause can be
 * left out without renumbering the others.
 */
enum find_param {
	P_RECEIPT = 1,
	P_SEQUENCE,
	P_FISCAL_YEAR,
	P_KEY_FROM,
	P_KEY_TO,
	P_PHONE,
	P_BIRTH_DATE,
	P_PROGRAMME,
	P_OFFICE,
	P_STAFF,
	P_STATUS,
	P_FROM,
	P_TO,
	P_LIMIT
};

/* Past every key with this prefix: keys are valid UTF-8 text checked
 * safe, so none holds U+10FFFF, a noncharacter. */
#define KEY_END "\xf4\x8f\xbf\xbf"

static const char found_columns[] =
	"SELECT a.id, a.receipt, a.programme, a.office, a.staff, a.status,"
	" a.received_on";
static const char detail_columns[] =
	", (SELECT value FROM answers"
	" WHERE application_id = a.id AND field = 'name'),"
	" (SELECT value FROM answers"
	" WHERE application_id = a.id AND field = 'name_kana'),"
	" (SELECT occurred_on FROM outcomes WHERE application_id = a.id"
	" AND voided_at IS NULL ORDER BY occurred_on DESC, id DESC LIMIT 1)";

/* The lookups that find few rows through their own index.  The first
 * one given drives the query; the others are checked on its rows. */
static const char receipt_clause[] = " AND a.receipt = ?1";
static const char sequence_clause[] = " AND substr(a.receipt, -6) = ?2";
static const char fiscal_year_clause[] =
	" AND substr(a.receipt, -11, 4) = ?3";
static const char *const key_clauses[] = {
	" AND a.id IN (SELECT application_id FROM search_keys"
	" WHERE kind IN ('name', 'kana') AND key >= ?4 AND key < ?5)",
	" AND a.id IN (SELECT application_id FROM search_keys"
	" WHERE kind = 'name' AND key >= ?4 AND key < ?5)",
	" AND a.id IN (SELECT application_id FROM search_keys"
	" WHERE kind = 'kana' AND key >= ?4 AND key < ?5)",
};
static const char *key_clause(int kinds)
{
	if (kinds == STORE_KEY_NAME)
		return key_clauses[1];
	if (kinds == STORE_KEY_KANA)
		return key_clauses[2];
	return key_clauses[0];
}

static const char phone_clause[] =
	" AND a.id IN (SELECT application_id FROM answers"
	" WHERE field = 'phone' AND value = ?6)";
static const char birth_date_clause[] =
	" AND a.id IN (SELECT application_id FROM answers"
	" WHERE field = 'birth_date' AND value = ?7)";

/* Filters on applications' own columns; written "+a.x" (no index) when
 * a lookup above drives the query, so that the planner never prefers
 * a filter matching thousands of rows. */
static const struct filter_clause {
	size_t offset; /* of the text in struct store_query */
	const char *column;
	const char *test;
} filter_clauses[] = {
	{ offsetof(struct store_query, programme), "a.programme", " = ?8" },
	{ offsetof(struct store_query, office), "a.office", " = ?9" },
	{ offsetof(struct store_query, staff), "a.staff", " = ?10" },
	{ offsetof(struct store_query, status), "a.status", " = ?11" },
};

static const char *query_text(const struct store_query *query,
			      size_t offset)
{
	return *(const char *const *)((const char *)query + offset);
}

static int has_lookup(const struct store_query *query)
{
	return query->receipt || query->sequence || query->key ||
	       query->phone || query->birth_date;
}

static void add_lookups(struct strbuf *sql, const struct store_query *query)
{
	if (query->receipt)
		strbuf_addstr(sql, receipt_clause);
	if (query->sequence)
		strbuf_addstr(sql, sequence_clause);
	if (query->sequence && query->fiscal_year)
		strbuf_addstr(sql, fiscal_year_clause);
	if (query->key)
		strbuf_addstr(sql, key_clause(query->key_kinds));
	if (query->phone)
		strbuf_addstr(sql, phone_clause);
	if (query->birth_date)
		strbuf_addstr(sql, birth_date_clause);
}

/*
 * A programme is a quarter or a third of all applications: in id order
 * without a date range, its index would find a third of the table only
 * to sort it by id before the first row; read in id order (the table's
 * own) the rows stream.  With a range, (programme, received_on) finds
 * the few rows of the range, and sorting those is cheap; newest first,
 * that index walked backwards is already in order.  Status, office and
 * staff keep their indexes: each is by (column, received_on).
 */
static const char *filter_plus(const struct store_query *query, size_t i)
{
	if (has_lookup(query))
		return "+";
	if (filter_clauses[i].offset == offsetof(struct store_query,
						 programme) &&
	    !query->from && !query->to && !query->newest_first)
		return "+";
	return "";
}

static void add_filters(struct strbuf *sql, const struct store_query *query)
{
	const char *plus = has_lookup(query) ? "+" : "";
	size_t i;

	for (i = 0; i < ARRAY_SIZE(filter_clauses); i++)
		if (query_text(query, filter_clauses[i].offset))
			strbuf_addf(sql, " AND %s%s%s",
				    filter_plus(query, i),
				    filter_clauses[i].column,
				    filter_clauses[i].test);
	if (query->from)
		strbuf_addf(sql, " AND %sa.received_on >= ?12", plus);
	if (query->to)
		strbuf_addf(sql, " AND %sa.received_on <= ?13", plus);
}

/* The statement for query, from the fixed clauses above. */
static char *find_sql(const struct store_query *query)
{
	struct strbuf sql = STRBUF_INIT;

	strbuf_addstr(&sql, found_columns);
	if (query->details)
		strbuf_addstr(&sql, detail_columns);
	strbuf_addstr(&sql, " FROM applications a WHERE 1");
	add_lookups(&sql, query);
	add_filters(&sql, query);
	strbuf_addstr(&sql, query->newest_first
				    ? " ORDER BY a.received_on DESC, a.id DESC"
				    : " ORDER BY a.id");
	if (query->limit > 0)
		strbuf_addstr(&sql, " LIMIT ?14");
	return strbuf_detach(&sql);
}

/* Text bound to a statement: kept here until the walk ends. */
struct find_binding {
	char key_to[256];
	char from[ISO_SIZE], to[ISO_SIZE];
	char *key_end; /* when the key is too long for key_to */
};

static void iso_of(long yyyymmdd, char *iso)
{
	snprintf(iso, ISO_SIZE, "%04ld-%02ld-%02ld", yyyymmdd / 10000,
		 yyyymmdd / 100 % 100, yyyymmdd % 100);
}

static void bind_key(sqlite3_stmt *stmt, const char *key,
		     struct find_binding *b)
{
	const char *end;

	if (strlen(key) + sizeof(KEY_END) <= sizeof(b->key_to)) {
		snprintf(b->key_to, sizeof(b->key_to), "%s" KEY_END, key);
		end = b->key_to;
	} else {
		b->key_end = xstrfmt("%s" KEY_END, key);
		end = b->key_end;
	}
	store_bind_text(stmt, P_KEY_FROM, key);
	store_bind_text(stmt, P_KEY_TO, end);
}

static void bind_query(sqlite3_stmt *stmt, const struct store_query *query,
		       struct find_binding *b)
{
	store_bind_text(stmt, P_RECEIPT, query->receipt);
	store_bind_text(stmt, P_SEQUENCE, query->sequence);
	store_bind_text(stmt, P_FISCAL_YEAR, query->fiscal_year);
	if (query->key)
		bind_key(stmt, query->key, b);
	store_bind_text(stmt, P_PHONE, query->phone);
	store_bind_text(stmt, P_BIRTH_DATE, query->birth_date);
	store_bind_text(stmt, P_PROGRAMME, query->programme);
	store_bind_text(stmt, P_OFFICE, query->office);
	store_bind_text(stmt, P_STAFF, query->staff);
	store_bind_text(stmt, P_STATUS, query->status);
	if (query->from) {
		iso_of(query->from, b->from);
		store_bind_text(stmt, P_FROM, b->from);
	}
	if (query->to) {
		iso_of(query->to, b->to);
		store_bind_text(stmt, P_TO, b->to);
	}
	if (query->limit > 0)
		sqlite3_bind_int64(stmt, P_LIMIT, query->limit);
}

/* Prepare and bind the statement for query: 0 or -1. */
static int prepare_find(struct sqlite_store *store,
			const struct store_query *query, const char *prefix,
			sqlite3_stmt **stmt, struct find_binding *b)
{
	char *body = find_sql(query);
	char *sql = xstrfmt("%s%s", prefix, body);
	int ret = store_prepare(store, sql, stmt);

	free(body);
	free(sql);
	memset(b, 0, sizeof(*b));
	if (!ret)
		bind_query(*stmt, query, b);
	return ret;
}

static const char *column_text(sqlite3_stmt *stmt, int column)
{
	return (const char *)sqlite3_column_text(stmt, column);
}

/* The number of the digits at text, n of them; -1 if one is not. */
static long digits_at(const char *text, int n)
{
	long value = 0;

	while (n--) {
		if (*text < '0' || *text > '9')
			return -1;
		value = value * 10 + (*text++ - '0');
	}
	return value;
}

/* "YYYY-MM-DD" to yyyymmdd (by hand: a row each, sscanf was a tenth of
 * list's time); 0 for NULL or anything else. */
static long iso_date(const char *iso)
{
	long year, month, day;

	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return 0;
	year = digits_at(iso, 4);
	month = digits_at(iso + 5, 2);
	day = digits_at(iso + 8, 2);
	if (year < 0 || month < 0 || day < 0)
		return 0;
	return year * 10000 + month * 100 + day;
}

static long column_date(sqlite3_stmt *stmt, int column)
{
	return iso_date(column_text(stmt, column));
}

static void found_from_row(sqlite3_stmt *stmt, int details,
			   struct store_found *found)
{
	memset(found, 0, sizeof(*found));
	found->id = sqlite3_column_int64(stmt, 0);
	found->receipt = column_text(stmt, 1);
	found->programme = column_text(stmt, 2);
	found->office = column_text(stmt, 3);
	found->staff = column_text(stmt, 4);
	found->status = column_text(stmt, 5);
	found->received_on_text = column_text(stmt, 6);
	found->received_on = iso_date(found->received_on_text);
	if (!details)
		return;
	found->name = column_text(stmt, 7);
	found->name_kana = column_text(stmt, 8);
	found->outcome_on = column_date(stmt, 9);
}

int sqlite_find(struct store *base, const struct store_query *query,
		store_found_fn fn, void *context)
{
	struct sqlite_store *store = sqlite_of(base);
	struct find_binding binding;
	struct store_found found;
	sqlite3_stmt *stmt = NULL;
	int rc, ret = -1;

	if (prepare_find(store, query, "", &stmt, &binding) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		found_from_row(stmt, query->details, &found);
		ret = fn(&found, context);
		if (ret)
			goto cleanup;
	}
	ret = rc == SQLITE_DONE ? 0 : store_sql_error(store);
cleanup:
	sqlite3_finalize(stmt);
	free(binding.key_end);
	return ret;
}

char *sqlite_find_plan(struct store *base, const struct store_query *query)
{
	struct sqlite_store *store = sqlite_of(base);
	struct find_binding binding;
	struct strbuf plan = STRBUF_INIT;
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (prepare_find(store, query, "EXPLAIN QUERY PLAN ", &stmt,
			 &binding) < 0)
		return NULL;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		strbuf_addf(&plan, "%s\n", column_text(stmt, 3));
	sqlite3_finalize(stmt);
	free(binding.key_end);
	if (rc != SQLITE_DONE) {
		strbuf_release(&plan);
		return NULL;
	}
	return strbuf_detach(&plan);
}

/* Search keys. */

static const char insert_key_sql[] =
	"INSERT OR IGNORE INTO search_keys (kind, key, application_id)"
	" VALUES (?1, ?2, ?3)";

/* The kind of key an answer gives, or NULL when it gives none. */
static const char *key_kind(const char *field)
{
	if (!strcmp(field, "name"))
		return "name";
	if (!strcmp(field, "name_kana"))
		return "kana";
	return NULL;
}

/* Insert the keys of one answer with the prepared insert_key_sql. */
static int insert_keys(struct sqlite_store *store, sqlite3_stmt *stmt,
		       long long id, const char *field, const char *value)
{
	const char *kind = key_kind(field);
	char **keys = NULL;
	size_t i, n;
	int ret = 0;

	if (!kind || !value)
		return 0;
	n = find_name_keys(value, &keys);
	for (i = 0; i < n; i++) {
		if (!ret) {
			store_bind_text(stmt, 1, kind);
			store_bind_text(stmt, 2, keys[i]);
			sqlite3_bind_int64(stmt, 3, id);
			ret = store_run(store, stmt);
		}
		free(keys[i]);
	}
	free(keys);
	return ret;
}

int search_keys_add(struct sqlite_store *store, long long id,
		    const struct store_answer *answers, size_t n)
{
	sqlite3_stmt **stmt = &store->search_key_insert;
	size_t i;
	int ret = 0;

	for (i = 0; i < n && !ret; i++) {
		if (!key_kind(answers[i].field) || !answers[i].value)
			continue;
		if (!*stmt && store_prepare(store, insert_key_sql, stmt) < 0)
			return -1;
		ret = insert_keys(store, *stmt, id, answers[i].field,
				  answers[i].value);
	}
	if (*stmt)
		sqlite3_reset(*stmt);
	return ret;
}

int search_keys_backfill(struct sqlite_store *store)
{
	static const char answers_sql[] =
		"SELECT application_id, field, value FROM answers"
		" WHERE field IN ('name', 'name_kana')"
		" ORDER BY application_id";
	sqlite3_stmt *answers = NULL, *insert = NULL;
	int rc, ret = -1;

	if (sqlite3_exec(store->db, "DELETE FROM search_keys", NULL, NULL,
			 NULL) != SQLITE_OK)
		return -1;
	if (store_prepare(store, answers_sql, &answers) < 0 ||
	    store_prepare(store, insert_key_sql, &insert) < 0)
		goto cleanup;
	while ((rc = sqlite3_step(answers)) == SQLITE_ROW)
		if (insert_keys(store, insert, sqlite3_column_int64(answers, 0),
				column_text(answers, 1),
				column_text(answers, 2)) < 0)
			goto cleanup;
	ret = rc == SQLITE_DONE ? 0 : -1;
cleanup:
	sqlite3_finalize(answers);
	sqlite3_finalize(insert);
	return ret;
}

int search_keys_refresh(struct sqlite_store *store, long long id)
{
	static const char answers_sql[] =
		"SELECT field, value FROM answers WHERE application_id = ?1"
		" AND field IN ('name', 'name_kana')";
	sqlite3_stmt *clear = NULL, *answers = NULL, *insert = NULL;
	int rc, ret = -1;

	if (store_prepare(store, "DELETE FROM search_keys"
				 " WHERE application_id = ?1", &clear) < 0 ||
	    store_prepare(store, answers_sql, &answers) < 0 ||
	    store_prepare(store, insert_key_sql, &insert) < 0)
		goto cleanup;
	sqlite3_bind_int64(clear, 1, id);
	sqlite3_bind_int64(answers, 1, id);
	if (store_run(store, clear) < 0)
		goto cleanup;
	while ((rc = sqlite3_step(answers)) == SQLITE_ROW)
		if (insert_keys(store, insert, id, column_text(answers, 0),
				column_text(answers, 1)) < 0)
			goto cleanup;
	ret = rc == SQLITE_DONE ? 0 : store_sql_error(store);
cleanup:
	sqlite3_finalize(clear);
	sqlite3_finalize(answers);
	sqlite3_finalize(insert);
	return ret;
}
