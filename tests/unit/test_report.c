/* Unit tests of core/report/report.c: tables, CSV and JSON, cell by cell. */
#define _XOPEN_SOURCE 700 /* posix_openpt, for report_format_default */

#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "report.h"
#include "support.h"

static const char *const tally_columns[] = { "programme", "件数", "達成率" };

/* Three rows of a monthly tally: text, integer, hundredths; one null. */
static void write_tally(enum report_format format, const char *expected)
{
	struct capture capture;
	struct report *report;

	capture_open(&capture);
	report = report_begin(format, capture.out, tally_columns, 3);
	report_text(report, "UIJターン");
	report_integer(report, 12);
	report_hundredths(report, 95);
	report_end_row(report);
	report_text(report, "起業支援");
	report_integer(report, 3);
	report_hundredths(report, 100);
	report_end_row(report);
	report_text(report, NULL);
	report_integer(report, 1234);
	report_hundredths(report, 7);
	report_end_row(report);
	report_finish(report);
	expect_output(&capture, expected);
}

static void test_format_parse(void **state)
{
	enum report_format format = REPORT_JSON;

	assert_int_equal(report_format_parse("table", &format), 0);
	assert_int_equal(format, REPORT_TABLE);
	assert_int_equal(report_format_parse("csv", &format), 0);
	assert_int_equal(format, REPORT_CSV);
	assert_int_equal(report_format_parse("json", &format), 0);
	assert_int_equal(format, REPORT_JSON);
	assert_int_equal(report_format_parse("JSON", &format), -1);
	assert_int_equal(report_format_parse("", &format), -1);
	assert_int_equal(report_format_parse("tsv", &format), -1);
	assert_int_equal(report_format_parse(NULL, &format), -1);
	assert_int_equal(format, REPORT_JSON);
}

/* Point stdout at fd for one call of report_format_default. */
static enum report_format default_with_stdout(int fd)
{
	enum report_format format;
	int saved = dup(STDOUT_FILENO);

	assert_true(saved >= 0);
	fflush(stdout);
	assert_true(dup2(fd, STDOUT_FILENO) >= 0);
	format = report_format_default();
	assert_true(dup2(saved, STDOUT_FILENO) >= 0);
	close(saved);
	return format;
}

static void test_format_default_pipe_is_csv(void **state)
{
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(default_with_stdout(fds[1]), REPORT_CSV);
	close(fds[0]);
	close(fds[1]);
}

static void test_format_default_terminal_is_table(void **state)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	const char *name;
	int terminal;

	if (master < 0 || grantpt(master) || unlockpt(master) ||
	    !(name = ptsname(master))) {
		if (master >= 0)
			close(master);
		skip(); /* no pseudo-terminals here */
	}
	terminal = open(name, O_RDWR | O_NOCTTY);
	assert_true(terminal >= 0);
	assert_int_equal(default_with_stdout(terminal), REPORT_TABLE);
	close(terminal);
	close(master);
}

static void test_table_aligns_japanese(void **state)
{
	write_tally(REPORT_TABLE, "programme  件数  達成率\n"
				  "---------  ----  ------\n"
				  "UIJターン    12    0.95\n"
				  "起業支援      3    1.00\n"
				  "-          1234    0.07\n");
}

static void test_table_text_last_column_unpadded(void **state)
{
	static const char *const columns[] = { "件数", "受付番号", "氏名" };
	struct capture capture;
	struct report *report;

	capture_open(&capture);
	report = report_begin(REPORT_TABLE, capture.out, columns, 3);
	report_integer(report, 7);
	report_text(report, "UIJ-2026-000042");
	report_text(report, "山田 太郎");
	report_end_row(report);
	report_null(report);
	report_text(report, "KGY-2026-000001");
	report_text(report, "Li");
	report_end_row(report);
	report_finish(report);
	expect_output(&capture, "件数  受付番号         氏名\n"
				"----  ---------------  ---------\n"
				"   7  UIJ-2026-000042  山田 太郎\n"
				"   -  KGY-2026-000001  Li\n");
}

static void test_table_number_in_text_column_right(void **state)
{
	static const char *const columns[] = { "value" };
	struct capture capture;
	struct report *report;

	capture_open(&capture);
	report = report_begin(REPORT_TABLE, capture.out, columns, 1);
	report_text(report, "abc");
	report_end_row(report);
	report_integer(report, 5);
	report_end_row(report);
	report_finish(report);
	expect_output(&capture, "value\n"
				"-----\n"
				"abc\n"
				"    5\n");
}

static void test_table_controls_shown_as_question_marks(void **state)
{
	static const char *const columns[] = { "note", "n" };
	struct capture capture;
	struct report *report;

	capture_open(&capture);
	report = report_begin(REPORT_TABLE, capture.out, columns, 2);
	report_text(report, "a\nb\x1b[2J\xff");
	report_integer(report, 1);
	report_end_row(report);
	report_finish(report);
	expect_output(&capture, "note      n\n"
				"--------  -\n"
				"a?b?[2J?  1\n");
}

static void test_table_empty(void **state)
{
	struct capture capture;
	struct report *report;

	capture_open(&capture);
	report = report_begin(REPORT_TABLE, capture.out, tally_columns, 3);
	report_finish(report);
	expect_output(&capture, "programme  件数  達成率\n"
				"---------  ----  ------\n");
}

static void test_csv(void **state)
{
	write_tally(REPORT_CSV, "programme,件数,達成率\n"
				"UIJターン,12,0.95\n"
				"起業支援,3,1.00\n"
				",1234,0.07\n");
}

static void test_csv_quotes_and_nulls(void **state)
{
	static const char *const columns[] = { "氏名, 漢字", "メモ", "n" };
	struct capture capture;
	struct report *report;

	capture_open(&capture);
	report = report_begin(REPORT_CSV, capture.out, columns, 3);
	report_text(report, "山田 \"太郎\"");
	report_null(report);
	report_hundredths(report, -5);
	report_end_row(report);
	report_finish(report);
	expect_output(&capture, "\"氏名, 漢字\",メモ,n\n"
				"\"山田 \"\"太郎\"\"\",,-0.05\n");
}

static void test_csv_empty(void **state)
{
	struct capture capture;

	capture_open(&capture);
	report_finish(report_begin(REPORT_CSV, capture.out, tally_columns, 3));
	expect_output(&capture, "programme,件数,達成率\n");
}

static void test_json(void **state)
{
	write_tally(REPORT_JSON,
		    "[\n"
		    "  {\"programme\": \"UIJターン\", \"件数\": 12, "
		    "\"達成率\": 0.95},\n"
		    "  {\"programme\": \"起業支援\", \"件数\": 3, "
		    "\"達成率\": 1.00},\n"
		    "  {\"programme\": null, \"件数\": 1234, "
		    "\"達成率\": 0.07}\n"
		    "]\n");
}

static void test_json_empty(void **state)
{
	struct capture capture;

	capture_open(&capture);
	report_finish(report_begin(REPORT_JSON, capture.out, tally_columns, 3));
	expect_output(&capture, "[]\n");
}

static void test_json_numbers(void **state)
{
	static const char *const columns[] = { "n", "ratio" };
	struct capture capture;
	struct report *report;

	capture_open(&capture);
	report = report_begin(REPORT_JSON, capture.out, columns, 2);
	report_integer(report, -42);
	report_hundredths(report, -5);
	report_end_row(report);
	report_integer(report, LLONG_MIN);
	report_hundredths(report, LLONG_MIN);
	report_end_row(report);
	report_null(report);
	report_hundredths(report, 12345);
	report_end_row(report);
	report_finish(report);
	expect_output(&capture,
		      "[\n"
		      "  {\"n\": -42, \"ratio\": -0.05},\n"
		      "  {\"n\": -9223372036854775808, "
		      "\"ratio\": -92233720368547758.08},\n"
		      "  {\"n\": null, \"ratio\": 123.45}\n"
		      "]\n");
}

static void test_json_escapes_keys_and_values(void **state)
{
	static const char *const columns[] = { "say \"hi\"" };
	struct capture capture;
	struct report *report;

	capture_open(&capture);
	report = report_begin(REPORT_JSON, capture.out, columns, 1);
	report_text(report, "a\\b\n\t\x01\x7f/é中");
	report_end_row(report);
	report_finish(report);
	expect_output(&capture, "[\n"
				"  {\"say \\\"hi\\\"\": "
				"\"a\\\\b\\u000a\\u0009\\u0001\\u007f/é中\"}\n"
				"]\n");
}

static void test_json_write_string_invalid_utf8(void **state)
{
	struct capture capture;

	capture_open(&capture);
	json_write_string(capture.out, "a\xff" "b\xe4\xb8" "c\xed\xa0\x80");
	expect_output(&capture,
		      "\"a\\ufffdb\\ufffd\\ufffdc\\ufffd\\ufffd\\ufffd\"");
}

static void test_json_write_string_empty(void **state)
{
	struct capture capture;

	capture_open(&capture);
	json_write_string(capture.out, "");
	expect_output(&capture, "\"\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_format_default_pipe_is_csv),
		cmocka_unit_test(test_format_default_terminal_is_table),
		cmocka_unit_test(test_table_aligns_japanese),
		cmocka_unit_test(test_table_text_last_column_unpadded),
		cmocka_unit_test(test_table_number_in_text_column_right),
		cmocka_unit_test(test_table_controls_shown_as_question_marks),
		cmocka_unit_test(test_table_empty),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_quotes_and_nulls),
		cmocka_unit_test(test_csv_empty),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_json_numbers),
		cmocka_unit_test(test_json_escapes_keys_and_values),
		cmocka_unit_test(test_json_write_string_invalid_utf8),
		cmocka_unit_test(test_json_write_string_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
