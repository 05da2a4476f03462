/* Unit tests of core/programme/plugin.c: descriptor checks, loading, the registry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "application.h"
#include "host.h"
#include "messages.h"
#include "plugin.h"
#include "support.h"
#include "util.h"

/*
 * The loading tests use the test plugins of tests/plugins/, built into
 * $INTAKE_BUILD/tests/plugins, or else into plugins/ beside this test
 * program (build/tests/plugins for build/tests/test_plugin).  Their
 * forms are read from $INTAKE_SOURCE/tests/fixtures, or else from
 * tests/fixtures under the current directory (make runs from the top).
 */
static char *plugin_build_dir;
static char *fixture_dir;
static int have_plugins;

/* ---- capturing stderr, where refusals are printed ---- */

static char *last_stderr; /* what the last capture caught */

static void capture_stop(void)
{
	free(last_stderr);
	last_stderr = captured();
}

#define expect_captured(text) assert_contains(last_stderr, (text))

/* ---- descriptor checks on descriptors in memory ---- */

static const struct intake_outcome good_outcomes[] = {
	{ "contacted", "相談", "contacted", INTAKE_EVERY },
	{ "employed", "就職", "employed", INTAKE_ONCE },
};

static const struct intake_plugin good = {
	INTAKE_DESCRIPTOR_HEADER,
	"uij_turn",
	"1.0.0",
	"UIJターン",
	"UIJ-turn",
	"UIJ",
	"uij_turn.ini",
	good_outcomes,
	INTAKE_COUNT(good_outcomes),
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	0,
	NULL,
	0,
	NULL,
	0,
	NULL,
	0,
};

/* check the descriptor; expect a refusal whose message holds text. */
static void expect_refused(const struct intake_plugin *plugin,
			   const char *text)
{
	int rc;

	capture_stderr();
	rc = plugin_descriptor_check(plugin, "mem.so");
	capture_stop();
	assert_int_equal(rc, -1);
	expect_captured("intake: mem.so: ");
	expect_captured(text);
}

static void test_good_descriptor_passes(void **state)
{
	struct intake_plugin plugin = good;
	char id32[33];

	assert_int_equal(plugin_descriptor_check(&good, "mem.so"), 0);
	memset(id32, 'a', 32);
	id32[32] = '\0';
	plugin.id = id32;
	plugin.receipt_prefix = "ABCDEFGH";
	plugin.size += 64; /* a larger descriptor of the same minor */
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	plugin.receipt_prefix = "AB";
	plugin.id = "a_1";
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
}

static void test_header_refusals(void **state)
{
	struct intake_plugin plugin;

	expect_refused(NULL, "returned no descriptor");
	plugin = good;
	plugin.magic = 0x494e544bu;
	expect_refused(&plugin, "wrong magic 0x494e544b (expected 0x4b544e49)");
	plugin = good;
	plugin.abi_major = 2;
	expect_refused(&plugin, "built for ABI 2.3, this intake has ABI 1.3");
	expect_captured("rebuild the plugin against this intake");
	plugin.abi_major = 0;
	expect_refused(&plugin, "built for ABI 0.3, this intake has ABI 1.3");
	plugin = good;
	plugin.abi_minor = INTAKE_ABI_MINOR + 1;
	expect_refused(&plugin, "built for ABI 1.4, this intake has ABI 1.3");
	expect_captured("rebuild the plugin against this intake");
	plugin = good;
	plugin.size = (uint32_t)INTAKE_PLUGIN_MIN_SIZE - 1;
	expect_refused(&plugin, "rebuild the plugin against this intake");
	expect_captured("needs at least");
}

/* A 1.0 descriptor ends at fini; a 1.1 one must hold the fields list. */
static void test_size_by_minor(void **state)
{
	static const struct intake_field_need bad[] = {
		{ "x", "no_such_type", NULL },
	};
	struct intake_plugin plugin = good;
	char needed[64];

	plugin.abi_minor = 0;
	plugin.size = (uint32_t)offsetof(struct intake_plugin, fields);
	assert_int_equal(plugin.size, INTAKE_PLUGIN_MIN_SIZE);
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	/* A 1.0 descriptor's fields list is never read. */
	plugin.fields = bad;
	plugin.n_fields = 1;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	plugin.abi_minor = 1;
	snprintf(needed, sizeof(needed), "needs at least %lu",
		 (unsigned long)INTAKE_PLUGIN_MIN_SIZE_1_1);
	expect_refused(&plugin, needed);
	plugin.size = (uint32_t)INTAKE_PLUGIN_MIN_SIZE_1_1;
	expect_refused(&plugin, "'no_such_type' is not a field type");
}

/* A 1.1 descriptor ends at n_fields; a 1.2 one must hold outcome needs. */
static void test_size_by_minor_1_2(void **state)
{
	static const struct intake_outcome_need bad[] = {
		{ "employed", "not_an_outcome", "r", "ja", "en" },
	};
	struct intake_plugin plugin = good;
	char needed[64];

	plugin.abi_minor = 1;
	plugin.size = (uint32_t)offsetof(struct intake_plugin, outcome_needs);
	assert_int_equal(plugin.size, INTAKE_PLUGIN_MIN_SIZE_1_1);
	/* A 1.1 descriptor's outcome needs are never read. */
	plugin.outcome_needs = bad;
	plugin.n_outcome_needs = 1;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	plugin.outcome_needs = NULL;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	plugin.abi_minor = 2;
	snprintf(needed, sizeof(needed), "needs at least %lu",
		 (unsigned long)INTAKE_PLUGIN_MIN_SIZE_1_2);
	expect_refused(&plugin, needed);
	plugin.size = (uint32_t)INTAKE_PLUGIN_MIN_SIZE_1_2;
	expect_refused(&plugin, "declares 1 outcome needs but no list");
	plugin.outcome_needs = bad;
	expect_refused(&plugin, "needs 'not_an_outcome' is not a declared");
}

/* The outcome needs of a 1.2 descriptor, checked against its outcomes. */
static void test_outcome_needs_refusals(void **state)
{
	struct intake_outcome_need needs[2] = {
		{ "employed", "contacted", "employed_after_contacted",
		  "就職の前に相談を記録してください",
		  "record contacted before employed" },
		{ "employed", "contacted", "employed_after_contact_2", "二",
		  "two" },
	};
	struct intake_plugin plugin = good;

	plugin.outcome_needs = needs;
	plugin.n_outcome_needs = 2;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	plugin.outcome_needs = NULL;
	expect_refused(&plugin, "declares 2 outcome needs but no list of "
				"them (outcome_needs is NULL)");
	plugin.outcome_needs = needs;
	needs[1].code = "hired";
	expect_refused(&plugin, "outcome_needs[1]: code 'hired' is not a "
				"declared outcome (declared: contacted, "
				"employed)");
	needs[1].code = NULL;
	expect_refused(&plugin, "outcome_needs[1]: code '(NULL)' is not a");
	needs[1].code = "employed";
	needs[1].needs = "Contacted";
	expect_refused(&plugin, "outcome_needs[1]: needs 'Contacted' is not "
				"a declared outcome");
	needs[1].needs = NULL;
	expect_refused(&plugin, "outcome_needs[1]: needs '(NULL)' is not a");
	needs[1].needs = "employed";
	expect_refused(&plugin,
		       "outcome_needs[1]: outcome 'employed' needs itself");
	needs[1].needs = "contacted";
	needs[1].rule = NULL;
	expect_refused(&plugin, "outcome_needs[1] 'employed' has no rule id");
	needs[1].rule = "";
	expect_refused(&plugin, "outcome_needs[1] 'employed' has no rule id");
	needs[1].rule = "r";
	needs[1].message_ja = NULL;
	expect_refused(&plugin, "outcome_needs[1] 'employed' lacks a message");
	needs[1].message_ja = "二";
	needs[1].message_en = NULL;
	expect_refused(&plugin, "message_ja and message_en are required");
	needs[1].message_en = "two";
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);

	/* In Japanese too. */
	needs[0].needs = "consulted";
	msg_set_language(LANG_JA);
	expect_refused(&plugin, "outcome_needs[0]: needs 'consulted' は宣言"
				"された結果ではありません (宣言されているのは "
				"contacted, employed)");
	msg_set_language(LANG_EN);
}

/* ---- the core applying outcome needs, on a programme in memory ---- */

static int check_outcome_calls;

/* Counts its calls; refuses "employed" on 2026-12-31 with rule late. */
static int counting_check_outcome(const struct intake_host *host,
				  struct intake_case *c, const char *code,
				  long yyyymmdd)
{
	check_outcome_calls++;
	if (strcmp(code, "employed") || yyyymmdd != 20261231)
		return INTAKE_OK;
	host->error(c, NULL, "late", "遅すぎます", "too late");
	return INTAKE_REFUSE;
}

static const struct intake_outcome three_outcomes[] = {
	{ "contacted", "相談", "contacted", INTAKE_EVERY },
	{ "trained", "訓練", "trained", INTAKE_ONCE },
	{ "employed", "就職", "employed", INTAKE_ONCE },
};

/* employed needs both; trained needs contacted. */
static const struct intake_outcome_need three_needs[] = {
	{ "employed", "contacted", "employed_needs_contacted",
	  "先に相談を記録してください", "record contacted first" },
	{ "trained", "contacted", "trained_needs_contacted",
	  "先に相談を記録してください (訓練)", "record contacted first (trained)" },
	{ "employed", "trained", "employed_needs_trained",
	  "先に訓練を記録してください", "record trained first" },
};

/* A programme of descriptor over the every_callback fixture form. */
static void programme_in_memory(struct programme *programme,
				const struct intake_plugin *descriptor)
{
	char *form = xstrfmt("%s/every_callback.ini", fixture_dir);

	memset(programme, 0, sizeof(*programme));
	programme->plugin = descriptor;
	assert_int_equal(form_load(&programme->form, form), 0);
	free(form);
}

/* Each failed need is one problem, field NULL, in the current language;
 * check_outcome is called only when every need of the code holds. */
static void test_outcome_needs_applied(void **state)
{
	struct intake_plugin plugin = good;
	struct programme programme;
	struct intake_case app;

	plugin.outcomes = three_outcomes;
	plugin.n_outcomes = INTAKE_COUNT(three_outcomes);
	plugin.outcome_needs = three_needs;
	plugin.n_outcome_needs = INTAKE_COUNT(three_needs);
	plugin.check_outcome = counting_check_outcome;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	programme_in_memory(&programme, &plugin);
	application_init(&app, &programme);
	check_outcome_calls = 0;

	/* Both needs of employed fail: two problems, no check_outcome. */
	assert_int_equal(application_check_outcome(&app, "employed", 20260601),
			 -1);
	assert_int_equal(app.n_problems, 2);
	assert_string_equal(app.problems[0].rule, "employed_needs_contacted");
	assert_string_equal(app.problems[0].expected, "record contacted first");
	assert_null(app.problems[0].field);
	assert_null(app.problems[0].given);
	assert_string_equal(app.problems[1].rule, "employed_needs_trained");
	assert_int_equal(check_outcome_calls, 0);
	application_clear_problems(&app);

	/* No need: check_outcome decides. */
	assert_int_equal(application_check_outcome(&app, "contacted", 20260601),
			 0);
	assert_int_equal(check_outcome_calls, 1);

	/* On or before the date: the same day holds, the day after not. */
	application_add_outcome(&app, "contacted", 20260601);
	assert_int_equal(application_check_outcome(&app, "trained", 20260531),
			 -1);
	assert_int_equal(app.n_problems, 1);
	assert_string_equal(app.problems[0].rule, "trained_needs_contacted");
	application_clear_problems(&app);
	assert_int_equal(application_check_outcome(&app, "trained", 20260601),
			 0);
	assert_int_equal(check_outcome_calls, 2);

	/* One of two needs fails: one problem, in Japanese. */
	msg_set_language(LANG_JA);
	assert_int_equal(application_check_outcome(&app, "employed", 20260601),
			 -1);
	msg_set_language(LANG_EN);
	assert_int_equal(app.n_problems, 1);
	assert_string_equal(app.problems[0].rule, "employed_needs_trained");
	assert_string_equal(app.problems[0].expected,
			    "先に訓練を記録してください");
	assert_int_equal(check_outcome_calls, 2);
	application_clear_problems(&app);

	/* The earliest recording counts, whatever the order recorded. */
	application_add_outcome(&app, "contacted", 20260501);
	assert_int_equal(application_check_outcome(&app, "trained", 20260515),
			 0);
	assert_int_equal(check_outcome_calls, 3);
	application_add_outcome(&app, "trained", 20260701);
	assert_int_equal(application_check_outcome(&app, "employed", 20260630),
			 -1);
	assert_int_equal(app.n_problems, 1);
	assert_string_equal(app.problems[0].rule, "employed_needs_trained");
	application_clear_problems(&app);
	assert_int_equal(application_check_outcome(&app, "employed", 20260701),
			 0);
	assert_int_equal(check_outcome_calls, 4);

	/* Every need holds: check_outcome's own refusal is kept as is. */
	assert_int_equal(application_check_outcome(&app, "employed", 20261231),
			 -1);
	assert_int_equal(app.n_problems, 1);
	assert_string_equal(app.problems[0].rule, "late");
	assert_int_equal(check_outcome_calls, 5);
	application_release(&app);

	/* The same needs in a 1.1 descriptor are never read. */
	plugin.abi_minor = 1;
	application_init(&app, &programme);
	assert_int_equal(application_check_outcome(&app, "employed", 20260601),
			 0);
	assert_int_equal(check_outcome_calls, 6);
	application_release(&app);
	form_release(&programme.form);
}

/* A 1.2 descriptor ends at n_outcome_needs; a 1.3 one must hold the
 * amounts and follow-ups, which an older one never has read. */
static void test_size_by_minor_1_3(void **state)
{
	static const struct intake_outcome_amount bad_amounts[] = {
		{ "not_an_outcome", INTAKE_AMOUNT_REQUIRED },
	};
	static const struct intake_follow_up bad_follow_ups[] = {
		{ "employed", "employed", 0, NULL },
	};
	struct intake_plugin plugin = good;
	struct programme programme = { 0 };
	char needed[64];
	size_t n = 99;

	plugin.abi_minor = 2;
	plugin.size = (uint32_t)offsetof(struct intake_plugin, amounts);
	assert_int_equal(plugin.size, INTAKE_PLUGIN_MIN_SIZE_1_2);
	plugin.amounts = bad_amounts;
	plugin.n_amounts = 1;
	plugin.follow_ups = bad_follow_ups;
	plugin.n_follow_ups = 1;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	programme.plugin = &plugin;
	assert_null(programme_outcome_amount(&programme, "not_an_outcome"));
	assert_null(programme_follow_ups(&programme, &n));
	assert_int_equal(n, 0);
	/* Minor 3 with the size of a 1.2 descriptor: too small. */
	plugin.abi_minor = 3;
	snprintf(needed, sizeof(needed), "needs at least %lu",
		 (unsigned long)INTAKE_PLUGIN_MIN_SIZE_1_3);
	expect_refused(&plugin, needed);
	plugin.size = (uint32_t)INTAKE_PLUGIN_MIN_SIZE_1_3;
	expect_refused(&plugin, "amounts[0]: code 'not_an_outcome' is not a "
				"declared outcome (declared: contacted, "
				"employed)");
}

/* The amounts of a 1.3 descriptor, checked against its outcomes. */
static void test_amounts_refusals(void **state)
{
	struct intake_outcome_amount amounts[2] = {
		{ "employed", INTAKE_AMOUNT_REQUIRED },
		{ "contacted", INTAKE_AMOUNT_OPTIONAL },
	};
	struct intake_plugin plugin = good;
	struct programme programme = { 0 };

	plugin.amounts = amounts;
	plugin.n_amounts = 2;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	programme.plugin = &plugin;
	assert_int_equal(programme_outcome_amount(&programme, "employed")
				 ->required,
			 INTAKE_AMOUNT_REQUIRED);
	assert_null(programme_outcome_amount(&programme, "hired"));
	plugin.amounts = NULL;
	expect_refused(&plugin, "declares 2 entries but no list of them "
				"(amounts is NULL)");
	plugin.amounts = amounts;
	amounts[1].code = NULL;
	expect_refused(&plugin, "amounts[1]: code '(NULL)' is not a declared");
	amounts[1].code = "employed";
	expect_refused(&plugin, "amounts[1]: outcome 'employed' is declared "
				"twice");
	amounts[1].code = "contacted";
	amounts[1].required = 2;
	expect_refused(&plugin, "amounts[1] 'contacted': required must be "
				"INTAKE_AMOUNT_OPTIONAL or "
				"INTAKE_AMOUNT_REQUIRED, not 2");
	amounts[1].required = INTAKE_AMOUNT_OPTIONAL;
	msg_set_language(LANG_JA);
	amounts[0].code = "hired";
	expect_refused(&plugin, "amounts[0]: code 'hired' は宣言された結果"
				"ではありません");
	msg_set_language(LANG_EN);
}

/* The follow-ups of a 1.3 descriptor: declared outcomes, not the same,
 * 1 to 1200 months, a rule key that is a key. */
static void test_follow_ups_refusals(void **state)
{
	struct intake_follow_up follow_ups[1] = {
		{ "employed", "contacted", 6, "retention_months" },
	};
	struct intake_plugin plugin = good;

	plugin.follow_ups = follow_ups;
	plugin.n_follow_ups = 1;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	plugin.follow_ups = NULL;
	expect_refused(&plugin, "declares 1 entries but no list of them "
				"(follow_ups is NULL)");
	plugin.follow_ups = follow_ups;
	follow_ups[0].code = "retained";
	expect_refused(&plugin, "follow_ups[0]: code 'retained' is not a "
				"declared outcome");
	follow_ups[0].code = "employed";
	follow_ups[0].after = NULL;
	expect_refused(&plugin, "follow_ups[0]: after '(NULL)' is not a");
	follow_ups[0].after = "employed";
	expect_refused(&plugin, "follow_ups[0]: outcome 'employed' falls due "
				"after itself");
	follow_ups[0].after = "contacted";
	follow_ups[0].months = 0;
	expect_refused(&plugin, "follow_ups[0] 'employed': months is 0, "
				"expected 1 to 1200");
	follow_ups[0].months = 1201;
	expect_refused(&plugin, "months is 1201");
	follow_ups[0].months = 1200;
	follow_ups[0].months_rule = "Retention";
	expect_refused(&plugin, "months_rule 'Retention' is not a rule key");
	follow_ups[0].months_rule = NULL;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
}

static long long amount_seen;
static int amount_was_given;

/* Keeps what get_amount says; refuses an amount above 1,000 yen. */
static int amount_check_outcome(const struct intake_host *host,
				struct intake_case *c, const char *code,
				long yyyymmdd)
{
	amount_was_given = host->get_amount(c, &amount_seen);
	if (!amount_was_given || amount_seen <= 1000)
		return INTAKE_OK;
	host->error(c, NULL, "too_much", "多すぎます", "too much");
	return INTAKE_REFUSE;
}

/* The core checks that an amount goes where one is declared (and is
 * there when required); check_outcome reads it with get_amount. */
static void test_amounts_applied(void **state)
{
	static const struct intake_outcome_amount amounts[] = {
		{ "employed", INTAKE_AMOUNT_REQUIRED },
		{ "trained", INTAKE_AMOUNT_OPTIONAL },
	};
	const struct intake_host *host = host_table();
	struct intake_plugin plugin = good;
	struct programme programme;
	struct intake_case app;
	long long yen = 7;

	assert_true(INTAKE_HOST_HAS(host, get_amount));
	plugin.outcomes = three_outcomes;
	plugin.n_outcomes = INTAKE_COUNT(three_outcomes);
	plugin.amounts = amounts;
	plugin.n_amounts = INTAKE_COUNT(amounts);
	plugin.check_outcome = amount_check_outcome;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	programme_in_memory(&programme, &plugin);
	application_init(&app, &programme);

	/* Required: none given is a problem on the outcome. */
	assert_int_equal(application_check_outcome_amount(&app, "employed"),
			 -1);
	assert_string_equal(app.problems[0].field, "employed");
	assert_non_null(strstr(app.problems[0].expected, "needs an amount"));
	application_clear_problems(&app);
	/* Optional: none is fine. */
	assert_int_equal(application_check_outcome_amount(&app, "trained"), 0);
	assert_int_equal(host->get_amount(&app, &yen), 0);
	assert_int_equal(yen, 7);

	/* Given: check_outcome sees it, and may refuse it. */
	application_set_amount(&app, 1, 1000);
	assert_int_equal(application_check_outcome_amount(&app, "employed"),
			 0);
	assert_int_equal(application_check_outcome(&app, "employed", 20260601),
			 0);
	assert_true(amount_was_given);
	assert_int_equal(amount_seen, 1000);
	application_set_amount(&app, 1, 1001);
	assert_int_equal(application_check_outcome(&app, "employed", 20260601),
			 -1);
	assert_string_equal(app.problems[0].rule, "too_much");
	application_clear_problems(&app);

	/* An outcome that carries none refuses an amount, naming it. */
	assert_int_equal(application_check_outcome_amount(&app, "contacted"),
			 -1);
	assert_string_equal(app.problems[0].field, "contacted");
	assert_string_equal(app.problems[0].given, "1001");
	assert_non_null(strstr(app.problems[0].expected, "carries no amount"));
	application_clear_problems(&app);
	/* ... and check_outcome never sees it there. */
	assert_int_equal(application_check_outcome(&app, "contacted", 20260601),
			 0);
	assert_false(amount_was_given);

	/* None given: get_amount says so. */
	application_set_amount(&app, 0, 5);
	assert_int_equal(application_check_outcome(&app, "employed", 20260601),
			 0);
	assert_false(amount_was_given);
	application_release(&app);
	form_release(&programme.form);
}

/* A follow-up's months: the form's [rules] value of its key when it is
 * a usable number of months, else the declared months. */
static void test_follow_up_months(void **state)
{
	struct intake_follow_up follow_up = { "employed", "contacted", 6,
					      NULL };
	struct intake_plugin plugin = good;
	struct programme programme;
	size_t n = 0;

	plugin.follow_ups = &follow_up;
	plugin.n_follow_ups = 1;
	programme_in_memory(&programme, &plugin);
	assert_ptr_equal(programme_follow_ups(&programme, &n), &follow_up);
	assert_int_equal(n, 1);
	assert_int_equal(programme_follow_up_months(&programme, &follow_up),
			 6);
	follow_up.months_rule = "no_such_key";
	assert_int_equal(programme_follow_up_months(&programme, &follow_up),
			 6);
	/* The fixture's amount_cap = 1000000 is no number of months. */
	follow_up.months_rule = "amount_cap";
	assert_int_equal(programme_follow_up_months(&programme, &follow_up),
			 6);
	form_release(&programme.form);
}

/* The fields list of a 1.1 descriptor, checked before any form. */
static void test_needs_refusals(void **state)
{
	struct intake_field_need needs[2] = {
		{ "household", "choice", "single, household" },
		{ "amount", "yen", NULL },
	};
	struct intake_plugin plugin = good;

	plugin.fields = needs;
	plugin.n_fields = 2;
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
	plugin.fields = NULL;
	expect_refused(&plugin, "declares 2 fields but no list of them");
	plugin.fields = needs;
	needs[1].id = NULL;
	expect_refused(&plugin, "fields[1] has no field id");
	needs[1].id = "";
	expect_refused(&plugin, "fields[1] has no field id");
	needs[1].id = "amount";
	needs[1].type = "money";
	expect_refused(&plugin,
		       "fields[1] 'amount': 'money' is not a field type");
	needs[1].type = NULL;
	expect_refused(&plugin, "'(NULL)' is not a field type");
	needs[1].type = "yen";
	needs[1].codes = "high";
	expect_refused(&plugin, "fields[1] 'amount': codes 'high' need type "
				"choice or multi, not yen");
	needs[1].codes = NULL;
	needs[0].codes = "single,,household";
	expect_refused(&plugin, "fields[0] 'household': codes "
				"'single,,household' hold an empty code");
	needs[0].codes = "";
	expect_refused(&plugin, "hold an empty code");
	needs[0].codes = "single,";
	expect_refused(&plugin, "hold an empty code");
	needs[0].type = "multi";
	needs[0].codes = "single";
	assert_int_equal(plugin_descriptor_check(&plugin, "mem.so"), 0);
}

static void test_member_refusals(void **state)
{
	static const char *const bad_ids[] = {
		"",	 "Uij",	 "1uij", "uij-turn", "uij turn",
		"_uij", "ウイ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	static const char *const bad_prefixes[] = {
		"", "U", "uij", "UIJ1", "U-J", "ABCDEFGHI",
	};
	struct intake_plugin plugin = good;
	size_t i;

	plugin.id = NULL;
	expect_refused(&plugin, "descriptor member id is missing");
	for (i = 0; i < ARRAY_SIZE(bad_ids); i++) {
		plugin.id = bad_ids[i];
		expect_refused(&plugin, "programme id '");
		expect_captured("is not valid");
	}
	plugin = good;
	plugin.receipt_prefix = NULL;
	expect_refused(&plugin, "member receipt_prefix is missing");
	for (i = 0; i < ARRAY_SIZE(bad_prefixes); i++) {
		plugin.receipt_prefix = bad_prefixes[i];
		expect_refused(&plugin, "receipt prefix '");
	}
}

static void test_string_refusals(void **state)
{
	static const char *const bad_forms[] = { "", "../x.ini", "a/b.ini",
						 ".", ".." };
	struct intake_plugin plugin = good;
	size_t i;

	plugin.version = NULL;
	expect_refused(&plugin, "member version is missing");
	plugin = good;
	plugin.title_ja = NULL;
	expect_refused(&plugin, "member title_ja is missing");
	plugin = good;
	plugin.title_en = NULL;
	expect_refused(&plugin, "member title_en is missing");
	plugin = good;
	plugin.form = NULL;
	expect_refused(&plugin, "member form is missing");
	for (i = 0; i < ARRAY_SIZE(bad_forms); i++) {
		plugin.form = bad_forms[i];
		expect_refused(&plugin, "form file name '");
	}
}

static void test_outcome_refusals(void **state)
{
	struct intake_outcome outcomes[2];
	struct intake_plugin plugin = good;

	plugin.n_outcomes = 0;
	expect_refused(&plugin, "declares no outcomes");
	plugin.outcomes = NULL;
	plugin.n_outcomes = 1;
	expect_refused(&plugin, "declares no outcomes");

	plugin.outcomes = outcomes;
	plugin.n_outcomes = 2;
	memcpy(outcomes, good_outcomes, sizeof(outcomes));
	outcomes[1].code = "Employed";
	expect_refused(&plugin, "outcome 1: code 'Employed' is not valid");
	outcomes[1].code = NULL;
	expect_refused(&plugin, "outcome 1: code '(NULL)' is not valid");
	memcpy(outcomes, good_outcomes, sizeof(outcomes));
	outcomes[0].label_en = NULL;
	expect_refused(&plugin, "outcome 'contacted' lacks a label");
	memcpy(outcomes, good_outcomes, sizeof(outcomes));
	outcomes[1].once = 2;
	expect_refused(&plugin, "outcome 'employed': once is 2");
	memcpy(outcomes, good_outcomes, sizeof(outcomes));
	outcomes[1].code = "contacted";
	expect_refused(&plugin, "outcome 'contacted' is declared twice");
}

/* ---- loading real plugins from a scratch directory ---- */

struct scratch {
	char *root;
	char *plugins; /* root/plugins, 0755 */
	char *forms;   /* root/forms, the fixtures */
};

static void copy_file(const char *from, const char *to, mode_t mode)
{
	char buffer[65536];
	FILE *in = fopen(from, "rb"), *out;
	size_t n;

	if (!in)
		fail_msg("cannot read %s: build the test plugins (make "
			 "BUILD=DIR DIR/tests/plugins/NAME.so) or set "
			 "INTAKE_BUILD",
			 from);
	out = fopen(to, "wb");
	assert_non_null(out);
	while ((n = fread(buffer, 1, sizeof(buffer), in)) > 0)
		assert_int_equal(fwrite(buffer, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(chmod(to, mode), 0);
}

/* Copy test plugin name (no .so) into the scratch plugin directory. */
static void add_plugin(struct scratch *scratch, const char *name)
{
	char *from = xstrfmt("%s/%s.so", plugin_build_dir, name);
	char *to = xstrfmt("%s/%s.so", scratch->plugins, name);

	copy_file(from, to, 0755);
	free(from);
	free(to);
}

static void add_form(struct scratch *scratch, const char *file)
{
	char *from = xstrfmt("%s/%s", fixture_dir, file);
	char *to = xstrfmt("%s/%s", scratch->forms, file);

	copy_file(from, to, 0644);
	free(from);
	free(to);
}

/* Every loading test starts here: skipped without the test plugins. */
static void scratch_open(struct scratch *scratch)
{
	if (!have_plugins)
		skip();
	scratch->root = scratch_make("intake-test-plugin");
	assert_non_null(scratch->root);
	scratch->plugins = xstrfmt("%s/plugins", scratch->root);
	scratch->forms = xstrfmt("%s/forms", scratch->root);
	assert_int_equal(mkdir(scratch->plugins, 0755), 0);
	assert_int_equal(mkdir(scratch->forms, 0755), 0);
	assert_int_equal(chmod(scratch->plugins, 0755), 0);
	add_form(scratch, "every_callback.ini");
	add_form(scratch, "dup.ini");
	add_form(scratch, "init_refuses.ini");
	add_form(scratch, "abi_v1_0.ini");
	add_form(scratch, "abi_v1_1.ini");
	add_form(scratch, "abi_v1_2.ini");
}

static void scratch_close(struct scratch *scratch)
{
	assert_int_equal(scratch_remove(scratch->root), 0);
	free(scratch->root);
	free(scratch->plugins);
	free(scratch->forms);
}

static char *plugin_path(const struct scratch *scratch, const char *name)
{
	return xstrfmt("%s/%s.so", scratch->plugins, name);
}

/* programme_load of one file; expect a refusal whose message has text. */
static void expect_load_refused(const char *path, const char *form_dir,
				const char *text)
{
	struct programme programme;
	int rc;

	capture_stderr();
	rc = programme_load(&programme, path, form_dir);
	capture_stop();
	assert_int_equal(rc, -1);
	expect_captured(path);
	expect_captured(text);
	assert_null(programme.plugin);
	assert_null(programme.path);
}

static void test_load_every_callback(void **state)
{
	struct scratch scratch;
	struct programme programme;
	char *path;

	scratch_open(&scratch);
	add_plugin(&scratch, "every_callback");
	path = plugin_path(&scratch, "every_callback");
	assert_int_equal(programme_load(&programme, path, scratch.forms), 0);
	assert_string_equal(programme.plugin->id, "every_callback");
	assert_string_equal(programme.plugin->receipt_prefix, "TST");
	assert_string_equal(programme.path, path);
	assert_string_equal(programme.form.id, "every_callback");
	assert_non_null(programme.handle);
	assert_non_null(programme_outcome(&programme, "started"));
	assert_int_equal(programme_outcome(&programme, "started")->once,
			 INTAKE_ONCE);
	assert_int_equal(programme_outcome(&programme, "contacted")->once,
			 INTAKE_EVERY);
	assert_null(programme_outcome(&programme, "employed"));
	msg_set_language(LANG_JA);
	assert_string_equal(programme_title(&programme), "全コールバック試験");
	msg_set_language(LANG_EN);
	assert_string_equal(programme_title(&programme), "Every callback test");
	programme_release(&programme);
	assert_null(programme.plugin);
	free(path);
	scratch_close(&scratch);
}

/* The rules documented at the top of tests/plugins/every_callback.c. */
static void test_every_callback_rules(void **state)
{
	struct scratch scratch;
	struct programme programme;
	struct intake_case app;
	char *path;

	scratch_open(&scratch);
	add_plugin(&scratch, "every_callback");
	path = plugin_path(&scratch, "every_callback");
	assert_int_equal(programme_load(&programme, path, scratch.forms), 0);
	application_init(&app, &programme);
	assert_int_equal(application_answer(&app, "received_on", "2026-04-01"),
			 0);
	assert_int_equal(application_answer(&app, "name", "山田太郎"), 0);
	assert_int_equal(application_answer(&app, "birth_date", "1990-05-05"),
			 0);
	assert_int_equal(application_answer(&app, "kind", "person"), 0);
	assert_int_equal(application_answer(&app, "amount", "600000"), 0);
	assert_int_equal(application_answer(&app, "topics", "work"), 0);
	assert_int_equal(application_answer(&app, "consent", "yes"), 0);
	assert_int_equal(application_check(&app), 0);
	assert_string_equal(application_value(&app, "doubled"), "1200000");
	assert_string_equal(application_value(&app, "band"), "high");
	assert_string_equal(application_value(&app, "review_on"), "2026-10-01");

	/* The declared need, applied by the core. */
	assert_int_equal(application_check_outcome(&app, "finished", 20260501),
			 -1);
	assert_int_equal(app.n_problems, 1);
	assert_string_equal(app.problems[0].rule, "finished_after_started");
	assert_null(app.problems[0].field);
	application_add_outcome(&app, "started", 20260410);
	assert_int_equal(application_check_outcome(&app, "finished", 20260409),
			 -1);
	assert_int_equal(app.n_problems, 2);
	assert_int_equal(application_check_outcome(&app, "finished", 20260501),
			 0);
	/* check_outcome: no contact dated after the finish. */
	assert_int_equal(
		application_check_outcome(&app, "contacted", 20260601), 0);
	application_add_outcome(&app, "finished", 20260501);
	assert_int_equal(
		application_check_outcome(&app, "contacted", 20260501), 0);
	assert_int_equal(
		application_check_outcome(&app, "contacted", 20260502), -1);
	assert_int_equal(app.n_problems, 3);
	assert_string_equal(app.problems[2].rule, "contacted_after_finished");
	application_release(&app);

	application_init(&app, &programme);
	application_answer(&app, "name", "山田太郎");
	application_answer(&app, "birth_date", "1990-05-05");
	application_answer(&app, "kind", "person");
	application_answer(&app, "amount", "1000001");
	application_answer(&app, "topics", "housing");
	application_answer(&app, "consent", "no");
	assert_int_equal(application_check(&app), -1);
	assert_int_equal(app.n_problems, 2);
	assert_string_equal(app.problems[0].rule, "amount_cap");
	assert_string_equal(app.problems[1].rule, "housing_postal");
	application_release(&app);

	programme_release(&programme);
	free(path);
	scratch_close(&scratch);
}

/* Only root can give a file away: run as root, check the owner rules. */
static void expect_foreign_owner_refused(const char *path, const char *dir,
					 const char *form_dir)
{
	if (getuid() != 0)
		return;
	assert_int_equal(chown(path, 65534, 65534), 0);
	expect_load_refused(path, form_dir, "owned by uid 65534, neither root");
	assert_int_equal(chown(path, 0, 0), 0);
	assert_int_equal(chown(dir, 65534, 65534), 0);
	expect_load_refused(path, form_dir, "is owned by uid 65534, neither");
	assert_int_equal(chown(dir, 0, 0), 0);
}

static void test_load_refusals_of_files(void **state)
{
	struct scratch scratch;
	char *path, *text, *dir;

	scratch_open(&scratch);
	path = plugin_path(&scratch, "missing");
	expect_load_refused(path, scratch.forms, "cannot read the plugin");
	free(path);

	dir = xstrfmt("%s/dir.so", scratch.plugins);
	assert_int_equal(mkdir(dir, 0755), 0);
	expect_load_refused(dir, scratch.forms, "not a regular file");
	free(dir);

	text = xstrfmt("%s/x.so", scratch.plugins);
	write_file(text, "not a shared object\n");
	assert_int_equal(chmod(text, 0644), 0);
	expect_load_refused(text, scratch.forms,
			    "not a loadable shared object");
	assert_int_equal(chmod(text, 0664), 0);
	expect_load_refused(text, scratch.forms,
			    "writable by group or others (mode 0664)");
	assert_int_equal(chmod(text, 0646), 0);
	expect_load_refused(text, scratch.forms,
			    "writable by group or others (mode 0646)");
	assert_int_equal(chmod(text, 0644), 0);
	assert_int_equal(chmod(scratch.plugins, 0775), 0);
	expect_load_refused(text, scratch.forms, "its directory");
	expect_captured("is writable by group or others (mode 0775)");
	assert_int_equal(chmod(scratch.plugins, 0755), 0);
	expect_foreign_owner_refused(text, scratch.plugins, scratch.forms);
	free(text);
	scratch_close(&scratch);
}

static void test_load_refusals_of_plugins(void **state)
{
	static const struct {
		const char *name, *message;
	} cases[] = {
		{ "no_symbol", "no entry symbol intake_plugin_descriptor" },
		{ "null_descriptor", "returned no descriptor" },
		{ "bad_magic", "wrong magic 0x494e544b" },
		{ "abi_major", "built for ABI 2.0, this intake has ABI 1.3" },
		{ "abi_minor", "built for ABI 1.4, this intake has ABI 1.3" },
		{ "too_small", "rebuild the plugin against this intake" },
		{ "need_unknown", "outcome_needs[0]: needs 'begun' is not a "
				  "declared outcome (declared: started, "
				  "finished)" },
		{ "init_refuses", "refused its form:" },
	};
	struct scratch scratch;
	size_t i;

	scratch_open(&scratch);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *path = plugin_path(&scratch, cases[i].name);

		add_plugin(&scratch, cases[i].name);
		expect_load_refused(path, scratch.forms, cases[i].message);
		free(path);
	}
	expect_captured("intake: debug: init_refuses: birth_date: rule "
			"needs_birth_date: the form needs a date field");
	scratch_close(&scratch);
}

static void test_load_refusals_of_forms(void **state)
{
	struct scratch scratch;
	char *path, *form;

	scratch_open(&scratch);
	add_plugin(&scratch, "every_callback");
	path = plugin_path(&scratch, "every_callback");
	form = xstrfmt("%s/every_callback.ini", scratch.forms);

	write_file(form, "[form]\nid = other\nversion = 1\n\n"
			 "[field.amount]\ntype = yen\n"
			 "label_ja = 額\nlabel_en = Amount\n");
	expect_load_refused(path, scratch.forms,
			    "has id 'other', expected the programme id "
			    "'every_callback'");
	write_file(form, "[form]\nid = every_callback\nversion = 1\n\n"
			 "[field.amount]\ntype = yen\n"
			 "label_ja = 額\nlabel_en = Amount\n");
	expect_load_refused(path, scratch.forms,
			    "every_callback.ini has no field 'birth_date': "
			    "plugin every_callback reads it as date");
	expect_captured("has no field 'review_on'");
	assert_int_equal(unlink(form), 0);
	expect_load_refused(path, scratch.forms, "does not load");
	free(form);
	free(path);
	scratch_close(&scratch);
}

/* text with its first from replaced by to; text is freed. */
static char *replace_once(char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *edited;

	if (!at)
		fail_msg("the fixture lacks '%s'", from);
	edited = xstrfmt("%.*s%s%s", (int)(at - text), text, to,
			 at + strlen(from));
	free(text);
	return edited;
}

/* The fixture every_callback.ini as the scratch form, each edits[i]
 * replaced by edits[i + 1] (NULL after the last pair). */
static void write_edited_form(const struct scratch *scratch,
			      const char *const *edits)
{
	char *path = xstrfmt("%s/every_callback.ini", fixture_dir);
	char *form = xstrfmt("%s/every_callback.ini", scratch->forms);
	char *edited = slurp(path);

	for (; *edits; edits += 2)
		edited = replace_once(edited, edits[0], edits[1]);
	write_file(form, edited);
	free(edited);
	free(path);
	free(form);
}

/* Each declared field the form lacks, has with another type or without
 * a needed code: one line each, the plugin refused before init. */
static void test_load_refusals_of_fields(void **state)
{
	struct scratch scratch;
	char *path;

	scratch_open(&scratch);
	add_plugin(&scratch, "every_callback");
	path = plugin_path(&scratch, "every_callback");

	static const char *const retyped[] = {
		"[field.amount]\ntype = yen", "[field.amount]\ntype = integer",
		NULL,
	};
	static const char *const renamed[] = {
		"[field.birth_date]", "[field.born_on]", NULL,
	};
	static const char *const no_housing[] = {
		"choices = work, housing, none", "choices = work, none",
		"choice.housing = 住まい | housing\n", "", NULL,
	};
	static const char *const all_three[] = {
		"[field.amount]\ntype = yen", "[field.amount]\ntype = integer",
		"[field.birth_date]", "[field.born_on]",
		"choices = work, housing, none", "choices = work, none",
		"choice.housing = 住まい | housing\n", "", NULL,
	};
	static const char *const neither_kind[] = {
		"choices = person, company", "choices = other",
		"choice.person = 個人 | person\n", "",
		"choice.company = 法人 | company\n", "",
		"when = kind = company", "when = kind = other", NULL,
	};

	write_edited_form(&scratch, retyped);
	expect_load_refused(path, scratch.forms,
			    "every_callback.ini: field 'amount' is integer: "
			    "plugin every_callback reads it as yen");
	write_edited_form(&scratch, renamed);
	expect_load_refused(path, scratch.forms,
			    "every_callback.ini has no field 'birth_date': "
			    "plugin every_callback reads it as date");
	write_edited_form(&scratch, no_housing);
	expect_load_refused(path, scratch.forms,
			    "every_callback.ini: field 'topics' does not offer "
			    "'housing' (it offers work, none): plugin "
			    "every_callback relies on that code");
	write_edited_form(&scratch, all_three);
	expect_load_refused(path, scratch.forms, "field 'amount' is integer");
	expect_captured("has no field 'birth_date'");
	expect_captured("does not offer 'housing'");
	if (strstr(last_stderr, "refused its form"))
		fail_msg("init ran after the fields check refused:\n%s",
			 last_stderr);

	/* init checks what the list cannot: kind offers person or company. */
	write_edited_form(&scratch, neither_kind);
	expect_load_refused(path, scratch.forms, "refused its form:");
	expect_captured("kind: rule kind_person_or_company");
	free(path);
	scratch_close(&scratch);
}

/* A plugin built for ABI 1.0 (tests/plugins/abi_v1_0.c) still loads and
 * its init runs; its descriptor is never read past fini. */
static void test_load_abi_1_0(void **state)
{
	struct scratch scratch;
	struct programme programme;
	char *path, *form;

	scratch_open(&scratch);
	add_plugin(&scratch, "abi_v1_0");
	path = plugin_path(&scratch, "abi_v1_0");
	assert_int_equal(programme_load(&programme, path, scratch.forms), 0);
	assert_int_equal(programme.plugin->abi_minor, 0);
	assert_int_equal(programme.plugin->size, INTAKE_PLUGIN_MIN_SIZE);
	assert_string_equal(programme.plugin->id, "abi_v1_0");
	programme_release(&programme);

	/* Its own init still checks the form, with the 1.0 host table. */
	form = xstrfmt("%s/abi_v1_0.ini", scratch.forms);
	write_file(form, "[form]\nid = abi_v1_0\nversion = 1\n\n"
			 "[field.name]\ntype = integer\n"
			 "label_ja = 氏名\nlabel_en = Name\n");
	expect_load_refused(path, scratch.forms, "refused its form:");
	expect_captured("abi_v1_0: name: rule needs_name");
	free(form);
	free(path);
	scratch_close(&scratch);
}

/* A plugin built for ABI 1.1 (tests/plugins/abi_v1_1.c) still loads,
 * its fields list is checked, its own check_outcome runs, and its
 * descriptor is never read past n_fields. */
static void test_load_abi_1_1(void **state)
{
	struct scratch scratch;
	struct programme programme;
	struct intake_case app;
	char *path, *form;
	size_t n = 99;

	scratch_open(&scratch);
	add_plugin(&scratch, "abi_v1_1");
	path = plugin_path(&scratch, "abi_v1_1");
	assert_int_equal(programme_load(&programme, path, scratch.forms), 0);
	assert_int_equal(programme.plugin->abi_minor, 1);
	assert_int_equal(programme.plugin->size, INTAKE_PLUGIN_MIN_SIZE_1_1);
	assert_null(programme_outcome_needs(&programme, &n));
	assert_int_equal(n, 0);

	application_init(&app, &programme);
	assert_int_equal(application_check_outcome(&app, "done", 20260501),
			 -1);
	assert_int_equal(app.n_problems, 1);
	assert_string_equal(app.problems[0].rule, "done_needs_applied");
	application_clear_problems(&app);
	application_add_outcome(&app, "applied", 20260501);
	assert_int_equal(application_check_outcome(&app, "done", 20260501),
			 0);
	application_release(&app);
	programme_release(&programme);

	/* Its fields list is read: a form without name refuses it. */
	form = xstrfmt("%s/abi_v1_1.ini", scratch.forms);
	write_file(form, "[form]\nid = abi_v1_1\nversion = 1\n\n"
			 "[field.title]\ntype = text\n"
			 "label_ja = 件名\nlabel_en = Title\n");
	expect_load_refused(path, scratch.forms,
			    "has no field 'name': plugin abi_v1_1 reads it "
			    "as text");
	free(form);
	free(path);
	scratch_close(&scratch);
}

/* A plugin built for ABI 1.2 (tests/plugins/abi_v1_2.c) still loads on
 * a 1.3 core: its outcome needs apply, its descriptor is never read
 * past n_outcome_needs (amounts and follow-ups there would refuse it),
 * and its check_outcome sees no amount. */
static void test_load_abi_1_2(void **state)
{
	struct scratch scratch;
	struct programme programme;
	struct intake_case app;
	char *path;
	size_t n = 99;

	scratch_open(&scratch);
	add_plugin(&scratch, "abi_v1_2");
	path = plugin_path(&scratch, "abi_v1_2");
	assert_int_equal(programme_load(&programme, path, scratch.forms), 0);
	assert_int_equal(programme.plugin->abi_minor, 2);
	assert_int_equal(programme.plugin->size, INTAKE_PLUGIN_MIN_SIZE_1_2);
	assert_null(programme_follow_ups(&programme, &n));
	assert_int_equal(n, 0);
	assert_null(programme_outcome_amount(&programme, "not_an_outcome"));
	assert_null(programme_outcome_amount(&programme, "paid"));
	programme_outcome_needs(&programme, &n);
	assert_int_equal(n, 1);

	application_init(&app, &programme);
	assert_int_equal(application_check_outcome(&app, "paid", 20260501),
			 -1);
	assert_string_equal(app.problems[0].rule, "paid_needs_applied");
	application_clear_problems(&app);
	application_add_outcome(&app, "applied", 20260501);
	assert_int_equal(application_check_outcome(&app, "paid", 20260501),
			 0);
	/* It declares no amounts: one given is refused by the core. */
	application_set_amount(&app, 1, 100);
	assert_int_equal(application_check_outcome_amount(&app, "paid"), -1);
	application_release(&app);
	programme_release(&programme);
	free(path);
	scratch_close(&scratch);
}

/* format_date and has_choice, as a plugin calls them. */
static void test_host_1_1(void **state)
{
	const struct intake_host *host = host_table();
	struct scratch scratch;
	struct programme programme;
	struct intake_case app;
	char buf[11], small[5];
	char *path;

	assert_int_equal(host->abi_minor, INTAKE_ABI_MINOR);
	assert_true(INTAKE_HOST_HAS(host, format_date));
	assert_true(INTAKE_HOST_HAS(host, has_choice));
	host->format_date(20260401, buf, sizeof(buf));
	assert_string_equal(buf, "2026-04-01");
	host->format_date(20260401, small, sizeof(small));
	assert_string_equal(small, "2026");
	host->format_date(20260231, buf, sizeof(buf));
	assert_string_equal(buf, "0000-00-00");
	host->format_date(20260401, buf, 0);

	scratch_open(&scratch);
	add_plugin(&scratch, "every_callback");
	path = plugin_path(&scratch, "every_callback");
	assert_int_equal(programme_load(&programme, path, scratch.forms), 0);
	application_init(&app, &programme);
	assert_true(host->has_choice(&app, "kind", "person"));
	assert_true(host->has_choice(&app, "topics", "housing"));
	assert_false(host->has_choice(&app, "topics", "Housing"));
	assert_false(host->has_choice(&app, "kind", "housing"));
	assert_false(host->has_choice(&app, "amount", "person"));
	assert_false(host->has_choice(&app, "nosuch", "person"));
	/* The form question, not the answer's. */
	assert_false(host->has_code(&app, "kind", "person"));
	application_release(&app);
	programme_release(&programme);
	free(path);
	scratch_close(&scratch);
}

static void test_symlinks(void **state)
{
	struct scratch scratch;
	struct programme programme;
	char *target_dir, *target, *link, *from;

	scratch_open(&scratch);
	target_dir = xstrfmt("%s/elsewhere", scratch.root);
	assert_int_equal(mkdir(target_dir, 0755), 0);
	assert_int_equal(chmod(target_dir, 0755), 0);
	target = xstrfmt("%s/every_callback.so", target_dir);
	link = plugin_path(&scratch, "linked");
	from = xstrfmt("%s/every_callback.so", plugin_build_dir);
	copy_file(from, target, 0755);
	free(from);
	assert_int_equal(symlink(target, link), 0);
	assert_int_equal(programme_load(&programme, link, scratch.forms), 0);
	programme_release(&programme);
	assert_int_equal(chmod(target_dir, 0777), 0);
	expect_load_refused(link, scratch.forms, target_dir);
	expect_captured("is writable by group or others (mode 0777)");
	free(target_dir);
	free(target);
	free(link);
	scratch_close(&scratch);
}

/* ---- the registry ---- */

static void test_registry_sorted_and_found(void **state)
{
	struct scratch scratch;
	struct registry registry;
	char *other;

	scratch_open(&scratch);
	add_plugin(&scratch, "every_callback");
	add_plugin(&scratch, "dup_b");
	other = xstrfmt("%s/README.txt", scratch.plugins);
	write_file(other, "not a plugin: no .so suffix\n");
	free(other);
	other = xstrfmt("%s/.hidden.so", scratch.plugins);
	write_file(other, "hidden: skipped\n");
	free(other);

	assert_int_equal(
		registry_load(&registry, scratch.plugins, scratch.forms), 0);
	assert_int_equal(registry.n_programmes, 2);
	assert_string_equal(registry.programmes[0].plugin->id, "dup");
	assert_string_equal(registry.programmes[1].plugin->id,
			    "every_callback");
	assert_ptr_equal(registry_find(&registry, "every_callback"),
			 &registry.programmes[1]);
	assert_ptr_equal(registry_find(&registry, "dup"),
			 &registry.programmes[0]);
	assert_null(registry_find(&registry, "uij_turn"));
	assert_null(registry_find(&registry, ""));
	registry_release(&registry);
	assert_int_equal(registry.n_programmes, 0);
	assert_null(registry.programmes);
	scratch_close(&scratch);
}

static void test_registry_empty_and_missing(void **state)
{
	struct scratch scratch;
	struct registry registry;
	char *missing;

	scratch_open(&scratch);
	assert_int_equal(
		registry_load(&registry, scratch.plugins, scratch.forms), 0);
	assert_int_equal(registry.n_programmes, 0);
	registry_release(&registry);

	missing = xstrfmt("%s/none", scratch.root);
	capture_stderr();
	assert_int_equal(registry_load(&registry, missing, scratch.forms), -1);
	capture_stop();
	expect_captured("cannot read the plugin directory");
	expect_captured(missing);
	assert_int_equal(registry.n_programmes, 0);
	free(missing);
	scratch_close(&scratch);
}

static void test_registry_duplicate_id(void **state)
{
	struct scratch scratch;
	struct registry registry;
	char *message;

	scratch_open(&scratch);
	add_plugin(&scratch, "dup_a");
	add_plugin(&scratch, "dup_b");
	add_plugin(&scratch, "every_callback");
	capture_stderr();
	assert_int_equal(
		registry_load(&registry, scratch.plugins, scratch.forms), -1);
	capture_stop();
	message = xstrfmt("%s/dup_b.so: programme id 'dup' is already taken "
			  "by %s/dup_a.so",
			  scratch.plugins, scratch.plugins);
	expect_captured(message);
	free(message);
	assert_int_equal(registry.n_programmes, 0);
	assert_null(registry.programmes);
	scratch_close(&scratch);
}

/* Every refusal is reported, not only the first. */
static void test_registry_reports_every_refusal(void **state)
{
	struct scratch scratch;
	struct registry registry;

	scratch_open(&scratch);
	add_plugin(&scratch, "abi_major");
	add_plugin(&scratch, "every_callback");
	add_plugin(&scratch, "too_small");
	capture_stderr();
	assert_int_equal(
		registry_load(&registry, scratch.plugins, scratch.forms), -1);
	capture_stop();
	expect_captured("abi_major.so: built for ABI 2.0");
	expect_captured("too_small.so: the descriptor is");
	scratch_close(&scratch);
}

static void test_plugin_check_output(void **state)
{
	struct scratch scratch;
	char *path, *text = NULL;
	size_t len = 0;
	FILE *out;

	scratch_open(&scratch);
	add_plugin(&scratch, "every_callback");
	path = plugin_path(&scratch, "every_callback");
	out = open_memstream(&text, &len);
	assert_int_equal(
		plugin_check(path, scratch.plugins, scratch.forms, out), 0);
	fclose(out);
	assert_non_null(strstr(text, "programme id: every_callback\n"));
	assert_non_null(strstr(text, "version: 1.2.3\n"));
	assert_non_null(strstr(text, "receipt prefix: TST\n"));
	assert_non_null(strstr(text, "callbacks: init validate derive "
				     "check_outcome fini\n"));
	assert_non_null(strstr(text, "outcomes: 3\n"));
	assert_non_null(strstr(text, "  contacted  every  相談 / contacted\n"));
	assert_non_null(strstr(text, "  started  once  開始 / started\n"));
	assert_non_null(strstr(text, "outcome needs: 1\n  finished needs "
				     "started on or before its date  rule "
				     "finished_after_started\n"));
	assert_non_null(strstr(text, "outcomes with an amount: 0\n"
				     "follow-ups: 0\n"));
	assert_non_null(strstr(text, ": ok\n"));
	free(text);
	free(path);

	add_plugin(&scratch, "abi_minor");
	path = plugin_path(&scratch, "abi_minor");
	capture_stderr();
	assert_int_equal(plugin_check(path, scratch.plugins, scratch.forms,
				      stdout),
			 EXIT_CONFIG);
	capture_stop();
	expect_captured("built for ABI 1.4");
	free(path);
	scratch_close(&scratch);
}

/* The directory of this program, for plugins/ beside it. */
static char *program_dir(const char *argv0)
{
	const char *slash = strrchr(argv0, '/');

	return slash ? xstrndup(argv0, (size_t)(slash - argv0)) : xstrdup(".");
}

static void find_inputs(const char *argv0)
{
	const char *build = getenv("INTAKE_BUILD");
	const char *source = getenv("INTAKE_SOURCE");
	char *dir;

	if (build && *build) {
		plugin_build_dir = xstrfmt("%s/tests/plugins", build);
	} else {
		dir = program_dir(argv0);
		plugin_build_dir = xstrfmt("%s/plugins", dir);
		free(dir);
	}
	fixture_dir = xstrfmt("%s/tests/fixtures",
			      source && *source ? source : ".");
}

/* Whether the test plugins are built; say so loudly when they are not. */
static int plugins_built(void)
{
	char *probe = xstrfmt("%s/every_callback.so", plugin_build_dir);
	int built = !access(probe, R_OK);

	if (!built)
		fprintf(stderr,
			"test_plugin: no test plugins in %s: the loading "
			"tests are SKIPPED; build them (make BUILD=DIR "
			"DIR/tests/plugins/every_callback.so …) or set "
			"INTAKE_BUILD to the build directory\n",
			plugin_build_dir);
	free(probe);
	return built;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_descriptor_passes),
		cmocka_unit_test(test_header_refusals),
		cmocka_unit_test(test_size_by_minor),
		cmocka_unit_test(test_needs_refusals),
		cmocka_unit_test(test_size_by_minor_1_2),
		cmocka_unit_test(test_outcome_needs_refusals),
		cmocka_unit_test(test_outcome_needs_applied),
		cmocka_unit_test(test_size_by_minor_1_3),
		cmocka_unit_test(test_amounts_refusals),
		cmocka_unit_test(test_follow_ups_refusals),
		cmocka_unit_test(test_amounts_applied),
		cmocka_unit_test(test_follow_up_months),
		cmocka_unit_test(test_member_refusals),
		cmocka_unit_test(test_string_refusals),
		cmocka_unit_test(test_outcome_refusals),
		cmocka_unit_test(test_load_every_callback),
		cmocka_unit_test(test_every_callback_rules),
		cmocka_unit_test(test_load_refusals_of_files),
		cmocka_unit_test(test_load_refusals_of_plugins),
		cmocka_unit_test(test_load_refusals_of_forms),
		cmocka_unit_test(test_load_refusals_of_fields),
		cmocka_unit_test(test_load_abi_1_0),
		cmocka_unit_test(test_load_abi_1_1),
		cmocka_unit_test(test_load_abi_1_2),
		cmocka_unit_test(test_host_1_1),
		cmocka_unit_test(test_symlinks),
		cmocka_unit_test(test_registry_sorted_and_found),
		cmocka_unit_test(test_registry_empty_and_missing),
		cmocka_unit_test(test_registry_duplicate_id),
		cmocka_unit_test(test_registry_reports_every_refusal),
		cmocka_unit_test(test_plugin_check_output),
	};

	/* problems also in their one-line log form, with rule ids */
	setenv("INTAKE_DEBUG", "1", 1);
	int failed;

	msg_set_language(LANG_EN);
	find_inputs(argc > 0 ? argv[0] : "test_plugin");
	have_plugins = plugins_built();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	free(plugin_build_dir);
	free(fixture_dir);
	free(last_stderr);
	return failed;
}
