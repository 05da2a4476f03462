/* Small shared helpers: checked allocation, a growable string, errors. */
#include "util.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "messages.h"

static void out_of_memory(void)
{
	fprintf(stderr, "intake: %s\n", msg(MSG_UTIL_OUT_OF_MEMORY));
	exit(EXIT_SOFTWARE);
}

void *xmalloc(size_t size)
{
	void *ptr = malloc(size ? size : 1);

	if (!ptr)
		out_of_memory();
	return ptr;
}

void *xcalloc(size_t count, size_t size)
{
	void *ptr = calloc(count ? count : 1, size ? size : 1);

	if (!ptr)
		out_of_memory();
	return ptr;
}

void *xrealloc(void *ptr, size_t size)
{
	void *grown = realloc(ptr, size ? size : 1);

	if (!grown)
		out_of_memory();
	return grown;
}

char *xstrdup(const char *text)
{
	return xstrndup(text, strlen(text));
}

char *xstrndup(const char *text, size_t len)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

char *path_directory(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

void *xgrow(void *array, size_t need, size_t *alloc, size_t size)
{
	size_t grown;

	if (need <= *alloc)
		return array;
	grown = *alloc ? *alloc * 2 : 8;
	if (grown < need)
		grown = need;
	if (grown > SIZE_MAX / size)
		out_of_memory();
	*alloc = grown;
	return xrealloc(array, grown * size);
}

void strbuf_add_escaped(struct strbuf *sb, const char *text, size_t len)
{
	const unsigned char *c = (const unsigned char *)text;
	const unsigned char *end = c + len;

	for (; c < end; c++) {
		if (*c == 0xc2 && c + 1 < end && c[1] >= 0x80 && c[1] <= 0x9f)
			strbuf_addf(sb, "\\u%04x", c[1]), c++; /* C1 */
		else if ((*c < 0x20 && *c != '\n' && *c != '\t') || *c == 0x7f)
			strbuf_addf(sb, "\\x%02x", *c);
		else
			strbuf_addch(sb, *c);
	}
}

void html_escape(struct strbuf *sb, const char *text)
{
	for (; text && *text; text++) {
		switch (*text) {
		case '&': strbuf_addstr(sb, "&amp;"); break;
		case '<': strbuf_addstr(sb, "&lt;"); break;
		case '>': strbuf_addstr(sb, "&gt;"); break;
		case '"': strbuf_addstr(sb, "&quot;"); break;
		case '\'': strbuf_addstr(sb, "&#39;"); break;
		default: strbuf_addch(sb, *text);
		}
	}
}

void write_escaped(FILE *out, const char *text, size_t len)
{
	struct strbuf shown = STRBUF_INIT;

	strbuf_add_escaped(&shown, text, len);
	fwrite(strbuf_str(&shown), 1, shown.len, out);
	strbuf_release(&shown);
}

static _Thread_local struct error_routine routine;

struct error_routine set_error_routine(error_routine_fn *fn, void *ctx)
{
	struct error_routine was = routine;

	routine.fn = fn;
	routine.ctx = ctx;
	return was;
}

static const char *kind_prefix(enum report_kind kind)
{
	switch (kind) {
	case REPORT_WARNING: return "warning: ";
	case REPORT_DEBUG: return "debug: ";
	default: return "";
	}
}

/* Messages may quote what someone typed: a terminal escape sequence in
 * it is shown, never run. */
void error_to_stderr(enum report_kind kind, const char *text, void *ctx)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addstr(&line, "intake: ");
	strbuf_addstr(&line, kind_prefix(kind));
	strbuf_addstr(&line, text);
	write_escaped(stderr, line.buf, line.len);
	fputc('\n', stderr);
	strbuf_release(&line);
}

static void report(enum report_kind kind, const char *fmt, va_list ap)
{
	struct strbuf message = STRBUF_INIT;

	strbuf_vaddf(&message, fmt, ap);
	if (routine.fn)
		routine.fn(kind, strbuf_str(&message), routine.ctx);
	else
		error_to_stderr(kind, strbuf_str(&message), NULL);
	strbuf_release(&message);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(REPORT_ERROR, fmt, ap);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(REPORT_WARNING, fmt, ap);
	va_end(ap);
}

void report_as(enum report_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(kind, fmt, ap);
	va_end(ap);
}

void die(int status, const char *fmt, ...)
{
	struct strbuf message = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&message, fmt, ap);
	va_end(ap);
	error_to_stderr(REPORT_ERROR, strbuf_str(&message), NULL);
	strbuf_release(&message);
	exit(status);
}

void bug_at(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "intake: BUG at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	strbuf_init(sb);
}

char *strbuf_detach(struct strbuf *sb)
{
	char *text = sb->buf ? sb->buf : xstrdup("");

	strbuf_init(sb);
	return text;
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

static void strbuf_grow(struct strbuf *sb, size_t extra)
{
	if (extra > STRBUF_MAX || sb->len + extra > STRBUF_MAX)
		die(EXIT_SOFTWARE, msg(MSG_UTIL_TOO_LONG), STRBUF_MAX);
	if (sb->len + extra + 1 > sb->alloc) {
		size_t want = sb->alloc ? sb->alloc * 2 : 64;

		while (want < sb->len + extra + 1)
			want *= 2;
		sb->buf = xrealloc(sb->buf, want);
		sb->alloc = want;
	}
}

void strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *text)
{
	strbuf_add(sb, text, strlen(text));
}

void strbuf_addch(struct strbuf *sb, int ch)
{
	char c = (char)ch;

	strbuf_add(sb, &c, 1);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	int need;

	va_copy(copy, ap);
	need = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (need < 0)
		BUG("bad format '%s'", fmt);
	strbuf_grow(sb, (size_t)need);
	vsnprintf(sb->buf + sb->len, (size_t)need + 1, fmt, ap);
	sb->len += (size_t)need;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *xstrfmt(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

int parse_long_long(const char *text, long long *value)
{
	char *end;
	long long parsed;

	if (!text || !*text)
		return -1;
	errno = 0;
	parsed = strtoll(text, &end, 10);
	if (errno || *end || end == text)
		return -1;
	*value = parsed;
	return 0;
}

long today_yyyymmdd(void)
{
	const char *fixed = getenv("INTAKE_TODAY");
	time_t now = time(NULL);
	struct tm local;
	int y, m, d;

	if (fixed) {
		/* a real day: mktime would move 2026-02-30 to March */
		memset(&local, 0, sizeof(local));
		if (strlen(fixed) != 10 ||
		    sscanf(fixed, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1900)
			y = m = d = 0;
		local.tm_year = y - 1900;
		local.tm_mon = m - 1;
		local.tm_mday = d;
		local.tm_hour = 12;
		if (!y || mktime(&local) == (time_t)-1 ||
		    local.tm_mon != m - 1 || local.tm_mday != d)
			die(EXIT_USAGE, msg(MSG_UTIL_BAD_TODAY), fixed);
		return (long)y * 10000 + m * 100 + d;
	}
	localtime_r(&now, &local);
	return (long)(local.tm_year + 1900) * 10000 + (local.tm_mon + 1) * 100 +
	       local.tm_mday;
}

void utc_to_local(const char *iso, char *buf, size_t size)
{
	struct tm utc, local;
	time_t when;

	memset(&utc, 0, sizeof(utc));
	if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &utc.tm_year,
			   &utc.tm_mon, &utc.tm_mday, &utc.tm_hour,
			   &utc.tm_min, &utc.tm_sec) != 6) {
		snprintf(buf, size, "%s", iso ? iso : "");
		return;
	}
	utc.tm_year -= 1900;
	utc.tm_mon -= 1;
	when = timegm(&utc);
	localtime_r(&when, &local);
	strftime(buf, size, "%Y-%m-%d %H:%M", &local);
}
