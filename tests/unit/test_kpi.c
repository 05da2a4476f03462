/* Unit tests of the fiscal-year report: ratios, and its figures on a store. */
#include "support.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "config.h"
#include "form.h"
#include "kpi.h"
#include "plugin.h"
#include "sqlite_store.h"
#include "store.h"
#include "tally.h"
#include "util.h"

static void test_ratio_rounds_half_up(void **state)
{
	(void)state;
	assert_int_equal(ratio_hundredths(2, 3), 67);  /* 0.666… */
	assert_int_equal(ratio_hundredths(1, 8), 13);  /* 0.125 */
	assert_int_equal(ratio_hundredths(1, 3), 33);  /* 0.333… */
	assert_int_equal(ratio_hundredths(5, 3), 167); /* 1.666… */
	assert_int_equal(ratio_hundredths(199, 200), 100); /* 0.995 */
	assert_int_equal(ratio_hundredths(201, 200), 101); /* 1.005 */
	assert_int_equal(ratio_hundredths(3, 3), 100);
	assert_int_equal(ratio_hundredths(0, 7), 0);
	assert_int_equal(ratio_hundredths(62, 60), 103);
}

static void test_ratio_uncapped_against_capped(void **state)
{
	(void)state;
	assert_int_equal(ratio_hundredths(5, 3), 167);
	assert_int_equal(achievement_hundredths(5, 3), 100);
	assert_int_equal(ratio_hundredths(2, 3),
			 achievement_hundredths(2, 3));
	assert_int_equal(ratio_hundredths(5, 0), -1);
	assert_int_equal(ratio_hundredths(5, -3), -1);
	/* big counts stay exact */
	assert_int_equal(ratio_hundredths(1500000, 1000000), 150);
	assert_int_equal(ratio_hundredths(1000005, 1000000), 100);
}

/* A programme "demo": visit (every), done (once, with an amount), and a
 * choice field kind (a, b). */
static const struct intake_outcome demo_outcomes[] = {
	{ "visit", "訪問", "visit", INTAKE_EVERY },
	{ "done", "完了", "done", INTAKE_ONCE },
};
static const struct intake_outcome_amount demo_amounts[] = {
	{ "done", INTAKE_AMOUNT_OPTIONAL },
};
static const struct intake_plugin demo_plugin = {
	INTAKE_DESCRIPTOR_HEADER,
	.id = "demo",
	.version = "1.0",
	.title_ja = "デモ事業",
	.title_en = "Demo",
	.receipt_prefix = "DEM",
	.outcomes = demo_outcomes,
	.n_outcomes = 2,
	.amounts = demo_amounts,
	.n_amounts = 1,
};

struct fixture {
	char *dir;
	struct store *store;
	struct choice choices[2];
	struct field kind;
	struct programme programme;
	struct registry registry;
	struct target targets[2];
	struct config config;
};

static char *add(struct store *store, long received_on, const char *office,
		 const char *kind)
{
	char field[] = "kind";
	struct store_answer answer = { field, (char *)kind };
	struct store_new_application app = {
		.programme = "demo",
		.receipt_prefix = "DEM",
		.plugin_version = "1.0",
		.form_version = 1,
		.received_on = received_on,
		.office = office,
		.staff = "tester",
		.answers = &answer,
		.n_answers = kind ? 1 : 0,
	};
	char *receipt = NULL;

	assert_int_equal(store_add_application(store, &app, &receipt), 0);
	return receipt;
}

static void outcome(struct store *store, const char *receipt,
		    const char *code, long date, long long amount)
{
	struct store_application app;
	struct store_new_outcome o = { 0 };

	assert_int_equal(store_get_application(store, receipt, &app), 0);
	o.application_id = app.id;
	o.code = code;
	o.occurred_on = date;
	o.once = !strcmp(code, "done");
	o.staff = "tester";
	o.has_amount = amount > 0;
	o.amount = amount;
	assert_int_equal(store_add_outcome(store, &o), 0);
	store_application_release(&app);
}

/*
 * FY2026: A (本庁, kind a) visits 04-12 and 06-01, done 05-01 (¥1,000);
 * B (no office, kind zz, a code since removed) done 05-25 (¥700);
 * D (本庁, kind unanswered) 07-01, nothing recorded.
 * FY2025: C (本庁, kind b) received 2025-06-01, done 2025-07-01 (¥500).
 * FY2027: E received 2027-04-01, visit 2027-04-02 (counts nowhere).
 */
static void fill(struct store *store)
{
	char *a = add(store, 20260410, "本庁", "a");
	char *b = add(store, 20260520, NULL, "zz");
	char *c = add(store, 20250601, "本庁", "b");
	char *d = add(store, 20260701, "本庁", NULL);
	char *e = add(store, 20270401, "本庁", "a");

	outcome(store, a, "visit", 20260412, 0);
	outcome(store, a, "done", 20260501, 1000);
	outcome(store, a, "visit", 20260601, 0);
	outcome(store, b, "done", 20260525, 700);
	outcome(store, c, "done", 20250701, 500);
	outcome(store, e, "visit", 20270402, 0);
	free(a);
	free(b);
	free(c);
	free(d);
	free(e);
}

static int setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	char *path;

	f->dir = scratch_make("test_kpi");
	if (!f->dir)
		return -1;
	path = path_join(f->dir, "intake.db");
	if (store_open(&f->store, path, 1) < 0)
		return -1;
	free(path);
	f->choices[0] = (struct choice){ "a", "甲", "A" };
	f->choices[1] = (struct choice){ "b", "乙", "B" };
	f->kind.id = "kind";
	f->kind.type = FIELD_CHOICE;
	f->kind.label_ja = "種別";
	f->kind.label_en = "Kind";
	f->kind.choices = f->choices;
	f->kind.n_choices = 2;
	f->programme.plugin = &demo_plugin;
	f->programme.form.fields = &f->kind;
	f->programme.form.n_fields = 1;
	f->registry.programmes = &f->programme;
	f->registry.n_programmes = 1;
	f->targets[0] = (struct target){ "demo", "done", 2026, 3 };
	f->targets[1] = (struct target){ "demo", "visit", 2026, 1 };
	f->config.targets = f->targets;
	f->config.n_targets = 2;
	fill(f->store);
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

static void build(struct fixture *f, struct kpi_report *report, long month,
		  long today, const char *by)
{
	struct kpi_request request = { 0 };

	request.fiscal_year = 2026;
	request.month = month;
	request.by = by;
	request.today = today;
	request.generated_by = "係長";
	assert_int_equal(kpi_report_build(report, f->store, &f->registry,
					  &f->config, &request),
			 0);
}

static void test_whole_year(void **state)
{
	struct fixture *f = *state;
	struct kpi_report report;
	const struct kpi_programme *p;
	const struct kpi_indicator *visit, *done;

	build(f, &report, 0, 20270401, NULL);
	assert_int_equal(report.from_month, 202604);
	assert_int_equal(report.to_month, 202703);
	assert_int_equal(report.months, 12);
	assert_false(report.provisional);
	assert_string_equal(report.generated_by, "係長");
	assert_int_equal(report.n_programmes, 1);
	p = &report.programmes[0];
	assert_int_equal(p->received, 3);
	assert_int_equal(p->previous_received, 1);
	assert_int_equal(p->monthly_received[0], 1); /* April */
	assert_int_equal(p->monthly_received[1], 1);
	assert_int_equal(p->monthly_received[3], 1); /* July */
	assert_int_equal(p->n_indicators, 2);
	visit = &p->indicators[0];
	done = &p->indicators[1];
	assert_false(visit->distinct);
	assert_int_equal(visit->actual, 2);
	assert_int_equal(visit->people, 1);
	assert_int_equal(visit->monthly[0], 1);
	assert_int_equal(visit->monthly[2], 1);
	assert_int_equal(visit->achievement, 100); /* 2 against 1 */
	assert_int_equal(visit->ratio, 200);
	assert_false(visit->has_amount);
	assert_true(done->distinct);
	assert_int_equal(done->actual, 2);
	assert_int_equal(done->previous, 1);
	assert_true(done->has_target);
	assert_int_equal(done->target, 3);
	assert_int_equal(done->achievement, 67);
	assert_int_equal(done->ratio, 67);
	assert_true(done->has_amount);
	assert_int_equal(done->amount, 1700);
	assert_int_equal(done->previous_amount, 500);
	assert_int_equal(done->monthly[1], 2); /* May */
	kpi_report_release(&report);
}

static void test_to_a_month(void **state)
{
	struct fixture *f = *state;
	struct kpi_report report;
	const struct kpi_programme *p;
	char *text;

	build(f, &report, 202605, 20260531, NULL);
	assert_int_equal(report.months, 2);
	assert_true(report.provisional); /* May has not ended */
	p = &report.programmes[0];
	assert_int_equal(p->received, 2);
	assert_int_equal(p->previous_received, 0); /* C came in June */
	assert_int_equal(p->indicators[0].actual, 1);
	assert_int_equal(p->indicators[0].monthly[2], 0); /* June: after */
	assert_int_equal(p->indicators[1].actual, 2);
	assert_int_equal(p->indicators[1].previous, 0);
	text = kpi_period_text(&report);
	assert_string_equal(text, "2026年度（4月〜5月）集計中");
	free(text);
	kpi_report_release(&report);
	build(f, &report, 202605, 20260601, NULL);
	assert_false(report.provisional);
	kpi_report_release(&report);
}

static void test_by_office(void **state)
{
	struct fixture *f = *state;
	struct kpi_report report;
	const struct kpi_breakdown *b;

	build(f, &report, 0, 20270401, NULL);
	b = &report.by_office[0];
	assert_string_equal(b->title, "事務所別");
	assert_int_equal(b->n_groups, 2);
	assert_string_equal(b->groups[0].code, "本庁");
	assert_int_equal(b->groups[0].received, 2);
	assert_int_equal(b->groups[0].events[0], 2);
	assert_int_equal(b->groups[0].events[1], 1);
	assert_null(b->groups[1].code);
	assert_string_equal(b->groups[1].label, "事務所なし");
	assert_int_equal(b->groups[1].received, 1);
	assert_int_equal(b->groups[1].events[1], 1);
	assert_int_equal(report.n_by_field, 0);
	kpi_report_release(&report);
}

/* Every code in form order (b with zeros), then the removed code and the
 * unanswered: the groups add up to the programme. */
static void test_by_field(void **state)
{
	struct fixture *f = *state;
	struct kpi_report report;
	const struct kpi_breakdown *b;
	long long received = 0, done = 0;
	size_t g;

	build(f, &report, 0, 20270401, "kind");
	assert_int_equal(report.n_by_field, 1);
	b = &report.by_field[0];
	assert_string_equal(b->title, "種別");
	assert_int_equal(b->n_groups, 4);
	assert_string_equal(b->groups[0].label, "甲");
	assert_int_equal(b->groups[0].received, 1);
	assert_string_equal(b->groups[1].label, "乙");
	assert_int_equal(b->groups[1].received, 0);
	assert_string_equal(b->groups[2].label, "zz");
	assert_int_equal(b->groups[2].events[1], 1);
	assert_null(b->groups[3].code);
	assert_string_equal(b->groups[3].label, "未回答");
	assert_int_equal(b->groups[3].received, 1);
	for (g = 0; g < b->n_groups; g++) {
		received += b->groups[g].received;
		done += b->groups[g].events[1];
	}
	assert_int_equal(received, report.programmes[0].received);
	assert_int_equal(done, report.programmes[0].indicators[1].actual);
	kpi_report_release(&report);
}

static void test_audit_head(void **state)
{
	struct fixture *f = *state;
	struct kpi_report report;
	sqlite3_stmt *stmt;

	build(f, &report, 0, 20270401, NULL);
	assert_int_equal(sqlite3_prepare_v2(store_db(f->store),
					    "SELECT hash FROM audit"
					    " ORDER BY id DESC LIMIT 1",
					    -1, &stmt, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_int_equal(strlen(report.audit_head), 64);
	assert_string_equal(report.audit_head,
			    (const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	kpi_report_release(&report);
}

static void test_month_outside_year(void **state)
{
	struct fixture *f = *state;
	struct kpi_report report;
	struct kpi_request request = { 0 };
	char *err;

	request.fiscal_year = 2026;
	request.month = 202704;
	capture_stderr();
	assert_int_equal(kpi_report_build(&report, f->store, &f->registry,
					  &f->config, &request),
			 -1);
	err = captured();
	assert_contains(err, "2027-04");
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ratio_rounds_half_up),
		cmocka_unit_test(test_ratio_uncapped_against_capped),
		cmocka_unit_test_setup_teardown(test_whole_year, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_to_a_month, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_by_office, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_by_field, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_audit_head, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_month_outside_year, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
