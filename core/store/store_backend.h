/* What a store backend implements, and what every backend shares. */
#ifndef INTAKE_STORE_BACKEND_H
#define INTAKE_STORE_BACKEND_H

#include <stddef.h>

#include "store.h"

/*
 * A backend is a table of functions (store_ops.def, plus closing and
 * the import's source-id lookups); store.c's store_NAME calls
 * store->backend->NAME.  A backend's connection is a struct that
 * begins with struct store, and its store_sources begins with struct
 * store_sources; it casts back to its own.
 */
struct store_backend {
	const char *name; /* "sqlite", "postgresql" */
	void (*close)(struct store *store);
	int (*sources_find)(struct store_sources *sources,
			    const char *source_id, long long *id,
			    char **receipt);
	int (*sources_last_id)(struct store_sources *sources, long long *id);
	void (*sources_close)(struct store_sources *sources);
#define STORE_OP(type, name, params, args) type(*name) params;
#include "store_ops.def"
#undef STORE_OP
};

struct store {
	const struct store_backend *backend;
	enum store_status status; /* of the last failure */
};

struct store_sources {
	struct store *store;
};

/* Each backend's opening (store_open chooses by the database name). */
enum store_status sqlite_store_open(struct store **store, const char *path,
				    enum store_mode mode);
enum store_status pg_store_open(struct store **store, const char *uri,
				enum store_mode mode);

/* The first days of month yyyymm and of the month after it, ISO
 * ("YYYY-MM-DD"), in buffers of STORE_ISO_SIZE: 0, or -1 (printed). */
#define STORE_ISO_SIZE 32
int store_month_range(long month, char *first, char *next);
/* "YYYY-MM" to yyyymm; 0 when it is not one. */
long store_month_from_text(const char *text);
/* The UTC time now as "YYYY-MM-DDTHH:MM:SSZ" in buf (21 bytes). */
void store_now(char *buf, size_t size);

#endif
