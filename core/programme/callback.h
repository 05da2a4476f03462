/* Calling a programme's plugin: init, validate, derive, check_outcome,
 * each with the host table, in one place. */
#ifndef INTAKE_CALLBACK_H
#define INTAKE_CALLBACK_H

struct programme;

/* The plugin's init on its form (programme_load calls it): 0, or -1
 * after printing its reasons.  application_check and
 * application_check_outcome (application.h) are the other calls. */
int programme_run_init(struct programme *programme);

#endif
