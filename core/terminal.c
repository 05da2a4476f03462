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

static char *read_plain_line(void)
{
	struct strbuf line = STRBUF_INIT;
	int ch;

	while ((ch = getchar()) != EOF && ch != '\n')
		strbuf_addch(&line, ch);
	if (ch == EOF && !line.len) {
		strbuf_release(&line);
		return NULL;
	}
	if (line.len && line.buf[line.len - 1] == '\r')
		line.buf[--line.len] = '\0';
	return strbuf_detach(&line);
}

char *terminal_read(struct terminal *terminal, const char *prompt)
{
	char *line;

	if (!terminal->interactive)
		return read_plain_line();
	fflush(stdout);
	line = readline(prompt);
	if (!line)
		return NULL;
	return line;
}
