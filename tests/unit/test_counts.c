/* Unit tests of core/sqlite/sqlite_counts.c and the tally read from it:
 * random outcomes and voids, counts against a recomputation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "sqlite_store.h"
#include "store.h"
#include "support.h"
#include "util.h"

struct fixture {
	char *dir;
	struct store *store;
};

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *path;

	f->dir = scratch_make("test_counts");
	if (!f->dir)
		return -1;
	path = path_join(f->dir, "intake.db");
	if (store_open(&f->store, path, 1) < 0)
		return -1;
	free(path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	int status;

	store_close(f->store);
	status = scratch_remove(f->dir);
	free(f->dir);
	free(f);
	return status;
}

/* The seed of the data set: COUNTS_SEED, or a fixed one. */
static unsigned long long seed;
static unsigned long long rng;

static unsigned long long next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static int random_below(int n)
{
	return (int)(next_random() % (unsigned long long)n);
}

/* Equal texts, or a failure that names the seed to run it again. */
static void same_text(const char *what, const char *got, const char *want)
{
	if (strcmp(got, want))
		print_error("seed %llu (COUNTS_SEED=%llu to repeat): %s:\n"
			    "tally:\n%s\nrecomputed:\n%s\n",
			    seed, seed, what, got, want);
	assert_string_equal(got, want);
}

static void sql_exec(struct store *store, const char *sql)
{
	char *problem = NULL;

	if (sqlite3_exec(store_db(store), sql, NULL, NULL, &problem))
		print_error("%s: %s\n", sql, problem);
	assert_null(problem);
}

/* Each row of sql as "a b c …\n" (NULL as "-"), in its order. */
static void sql_rows(struct store *store, const char *sql,
		     struct strbuf *out)
{
	sqlite3_stmt *stmt;
	int i, rc;

	assert_int_equal(sqlite3_prepare_v2(store_db(store), sql, -1, &stmt,
					    NULL),
			 SQLITE_OK);
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		for (i = 0; i < sqlite3_column_count(stmt); i++) {
			const char *text =
				(const char *)sqlite3_column_text(stmt, i);

			strbuf_addf(out, "%s%s", text ? text : "-",
				    i + 1 < sqlite3_column_count(stmt) ? " "
								       : "\n");
		}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(stmt);
}

static int collect_row(const struct store_tally_row *row, void *context)
{
	struct strbuf *out = context;

	strbuf_addf(out, "%s %s%s%s %lld %lld ", row->programme,
		    row->group ? row->group : "", row->group ? " " : "",
		    row->outcome, row->events, row->applications);
	if (row->has_amount)
		strbuf_addf(out, "%lld\n", row->amount);
	else
		strbuf_addstr(out, "-\n");
	return 0;
}

static void tally_text(struct store *store, long from, long to,
		       enum store_tally_group group, struct strbuf *out)
{
	struct store_tally_query query = { from, to, NULL, NULL, group,
					   NULL };

	assert_int_equal(store_tally(store, &query, collect_row, out), 0);
}

/* What the outcomes give for months from..to (yyyymm), straight from
 * them: the GROUP BY that tally used to run. */
static void recomputed(struct store *store, long from, long to, int monthly,
		       struct strbuf *out)
{
	char *sql = xstrfmt(
		"SELECT programme,%s code, COUNT(*),"
		" COUNT(DISTINCT application_id), SUM(amount) FROM outcomes"
		" WHERE voided_at IS NULL AND substr(occurred_on, 1, 7)"
		" BETWEEN printf('%%04d-%%02d', %ld, %ld)"
		" AND printf('%%04d-%%02d', %ld, %ld)"
		" GROUP BY programme,%s code ORDER BY programme,%s code",
		monthly ? " substr(occurred_on, 1, 7)," : "", from / 100,
		from % 100, to / 100, to % 100,
		monthly ? " substr(occurred_on, 1, 7)," : "",
		monthly ? " substr(occurred_on, 1, 7)," : "");

	sql_rows(store, sql, out);
	free(sql);
}

static long month_after(long month)
{
	return month % 100 == 12 ? month + 89 : month + 1;
}

/* One query of tally against the recomputation. */
static void check_period(struct store *store, long from, long to,
			 enum store_tally_group group)
{
	struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
	char *what = xstrfmt("%ld..%ld%s", from, to,
			     group == STORE_GROUP_MONTH ? " by month" : "");

	tally_text(store, from, to, group, &got);
	recomputed(store, from, to, group == STORE_GROUP_MONTH, &want);
	same_text(what, strbuf_str(&got), strbuf_str(&want));
	free(what);
	strbuf_release(&got);
	strbuf_release(&want);
}

/* outcome_counts as migration 10 builds it from the outcomes. */
static const char rebuilt_sql[] =
	"WITH live AS (SELECT programme, application_id AS app, code,"
	" occurred_on, amount, CAST(substr(occurred_on, 1, 4) AS INTEGER)"
	" - (substr(occurred_on, 6, 2) < '04') AS fy"
	" FROM outcomes WHERE voided_at IS NULL),"
	" firsts AS (SELECT programme, code, month, COUNT(*) AS n FROM"
	" (SELECT programme, code, substr(min(occurred_on), 1, 7) AS month"
	" FROM live GROUP BY programme, app, code, fy)"
	" GROUP BY programme, code, month),"
	" events AS (SELECT programme, substr(occurred_on, 1, 7) AS month,"
	" code, COUNT(*) AS count, COUNT(DISTINCT app) AS people,"
	" COALESCE(SUM(amount), 0) AS amount, COUNT(amount) AS amounts"
	" FROM live GROUP BY 1, 2, 3)"
	" SELECT e.programme, e.month, e.code, e.count, e.people,"
	" COALESCE(f.n, 0), e.amount, e.amounts"
	" FROM events e LEFT JOIN firsts f ON f.programme = e.programme"
	" AND f.month = e.month AND f.code = e.code"
	" ORDER BY 1, 2, 3";

/* Every tally path and verify against recomputations. */
static void check_all(struct store *store)
{
	struct strbuf got = STRBUF_INIT, want = STRBUF_INIT;
	long month;
	int fy;

	sql_rows(store,
		 "SELECT programme, month, code, count, people, first_people,"
		 " amount, amounts FROM outcome_counts ORDER BY 1, 2, 3",
		 &got);
	sql_rows(store, rebuilt_sql, &want);
	same_text("outcome_counts", strbuf_str(&got), strbuf_str(&want));
	assert_int_equal(store_verify_counts(store, NULL, NULL), 0);
	for (fy = 2024; fy <= 2025; fy++)
		for (month = fy * 100L + 4; month <= (fy + 1) * 100L + 3;
		     month = month_after(month)) {
			check_period(store, month, month, STORE_GROUP_NONE);
			check_period(store, fy * 100L + 4, month,
				     STORE_GROUP_NONE);
		}
	check_period(store, 202410, 202505, STORE_GROUP_NONE); /* a scan */
	check_period(store, 202404, 202603, STORE_GROUP_MONTH);
	strbuf_release(&got);
	strbuf_release(&want);
}

static const char *const programmes[] = { "uij_turn", "kigyo_shien",
					  "jigyo_shokei" };
static const char *const prefixes[] = { "UIJ", "KGY", "JGS" };
static const char *const codes[] = { "consult", "adopted", "paid",
				     "employed" };

static long long add_application(struct store *store, int p)
{
	struct store_answer answer = { "name", "x" };
	struct store_new_application app = {
		.programme = programmes[p],
		.receipt_prefix = prefixes[p],
		.plugin_version = "1.0",
		.form_version = 1,
		.received_on = 20240401,
		.office = "本庁",
		.staff = "tester",
		.answers = &answer,
		.n_answers = 1,
	};
	struct store_application got;
	char *receipt = NULL;
	long long id;

	assert_int_equal(store_add_application(store, &app, &receipt), 0);
	assert_int_equal(store_get_application(store, receipt, &got), 0);
	id = got.id;
	store_application_release(&got);
	free(receipt);
	return id;
}

/* A day in FY2024 or FY2025, mostly in a few months so that repeats in
 * one month are common. */
static long random_day(void)
{
	static const long busy[] = { 202404, 202405, 202503, 202504,
				     202601 };
	long month;
	int fy = 2024 + random_below(2), m = random_below(12);

	if (random_below(2))
		month = busy[random_below(ARRAY_SIZE(busy))];
	else
		month = (m < 9 ? fy : fy + 1) * 100L + (m + 3) % 12 + 1;
	return month * 100 + 1 + random_below(28);
}

static void random_outcome(struct store *store, long long id)
{
	int c = random_below(ARRAY_SIZE(codes));
	struct store_new_outcome o = {
		.application_id = id,
		.code = codes[c],
		.occurred_on = random_day(),
		.once = c == 3, /* employed: once */
		.staff = "tester",
		.has_amount = c == 2 || (c == 1 && random_below(2)),
		.amount = 1000 * (1 + random_below(500)),
	};
	int rc = store_add_outcome(store, &o);

	assert_true(rc == 0 || (rc == 1 && o.once));
}

static long long live_outcomes(struct store *store)
{
	struct strbuf n = STRBUF_INIT;
	long long count;

	sql_rows(store, "SELECT COUNT(*) FROM outcomes"
			" WHERE voided_at IS NULL", &n);
	count = strtoll(strbuf_str(&n), NULL, 10);
	strbuf_release(&n);
	return count;
}

/* Void a live outcome: the first of its code in the year, or the only
 * one of a month, as often as any other. */
static void random_void(struct store *store)
{
	static const char *const picks[] = {
		"o.id",
		"(SELECT COUNT(*) FROM outcomes x WHERE"
		" x.application_id = o.application_id AND x.code = o.code AND"
		" x.voided_at IS NULL AND substr(x.occurred_on, 1, 7) ="
		" substr(o.occurred_on, 1, 7)), o.id",
		"o.occurred_on, o.id",
	};
	long long live = live_outcomes(store);
	int pick = random_below(ARRAY_SIZE(picks));
	char *sql;
	sqlite3_stmt *stmt;
	long long app, id;

	if (!live)
		return;
	sql = xstrfmt("SELECT o.application_id, o.id FROM outcomes o"
		      " WHERE voided_at IS NULL ORDER BY %s LIMIT 1"
		      " OFFSET %d",
		      picks[pick],
		      random_below(pick ? (live < 4 ? (int)live : 4)
					: (int)live));
	assert_int_equal(sqlite3_prepare_v2(store_db(store), sql, -1, &stmt,
					    NULL),
			 SQLITE_OK);
	free(sql);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	app = sqlite3_column_int64(stmt, 0);
	id = sqlite3_column_int64(stmt, 1);
	sqlite3_finalize(stmt);
	assert_int_equal(store_void_outcome(store, app, id, "tester", "test"),
			 0);
	assert_int_equal(store_void_outcome(store, app, id, "tester", "test"),
			 1);
}

static void test_random_outcomes_and_voids(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	const char *given = getenv("COUNTS_SEED");
	long long ids[40];
	int i;

	seed = given ? strtoull(given, NULL, 10) : 20261130;
	rng = seed ? seed : 1;
	for (i = 0; i < (int)ARRAY_SIZE(ids); i++)
		ids[i] = add_application(store, i % 3);
	for (i = 1; i <= 600; i++) {
		if (random_below(4))
			random_outcome(store, ids[random_below(40)]);
		else
			random_void(store);
		if (i % 150 == 0)
			check_all(store);
	}
	assert_true(store_verify_counts(store, NULL, NULL) == 0);
}

/* The SQL of the last statement store_tally prepared, for its plan. */
static char *last_select;

static int keep_select(unsigned int kind, void *context, void *stmt,
		       void *sql)
{
	const char *text = sqlite3_sql(stmt);

	if (text && !strncmp(text, "SELECT", 6)) {
		free(last_select);
		last_select = xstrdup(text);
	}
	return 0;
}

static void plan_of(struct store *store, struct strbuf *plan)
{
	char *sql = xstrfmt("EXPLAIN QUERY PLAN %s", last_select);
	sqlite3_stmt *stmt;

	assert_int_equal(sqlite3_prepare_v2(store_db(store), sql, -1, &stmt,
					    NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW)
		strbuf_addf(plan, "%s\n", sqlite3_column_text(stmt, 3));
	sqlite3_finalize(stmt);
	free(sql);
}

static void tally_plan(struct store *store, const char *programme,
		       enum store_tally_group group, long from, long to,
		       struct strbuf *plan)
{
	struct store_tally_query query = { from, to, programme, NULL, group,
					   group == STORE_GROUP_FIELD ? "name"
								      : NULL };
	struct strbuf rows = STRBUF_INIT;

	strbuf_reset(plan);
	sqlite3_trace_v2(store_db(store), SQLITE_TRACE_STMT, keep_select,
			 NULL);
	assert_int_equal(store_tally(store, &query, collect_row, &rows), 0);
	sqlite3_trace_v2(store_db(store), 0, NULL, NULL);
	plan_of(store, plan);
	strbuf_release(&rows);
}

static void test_plans(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct strbuf plan = STRBUF_INIT;
	long long id = add_application(store, 0);
	struct store_new_outcome o = { .application_id = id,
				       .code = "consult",
				       .occurred_on = 20250510,
				       .staff = "tester" };

	assert_int_equal(store_add_outcome(store, &o), 0);
	/* One month, a fiscal year to a month, per month: the counts. */
	tally_plan(store, NULL, STORE_GROUP_NONE, 202505, 202505, &plan);
	assert_contains(strbuf_str(&plan), "outcome_counts");
	assert_null(strstr(last_select, "FROM outcomes"));
	tally_plan(store, "uij_turn", STORE_GROUP_NONE, 202504, 202603, &plan);
	assert_contains(last_select, "first_people");
	assert_null(strstr(last_select, "FROM outcomes"));
	tally_plan(store, NULL, STORE_GROUP_MONTH, 202504, 202509, &plan);
	assert_null(strstr(last_select, "outcomes o"));
	/* By a field, with or without a programme: outcomes_programme. */
	tally_plan(store, "uij_turn", STORE_GROUP_FIELD, 202504, 202603,
		   &plan);
	assert_contains(strbuf_str(&plan),
			"USING INDEX outcomes_programme (programme=? AND "
			"occurred_on>? AND occurred_on<?)");
	tally_plan(store, NULL, STORE_GROUP_OFFICE, 202504, 202603, &plan);
	assert_contains(strbuf_str(&plan),
			"USING INDEX outcomes_programme (programme=? AND "
			"occurred_on>? AND occurred_on<?)");
	assert_null(strstr(strbuf_str(&plan), "SCAN o\n"));
	free(last_select);
	last_select = NULL;
	strbuf_release(&plan);
}

/* A void of the first outcome of the year moves first_people to the
 * next one's month; of the only one in a month, people drops. */
static void test_void_moves_first(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	long long id = add_application(store, 0);
	struct store_new_outcome o = { .application_id = id,
				       .code = "consult",
				       .staff = "tester" };
	struct strbuf rows = STRBUF_INIT;
	long long first;

	assert_int_equal(store_verify_counts(store, NULL, NULL), 0); /* none */
	o.occurred_on = 20250410;
	assert_int_equal(store_add_outcome(store, &o), 0);
	o.occurred_on = 20250620;
	assert_int_equal(store_add_outcome(store, &o), 0);
	o.occurred_on = 20250625;
	assert_int_equal(store_add_outcome(store, &o), 0);
	sql_rows(store, "SELECT month, count, people, first_people"
			" FROM outcome_counts ORDER BY month", &rows);
	assert_string_equal(strbuf_str(&rows), "2025-04 1 1 1\n"
					       "2025-06 2 1 0\n");
	strbuf_reset(&rows);
	sql_rows(store, "SELECT id FROM outcomes"
			" WHERE occurred_on = '2025-04-10'", &rows);
	first = strtoll(strbuf_str(&rows), NULL, 10);
	strbuf_reset(&rows);
	assert_int_equal(store_void_outcome(store, id, first, "t", "r"), 0);
	sql_rows(store, "SELECT month, count, people, first_people"
			" FROM outcome_counts ORDER BY month", &rows);
	assert_string_equal(strbuf_str(&rows), "2025-06 2 1 1\n");
	strbuf_release(&rows);
	sql_exec(store, "UPDATE outcome_counts SET people = 5");
	assert_int_equal(store_verify_counts(store, NULL, NULL), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_outcomes_and_voids,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_plans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_void_moves_first, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
