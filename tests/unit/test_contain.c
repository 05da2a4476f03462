/* Unit tests of contained plugin callbacks: a crash or hang costs one call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <pthread.h>
#include <signal.h>

#include "application.h"
#include "callback.h"
#include "messages.h"
#include "plugin.h"
#include "support.h"
#include "util.h"

/* The time limit of these tests: short, so that the suite stays fast. */
#define LIMIT_MS 1000

static const char form_text[] =
	"[form]\n"
	"id = contain_test\n"
	"version = 1\n"
	"\n"
	"[field.name]\n"
	"type = text\n"
	"label_ja = 氏名\n"
	"label_en = Name\n"
	"\n"
	"[field.amount]\n"
	"type = yen\n"
	"label_ja = 申請額\n"
	"label_en = Amount\n"
	"\n"
	"[field.doubled]\n"
	"type = yen\n"
	"label_ja = 申請額の 2 倍\n"
	"label_en = Twice the amount\n"
	"derived = yes\n"
	"\n"
	"[field.band]\n"
	"type = text\n"
	"label_ja = 区分\n"
	"label_en = Band\n"
	"derived = yes\n";

static const struct intake_outcome outcomes[] = {
	{ "contacted", "相談", "contacted", INTAKE_EVERY },
	{ "employed", "就職", "employed", INTAKE_ONCE },
};

static const struct intake_outcome_amount amounts[] = {
	{ "employed", INTAKE_AMOUNT_OPTIONAL },
};

/* ---- the callbacks: faulty ones and well-behaved ones ---- */

static int validate_calls; /* counted where validate runs */

static int crash_validate(const struct intake_host *host,
			  struct intake_case *c)
{
	volatile int *volatile nowhere = 0;

	*nowhere = 1;
	return INTAKE_OK;
}

static int loop_validate(const struct intake_host *host,
			 struct intake_case *c)
{
	volatile unsigned long spins = 0;

	for (;;)
		spins++;
	return INTAKE_OK;
}

/* Refuses the name "bad" on field name; logs a warning for "loud". */
static int counting_validate(const struct intake_host *host,
			     struct intake_case *c)
{
	const char *name = NULL;

	validate_calls++;
	host->get_text(c, "name", &name);
	if (name && !strcmp(name, "loud"))
		host->log(c, INTAKE_LOG_WARN, "a warning from validate");
	if (!name || strcmp(name, "bad"))
		return INTAKE_OK;
	host->error(c, "name", "name_not_bad", "bad は使えません",
		    "the name must not be bad");
	return INTAKE_REFUSE;
}

/* doubled and band from amount; an amount of 13 makes it set name,
 * which is no derived field. */
static int derive(const struct intake_host *host, struct intake_case *c)
{
	long long amount;

	if (!host->get_integer(c, "amount", &amount))
		return INTAKE_OK;
	host->set_integer(c, "doubled", amount * 2);
	host->set_text(c, "band", amount >= 500000 ? "high" : "low");
	if (amount == 13)
		host->set_text(c, "name", "changed");
	return INTAKE_OK;
}

/* employed: at most 1000 yen; contacted: refused without a reason. */
static int check_outcome(const struct intake_host *host,
			 struct intake_case *c, const char *code, long date)
{
	long long yen;

	if (!strcmp(code, "contacted"))
		return INTAKE_REFUSE;
	if (!host->get_amount(c, &yen) || yen <= 1000)
		return INTAKE_OK;
	host->error(c, NULL, "too_much", "1000 円までです",
		    "at most 1000 yen");
	return INTAKE_REFUSE;
}

/* Aborts, as a failed assert() of a plugin would. */
static int abort_check_outcome(const struct intake_host *host,
			       struct intake_case *c, const char *code,
			       long date)
{
	abort();
}

/* ---- a programme in memory over a scratch form ---- */

struct fixture {
	char *dir;
	struct intake_plugin plugin;
	struct programme programme;
	struct intake_case app;
};

static int setup(void **state)
{
	struct fixture *fx = xcalloc(1, sizeof(*fx));
	char *path;

	fx->dir = scratch_make("intake-test-contain");
	assert_non_null(fx->dir);
	path = path_join(fx->dir, "contain_test.ini");
	write_file(path, form_text);
	fx->plugin = (struct intake_plugin){
		INTAKE_DESCRIPTOR_HEADER,
		"contain_test",
		"1.0.0",
		"封じ込め試験",
		"Containment test",
		"CTT",
		"contain_test.ini",
		outcomes,
		INTAKE_COUNT(outcomes),
		.validate = counting_validate,
		.derive = derive,
		.check_outcome = check_outcome,
		.amounts = amounts,
		.n_amounts = INTAKE_COUNT(amounts),
	};
	fx->programme.plugin = &fx->plugin;
	assert_int_equal(form_load(&fx->programme.form, path), 0);
	free(path);
	application_init(&fx->app, &fx->programme);
	msg_set_language(LANG_EN);
	callback_contain(LIMIT_MS);
	validate_calls = 0;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	callback_contain(0);
	msg_set_language(LANG_EN);
	application_release(&fx->app);
	form_release(&fx->programme.form);
	assert_int_equal(scratch_remove(fx->dir), 0);
	free(fx->dir);
	free(fx);
	return 0;
}

static void answer(struct fixture *fx, const char *name, const char *amount)
{
	assert_int_equal(application_answer(&fx->app, "name", name), 0);
	assert_int_equal(application_answer(&fx->app, "amount", amount), 0);
}

static long long now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The one problem of app: the whole application's, rule rule, text
 * holding each of the sentences given. */
static void expect_refusal(const struct intake_case *app, const char *rule,
			   const char *first, const char *second)
{
	assert_int_equal(app->n_problems, 1);
	assert_null(app->problems[0].field);
	assert_null(app->problems[0].given);
	assert_string_equal(app->problems[0].rule, rule);
	assert_contains(app->problems[0].expected, first);
	assert_contains(app->problems[0].expected, second);
}

/* The sentence staff read names the programme once, at its start. */
static void expect_title_once(const struct intake_case *app,
			      const char *title)
{
	struct strbuf line = STRBUF_INIT;
	const char *first;

	assert_int_equal(application_problem_sentence(app, 0, &line), 1);
	first = strstr(line.buf, title);
	assert_ptr_equal(first, line.buf);
	assert_null(strstr(first + strlen(title), title));
	strbuf_release(&line);
}

/* A well-behaved call still works after the faulty one: the process,
 * and the case, are fine. */
static void expect_still_working(struct fixture *fx)
{
	fx->plugin.validate = counting_validate;
	application_clear_problems(&fx->app);
	assert_int_equal(application_check(&fx->app), 0);
	assert_string_equal(application_value(&fx->app, "doubled"), "2000");
}

/* ---- the tests ---- */

static void test_crash_is_a_refusal(void **state)
{
	struct fixture *fx = *state;

	answer(fx, "Sato", "1000");
	fx->plugin.validate = crash_validate;
	assert_int_equal(application_check(&fx->app), -1);
	expect_refusal(&fx->app, "plugin_crashed",
		       "the check could not be completed: its plugin stopped "
		       "unexpectedly",
		       "nothing was stored, and the answers are kept");
	/* The answers are kept; derive did not run. */
	assert_string_equal(application_value(&fx->app, "name"), "Sato");
	assert_null(application_value(&fx->app, "doubled"));
	expect_still_working(fx);
}

static void test_hang_is_killed_at_the_limit(void **state)
{
	struct fixture *fx = *state;
	long long start, took;

	answer(fx, "Sato", "1000");
	fx->plugin.validate = loop_validate;
	start = now_ms();
	assert_int_equal(application_check(&fx->app), -1);
	took = now_ms() - start;
	assert_true(took >= LIMIT_MS - 50);
	assert_true(took < LIMIT_MS + 2000);
	expect_refusal(&fx->app, "plugin_timed_out",
		       "the check could not be completed: its plugin did not "
		       "finish within its time limit of 1 s",
		       "nothing was stored, and the answers are kept");
	expect_still_working(fx);
}

/* In the staff's language: the Japanese title and sentence. */
static void test_refusal_in_japanese(void **state)
{
	struct fixture *fx = *state;

	answer(fx, "Sato", "1000");
	fx->plugin.validate = crash_validate;
	msg_set_language(LANG_JA);
	assert_int_equal(application_check(&fx->app), -1);
	expect_refusal(&fx->app, "plugin_crashed",
		       "確認を完了できませんでした",
		       "入力した内容はそのまま残っています");
	expect_title_once(&fx->app, "封じ込め試験");
}

/* validate runs in a child: its problems come back, with the stored
 * value, and what it changes in memory stays in the child. */
static void test_validate_problems_come_back(void **state)
{
	struct fixture *fx = *state;

	answer(fx, "bad", "1000");
	assert_int_equal(application_check(&fx->app), -1);
	assert_int_equal(fx->app.n_problems, 1);
	assert_string_equal(fx->app.problems[0].field, "name");
	assert_string_equal(fx->app.problems[0].given, "bad");
	assert_int_equal(fx->app.problems[0].stored, 1);
	assert_string_equal(fx->app.problems[0].rule, "name_not_bad");
	assert_string_equal(fx->app.problems[0].expected,
			    "the name must not be bad");
	assert_int_equal(validate_calls, 0);
}

/* derive's values come back; a value it may not set is a problem that
 * comes back too, and changes nothing. */
static void test_derive_values_come_back(void **state)
{
	struct fixture *fx = *state;

	answer(fx, "Sato", "600000");
	assert_int_equal(application_check(&fx->app), 0);
	assert_string_equal(application_value(&fx->app, "doubled"),
			    "1200000");
	assert_string_equal(application_value(&fx->app, "band"), "high");
	assert_int_equal(fx->app.deriving, 0);

	answer(fx, "Sato", "13");
	assert_int_equal(application_check(&fx->app), -1);
	assert_int_equal(fx->app.n_problems, 1);
	assert_string_equal(fx->app.problems[0].field, "name");
	assert_string_equal(fx->app.problems[0].rule, "plugin_set_field");
	assert_string_equal(application_value(&fx->app, "name"), "Sato");
	assert_string_equal(application_value(&fx->app, "doubled"), "26");
	assert_string_equal(application_value(&fx->app, "band"), "low");
}

/* check_outcome sees the amount; its problems come back; a refusal
 * without a reason gets the core's. */
static void test_check_outcome_problems_come_back(void **state)
{
	struct fixture *fx = *state;

	application_set_amount(&fx->app, 1, 1000);
	assert_int_equal(application_check_outcome(&fx->app, "employed",
						   20260601),
			 0);
	application_set_amount(&fx->app, 1, 1001);
	assert_int_equal(application_check_outcome(&fx->app, "employed",
						   20260601),
			 -1);
	assert_int_equal(fx->app.n_problems, 1);
	assert_null(fx->app.problems[0].field);
	assert_string_equal(fx->app.problems[0].rule, "too_much");
	assert_string_equal(fx->app.problems[0].expected, "at most 1000 yen");
	application_clear_problems(&fx->app);

	assert_int_equal(application_check_outcome(&fx->app, "contacted",
						   20260601),
			 -1);
	assert_int_equal(fx->app.n_problems, 1);
	assert_string_equal(fx->app.problems[0].rule, "contacted");
	assert_string_equal(fx->app.problems[0].expected,
			    msg(MSG_APP_OUTCOME_REFUSED));
}

static void test_check_outcome_crash(void **state)
{
	struct fixture *fx = *state;

	fx->plugin.check_outcome = abort_check_outcome;
	assert_int_equal(application_check_outcome(&fx->app, "employed",
						   20260601),
			 -1);
	expect_refusal(&fx->app, "plugin_crashed",
		       "the check could not be completed",
		       "nothing was stored");
}

/* Ends by SIGSEGV, whatever sanitizer the build has (a null store is
 * an error exit under -fsanitize=undefined). */
static int segv_validate(const struct intake_host *host,
			 struct intake_case *c)
{
	raise(SIGSEGV);
	return INTAKE_OK;
}

/* What the failure hook was told, last. */
static struct {
	int calls;
	char programme[32], callback[32];
	enum contain_status status;
	int signo;
} told;

static void record_failure(const char *programme, const char *callback,
			   enum contain_status status, int signo)
{
	told.calls++;
	snprintf(told.programme, sizeof(told.programme), "%s", programme);
	snprintf(told.callback, sizeof(told.callback), "%s", callback);
	told.status = status;
	told.signo = signo;
}

static void expect_told(int calls, const char *callback,
			enum contain_status status, int signo)
{
	assert_int_equal(told.calls, calls);
	assert_string_equal(told.programme, "contain_test");
	assert_string_equal(told.callback, callback);
	assert_int_equal(told.status, status);
	assert_int_equal(told.signo, signo);
}

/* The front end is told of each call that gave no result: programme,
 * callback, how it ended, the signal; not of the ones that returned. */
static void test_failure_hook(void **state)
{
	struct fixture *fx = *state;

	memset(&told, 0, sizeof(told));
	callback_on_failure(record_failure);
	answer(fx, "Sato", "1000");
	assert_int_equal(application_check(&fx->app), 0);
	assert_int_equal(told.calls, 0);
	fx->plugin.validate = segv_validate;
	application_check(&fx->app);
	expect_told(1, "validate", CONTAIN_CRASHED, SIGSEGV);
	fx->plugin.validate = loop_validate;
	application_clear_problems(&fx->app);
	application_check(&fx->app);
	expect_told(2, "validate", CONTAIN_TIMED_OUT, 0);
	fx->plugin.check_outcome = abort_check_outcome;
	application_check_outcome(&fx->app, "employed", 20260601);
	expect_told(3, "check_outcome", CONTAIN_CRASHED, SIGABRT);
	callback_on_failure(NULL);
	application_check_outcome(&fx->app, "employed", 20260601);
	assert_int_equal(told.calls, 3);
}

/* host->log in the child reaches stderr, as it does in the process. */
static void test_log_from_the_child(void **state)
{
	struct fixture *fx = *state;
	char *text;

	answer(fx, "loud", "1000");
	capture_stderr();
	assert_int_equal(application_check(&fx->app), 0);
	text = captured();
	assert_contains(text, "intake: contain_test: a warning from validate\n");
	free(text);
}

/* Off (the command line's default): the callbacks run in this process,
 * with the same results. */
static void test_off_runs_in_process(void **state)
{
	struct fixture *fx = *state;

	callback_contain(0);
	answer(fx, "bad", "600000");
	assert_int_equal(application_check(&fx->app), -1);
	assert_int_equal(validate_calls, 1);
	assert_string_equal(fx->app.problems[0].rule, "name_not_bad");
	application_clear_problems(&fx->app);
	answer(fx, "Sato", "600000");
	assert_int_equal(application_check(&fx->app), 0);
	assert_int_equal(validate_calls, 2);
	assert_string_equal(application_value(&fx->app, "doubled"),
			    "1200000");
	application_set_amount(&fx->app, 1, 1001);
	assert_int_equal(application_check_outcome(&fx->app, "employed",
						   20260601),
			 -1);
	assert_string_equal(fx->app.problems[0].rule, "too_much");
}

/* ---- several threads at once, as the server's ---- */

#define THREAD_CHECKS 20

struct worker {
	struct fixture *fx;   /* the form, shared read-only */
	struct intake_plugin plugin;
	struct programme programme;
	const char *amount;   /* what the case answers */
	long long slowest_ms; /* the longest check */
	int wrong;            /* checks whose result was not the expected */
};

/* Whether app's check came out as w's plugin should have it: a crash
 * or a hang as its one problem, a good plugin's doubled amount. */
static int check_right(const struct worker *w, struct intake_case *app,
		       int rc)
{
	const char *rule = NULL;

	if (w->plugin.validate == crash_validate)
		rule = "plugin_crashed";
	else if (w->plugin.validate == loop_validate)
		rule = "plugin_timed_out";
	if (rule)
		return rc == -1 && app->n_problems == 1 &&
		       !strcmp(app->problems[0].rule, rule);
	return rc == 0 && !strcmp(application_value(app, "doubled"),
				  w->amount[0] == '1' ? "2000" : "4000");
}

/* Checks of one case (one only with a plugin that hangs), timed. */
static void *work(void *arg)
{
	struct worker *w = arg;
	struct intake_case app;
	int i, n = w->plugin.validate == loop_validate ? 1 : THREAD_CHECKS;

	w->programme = w->fx->programme;
	w->programme.plugin = &w->plugin;
	application_init(&app, &w->programme);
	application_answer(&app, "name", "Sato");
	application_answer(&app, "amount", w->amount);
	for (i = 0; i < n; i++) {
		long long start = now_ms(), took;
		int rc = application_check(&app);

		took = now_ms() - start;
		if (took > w->slowest_ms)
			w->slowest_ms = took;
		w->wrong += !check_right(w, &app, rc);
		application_clear_problems(&app);
	}
	application_release(&app);
	return NULL;
}

/* Checks in four threads at once, one of them hanging in its plugin
 * all along: each thread gets its own results, and a crash is known as
 * soon as it happens (no other child holds its pipe open). */
static void test_threads(void **state)
{
	struct fixture *fx = *state;
	struct worker workers[4];
	pthread_t threads[4];
	size_t i;

	for (i = 0; i < 4; i++) {
		memset(&workers[i], 0, sizeof(workers[i]));
		workers[i].fx = fx;
		workers[i].plugin = fx->plugin;
		workers[i].amount = i % 2 ? "1000" : "2000";
	}
	workers[1].plugin.validate = crash_validate;
	workers[3].plugin.validate = loop_validate;
	for (i = 0; i < 4; i++)
		assert_int_equal(
			pthread_create(&threads[i], NULL, work, &workers[i]),
			0);
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_join(threads[i], NULL), 0);
	for (i = 0; i < 4; i++)
		assert_int_equal(workers[i].wrong, 0);
	for (i = 0; i < 3; i++)
		assert_true(workers[i].slowest_ms < LIMIT_MS / 2);
	assert_true(workers[3].slowest_ms >= LIMIT_MS - 50);
}

/* ---- the test plugins of tests/plugins, loaded as the server does ---- */

/* The build's test plugins ($INTAKE_BUILD/tests/plugins, or plugins/
 * beside this program) and the forms (tests/fixtures of
 * $INTAKE_SOURCE, or of the current directory). */
static char *plugin_dir, *fixture_dir;

static void copy_file(const char *from, const char *to, mode_t mode)
{
	char buffer[65536];
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buffer, 1, sizeof(buffer), in)) > 0)
		assert_int_equal(fwrite(buffer, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(chmod(to, mode), 0);
}

/* Load test plugin name with its form from a private directory, check
 * an answered case: one refusal with rule, naming title. */
static void expect_loaded_refusal(const char *name, const char *rule,
				  const char *title)
{
	char *dir = scratch_make("intake-test-contain-so");
	char *from = xstrfmt("%s/%s.so", plugin_dir, name);
	char *path = xstrfmt("%s/%s.so", dir, name);
	char *form = xstrfmt("%s/%s.ini", fixture_dir, name);
	char *form_copy = xstrfmt("%s/%s.ini", dir, name);
	struct programme programme;
	struct intake_case app;

	if (access(from, R_OK))
		fail_msg("no %s: build the test plugins (make test-unit)",
			 from);
	assert_int_equal(chmod(dir, 0755), 0);
	copy_file(from, path, 0755);
	copy_file(form, form_copy, 0644);
	assert_int_equal(programme_load(&programme, path, dir), 0);
	application_init(&app, &programme);
	assert_int_equal(application_answer(&app, "name", "Sato"), 0);
	assert_int_equal(application_answer(&app, "name_kana", "サトウ"), 0);
	assert_int_equal(application_check(&app), -1);
	expect_refusal(&app, rule, "the check could not be completed",
		       "nothing was stored");
	expect_title_once(&app, title);
	application_release(&app);
	programme_release(&programme);
	assert_int_equal(scratch_remove(dir), 0);
	free(dir);
	free(from);
	free(path);
	free(form);
	free(form_copy);
}

static void test_loaded_plugins(void **state)
{
	expect_loaded_refusal("crash_validate", "plugin_crashed",
			      "Crashes in validate");
	expect_loaded_refusal("loop_validate", "plugin_timed_out",
			      "Loops in validate");
}

static void find_inputs(const char *argv0)
{
	const char *build = getenv("INTAKE_BUILD");
	const char *source = getenv("INTAKE_SOURCE");
	const char *slash = strrchr(argv0, '/');

	if (build && *build)
		plugin_dir = xstrfmt("%s/tests/plugins", build);
	else if (slash)
		plugin_dir = xstrfmt("%.*s/plugins", (int)(slash - argv0),
				     argv0);
	else
		plugin_dir = xstrdup("plugins");
	fixture_dir = xstrfmt("%s/tests/fixtures",
			      source && *source ? source : ".");
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		TEST(test_crash_is_a_refusal),
		TEST(test_hang_is_killed_at_the_limit),
		TEST(test_refusal_in_japanese),
		TEST(test_validate_problems_come_back),
		TEST(test_derive_values_come_back),
		TEST(test_check_outcome_problems_come_back),
		TEST(test_check_outcome_crash),
		TEST(test_failure_hook),
		TEST(test_log_from_the_child),
		TEST(test_off_runs_in_process),
		TEST(test_threads),
		TEST(test_loaded_plugins),
	};
	int failed;

	find_inputs(argc ? argv[0] : "");
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	free(plugin_dir);
	free(fixture_dir);
	return failed;
}
