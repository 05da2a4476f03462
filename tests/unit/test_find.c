/* Unit tests of core/ops/find.c and core/sqlite/sqlite_find.c: folding, guessing,
 * search keys, lookups and the indexes behind them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "find.h"
#include "messages.h"
#include "sqlite_store.h"
#include "store.h"
#include "support.h"
#include "util.h"

static void expect_fold(const char *text, const char *folded)
{
	char *got = find_fold(text);

	assert_non_null(got);
	assert_string_equal(got, folded);
	free(got);
}

static void test_fold_width_script_space_case(void **state)
{
	(void)state;
	expect_fold("ｱｵﾓﾘ", "アオモリ");
	expect_fold("あおもり", "アオモリ");
	expect_fold("アオモリ", "アオモリ");
	expect_fold("ア オ　モ・リ", "アオモリ");
	expect_fold("ｶﾞｯｺｳ", "ガッコウ");
	expect_fold("ゝゞ", "ヽヾ");
	expect_fold("ＳＭＩＴＨ John", "smithjohn");
	expect_fold("青森　太郎", "青森太郎");
	expect_fold("  ", "");
	assert_null(find_fold("\xff"));
}

/* The keys of answer, joined by "|". */
static char *keys_of(const char *answer)
{
	struct strbuf sb = STRBUF_INIT;
	char **keys;
	size_t i, n = find_name_keys(answer, &keys);

	for (i = 0; i < n; i++) {
		strbuf_addf(&sb, "%s%s", i ? "|" : "", keys[i]);
		free(keys[i]);
	}
	free(keys);
	return strbuf_detach(&sb);
}

static void expect_keys(const char *answer, const char *keys)
{
	char *got = keys_of(answer);

	assert_string_equal(got, keys);
	free(got);
}

static void test_name_keys(void **state)
{
	(void)state;
	expect_keys("青森 太郎", "青森太郎|太郎");
	expect_keys("アオモリ　タロウ", "アオモリタロウ|タロウ");
	expect_keys("スミス・ジョン", "スミスジョン|ジョン");
	expect_keys("Anne Marie Smith", "annemariesmith|mariesmith|smith");
	expect_keys("ヤマ ヤマ", "ヤマヤマ|ヤマ");
	expect_keys("ヤマ", "ヤマ");
	expect_keys("  ", "");
	expect_keys("\xff", "");
}

static void expect_guess(const char *text, int kind, const char *value)
{
	char *got = NULL;

	assert_int_equal(find_guess(text, &got), kind);
	if (value) {
		assert_non_null(got);
		assert_string_equal(got, value);
	} else {
		assert_null(got);
	}
	free(got);
}

static void test_guess(void **state)
{
	(void)state;
	expect_guess("UIJ-2026-000012", FIND_RECEIPT, "UIJ-2026-000012");
	expect_guess("uij-2026-12", FIND_RECEIPT, "UIJ-2026-000012");
	expect_guess("ＵＩＪ－２０２６－１２", FIND_RECEIPT,
		     "UIJ-2026-000012");
	expect_guess("12", FIND_TAIL, "000012");
	expect_guess("１２", FIND_TAIL, "000012");
	expect_guess("000012", FIND_TAIL, "000012");
	expect_guess("2026-12", FIND_TAIL, "2026-000012");
	expect_guess("017-734-1111", FIND_PHONE, "0177341111");
	expect_guess("0177341111", FIND_PHONE, "0177341111");
	expect_guess("(017)734-1111", FIND_PHONE, "0177341111");
	expect_guess("090 1234 5678", FIND_PHONE, "09012345678");
	expect_guess("０１７ー７３４ー１１１１", FIND_PHONE, "0177341111");
	expect_guess("平成2年4月1日", FIND_BIRTH_DATE, "1990-04-01");
	expect_guess("H2.4.1", FIND_BIRTH_DATE, "1990-04-01");
	expect_guess("1990-04-01", FIND_BIRTH_DATE, "1990-04-01");
	expect_guess("19900401", FIND_BIRTH_DATE, "1990-04-01");
	expect_guess("ｱｵﾓﾘ", FIND_NAME, "アオモリ");
	expect_guess("青森 太郎", FIND_NAME, "青森太郎");
	expect_guess("コーヒー", FIND_NAME, "コーヒー");
	expect_guess("1234567", FIND_NAME, "1234567");
	expect_guess("平成99年1月1日", FIND_NAME, "平成99年1月1日");
	expect_guess("", -1, NULL);
	expect_guess(" ・ ", -1, NULL);
	expect_guess("\xff", -1, NULL);
}

/* A store with a few applications. */
struct fixture {
	char *dir, *path;
	struct store *store;
};

static char *add(struct store *store, const char *prefix, long received_on,
		 const char *name, const char *kana, const char *birth_date,
		 const char *phone)
{
	struct store_answer answers[] = {
		{ (char *)"name", (char *)name },
		{ (char *)"name_kana", (char *)kana },
		{ (char *)"birth_date", (char *)birth_date },
		{ (char *)"phone", (char *)phone },
	};
	struct store_new_application app = {
		.programme = prefix[0] == 'U' ? "uij_turn" : "kigyo_shien",
		.receipt_prefix = prefix,
		.plugin_version = "1.0",
		.form_version = 1,
		.received_on = received_on,
		.office = "本庁",
		.staff = prefix[0] == 'U' ? "sato" : "suzuki",
		.answers = answers,
		.n_answers = ARRAY_SIZE(answers),
	};
	char *receipt = NULL;

	assert_int_equal(store_add_application(store, &app, &receipt), 0);
	return receipt;
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = scratch_make("test_find");
	if (!f->dir)
		return -1;
	f->path = path_join(f->dir, "intake.db");
	if (store_open(&f->store, f->path, STORE_CREATE))
		return -1;
	free(add(f->store, "UIJ", 20260801, "青森 太郎", "アオモリ　タロウ",
		 "1990-04-01", "0177341111"));
	free(add(f->store, "UIJ", 20260802, "弘前 花子", "ヒロサキ　ハナコ",
		 "1985-01-02", "09012345678"));
	free(add(f->store, "KGY", 20260803, "青森 次郎", "アオモリ　ジロウ",
		 "1990-04-01", NULL));
	free(add(f->store, "KGY", 20270401, "八戸 一郎", NULL, "1970-05-05",
		 "0178000000"));
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
	free(f->path);
	free(f);
	return status;
}

static int collect(const struct store_found *found, void *context)
{
	struct strbuf *sb = context;

	strbuf_addf(sb, "%s%s", sb->len ? " " : "", found->receipt);
	return 0;
}

/* The receipts query finds, joined by spaces. */
static char *found(struct store *store, const struct find_query *query,
		   int *more)
{
	struct strbuf sb = STRBUF_INIT;
	struct find_error error;
	int more_rows;

	assert_int_equal(find_walk(store, query, collect, &sb, &more_rows,
				   &error),
			 0);
	if (more)
		*more = more_rows;
	return strbuf_detach(&sb);
}

static void expect_found(struct store *store, const struct find_query *query,
			 const char *receipts)
{
	char *got = found(store, query, NULL);

	assert_string_equal(got, receipts);
	free(got);
}

static void expect_text(struct store *store, const char *text,
			const char *receipts)
{
	struct find_query query = { .text = text };

	expect_found(store, &query, receipts);
}

static void test_find_each_kind(void **state)
{
	struct fixture *f = *state;

	expect_text(f->store, "ｱｵﾓﾘ", "UIJ-2026-000001 KGY-2026-000001");
	expect_text(f->store, "あおもり", "UIJ-2026-000001 KGY-2026-000001");
	expect_text(f->store, "アオモリ　ジ", "KGY-2026-000001");
	expect_text(f->store, "タロウ", "UIJ-2026-000001");
	expect_text(f->store, "青森", "UIJ-2026-000001 KGY-2026-000001");
	expect_text(f->store, "八戸", "KGY-2027-000001");
	expect_text(f->store, "1", "UIJ-2026-000001 KGY-2026-000001 "
				   "KGY-2027-000001");
	expect_text(f->store, "2", "UIJ-2026-000002");
	expect_text(f->store, "2027-1", "KGY-2027-000001");
	expect_text(f->store, "uij-2026-2", "UIJ-2026-000002");
	expect_text(f->store, "平成2年4月1日",
		    "UIJ-2026-000001 KGY-2026-000001");
	expect_text(f->store, "(017)734-1111", "UIJ-2026-000001");
	expect_text(f->store, "090-1234-5678", "UIJ-2026-000002");
	expect_text(f->store, "ナイ", "");
}

static void test_find_filters(void **state)
{
	struct fixture *f = *state;
	struct find_query query = { .text = "青森",
				    .programme = "kigyo_shien" };
	int more = 0;
	char *got;

	expect_found(f->store, &query, "KGY-2026-000001");
	query = (struct find_query){ .staff = "sato", .from = "2026-08-02" };
	expect_found(f->store, &query, "UIJ-2026-000002");
	query = (struct find_query){ .to = "令和8年8月2日" };
	expect_found(f->store, &query, "UIJ-2026-000001 UIJ-2026-000002");
	query = (struct find_query){ .month = 202608, .from = "2026-08-02" };
	expect_found(f->store, &query, "UIJ-2026-000002 KGY-2026-000001");
	query = (struct find_query){ .kana = "ひろさき", .status = "received" };
	expect_found(f->store, &query, "UIJ-2026-000002");
	query = (struct find_query){ .name = "ひろさき" };
	expect_found(f->store, &query, "");
	query = (struct find_query){ .birth_date = "1970/5/5" };
	expect_found(f->store, &query, "KGY-2027-000001");
	query = (struct find_query){ .receipt = "2", .office = "本庁" };
	expect_found(f->store, &query, "UIJ-2026-000002");
	query = (struct find_query){ .office = "本庁", .limit = 2,
				     .newest_first = 1 };
	got = found(f->store, &query, &more);
	assert_string_equal(got, "KGY-2027-000001 KGY-2026-000001");
	assert_int_equal(more, 1);
	free(got);
	query.limit = 4;
	got = found(f->store, &query, &more);
	assert_int_equal(more, 0);
	free(got);
}

static void expect_refused(struct store *store,
			   const struct find_query *query, const char *option)
{
	struct find_error error;
	int more;

	assert_int_equal(find_walk(store, query, collect, NULL, &more,
				   &error),
			 1);
	if (option)
		assert_string_equal(error.option, option);
	else
		assert_null(error.option);
	assert_non_null(error.expected);
	find_error_release(&error);
}

static void test_find_refuses(void **state)
{
	struct fixture *f = *state;
	struct find_query query = { .from = "2026-13-01" };

	expect_refused(f->store, &query, "--from");
	query = (struct find_query){ .birth_date = "きのう" };
	expect_refused(f->store, &query, "--birth-date");
	query = (struct find_query){ .phone = "12" };
	expect_refused(f->store, &query, "--phone");
	query = (struct find_query){ .receipt = "abc" };
	expect_refused(f->store, &query, "--receipt");
	query = (struct find_query){ .name = " " };
	expect_refused(f->store, &query, "--name");
	query = (struct find_query){ .text = "・" };
	expect_refused(f->store, &query, NULL);
}

static int collect_details(const struct store_found *found, void *context)
{
	struct strbuf *sb = context;

	strbuf_addf(sb, "%s %s %s %ld %s %ld", found->receipt, found->name,
		    found->name_kana ? found->name_kana : "-",
		    found->received_on, found->status, found->outcome_on);
	return 0;
}

static void test_find_details(void **state)
{
	struct fixture *f = *state;
	struct store_query query = { .receipt = "UIJ-2026-000001",
				     .details = 1 };
	struct store_new_outcome outcome = { .application_id = 1,
		.code = "employed", .occurred_on = 20260810,
		.staff = "sato" };
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(store_add_outcome(f->store, &outcome), 0);
	assert_int_equal(store_find(f->store, &query, collect_details, &sb),
			 0);
	assert_string_equal(strbuf_str(&sb),
			    "UIJ-2026-000001 青森 太郎 アオモリ　タロウ"
			    " 20260801 employed 20260810");
	strbuf_reset(&sb);
	query = (struct store_query){ .receipt = "KGY-2027-000001",
				      .details = 1 };
	assert_int_equal(store_find(f->store, &query, collect_details, &sb),
			 0);
	assert_string_equal(strbuf_str(&sb),
			    "KGY-2027-000001 八戸 一郎 - 20270401 received 0");
	strbuf_release(&sb);
}

/* Every lookup goes through an index: no SCAN of applications. */
static void expect_plan(struct store *store, const struct store_query *query,
			const char *index)
{
	char *plan = store_find_plan(store, query);

	assert_non_null(plan);
	assert_contains(plan, index);
	if (strstr(plan, "SCAN"))
		fail_msg("a lookup scans:\n%s", plan);
	free(plan);
}

static void test_find_uses_indexes(void **state)
{
	struct fixture *f = *state;
	struct store_query q = { .key = "アオ", .status = "received",
				 .newest_first = 1, .limit = 51,
				 .details = 1 };

	expect_plan(f->store, &q, "SEARCH search_keys USING PRIMARY KEY "
				  "(kind=? AND key>? AND key<?)");
	q = (struct store_query){ .key = "アオ", .key_kinds = STORE_KEY_KANA };
	expect_plan(f->store, &q, "(kind=? AND key>? AND key<?)");
	q = (struct store_query){ .sequence = "000012", .fiscal_year = "2026",
				  .programme = "uij_turn" };
	expect_plan(f->store, &q, "applications_sequence");
	q = (struct store_query){ .receipt = "UIJ-2026-000001" };
	expect_plan(f->store, &q, "sqlite_autoindex_applications_1");
	q = (struct store_query){ .phone = "0177341111" };
	expect_plan(f->store, &q, "answers_field_value (field=? AND value=?)");
	q = (struct store_query){ .birth_date = "1990-04-01",
				  .office = "本庁" };
	expect_plan(f->store, &q, "answers_field_value (field=? AND value=?)");
	q = (struct store_query){ .status = "received", .newest_first = 1 };
	expect_plan(f->store, &q, "applications_status");
	q = (struct store_query){ .office = "本庁" };
	expect_plan(f->store, &q, "applications_office");
	q = (struct store_query){ .staff = "sato", .from = 20260801 };
	expect_plan(f->store, &q, "applications_staff");
	q = (struct store_query){ .from = 20260801, .to = 20260801 };
	expect_plan(f->store, &q, "applications_received");
}

enum { SCANS = 1, SORTS = 2 }; /* what a plan may do */

/* The plan of query has step, and neither a SCAN of applications nor a
 * sort unless allowed. */
static void expect_list_plan(struct store *store,
			     const struct store_query *query, const char *step,
			     int allowed)
{
	char *plan = store_find_plan(store, query);

	assert_non_null(plan);
	assert_contains(plan, step);
	if (!(allowed & SORTS) && strstr(plan, "TEMP B-TREE"))
		fail_msg("the result is sorted:\n%s", plan);
	if (!(allowed & SCANS) && strstr(plan, "SCAN"))
		fail_msg("a filter scans:\n%s", plan);
	free(plan);
}

/* intake list's filters, as find_walk passes them: each finds its rows
 * through the index by (column, received_on), then sorts those by id; a
 * programme alone (a third of the table) is read in id order, as
 * stored, rather than found and then sorted whole; newest first walks
 * an index backwards, unsorted. */
static void test_list_uses_indexes(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_query q = { .programme = "uij_turn", .from = 20260801,
				 .to = 20260831 };

	expect_list_plan(store, &q, "applications_received_on (programme=? "
				    "AND received_on>? AND received_on<?)", SORTS);
	q = (struct store_query){ .status = "received", .from = 20260801,
				  .to = 20260831 };
	expect_list_plan(store, &q, "applications_status (status=? "
				    "AND received_on>? AND received_on<?)", SORTS);
	q = (struct store_query){ .office = "本庁", .from = 20260801 };
	expect_list_plan(store, &q, "applications_office (office=? "
				    "AND received_on>?)", SORTS);
	q = (struct store_query){ .staff = "sato", .to = 20260831 };
	expect_list_plan(store, &q, "applications_staff (staff=? "
				    "AND received_on<?)", SORTS);
	q = (struct store_query){ .status = "received" };
	expect_list_plan(store, &q, "applications_status (status=?)", SORTS);
	q = (struct store_query){ .status = "received", .newest_first = 1 };
	expect_list_plan(store, &q, "applications_status (status=?)", 0);
	q = (struct store_query){ .programme = "uij_turn" };
	expect_list_plan(store, &q, "SCAN a", SCANS);
	q = (struct store_query){ .programme = "uij_turn", .newest_first = 1,
				  .limit = 51 };
	expect_list_plan(store, &q, "applications_received_on (programme=?)",
			 0);
	q = (struct store_query){ 0 };
	expect_list_plan(store, &q, "SCAN a", SCANS);
}

/* store_list (export) builds only the clauses given: a month finds its
 * rows by index and sorts those few by id; without one the table is
 * read in id order, never sorted whole. */
static void test_store_list_plans(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_filter filter = { .programme = "uij_turn",
				       .month = 202608 };
	char *plan = store_list_plan(store, &filter);

	assert_non_null(plan);
	assert_contains(plan, "plain:\nSEARCH a USING INDEX "
			      "applications_received_on (programme=? AND "
			      "received_on>? AND received_on<?)\n");
	assert_contains(plan, "outcomes:\nSEARCH a USING COVERING INDEX "
			      "applications_received_on (programme=? AND ");
	free(plan);
	filter = (struct store_filter){ .status = "received",
					.month = 202608 };
	plan = store_list_plan(store, &filter);
	assert_non_null(plan);
	assert_contains(plan, "applications_status (status=? AND "
			      "received_on>? AND received_on<?)");
	free(plan);
	filter = (struct store_filter){ .month = 202608 };
	plan = store_list_plan(store, &filter);
	assert_non_null(plan);
	assert_contains(plan, "applications_received (received_on>? AND "
			      "received_on<?)");
	free(plan);
	filter = (struct store_filter){ .programme = "uij_turn" };
	plan = store_list_plan(store, &filter);
	assert_non_null(plan);
	assert_contains(plan, "plain:\nSCAN a\n");
	if (strstr(plan, "TEMP B-TREE FOR ORDER BY"))
		fail_msg("export sorts the whole programme:\n%s", plan);
	free(plan);
}

/* store_list's outcomes in one line per application. */
static int collect_outcomes(const struct store_application *app,
			    void *context)
{
	struct strbuf *sb = context;
	size_t i;

	strbuf_addf(sb, "%s:", app->receipt);
	for (i = 0; i < app->n_outcomes; i++)
		strbuf_addf(sb, " %s", app->outcomes[i].code);
	strbuf_addch(sb, '\n');
	return 0;
}

static void record(struct store *store, long long id, const char *code,
		   long on)
{
	struct store_new_outcome outcome = { .application_id = id,
					     .code = code, .occurred_on = on,
					     .staff = "sato" };

	assert_int_equal(store_add_outcome(store, &outcome), 0);
}

/* With a month the rows come through an index and are sorted by id:
 * the outcome cursor, sorted alike, still meets each at its own. */
static void test_store_list_month_outcomes(void **state)
{
	struct store *store = ((struct fixture *)*state)->store;
	struct store_filter filter = { .programme = "uij_turn",
				       .month = 202608, .with_answers = 1,
				       .with_outcomes = 1 };
	struct strbuf out = STRBUF_INIT;

	/* id 5, received before ids 1 and 2 */
	free(add(store, "UIJ", 20260731, "後藤 一", NULL, NULL, NULL));
	free(add(store, "UIJ", 20260801, "後藤 二", NULL, NULL, NULL));
	record(store, 6, "consulted", 20260802);
	record(store, 1, "consulted", 20260801);
	record(store, 1, "referred", 20260803);
	record(store, 3, "consulted", 20260804);
	assert_int_equal(store_list(store, &filter, collect_outcomes, &out), 0);
	assert_string_equal(strbuf_str(&out),
			    "UIJ-2026-000001: consulted referred\n"
			    "UIJ-2026-000002:\n"
			    "UIJ-2026-000004: consulted\n");
	strbuf_release(&out);
}

/* A schema-3 database (no search keys) gets them from migration 4. */
static void test_migration_fills_keys(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db = store_db(f->store);

	assert_int_equal(sqlite3_exec(db,
				      "drop index applications_source;"
				      " alter table applications drop column source_id;"
				      " drop index outcomes_programme;"
				      " alter table outcomes drop column programme;"
				      " drop table draft_ids;"
				      " drop table sessions; drop table accounts;"
				      " drop index outcomes_code; alter table outcomes drop column amount;"
				      " drop trigger case_notes_no_update; drop trigger case_notes_no_delete; drop table case_notes; drop index audit_application; alter table outcomes drop column voided_at; alter table outcomes drop column voided_by; alter table outcomes drop column void_reason; alter table applications drop column withdrawn_at;"
				      " DROP TABLE search_keys;"
				      " DROP INDEX applications_sequence;"
				      " PRAGMA user_version = 3",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	store_close(f->store);
	assert_int_equal(store_open(&f->store, f->path, STORE_READ), 0);
	expect_text(f->store, "ﾀﾛｳ", "UIJ-2026-000001");
	expect_text(f->store, "2", "UIJ-2026-000002");
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_width_script_space_case),
		cmocka_unit_test(test_name_keys),
		cmocka_unit_test(test_guess),
		TEST(test_find_each_kind),
		TEST(test_find_filters),
		TEST(test_find_refuses),
		TEST(test_find_details),
		TEST(test_find_uses_indexes),
		TEST(test_list_uses_indexes),
		TEST(test_store_list_plans),
		TEST(test_store_list_month_outcomes),
		TEST(test_migration_fills_keys),
	};

	msg_set_language(LANG_EN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
