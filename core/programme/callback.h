/* Calling a programme's plugin: init, validate, derive, check_outcome,
 * each with the host table, in one place. */
#ifndef INTAKE_CALLBACK_H
#define INTAKE_CALLBACK_H

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

#endif
