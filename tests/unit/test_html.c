/* Unit tests of core/server/html.c: escaping, form decoding, UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "html.h"
#include "util.h"

static void test_escape(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	html_escape(&sb, "\"><img src=x onerror=alert('1')>&amp; 青森");
	assert_string_equal(strbuf_str(&sb),
			    "&quot;&gt;&lt;img src=x onerror=alert(&#39;1&#39;)"
			    "&gt;&amp;amp; 青森");
	html_escape(&sb, NULL);
	strbuf_release(&sb);
}

static enum post_result decode(const char *body, struct post_form *form)
{
	return post_decode(body, strlen(body), form);
}

static void test_form(void **state)
{
	struct post_form form;

	assert_int_equal(decode("name=sato&password=a+b%26c%E9%9D%92",
				&form), POST_OK);
	assert_int_equal(form.n, 2);
	assert_string_equal(post_get(&form, "name"), "sato");
	assert_string_equal(post_get(&form, "password"), "a b&c青");
	assert_null(post_get(&form, "csrf"));
	post_release(&form);
	assert_int_equal(decode("", &form), POST_OK);
	assert_int_equal(form.n, 0);
	assert_int_equal(decode("a=", &form), POST_OK);
	assert_string_equal(post_get(&form, "a"), "");
	post_release(&form);
}

static void test_form_refused(void **state)
{
	static const char *const malformed[] = {
		"a",	"=b",	"a=1&a=2", "a=%4",
		"a=%zz", "a=%00", "a=1&",    "a=1&&b=2",
	};
	struct post_form form;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(malformed); i++)
		assert_int_equal(decode(malformed[i], &form), POST_MALFORMED);
	assert_int_equal(decode("a=%ff", &form), POST_NOT_UTF8);
	assert_int_equal(decode("a=%C0%AF", &form), POST_NOT_UTF8);
	assert_int_equal(post_decode("a=b\0c", 5, &form), POST_MALFORMED);
	assert_int_equal(form.n, 0);
}

/* The fields an attacker may shape: how many, names spelled two ways,
 * separators inside values, bytes that are not UTF-8 wherever they are. */
static void test_form_attacks(void **state)
{
	static const char *const not_utf8[] = {
		"%ff=1",	   "a=\xff",	     "a=%ed%a0%80",
		"a=%f4%90%80%80", "a=%e3%81",	     "a=1&b=%80",
		"n%c3=1",	   "a=%f8%88%80%80%80",
	};
	struct strbuf body = STRBUF_INIT;
	struct post_form form;
	size_t i;

	for (i = 0; i < POST_FIELDS_MAX; i++)
		strbuf_addf(&body, "%sf%zu=x", i ? "&" : "", i);
	assert_int_equal(decode(strbuf_str(&body), &form), POST_OK);
	assert_int_equal(form.n, POST_FIELDS_MAX);
	post_release(&form);
	strbuf_addstr(&body, "&one=more");
	assert_int_equal(decode(strbuf_str(&body), &form), POST_MALFORMED);
	assert_int_equal(form.n, 0);
	strbuf_release(&body);

	assert_int_equal(decode("a=1&%61=2", &form), POST_MALFORMED);
	assert_int_equal(decode("a+b=1&a%20b=2", &form), POST_MALFORMED);
	assert_int_equal(decode("a=1%262%3Db&b=%2B", &form), POST_OK);
	assert_string_equal(post_get(&form, "a"), "1&2=b");
	assert_string_equal(post_get(&form, "b"), "+");
	post_release(&form);
	for (i = 0; i < ARRAY_SIZE(not_utf8); i++)
		assert_int_equal(decode(not_utf8[i], &form), POST_NOT_UTF8);
	assert_int_equal(form.n, 0);
	assert_false(utf8_valid_text("\xc0\xaf"));
	assert_true(utf8_valid_text("青森 <&>"));
	assert_true(utf8_valid("a\0b", 3));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_form),
		cmocka_unit_test(test_form_refused),
		cmocka_unit_test(test_form_attacks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
