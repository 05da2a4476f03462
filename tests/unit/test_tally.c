/* Unit tests of the achievement ratio (目標達成状況). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "tally.h"

/* The published examples, in tenths of a percent or in units. */
static void test_published_examples(void **state)
{
	(void)state;
	assert_int_equal(achievement_hundredths(317, 100), 100); /* 31.7/10 */
	assert_int_equal(achievement_hundredths(32870, 22400), 100);
	assert_int_equal(achievement_hundredths(474, 500), 95); /* 47.4/50 */
	assert_int_equal(achievement_hundredths(50, 27), 100);
}

static void test_rounds_half_up(void **state)
{
	(void)state;
	assert_int_equal(achievement_hundredths(1, 8), 13);   /* 0.125 */
	assert_int_equal(achievement_hundredths(1, 3), 33);   /* 0.333… */
	assert_int_equal(achievement_hundredths(2, 3), 67);   /* 0.666… */
	assert_int_equal(achievement_hundredths(199, 200), 100); /* 0.995 */
	assert_int_equal(achievement_hundredths(397, 400), 99);  /* 0.9925 */
	assert_int_equal(achievement_hundredths(0, 10), 0);
}

static void test_capped_and_undefined(void **state)
{
	(void)state;
	assert_int_equal(achievement_hundredths(10, 10), 100);
	assert_int_equal(achievement_hundredths(11, 10), 100);
	assert_int_equal(achievement_hundredths(5, 0), -1);
	assert_int_equal(achievement_hundredths(5, -3), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published_examples),
		cmocka_unit_test(test_rounds_half_up),
		cmocka_unit_test(test_capped_and_undefined),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
