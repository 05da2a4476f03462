/* Plugin callbacks in a child process: a crash or a hang costs one call. */
#ifndef INTAKE_CONTAIN_H
#define INTAKE_CONTAIN_H

#include <intake/plugin.h>

struct intake_case;

/* How a contained call ended. */
enum contain_status {
	CONTAIN_DONE,      /* it returned: its result is applied */
	CONTAIN_CRASHED,   /* the child died (a signal) or sent no result */
	CONTAIN_TIMED_OUT, /* killed (SIGKILL) at the time limit */
	CONTAIN_NOT_RUN,   /* no pipe or no child process (fork failed) */
};

/* What runs in the child: one plugin callback on app, with host. */
typedef int contain_call(const struct intake_host *host,
			 struct intake_case *app, void *arg);

/*
 * Run call(host, app, arg) in a child process forked for this one call,
 * on the child's copy of app, and wait at most timeout_ms for it.  The
 * child sends back the call's result, the problems it added to app and,
 * when app->deriving, the values of the form's derived fields; it uses
 * no stdio, no locks of the parent and no database, and ends with
 * _exit.  Its host table is host_table()'s with log writing straight to
 * file descriptor 2.
 *
 * CONTAIN_DONE: *rc is the call's result, the problems are appended to
 * app and the derived values replace app's.  Otherwise app is as it
 * was, *rc untouched, and the child is reaped (killed first on time
 * out).  *signo is the signal that ended a crashed child, else 0.  Safe
 * to call from several threads at once, on different cases.
 */
enum contain_status contain_run(struct intake_case *app, contain_call *call,
				void *arg, int timeout_ms, int *rc, int *signo);

#endif
