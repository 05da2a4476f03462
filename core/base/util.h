/* Small shared helpers: checked allocation, a growable string, errors. */
#ifndef INTAKE_UTIL_H
#define INTAKE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* sysexits.h codes used as exit statuses. */
#define EXIT_USAGE 64
#define EXIT_DATAERR 65
#define EXIT_NOINPUT 66
#define EXIT_SOFTWARE 70
#define EXIT_CANTCREAT 73
#define EXIT_IOERR 74
#define EXIT_TEMPFAIL 75
#define EXIT_NOPERM 77
#define EXIT_CONFIG 78

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation that never returns NULL: out of memory dies with exit 70. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *text);
char *xstrndup(const char *text, size_t len);
/* The directory part of path, malloced: "." when it has none. */
char *path_directory(const char *path);
/* Grow *array (of *alloc elements of size) to hold at least need. */
void *xgrow(void *array, size_t need, size_t *alloc, size_t size);
#define ALLOC_GROW(array, need, alloc)                                       \
	((array) = xgrow((array), (need), &(alloc), sizeof(*(array))))

/* Write len bytes of text with control characters shown, not sent: C0
 * controls but newline and tab, and DEL, as \x1b; C1 controls as
 * \u009b. */
void write_escaped(FILE *out, const char *text, size_t len);

/*
 * What code below the front ends reports goes to this thread's error
 * routine (as git's set_error_routine, per thread): by default
 * "intake: <kind prefix><message>\n" on stderr, control characters
 * escaped as write_escaped does.  A server request sets its own routine
 * to keep the texts with the request.  kind says which prefix the
 * default writes: none for errors and plugin notes, "warning: ",
 * "debug: ".  text is the message alone, unescaped.
 */
enum report_kind { REPORT_ERROR, REPORT_WARNING, REPORT_NOTE, REPORT_DEBUG };
typedef void error_routine_fn(enum report_kind kind, const char *text,
			      void *ctx);
struct error_routine {
	error_routine_fn *fn; /* NULL: the default, stderr */
	void *ctx;
};
/* Set this thread's routine (fn NULL: the default); returns the one
 * it had, to give back to set_error_routine when done. */
struct error_routine set_error_routine(error_routine_fn *fn, void *ctx);
/* What the default routine does: the line on stderr. */
void error_to_stderr(enum report_kind kind, const char *text, void *ctx);

/* Report to this thread's routine; error() returns -1. */
int error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warning(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void report_as(enum report_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Print "intake: <message>" to stderr and exit with status: the
 * process ends, so no routine. */
void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));
/* An impossible state: print and abort. */
#define BUG(...) bug_at(__FILE__, __LINE__, __VA_ARGS__)
void bug_at(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

/*
 * A growable NUL-terminated string.  STRBUF_INIT is an empty buffer that
 * owns nothing; strbuf_release frees and resets; strbuf_detach hands the
 * string to the caller (never NULL).  A buffer past STRBUF_MAX dies: no
 * input the tool takes is legitimately that long.
 */
struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};
#define STRBUF_MAX ((size_t)64 << 20)
#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
char *strbuf_detach(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *text);
void strbuf_addch(struct strbuf *sb, int ch);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Append len bytes of text with control characters shown, as
 * write_escaped writes them. */
void strbuf_add_escaped(struct strbuf *sb, const char *text, size_t len);
/* Append text with & < > " ' written as entities (NULL: nothing): HTML
 * for the server's pages and the report (kpi_html.c). */
void html_escape(struct strbuf *sb, const char *text);
/* The contents, "" when empty (never NULL). */
const char *strbuf_str(const struct strbuf *sb);

/* Heap-allocated printf. */
char *xstrfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse a whole decimal integer (optional sign); -1 on anything else. */
int parse_long_long(const char *text, long long *value);

/* A UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" (as the store keeps them) in
 * local time, "YYYY-MM-DD HH:MM", in buf; anything else is copied. */
void utc_to_local(const char *iso, char *buf, size_t size);

/* Today's local date as yyyymmdd; INTAKE_TODAY=YYYY-MM-DD overrides it
 * (tests and back-dated batches). */
long today_yyyymmdd(void);

#endif
