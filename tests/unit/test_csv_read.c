/* Unit tests of core/base/csv_read.c: Excel's CSV, CP932, records
 * across chunks, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#include <cmocka.h>

#include "csv_read.h"
#include "support.h"
#include "util.h"

struct input {
	FILE *in;
	struct csv_reader reader;
};

static void open_text(struct input *input, const char *bytes, size_t len,
		      enum csv_encoding encoding)
{
	input->in = fmemopen((void *)bytes, len, "rb");
	assert_non_null(input->in);
	assert_int_equal(csv_reader_init(&input->reader, input->in, encoding),
			 0);
}

static void close_text(struct input *input)
{
	csv_reader_release(&input->reader);
	fclose(input->in);
}

/* The next record is exactly the n fields given. */
static void expect_record(struct input *input, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_int_equal(csv_read_record(&input->reader), 1);
	assert_int_equal(input->reader.n_fields, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_string_equal(csv_record_field(&input->reader, i),
				    va_arg(ap, const char *));
	va_end(ap);
}

static void test_excel_utf8(void **state)
{
	static const char text[] = "\xEF\xBB\xBFid,name,note\r\n"
				   "1,\"Aomori, Taro\",\"said \"\"hi\"\"\"\r\n"
				   "2,\"two\r\nlines\",\r\n"
				   "\r\n"
				   ",,\r\n"
				   "3,last,no newline";
	struct input input;

	open_text(&input, text, sizeof(text) - 1, CSV_UTF8);
	expect_record(&input, 3, "id", "name", "note");
	assert_int_equal(input.reader.record_line, 1);
	expect_record(&input, 3, "1", "Aomori, Taro", "said \"hi\"");
	expect_record(&input, 3, "2", "two\nlines", "");
	assert_int_equal(input.reader.record_line, 3);
	expect_record(&input, 1, "");
	assert_true(csv_record_blank(&input.reader));
	assert_int_equal(input.reader.record_line, 5);
	expect_record(&input, 3, "", "", "");
	assert_true(csv_record_blank(&input.reader));
	expect_record(&input, 3, "3", "last", "no newline");
	assert_false(csv_record_blank(&input.reader));
	assert_int_equal(input.reader.record_line, 7);
	assert_int_equal(csv_read_record(&input.reader), 0);
	close_text(&input);
}

static void test_lenient_quotes_and_lf(void **state)
{
	static const char text[] = "a\"b,\"c\"d,\"e\nf\"\n\"open";
	struct input input;

	open_text(&input, text, sizeof(text) - 1, CSV_UTF8);
	expect_record(&input, 3, "a\"b", "cd", "e\nf");
	assert_false(input.reader.unterminated);
	expect_record(&input, 1, "open");
	assert_true(input.reader.unterminated);
	close_text(&input);
}

static void test_cp932(void **state)
{
	/* 青森,あ then a byte CP932 has not (0xFF) */
	static const char text[] = "\x90\xC2\x90\x58,\x82\xA0\r\nx,y\xFFz\r\n";
	struct input input;
	int byte = 0;

	open_text(&input, text, sizeof(text) - 1, CSV_CP932);
	expect_record(&input, 2, "青森", "あ");
	assert_int_equal(csv_record_bad(&input.reader, &byte), -1);
	assert_int_equal(csv_read_record(&input.reader), 1);
	assert_int_equal(csv_record_bad(&input.reader, &byte), 1);
	assert_int_equal(byte, 0xFF);
	{
		char *shown = csv_record_field_utf8(&input.reader, 1);

		assert_string_equal(shown, "y\xEF\xBF\xBDz");
		free(shown);
	}
	close_text(&input);
}

static void test_auto(void **state)
{
	static const char sjis[] = "\x82\xA0,b\n";
	static const char utf8[] = "\xE3\x81\x82,b\n";
	struct input input;

	open_text(&input, sjis, sizeof(sjis) - 1, CSV_AUTO);
	assert_int_equal(input.reader.encoding, CSV_CP932);
	expect_record(&input, 2, "あ", "b");
	close_text(&input);
	open_text(&input, utf8, sizeof(utf8) - 1, CSV_AUTO);
	assert_int_equal(input.reader.encoding, CSV_UTF8);
	expect_record(&input, 2, "あ", "b");
	close_text(&input);
}

static void test_bad_utf8_found(void **state)
{
	static const char text[] = "ok,\xE3\x81,\xC0\xAF\n";
	struct input input;
	int byte = 0;

	open_text(&input, text, sizeof(text) - 1, CSV_UTF8);
	assert_int_equal(csv_read_record(&input.reader), 1);
	assert_int_equal(csv_record_bad(&input.reader, &byte), 1);
	assert_int_equal(byte, 0xE3);
	close_text(&input);
}

/* Records and CP932 characters cut by the reader's chunks. */
static void test_across_chunks(void **state)
{
	size_t n = 3 * CSV_CHUNK, len = 0, rows = 0;
	char *text = xmalloc(n + 64);
	struct input input;

	while (len < n) {
		memcpy(text + len, "\x90\xC2,\"x\r\ny\"\r\n", 11);
		len += 11;
	}
	open_text(&input, text, len, CSV_CP932);
	while (csv_read_record(&input.reader) == 1) {
		assert_int_equal(input.reader.n_fields, 2);
		assert_string_equal(csv_record_field(&input.reader, 0), "青");
		assert_string_equal(csv_record_field(&input.reader, 1),
				    "x\ny");
		rows++;
	}
	assert_int_equal(rows, len / 11);
	assert_int_equal(input.reader.line, (long)(2 * rows + 1));
	close_text(&input);
	free(text);
}

static void test_record_too_long(void **state)
{
	size_t n = CSV_RECORD_MAX + 10;
	char *text = xmalloc(n);
	struct input input;

	memset(text, 'a', n);
	text[0] = '"';
	open_text(&input, text, n, CSV_UTF8);
	assert_int_equal(csv_read_record(&input.reader), -1);
	assert_int_equal(errno, EFBIG);
	close_text(&input);
	free(text);
}

static void test_encoding_names(void **state)
{
	enum csv_encoding e;

	assert_int_equal(csv_encoding_parse("UTF-8", &e), 0);
	assert_int_equal(e, CSV_UTF8);
	assert_int_equal(csv_encoding_parse("Shift_JIS", &e), 0);
	assert_int_equal(e, CSV_CP932);
	assert_int_equal(csv_encoding_parse("auto", &e), 0);
	assert_int_equal(e, CSV_AUTO);
	assert_int_equal(csv_encoding_parse("latin1", &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_utf8),
		cmocka_unit_test(test_lenient_quotes_and_lf),
		cmocka_unit_test(test_cp932),
		cmocka_unit_test(test_auto),
		cmocka_unit_test(test_bad_utf8_found),
		cmocka_unit_test(test_across_chunks),
		cmocka_unit_test(test_record_too_long),
		cmocka_unit_test(test_encoding_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
