/* Reading answers: line editing on a terminal, plain lines otherwise. */
#include "terminal.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <editline/readline.h>

#include "util.h"

/* libedit edits characters, not bytes, only in a UTF-8 locale. */
static void use_utf8_locale(void)
{
	if (setlocale(LC_CTYPE, "") &&
	    !strcmp(nl_langinfo(CODESET), "UTF-8"))
		return;
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.utf8");
}

void terminal_init(struct terminal *terminal)
{
	terminal->interactive = isatty(STDIN_FILENO);
	if (terminal->interactive)
		use_utf8_locale();
}

static char *read_plain_line(struct terminal *terminal)
{
	struct strbuf line = STRBUF_INIT;
	size_t bytes = 0;
	int ch;

	while ((ch = getchar()) != EOF && ch != '\n') {
		if (!ch)
			terminal->refused = TERMINAL_NUL;
		else if (++bytes > TERMINAL_LINE_MAX && !terminal->refused)
			terminal->refused = TERMINAL_LONG;
		if (!terminal->refused)
			strbuf_addch(&line, ch);
	}
	if (ch == EOF && !bytes && !terminal->refused) {
		strbuf_release(&line);
		return NULL;
	}
	if (terminal->refused)
		strbuf_reset(&line);
	if (line.len && line.buf[line.len - 1] == '\r')
		line.buf[--line.len] = '\0';
	return strbuf_detach(&line);
}

char *terminal_read(struct terminal *terminal, const char *prompt)
{
	char *line;

	terminal->refused = 0;
	if (!terminal->interactive)
		return read_plain_line(terminal);
	fflush(stdout);
	line = readline(prompt);
	if (!line)
		return NULL;
	return line;
}
