/* A problem with an application: data every front end draws its way. */
#ifndef INTAKE_PROBLEM_H
#define INTAKE_PROBLEM_H

/*
 * One thing wrong with an application: the field (NULL for the whole
 * application), what was given, the rule that failed (a plugin's rule
 * id, NULL for the form's own checks) and what is expected, in the
 * staff's language.  The terminal prints it as a sentence
 * (application_print_problems); the log and JSON keep the rule id.
 */
struct problem {
	char *field;
	char *given; /* what was typed or stored, NULL when nothing */
	int stored;  /* given is the stored value: shown as the form
			formats it (a choice's label, はい, 1,000,000 円) */
	char *rule;
	char *expected;
};

#endif
