/* Copying a whole database into another, whatever their backends. */
#ifndef INTAKE_STORE_COPY_H
#define INTAKE_STORE_COPY_H

#include "store.h"

struct store_copy_result {
	long long cases, outcomes, notes, links, drafts, accounts;
	long long audit_rows;       /* appended to the target's chain */
	long long cases_present;    /* in the target already, the same */
	long long accounts_present; /* the same account, by name */
	long long audit_present;    /* copied by an earlier run */
	int verbatim; /* every appended row kept its source hash */
	char head[65]; /* the target chain's head after the copy */
};

/*
 * Copy every case (answers, outcomes, notes, links), draft, account
 * and audit row of from into to, in one transaction of to; search
 * keys, outcome counts and receipt numbering are rebuilt there.
 * Sessions are not copied.  Each run ends with a "migrate" audit row
 * naming from (from_name: a path or a URI without its password), its
 * chain's first hash, and how many of its audit rows and up to which
 * case and account it copied: a run again skips those, so a copy run
 * twice copies once.  Whether a receipt in to is one of them is never
 * judged by its contents.  Into an empty
 * database ids and audit hashes stay as they were; otherwise ids are
 * shifted past the target's and the rows are chained after its own.
 * Before writing anything, it refuses (each reason through problem,
 * then returns 1) a broken chain in either, another case in to under
 * a receipt of from, a programme and fiscal year that both hold cases
 * (their receipts would collide), and an account of the same name
 * not copied from it.  0 copied, 1 refused, -1 failed (printed).
 */
int store_copy(struct store *from, struct store *to, const char *from_name,
	       const char *staff, store_problem_fn problem, void *context,
	       struct store_copy_result *result);

#endif
