/* intake plugin new: a programme's plugin, form and test, from the template. */
#ifndef INTAKE_SCAFFOLD_H
#define INTAKE_SCAFFOLD_H

struct session;

/* The longest programme title, in characters. */
#define SCAFFOLD_TITLE_MAX 100

/*
 * `intake plugin new ID --title TITLE --prefix PREFIX [--title-en TITLE]
 * [--dir DIR]` (argv[0] is "new").  Writes, under DIR (default "."):
 *
 *   plugins/ID/ID.c    from plugins/template/template.c
 *   forms/ID.ini       from plugins/template/template.ini
 *   tests/e2e/t3N00-ID.sh (from plugins/template/test-e2e.sh) when
 *                      DIR/tests/e2e/lib.sh exists, that is in an
 *                      intake source tree: the first free t3N00, else
 *                      the first free t3NNN; otherwise
 *   plugins/ID/test.sh from plugins/template/test.sh, a test that needs
 *                      only an installed intake: sh test.sh ID.so
 *
 * The template files are compiled into the binary (the Makefile turns
 * them into $(BUILD)/gen/scaffold_template.h), so the generator needs no
 * file at run time.  In each, the word "template" in lower case, as a
 * whole id (not inside another word; "template_x" counts), becomes ID;
 * the word "TPL", PREFIX; in the .c file the string literals
 * "テンプレート事業" and "Template programme" become the titles (C
 * escaped), and the first line of the .c and .ini files a new one-line
 * comment.  --title-en defaults to --title.
 *
 * Checked before anything is written, every problem printed: ID is
 * [a-z][a-z0-9_]{0,31} (64), PREFIX [A-Z]{2,8} (64), each title one line
 * of safe text (text_check_safe), 1 to SCAFFOLD_TITLE_MAX characters
 * (64); DIR an existing directory (73); no loaded programme has the id
 * (73) and none the prefix (65) (when plugin_dir does not load, a
 * warning says they were not compared); none of the files or the folder
 * plugins/ID exist (73).  Files are created exclusively (never through
 * a symlink, never over a file); when one cannot be written, what was
 * written is removed again (73, 77 or 74).  Returns 0 after listing the
 * files and the next step, or the exit status of the first problem.
 */
int cmd_plugin_new(struct session *session, int argc, char **argv);

#endif
