/* Calling a programme's plugin: init, validate, derive, check_outcome,
 * each with the host table, in one place. */
#include "callback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "contain.h"
#include "host.h"
#include "messages.h"
#include "plugin.h"
#include "util.h"

int programme_run_init(struct programme *programme)
{
	struct intake_case form_case;
	int rc;

	if (!programme->plugin->init)
		return 0;
	application_init(&form_case, programme);
	rc = programme->plugin->init(host_table(), &form_case);
	if (form_case.n_problems) {
		error(msg(MSG_PLUGIN_INIT_REFUSED), programme->path);
		application_report_problems(&form_case);
		rc = -1;
	} else if (rc != INTAKE_OK) {
		error(msg(MSG_PLUGIN_INIT_NO_REASON), programme->path);
		rc = -1;
	}
	application_release(&form_case);
	return rc;
}

/* The time limit of a contained call, 0 when calls are not contained. */
static int contain_ms;

void callback_contain(int timeout_ms)
{
	contain_ms = timeout_ms > 0 ? timeout_ms : 0;
}

/* Told of contained calls that gave no result, or NULL. */
static callback_failure_hook *failure_hook;

void callback_on_failure(callback_failure_hook *hook)
{
	failure_hook = hook;
}

/* One call of a plugin callback: validate or derive (callback), or
 * check_outcome (code and date); name is the callback's. */
struct plugin_call {
	const char *name;
	int (*callback)(const struct intake_host *, struct intake_case *);
	int (*check_outcome)(const struct intake_host *,
			     struct intake_case *, const char *, long);
	const char *code;
	long date;
};

static int invoke(const struct intake_host *host, struct intake_case *app,
		  void *arg)
{
	const struct plugin_call *call = arg;

	if (call->check_outcome)
		return call->check_outcome(host, app, call->code, call->date);
	return call->callback(host, app);
}

/* Why a contained call gave no result, as a problem of the whole case
 * (its sentence begins with the programme's title). */
static void call_failed(struct intake_case *app, enum contain_status status)
{
	char *text;

	if (status == CONTAIN_TIMED_OUT)
		text = xstrfmt(msg(MSG_PLUGIN_CALL_TIMED_OUT),
			       (contain_ms + 999) / 1000);
	else if (status == CONTAIN_NOT_RUN)
		text = xstrdup(msg(MSG_PLUGIN_CALL_NOT_RUN));
	else
		text = xstrdup(msg(MSG_PLUGIN_CALL_CRASHED));
	application_problem(app, NULL, NULL,
			    status == CONTAIN_TIMED_OUT ? "plugin_timed_out"
							: "plugin_crashed",
			    text);
	free(text);
}

/* Make call, in a child process when calls are contained: its result,
 * or INTAKE_REFUSE with a problem saying why there is none. */
static int call_plugin(struct intake_case *app, struct plugin_call *call)
{
	enum contain_status status;
	int rc = INTAKE_REFUSE, signo;

	if (!contain_ms)
		return invoke(host_table(), app, call);
	status = contain_run(app, invoke, call, contain_ms, &rc, &signo);
	if (status == CONTAIN_DONE)
		return rc;
	call_failed(app, status);
	if (failure_hook)
		failure_hook(app->programme->plugin->id, call->name, status,
			     signo);
	return rc;
}

static int run_callback(struct intake_case *app, const char *name,
			int (*callback)(const struct intake_host *,
					struct intake_case *))
{
	struct plugin_call call = {name, callback, NULL, NULL, 0};
	size_t before = app->n_problems;
	int rc;

	if (!callback)
		return 0;
	rc = call_plugin(app, &call);
	if (rc != INTAKE_OK && app->n_problems == before)
		application_problem(app, NULL, NULL, NULL,
				    msg(MSG_APP_PLUGIN_REFUSED));
	return app->n_problems == before ? 0 : -1;
}

int application_check(struct intake_case *app)
{
	const struct intake_plugin *plugin = app->programme->plugin;
	int rc;

	application_check_answers(app);
	if (app->n_problems)
		return -1;
	if (run_callback(app, "validate", plugin->validate))
		return -1;
	app->deriving = 1;
	rc = run_callback(app, "derive", plugin->derive);
	app->deriving = 0;
	return rc;
}

/* The declared outcome needs of code (ABI 1.2) on date, read with the
 * host function the plugins used: one problem per need that fails, as
 * host->error reports one; their count. */
static size_t check_outcome_needs(struct intake_case *app, const char *code,
				  long date)
{
	const struct intake_host *host = host_table();
	const struct intake_outcome_need *needs;
	size_t i, n, failed = 0;

	needs = programme_outcome_needs(app->programme, &n);
	for (i = 0; i < n; i++) {
		const struct intake_outcome_need *need = &needs[i];
		long first;

		if (strcmp(need->code, code))
			continue;
		first = host->outcome_first_date(app, need->needs);
		if (first && first <= date)
			continue;
		application_problem(
		    app, NULL, NULL, need->rule,
		    msg_pick(need->message_ja, need->message_en));
		failed++;
	}
	return failed;
}

int application_check_outcome(struct intake_case *app, const char *code,
			      long date)
{
	const struct intake_plugin *plugin = app->programme->plugin;
	size_t before = app->n_problems;
	struct plugin_call call = {"check_outcome", NULL, plugin->check_outcome,
				   code, date};
	int rc, had_amount;

	if (check_outcome_needs(app, code, date))
		return -1;
	if (!plugin->check_outcome)
		return 0;
	/* get_amount gives only what goes with an outcome that carries
	 * an amount: a plugin never sees one it did not declare. */
	had_amount = app->has_amount;
	if (!programme_outcome_amount(app->programme, code))
		app->has_amount = 0;
	rc = call_plugin(app, &call);
	app->has_amount = had_amount;
	if (rc != INTAKE_OK && app->n_problems == before)
		application_problem(app, NULL, NULL, code,
				    msg(MSG_APP_OUTCOME_REFUSED));
	return app->n_problems == before ? 0 : -1;
}
