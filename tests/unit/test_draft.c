/* Drafts as the browser fills them (ops/draft.c) and the entry form as
 * HTML (server/page_form.c): empty answers, `when`, problems, escaping,
 * and messages in the language of the thread. */
#include "support.h"

#include <pthread.h>
#include <stdlib.h>

#include "application.h"
#include "draft.h"
#include "form.h"
#include "messages.h"
#include "page_form.h"
#include "plugin.h"

static char *tmpdir;
static struct programme programme;

#define FORM_TEXT                                                       \
	"[form]\nid = test\nversion = 1\n"                              \
	"[field.name]\ntype = text\nlabel_ja = 氏名\nlabel_en = Name\n" \
	"[field.note]\ntype = text\nlabel_ja = 備考\nlabel_en = Note\n" \
	"required = no\n"                                               \
	"[field.born]\ntype = date\nlabel_ja = 生年月日\n"              \
	"label_en = Date of birth\nrequired = no\n"                     \
	"[field.grant]\ntype = bool\nlabel_ja = 申請\nlabel_en = Grant\n" \
	"[field.years]\ntype = integer\nlabel_ja = 年数\n"              \
	"label_en = Years\nwhen = grant = yes\n"

static int setup(void **state)
{
	char *path;

	tmpdir = scratch_make("test_draft");
	path = path_join(tmpdir, "test.ini");
	write_file(path, FORM_TEXT);
	if (form_load(&programme.form, path))
		return -1;
	free(path);
	return 0;
}

static int teardown(void **state)
{
	form_release(&programme.form);
	scratch_remove(tmpdir);
	free(tmpdir);
	return 0;
}

static void test_empty_answers(void **state)
{
	struct intake_case app;

	application_init(&app, &programme);
	assert_int_equal(0, draft_answer(&app, "note", "memo"));
	assert_string_equal("memo", application_value(&app, "note"));
	/* empty clears an optional answer */
	assert_int_equal(0, draft_answer(&app, "note", " "));
	assert_null(application_value(&app, "note"));
	assert_int_equal(0, app.n_problems);
	/* and is a problem on a required one, the answer kept */
	assert_int_equal(0, draft_answer(&app, "name", "青森"));
	assert_int_equal(-1, draft_answer(&app, "name", ""));
	assert_int_equal(1, app.n_problems);
	assert_string_equal("name", app.problems[0].field);
	assert_string_equal("青森", application_value(&app, "name"));
	/* an unknown field is refused */
	application_clear_problems(&app);
	assert_int_equal(-1, draft_answer(&app, "nowhere", ""));
	assert_string_equal("nowhere", app.problems[0].field);
	application_release(&app);
}

static void test_form_html(void **state)
{
	struct intake_case app;
	struct strbuf sb = STRBUF_INIT;
	const char *html;

	msg_set_language(LANG_EN);
	application_init(&app, &programme);
	assert_int_equal(0, draft_answer(&app, "name", "\"><b>x</b>"));
	assert_int_equal(-1, draft_answer(&app, "born", "令和99年13月1日"));
	page_form_fields(&sb, &app, NULL);
	html = strbuf_str(&sb);
	assert_contains(html, "value=\"&quot;&gt;&lt;b&gt;x&lt;/b&gt;\"");
	assert_null(strstr(html, "<b>"));
	assert_contains(html, "<label for=\"f-name\">Name <span class="
			      "\"required\">required</span></label>");
	assert_contains(html, "<span class=\"problem\" id=\"p-born\" role="
			      "\"alert\" aria-live=\"polite\">Date of birth");
	assert_contains(html, "id=\"w-years\" data-field=\"years\" hidden>");
	assert_contains(html, "<option value=\"1\">yes</option>");
	strbuf_reset(&sb);
	application_clear_problems(&app);
	assert_int_equal(0, draft_answer(&app, "grant", "はい"));
	page_form_fields(&sb, &app, NULL);
	html = strbuf_str(&sb);
	assert_contains(html, "id=\"w-years\" data-field=\"years\">");
	assert_contains(html, "<option value=\"1\" selected>yes</option>");
	assert_contains(html, "<span class=\"problem\" id=\"p-born\" role="
			      "\"alert\" aria-live=\"polite\"></span>");
	strbuf_release(&sb);
	application_release(&app);
	msg_set_language(LANG_JA);
}

static void *label_in_english(void *result)
{
	msg_set_thread_language(LANG_EN);
	*(const char **)result = msg(MSG_PAGE_REQUIRED);
	return NULL;
}

/* A thread's language is its own: the process's stays. */
static void test_thread_language(void **state)
{
	const char *english = NULL;
	pthread_t thread;

	msg_set_language(LANG_JA);
	assert_int_equal(0, pthread_create(&thread, NULL, label_in_english,
					   &english));
	assert_int_equal(0, pthread_join(thread, NULL));
	assert_string_equal("required", english);
	assert_string_equal("必須", msg(MSG_PAGE_REQUIRED));
	msg_set_thread_language(LANG_EN);
	assert_string_equal("required", msg(MSG_PAGE_REQUIRED));
	msg_set_thread_language(-1);
	assert_string_equal("必須", msg(MSG_PAGE_REQUIRED));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_answers),
		cmocka_unit_test(test_form_html),
		cmocka_unit_test(test_thread_language),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
