/* Helpers shared by the unit tests: scratch directories, files, captured output. */
#ifndef TESTS_UNIT_SUPPORT_H
#define TESTS_UNIT_SUPPORT_H

/* cmocka.h needs these first; support.h may come before or after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/*
 * A new, empty directory /tmp/NAME.XXXXXX (mkdtemp).  Returns its path,
 * malloced (the caller frees it), or NULL when it cannot be made.
 */
char *scratch_make(const char *name);

/*
 * Remove dir and all below it (rm -rf).  Returns the status of the
 * command, 0 on success.  dir stays the caller's to free.
 */
int scratch_remove(const char *dir);

/* "dir/name", malloced: the caller frees it. */
char *path_join(const char *dir, const char *name);

/* Write text to path, replacing the file; a test failure when it cannot. */
void write_file(const char *path, const char *text);

/* The whole of the file at path, malloced (the caller frees it); a test
 * failure when it cannot be read. */
char *slurp(const char *path);

/*
 * Capture what is written to file descriptor 2 (stderr), into an
 * anonymous temporary file, until captured().  Captures do not nest.
 */
void capture_stderr(void);

/* Stop capturing and restore stderr; the text written meanwhile,
 * malloced (the caller frees it). */
char *captured(void);

/* A test failure, showing haystack, unless haystack holds needle. */
#define assert_contains(haystack, needle)                                      \
	do {                                                                   \
		if (!strstr((haystack), (needle)))                             \
			fail_msg("expected '%s' in:\n%s", (needle),            \
				 (haystack));                                  \
	} while (0)

/* Output written to a stream in memory (open_memstream). */
struct capture {
	FILE *out;
	char *text;
	size_t len;
};

/* Open capture->out, an empty stream in memory; a failure if it cannot. */
void capture_open(struct capture *capture);

/* Close capture->out and compare what it holds with expected; frees the
 * text (the struct itself stays the caller's). */
void expect_output(struct capture *capture, const char *expected);

#endif
