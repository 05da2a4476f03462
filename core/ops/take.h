/* Taking a case: a checked application stored with its receipt. */
#ifndef INTAKE_TAKE_H
#define INTAKE_TAKE_H

#include <stddef.h>

struct intake_case;
struct store;
struct store_answer;

/* Who takes the case, where, and what goes with it. */
struct take {
	const char *office, *staff;
	long long draft_id;	  /* the draft it was typed in, 0 for none */
	const char *link_receipt; /* the same person's earlier case, or NULL */
	const char *link_note;
	const char *source_id; /* the office's old case number (import) */
};

/*
 * The answers of app as the store takes them (pointing into app, and
 * into received for the reception date when with_received is set):
 * a malloced array and its length.  Unanswered fields are left out.
 */
size_t take_answers(const struct intake_case *app, int with_received,
		    char received[11], struct store_answer **answers);

/* Store app (application_check passed) in one transaction: 0 and
 * *receipt (malloced), or -1 (store_status says why). */
int take_case(struct store *store, const struct intake_case *app,
	      const struct take *take, char **receipt);

#endif
