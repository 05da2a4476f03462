/* CSV writing (RFC 4180), optionally for Excel: BOM, CRLF, no formulas. */
#include "csv.h"

#include <string.h>

static const char utf8_bom[] = "\xEF\xBB\xBF";

void csv_begin(struct csv_writer *csv, FILE *out, int excel)
{
	csv->out = out;
	csv->excel = excel;
	csv->fields_in_row = 0;
	if (excel)
		fputs(utf8_bom, out);
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

static void write_quoted(FILE *out, const char *prefix, const char *text)
{
	fputc('"', out);
	fputs(prefix, out);
	for (; *text; text++) {
		if (*text == '"')
			fputc('"', out);
		fputc(*text, out);
	}
	fputc('"', out);
}

void csv_field(struct csv_writer *csv, const char *text)
{
	const char *prefix = "";

	if (!text)
		text = "";
	if (csv->fields_in_row++)
		fputc(',', csv->out);
	if (csv->excel && starts_formula(text))
		prefix = "'";
	if (needs_quotes(text, strlen(text))) {
		write_quoted(csv->out, prefix, text);
		return;
	}
	fputs(prefix, csv->out);
	fputs(text, csv->out);
}

void csv_end_row(struct csv_writer *csv)
{
	fputs(csv->excel ? "\r\n" : "\n", csv->out);
	csv->fields_in_row = 0;
}
