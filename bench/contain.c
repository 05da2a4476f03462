/* Benchmark: the cost of a contained plugin call (fork, pipe, wait). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "application.h"
#include "callback.h"
#include "messages.h"
#include "plugin.h"

/*
 * Loads the programmes as intake serve does, then checks one answered
 * kigyo_shien case (validate and derive: two plugin calls) N times in
 * this process, then N times contained, and prints ms per check of
 * each and the difference per call.  Usage (bench/contain.sh builds
 * it): contain PLUGIN_DIR FORM_DIR [N]
 */

static const char *const answers[][2] = {
	{"name", "起業 太郎"},         {"name_kana", "キギョウタロウ"},
	{"birth_date", "1985-06-01"}, {"postal_code", "0300801"},
	{"address", "青森市"},        {"phone", "0177341111"},
	{"stage", "preparing"},       {"opening_on", "2026-10-01"},
	{"legal_form", "sole"},       {"business_field", "飲食"},
	{"eligible_expenses", "3000000"}, {"relocated", "yes"},
	{"received_on", "2026-06-01"},
};

static double now_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* ms per application_check of app, n times; exits on a refusal. */
static double time_checks(struct intake_case *app, int n)
{
	double start = now_ms();
	int i;

	for (i = 0; i < n; i++) {
		if (application_check(app)) {
			application_print_problems(app, stderr);
			exit(1);
		}
	}
	return (now_ms() - start) / n;
}

int main(int argc, char **argv)
{
	struct registry registry;
	const struct programme *programme;
	struct intake_case app;
	double plain, contained;
	size_t i;
	int n = argc > 3 ? atoi(argv[3]) : 2000;

	if (argc < 3 || n < 1 ||
	    registry_load(&registry, argv[1], argv[2]) ||
	    !(programme = registry_find(&registry, "kigyo_shien")))
		return 2;
	msg_set_language(LANG_EN);
	application_init(&app, programme);
	for (i = 0; i < sizeof(answers) / sizeof(answers[0]); i++)
		if (application_answer(&app, answers[i][0], answers[i][1]))
			return application_print_problems(&app, stderr), 1;
	plain = time_checks(&app, n);
	callback_contain(5000);
	contained = time_checks(&app, n);
	printf("check in process     %8.3f ms (validate + derive)\n", plain);
	printf("check contained      %8.3f ms (two child processes)\n",
	       contained);
	printf("cost per contained call %5.3f ms (%d checks each)\n",
	       (contained - plain) / 2, n);
	application_release(&app);
	registry_release(&registry);
	return 0;
}
