/* Calling a programme's plugin: init, validate, derive, check_outcome,
 * each with the host table, in one place. */
#ifndef INTAKE_CALLBACK_H
#define INTAKE_CALLBACK_H

#include "contain.h"

struct programme;

/* The plugin's init on its form (programme_load calls it): 0, or -1
 * after printing its reasons.  application_check and
 * application_check_outcome (application.h) are the other calls. */
int programme_run_init(struct programme *programme);

/*
 * Run validate, derive and check_outcome each in a child process forked
 * for the call (contain.h), killed after timeout_ms: a crash or a hang
 * of the plugin is then a problem of the case, the whole application's
 * (rule "plugin_crashed" or "plugin_timed_out"), saying the check could
 * not be completed, and the call a refusal; the process lives on.  0
 * (the default) calls them in this process.  init is never contained.
 * A front end sets it once, before it starts threads (intake serve).
 */
void callback_contain(int timeout_ms);

/*
 * Told of each contained call that gave no result, in the thread that
 * made it: the programme's id, the callback ("validate", "derive",
 * "check_outcome"), how it ended (contain.h) and the signal that ended
 * a crashed child (0 when none).  It sees no answer of the case.  Set
 * once, before threads start (intake serve logs them); NULL for none.
 */
typedef void callback_failure_hook(const char *programme, const char *callback,
				   enum contain_status status, int signo);
void callback_on_failure(callback_failure_hook *hook);

#endif
