/* Unit tests of fiscal years and months as staff write them (period.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "period.h"

static int fy(const char *text)
{
	int year = -1;

	assert_int_equal(period_parse_fiscal_year(text, &year), PERIOD_OK);
	return year;
}

static long month(const char *text)
{
	long yyyymm = -1;

	assert_int_equal(period_parse_month(text, &yyyymm), PERIOD_OK);
	return yyyymm;
}

static void test_fiscal_year_western(void **state)
{
	(void)state;
	assert_int_equal(fy("2026"), 2026);
	assert_int_equal(fy("2026年度"), 2026);
	assert_int_equal(fy("２０２６年度"), 2026);
	assert_int_equal(fy(" 2026 年度 "), 2026);
	assert_int_equal(fy("FY2026"), 2026);
	assert_int_equal(fy("fy 2026"), 2026);
	assert_int_equal(fy("1873"), 1873);
	assert_int_equal(fy("9998"), 9998);
}

static void test_fiscal_year_era(void **state)
{
	(void)state;
	assert_int_equal(fy("令和8"), 2026);
	assert_int_equal(fy("令和8年度"), 2026);
	assert_int_equal(fy("令和元年度"), 2019);
	assert_int_equal(fy("令和1"), 2019);
	assert_int_equal(fy("R8"), 2026);
	assert_int_equal(fy("r8年度"), 2026);
	assert_int_equal(fy("Ｒ８"), 2026);
	assert_int_equal(fy("㋿8年度"), 2026);
	assert_int_equal(fy("H31"), 2019);
	assert_int_equal(fy("平成31年度"), 2019);
	assert_int_equal(fy("㍻元年度"), 1989);
	assert_int_equal(fy("平成元"), 1989);
	assert_int_equal(fy("昭和64"), 1989);
	assert_int_equal(fy("S50"), 1975);
	assert_int_equal(fy("大正15"), 1926);
	assert_int_equal(fy("T1"), 1912);
	assert_int_equal(fy("明治45"), 1912);
	assert_int_equal(fy("M6"), 1873);
	assert_int_equal(fy("R08"), 2026);
}

static void test_fiscal_year_refused(void **state)
{
	int year = 42;

	(void)state;
	assert_int_equal(period_parse_fiscal_year("", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("twenty", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("26", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("20261", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("2026年", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("2026-04", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("R", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("R123", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("X8", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("令和", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("\xff", &year),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_fiscal_year("平成32", &year),
			 PERIOD_NO_ERA_YEAR);
	assert_int_equal(period_parse_fiscal_year("H0", &year),
			 PERIOD_NO_ERA_YEAR);
	assert_int_equal(period_parse_fiscal_year("昭和65年度", &year),
			 PERIOD_NO_ERA_YEAR);
	assert_int_equal(period_parse_fiscal_year("M46", &year),
			 PERIOD_NO_ERA_YEAR);
	assert_int_equal(period_parse_fiscal_year("M5", &year),
			 PERIOD_OUT_OF_RANGE);
	assert_int_equal(period_parse_fiscal_year("1872", &year),
			 PERIOD_OUT_OF_RANGE);
	assert_int_equal(period_parse_fiscal_year("9999", &year),
			 PERIOD_OUT_OF_RANGE);
	assert_int_equal(year, 42);
}

static void test_month(void **state)
{
	(void)state;
	assert_int_equal(month("2026-08"), 202608);
	assert_int_equal(month("2026-8"), 202608);
	assert_int_equal(month("2026/8"), 202608);
	assert_int_equal(month("2026.12"), 202612);
	assert_int_equal(month("2026年8月"), 202608);
	assert_int_equal(month("2026 年 8 月"), 202608);
	assert_int_equal(month("２０２６年８月"), 202608);
	assert_int_equal(month("2026－8"), 202608);
	assert_int_equal(month("令和8年8月"), 202608);
	assert_int_equal(month("令和元年5月"), 201905);
	assert_int_equal(month("R8.8"), 202608);
	assert_int_equal(month("r8-08"), 202608);
	assert_int_equal(month("H31.4"), 201904);
	assert_int_equal(month("1873-01"), 187301);
	assert_int_equal(month("9999-12"), 999912);
}

static void test_month_refused(void **state)
{
	long yyyymm = 42;

	(void)state;
	assert_int_equal(period_parse_month("", &yyyymm), PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("2026", &yyyymm),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("2026-", &yyyymm),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("2026-08-01", &yyyymm),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("2026-123", &yyyymm),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("26-8", &yyyymm),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("2026-8月", &yyyymm),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("2026年度8月", &yyyymm),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("202608", &yyyymm),
			 PERIOD_UNREADABLE);
	assert_int_equal(period_parse_month("2026-13", &yyyymm),
			 PERIOD_NO_MONTH);
	assert_int_equal(period_parse_month("2026年0月", &yyyymm),
			 PERIOD_NO_MONTH);
	assert_int_equal(period_parse_month("平成32年1月", &yyyymm),
			 PERIOD_NO_ERA_YEAR);
	assert_int_equal(period_parse_month("1872-12", &yyyymm),
			 PERIOD_OUT_OF_RANGE);
	assert_int_equal(yyyymm, 42);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fiscal_year_western),
		cmocka_unit_test(test_fiscal_year_era),
		cmocka_unit_test(test_fiscal_year_refused),
		cmocka_unit_test(test_month),
		cmocka_unit_test(test_month_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
