/* Drafts: an application typed in steps, saved after every answer
 * (the terminal counter and the browser alike). */
#ifndef INTAKE_DRAFT_H
#define INTAKE_DRAFT_H

#include "store.h"

struct intake_case;

/* Save the answers of app (received_on too) as draft id's, in one
 * transaction; last_field is the field just answered (NULL: none).
 * 0 or -1 (store_status says why). */
int draft_save(struct store *store, long long id,
	       const struct intake_case *app, const char *last_field);

/* Put a draft's answers back into app (application_init'ed on the
 * draft's programme).  Answers to fields the form no longer has are
 * left out. */
void draft_restore(struct intake_case *app, const struct store_draft *draft);

/*
 * An answer given on a form (the browser): an empty one clears an
 * optional field and is a problem on a required one; anything else is
 * application_answer's.  0 accepted, -1 refused (a problem recorded).
 */
int draft_answer(struct intake_case *app, const char *field_id,
		 const char *input);

/* The same person's earlier applications (store_find_person on the
 * name_kana and birth_date answers): fn for each, as store_find_person
 * calls it.  0 with no call when either answer is missing; else what
 * store_find_person returns. */
int draft_same_person(struct store *store, const struct intake_case *app,
		      store_application_fn fn, void *context);

#include "form.h"

/* What a field accepts, for people: choices, limits, unit (malloced,
 * may be empty). */
char *field_accepts(const struct field *field);

/* How an answer of type is written (dates, yes/no, …), or NULL. */
const char *field_type_help(enum field_type type);

#endif
