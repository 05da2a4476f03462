/* intake.ini and the INI reader: the only users of iniparser. */
#ifndef INTAKE_CONFIG_H
#define INTAKE_CONFIG_H

/* The longest staff or office name, in characters: they go into every
 * audit row. */
#define CONFIG_NAME_MAX 64

#include <stddef.h>

#include "messages.h"

/*
 * The INI reader, wrapped so that iniparser's sharp edges never reach
 * the rest of the core: keys are checked to exist before reading, a key
 * that names a section is refused, numbers and booleans are parsed
 * strictly.  iniparser lowercases section and key names.
 */
struct ini;

/* Load path; prints "intake: PATH: …" and returns NULL on failure. */
struct ini *ini_load(const char *path);
void ini_free(struct ini *ini);
const char *ini_path(const struct ini *ini);

/* Sections in file order. */
size_t ini_section_count(const struct ini *ini);
const char *ini_section_name(const struct ini *ini, size_t index);

/* Bare key names of a section in file order; the array and the names
 * are owned by ini.  Returns the count. */
size_t ini_section_keys(const struct ini *ini, const char *section,
			const char *const **keys);

/* The value of section/key, or NULL when absent. */
const char *ini_get(const struct ini *ini, const char *section,
		    const char *key);

/*
 * Typed getters.  Absent key: *value = fallback, return 0.  A bad value
 * prints "intake: FILE: [section] key: expected …, got '…'" and returns
 * -1.  Booleans are yes/no, true/false, 1/0, on/off only.
 */
int ini_get_bool(const struct ini *ini, const char *section, const char *key,
		 int fallback, int *value);
int ini_get_long(const struct ini *ini, const char *section, const char *key,
		 long long fallback, long long *value);

/* Print "intake: FILE: [section] key: <message>" and return -1. */
int ini_error(const struct ini *ini, const char *section, const char *key,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A target: [targets] <programme>.<outcome>.<fiscal year> = <count>. */
struct target {
	char *programme;
	char *outcome;
	int fiscal_year;
	long long count;
};

/*
 * [serve]: what intake serve reads.  listen, tls_cert and tls_key are
 * NULL when absent (the paths resolved beside the file); tls_cert and
 * tls_key come both or neither.
 */
#define CONFIG_SESSION_MINUTES     30   /* idle minutes of a session */
#define CONFIG_SESSION_MINUTES_MAX 1440
#define CONFIG_LOCK_AFTER          5    /* failed logins that lock */
#define CONFIG_LOCK_AFTER_MAX      100
#define CONFIG_LOCK_MINUTES        15
#define CONFIG_LOCK_MINUTES_MAX    1440

struct config_serve {
	char *listen;       /* ADDR:PORT as written (checked by the server) */
	char *tls_cert;     /* PEM certificate (chain) */
	char *tls_key;      /* PEM private key */
	int session_minutes; /* 1..CONFIG_SESSION_MINUTES_MAX */
	int lock_after;      /* 1..CONFIG_LOCK_AFTER_MAX */
	int lock_minutes;    /* 1..CONFIG_LOCK_MINUTES_MAX */
};

struct config {
	char *path;       /* the file read, NULL for built-in defaults */
	char *database;   /* [intake] database */
	char *plugin_dir; /* [intake] plugin_dir */
	char *form_dir;   /* [intake] form_dir */
	enum language language; /* [intake] language = ja | en */
	char *office;     /* [intake] office, stored with applications */
	char *staff;      /* $INTAKE_STAFF, else [intake] staff, else login */
	struct target *targets;
	size_t n_targets;
	struct config_serve serve;
};

/*
 * Find and read the configuration: explicit_path (-c), else
 * $INTAKE_CONFIG, else ./intake.ini, else built-in defaults (which let
 * build/intake run from the source tree: plugins beside the binary,
 * forms in ../forms).  Relative paths in the file are relative to the
 * file.  Unknown sections or keys, bad values: message naming file,
 * section and key, and EXIT_CONFIG is returned.  0 on success.
 */
int config_load(struct config *config, const char *explicit_path);
void config_release(struct config *config);

/* A target count: 0 and *count, or -1 when none is configured. */
int config_target(const struct config *config, const char *programme,
		  const char *outcome, int fiscal_year, long long *count);

/* Write a commented default intake.ini at path (refuses to overwrite):
 * 0, or -1 after printing why. */
int config_write_default(const char *path);

#endif
