/* Unit tests of core/model/value.c: every field type, dates and messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "form.h"
#include "messages.h"
#include "support.h"
#include "value.h"

static struct choice household_choices[] = {
	{ "single", "単身", "single" },
	{ "household", "世帯", "household" },
};

static struct choice handbook_choices[] = {
	{ "none", "なし", "none" },
	{ "physical", "身体", "physical" },
	{ "intellectual", "療育", "intellectual" },
	{ "mental", "精神", "mental" },
};

static struct field make_field(enum field_type type)
{
	struct field field;

	memset(&field, 0, sizeof(field));
	field.id = "answer";
	field.type = type;
	field.label_ja = "回答";
	field.label_en = "Answer";
	field.required = 1;
	return field;
}

static struct field choice_field(enum field_type type)
{
	struct field field = make_field(type);

	field.choices = type == FIELD_MULTI ? handbook_choices
					    : household_choices;
	field.n_choices = type == FIELD_MULTI ? 4 : 2;
	return field;
}

static void check_stored(const struct field *field, const char *input,
			 const char *want)
{
	char *stored = NULL, *expected = NULL;
	int ret = value_parse(field, input, &stored, &expected);

	if (ret)
		print_error("'%s' refused: %s\n", input, expected);
	assert_int_equal(ret, 0);
	assert_null(expected);
	assert_non_null(stored);
	if (strcmp(stored, want))
		print_error("'%s' stored as '%s'\n", input, stored);
	assert_string_equal(stored, want);
	free(stored);
}

/* Check the refusal; the message is the caller's to free. */
static char *refused(const struct field *field, const char *input)
{
	char *stored = NULL, *expected = NULL;
	int ret = value_parse(field, input, &stored, &expected);

	if (!ret)
		print_error("'%s' accepted as '%s'\n", input, stored);
	assert_int_equal(ret, -1);
	assert_null(stored);
	assert_non_null(expected);
	assert_true(*expected != '\0');
	return expected;
}

static void check_refused(const struct field *field, const char *input)
{
	free(refused(field, input));
}

static void check_refused_with(const struct field *field, const char *input,
			       const char *want)
{
	char *expected = refused(field, input);

	assert_string_equal(expected, want);
	free(expected);
}

static void check_format(const struct field *field, const char *stored,
			 const char *want)
{
	char *text = value_format(field, stored);

	assert_string_equal(text, want);
	free(text);
}

static int japanese(void **state)
{
	msg_set_language(LANG_JA);
	return 0;
}

static void test_normalize(void **state)
{
	char *text;

	text = text_normalize("　ＡＢＣ１２３　", 0);
	assert_string_equal(text, "ABC123");
	free(text);
	text = text_normalize("ｱｵﾓﾘ ﾀﾞ", 0);
	assert_string_equal(text, "アオモリ ダ");
	free(text);
	/* U+2212, U+2010, U+2015 are hyphens everywhere; ー only in numbers */
	text = text_normalize("\xe2\x88\x92" "1\xe2\x80\x90" "2\xe2\x80\x95"
			      "3ー4", 0);
	assert_string_equal(text, "-1-2-3ー4");
	free(text);
	text = text_normalize("１２３ー４５６７", 1);
	assert_string_equal(text, "123-4567");
	free(text);
	text = text_normalize("９時〜１７時～", 0);
	assert_string_equal(text, "9時~17時~");
	free(text);
	text = text_normalize("ケーキ", 0);
	assert_string_equal(text, "ケーキ");
	free(text);
	text = text_normalize("㍻", 0);
	assert_string_equal(text, "平成");
	free(text);
	assert_null(text_normalize("ab\xff", 0));
	assert_null(text_normalize("\xe3\x81", 0));
	assert_null(text_normalize("\xed\xa0\x80", 0)); /* a surrogate */
	assert_null(text_normalize(NULL, 0));
}

static void test_utf8_counts(void **state)
{
	assert_int_equal(utf8_chars(""), 0);
	assert_int_equal(utf8_chars("abc"), 3);
	assert_int_equal(utf8_chars("青森県"), 3);
	assert_int_equal(utf8_chars("アオモリ　タロウ"), 8);
	assert_int_equal(utf8_width("アオモリ　タロウ"), 16);
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("青森県"), 6);
	assert_int_equal(utf8_width("ｱｵﾓﾘ"), 4);
	assert_int_equal(utf8_width("e\xcc\x81"), 1); /* e + combining */
}

static void test_required_and_utf8(void **state)
{
	struct field text = make_field(FIELD_TEXT);
	struct field date = make_field(FIELD_DATE);

	check_refused_with(&text, "", "入力が必要です");
	check_refused_with(&text, " 　\t", "入力が必要です");
	check_refused_with(&date, NULL, "入力が必要です");
	check_refused_with(&text, "ab\xc3", msg(MSG_VALUE_INVALID_UTF8));
	msg_set_language(LANG_EN);
	check_refused_with(&text, "", "a value is required");
	check_refused_with(&text, "\xff",
			   "this has bytes that are not UTF-8; type it again "
			   "as UTF-8 text");
}

static void test_text(void **state)
{
	struct field field = make_field(FIELD_TEXT);

	check_stored(&field, "  青森　太郎  ", "青森 太郎"); /* NFKC */
	check_stored(&field, "ＡＢＣ株式会社", "ABC株式会社");
	check_stored(&field, "㈱テスト", "(株)テスト");
	check_refused_with(&field, "a\x1b[2Jb",
			   "U+001B (制御文字) が含まれているので、見えない"
			   "文字・制御文字・外字を除いて入力してください");
	field.max_chars = 5;
	check_stored(&field, "青森県青森", "青森県青森");
	check_stored(&field, "ｱｵﾓﾘｹ", "アオモリケ");
	check_refused_with(&field, "青森県青森市",
			   "5文字を超えている (入力は6文字) ので、短くして"
			   "入力してください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "青森県青森市",
			   "this is longer than 5 characters (it has 6); type "
			   "a shorter text");
}

/* One refusal of text_check_safe: the message names what was found. */
static void check_unsafe(const char *text, int multiline, const char *found)
{
	char *why = NULL;

	if (!text_check_safe(text, multiline, &why))
		fail_msg("'%s' passed as safe", text);
	assert_non_null(why);
	assert_contains(why, found);
	free(why);
}

static void check_safe(const char *text, int multiline)
{
	char *why = NULL;

	if (text_check_safe(text, multiline, &why))
		fail_msg("'%s' refused: %s", text, why);
	assert_null(why);
}

static void test_text_check_safe(void **state)
{
	msg_set_language(LANG_EN);
	check_safe("青森 太郎", 0);
	check_safe("", 0);
	check_safe("葛\xf3\xa0\x84\x80城", 0); /* 葛 + IVS U+E0100 */
	check_safe("❤\xef\xb8\x8f", 0);         /* + VS16 */
	check_safe("e\xcc\x81", 0);              /* e + combining acute */
	check_safe("ｱ", 0);
	check_safe("一行目\n二行目\tタブ", 1);
	/* invisible alone, or anywhere */
	check_unsafe("\xe2\x80\x8b", 0, "U+200B (invisible format character)");
	check_unsafe("\xef\xbb\xbf", 0, "U+FEFF (invisible format character)");
	check_unsafe("a\xe2\x81\xa0" "b", 0,
		     "U+2060 (invisible format character)");
	check_unsafe("\xef\xb8\x8f", 0,
		     "U+FE0F (variation selector with no character before it)");
	check_unsafe(" \xf3\xa0\x84\x80", 0, "U+E0100 (variation selector");
	check_unsafe("\xe3\x85\xa4", 0, "U+3164 (invisible character)");
	check_unsafe("a\xc2\xad", 0, "U+00AD (invisible format character)");
	/* bidi controls */
	check_unsafe("abc\xe2\x80\xae" "def", 0, "U+202E (bidi control)");
	check_unsafe("\xe2\x80\xaa", 0, "U+202A (bidi control)");
	check_unsafe("\xe2\x81\xa6x", 0, "U+2066 (bidi control)");
	check_unsafe("\xe2\x81\xa9", 1, "U+2069 (bidi control)");
	check_unsafe("\xe2\x80\x8f", 0, "U+200F (bidi control)");
	check_unsafe("\xd8\x9c", 0, "U+061C (bidi control)");
	/* C0, DEL and C1 controls; line breaks only where multi-line */
	check_unsafe("a\x01", 1, "U+0001 (control character)");
	check_unsafe("a\x7f", 0, "U+007F (control character)");
	check_unsafe("a\xc2\x9b", 0, "U+009B (control character)");
	check_unsafe("a\nb", 0, "U+000A (line break; this field takes one "
				"line)");
	check_unsafe("a\rb", 0, "U+000D (line break");
	check_unsafe("a\rb", 1, "U+000D (control character)");
	check_unsafe("a\tb", 0, "U+0009 (control character)");
	check_unsafe("a\xe2\x80\xa8" "b", 0, "U+2028 (line break");
	check_unsafe("a\xe2\x80\xa9" "b", 1,
		     "U+2029 (line or paragraph separator; use a newline)");
	/* noncharacters and private use */
	check_unsafe("\xef\xb7\x90", 0, "U+FDD0 (noncharacter)");
	check_unsafe("a\xef\xbf\xbe", 0, "U+FFFE (noncharacter)");
	check_unsafe("\xf4\x8f\xbf\xbf", 0, "U+10FFFF (noncharacter)");
	check_unsafe("\xee\x80\x80", 0, "U+E000 (private-use character)");
	check_unsafe("\xf3\xb0\x80\x80", 0, "U+F0000 (private-use character)");
	/* the whole message, and bytes that are not UTF-8 */
	check_unsafe("a\xe2\x80\xae", 0,
		     "this has U+202E (bidi control); type it without "
		     "invisible, control or private-use characters");
	check_unsafe("a\xff", 0, "this has bytes that are not UTF-8");
	assert_int_equal(text_check_safe("\xe2\x80\x8b", 0, NULL), -1);
	assert_int_equal(text_check_safe("ok", 0, NULL), 0);
}

static void test_text_escape_unsafe(void **state)
{
	char *shown = text_escape_unsafe("a\xe2\x80\xae"
					 "b\nc\xff"
					 "葛\xf3\xa0\x84\x80",
					 0);

	assert_string_equal(shown, "a<U+202E>b<U+000A>c<0xFF>"
				   "葛\xf3\xa0\x84\x80");
	free(shown);
	shown = text_escape_unsafe("a\nb", 1);
	assert_string_equal(shown, "a\nb");
	free(shown);
}

/* Every field refuses unsafe characters; only a multiline text field
 * takes a newline. */
static void test_unsafe_in_fields(void **state)
{
	struct field text = make_field(FIELD_TEXT);
	struct field kana = make_field(FIELD_KANA);
	struct field choice = choice_field(FIELD_CHOICE);

	msg_set_language(LANG_EN);
	/* NFKC keeps them; trimming does not remove them */
	check_refused_with(&text, "\xe2\x80\x8b\xe2\x80\x8b",
			   "this has U+200B (invisible format character); type "
			   "it without invisible, control or private-use "
			   "characters");
	check_refused_with(&text, "\xef\xbb\xbf",
			   "this has U+FEFF (invisible format character); type "
			   "it without invisible, control or private-use "
			   "characters");
	check_refused(&text, "\xe2\x81\xa0");
	check_refused(&text, "\xef\xb8\x80\xef\xb8\x8f");
	check_refused(&text, "\xef\xbe\xa0"); /* half-width Hangul filler */
	check_refused(&text, "山田\xe2\x80\xae太郎");
	check_refused(&text, "青森市\xe2\x81\xa7" "1-1");
	check_refused(&text, "青森\xee\x80\x80");
	check_refused(&text, "青森\xef\xb7\x90");
	check_refused(&text, "一行目\n二行目");
	check_refused(&kana, "アオモリ\xe2\x80\x8b");
	check_refused(&choice, "single\xe2\x80\x8b");
	check_stored(&text, "葛\xf3\xa0\x84\x80城", "葛\xf3\xa0\x84\x80城");
	text.multiline = 1;
	check_stored(&text, "一行目\n二行目", "一行目\n二行目");
	check_refused(&text, "一行目\n\xe2\x80\xae");
	kana.multiline = 1; /* only text fields are ever multi-line */
	check_refused(&kana, "アオ\nモリ");
}

static void test_kana(void **state)
{
	struct field field = make_field(FIELD_KANA);

	check_stored(&field, "アオモリ", "アオモリ");
	check_stored(&field, "ｱｵﾓﾘ", "アオモリ");
	check_stored(&field, "ﾀﾞｲｽｹ", "ダイスケ");
	check_stored(&field, "ﾊﾟﾝ", "パン");
	check_stored(&field, "あおもり", "アオモリ");
	check_stored(&field, "ゔぁぃゕゖゝ", "ヴァィヵヶヽ");
	check_stored(&field, "か\xe3\x82\x99", "ガ"); /* か + combining ゛ */
	check_stored(&field, "アオモリ タロウ", "アオモリ　タロウ");
	check_stored(&field, " アオモリ 　  タロウ ", "アオモリ　タロウ");
	check_stored(&field, "ｹｰｷ", "ケーキ");
	check_stored(&field, "コーヒー", "コーヒー");
	check_stored(&field, "ジョン・スミス", "ジョン・スミス");
	check_stored(&field, "ｼﾞｮﾝ･ｽﾐｽ", "ジョン・スミス");
	check_refused_with(&field, "青森",
			   "「青」はカナではないので、カタカナで入力してください"
			   " (ひらがな・半角カナも使えます)");
	check_refused(&field, "aomori");
	check_refused(&field, "アオモリ1");
	field.max_chars = 4;
	check_stored(&field, "ｱｵﾓﾘ", "アオモリ");
	check_stored(&field, "ダイスケ", "ダイスケ");
	check_stored(&field, "タ゛イスケ", "ダイスケ");
	check_refused_with(&field, "アオモリシ",
			   "4文字を超えている (入力は5文字) ので、短くして"
			   "入力してください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "漢字",
			   "'漢' is not kana; type it in katakana (hiragana "
			   "and half-width kana are converted)");
}

/* Sound marks typed apart join the kana before them: the spacing ゛゜,
 * the half-width ﾞﾟ and the combining U+3099, U+309A. */
static void test_kana_marks(void **state)
{
	struct field field = make_field(FIELD_KANA);

	check_stored(&field, "ウ゛", "ヴ");
	check_stored(&field, "う゛", "ヴ");
	check_stored(&field, "ｳﾞ", "ヴ");
	check_stored(&field, "ｶﾞ", "ガ");
	check_stored(&field, "カ゛", "ガ");
	check_stored(&field, "か゛", "ガ");
	check_stored(&field, "ハ゜", "パ");
	check_stored(&field, "は゜", "パ");
	check_stored(&field, "ﾊﾟ", "パ");
	check_stored(&field, "ハ\xe3\x82\x9a", "パ"); /* combining ゜ */
	check_stored(&field, "ワ゛", "ヷ");
	check_stored(&field, "ヽ゛", "ヾ");
	check_stored(&field, "タ゛イスケ　ハ゜ン", "ダイスケ　パン");
	check_stored(&field, "ヴィヴァルディ", "ヴィヴァルディ");
	check_stored(&field, "ﾁｪﾝﾊﾞﾛ", "チェンバロ");
	/* the stored form is the composed one and parses to itself */
	check_stored(&field, "ヴ", "ヴ");
	check_stored(&field, "ヷ", "ヷ");
	check_refused_with(&field, "ア゛",
			   "「ア」には濁点「゛」が付かないので、カナを確かめて"
			   "入力してください");
	check_refused_with(&field, "あ゛", "「あ」には濁点「゛」が付かないので、"
			   "カナを確かめて入力してください");
	check_refused_with(&field, "カ゜",
			   "「カ」には半濁点「゜」が付かないので、カナを確かめて"
			   "入力してください");
	check_refused_with(&field, "ｱﾟ", "「ア」には半濁点「゜」が付かないので、"
			   "カナを確かめて入力してください");
	check_refused_with(&field, "ガ゛", "「ガ」には濁点「゛」が付かないので、"
			   "カナを確かめて入力してください");
	check_refused_with(&field, "ー\xe3\x82\x99",
			   "「ー」には濁点「゛」が付かないので、カナを確かめて"
			   "入力してください");
	check_refused_with(&field, "゛ア",
			   "濁点「゛」が先頭にあるので、付けるカナの後に入力して"
			   "ください");
	check_refused_with(&field, "ﾟ", "半濁点「゜」が先頭にあるので、付けるカナ"
			   "の後に入力してください");
	check_refused_with(&field, "アオ ゛モリ",
			   "濁点「゛」が先頭にあるので、付けるカナの後に入力して"
			   "ください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "ア゛",
			   "'ア' cannot take the voiced sound mark ゛; check the "
			   "kana and type it again");
	check_refused_with(&field, "゜",
			   "the semi-voiced sound mark ゜ comes first; type it "
			   "after the kana it belongs to");
}

static void test_integer(void **state)
{
	struct field field = make_field(FIELD_INTEGER);

	check_stored(&field, "42", "42");
	check_stored(&field, "０", "0");
	check_stored(&field, "１２３", "123");
	check_stored(&field, "007", "7");
	check_stored(&field, "1,000,000", "1000000");
	check_stored(&field, "１，０００", "1000");
	check_stored(&field, "-5", "-5");
	check_stored(&field, "\xe2\x88\x92" "5", "-5"); /* U+2212 */
	check_stored(&field, "ー5", "-5");
	check_stored(&field, "-0", "0");
	check_stored(&field, "9223372036854775807", "9223372036854775807");
	check_refused(&field, "9223372036854775808");
	check_refused(&field, "1,00");
	check_refused(&field, "1,0000");
	check_refused(&field, "1000,000");
	check_refused(&field, ",100");
	check_refused(&field, "100,");
	check_refused(&field, "1,,000");
	check_refused(&field, "1.5");
	check_refused(&field, "--1");
	check_refused(&field, "-");
	check_refused(&field, "+1");
	check_refused(&field, "1 000");
	check_refused(&field, "40時間"); /* no unit declared */
	check_refused(&field, "1万");
	check_refused_with(&field, "abc",
			   "整数で入力してください (例: 42、1,000)");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "abc",
			   "type a whole number such as 42 or 1,000");
}

static void test_integer_range(void **state)
{
	struct field field = make_field(FIELD_INTEGER);

	field.has_min = 1;
	field.min = 1;
	field.has_max = 1;
	field.max = 10000;
	check_stored(&field, "1", "1");
	check_stored(&field, "10,000", "10000");
	check_refused_with(&field, "0", "1〜10,000の整数を入力してください");
	check_refused_with(&field, "10001",
			   "1〜10,000の整数を入力してください");
	check_refused_with(&field, "x", "1〜10,000の整数を入力してください");
	/* a year reads 1980, not 1,980 */
	field.min = 1980;
	field.max = 2100;
	check_refused_with(&field, "1979",
			   "1980〜2100の整数を入力してください");
	field.min = 1;
	field.max = 10000;
	msg_set_language(LANG_EN);
	check_refused_with(&field, "0", "type a whole number from 1 to 10,000");
	field.has_max = 0;
	check_refused_with(&field, "-3", "type a whole number of at least 1");
	field.has_min = 0;
	field.has_max = 1;
	field.max = 40;
	check_stored(&field, "-3", "-3");
	check_refused_with(&field, "41", "type a whole number of at most 40");
}

/* unit = 時間 | hours: the unit may follow the number. */
static void test_integer_unit(void **state)
{
	struct field field = make_field(FIELD_INTEGER);
	struct field grade = make_field(FIELD_INTEGER);

	field.unit_ja = "時間";
	field.unit_en = "hours";
	field.has_min = 1;
	field.min = 0;
	field.has_max = 1;
	field.max = 60;
	check_stored(&field, "40", "40");
	check_stored(&field, "40時間", "40");
	check_stored(&field, "40 時間", "40");
	check_stored(&field, "４０時間", "40");
	check_stored(&field, "40hours", "40");
	check_stored(&field, "40 Hours", "40");
	check_refused_with(&field, "61時間",
			   "0〜60時間の整数を入力してください");
	check_refused(&field, "時間");
	check_refused(&field, "40人");
	check_refused(&field, "40時間時間");
	check_refused(&field, "4.5時間");
	check_format(&field, "40", "40時間");
	grade.unit_ja = "級";
	grade.unit_en = "級";
	grade.has_min = grade.has_max = 1;
	grade.min = 1;
	grade.max = 6;
	check_stored(&grade, "２級", "2");
	check_stored(&grade, "2", "2");
	check_refused_with(&grade, "7級", "1〜6級の整数を入力してください");
	check_format(&grade, "2", "2級");
	grade.has_max = 0;
	check_refused_with(&grade, "0級", "1級以上の整数を入力してください");
	grade.has_max = 1;
	grade.has_min = 0;
	check_refused_with(&grade, "7級", "6級以下の整数を入力してください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "70 hours",
			   "type a whole number from 0 to 60 hours");
	check_format(&field, "40", "40 hours");
}

static void test_yen(void **state)
{
	struct field field = make_field(FIELD_YEN);

	check_stored(&field, "1,000,000", "1000000");
	check_stored(&field, "１０００", "1000");
	check_stored(&field, "0", "0");
	check_stored(&field, "￥600,000", "600000");
	check_stored(&field, "¥600,000", "600000");
	check_stored(&field, "600,000円", "600000");
	check_stored(&field, "600,000 円", "600000");
	check_refused_with(&field, "-1",
			   "0円〜999,999,999,999円の金額を入力してください");
	check_refused(&field, "10,00");
	check_refused(&field, "円");
	check_refused(&field, "1 000");
	field.has_max = 1;
	field.max = 1000000;
	check_stored(&field, "1,000,000", "1000000");
	check_refused_with(&field, "1,000,001",
			   "0円〜1,000,000円の金額を入力してください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "-5",
			   "type an amount from 0 to 1,000,000 yen");
	field.has_max = 0;
	field.has_min = 1;
	field.min = 100;
	check_refused_with(&field, "99",
			   "type an amount from 100 to 999,999,999,999 yen");
}

/* 万, 億 (and 兆, 千) as people write amounts. */
static void test_yen_units(void **state)
{
	struct field field = make_field(FIELD_YEN);

	check_stored(&field, "350万円", "3500000");
	check_stored(&field, "350万", "3500000");
	check_stored(&field, "３５０万", "3500000");
	check_stored(&field, "1,234万円", "12340000");
	check_stored(&field, "1億円", "100000000");
	check_stored(&field, "1億2,000万円", "120000000");
	check_stored(&field, "1億2000万", "120000000");
	check_stored(&field, "１億２，０００万円", "120000000");
	check_stored(&field, "1億 2,000万 円", "120000000");
	check_stored(&field, "1億5万", "100050000");
	check_stored(&field, "1億1", "100000001");
	check_stored(&field, "350万5,000円", "3505000");
	check_stored(&field, "2千円", "2000");
	check_stored(&field, "1万2千円", "12000");
	check_stored(&field, "3千500", "3500");
	check_stored(&field, "¥350万", "3500000");
	check_stored(&field, "0万", "0");
	check_stored(&field, "1.5万", "15000");
	check_stored(&field, "1.5万円", "15000");
	check_stored(&field, "0.0001万", "1");
	check_stored(&field, "2.5億", "250000000");
	check_stored(&field, "1.50万", "15000");
	check_stored(&field, "9999億9999万9999", "999999999999");
	/* units largest first, each term below the unit before it */
	check_refused(&field, "万");
	check_refused(&field, "1万1億");
	check_refused(&field, "1万2万");
	check_refused(&field, "1億10000万");
	check_refused(&field, "1万10000");
	check_refused(&field, "1千1000");
	check_refused(&field, "1万円2千");
	check_refused(&field, "1億-5万");
	check_refused(&field, "1.万");
	check_refused(&field, ".5万");
	check_refused(&field, "1,0万");
	/* fractions of a yen */
	check_refused_with(&field, "1.5",
			   "1円未満の端数があるので、円単位で入力してください "
			   "(例: 1.5万 は 15,000円)");
	check_refused_with(&field, "1.5円", msg(MSG_VALUE_YEN_FRACTION));
	check_refused_with(&field, "0.00001万", msg(MSG_VALUE_YEN_FRACTION));
	check_refused_with(&field, "350.00005万", msg(MSG_VALUE_YEN_FRACTION));
	check_refused_with(&field, "1億0.5", msg(MSG_VALUE_YEN_FRACTION));
	/* past the cap or the field's max, never wrapped around */
	check_refused_with(&field, "1兆",
			   "0円〜999,999,999,999円の金額を入力してください");
	check_refused(&field, "9999999兆");
	check_refused(&field, "99999999999999999999");
	check_refused(&field, "9223372036854775807");
	check_refused(&field, "922337203685477億");
	field.has_max = 1;
	field.max = 5000000000000LL;
	check_stored(&field, "1兆2億", "1000200000000");
	check_refused(&field, "5兆1");
	field.max = 10000000;
	check_stored(&field, "1,000万", "10000000");
	check_refused_with(&field, "1,000万1円",
			   "0円〜10,000,000円の金額を入力してください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "1.5",
			   "this has a fraction of a yen; type whole yen "
			   "(1.5万 is 15,000 yen)");
}

static void test_yen_format(void **state)
{
	struct field field = make_field(FIELD_YEN);
	struct field number = make_field(FIELD_INTEGER);

	check_format(&field, "1000000", "1,000,000 円");
	check_format(&field, "0", "0 円");
	check_format(&field, "999", "999 円");
	check_format(&field, "1000", "1,000 円");
	check_format(&number, "1000000", "1000000");
	check_stored(&field, "1,000,000 円", "1000000"); /* as formatted */
	msg_set_language(LANG_EN);
	check_format(&field, "600000", "600,000 yen");
}

static void test_date_forms(void **state)
{
	struct field field = make_field(FIELD_DATE);

	check_stored(&field, "2020-04-01", "2020-04-01");
	check_stored(&field, "2020/4/1", "2020-04-01");
	check_stored(&field, "2020.4.1", "2020-04-01");
	check_stored(&field, "2020-4-1", "2020-04-01");
	check_stored(&field, "20200401", "2020-04-01");
	check_stored(&field, "2020年4月1日", "2020-04-01");
	check_stored(&field, "2020年04月01日", "2020-04-01");
	check_stored(&field, "２０２０年４月１日", "2020-04-01");
	check_stored(&field, "２０２０／４／１", "2020-04-01");
	check_stored(&field, "２０２０ー０４ー０１", "2020-04-01");
	check_stored(&field, "令和2年4月1日", "2020-04-01");
	check_stored(&field, "令和２年４月１日", "2020-04-01");
	check_stored(&field, "令和 2年 4月 1日", "2020-04-01");
	check_stored(&field, "令和2年4月1", "2020-04-01");
	check_stored(&field, "令和元年5月1日", "2019-05-01");
	check_stored(&field, "㋿2年4月1日", "2020-04-01");
	check_stored(&field, "R2.4.1", "2020-04-01");
	check_stored(&field, "r2.4.1", "2020-04-01");
	check_stored(&field, "Ｒ２．４．１", "2020-04-01");
	check_stored(&field, "R02/04/01", "2020-04-01");
	check_stored(&field, "R元.5.1", "2019-05-01");
	check_stored(&field, "H31.4.30", "2019-04-30");
	check_stored(&field, "平成31年4月30日", "2019-04-30");
	check_stored(&field, "平成元年1月8日", "1989-01-08");
	check_stored(&field, "S64.1.7", "1989-01-07");
	check_stored(&field, "昭和64年1月7日", "1989-01-07");
	check_stored(&field, "昭和元年12月25日", "1926-12-25");
	check_stored(&field, "2020-02-29", "2020-02-29");
	check_stored(&field, "2000-02-29", "2000-02-29");
	/* JIS X 0301 and the other separators after a letter */
	check_stored(&field, "R02.04.01", "2020-04-01");
	check_stored(&field, "H31-04-30", "2019-04-30");
	check_stored(&field, "S40/4/1", "1965-04-01");
	check_stored(&field, "T15.12.25", "1926-12-25");
	check_stored(&field, "M45.07.30", "1912-07-30");
	check_stored(&field, "m6.1.1", "1873-01-01");
	/* one-kanji abbreviations and the square era signs */
	check_stored(&field, "昭40.4.1", "1965-04-01");
	check_stored(&field, "平元年1月8日", "1989-01-08");
	check_stored(&field, "㍼40年4月1日", "1965-04-01");
	check_stored(&field, "㍽15年12月25日", "1926-12-25");
	check_stored(&field, "㍾45年7月30日", "1912-07-30");
}

/* Years, months and days in kanji numerals, with 年 月 日. */
static void test_date_kanji(void **state)
{
	struct field field = make_field(FIELD_DATE);
	const char *date = "日付として読めないので、2020-04-01 や 令和2年4月1日 "
			   "の形で入力してください";

	check_refused_with(&field, "令和二年", date);
	check_stored(&field, "令和二年四月一日", "2020-04-01");
	check_stored(&field, "令和二年4月1日", "2020-04-01");
	check_stored(&field, "令和元年五月一日", "2019-05-01");
	check_stored(&field, "平成十年十月十日", "1998-10-10");
	check_stored(&field, "昭和四十年十二月二十五日", "1965-12-25");
	check_stored(&field, "昭和六十四年一月七日", "1989-01-07");
	check_stored(&field, "平成三十一年四月三十日", "2019-04-30");
	check_stored(&field, "明治四十五年七月三十日", "1912-07-30");
	check_stored(&field, "大正一五年一二月二五日", "1926-12-25");
	check_refused_with(&field, "令和〇年四月一日", date);
	check_refused_with(&field, "令和二十〇年四月一日", date);
	check_refused_with(&field, "令和二二二年四月一日", date);
	check_refused_with(&field, "令和〇十年四月一日", date);
	check_refused_with(&field, "令和二年十三月一日", date);
	check_refused_with(&field, "R二.4.1", date);
	check_refused_with(&field, "二〇二〇年四月一日", date);
}
static void test_date_refused(void **state)
{
	struct field field = make_field(FIELD_DATE);
	const char *date = "日付として読めないので、2020-04-01 や 令和2年4月1日 "
			   "の形で入力してください";

	check_refused_with(&field, "2020-13-01", date);
	check_refused_with(&field, "2020-4", date);
	check_refused_with(&field, "令和2年4月", date);
	check_refused_with(&field, "2020/04-01", date);
	check_refused_with(&field, "20-04-01", date);
	check_refused_with(&field, "20200-04-01", date);
	check_refused_with(&field, "2020-004-01", date);
	check_refused_with(&field, "令和0年4月1日", date);
	check_refused_with(&field, "X2.4.1", date);
	check_refused_with(&field, "明日", date);
	check_refused_with(&field, "2020-04-01x", date);
	check_refused_with(&field, "R2.4.1.", date);
	check_refused_with(&field, "R123.4.1", date);
	check_refused_with(&field, "2021-02-29",
			   "2021年2月は28日までなので、実在する日付を入力して"
			   "ください");
	check_refused_with(&field, "1900-02-29",
			   "1900年2月は28日までなので、実在する日付を入力して"
			   "ください");
	check_refused_with(&field, "2020-04-31",
			   "2020年4月は30日までなので、実在する日付を入力して"
			   "ください");
	check_refused_with(&field, "2020-04-00",
			   "2020年4月は30日までなので、実在する日付を入力して"
			   "ください");
	check_refused_with(&field, "0202-04-01",
			   "1873年より前の日付は扱えないので、1873年以降の日付を"
			   "入力してください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "someday",
			   "not a date; type it as 2020-04-01 or 令和2年4月1日");
	check_refused_with(&field, "2021-02-29",
			   "2021-02 has 28 days; type a date that exists");
	check_refused_with(&field, "1872-12-31",
			   "dates before 1873 are not taken; type a date in "
			   "1873 or later");
}

/* The first and last day of every era; the day an emperor died is in
 * both eras. */
static void test_date_era_bounds(void **state)
{
	struct field field = make_field(FIELD_DATE);

	/* 明治: from 1873 (the Gregorian calendar) to 1912-07-30 */
	check_refused_with(&field, "明治5年12月2日",
			   "1873年より前の日付は扱えないので、1873年以降の日付を"
			   "入力してください");
	check_refused(&field, "明治元年1月25日");
	check_stored(&field, "明治6年1月1日", "1873-01-01");
	check_stored(&field, "明治45年7月29日", "1912-07-29");
	check_stored(&field, "明治45年7月30日", "1912-07-30");
	check_refused_with(&field, "明治45年7月31日",
			   "明治は1912-07-30 (明治45年7月30日) までなので、"
			   "それより後の日付は大正で入力してください");
	check_refused(&field, "M46.1.1");
	/* 大正: 1912-07-30 to 1926-12-25 */
	check_refused_with(&field, "大正元年7月29日",
			   "大正は1912-07-30 (大正元年7月30日) からなので、"
			   "それより前の日付は明治で入力してください");
	check_stored(&field, "大正元年7月30日", "1912-07-30");
	check_stored(&field, "T1.7.30", "1912-07-30");
	check_stored(&field, "大正15年12月24日", "1926-12-24");
	check_stored(&field, "大正15年12月25日", "1926-12-25");
	check_refused_with(&field, "大正15年12月26日",
			   "大正は1926-12-25 (大正15年12月25日) までなので、"
			   "それより後の日付は昭和で入力してください");
	check_refused_with(&field, "大正16年1月1日",
			   "大正は1926-12-25 (大正15年12月25日) までなので、"
			   "それより後の日付は昭和で入力してください");
	/* 昭和: 1926-12-25 to 1989-01-07 */
	check_refused_with(&field, "昭和元年12月24日",
			   "昭和は1926-12-25 (昭和元年12月25日) からなので、"
			   "それより前の日付は大正で入力してください");
	check_stored(&field, "昭和元年12月25日", "1926-12-25");
	check_stored(&field, "昭和64年1月7日", "1989-01-07");
	check_refused_with(&field, "S64.1.8",
			   "昭和は1989-01-07 (昭和64年1月7日) までなので、"
			   "それより後の日付は平成で入力してください");
	/* 平成: 1989-01-08 to 2019-04-30 */
	check_refused_with(&field, "平成元年1月7日",
			   "平成は1989-01-08 (平成元年1月8日) からなので、"
			   "それより前の日付は昭和で入力してください");
	check_stored(&field, "平成元年1月8日", "1989-01-08");
	check_stored(&field, "平成31年4月30日", "2019-04-30");
	check_refused_with(&field, "平成31年5月1日",
			   "平成は2019-04-30 (平成31年4月30日) までなので、"
			   "それより後の日付は令和で入力してください");
	check_refused(&field, "平成32年4月1日");
	check_refused(&field, "H32.4.1");
	/* 令和: from 2019-05-01 */
	check_refused_with(&field, "令和元年4月30日",
			   "令和は2019-05-01 (令和元年5月1日) からなので、"
			   "それより前の日付は平成で入力してください");
	check_stored(&field, "令和元年5月1日", "2019-05-01");
	check_stored(&field, "令和99年12月31日", "2117-12-31");
	/* the calendar comes before the era */
	check_refused_with(&field, "平成31年2月29日",
			   "2019年2月は28日までなので、実在する日付を入力して"
			   "ください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "平成32年",
			   "not a date; type it as 2020-04-01 or 令和2年4月1日");
	check_refused_with(&field, "H32.1.1",
			   "Heisei ended on 2019-04-30 (平成31年4月30日); type a "
			   "later date in Reiwa");
	check_refused_with(&field, "R1.4.30",
			   "Reiwa began on 2019-05-01 (令和元年5月1日); type an "
			   "earlier date in Heisei");
	check_refused_with(&field, "T16.1.1",
			   "Taisho ended on 1926-12-25 (大正15年12月25日); type a "
			   "later date in Showa");
}

static void test_date_helpers(void **state)
{
	char iso[11];
	long date = 0;

	assert_true(date_valid(20200229));
	assert_false(date_valid(20210229));
	assert_false(date_valid(20201301));
	assert_false(date_valid(20200100));
	assert_false(date_valid(20200431));
	assert_false(date_valid(-20200101));
	assert_true(date_valid(20001231));
	assert_int_equal(date_from_iso("2020-04-01", &date), 0);
	assert_int_equal(date, 20200401);
	assert_int_equal(date_from_iso("2021-02-29", &date), -1);
	assert_int_equal(date_from_iso("2020/04/01", &date), -1);
	assert_int_equal(date_from_iso("2020-4-1", &date), -1);
	assert_int_equal(date_from_iso("2020-04-011", &date), -1);
	assert_int_equal(date_from_iso("", &date), -1);
	date_to_iso(20200401, iso);
	assert_string_equal(iso, "2020-04-01");
	date_to_iso(19890107, iso);
	assert_string_equal(iso, "1989-01-07");
	date_to_iso(20211399, iso);
	assert_string_equal(iso, "0000-00-00");
	assert_int_equal(date_add_months(20200131, 1), 20200229);
	assert_int_equal(date_add_months(20210131, 1), 20210228);
	assert_int_equal(date_add_months(20200331, -1), 20200229);
	assert_int_equal(date_add_months(20201115, 3), 20210215);
	assert_int_equal(date_add_months(20200401, 12), 20210401);
	assert_int_equal(date_add_months(20200401, -4), 20191201);
	assert_int_equal(date_add_months(20200229, -12), 20190228);
	assert_int_equal(date_add_months(20200815, 0), 20200815);
	/* Saturated: never a value that passes for a date. */
	assert_int_equal(date_add_months(20200230, 1), DATE_NEVER);
	assert_int_equal(date_add_months(0, 6), DATE_NEVER);
	assert_int_equal(date_add_months(DATE_NEVER, -12), DATE_NEVER);
	assert_int_equal(date_add_months(99991231, 3), DATE_NEVER);
	assert_int_equal(date_add_months(99990701, 6), DATE_NEVER);
	assert_int_equal(date_add_months(99990630, 6), 99991230);
	assert_int_equal(date_add_months(99991231, 0), 99991231);
	assert_int_equal(date_add_months(99991231, -120000), 0);
	assert_int_equal(date_add_months(10101, -1), 0);
	assert_int_equal(date_add_months(10201, -1), 10101);
	assert_true(date_add_months(99991231, 1) > 99991231);
	assert_false(date_valid(date_add_months(99991231, 1)));
	assert_int_equal(fiscal_year(20270331), 2026);
	assert_int_equal(fiscal_year(20260401), 2026);
	assert_int_equal(fiscal_year(20260331), 2025);
	assert_int_equal(fiscal_year(20261231), 2026);
	assert_int_equal(fiscal_year(20270101), 2026);
}

static void test_choice(void **state)
{
	struct field field = choice_field(FIELD_CHOICE);

	check_stored(&field, "single", "single");
	check_stored(&field, "SINGLE", "single");
	check_stored(&field, "ＳＩＮＧＬＥ", "single");
	check_stored(&field, "単身", "single");
	check_stored(&field, " 世帯 ", "household");
	check_stored(&field, "Household", "household");
	check_refused_with(&field, "家族",
			   "選択肢にないので、次のどれかを番号・コード・名前で"
			   "入力してください: 単身、世帯");
	check_refused(&field, "single,household");
	check_refused(&field, "3");
	check_refused(&field, "0");
	check_format(&field, "household", "世帯");
	check_format(&field, "gone", "gone");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "family",
			   "not one of the choices; type the number, code or "
			   "name of one of: single, household");
	check_format(&field, "single", "single");
}

/* A label that reads as another choice's code (found by fuzzing): the
 * code wins, so a stored code always parses back to itself. */
static void test_choice_code_before_label(void **state)
{
	static struct choice confusing[] = {
		{ "single", "単身", "household" },
		{ "household", "世帯", "household of two or more" },
	};
	struct field field = make_field(FIELD_CHOICE);

	field.choices = confusing;
	field.n_choices = 2;
	check_stored(&field, "household", "household");
	check_stored(&field, "単身", "single");
	check_stored(&field, "single", "single");
}

/* JSIC divisions, as a form lists them; labels hold commas. */
static struct choice industry_choices[] = {
	{ "A", "農業，林業", "Agriculture, forestry" },
	{ "D", "建設業", "Construction" },
	{ "E", "製造業", "Manufacturing" },
	{ "G", "情報通信業", "Information and communications" },
	{ "H", "運輸業，郵便業", "Transport and postal activities" },
	{ "M", "宿泊業，飲食サービス業", "Accommodations, eating and drinking" },
	{ "N", "生活関連サービス業，娯楽業", "Living-related services" },
	{ "R", "サービス業（他に分類されないもの）", "Services, n.e.c." },
};

static struct field industry_field(enum field_type type)
{
	struct field field = make_field(type);

	field.choices = industry_choices;
	field.n_choices =
		sizeof(industry_choices) / sizeof(industry_choices[0]);
	return field;
}

/* A choice by number, code, label, code and label, or a prefix of one
 * label. */
static void test_choice_forms(void **state)
{
	static struct choice cities[] = {
		{ "a", "青森市", "Aomori City" },
		{ "b", "青森県", "Aomori Prefecture" },
	};
	struct field field = industry_field(FIELD_CHOICE);
	struct field city = make_field(FIELD_CHOICE);

	city.choices = cities;
	city.n_choices = 2;

	check_stored(&field, "3", "E");
	check_stored(&field, "３", "E");
	check_stored(&field, "8", "R");
	check_stored(&field, "e", "E");
	check_stored(&field, "製造業", "E");
	check_stored(&field, "E 製造業", "E");
	check_stored(&field, "E　製造業", "E");
	check_stored(&field, "E=製造業", "E");
	check_stored(&field, "e manufacturing", "E");
	check_stored(&field, "製造", "E");
	check_stored(&field, "製", "E");
	check_stored(&field, "manu", "E");
	check_stored(&field, "情報", "G");
	check_stored(&field, "農業，林業", "A");
	check_stored(&field, "農業、林業", "A");
	check_stored(&field, "農業,林業", "A");
	check_stored(&field, "農業", "A");
	check_stored(&field, "宿泊", "M");
	check_stored(&field, "サービス業(他", "R");
	check_stored(&field, "Information and", "G");
	check_refused(&field, "9");
	check_refused(&field, "E 建設業"); /* a code and another label */
	check_refused(&field, "E製造業");
	check_refused(&field, "造業");
	check_refused(&field, "製造業です");
	check_refused_with(&field, "建築",
			   "選択肢にないので、次のどれかを番号・コード・名前で"
			   "入力してください: 農業，林業、建設業、製造業、"
			   "情報通信業、運輸業，郵便業、宿泊業，飲食サービス業、"
			   "生活関連サービス業，娯楽業、サービス業（他に分類されない"
			   "もの）");
	check_stored(&field, "サービス", "R");
	check_refused_with(&city, "青森",
			   "「青森」で始まる選択肢が複数あるので、どれか一つを"
			   "入力してください: 青森市、青森県");
	check_stored(&city, "青森市", "a");
	check_stored(&city, "青森県", "b");
	msg_set_language(LANG_EN);
	check_refused_with(&city, "aomori",
			   "more than one choice starts with 'aomori'; type "
			   "one of: Aomori City, Aomori Prefecture");
}

/* A code always wins: a numeric code over a position, a code over a
 * prefix. */
static void test_choice_numeric_codes(void **state)
{
	static struct choice grades[] = {
		{ "3", "3級", "grade 3" },
		{ "1", "1級", "grade 1" },
		{ "2", "2級", "grade 2" },
	};
	static struct choice prefixes[] = {
		{ "ab", "abc", "abc" },
		{ "abc", "xyz", "xyz" },
	};
	struct field field = make_field(FIELD_CHOICE);

	field.choices = grades;
	field.n_choices = 3;
	check_stored(&field, "1", "1");
	check_stored(&field, "3", "3");
	check_stored(&field, "1級", "1");
	check_stored(&field, "3級", "3");
	field.choices = prefixes;
	field.n_choices = 2;
	check_stored(&field, "ab", "ab");
	check_stored(&field, "abc", "abc");
	check_stored(&field, "a", "ab");
	check_stored(&field, "xy", "abc");
	check_stored(&field, "2", "abc");
}

static void test_multi_forms(void **state)
{
	static struct choice cities[] = {
		{ "a", "青森市", "Aomori City" },
		{ "b", "青森県", "Aomori Prefecture" },
	};
	struct field field = industry_field(FIELD_MULTI);

	check_stored(&field, "1,3", "A,E");
	check_stored(&field, "3 1", "A,E");
	check_stored(&field, "E A", "A,E");
	check_stored(&field, "製造業、農業，林業", "A,E");
	check_stored(&field, "農業、林業、製造業", "A,E");
	check_stored(&field, "農業，林業 製造業", "A,E");
	check_stored(&field, "E 製造業, A 農業，林業", "A,E");
	check_stored(&field, "製造、情報", "E,G");
	check_stored(&field, "Agriculture, forestry, Manufacturing", "A,E");
	check_stored(&field, "Manufacturing, Agriculture, forestry", "A,E");
	check_stored(&field, "運輸業，郵便業、宿泊業，飲食サービス業", "H,M");
	check_stored(&field, "宿泊、運輸", "H,M");
	check_stored(&field, "A,E", "A,E");
	field.choices = cities;
	field.n_choices = 2;
	check_stored(&field, "青森市 青森県", "a,b");
	check_stored(&field, "Aomori City, Aomori Prefecture", "a,b");
	check_refused_with(&field, "青森市、青森",
			   "「青森」で始まる選択肢が複数あるので、どれか一つを"
			   "入力してください: 青森市、青森県");
	check_refused(&field, "製造、9");
	check_refused(&field, "林業");
}

static void test_multi(void **state)
{
	struct field field = choice_field(FIELD_MULTI);

	check_stored(&field, "physical", "physical");
	check_stored(&field, "mental,physical", "physical,mental");
	check_stored(&field, "精神、身体", "physical,mental");
	check_stored(&field, "精神，療育", "intellectual,mental");
	check_stored(&field, "精神､療育", "intellectual,mental");
	check_stored(&field, " Mental , 身体 ,mental", "physical,mental");
	check_stored(&field, "身体,,精神,", "physical,mental");
	check_stored(&field, "none", "none");
	check_refused_with(&field, "身体、視覚",
			   "「視覚」は選択肢にないので、次から1つ以上を「、」か"
			   "「,」で区切って入力してください: なし、身体、療育、"
			   "精神");
	check_refused_with(&field, ",、", "入力が必要です");
	/* without exclusive, none combines */
	check_stored(&field, "none,physical", "none,physical");
	field.exclusive = "none";
	check_stored(&field, "なし", "none");
	check_stored(&field, "none,なし", "none");
	check_refused_with(&field, "なし、身体",
			   "「なし」はほかと一緒に選べないので、「なし」だけか、"
			   "それを含まない組み合わせを入力してください");
	check_format(&field, "physical,mental", "身体、精神");
	check_format(&field, "physical,other", "身体、other");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "none,mental",
			   "none cannot be combined with others; type either "
			   "none alone or a combination without it");
	check_format(&field, "physical,mental", "physical, mental");
}

static void test_bool(void **state)
{
	struct field field = make_field(FIELD_BOOL);

	check_stored(&field, "はい", "1");
	check_stored(&field, "いいえ", "0");
	check_stored(&field, "yes", "1");
	check_stored(&field, "No", "0");
	check_stored(&field, "Y", "1");
	check_stored(&field, "n", "0");
	check_stored(&field, "TRUE", "1");
	check_stored(&field, "false", "0");
	check_stored(&field, "１", "1");
	check_stored(&field, "0", "0");
	check_stored(&field, "有", "1");
	check_stored(&field, "無", "0");
	check_refused(&field, "ﾊｲ"); /* NFKC gives ハイ, not はい */
	check_refused_with(&field, "たぶん", "「はい」か「いいえ」で入力してください");
	check_format(&field, "1", "はい");
	check_format(&field, "0", "いいえ");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "maybe", "type yes or no");
	check_format(&field, "1", "yes");
	check_format(&field, "0", "no");
}

static void test_postal(void **state)
{
	struct field field = make_field(FIELD_POSTAL);

	check_stored(&field, "〒123-4567", "1234567");
	check_stored(&field, "〒 030-8570", "0308570");
	check_stored(&field, "1234567", "1234567");
	check_stored(&field, "123-4567", "1234567");
	check_stored(&field, "１２３－４５６７", "1234567");
	check_stored(&field, "１２３ー４５６７", "1234567");
	check_stored(&field, "１２３\xe2\x88\x92４５６７", "1234567");
	check_stored(&field, "１２３‐４５６７", "1234567");
	check_stored(&field, "１２３４５６７", "1234567");
	check_refused_with(&field, "123456",
			   "郵便番号は7桁なので、123-4567 の形で入力してください");
	check_refused(&field, "12-34567");
	check_refused(&field, "1234-567");
	check_refused(&field, "12345678");
	check_refused(&field, "〒abc-defg");
	check_format(&field, "0308570", "030-8570");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "1234",
			   "a postal code has 7 digits; type it as 123-4567");
}

static void test_phone(void **state)
{
	struct field field = make_field(FIELD_PHONE);

	check_stored(&field, "017-722-1111", "0177221111");
	check_stored(&field, "0177221111", "0177221111");
	check_stored(&field, "(017)722-1111", "0177221111");
	check_stored(&field, "017 722 1111", "0177221111");
	check_stored(&field, "０１７－７２２－１１１１", "0177221111");
	check_stored(&field, "０１７ー７２２ー１１１１", "0177221111");
	check_stored(&field, "03‐1234‐5678", "0312345678");
	check_stored(&field, "03–1234–5678", "0312345678"); /* en dash */
	check_refused_with(&field, "17-722-1111", msg(MSG_VALUE_PHONE));
	check_refused(&field, "+81-17-722-1111");
	check_refused(&field, "017-722-1111 内線12");
	check_refused_with(&field, "12345",
			   "電話番号として読めないので、0から始まる番号を "
			   "017-722-1111 の形で入力してください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "12345",
			   "not a phone number; type a number starting with 0, "
			   "such as 017-722-1111");
}

/* Every number plan in use: the prefix says how many digits. */
static void test_phone_plans(void **state)
{
	struct field field = make_field(FIELD_PHONE);
	const char *mobile = "携帯電話 (070・080・090) の番号は11桁なので、"
			     "090-1234-5678 の形で入力してください";

	/* fixed lines 0AB-CDE-XXXX: 10 digits, whatever the area code */
	check_stored(&field, "03-1234-5678", "0312345678");
	check_stored(&field, "06-1234-5678", "0612345678");
	check_stored(&field, "011-123-4567", "0111234567");
	check_stored(&field, "022-123-4567", "0221234567");
	check_stored(&field, "052-123-4567", "0521234567");
	check_stored(&field, "099-123-4567", "0991234567"); /* 鹿児島 */
	check_stored(&field, "0172-12-3456", "0172123456");
	check_stored(&field, "01267-2-3456", "0126723456");
	check_refused_with(&field, "03-1234-56789",
			   "市外局番から始まる固定電話の番号は10桁なので、"
			   "017-722-1111 の形で入力してください");
	check_refused(&field, "017-722-111");
	/* mobile 070, 080, 090 and 060: 11 digits */
	check_stored(&field, "090-1234-5678", "09012345678");
	check_stored(&field, "080-1234-5678", "08012345678");
	check_stored(&field, "070-1234-5678", "07012345678");
	check_stored(&field, "060-1234-5678", "06012345678");
	check_refused_with(&field, "090-1234-567", mobile);
	check_refused_with(&field, "090-1234-56789", mobile);
	check_refused_with(&field, "080-1234",
			   "携帯電話 (070・080・090) の番号は11桁なので、"
			   "080-1234-5678 の形で入力してください");
	check_refused_with(&field, "060-123-4567",
			   "060 の番号は11桁なので、060-1234-5678 の形で入力して"
			   "ください");
	/* 020 (M2M, pager) and 050 (IP): 11 digits */
	check_stored(&field, "020-1234-5678", "02012345678");
	check_stored(&field, "050-1234-5678", "05012345678");
	check_refused_with(&field, "050-123-4567",
			   "IP電話 (050) の番号は11桁なので、050-1234-5678 の形"
			   "で入力してください");
	check_refused_with(&field, "020-123-4567",
			   "M2M・ポケベル (020) の番号は11桁なので、"
			   "020-1234-5678 の形で入力してください");
	/* free dial 0120 (10) and 0800 (11), navi dial 0570, 0180, 0990 */
	check_stored(&field, "0120-123-456", "0120123456");
	check_stored(&field, "0800-123-4567", "08001234567");
	check_stored(&field, "0570-123-456", "0570123456");
	check_stored(&field, "0180-123-456", "0180123456");
	check_stored(&field, "0990-123-456", "0990123456");
	check_refused_with(&field, "0120-123-4567",
			   "フリーダイヤル (0120) の番号は10桁なので、"
			   "0120-123-456 の形で入力してください");
	check_refused_with(&field, "0800-123-456",
			   "フリーアクセス (0800) の番号は11桁なので、"
			   "0800-123-4567 の形で入力してください");
	check_refused_with(&field, "0570-123-4567",
			   "ナビダイヤル (0570) の番号は10桁なので、"
			   "0570-123-456 の形で入力してください");
	check_refused(&field, "0990-123-4567");
	check_refused(&field, "0180-1234-5678");
	/* calls abroad and nothing at all */
	check_refused_with(&field, "010-1234-5678",
			   "010 で始まる電話番号はないので、番号を確かめて入力"
			   "してください");
	check_refused_with(&field, "0012-345-678",
			   "00 で始まる電話番号はないので、番号を確かめて入力"
			   "してください");
	check_refused(&field, "0");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "090-1234-567",
			   "a mobile number (070, 080, 090) has 11 digits; "
			   "type it as 090-1234-5678");
	check_refused_with(&field, "03-1234-56789",
			   "a fixed-line number (area code first) has 10 "
			   "digits; type it as 017-722-1111");
}

static void test_email(void **state)
{
	struct field field = make_field(FIELD_EMAIL);

	check_stored(&field, "taro@example.jp", "taro@example.jp");
	check_stored(&field, " Taro.Aomori@Example.JP ",
		     "Taro.Aomori@example.jp");
	check_stored(&field, "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ",
		     "taro@example.jp");
	check_stored(&field, "a+tag@mail.pref.aomori.lg.jp",
		     "a+tag@mail.pref.aomori.lg.jp");
	check_refused_with(&field, "taro",
			   "メールアドレスとして読めないので、taro@example.jp の形"
			   "で入力してください");
	check_refused(&field, "taro@example");
	check_refused(&field, "@example.jp");
	check_refused(&field, "taro@");
	check_refused(&field, "taro@@example.jp");
	check_refused(&field, "ta ro@example.jp");
	check_refused(&field, "taro@exa mple.jp");
	check_refused(&field, "taro@example..jp");
	check_refused(&field, "taro@.example.jp");
	check_refused(&field, "taro@example.jp.");
	check_refused(&field, "taro@-example.jp");
	check_refused(&field, ".taro@example.jp");
	check_refused(&field, "ta..ro@example.jp");
	check_refused(&field, "太郎@example.jp");
	check_refused(&field, "taro@example.jp, hanako@example.jp");
	field.max_chars = 10;
	check_refused_with(&field, "taro@example.jp",
			   "10文字を超えている (入力は15文字) ので、短いメール"
			   "アドレスを入力してください");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "taro@example.jp",
			   "this is longer than 10 characters (it has 15); "
			   "type a shorter email address");
	field.max_chars = 0;
	check_refused_with(&field, "taro",
			   "not an email address; type it as taro@example.jp");
}

static void test_corporate_number(void **state)
{
	struct field field = make_field(FIELD_CORPORATE_NUMBER);

	check_stored(&field, "7000012050002", "7000012050002");
	check_stored(&field, "７０００ー０１ー２０５０００２", "7000012050002");
	check_stored(&field, "4011001098993", "4011001098993");
	check_stored(&field, "2120901007402", "2120901007402");
	check_stored(&field, "7123456789012", "7123456789012");
	check_refused_with(&field, "7000012050003",
			   msg(MSG_VALUE_CORPORATE_CHECK));
	check_refused(&field, "6000012050002");
	check_refused(&field, "0000012050002");
	check_refused_with(&field, "700001205000",
			   "法人番号は13桁なので、13桁の数字で入力してください");
	check_refused(&field, "70000120500021");
	check_refused(&field, "7000012O50002");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "7000012050003",
			   "the check digit (the first digit) does not match; "
			   "check the corporate number");
}

static void test_municipality(void **state)
{
	struct field field = make_field(FIELD_MUNICIPALITY);

	check_stored(&field, "131016", "131016");
	check_stored(&field, "022012", "022012");
	check_stored(&field, "011002", "011002");
	check_stored(&field, "020001", "020001"); /* 青森県 */
	check_stored(&field, "13101", "131016");
	check_stored(&field, "02201", "022012");
	check_stored(&field, "01100", "011002");
	check_stored(&field, "１３１０１", "131016");
	check_refused_with(&field, "131017", msg(MSG_VALUE_MUNICIPALITY_CHECK));
	check_refused(&field, "022013");
	check_refused_with(&field, "1310", msg(MSG_VALUE_MUNICIPALITY));
	check_refused(&field, "1310166");
	check_refused(&field, "48101");
	check_refused(&field, "00101");
	check_refused(&field, "13-101");
	msg_set_language(LANG_EN);
	check_refused_with(&field, "131010",
			   "the check digit (the 6th digit) does not match; "
			   "check the local government code");
}

static void test_prefecture(void **state)
{
	struct field field = make_field(FIELD_PREFECTURE);

	check_stored(&field, "2", "02");
	check_stored(&field, "02", "02");
	check_stored(&field, "０２", "02");
	check_stored(&field, "47", "47");
	check_stored(&field, "青森県", "02");
	check_stored(&field, "青森", "02");
	check_stored(&field, "東京都", "13");
	check_stored(&field, "東京", "13");
	check_stored(&field, "北海道", "01");
	check_stored(&field, "大阪府", "27");
	check_stored(&field, "大阪", "27");
	check_stored(&field, "京都府", "26");
	check_stored(&field, "京都", "26");
	check_stored(&field, "神奈川", "14");
	check_stored(&field, "鹿児島県", "46");
	check_stored(&field, "Aomori", "02");
	check_stored(&field, "TOKYO", "13");
	check_stored(&field, "hokkaido", "01");
	check_stored(&field, "Okinawa", "47");
	check_refused_with(&field, "0", msg(MSG_VALUE_PREFECTURE));
	check_refused(&field, "48");
	check_refused(&field, "002");
	check_refused(&field, "青森市");
	check_refused(&field, "県");
	check_refused(&field, "Edo");
	check_format(&field, "02", "青森県");
	check_format(&field, "13", "東京都");
	check_format(&field, "99", "99");
	msg_set_language(LANG_EN);
	check_format(&field, "02", "Aomori");
	check_refused_with(&field, "Atlantis",
			   "not a prefecture; type a name such as Aomori or "
			   "青森県, or its code, 01 to 47");
}

static void test_format_plain(void **state)
{
	struct field text = make_field(FIELD_TEXT);
	struct field date = make_field(FIELD_DATE);
	struct field phone = make_field(FIELD_PHONE);

	check_format(&text, "青森　太郎", "青森　太郎");
	check_format(&date, "2020-04-01", "2020-04-01");
	check_format(&phone, "0177221111", "0177221111");
	check_format(&text, NULL, "");
}

static void test_compare(void **state)
{
	struct field integer = make_field(FIELD_INTEGER);
	struct field yen = make_field(FIELD_YEN);
	struct field flag = make_field(FIELD_BOOL);
	struct field date = make_field(FIELD_DATE);
	struct field text = make_field(FIELD_TEXT);

	assert_true(value_compare(&integer, "9", "10") < 0);
	assert_true(value_compare(&integer, "-10", "-9") < 0);
	assert_true(value_compare(&integer, "100", "100") == 0);
	assert_true(value_compare(&yen, "1000000", "999999") > 0);
	assert_true(value_compare(&flag, "0", "1") < 0);
	assert_true(value_compare(&date, "2019-04-30", "2019-05-01") < 0);
	assert_true(value_compare(&date, "2020-12-31", "2020-02-01") > 0);
	assert_true(value_compare(&text, "9", "10") > 0);
	assert_true(value_compare(&text, "abc", "abc") == 0);
	assert_true(value_compare(&text, NULL, "a") < 0);
	assert_true(value_compare(&text, "a", NULL) > 0);
	assert_true(value_compare(&text, NULL, NULL) == 0);
}

/* Parsing a stored value again gives the same stored value. */
static void test_stored_is_stable(void **state)
{
	static const struct {
		enum field_type type;
		const char *stored;
	} cases[] = {
		{ FIELD_TEXT, "青森 太郎" },
		{ FIELD_KANA, "アオモリ　タロウ" },
		{ FIELD_INTEGER, "-42" },
		{ FIELD_YEN, "1000000" },
		{ FIELD_DATE, "2019-05-01" },
		{ FIELD_BOOL, "1" },
		{ FIELD_POSTAL, "0308570" },
		{ FIELD_PHONE, "09012345678" },
		{ FIELD_EMAIL, "taro@example.jp" },
		{ FIELD_CORPORATE_NUMBER, "7000012050002" },
		{ FIELD_MUNICIPALITY, "022012" },
		{ FIELD_PREFECTURE, "02" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct field field = make_field(cases[i].type);

		check_stored(&field, cases[i].stored, cases[i].stored);
	}
}

#define TEST(name) cmocka_unit_test_setup(name, japanese)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(test_normalize),
		TEST(test_utf8_counts),
		TEST(test_required_and_utf8),
		TEST(test_text),
		TEST(test_text_check_safe),
		TEST(test_text_escape_unsafe),
		TEST(test_unsafe_in_fields),
		TEST(test_kana),
		TEST(test_kana_marks),
		TEST(test_integer),
		TEST(test_integer_range),
		TEST(test_integer_unit),
		TEST(test_yen),
		TEST(test_yen_units),
		TEST(test_yen_format),
		TEST(test_date_forms),
		TEST(test_date_kanji),
		TEST(test_date_refused),
		TEST(test_date_era_bounds),
		TEST(test_date_helpers),
		TEST(test_choice),
		TEST(test_choice_code_before_label),
		TEST(test_choice_forms),
		TEST(test_choice_numeric_codes),
		TEST(test_multi_forms),
		TEST(test_multi),
		TEST(test_bool),
		TEST(test_postal),
		TEST(test_phone),
		TEST(test_phone_plans),
		TEST(test_email),
		TEST(test_corporate_number),
		TEST(test_municipality),
		TEST(test_prefecture),
		TEST(test_format_plain),
		TEST(test_compare),
		TEST(test_stored_is_stable),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
