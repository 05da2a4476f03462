/* Unit tests of the message catalogue: every message in both languages,
 * with the same printf conversions in the same order. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "messages.h"
#include "support.h"
#include "util.h"

/* The conversions of a printf format, "%s%zu%lld" for
 * "a %s b %zu c %lld" (flags and widths dropped, %% skipped). */
static void conversions(const char *format, char *out, size_t size)
{
	size_t n = 0;
	const char *p;

	for (p = format; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		while (*p && strchr("-+ #0123456789.*", *p))
			p++;
		if (n + 1 < size)
			out[n++] = '%';
		while (*p && strchr("hlzjt", *p) && n + 1 < size)
			out[n++] = *p++;
		if (*p && n + 1 < size)
			out[n++] = *p;
		if (!*p)
			break;
	}
	out[n] = '\0';
}

static void test_every_message_in_both_languages(void **state)
{
	char ja_conv[64], en_conv[64];
	int id, missing = 0;

	for (id = 0; id < MSG_COUNT; id++) {
		const char *ja, *en;

		msg_set_language(LANG_JA);
		ja = msg((enum msg_id)id);
		msg_set_language(LANG_EN);
		en = msg((enum msg_id)id);
		if (!ja || !*ja || !en || !*en) {
			print_error("message %d lacks a language: ja '%s' en "
				    "'%s'\n", id, ja ? ja : "(null)",
				    en ? en : "(null)");
			missing++;
			continue;
		}
		conversions(ja, ja_conv, sizeof(ja_conv));
		conversions(en, en_conv, sizeof(en_conv));
		if (strcmp(ja_conv, en_conv)) {
			print_error("message %d: ja '%s' has %s, en '%s' has "
				    "%s\n", id, ja, ja_conv, en, en_conv);
			missing++;
		}
	}
	msg_set_language(LANG_JA);
	assert_int_equal(missing, 0);
}

/* The checker itself: it must see a difference where there is one. */
static void test_conversions(void **state)
{
	char out[64];

	conversions("a %s b %zu c %lld %% d %-5d", out, sizeof(out));
	assert_string_equal(out, "%s%zu%lld%d");
	conversions("%%", out, sizeof(out));
	assert_string_equal(out, "");
}

/* Threads speaking their own languages at the same time, over the
 * process's, which they leave as it was. */
struct speaker {
	enum language language;
	pthread_barrier_t *start;
	int wrong;
};

static void *speak(void *arg)
{
	struct speaker *s = arg;
	const char *want = msg_in(s->language, MSG_FIND_EXPECTED_TEXT);
	const char *pick = s->language == LANG_EN ? "en" : "ja";
	int i;

	msg_set_thread_language(s->language);
	pthread_barrier_wait(s->start);
	for (i = 0; i < 2000; i++)
		if (strcmp(msg(MSG_FIND_EXPECTED_TEXT), want) ||
		    strcmp(msg_pick("ja", "en"), pick))
			s->wrong++;
	msg_clear_thread_language();
	if (msg_language() != LANG_EN) /* the process's, set below */
		s->wrong++;
	return NULL;
}

static void test_thread_languages(void **state)
{
	pthread_barrier_t start;
	struct speaker ja = {LANG_JA, &start, 0}, en = {LANG_EN, &start, 0};
	pthread_t a, b;

	msg_set_language(LANG_EN);
	pthread_barrier_init(&start, NULL, 2);
	pthread_create(&a, NULL, speak, &ja);
	pthread_create(&b, NULL, speak, &en);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	pthread_barrier_destroy(&start);
	assert_int_equal(ja.wrong, 0);
	assert_int_equal(en.wrong, 0);
	assert_int_equal(msg_language(), LANG_EN);
	msg_set_thread_language(LANG_JA);
	assert_string_equal(msg_pick("ja", "en"), "ja");
	msg_clear_thread_language();
	assert_string_equal(msg_pick("ja", "en"), "en");
	msg_set_language(LANG_JA);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conversions),
		cmocka_unit_test(test_every_message_in_both_languages),
		cmocka_unit_test(test_thread_languages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
