/* intake verify, backup and restore: a database proven whole. */
#ifndef INTAKE_VERIFY_H
#define INTAKE_VERIFY_H

struct store;
struct session;

/*
 * The checks of `intake verify` on an open store (path for messages),
 * each printed as one line on stdout, each problem on stderr:
 * integrity (PRAGMA quick_check), outcome counts against the outcomes,
 * the audit hash chain and its triggers.  head gets the chain's head
 * hash ("" when the audit is empty).  Returns 0 when all hold,
 * EXIT_DATAERR when one does not, another exit status when the store
 * fails.
 */
int verify_store(struct store *store, const char *path, char head[65]);

/* The integrity and counts checks alone (`intake tally --verify`). */
int verify_integrity(struct store *store, const char *path);
int verify_counts(struct store *store);

#endif
