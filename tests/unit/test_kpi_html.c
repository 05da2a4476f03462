/* Unit tests of core/report/kpi_html.c: the report's HTML from a report
 * built by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"

#include "kpi.h"
#include "messages.h"
#include "plugin.h"
#include "util.h"

static const struct intake_outcome startup_outcomes[] = {
    {"employed", "県内就職", "employed in the prefecture", INTAKE_ONCE},
    {"paid", "支給", "paid", INTAKE_EVERY},
};
static const struct intake_plugin startup_plugin = {
    .id = "startup",
    .title_ja = "起業支援",
    .title_en = "Start-up support",
    .outcomes = startup_outcomes,
    .n_outcomes = 2,
};
static const struct intake_outcome course_outcomes[] = {
    {"completed", "修了", "completed", INTAKE_ONCE},
};
static const struct intake_plugin course_plugin = {
    .id = "course",
    .title_ja = "職業訓練",
    .title_en = "Vocational course",
    .outcomes = course_outcomes,
    .n_outcomes = 1,
};
static struct programme startup = {.plugin = &startup_plugin};
static struct programme course = {.plugin = &course_plugin};

/* 5 employed against a target of 3 (1.00 published, 1.67 uncapped);
 * 支給 without a target, with 1,234,567 yen. */
static struct kpi_indicator startup_indicators[] = {
    {.outcome = &startup_outcomes[0],
     .distinct = 1,
     .actual = 5,
     .people = 5,
     .previous = 3,
     .has_target = 1,
     .target = 3,
     .achievement = 100,
     .ratio = 167,
     .monthly = {1, 2, 0, 1, 1}},
    {.outcome = &startup_outcomes[1],
     .actual = 4,
     .people = 3,
     .previous = 5,
     .achievement = -1,
     .ratio = -1,
     .has_amount = 1,
     .amount = 1234567,
     .monthly = {0, 1, 1, 0, 2}},
};
static struct kpi_indicator course_indicators[] = {
    {.outcome = &course_outcomes[0],
     .distinct = 1,
     .actual = 4,
     .people = 4,
     .previous = 4,
     .has_target = 1,
     .target = 1500,
     .achievement = 0,
     .ratio = 0,
     .monthly = {4}},
};
static struct kpi_programme programmes[] = {
    {.programme = &startup,
     .received = 12,
     .previous_received = 9,
     .monthly_received = {3, 2, 4, 1, 2},
     .indicators = startup_indicators,
     .n_indicators = 2},
    {.programme = &course,
     .received = 2345,
     .previous_received = 2400,
     .monthly_received = {2345},
     .indicators = course_indicators,
     .n_indicators = 1},
};

static long long office_events_a[] = {3, 4}, office_events_b[] = {2, 0};
static long long course_events[] = {4};
static struct kpi_group startup_offices[] = {
    {.code = "hirosaki",
     .label = "弘前<script>alert(1)</script>&本庁",
     .received = 8,
     .events = office_events_a},
    {.code = NULL,
     .label = "事務所なし",
     .received = 4,
     .events = office_events_b},
};
static struct kpi_group course_offices[] = {
    {.code = "aomori",
     .label = "青森",
     .received = 2345,
     .events = course_events},
};
static struct kpi_breakdown by_office[] = {
    {.of = &programmes[0],
     .title = "事務所別",
     .groups = startup_offices,
     .n_groups = 2},
    {.of = &programmes[1],
     .title = "事務所別",
     .groups = course_offices,
     .n_groups = 1},
};
static long long single_events[] = {5, 4}, none_events[] = {0, 0};
static struct kpi_group households[] = {
    {.code = "single",
     .label = "単身",
     .received = 12,
     .events = single_events},
    {.code = "household",
     .label = "世帯",
     .received = 0,
     .events = none_events},
};
static struct kpi_breakdown by_field[] = {
    {.of = &programmes[0],
     .title = "世帯区分",
     .groups = households,
     .n_groups = 2},
};

static struct kpi_report sample(void)
{
	struct kpi_report report = {
	    .fiscal_year = 2026,
	    .from_month = 202604,
	    .to_month = 202608,
	    .months = 5,
	    .provisional = 1,
	    .programmes = programmes,
	    .n_programmes = 2,
	    .by_office = by_office,
	    .by_field = by_field,
	    .n_by_field = 1,
	    .generated_at = "2026-09-01 10:00",
	    .generated_by = "佐藤 & <b>",
	    .audit_head = "ab12cd",
	};

	return report;
}

static char *body_of(const struct kpi_report *report)
{
	struct strbuf sb = STRBUF_INIT;

	kpi_html_body(report, &sb);
	return strbuf_detach(&sb);
}

static size_t count(const char *haystack, const char *needle)
{
	size_t n = 0;

	for (; (haystack = strstr(haystack, needle)); haystack++)
		n++;
	return n;
}

static void assert_lacks(const char *haystack, const char *needle)
{
	if (strstr(haystack, needle))
		fail_msg("'%s' should not be in:\n%s", needle, haystack);
}

/* The text between the first from and the next to, malloced. */
static char *between(const char *text, const char *from, const char *to)
{
	const char *start = strstr(text, from), *end;

	assert_non_null(start);
	end = strstr(start, to);
	assert_non_null(end);
	return xstrndup(start, (size_t)(end - start));
}

static void test_actual(void **state)
{
	struct kpi_report report = sample();
	char *html = body_of(&report);
	char *actual = between(html, "kpi-actual", "</section>");

	assert_contains(actual, "<th scope=\"col\">施策</th>"
				"<th scope=\"col\">指標</th>"
				"<th scope=\"col\">目標値</th>"
				"<th scope=\"col\">実績値</th>"
				"<th scope=\"col\">達成状況</th>"
				"<th scope=\"col\">達成率（上限なし）</th>"
				"<th scope=\"col\">前年度</th>"
				"<th scope=\"col\">増減</th>"
				"<th scope=\"col\">支給額（円）</th>");
	/* 受付件数 first, the programme's title over its rows */
	assert_contains(actual, "rowspan=\"3\">起業支援</th><td>受付件数</td>"
				"<td class=\"kpi-num\"></td>"
				"<td class=\"kpi-num\">12</td>");
	/* 5 against 3: 1.00 as published, 1.67 beside it, +2 on 3 */
	assert_contains(actual, "<td>県内就職（実）</td>"
				"<td class=\"kpi-num\">3</td>"
				"<td class=\"kpi-num\">5</td>"
				"<td class=\"kpi-num\">1.00</td>"
				"<td class=\"kpi-num\">1.67</td>"
				"<td class=\"kpi-num\">3</td>"
				"<td class=\"kpi-num\">+2</td>");
	/* no target: blank cells, never 0; yen with separators */
	assert_contains(actual, "<td>支給（延べ）</td>"
				"<td class=\"kpi-num\"></td>"
				"<td class=\"kpi-num\">4</td>"
				"<td class=\"kpi-num\"></td>"
				"<td class=\"kpi-num\"></td>"
				"<td class=\"kpi-num\">5</td>"
				"<td class=\"kpi-num\">-1</td>"
				"<td class=\"kpi-num\">1,234,567</td>");
	/* thousands separators, a fall shown with its sign, 0.00 kept */
	assert_contains(actual, "<td class=\"kpi-num\">2,345</td>"
				"<td class=\"kpi-num\"></td>"
				"<td class=\"kpi-num\"></td>"
				"<td class=\"kpi-num\">2,400</td>"
				"<td class=\"kpi-num\">-55</td>");
	assert_contains(actual, "<td class=\"kpi-num\">1,500</td>"
				"<td class=\"kpi-num\">4</td>"
				"<td class=\"kpi-num\">0.00</td>"
				"<td class=\"kpi-num\">0.00</td>");
	free(actual);
	free(html);
}

static void test_heading_and_footer(void **state)
{
	struct kpi_report report = sample();
	char *html = body_of(&report);

	assert_contains(html, "<h2>事業実績報告 2026年度</h2>");
	assert_contains(html, "2026年4月〜2026年8月 <span class=\"kpi-status"
			      " kpi-provisional\">集計中</span>");
	assert_lacks(html, "確定");
	assert_contains(html, "作成日時 2026-09-01 10:00、作成者 佐藤 &amp; "
			      "&lt;b&gt;、監査記録の先頭ハッシュ ab12cd");
	free(html);
	report.provisional = 0;
	report.to_month = 202703;
	report.months = 12;
	html = body_of(&report);
	assert_contains(html, "2026年4月〜2027年3月 <span class=\"kpi-status"
			      " kpi-final\">確定</span>");
	assert_lacks(html, "集計中");
	free(html);
}

static void test_monthly(void **state)
{
	struct kpi_report report = sample();
	char *html = body_of(&report);
	char *monthly = between(html, "kpi-monthly", "</section>");
	char *block = between(monthly, "<h5>県内就職（実）</h5>", "</svg>");

	/* an SVG chart per outcome, in 月別 and nowhere else */
	assert_int_equal(count(monthly, "<svg"), 3);
	assert_int_equal(count(html, "<svg"), 3);
	assert_int_equal(count(monthly, "</svg>"), 3);
	/* the months of the period, blank after it; running total, target */
	assert_contains(block, "<th scope=\"col\">4月</th>");
	assert_contains(block, "<th scope=\"col\">3月</th>");
	assert_contains(block, "件数</th><td class=\"kpi-num\">1</td>"
			       "<td class=\"kpi-num\">2</td>"
			       "<td class=\"kpi-num\">0</td>"
			       "<td class=\"kpi-num\">1</td>"
			       "<td class=\"kpi-num\">1</td>"
			       "<td class=\"kpi-num\"></td>");
	assert_contains(block, "累計</th><td class=\"kpi-num\">1</td>"
			       "<td class=\"kpi-num\">3</td>"
			       "<td class=\"kpi-num\">3</td>"
			       "<td class=\"kpi-num\">4</td>"
			       "<td class=\"kpi-num\">5</td>"
			       "<td class=\"kpi-num\"></td>");
	assert_contains(block, "<td class=\"kpi-num\"></td>"
			       "<td class=\"kpi-num\">3</td></tr>");
	/* the chart: its title, a bar per month of the period with its
	 * own, the cumulative line through five points, the target line */
	assert_contains(block,
			"<title>県内就職（実）: 月別件数（棒）、累計（線）、"
			"目標値（破線）</title>");
	assert_int_equal(count(block, "<rect"), 5);
	assert_contains(block, "<title>5月: 2件、累計 3件</title></rect>");
	assert_contains(block, "<title>8月: 1件、累計 5件</title></rect>");
	assert_int_equal(count(block, "<polyline"), 1);
	assert_contains(block, "stroke-dasharray=\"6 4\"/>");
	assert_contains(block, ">3月</text>");
	free(block);
	/* 支給 has no target: no target line, no target in the legend */
	block = between(monthly, "<h5>支給（延べ）</h5>", "</svg>");
	assert_lacks(block, "stroke-dasharray");
	assert_lacks(block, "目標値</text>");
	free(block);
	free(monthly);
	free(html);
}

static void test_breakdowns(void **state)
{
	struct kpi_report report = sample();
	char *html = body_of(&report);
	char *offices = between(html, "kpi-offices", "</section>");
	char *field = between(html, "kpi-field", "</section>");

	assert_contains(offices, "<h3>事務所別</h3>");
	assert_contains(offices, "<th scope=\"col\">受付件数</th>"
				 "<th scope=\"col\">県内就職（実）</th>"
				 "<th scope=\"col\">支給（延べ）</th>");
	assert_contains(offices, ">弘前&lt;script&gt;alert(1)&lt;/script&gt;"
				 "&amp;本庁</th><td class=\"kpi-num\">8</td>"
				 "<td class=\"kpi-num\">3</td>"
				 "<td class=\"kpi-num\">4</td>");
	assert_contains(offices, ">合計</th><td class=\"kpi-num\">12</td>"
				 "<td class=\"kpi-num\">5</td>"
				 "<td class=\"kpi-num\">4</td>");
	assert_contains(offices, "<h4>職業訓練</h4>");
	assert_contains(field, "<h3>起業支援: 世帯区分</h3>");
	assert_contains(field, ">世帯</th><td class=\"kpi-num\">0</td>"
			       "<td class=\"kpi-num\">0</td>"
			       "<td class=\"kpi-num\">0</td>");
	free(field);
	free(offices);
	free(html);
}

/* Nothing the server's CSP refuses, nothing unescaped. */
static void test_safe(void **state)
{
	struct kpi_report report = sample();
	char *html = body_of(&report);

	assert_lacks(html, "<script");
	assert_lacks(html, "style=");
	assert_lacks(html, "<style");
	assert_lacks(html, " on");
	assert_lacks(html, "&本庁");
	assert_contains(html, "&amp;本庁");
	free(html);
}

static void test_document(void **state)
{
	struct kpi_report report = sample();
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	assert_int_equal(kpi_write_html(&report, out), 0);
	fclose(out);
	assert_memory_equal(text, "<!DOCTYPE html>\n<html lang=\"ja\">", 31);
	assert_contains(text, "<meta charset=\"utf-8\">");
	assert_contains(text, "<title>事業実績報告 2026年度</title>");
	assert_contains(text, kpi_html_css);
	assert_contains(text, "@page kpi { size: A4 landscape;");
	assert_contains(text, "</table>\n</section>\n");
	assert_contains(text, "</body></html>\n");
	/* no external resource of any kind */
	assert_lacks(text, "http");
	assert_lacks(text, "src=");
	assert_lacks(text, "href=");
	assert_lacks(text, "url(");
	assert_lacks(text, "@import");
	assert_lacks(text, "<script");
	assert_lacks(text, "style=");
	free(text);
}

static void test_write_fails(void **state)
{
	struct kpi_report report = sample();
	FILE *full = fopen("/dev/full", "w");

	assert_non_null(full);
	assert_int_equal(kpi_write_html(&report, full), -1);
	fclose(full);
}

static void test_english(void **state)
{
	struct kpi_report report = sample();
	char *html;

	msg_set_language(LANG_EN);
	html = body_of(&report);
	msg_set_language(LANG_JA);
	assert_contains(html, "<th scope=\"col\">Achievement</th>");
	assert_contains(html, "employed in the prefecture (people)");
	assert_contains(html, "<th scope=\"col\">Mar</th>");
	assert_contains(html, ">provisional</span>");
	free(html);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_actual),
	    cmocka_unit_test(test_heading_and_footer),
	    cmocka_unit_test(test_monthly),
	    cmocka_unit_test(test_breakdowns),
	    cmocka_unit_test(test_safe),
	    cmocka_unit_test(test_document),
	    cmocka_unit_test(test_write_fails),
	    cmocka_unit_test(test_english),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
