/* Unit tests of the error routine: per thread, the default on stderr as
 * ever, a routine of one thread never seeing another's errors. */
#include <pthread.h>
#include <stdlib.h>

#include "messages.h"
#include "support.h"
#include "util.h"

#define ROUNDS 200

struct kept {
	struct strbuf text;
	int warnings;
};

static void keep(enum report_kind kind, const char *text, void *ctx)
{
	struct kept *kept = ctx;

	if (kind == REPORT_WARNING)
		kept->warnings++;
	strbuf_addf(&kept->text, "[%s]", text);
}

/* The default: "intake: " and the text, control characters escaped. */
static void test_default_on_stderr(void **state)
{
	char *err;

	capture_stderr();
	assert_int_equal(error("bad '%s'", "x\x1b[2Jy"), -1);
	warning("careful %d", 3);
	report_as(REPORT_NOTE, "form: %s", "note");
	report_as(REPORT_DEBUG, "%s", "detail");
	err = captured();
	assert_string_equal(err, "intake: bad 'x\\x1b[2Jy'\n"
				 "intake: warning: careful 3\n"
				 "intake: form: note\n"
				 "intake: debug: detail\n");
	free(err);
}

static void test_routine_and_restore(void **state)
{
	struct kept kept = {STRBUF_INIT, 0};
	struct error_routine was;
	char *err;

	capture_stderr();
	was = set_error_routine(keep, &kept);
	assert_null(was.fn);
	error("one %d", 1);
	warning("two");
	was = set_error_routine(was.fn, was.ctx);
	assert_ptr_equal(was.fn, keep);
	assert_ptr_equal(was.ctx, &kept);
	error("three");
	err = captured();
	assert_string_equal(strbuf_str(&kept.text), "[one 1][two]");
	assert_int_equal(kept.warnings, 1);
	assert_string_equal(err, "intake: three\n");
	free(err);
	strbuf_release(&kept.text);
}

/* Two threads at once: one keeps its errors, the other's go to stderr,
 * each in its own language. */
struct worker {
	enum language language;
	int keep_errors;
	pthread_barrier_t *start;
	struct kept kept;
	int wrong;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	const char *want = msg_in(w->language, MSG_STORE_EMPTY);
	int i;

	msg_set_thread_language(w->language);
	if (w->keep_errors)
		set_error_routine(keep, &w->kept);
	pthread_barrier_wait(w->start);
	for (i = 0; i < ROUNDS; i++) {
		if (strcmp(msg(MSG_STORE_EMPTY), want) ||
		    msg_language() != w->language)
			w->wrong++;
		error(msg(MSG_STORE_EMPTY), w->keep_errors ? "kept" : "out");
	}
	set_error_routine(NULL, NULL);
	msg_clear_thread_language();
	return NULL;
}

static void test_threads_apart(void **state)
{
	pthread_barrier_t start;
	struct worker ja = {LANG_JA, 1, &start, {STRBUF_INIT, 0}, 0};
	struct worker en = {LANG_EN, 0, &start, {STRBUF_INIT, 0}, 0};
	struct strbuf want_kept = STRBUF_INIT, want_err = STRBUF_INIT;
	pthread_t a, b;
	char *err;
	int i;

	pthread_barrier_init(&start, NULL, 2);
	capture_stderr();
	pthread_create(&a, NULL, work, &ja);
	pthread_create(&b, NULL, work, &en);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	err = captured();
	pthread_barrier_destroy(&start);
	for (i = 0; i < ROUNDS; i++) {
		strbuf_addstr(&want_kept, "[");
		strbuf_addf(&want_kept, msg_in(LANG_JA, MSG_STORE_EMPTY),
			    "kept");
		strbuf_addstr(&want_kept, "]");
		strbuf_addstr(&want_err, "intake: ");
		strbuf_addf(&want_err, msg_in(LANG_EN, MSG_STORE_EMPTY), "out");
		strbuf_addstr(&want_err, "\n");
	}
	assert_int_equal(ja.wrong + en.wrong, 0);
	assert_string_equal(strbuf_str(&ja.kept.text), want_kept.buf);
	assert_string_equal(err, want_err.buf);
	/* this thread kept the default routine and language */
	assert_int_equal(msg_language(), LANG_JA);
	free(err);
	strbuf_release(&want_kept);
	strbuf_release(&want_err);
	strbuf_release(&ja.kept.text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_on_stderr),
		cmocka_unit_test(test_routine_and_restore),
		cmocka_unit_test(test_threads_apart),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
