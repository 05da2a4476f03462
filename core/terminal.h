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
};

void terminal_init(struct terminal *terminal);

/* One line without its newline, malloced; NULL at the end of input. */
char *terminal_read(struct terminal *terminal, const char *prompt);

#endif
