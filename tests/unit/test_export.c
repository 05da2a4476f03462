/* Unit tests of core/report/export_xlsx.c: the sheet names Excel takes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "export.h"
#include "support.h"

static void expect_name(const char *title, const char *expected)
{
	char *name = export_sheet_name(title, "intake");

	assert_string_equal(name, expected);
	free(name);
}

static void test_title_kept(void **state)
{
	expect_name("UIJターン就職・移住支援",
		    "UIJターン就職・移住支援");
	expect_name("Business succession", "Business succession");
}

static void test_forbidden_characters_replaced(void **state)
{
	expect_name("起業[支援]: A/B\\C*?", "起業_支援__ A_B_C__");
}

static void test_cut_to_31_characters(void **state)
{
	/* 31 characters, whole UTF-8 sequences: never a broken one */
	expect_name("障がい者就労支援事業における"
		    "職場定着支援及び就労移行支援の実績一覧表",
		    "障がい者就労支援事業における"
		    "職場定着支援及び就労移行支援の実績");
	expect_name("abcdefghijklmnopqrstuvwxyz0123456789",
		    "abcdefghijklmnopqrstuvwxyz01234");
}

static void test_apostrophes_at_the_ends_dropped(void **state)
{
	expect_name("'quoted'", "quoted");
	expect_name("it's", "it's");
}

static void test_nothing_left_gives_the_fallback(void **state)
{
	expect_name("", "intake");
	expect_name("''", "intake");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_title_kept),
		cmocka_unit_test(test_forbidden_characters_replaced),
		cmocka_unit_test(test_cut_to_31_characters),
		cmocka_unit_test(test_apostrophes_at_the_ends_dropped),
		cmocka_unit_test(test_nothing_left_gives_the_fallback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
