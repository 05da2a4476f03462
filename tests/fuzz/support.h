/* Helpers shared by the fuzz targets: input as a string or a file, checks. */
#ifndef TESTS_FUZZ_SUPPORT_H
#define TESTS_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/* The input up to its first NUL, NUL-terminated, malloced. */
char *fuzz_string(const uint8_t *data, size_t size);

/*
 * The input as a file: one anonymous in-memory file (memfd) per process,
 * rewritten on each call.  Returns its path ("/proc/self/fd/N"), valid
 * until the next call.
 */
const char *fuzz_file(const uint8_t *data, size_t size);

/* A property failed: print what (on stdout) and abort; libFuzzer keeps
 * the input. */
void fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2),
						  noreturn));

/* Text shown byte by byte, non-printable bytes as \xNN (static buffer). */
const char *fuzz_shown(const char *text);

#endif
