/* Helpers shared by the fuzz targets: input as a string or a file, checks. */
#define _GNU_SOURCE
#include "support.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

char *fuzz_string(const uint8_t *data, size_t size)
{
	size_t len = strnlen((const char *)data, size);
	char *text = malloc(len + 1);

	if (!text)
		abort();
	memcpy(text, data, len);
	text[len] = '\0';
	return text;
}

const char *fuzz_file(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("fuzz-input", 0);
		if (fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) ||
	    (size && pwrite(fd, data, size, 0) != (ssize_t)size)) {
		perror("fuzz input file");
		abort();
	}
	return path;
}

void fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	/* stdout: the runs close stderr (-close_fd_mask=2) to hide the
	 * core's messages about refused input. */
	fputs("fuzz property failed: ", stdout);
	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	abort();
}

const char *fuzz_shown(const char *text)
{
	static char shown[4096];
	size_t len = 0;

	for (; *text && len + 5 < sizeof(shown); text++) {
		unsigned char c = (unsigned char)*text;

		if (c >= 0x20 && c < 0x7F && c != '\\')
			shown[len++] = (char)c;
		else
			len += (size_t)snprintf(shown + len, 5, "\\x%02X", c);
	}
	shown[len] = '\0';
	return shown;
}
