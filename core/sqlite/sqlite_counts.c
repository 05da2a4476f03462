/* outcome_counts kept by each outcome and void, and recomputed to verify. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_internal.h"
#include "util.h"

/*
 * One application's live outcomes of one code give outcome_counts, per
 * month: count (each outcome), people (1 when it has one that month),
 * first_people (1 in the month of its first outcome of the fiscal
 * year), amount and amounts.  Recording or voiding an outcome changes
 * only the fiscal year of its date, so the counts move by what that
 * year gave after less what it gave before: a read of a few rows
 * through outcomes_code (code, application_id).
 */

static const char read_sql[] =
	"SELECT occurred_on, amount FROM outcomes"
	" WHERE code = ?1 AND application_id = ?2 AND voided_at IS NULL"
	" AND occurred_on >= ?3 AND occurred_on < ?4";

static const char add_sql[] =
	"INSERT INTO outcome_counts (programme, month, code, count, people,"
	" first_people, amount, amounts) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
	" ?7, ?8) ON CONFLICT (programme, month, code) DO UPDATE SET"
	" count = count + excluded.count, people = people + excluded.people,"
	" first_people = first_people + excluded.first_people,"
	" amount = amount + excluded.amount,"
	" amounts = amounts + excluded.amounts";

/* A row left at nothing is dropped: the table holds what counts. */
static const char drop_sql[] =
	"DELETE FROM outcome_counts"
	" WHERE programme = ?1 AND month = ?2 AND code = ?3 AND count = 0"
	" AND people = 0 AND first_people = 0 AND amount = 0"
	" AND amounts = 0";

static const char outcome_sql[] =
	"SELECT o.application_id, a.programme, o.code, o.occurred_on"
	" FROM outcomes o JOIN applications a ON a.id = o.application_id"
	" WHERE o.id = ?1 AND o.voided_at IS NULL";

static sqlite3_stmt *counts_stmt(struct sqlite_store *store,
				 sqlite3_stmt **stmt, const char *sql)
{
	if (!*stmt && store_prepare(store, sql, stmt) < 0)
		return NULL;
	sqlite3_reset(*stmt);
	sqlite3_clear_bindings(*stmt);
	return *stmt;
}

/* What the application's live outcomes of the code in the fiscal year
 * give now. */
static int read_year(struct sqlite_store *store,
		     const struct counts_touch *touch, struct counts_year *year)
{
	sqlite3_stmt *stmt =
		counts_stmt(store, &store->counts_read, read_sql);
	char first[STORE_ISO_SIZE], after[STORE_ISO_SIZE];
	int rc, fy, index = 0;

	if (!stmt)
		return -1;
	memset(year, 0, sizeof(*year));
	snprintf(first, sizeof(first), "%04d-04-01", touch->fiscal_year);
	snprintf(after, sizeof(after), "%04d-04-01", touch->fiscal_year + 1);
	store_bind_text(stmt, 1, touch->code);
	sqlite3_bind_int64(stmt, 2, touch->application_id);
	store_bind_text(stmt, 3, first);
	store_bind_text(stmt, 4, after);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		fy = counts_fiscal_year(
			(const char *)sqlite3_column_text(stmt, 0), &index);
		if (fy == touch->fiscal_year)
			counts_year_add(year, index,
					sqlite3_column_type(stmt, 1) !=
						SQLITE_NULL,
					sqlite3_column_int64(stmt, 1));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	return 0;
}

/* Add the row of month place index: after less before. */
static int apply_month(struct sqlite_store *store,
		       const struct counts_touch *touch,
		       const struct counts_year *after, int index)
{
	long long delta[5];
	sqlite3_stmt *stmt;
	char month[COUNTS_MONTH_SIZE];
	int i;

	if (!counts_delta(&touch->before, after, index, delta))
		return 0;
	stmt = counts_stmt(store, &store->counts_add, add_sql);
	if (!stmt)
		return -1;
	counts_month_text(touch->fiscal_year, index, month);
	store_bind_text(stmt, 1, touch->programme);
	store_bind_text(stmt, 2, month);
	store_bind_text(stmt, 3, touch->code);
	for (i = 0; i < 5; i++)
		sqlite3_bind_int64(stmt, 4 + i, delta[i]);
	if (store_run(store, stmt) < 0)
		return -1;
	if (delta[0] >= 0)
		return 0;
	stmt = counts_stmt(store, &store->counts_drop, drop_sql);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, touch->programme);
	store_bind_text(stmt, 2, month);
	store_bind_text(stmt, 3, touch->code);
	return store_run(store, stmt);
}

int counts_touch_begin(struct sqlite_store *store, struct counts_touch *touch,
		       long long application_id, const char *programme,
		       const char *code, const char *occurred_on)
{
	int index = 0;

	memset(touch, 0, sizeof(*touch));
	touch->fiscal_year = counts_fiscal_year(occurred_on, &index);
	if (touch->fiscal_year < 0)
		BUG("outcome date '%s' is no date", occurred_on);
	touch->application_id = application_id;
	touch->programme = xstrdup(programme);
	touch->code = xstrdup(code);
	return read_year(store, touch, &touch->before);
}

int counts_touch_outcome(struct sqlite_store *store, struct counts_touch *touch,
			 long long outcome_id)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	memset(touch, 0, sizeof(*touch));
	if (store_prepare(store, outcome_sql, &stmt) < 0)
		return -1;
	sqlite3_bind_int64(stmt, 1, outcome_id);
	rc = store_step_row(store, stmt);
	if (rc > 0 &&
	    counts_touch_begin(store, touch, sqlite3_column_int64(stmt, 0),
			       (const char *)sqlite3_column_text(stmt, 1),
			       (const char *)sqlite3_column_text(stmt, 2),
			       (const char *)sqlite3_column_text(stmt, 3)) < 0)
		rc = -1;
	sqlite3_finalize(stmt);
	return rc;
}

int counts_touch_end(struct sqlite_store *store, struct counts_touch *touch)
{
	struct counts_year after;
	int i;

	if (read_year(store, touch, &after) < 0)
		return -1;
	for (i = 0; i < 12; i++)
		if (apply_month(store, touch, &after, i) < 0)
			return -1;
	return 0;
}

void counts_release(struct sqlite_store *store)
{
	sqlite3_finalize(store->counts_read);
	sqlite3_finalize(store->counts_add);
	sqlite3_finalize(store->counts_drop);
	store->counts_read = store->counts_add = store->counts_drop = NULL;
}

/*
 * Verify: every column recomputed in one pass over the live outcomes
 * in application order (the outcomes_application index: no sort but
 * of one application's outcomes), into a map sorted by (programme,
 * month, code) whose size is bounded by programmes × months × codes,
 * then merged with outcome_counts read in its key order.
 */

enum { COL_COUNT, COL_PEOPLE, COL_FIRST, COL_AMOUNT, COL_AMOUNTS, N_COLS };

static const char *const column_names[N_COLS] = {
	"count", "people", "first_people", "amount", "amounts"
};

struct count_entry {
	char *programme, *code;
	long month;
	long long v[N_COLS];
};

struct count_map {
	struct count_entry *items;
	size_t n, alloc;
};

/* An outcome of the application being walked. */
struct walked {
	char *code;
	long month;
	int has_amount;
	long long amount;
};

struct walk {
	struct count_map map;
	long long application_id;
	char *programme;
	struct walked *outcomes;
	size_t n, alloc;
};

static const char walk_sql[] =
	"SELECT application_id, programme, code, occurred_on, amount"
	" FROM outcomes INDEXED BY outcomes_application"
	" WHERE voided_at IS NULL ORDER BY application_id";

static const char stored_sql[] =
	"SELECT programme, month, code, count, people, first_people, amount,"
	" amounts FROM outcome_counts ORDER BY programme, month, code";

static int key_compare(const char *programme, long month, const char *code,
		       const struct count_entry *e)
{
	int c = strcmp(programme, e->programme);

	if (c)
		return c;
	if (month != e->month)
		return month < e->month ? -1 : 1;
	return strcmp(code, e->code);
}

static struct count_entry *map_entry(struct count_map *map,
				     const char *programme, long month,
				     const char *code)
{
	size_t lo = 0, hi = map->n, mid;
	struct count_entry *e;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = key_compare(programme, month, code, &map->items[mid]);
		if (!c)
			return &map->items[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	ALLOC_GROW(map->items, map->n + 1, map->alloc);
	e = &map->items[lo];
	memmove(e + 1, e, (map->n - lo) * sizeof(*e));
	map->n++;
	memset(e, 0, sizeof(*e));
	e->programme = xstrdup(programme);
	e->code = xstrdup(code);
	e->month = month;
	return e;
}

static int walked_compare(const void *a, const void *b)
{
	const struct walked *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	if (c)
		return c;
	return (x->month > y->month) - (x->month < y->month);
}

static int fiscal_year_of_month(long month)
{
	return (int)(month / 100) - (month % 100 < 4);
}

/* Count the outcomes of the application walked: sorted by code and
 * month, a new month is one more person in it, a new fiscal year of
 * the code one more first. */
static void walk_flush(struct walk *walk)
{
	struct walked *o, *prev = NULL;
	struct count_entry *e;
	size_t i;

	if (!walk->n)
		return;
	qsort(walk->outcomes, walk->n, sizeof(*walk->outcomes),
	      walked_compare);
	for (i = 0; i < walk->n; i++, prev = o) {
		o = &walk->outcomes[i];
		e = map_entry(&walk->map, walk->programme, o->month, o->code);
		e->v[COL_COUNT]++;
		e->v[COL_AMOUNT] += o->amount;
		e->v[COL_AMOUNTS] += o->has_amount;
		if (prev && !strcmp(prev->code, o->code)) {
			e->v[COL_PEOPLE] += prev->month != o->month;
			e->v[COL_FIRST] += fiscal_year_of_month(prev->month) !=
					   fiscal_year_of_month(o->month);
		} else {
			e->v[COL_PEOPLE]++;
			e->v[COL_FIRST]++;
		}
	}
	for (i = 0; i < walk->n; i++)
		free(walk->outcomes[i].code);
	walk->n = 0;
}

static void walk_take(struct walk *walk, sqlite3_stmt *stmt)
{
	long long id = sqlite3_column_int64(stmt, 0);
	const char *programme = (const char *)sqlite3_column_text(stmt, 1);
	struct walked *o;

	if (walk->n && id != walk->application_id)
		walk_flush(walk);
	if (!walk->n) {
		free(walk->programme);
		walk->programme = xstrdup(programme ? programme : "");
		walk->application_id = id;
	}
	ALLOC_GROW(walk->outcomes, walk->n + 1, walk->alloc);
	o = &walk->outcomes[walk->n++];
	o->code = xstrdup((const char *)sqlite3_column_text(stmt, 2));
	o->month = store_month_from_text(
		(const char *)sqlite3_column_text(stmt, 3));
	o->has_amount = sqlite3_column_type(stmt, 4) != SQLITE_NULL;
	o->amount = sqlite3_column_int64(stmt, 4);
}

static int recompute(struct sqlite_store *store, struct walk *walk)
{
	sqlite3_stmt *stmt = NULL;
	int rc;

	if (store_prepare(store, walk_sql, &stmt) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		walk_take(walk, stmt);
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	walk_flush(walk);
	return 0;
}

static void walk_release(struct walk *walk)
{
	size_t i;

	for (i = 0; i < walk->map.n; i++) {
		free(walk->map.items[i].programme);
		free(walk->map.items[i].code);
	}
	free(walk->map.items);
	free(walk->outcomes);
	free(walk->programme);
}

struct comparison {
	store_difference_fn fn;
	void *context;
	int differences;
};

/* Report each column of a key where stored and recomputed differ. */
static void compare_key(struct comparison *cmp, const char *programme,
			long month, const char *code, const long long *stored,
			const long long *actual)
{
	int i;

	for (i = 0; i < N_COLS; i++) {
		if (stored[i] == actual[i])
			continue;
		cmp->differences++;
		if (cmp->fn)
			cmp->fn(programme, month, code, column_names[i],
				stored[i], actual[i], cmp->context);
	}
}

/* The recomputed entries before the stored key (all when key is NULL)
 * are missing from the table. */
static size_t report_missing(struct comparison *cmp,
			     const struct count_map *map, size_t i,
			     const struct count_entry *key)
{
	static const long long none[N_COLS];

	for (; i < map->n; i++) {
		const struct count_entry *e = &map->items[i];

		if (key && key_compare(e->programme, e->month, e->code,
				       key) >= 0)
			break;
		compare_key(cmp, e->programme, e->month, e->code, none, e->v);
	}
	return i;
}

static int compare_stored(struct sqlite_store *store,
			  const struct count_map *map, struct comparison *cmp)
{
	static const long long none[N_COLS];
	struct count_entry key;
	sqlite3_stmt *stmt = NULL;
	size_t i = 0;
	int rc, c;

	if (store_prepare(store, stored_sql, &stmt) < 0)
		return -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		key.programme = (char *)sqlite3_column_text(stmt, 0);
		key.month = store_month_from_text(
			(const char *)sqlite3_column_text(stmt, 1));
		key.code = (char *)sqlite3_column_text(stmt, 2);
		for (c = 0; c < N_COLS; c++)
			key.v[c] = sqlite3_column_int64(stmt, 3 + c);
		i = report_missing(cmp, map, i, &key);
		if (i < map->n && !key_compare(key.programme, key.month,
					       key.code, &map->items[i]))
			compare_key(cmp, key.programme, key.month, key.code,
				    key.v, map->items[i++].v);
		else
			compare_key(cmp, key.programme, key.month, key.code,
				    key.v, none);
	}
	sqlite3_finalize(stmt);
	if (rc != SQLITE_DONE)
		return store_sql_error(store);
	report_missing(cmp, map, i, NULL);
	return 0;
}

int sqlite_verify_counts(struct store *base, store_difference_fn fn,
			 void *context)
{
	struct sqlite_store *store = sqlite_of(base);
	struct walk walk = { 0 };
	struct comparison cmp = { fn, context, 0 };
	int began, ret = -1;

	if (store_begin_read(store, &began) < 0)
		return -1;
	if (recompute(store, &walk) == 0 &&
	    compare_stored(store, &walk.map, &cmp) == 0)
		ret = cmp.differences;
	store_end_read(store, began);
	walk_release(&walk);
	return ret;
}
