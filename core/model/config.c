/* intake.ini and the INI reader: the only file that calls iniparser. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iniparser.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "messages.h"
#include "util.h"
#include "value.h"

/* iniparser 4.1 refuses lines longer than this (its ASCIILINESZ). */
#define INI_LINE_MAX 1024

struct ini_section {
	const char *name;  /* owned by dict */
	const char **keys; /* bare names, pointing into dict's "section:key" */
	size_t n_keys;
};

/* A "section:key" entry of dict (lowercased, as iniparser keeps it). */
struct ini_entry {
	const char *name, *value; /* owned by dict */
};

struct ini {
	char *path;
	dictionary *dict;
	struct ini_section *sections;
	size_t n_sections;
	struct ini_entry *entries; /* those with a value, sorted by name */
	size_t n_entries;
};

/* A section or key seen while scanning the text for repeats. */
struct ini_seen {
	char *name;    /* "section" or "section:key", lowercased */
	size_t key_at; /* where the key starts in name; 0: a section */
	int line;
	int first;     /* the line it repeats; 0: the first time seen */
};

/* ---- Errors -------------------------------------------------------- */

static int file_verror(const char *path, const char *fmt, va_list ap)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addf(&line, "%s: ", path);
	strbuf_vaddf(&line, fmt, ap);
	error("%s", strbuf_str(&line));
	strbuf_release(&line);
	return -1;
}

/* Print "intake: PATH: <message>" and return -1. */
static int file_error(const char *path, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int file_error(const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	file_verror(path, fmt, ap);
	va_end(ap);
	return -1;
}

static void section_verror(const char *path, const char *section,
			   const char *key, const char *fmt, va_list ap)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_addf(&line, "%s: ", path);
	if (section && key)
		strbuf_addf(&line, "[%s] %s: ", section, key);
	else if (section)
		strbuf_addf(&line, "[%s]: ", section);
	strbuf_vaddf(&line, fmt, ap);
	error("%s", strbuf_str(&line));
	strbuf_release(&line);
}

int ini_error(const struct ini *ini, const char *section, const char *key,
	      const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	section_verror(ini->path, section, key, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- iniparser's own messages -------------------------------------- */

/* iniparser's error callback takes no context: the file being loaded. */
static const char *loading_path;

static const char *skip_prefix(const char *text, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(text, prefix, len) ? NULL : text + len;
}

static void chomp(struct strbuf *sb)
{
	while (sb->len && isspace((unsigned char)sb->buf[sb->len - 1]))
		sb->buf[--sb->len] = '\0';
}

/* The line number in "<path> (N)…" after iniparser's prefix, or 0. */
static int reader_line(const char *text, const char *prefix)
{
	const char *rest = skip_prefix(text, prefix);
	int line;

	if (!rest || !(rest = skip_prefix(rest, loading_path)))
		return 0;
	if (sscanf(rest, " (%d)", &line) != 1 || line <= 0)
		return 0;
	return line;
}

/* Print one of iniparser's messages as "intake: FILE: line N: …". */
static void reader_error(const char *text)
{
	const char *given = strstr(text, "\n-> ");
	int line;

	line = reader_line(text, "iniparser: syntax error in ");
	if (line && given) {
		file_error(loading_path, msg(MSG_CONFIG_SYNTAX), line,
			   given + 4);
		return;
	}
	line = reader_line(text, "iniparser: input line too long in ");
	if (line) {
		file_error(loading_path, msg(MSG_CONFIG_LONG_LINE), line,
			   INI_LINE_MAX);
		return;
	}
	given = skip_prefix(text, "iniparser: ");
	file_error(loading_path, msg(MSG_CONFIG_READER), given ? given : text);
}

static int reader_callback(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static int reader_callback(const char *fmt, ...)
{
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&text, fmt, ap);
	va_end(ap);
	chomp(&text);
	reader_error(strbuf_str(&text));
	strbuf_release(&text);
	return 0;
}

/* ---- Repeated sections and keys ------------------------------------ */

/*
 * iniparser merges a repeated [section] into the first and lets a
 * repeated key silently replace the earlier value.  Both are mistakes
 * in a hand-written file, so the text is scanned line by line the way
 * iniparser 4.1 reads it (trailing '\' continues a line, ';' and '#'
 * start comments, names are lowercased) and repeats are refused.
 */

static char *lowered(const char *text, size_t len)
{
	char *copy = xstrndup(text, len);

	for (char *p = copy; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return copy;
}

static void trim_span(const char **start, const char **end)
{
	while (*start < *end && isspace((unsigned char)**start))
		(*start)++;
	while (*end > *start && isspace((unsigned char)(*end)[-1]))
		(*end)--;
}

/* "section:key" lowercased, as iniparser names an entry (malloced). */
static char *entry_name(const char *section, const char *key)
{
	size_t a = strlen(section), b = strlen(key);
	char *name = xmalloc(a + b + 2), *p;

	memcpy(name, section, a);
	name[a] = ':';
	memcpy(name + a + 1, key, b + 1);
	for (p = name; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return name;
}

struct repeat_scan {
	const struct ini *ini;
	struct ini_seen *seen;
	size_t n_seen, alloc_seen;
	char *section;
	int errors;
};

/* Remember name at line (its key at key_at, 0 for a section). */
static void scan_note(struct repeat_scan *scan, char *name, size_t key_at,
		      int line)
{
	struct ini_seen *seen;

	ALLOC_GROW(scan->seen, scan->n_seen + 1, scan->alloc_seen);
	seen = &scan->seen[scan->n_seen++];
	seen->name = name;
	seen->key_at = key_at;
	seen->line = line;
	seen->first = 0;
}

static int compare_seen(const void *a, const void *b)
{
	const struct ini_seen *left = *(struct ini_seen *const *)a;
	const struct ini_seen *right = *(struct ini_seen *const *)b;
	int cmp = strcmp(left->name, right->name);

	return cmp ? cmp : left->line - right->line;
}

/* Mark every name seen before with the line that first had it (sorted
 * by name, not compared pairwise: forms have hundreds of keys). */
static void mark_repeats(struct repeat_scan *scan)
{
	struct ini_seen **order = xcalloc(scan->n_seen + 1, sizeof(*order));
	size_t i;

	for (i = 0; i < scan->n_seen; i++)
		order[i] = &scan->seen[i];
	qsort(order, scan->n_seen, sizeof(*order), compare_seen);
	for (i = 1; i < scan->n_seen; i++)
		if (!strcmp(order[i]->name, order[i - 1]->name))
			order[i]->first = order[i - 1]->first
						  ? order[i - 1]->first
						  : order[i - 1]->line;
	free(order);
}

/* Complain about each repeat, in the order of the file. */
static void report_repeats(struct repeat_scan *scan)
{
	for (size_t i = 0; i < scan->n_seen; i++) {
		const struct ini_seen *seen = &scan->seen[i];
		char *section;

		if (!seen->first)
			continue;
		section = seen->key_at ? xstrndup(seen->name, seen->key_at - 1)
				       : xstrdup(seen->name);
		ini_error(scan->ini, section,
			  seen->key_at ? seen->name + seen->key_at : NULL,
			  msg(MSG_CONFIG_REPEATED), seen->line, seen->first);
		free(section);
		scan->errors++;
	}
}

/* One logical line, already stripped of its continuation marks. */
static void scan_line(struct repeat_scan *scan, const char *start, int line)
{
	const char *end = start + strlen(start), *close, *equals;
	char *key;

	trim_span(&start, &end);
	if (start == end || *start == ';' || *start == '#')
		return;
	if (*start == '[' && end[-1] == ']') {
		close = memchr(start, ']', (size_t)(end - start));
		start++;
		trim_span(&start, &close);
		free(scan->section);
		scan->section = lowered(start, (size_t)(close - start));
		scan_note(scan, xstrdup(scan->section), 0, line);
		return;
	}
	equals = memchr(start, '=', (size_t)(end - start));
	if (!equals || !*scan->section)
		return; /* not a key, or outside any section: refused later */
	trim_span(&start, &equals);
	key = lowered(start, (size_t)(equals - start));
	scan_note(scan, entry_name(scan->section, key),
		  strlen(scan->section) + 1, line);
	free(key);
}

static int scan_repeats(const struct ini *ini, const char *text)
{
	struct repeat_scan scan = {ini, NULL, 0, 0, xstrdup(""), 0};
	struct strbuf logical = STRBUF_INIT;
	int line = 0, first = 0, continued = 0;

	while (*text) {
		const char *start = text, *end = strchr(text, '\n');

		if (!end)
			end = text + strlen(text);
		text = *end ? end + 1 : end;
		line++;
		if (!continued)
			first = line;
		while (end > start && isspace((unsigned char)end[-1]))
			end--;
		continued = end > start && end[-1] == '\\';
		strbuf_add(&logical, start, (size_t)(end - start - continued));
		if (continued)
			continue;
		scan_line(&scan, strbuf_str(&logical), first);
		strbuf_reset(&logical);
	}
	if (continued)
		scan_line(&scan, strbuf_str(&logical), first);
	strbuf_release(&logical);
	mark_repeats(&scan);
	report_repeats(&scan);
	for (size_t i = 0; i < scan.n_seen; i++)
		free(scan.seen[i].name);
	free(scan.seen);
	free(scan.section);
	return scan.errors ? -1 : 0;
}

/* ---- Loading ------------------------------------------------------- */

static int read_text(const char *path, struct strbuf *text)
{
	char chunk[8192];
	ssize_t got;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return file_error(path, msg(MSG_CONFIG_OPEN), strerror(errno));
	while ((got = read(fd, chunk, sizeof(chunk))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			file_error(path, msg(MSG_CONFIG_OPEN), strerror(errno));
			close(fd);
			return -1;
		}
		strbuf_add(text, chunk, (size_t)got);
	}
	close(fd);
	return 0;
}

static dictionary *parse_file(const char *path)
{
	dictionary *dict;

	loading_path = path;
	iniparser_set_error_callback(reader_callback);
	dict = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	loading_path = NULL;
	return dict;
}

/*
 * Entries iniparser keeps but the API cannot express: keys before the
 * first section (stored as ":key") and section names with a colon
 * (stored like keys, with a NULL value).
 */
static int check_entries(const struct ini *ini)
{
	const dictionary *dict = ini->dict;
	int errors = 0;

	for (ssize_t i = 0; i < dict->size; i++) {
		const char *entry = dict->key[i];

		if (!entry)
			continue;
		if (entry[0] == ':') {
			file_error(ini->path, msg(MSG_CONFIG_OUTSIDE_SECTION),
				   entry + 1);
			errors++;
		} else if (strchr(entry, ':') && !dict->val[i]) {
			ini_error(ini, entry, NULL, "%s",
				  msg(MSG_CONFIG_SECTION_COLON));
			errors++;
		}
	}
	return errors ? -1 : 0;
}

static void index_section(const struct ini *ini, struct ini_section *section)
{
	int count = iniparser_getsecnkeys(ini->dict, section->name);
	size_t skip = strlen(section->name) + 1;

	section->n_keys = count > 0 ? (size_t)count : 0;
	section->keys = xcalloc(section->n_keys, sizeof(*section->keys));
	if (!section->n_keys)
		return;
	iniparser_getseckeys(ini->dict, section->name, section->keys);
	for (size_t i = 0; i < section->n_keys; i++)
		section->keys[i] += skip;
}

static void index_sections(struct ini *ini)
{
	int count = iniparser_getnsec(ini->dict);

	ini->n_sections = count > 0 ? (size_t)count : 0;
	ini->sections = xcalloc(ini->n_sections, sizeof(*ini->sections));
	for (size_t i = 0; i < ini->n_sections; i++) {
		ini->sections[i].name = iniparser_getsecname(ini->dict, (int)i);
		index_section(ini, &ini->sections[i]);
	}
}

static int compare_entries(const void *a, const void *b)
{
	return strcmp(((const struct ini_entry *)a)->name,
		      ((const struct ini_entry *)b)->name);
}

/* The entries that hold values, sorted by name for ini_get's bsearch
 * (iniparser's own lookup walks every entry). */
static void index_entries(struct ini *ini)
{
	const dictionary *dict = ini->dict;
	struct ini_entry *entry;

	ini->entries = xcalloc((size_t)dict->size + 1, sizeof(*entry));
	for (ssize_t i = 0; i < dict->size; i++) {
		if (!dict->key[i] || !dict->val[i])
			continue;
		entry = &ini->entries[ini->n_entries++];
		entry->name = dict->key[i];
		entry->value = dict->val[i];
	}
	qsort(ini->entries, ini->n_entries, sizeof(*entry), compare_entries);
}

static int starts_with_bom(const struct strbuf *text)
{
	return text->len >= 3 && !memcmp(text->buf, "\xef\xbb\xbf", 3);
}

struct ini *ini_load(const char *path)
{
	struct strbuf text = STRBUF_INIT;
	struct ini *ini = xcalloc(1, sizeof(*ini));
	int failed;

	ini->path = xstrdup(path);
	failed = read_text(path, &text);
	if (!failed && starts_with_bom(&text))
		failed = file_error(path, "%s", msg(MSG_CONFIG_BOM));
	if (!failed && !(ini->dict = parse_file(path)))
		failed = -1;
	if (!failed) {
		/* Both report every problem they find. */
		failed |= scan_repeats(ini, strbuf_str(&text));
		failed |= check_entries(ini);
	}
	strbuf_release(&text);
	if (failed) {
		ini_free(ini);
		return NULL;
	}
	index_sections(ini);
	index_entries(ini);
	return ini;
}

void ini_free(struct ini *ini)
{
	if (!ini)
		return;
	for (size_t i = 0; i < ini->n_sections; i++)
		free(ini->sections[i].keys);
	free(ini->sections);
	free(ini->entries);
	if (ini->dict)
		iniparser_freedict(ini->dict);
	free(ini->path);
	free(ini);
}

const char *ini_path(const struct ini *ini)
{
	return ini->path;
}

size_t ini_section_count(const struct ini *ini)
{
	return ini->n_sections;
}

const char *ini_section_name(const struct ini *ini, size_t index)
{
	return index < ini->n_sections ? ini->sections[index].name : NULL;
}

size_t ini_section_keys(const struct ini *ini, const char *section,
			const char *const **keys)
{
	for (size_t i = 0; i < ini->n_sections; i++) {
		if (strcmp(ini->sections[i].name, section))
			continue;
		*keys = ini->sections[i].keys;
		return ini->sections[i].n_keys;
	}
	*keys = NULL;
	return 0;
}

/* ---- Values -------------------------------------------------------- */

const char *ini_get(const struct ini *ini, const char *section, const char *key)
{
	struct ini_entry wanted, *found;
	char *name;

	if (!section || !key)
		return NULL;
	name = entry_name(section, key);
	wanted.name = name;
	found = bsearch(&wanted, ini->entries, ini->n_entries,
			sizeof(wanted), compare_entries);
	free(name);
	return found ? found->value : NULL;
}

/* A whole decimal number: optional sign, digits, nothing else. */
static int parse_decimal(const char *text, long long *value)
{
	const char *digits = text + (*text == '-' || *text == '+');
	char *end;
	long long parsed;

	if (!isdigit((unsigned char)*digits))
		return -1;
	errno = 0;
	parsed = strtoll(text, &end, 10);
	if (errno || *end)
		return -1;
	*value = parsed;
	return 0;
}

int ini_get_long(const struct ini *ini, const char *section, const char *key,
		 long long fallback, long long *value)
{
	const char *text = ini_get(ini, section, key);

	*value = fallback;
	if (!text)
		return 0;
	if (parse_decimal(text, value))
		return ini_error(ini, section, key, msg(MSG_CONFIG_NOT_INTEGER),
				 text);
	return 0;
}

static int parse_bool(const char *text, int *value)
{
	static const char *const words[][2] = {
	    {"no", "yes"},
	    {"false", "true"},
	    {"0", "1"},
	    {"off", "on"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		for (int truth = 0; truth < 2; truth++) {
			if (strcasecmp(text, words[i][truth]))
				continue;
			*value = truth;
			return 0;
		}
	}
	return -1;
}

int ini_get_bool(const struct ini *ini, const char *section, const char *key,
		 int fallback, int *value)
{
	const char *text = ini_get(ini, section, key);

	*value = fallback;
	if (!text)
		return 0;
	if (parse_bool(text, value))
		return ini_error(ini, section, key, msg(MSG_CONFIG_NOT_BOOL),
				 text);
	return 0;
}

/* ---- intake.ini ---------------------------------------------------- */

static const char *const intake_keys[] = {
    "database", "plugin_dir", "form_dir", "language", "office", "staff",
};

static const char *const serve_keys[] = {
    "listen",	  "tls_cert",	"tls_key",
    "session_minutes", "lock_after", "lock_minutes",
};

/* dir/relative, or relative alone when dir is "." or relative is
 * absolute. */
static char *path_join(const char *dir, const char *relative)
{
	size_t len = strlen(dir);

	if (relative[0] == '/' || !strcmp(dir, "."))
		return xstrdup(relative);
	if (len && dir[len - 1] == '/')
		return xstrfmt("%s%s", dir, relative);
	return xstrfmt("%s/%s", dir, relative);
}

static char *path_beside(const char *file, const char *relative)
{
	char *dir = path_directory(file);
	char *path = path_join(dir, relative);

	free(dir);
	return path;
}

static int is_directory(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* The directory of the running executable, or NULL. */
static char *exe_dir(void)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe));

	if (len <= 0 || (size_t)len >= sizeof(exe))
		return NULL;
	exe[len] = '\0';
	return path_directory(exe);
}

/*
 * Plugins and forms beside the executable: build/intake with
 * build/plugins and build/forms (a link to the source tree's forms/,
 * made by the Makefile, so any BUILD directory works), else the installed
 * PREFIX/bin/intake with PREFIX/lib/intake/plugins and
 * PREFIX/share/intake/forms.  Without /proc, relative "plugins" and
 * "forms".
 */
static void default_dirs(struct config *config)
{
	char *bin = exe_dir(), *prefix;

	if (!bin) {
		config->plugin_dir = xstrdup("plugins");
		config->form_dir = xstrdup("forms");
		return;
	}
	config->plugin_dir = path_join(bin, "plugins");
	prefix = path_directory(bin);
	if (is_directory(config->plugin_dir)) {
		config->form_dir = path_join(bin, "forms");
	} else {
		free(config->plugin_dir);
		config->plugin_dir = path_join(prefix, "lib/intake/plugins");
		config->form_dir = path_join(prefix, "share/intake/forms");
	}
	free(prefix);
	free(bin);
}

/*
 * The person at the counter: $INTAKE_STAFF wins over the file (several
 * people share one intake.ini), then the file's staff, then the login
 * name, then "unknown".
 */
static void set_staff(struct config *config, const char *from_file)
{
	const char *env = getenv("INTAKE_STAFF");
	struct passwd *pw;

	free(config->staff);
	if (env && *env)
		config->staff = xstrdup(env);
	else if (from_file)
		config->staff = xstrdup(from_file);
	else if ((pw = getpwuid(getuid())) && pw->pw_name && *pw->pw_name)
		config->staff = xstrdup(pw->pw_name);
	else
		config->staff = xstrdup("unknown");
}

/* The keys a section knows. */
struct section_keys {
	const char *section;
	const char *const *keys;
	size_t n;
};

static const struct section_keys known_intake = {
    "intake", intake_keys, ARRAY_SIZE(intake_keys)};
static const struct section_keys known_serve = {
    "serve", serve_keys, ARRAY_SIZE(serve_keys)};

static int is_known_key(const struct section_keys *known, const char *key)
{
	for (size_t i = 0; i < known->n; i++)
		if (!strcmp(key, known->keys[i]))
			return 1;
	return 0;
}

static char *key_list(const struct section_keys *known)
{
	struct strbuf list = STRBUF_INIT;

	for (size_t i = 0; i < known->n; i++)
		strbuf_addf(&list, "%s%s", i ? ", " : "", known->keys[i]);
	return strbuf_detach(&list);
}

static int check_keys(const struct ini *ini, const struct section_keys *known)
{
	const char *const *keys;
	size_t n = ini_section_keys(ini, known->section, &keys);
	char *expected = key_list(known);
	int errors = 0;

	for (size_t i = 0; i < n; i++) {
		if (is_known_key(known, keys[i]))
			continue;
		ini_error(ini, known->section, keys[i],
			  msg(MSG_CONFIG_UNKNOWN_KEY), keys[i], expected);
		errors++;
	}
	free(expected);
	return errors ? -1 : 0;
}

/* A path key: replaces *path (resolved beside the file) when present. */
static int read_path(const struct ini *ini, const char *section,
		     const char *key, char **path)
{
	const char *value = ini_get(ini, section, key);

	if (!value)
		return 0;
	if (!*value)
		return ini_error(ini, section, key, "%s",
				 msg(MSG_CONFIG_EMPTY_PATH));
	free(*path);
	*path = path_beside(ini_path(ini), value);
	return 0;
}

/* A libpq connection URI names a PostgreSQL database, not a file. */
static int is_database_uri(const char *value)
{
	return !strncmp(value, "postgresql://", 13) ||
	       !strncmp(value, "postgres://", 11);
}

/* The database: a URI as given (never joined to the file's directory),
 * else a path beside the file. */
static int read_database(const struct ini *ini, struct config *config)
{
	const char *value = ini_get(ini, "intake", "database");

	if (!value || !is_database_uri(value))
		return read_path(ini, "intake", "database", &config->database);
	free(config->database);
	config->database = xstrdup(value);
	return 0;
}

static int read_language(const struct ini *ini, struct config *config)
{
	const char *value = ini_get(ini, "intake", "language");

	if (value && language_parse(value, &config->language))
		return ini_error(ini, "intake", "language",
				 msg(MSG_CONFIG_BAD_LANGUAGE), value);
	return 0;
}

static int read_intake(const struct ini *ini, struct config *config)
{
	const char *office = ini_get(ini, "intake", "office");
	const char *staff = ini_get(ini, "intake", "staff");
	int errors = 0;

	errors += !!check_keys(ini, &known_intake);
	errors += !!read_database(ini, config);
	errors += !!read_path(ini, "intake", "plugin_dir",
			      &config->plugin_dir);
	errors += !!read_path(ini, "intake", "form_dir", &config->form_dir);
	errors += !!read_language(ini, config);
	if (office) {
		free(config->office);
		config->office = xstrdup(office);
	}
	if (staff && !*staff)
		errors += !!ini_error(ini, "intake", "staff", "%s",
				      msg(MSG_CONFIG_EMPTY_STAFF));
	set_staff(config, staff && *staff ? staff : NULL);
	return errors ? -1 : 0;
}

/* [a-z0-9_]+, len bytes: a programme id or an outcome code. */
static int is_code(const char *text, size_t len)
{
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!islower((unsigned char)text[i]) &&
		    !isdigit((unsigned char)text[i]) && text[i] != '_')
			return 0;
	return 1;
}

/* "<programme>.<outcome>.<yyyy>": 0, or -1 when name is not that. */
static int target_parse(const char *name, struct target *target)
{
	const char *first = strchr(name, '.'), *second, *year;
	size_t programme_len, outcome_len;

	if (!first || !(second = strchr(first + 1, '.')))
		return -1;
	programme_len = (size_t)(first - name);
	outcome_len = (size_t)(second - first - 1);
	year = second + 1;
	if (!is_code(name, programme_len) || !is_code(first + 1, outcome_len))
		return -1;
	if (strlen(year) != 4 || strspn(year, "0123456789") != 4)
		return -1;
	target->programme = xstrndup(name, programme_len);
	target->outcome = xstrndup(first + 1, outcome_len);
	target->fiscal_year = (int)strtol(year, NULL, 10);
	return 0;
}

#define TARGET_MAX 1000000000LL

static int read_target(const struct ini *ini, const char *name,
		       struct config *config)
{
	struct target target;
	long long count;

	if (target_parse(name, &target))
		return ini_error(ini, "targets", name,
				 msg(MSG_CONFIG_BAD_TARGET), name);
	if (ini_get_long(ini, "targets", name, 0, &count))
		goto fail;
	if (count < 0) {
		ini_error(ini, "targets", name, msg(MSG_CONFIG_NEGATIVE_TARGET),
			  ini_get(ini, "targets", name));
		goto fail;
	}
	if (count > TARGET_MAX) { /* keeps achievement's arithmetic exact */
		ini_error(ini, "targets", name, msg(MSG_CONFIG_TARGET_TOO_LARGE),
			  ini_get(ini, "targets", name), TARGET_MAX);
		goto fail;
	}
	target.count = count;
	config->targets =
	    xrealloc(config->targets, (config->n_targets + 1) * sizeof(target));
	config->targets[config->n_targets++] = target;
	return 0;
fail:
	free(target.programme);
	free(target.outcome);
	return -1;
}

static int read_targets(const struct ini *ini, struct config *config)
{
	const char *const *names;
	size_t n = ini_section_keys(ini, "targets", &names);
	int errors = 0;

	for (size_t i = 0; i < n; i++)
		errors += !!read_target(ini, names[i], config);
	return errors ? -1 : 0;
}

/* [serve] key, a whole number from min to max: 0 or -1. */
static int read_bounded(const struct ini *ini, const char *key, int min,
			int max, int *value)
{
	long long n;

	if (ini_get_long(ini, "serve", key, *value, &n))
		return -1;
	if (n < min || n > max)
		return ini_error(ini, "serve", key, msg(MSG_CONFIG_RANGE),
				 ini_get(ini, "serve", key), min, max);
	*value = (int)n;
	return 0;
}

static int read_listen(const struct ini *ini, struct config_serve *serve)
{
	const char *value = ini_get(ini, "serve", "listen");

	if (!value)
		return 0;
	if (!*value)
		return ini_error(ini, "serve", "listen", "%s",
				 msg(MSG_CONFIG_EMPTY_LISTEN));
	free(serve->listen);
	serve->listen = xstrdup(value);
	return 0;
}

/* tls_cert and tls_key: both or neither. */
static int check_tls_pair(const struct ini *ini,
			  const struct config_serve *serve)
{
	if (!serve->tls_cert == !serve->tls_key)
		return 0;
	if (serve->tls_cert)
		return ini_error(ini, "serve", "tls_cert",
				 msg(MSG_CONFIG_TLS_PAIR), "tls_key");
	return ini_error(ini, "serve", "tls_key", msg(MSG_CONFIG_TLS_PAIR),
			 "tls_cert");
}

static int read_serve(const struct ini *ini, struct config *config)
{
	struct config_serve *serve = &config->serve;
	int errors = 0, failed;

	errors += !!check_keys(ini, &known_serve);
	errors += !!read_listen(ini, serve);
	failed = !!read_path(ini, "serve", "tls_cert", &serve->tls_cert);
	failed |= !!read_path(ini, "serve", "tls_key", &serve->tls_key);
	if (!failed)
		failed = !!check_tls_pair(ini, serve);
	errors += failed;
	errors += !!read_bounded(ini, "session_minutes", 1,
				 CONFIG_SESSION_MINUTES_MAX,
				 &serve->session_minutes);
	errors += !!read_bounded(ini, "lock_after", 1, CONFIG_LOCK_AFTER_MAX,
				 &serve->lock_after);
	errors += !!read_bounded(ini, "lock_minutes", 1,
				 CONFIG_LOCK_MINUTES_MAX,
				 &serve->lock_minutes);
	return errors ? -1 : 0;
}

static int read_config(const struct ini *ini, struct config *config)
{
	int errors = 0;

	for (size_t i = 0; i < ini_section_count(ini); i++) {
		const char *name = ini_section_name(ini, i);

		if (!strcmp(name, "intake"))
			errors += !!read_intake(ini, config);
		else if (!strcmp(name, "targets"))
			errors += !!read_targets(ini, config);
		else if (!strcmp(name, "serve"))
			errors += !!read_serve(ini, config);
		else
			errors += !!ini_error(ini, name, NULL, "%s",
					      msg(MSG_CONFIG_UNKNOWN_SECTION));
	}
	return errors ? -1 : 0;
}

/*
 * The file to read: -c, else $INTAKE_CONFIG, else ./intake.ini when it
 * exists, else NULL (built-in defaults).  *named_by says who named a
 * file that must exist.
 */
static const char *config_path(const char *explicit_path, const char **named_by)
{
	const char *env = getenv("INTAKE_CONFIG");
	struct stat st;

	*named_by = NULL;
	if (explicit_path) {
		*named_by = "-c";
		return explicit_path;
	}
	if (env && *env) {
		*named_by = "$INTAKE_CONFIG";
		return env;
	}
	if (stat("intake.ini", &st) && errno == ENOENT)
		return NULL;
	return "./intake.ini";
}

static void config_defaults(struct config *config, const char *path)
{
	memset(config, 0, sizeof(*config));
	config->path = path ? xstrdup(path) : NULL;
	config->database =
	    path ? path_beside(path, "intake.db") : xstrdup("intake.db");
	default_dirs(config);
	config->language = LANG_JA;
	config->office = xstrdup("");
	set_staff(config, NULL);
	config->serve.session_minutes = CONFIG_SESSION_MINUTES;
	config->serve.lock_after = CONFIG_LOCK_AFTER;
	config->serve.lock_minutes = CONFIG_LOCK_MINUTES;
}

/*
 * Who and where go into every audit row: one line of safe text, not
 * too long.  At the terminal the name is self-declared; accounts that
 * authenticate come with the server.
 */
static int check_name(const char *what, const char *value)
{
	char *why = NULL;

	if (text_check_safe(value, 0, &why) < 0) {
		error(msg(MSG_CONFIG_BAD_NAME), what, why);
		free(why);
		return -1;
	}
	if (utf8_chars(value) > CONFIG_NAME_MAX)
		return error(msg(MSG_CONFIG_NAME_TOO_LONG), what,
			     utf8_chars(value), CONFIG_NAME_MAX);
	return 0;
}

static int check_names(const struct config *config)
{
	const char *env = getenv("INTAKE_STAFF");

	return check_name(env && *env ? "INTAKE_STAFF" : "[intake] staff",
			  config->staff) |
	       check_name("[intake] office", config->office);
}

int config_load(struct config *config, const char *explicit_path)
{
	const char *named_by;
	const char *path = config_path(explicit_path, &named_by);
	struct ini *ini;
	int failed;

	config_defaults(config, path);
	if (!path) {
		if (!check_names(config))
			return 0;
		config_release(config);
		return EXIT_CONFIG;
	}
	if (named_by && access(path, F_OK)) {
		file_error(path, msg(MSG_CONFIG_OPEN_NAMED), named_by,
			   strerror(errno));
		config_release(config);
		return EXIT_CONFIG;
	}
	ini = ini_load(path);
	failed = !ini || read_config(ini, config);
	ini_free(ini);
	failed = failed || check_names(config);
	if (failed) {
		config_release(config);
		return EXIT_CONFIG;
	}
	return 0;
}

void config_release(struct config *config)
{
	free(config->path);
	free(config->database);
	free(config->plugin_dir);
	free(config->form_dir);
	free(config->office);
	free(config->staff);
	for (size_t i = 0; i < config->n_targets; i++) {
		free(config->targets[i].programme);
		free(config->targets[i].outcome);
	}
	free(config->targets);
	free(config->serve.listen);
	free(config->serve.tls_cert);
	free(config->serve.tls_key);
	memset(config, 0, sizeof(*config));
}

int config_target(const struct config *config, const char *programme,
		  const char *outcome, int fiscal_year, long long *count)
{
	for (size_t i = 0; i < config->n_targets; i++) {
		const struct target *target = &config->targets[i];

		if (target->fiscal_year != fiscal_year ||
		    strcmp(target->programme, programme) ||
		    strcmp(target->outcome, outcome))
			continue;
		*count = target->count;
		return 0;
	}
	return -1;
}

/* ---- A default intake.ini ----------------------------------------- */

static const char default_ini[] =
    "; intake.ini: configuration of intake (窓口受付ツールの設定)\n"
    "; Lines starting with ';' are comments.  Relative paths are\n"
    "; relative to the directory of this file.\n"
    "; 相対パスはこのファイルのあるディレクトリからの位置です。\n"
    "\n"
    "[intake]\n"
    "; The SQLite database (データベース); default: intake.db beside\n"
    "; this file.\n"
    ";database = intake.db\n"
    "\n"
    "; Programme plugins and their forms (事業プラグインと様式).\n"
    "; Default: found from the intake program, build/plugins and\n"
    "; forms/ in the source tree, PREFIX/lib/intake/plugins and\n"
    "; PREFIX/share/intake/forms when installed.\n"
    ";plugin_dir = /usr/local/lib/intake/plugins\n"
    ";form_dir = /usr/local/share/intake/forms\n"
    "\n"
    "; Language of messages: ja or en (表示言語); default: ja.\n"
    ";language = ja\n"
    "\n"
    "; The office stored with every application (受付窓口).\n"
    ";office = 本庁 移住・定住相談窓口\n"
    "\n"
    "; The staff member at the counter (窓口職員).  The environment\n"
    "; variable INTAKE_STAFF overrides this; default: the login name.\n"
    "; 環境変数 INTAKE_STAFF があればそちらが優先されます。\n"
    ";staff = yamada\n"
    "\n"
    "[targets]\n"
    "; Fiscal-year targets (年度目標): programme.outcome.year = count,\n"
    "; the year being the fiscal year (April to March, 2026 = 令和8年度).\n"
    ";uij_turn.employed.2026 = 120\n"
    "\n"
    "[serve]\n"
    "; intake serve: the address to listen on (待ち受けるアドレス);\n"
    "; default 127.0.0.1:8080.  --listen overrides it.\n"
    ";listen = 127.0.0.1:8080\n"
    "\n"
    "; HTTPS: a PEM certificate (chain) and its private key, both or\n"
    "; neither.  The key must be readable by its owner only (chmod 600).\n"
    "; Without them the server speaks plain HTTP and belongs behind\n"
    "; the office's TLS proxy.\n"
    "; 証明書と秘密鍵 (秘密鍵は chmod 600)。\n"
    ";tls_cert = /etc/intake/tls/cert.pem\n"
    ";tls_key = /etc/intake/tls/key.pem\n"
    "\n"
    "; Minutes a session may stay idle (1 to 1440; default 30), and\n"
    "; the lockout: lock_after failed logins lock an account for\n"
    "; lock_minutes (defaults 5 and 15).\n"
    "; セッションの有効時間とロックアウト。\n"
    ";session_minutes = 30\n"
    ";lock_after = 5\n"
    ";lock_minutes = 15\n";

static int write_all(int fd, const char *text, size_t len)
{
	while (len) {
		ssize_t done = write(fd, text, len);

		if (done < 0 && errno == EINTR)
			continue;
		if (done < 0)
			return -1;
		text += done;
		len -= (size_t)done;
	}
	return 0;
}

int config_write_default(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	int failed, saved;

	if (fd < 0 && errno == EEXIST)
		return file_error(path, "%s", msg(MSG_CONFIG_EXISTS));
	if (fd < 0)
		return file_error(path, msg(MSG_CONFIG_WRITE), strerror(errno));
	failed = write_all(fd, default_ini, sizeof(default_ini) - 1);
	saved = errno;
	if (close(fd) && !failed) {
		failed = -1;
		saved = errno;
	}
	if (!failed)
		return 0;
	unlink(path);
	return file_error(path, msg(MSG_CONFIG_WRITE), strerror(saved));
}
