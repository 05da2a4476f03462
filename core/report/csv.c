/* CSV writing (RFC 4180), optionally for Excel: BOM, CRLF, no formulas;
 * in UTF-8, or converted to CP932 a row at a time. */
#include "csv.h"

#include <string.h>

#include "messages.h"

static const char utf8_bom[] = "\xEF\xBB\xBF";

void csv_begin_encoded(struct csv_writer *csv, FILE *out, int excel,
		       enum output_encoding encoding)
{
	memset(csv, 0, sizeof(*csv));
	csv->out = out;
	csv->excel = excel;
	if (encoder_init(&csv->encoder, encoding))
		die(EXIT_SOFTWARE, msg(MSG_CSV_NO_ENCODER), "CP932");
	if (excel && encoding == ENCODING_UTF8)
		fputs(utf8_bom, out);
}

void csv_begin(struct csv_writer *csv, FILE *out, int excel)
{
	csv_begin_encoded(csv, out, excel, ENCODING_UTF8);
}

/* Bytes of the row, kept until it ends (then written with one fwrite,
 * converted first when not UTF-8). */
static void put(struct csv_writer *csv, const char *text, size_t len)
{
	if (csv->failed_row)
		return;
	strbuf_add(&csv->row, text, len);
}

static void put_str(struct csv_writer *csv, const char *text)
{
	put(csv, text, strlen(text));
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* A sign, digits and an optional fraction: "-5", "+1.5". */
static int is_plain_number(const char *text)
{
	const char *digits;

	if (*text == '-' || *text == '+')
		text++;
	digits = text;
	while (is_digit(*text))
		text++;
	if (text == digits)
		return 0;
	if (*text == '.') {
		digits = ++text;
		while (is_digit(*text))
			text++;
		if (text == digits)
			return 0;
	}
	return *text == '\0';
}

/* Excel would run this field as a formula (or DDE) if written as is. */
static int starts_formula(const char *text)
{
	if (!*text || !strchr("=+-@\t\r", *text))
		return 0;
	return !is_plain_number(text);
}

static int needs_quotes(const char *text, size_t len)
{
	if (strpbrk(text, ",\"\r\n"))
		return 1;
	return len && (text[0] == ' ' || text[len - 1] == ' ');
}

static void write_quoted(struct csv_writer *csv, const char *prefix,
			 const char *text)
{
	const char *quote;

	put_str(csv, "\"");
	put_str(csv, prefix);
	while ((quote = strchr(text, '"'))) {
		put(csv, text, (size_t)(quote - text) + 1);
		put_str(csv, "\"");
		text = quote + 1;
	}
	put_str(csv, text);
	put_str(csv, "\"");
}

void csv_field(struct csv_writer *csv, const char *text)
{
	const char *prefix = "";

	if (!text)
		text = "";
	if (csv->fields_in_row++)
		put_str(csv, ",");
	if (csv->excel && starts_formula(text))
		prefix = "'";
	if (needs_quotes(text, strlen(text))) {
		write_quoted(csv, prefix, text);
		return;
	}
	put_str(csv, prefix);
	put_str(csv, text);
}

void csv_digits(struct csv_writer *csv, const char *digits)
{
	const char *p;

	for (p = digits; is_digit(*p); p++)
		;
	if (!csv->excel || !*digits || *p) {
		csv_field(csv, digits);
		return;
	}
	if (csv->fields_in_row++)
		put_str(csv, ",");
	put_str(csv, "\"=\"\"");
	put_str(csv, digits);
	put_str(csv, "\"\"\"");
}

/* The row converted and written whole, or kept back with the rest. */
static void write_row(struct csv_writer *csv)
{
	strbuf_reset(&csv->bytes);
	if (encoder_convert(&csv->encoder, csv->row.buf, csv->row.len,
			    &csv->bytes, &csv->failure)) {
		csv->failed_row = csv->rows;
		return;
	}
	fwrite(csv->bytes.buf, 1, csv->bytes.len, csv->out);
	strbuf_reset(&csv->row);
}

void csv_end_row(struct csv_writer *csv)
{
	put_str(csv, csv->excel ? "\r\n" : "\n");
	csv->fields_in_row = 0;
	csv->rows++;
	if (csv->failed_row)
		return;
	if (csv->encoder.encoding != ENCODING_UTF8) {
		write_row(csv);
		return;
	}
	fwrite(csv->row.buf, 1, csv->row.len, csv->out);
	strbuf_reset(&csv->row);
}

int csv_finish(struct csv_writer *csv)
{
	int ret = 0;

	if (csv->failed_row)
		ret = error(msg(MSG_CSV_NOT_IN_ENCODING), csv->failed_row,
			    csv->failure.character, csv->failure.code_point);
	encoder_release(&csv->encoder);
	strbuf_release(&csv->row);
	strbuf_release(&csv->bytes);
	return ret;
}
