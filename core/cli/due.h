/* What falls due after an outcome: `intake due`. */
#ifndef INTAKE_DUE_H
#define INTAKE_DUE_H

struct session;

/*
 * `intake due [--within N[d]] [--office O] [--programme P] [--format F]`:
 * every follow-up (ABI 1.3) due on or before today + N days (N 0 by
 * default: what is due or overdue today), oldest first: the due date,
 * the receipt, the name, the programme, what is due (the outcome's
 * label), what started the clock and when, the office, and how many days
 * it is overdue (negative: not yet due).  Left out: cases where what is
 * due is recorded (and not voided), withdrawn cases, and cases whose
 * triggering outcome was voided.  Returns the exit status.
 */
int cmd_due(struct session *session, int argc, char **argv);

#endif
