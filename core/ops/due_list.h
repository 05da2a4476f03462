/* What falls due after an outcome (ABI 1.3 follow-ups), for every
 * front end: `intake due` and the server's /due. */
#ifndef INTAKE_DUE_LIST_H
#define INTAKE_DUE_LIST_H

#include <stddef.h>

struct intake_follow_up;
struct programme;
struct registry;
struct store;

/* One follow-up due. */
struct due_item {
	long due_on, after_on;	       /* yyyymmdd */
	char *receipt, *name, *office; /* name, office: NULL when none */
	const struct programme *programme;
	const struct intake_follow_up *follow_up;
};

struct due_list {
	struct due_item *items;
	size_t n, alloc;
};

/*
 * Every follow-up of the registry's programmes (of programme_id only
 * when not NULL) due on or before limit (yyyymmdd), at office (NULL:
 * any), oldest due first, then by receipt.  Left out (store_due): cases
 * where what is due is recorded, withdrawn cases, and cases whose
 * triggering outcome was voided.  0, or -1 when the store failed (the
 * list then holds what was found; release it either way).
 */
int due_collect(struct store *store, const struct registry *registry,
		const char *programme_id, const char *office, long limit,
		struct due_list *list);
void due_list_release(struct due_list *list);

#endif
