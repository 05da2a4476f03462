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
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "encoding.h"
#include "messages.h"
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

/* Tables do not hold every row: pages of 100 rows, each aligned on its
 * own under its own header, a blank line between pages. */
static void test_table_pages(void **state)
{
	static const char *const columns[] = { "no", "name" };
	struct strbuf want = STRBUF_INIT;
	struct capture capture;
	struct report *report;
	int i;

	capture_open(&capture);
	report = report_begin(REPORT_TABLE, capture.out, columns, 2);
	strbuf_addstr(&want, " no  name\n---  ----\n");
	for (i = 1; i <= 201; i++) {
		const char *name = i <= 100 ? "a" : i <= 200 ? "長い名前" : "b";

		report_integer(report, i);
		report_text(report, name);
		report_end_row(report);
		if (i == 101)
			strbuf_addstr(&want, "\n no  name\n---  --------\n");
		if (i == 201)
			strbuf_addstr(&want, "\n no  name\n---  ----\n");
		strbuf_addf(&want, "%3d  %s\n", i, name);
	}
	assert_int_equal(report_finish(report), 0);
	expect_output(&capture, strbuf_str(&want));
	strbuf_release(&want);
}

/* A full page ends the table: no second header after it. */
static void test_table_exactly_one_page(void **state)
{
	static const char *const columns[] = { "no" };
	struct strbuf want = STRBUF_INIT;
	struct capture capture;
	struct report *report;
	int i;

	capture_open(&capture);
	report = report_begin(REPORT_TABLE, capture.out, columns, 1);
	strbuf_addstr(&want, " no\n---\n");
	for (i = 1; i <= 100; i++) {
		report_integer(report, i);
		report_end_row(report);
		strbuf_addf(&want, "%3d\n", i);
	}
	assert_int_equal(report_finish(report), 0);
	expect_output(&capture, strbuf_str(&want));
	strbuf_release(&want);
}

/* Without columns a table is nothing at all, however many rows. */
static void test_table_no_columns(void **state)
{
	struct capture capture;
	struct report *report;
	int i;

	capture_open(&capture);
	report = report_begin(REPORT_TABLE, capture.out, NULL, 0);
	for (i = 0; i < 150; i++)
		report_end_row(report);
	assert_int_equal(report_finish(report), 0);
	expect_output(&capture, "");
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

/* Plain runs between escapes, at both ends and next to each other. */
static void test_json_write_string_runs(void **state)
{
	struct capture capture;

	capture_open(&capture);
	json_write_string(capture.out, "\"青森 市\"\\\\\n\n𠮷x\xff");
	expect_output(&capture,
		      "\"\\\"青森 市\\\"\\\\\\\\\\u000a\\u000a𠮷x\\ufffd\"");
}

static void test_json_write_string_empty(void **state)
{
	struct capture capture;

	capture_open(&capture);
	json_write_string(capture.out, "");
	expect_output(&capture, "\"\"");
}

/* ---- --encoding: CP932 ---- */

static const char *const cp932_columns[] = { "事業", "件数" };

/* A CSV of rows (NULL-ended) in CP932: report_finish's return. */
static int write_cp932(struct capture *capture, int excel,
		       const char *const *rows)
{
	struct report *report;

	capture_open(capture);
	report = report_begin_csv(capture->out, excel, ENCODING_CP932,
				  cp932_columns, 2);
	for (; *rows; rows++) {
		report_text(report, *rows);
		report_integer(report, 1);
		report_end_row(report);
	}
	return report_finish(report);
}

static void test_encoding_parse(void **state)
{
	enum output_encoding encoding = ENCODING_UTF8;

	assert_int_equal(encoding_parse("cp932", &encoding), 0);
	assert_int_equal(encoding, ENCODING_CP932);
	assert_int_equal(encoding_parse("UTF-8", &encoding), 0);
	assert_int_equal(encoding, ENCODING_UTF8);
	assert_int_equal(encoding_parse("CP932", &encoding), 0);
	assert_int_equal(encoding_parse("utf8", &encoding), 0);
	assert_int_equal(encoding_parse("sjis", &encoding), -1);
	assert_int_equal(encoding_parse("", &encoding), -1);
	assert_int_equal(encoding_parse(NULL, &encoding), -1);
	assert_int_equal(encoding, ENCODING_UTF8);
}

static void test_csv_cp932(void **state)
{
	static const char *const rows[] = { "起業支援", "〜ａ", NULL };
	struct capture capture;

	assert_int_equal(write_cp932(&capture, 0, rows), 0);
	/* 事業 8E96 8BC6, 件数 8C8F 9094; 起業支援 8B4E 8BC6 8E78 8987;
	 * 〜 (U+301C) as Windows writes it, 8160; ａ 8281. */
	expect_output(&capture, "\x8e\x96\x8b\xc6,\x8c\x8f\x90\x94\n"
				"\x8b\x4e\x8b\xc6\x8e\x78\x89\x87,1\n"
				"\x81\x60\x82\x81,1\n");
}

static void test_csv_cp932_excel_no_bom(void **state)
{
	static const char *const rows[] = { "=1+1", NULL };
	struct capture capture;

	assert_int_equal(write_cp932(&capture, 1, rows), 0);
	expect_output(&capture, "\x8e\x96\x8b\xc6,\x8c\x8f\x90\x94\r\n"
				"'=1+1,1\r\n");
}

/* 𠮷 (U+20BB7) is not in CP932: rows before it written, none after. */
static void test_csv_cp932_refuses_what_it_lacks(void **state)
{
	static const char *const rows[] = { "a", "\xf0\xa0\xae\xb7野", "b",
					    NULL };
	struct capture capture;
	char *err;

	msg_set_language(LANG_EN);
	capture_stderr();
	assert_int_equal(write_cp932(&capture, 0, rows), -1);
	err = captured();
	msg_set_language(LANG_JA);
	expect_output(&capture, "\x8e\x96\x8b\xc6,\x8c\x8f\x90\x94\na,1\n");
	assert_contains(err, "row 3 of the CSV (the heading is row 1): "
			     "'\xf0\xa0\xae\xb7' (U+20BB7) is not in CP932");
	assert_contains(err, "incomplete");
	free(err);
}

static void test_encoder_names_the_character(void **state)
{
	struct encoder encoder;
	struct encoding_failure failure;
	struct strbuf out = STRBUF_INIT;

	assert_int_equal(encoder_init(&encoder, ENCODING_CP932), 0);
	strbuf_addstr(&out, "x");
	assert_int_equal(encoder_convert(&encoder, "ab\xf0\x9f\x98\x80", 6,
					 &out, &failure),
			 -1);
	assert_int_equal(failure.code_point, 0x1F600);
	assert_string_equal(failure.character, "\xf0\x9f\x98\x80");
	assert_string_equal(strbuf_str(&out), "x"); /* nothing of it */
	assert_int_equal(encoder_convert(&encoder, "ｱ", 3, &out, &failure),
			 0);
	assert_string_equal(strbuf_str(&out), "x\xb1"); /* half-width */
	encoder_release(&encoder);
	strbuf_release(&out);
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
		cmocka_unit_test(test_table_pages),
		cmocka_unit_test(test_table_exactly_one_page),
		cmocka_unit_test(test_table_no_columns),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_csv_quotes_and_nulls),
		cmocka_unit_test(test_csv_empty),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_empty),
		cmocka_unit_test(test_json_numbers),
		cmocka_unit_test(test_json_escapes_keys_and_values),
		cmocka_unit_test(test_json_write_string_invalid_utf8),
		cmocka_unit_test(test_json_write_string_empty),
		cmocka_unit_test(test_json_write_string_runs),
		cmocka_unit_test(test_encoding_parse),
		cmocka_unit_test(test_csv_cp932),
		cmocka_unit_test(test_csv_cp932_excel_no_bom),
		cmocka_unit_test(test_csv_cp932_refuses_what_it_lacks),
		cmocka_unit_test(test_encoder_names_the_character),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
