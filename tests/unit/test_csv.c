/* Unit tests of core/report/csv.c: quoting, Excel BOM and CRLF, formula guard. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "csv.h"
#include "support.h"

#define BOM "\xEF\xBB\xBF"

/* One row of fields written with csv_begin(excel), then the output. */
static void expect_row(int excel, const char *const *fields, size_t n,
		       const char *expected)
{
	struct capture capture;
	struct csv_writer csv;
	size_t i;

	capture_open(&capture);
	csv_begin(&csv, capture.out, excel);
	for (i = 0; i < n; i++)
		csv_field(&csv, fields[i]);
	csv_end_row(&csv);
	assert_int_equal(csv_finish(&csv), 0);
	expect_output(&capture, expected);
}

#define EXPECT_ROW(excel, expected, ...)                                     \
	do {                                                                 \
		const char *const fields_[] = { __VA_ARGS__ };               \
		expect_row(excel, fields_,                                   \
			   sizeof(fields_) / sizeof(fields_[0]), expected);  \
	} while (0)

static void test_plain_fields_unquoted(void **state)
{
	EXPECT_ROW(0, "UIJ-2026-000042,起業支援,12,-5,\n",
		   "UIJ-2026-000042", "起業支援", "12", "-5", "");
}

static void test_null_is_empty(void **state)
{
	EXPECT_ROW(0, "a,,b\n", "a", NULL, "b");
}

static void test_quoting(void **state)
{
	EXPECT_ROW(0, "\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",\"x\ry\"\n",
		   "a,b", "say \"hi\"", "x\ny", "x\ry");
	EXPECT_ROW(0, "\" lead\",\"trail \",in side\n", " lead", "trail ",
		   "in side");
	EXPECT_ROW(0, "\"\"\"\"\n", "\"");
	EXPECT_ROW(0, "\"東京都千代田区, 1-1\"\n", "東京都千代田区, 1-1");
}

static void test_plain_mode_keeps_formulas(void **state)
{
	EXPECT_ROW(0, "=1+1,@SUM(A1),+81\n", "=1+1", "@SUM(A1)", "+81");
}

static void test_excel_bom_and_crlf(void **state)
{
	struct capture capture;
	struct csv_writer csv;

	capture_open(&capture);
	csv_begin(&csv, capture.out, 1);
	csv_field(&csv, "受付番号");
	csv_field(&csv, "氏名");
	csv_end_row(&csv);
	csv_field(&csv, "UIJ-2026-000001");
	csv_field(&csv, "山田 太郎");
	csv_end_row(&csv);
	assert_int_equal(csv_finish(&csv), 0);
	expect_output(&capture, BOM "受付番号,氏名\r\n"
				"UIJ-2026-000001,山田 太郎\r\n");
}

static void test_excel_bom_only_once_and_quoted_crlf(void **state)
{
	EXPECT_ROW(1, BOM "\"a\r\nb\",c\r\n", "a\r\nb", "c");
}

static void test_excel_formula_gets_apostrophe(void **state)
{
	EXPECT_ROW(1, BOM "'=1+1,'+1+1,'-1+1,'@SUM(A1)\r\n", "=1+1",
		   "+1+1", "-1+1", "@SUM(A1)");
	EXPECT_ROW(1, BOM "'\tcmd,\"'\rcmd\",'-,'+\r\n", "\tcmd",
		   "\rcmd", "-", "+");
	EXPECT_ROW(1, BOM "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n",
		   "=HYPERLINK(\"x\",\"y\")");
}

static void test_excel_numbers_left_alone(void **state)
{
	EXPECT_ROW(1, BOM "-5,-1.5,+3,0.95,12\r\n", "-5", "-1.5",
		   "+3", "0.95", "12");
	EXPECT_ROW(1, BOM "'-1.,'-.5,'-1e5,\"'-5 \"\r\n", "-1.", "-.5",
		   "-1e5", "-5 ");
}

static void test_excel_text_not_starting_with_formula(void **state)
{
	EXPECT_ROW(1, BOM "a=b,1-2,\" =1\"\r\n", "a=b", "1-2", " =1");
}

static void test_empty_row(void **state)
{
	EXPECT_ROW(0, "\n", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_fields_unquoted),
		cmocka_unit_test(test_null_is_empty),
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_plain_mode_keeps_formulas),
		cmocka_unit_test(test_excel_bom_and_crlf),
		cmocka_unit_test(test_excel_bom_only_once_and_quoted_crlf),
		cmocka_unit_test(test_excel_formula_gets_apostrophe),
		cmocka_unit_test(test_excel_numbers_left_alone),
		cmocka_unit_test(test_excel_text_not_starting_with_formula),
		cmocka_unit_test(test_empty_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
