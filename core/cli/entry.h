/* The counter entry: one question at a time, saved after every answer. */
#ifndef INTAKE_ENTRY_H
#define INTAKE_ENTRY_H

/*
 * `intake new [PROGRAMME]` and `intake resume [DRAFT]`.  On a terminal each accepted answer is saved to the
 * draft before the next question, so a closed terminal, a killed
 * process or a crashing plugin loses nothing: `intake resume` continues
 * where it stopped.  When stdin is not a terminal, one answer per line
 * is read with the same rules; the first invalid answer ends the run
 * with exit 65 and nothing is stored (no draft either).
 *
 * At any question: `?` help, `<` back to the previous question, `!` the
 * answers so far, `.` stop and keep the draft.
 */

struct session;
struct programme;
struct store_application;
struct intake_case;

int cmd_new(struct session *session, int argc, char **argv);
int cmd_resume(struct session *session, int argc, char **argv);

/*
 * `intake amend RECEIPT` at the counter: the answers of the stored case,
 * numbered as the questions; staff choose one to answer again (its
 * current answer shown, Enter keeps it, as at `intake new`) until
 * Enter.  *app gets the case with the corrections (the caller releases
 * it).  0, or -1 when the input ended.
 */
int counter_correct(struct session *session,
		    const struct programme *programme,
		    const struct store_application *stored,
		    struct intake_case *app);

#endif
