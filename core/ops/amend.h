/* Correcting a case: the whole case checked again, and what changed. */
#ifndef INTAKE_AMEND_H
#define INTAKE_AMEND_H

#include <stddef.h>

struct intake_case;
struct store_application;
struct store_change;

/*
 * app holds the stored case with the corrections answered on top
 * (application_from_store, then application_answer).  Check it as a
 * new case is checked (derived values computed afresh), then check
 * that every outcome already recorded would still be allowed, each
 * with the outcomes before it.  The reception date may change only
 * within its fiscal year (the receipt carries the year).  0, or -1
 * with the reasons as problems of app.
 */
int amend_check(struct intake_case *app,
		const struct store_application *stored);

/* The answers that differ between stored and app (and received_on,
 * its old date written in received_before), as changes pointing into
 * both: malloced array, its length. */
size_t amend_changes(const struct intake_case *app,
		     const struct store_application *stored,
		     char received_before[11], struct store_change **changes);

#endif
