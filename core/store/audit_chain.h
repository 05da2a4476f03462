/* The audit chain every backend keeps: row hashes and row JSON. */
#ifndef INTAKE_AUDIT_CHAIN_H
#define INTAKE_AUDIT_CHAIN_H

#include <stddef.h>

/*
 * Rows are only appended, each with a SHA-256 hash chained over the
 * previous row's hash and its own content.  A row's hash is SHA-256
 * over the previous row's hash (32 zero bytes before the first row)
 * and the row's columns id, at, staff, action, application_id, before,
 * after in that order, each as a tag byte (0 NULL, 1 text) and, for
 * text, an 8-byte big-endian length and the bytes; integers as decimal
 * text.  Stored as 64 lowercase hex digits.  Every backend hashes the
 * same way, so a chain copied between backends verifies in both.
 */
#define AUDIT_HASH_SIZE 32
#define AUDIT_HEX_SIZE (AUDIT_HASH_SIZE * 2 + 1)
#define AUDIT_COLUMNS                                                          \
	"id, at, staff, action, application_id, \"before\", \"after\""

/* What a caller appends: at, id and hash are the backend's. */
struct audit_entry {
	const char *staff;
	const char *action;
	long long application_id; /* 0: none */
	const char *before, *after; /* JSON text or NULL */
};

/* A row as stored (AUDIT_COLUMNS). */
struct audit_row {
	long long id;
	const char *at, *staff, *action;
	long long application_id; /* 0: NULL */
	const char *before, *after;
};

/* The hex hash of row after the row whose hash is prev (raw). */
void audit_hash_row(const unsigned char prev[AUDIT_HASH_SIZE],
		    const struct audit_row *row, char hex[AUDIT_HEX_SIZE]);
/* hex to raw; a missing or malformed hash gives zeros and -1. */
int audit_hash_from_hex(const char *hex, unsigned char raw[AUDIT_HASH_SIZE]);

/* {"key": "text" or null, ...} of n pairs (keys and values alternate),
 * for an audit row's before or after: malloced. */
char *audit_json(const char *const *pairs, size_t n);
/* text as a JSON string appended to out, escaped as SQLite's JSON
 * functions escape it (so that an audit row made in C reads as one
 * made in SQL). */
struct strbuf;
void audit_json_string(struct strbuf *out, const char *text);

#endif
