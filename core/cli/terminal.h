/* Reading answers: line editing on a terminal, plain lines otherwise. */
#ifndef INTAKE_TERMINAL_H
#define INTAKE_TERMINAL_H

/*
 * On a terminal, lines are read with libedit: cursor keys, and backspace
 * removes a whole character, Japanese included (the locale is switched
 * to UTF-8 when it is not).  Otherwise lines come from stdin as they are
 * (scripts, tests) and prompts are not printed.
 */
struct terminal {
	int interactive; /* stdin is a terminal */
	int refused;     /* the last line: TERMINAL_NUL, TERMINAL_LONG or 0 */
};

/* The longest line taken, in bytes; longer ones are refused whole. */
#define TERMINAL_LINE_MAX 65536
#define TERMINAL_NUL 1  /* the line held a NUL byte */
#define TERMINAL_LONG 2 /* the line was longer than TERMINAL_LINE_MAX */

void terminal_init(struct terminal *terminal);

/* One line without its newline, malloced; NULL at the end of input.  A
 * line with a NUL byte or over TERMINAL_LINE_MAX is read to its end and
 * given as "" with terminal->refused saying why: never cut short. */
char *terminal_read(struct terminal *terminal, const char *prompt);

#endif
