/* The audit chain every backend keeps: row hashes and row JSON. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "audit_chain.h"
#include "report.h"
#include "util.h"

static void hash_text(crypto_hash_sha256_state *state, const char *text)
{
	unsigned char tag = text != NULL, length[8];
	unsigned long long len = text ? strlen(text) : 0;
	int i;

	crypto_hash_sha256_update(state, &tag, 1);
	if (!text)
		return;
	for (i = 7; i >= 0; i--, len >>= 8)
		length[i] = (unsigned char)(len & 0xff);
	crypto_hash_sha256_update(state, length, sizeof(length));
	crypto_hash_sha256_update(state, (const unsigned char *)text,
				  strlen(text));
}

static void hash_integer(crypto_hash_sha256_state *state, long long value,
			 int null_when_zero)
{
	char text[32];

	snprintf(text, sizeof(text), "%lld", value);
	hash_text(state, null_when_zero && !value ? NULL : text);
}

void audit_hash_row(const unsigned char prev[AUDIT_HASH_SIZE],
		     const struct audit_row *row, char hex[AUDIT_HEX_SIZE])
{
	crypto_hash_sha256_state state;
	unsigned char hash[AUDIT_HASH_SIZE];

	crypto_hash_sha256_init(&state);
	crypto_hash_sha256_update(&state, prev, AUDIT_HASH_SIZE);
	hash_integer(&state, row->id, 0);
	hash_text(&state, row->at);
	hash_text(&state, row->staff);
	hash_text(&state, row->action);
	hash_integer(&state, row->application_id, 1);
	hash_text(&state, row->before);
	hash_text(&state, row->after);
	crypto_hash_sha256_final(&state, hash);
	sodium_bin2hex(hex, AUDIT_HEX_SIZE, hash, AUDIT_HASH_SIZE);
}

int audit_hash_from_hex(const char *hex, unsigned char raw[AUDIT_HASH_SIZE])
{
	size_t len = 0;

	memset(raw, 0, AUDIT_HASH_SIZE);
	if (!hex || strlen(hex) != AUDIT_HASH_SIZE * 2 ||
	    sodium_hex2bin(raw, AUDIT_HASH_SIZE, hex, AUDIT_HASH_SIZE * 2, NULL, &len,
			   NULL) ||
	    len != AUDIT_HASH_SIZE)
		return -1;
	return 0;
}

void audit_json_string(struct strbuf *out, const char *text)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = text;
	unsigned char c;

	strbuf_addch(out, '"');
	for (; (c = (unsigned char)*text); text++) {
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		strbuf_add(out, run, (size_t)(text - run));
		run = text + 1;
		strbuf_addch(out, '\\');
		if (c == '"' || c == '\\')
			strbuf_addch(out, c);
		else if (c == '\b' || c == '\t' || c == '\n' || c == '\f' ||
			 c == '\r')
			strbuf_addch(out, "btn?fr"[c - '\b']);
		else {
			strbuf_addstr(out, "u00");
			strbuf_addch(out, hex[c >> 4]);
			strbuf_addch(out, hex[c & 15]);
		}
	}
	strbuf_add(out, run, (size_t)(text - run));
	strbuf_addch(out, '"');
}

char *audit_json(const char *const *pairs, size_t n)
{
	char *json = NULL;
	size_t size = 0, i;
	FILE *out = open_memstream(&json, &size);

	if (!out)
		die(EXIT_SOFTWARE, "%s", strerror(ENOMEM));
	fputc('{', out);
	for (i = 0; i < n; i++) {
		fputs(i ? ", " : "", out);
		json_write_string(out, pairs[2 * i]);
		fputs(": ", out);
		if (pairs[2 * i + 1])
			json_write_string(out, pairs[2 * i + 1]);
		else
			fputs("null", out);
	}
	fputc('}', out);
	fclose(out);
	return json;
}
