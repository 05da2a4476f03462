/* Loading programme plugins: dlopen, ABI checks, the registry. */
#include "plugin.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "callback.h"
#include "messages.h"
#include "util.h"
#include "value.h"

#define CODE_MAX   32 /* programme ids and outcome codes */
#define PREFIX_MIN 2
#define PREFIX_MAX 8
#define FOLLOW_UP_MONTHS_MAX 1200 /* a hundred years */

typedef const struct intake_plugin *(*descriptor_fn)(void);

/* [a-z][a-z0-9_]*, at most CODE_MAX characters. */
int plugin_valid_code(const char *text)
{
	size_t i;

	if (!text || *text < 'a' || *text > 'z')
		return 0;
	for (i = 0; text[i]; i++) {
		char c = text[i];

		if (i >= CODE_MAX)
			return 0;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_'))
			return 0;
	}
	return 1;
}

/* [A-Z]{PREFIX_MIN,PREFIX_MAX}. */
int plugin_valid_prefix(const char *text)
{
	size_t i;

	for (i = 0; text[i]; i++)
		if (i >= PREFIX_MAX || text[i] < 'A' || text[i] > 'Z')
			return 0;
	return i >= PREFIX_MIN;
}

/* The directory part of path ("." when it has none), malloced. */
static char *parent_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	while (slash > path && slash[-1] == '/')
		slash--;
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int trusted_owner(const struct stat *st)
{
	return st->st_uid == 0 || st->st_uid == getuid();
}

/* The directory holding a plugin: not writable by group or others, owned
 * by root or the user.  path is the plugin, for messages. */
static int check_directory(const char *path, const char *dir)
{
	struct stat st;

	if (stat(dir, &st))
		return error(msg(MSG_PLUGIN_UNREADABLE), path, strerror(errno));
	if (st.st_mode & 022)
		return error(msg(MSG_PLUGIN_DIR_WRITABLE), path, dir,
			     (unsigned)(st.st_mode & 07777));
	if (!trusted_owner(&st))
		return error(msg(MSG_PLUGIN_DIR_OWNER), path, dir,
			     (long)st.st_uid, (long)getuid());
	return 0;
}

/* The file itself: regular, not writable by group or others, owned by
 * root or the user. */
static int check_regular_file(const char *path, const char *real)
{
	struct stat st;

	if (stat(real, &st))
		return error(msg(MSG_PLUGIN_UNREADABLE), path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return error(msg(MSG_PLUGIN_NOT_REGULAR), path);
	if (st.st_mode & 022)
		return error(msg(MSG_PLUGIN_FILE_WRITABLE), path,
			     (unsigned)(st.st_mode & 07777));
	if (!trusted_owner(&st))
		return error(msg(MSG_PLUGIN_FILE_OWNER), path, (long)st.st_uid,
			     (long)getuid());
	return 0;
}

/*
 * The directories above dir, up to /: none may be writable by group or
 * others (unless sticky, as /tmp is: nobody can replace another's entry
 * there) or owned by anyone but root or the user, or whoever could
 * write one could swap dir for one of their own.  path is the file, for
 * messages.
 */
static int check_ancestors(const char *path, const char *dir)
{
	char *parent = parent_dir(dir), *next;
	struct stat st;
	int rc = 0;

	while (!rc && strcmp(parent, dir)) {
		if (stat(parent, &st))
			rc = error(msg(MSG_PLUGIN_UNREADABLE), path,
				   strerror(errno));
		else if ((st.st_mode & 022) && !(st.st_mode & S_ISVTX))
			rc = error(msg(MSG_PLUGIN_DIR_WRITABLE), path, parent,
				   (unsigned)(st.st_mode & 07777));
		else if (!trusted_owner(&st))
			rc = error(msg(MSG_PLUGIN_DIR_OWNER), path, parent,
				   (long)st.st_uid, (long)getuid());
		if (rc || !strcmp(parent, "/"))
			break;
		next = parent_dir(parent);
		free(parent);
		parent = next;
	}
	free(parent);
	return rc;
}

/*
 * The checks ld.so makes in secure mode, on the file a symlink leads to,
 * on the directories of both the link and its target and on the
 * directories above them (check_ancestors).  Plugins and the forms they
 * read get the same: a form sets amounts and what is personal data.  On
 * success *real is the resolved path (malloced), which is what gets
 * loaded.
 */
static int check_file(const char *path, char **real)
{
	char *link_dir = NULL, *file_dir = NULL, *real_link_dir = NULL;
	int rc = -1;

	*real = realpath(path, NULL);
	if (!*real)
		return error(msg(MSG_PLUGIN_UNREADABLE), path, strerror(errno));
	if (check_regular_file(path, *real))
		goto out;
	file_dir = parent_dir(*real);
	if (check_directory(path, file_dir) || check_ancestors(path, file_dir))
		goto out;
	link_dir = parent_dir(path);
	real_link_dir = realpath(link_dir, NULL);
	if (real_link_dir && strcmp(real_link_dir, file_dir) &&
	    (check_directory(path, real_link_dir) ||
	     check_ancestors(path, real_link_dir)))
		goto out;
	rc = 0;
out:
	free(link_dir);
	free(file_dir);
	free(real_link_dir);
	if (rc) {
		free(*real);
		*real = NULL;
	}
	return rc;
}

/* dlopen the file and ask it for its descriptor. */
static int open_shared_object(struct programme *programme, const char *path,
			      const char *real)
{
	descriptor_fn entry;
	void *symbol;

	programme->handle = dlopen(real, RTLD_NOW | RTLD_LOCAL);
	if (!programme->handle)
		return error(msg(MSG_PLUGIN_NOT_SHARED_OBJECT), path,
			     dlerror());
	dlerror();
	symbol = dlsym(programme->handle, INTAKE_PLUGIN_SYMBOL);
	if (!symbol)
		return error(msg(MSG_PLUGIN_NO_SYMBOL), path);
	memcpy(&entry, &symbol, sizeof(entry));
	programme->plugin = entry();
	return 0;
}

/* The descriptor size the core needs for a descriptor of minor. */
static unsigned long needed_size(unsigned minor)
{
	if (minor >= 3)
		return (unsigned long)INTAKE_PLUGIN_MIN_SIZE_1_3;
	if (minor >= 2)
		return (unsigned long)INTAKE_PLUGIN_MIN_SIZE_1_2;
	if (minor >= 1)
		return (unsigned long)INTAKE_PLUGIN_MIN_SIZE_1_1;
	return (unsigned long)INTAKE_PLUGIN_MIN_SIZE;
}

/* Magic, ABI major and minor, size: before any other member is read. */
static int check_header(const struct intake_plugin *plugin, const char *path)
{
	if (!plugin)
		return error(msg(MSG_PLUGIN_NULL_DESCRIPTOR), path);
	if (plugin->magic != INTAKE_PLUGIN_MAGIC)
		return error(msg(MSG_PLUGIN_BAD_MAGIC), path,
			     (unsigned long)plugin->magic,
			     (unsigned long)INTAKE_PLUGIN_MAGIC);
	if (plugin->abi_major != INTAKE_ABI_MAJOR)
		return error(msg(MSG_PLUGIN_ABI_MAJOR), path,
			     (unsigned)plugin->abi_major,
			     (unsigned)plugin->abi_minor, INTAKE_ABI_MAJOR,
			     INTAKE_ABI_MINOR);
	if (plugin->abi_minor > INTAKE_ABI_MINOR)
		return error(msg(MSG_PLUGIN_ABI_MINOR), path,
			     (unsigned)plugin->abi_major,
			     (unsigned)plugin->abi_minor, INTAKE_ABI_MAJOR,
			     INTAKE_ABI_MINOR);
	if (plugin->size < needed_size(plugin->abi_minor))
		return error(msg(MSG_PLUGIN_TOO_SMALL), path,
			     (unsigned long)plugin->size, INTAKE_ABI_MAJOR,
			     INTAKE_ABI_MINOR, needed_size(plugin->abi_minor));
	return 0;
}

/*
 * The declared fields list: read only from a descriptor of minor 1 or
 * newer whose size holds it (a 1.0 descriptor ends at fini).
 */
static const struct intake_field_need *
declared_fields(const struct intake_plugin *plugin, size_t *n)
{
	*n = 0;
	if (plugin->abi_minor < 1 ||
	    plugin->size < INTAKE_PLUGIN_MIN_SIZE_1_1 || !plugin->fields)
		return NULL;
	*n = plugin->n_fields;
	return plugin->fields;
}

/*
 * The next code of a comma-separated list at *cursor, spaces around it
 * skipped: its start and length in *code and *len, *cursor moved past
 * it.  0 at the end of the list.
 */
static int next_code(const char **cursor, const char **code, size_t *len)
{
	const char *start = *cursor, *end;

	if (!start)
		return 0;
	while (*start == ' ')
		start++;
	end = strchr(start, ',');
	*cursor = end ? end + 1 : NULL;
	if (!end)
		end = start + strlen(start);
	*code = start;
	while (end > start && end[-1] == ' ')
		end--;
	*len = (size_t)(end - start);
	return 1;
}

/* Codes only on choice and multi, none of them empty. */
static int check_need_codes(const struct intake_field_need *need,
			    enum field_type type, size_t i, const char *path)
{
	const char *cursor = need->codes, *code;
	size_t len;

	if (!need->codes)
		return 0;
	if (type != FIELD_CHOICE && type != FIELD_MULTI)
		return error(msg(MSG_PLUGIN_NEED_CODES_TYPE), path,
			     (unsigned long)i, need->id, need->codes,
			     need->type);
	while (next_code(&cursor, &code, &len))
		if (!len)
			return error(msg(MSG_PLUGIN_NEED_CODES), path,
				     (unsigned long)i, need->id, need->codes);
	return 0;
}

/* Each declared field: an id, a field type, codes that can be checked. */
static int check_needs(const struct intake_plugin *plugin, const char *path)
{
	const struct intake_field_need *needs;
	enum field_type type;
	size_t i, n;

	if (plugin->abi_minor >= 1 && plugin->n_fields && !plugin->fields)
		return error(msg(MSG_PLUGIN_NO_FIELDS), path,
			     (unsigned long)plugin->n_fields);
	needs = declared_fields(plugin, &n);
	for (i = 0; i < n; i++) {
		const struct intake_field_need *need = &needs[i];

		if (!need->id || !*need->id)
			return error(msg(MSG_PLUGIN_NEED_ID), path,
				     (unsigned long)i);
		if (!need->type || field_type_parse(need->type, &type))
			return error(msg(MSG_PLUGIN_NEED_TYPE), path,
				     (unsigned long)i, need->id,
				     need->type ? need->type : "(NULL)");
		if (check_need_codes(need, type, i, path))
			return -1;
	}
	return 0;
}

/*
 * The declared outcome needs: read only from a descriptor of minor 2 or
 * newer whose size holds them (a 1.1 descriptor ends at n_fields).
 */
static const struct intake_outcome_need *
declared_outcome_needs(const struct intake_plugin *plugin, size_t *n)
{
	*n = 0;
	if (plugin->abi_minor < 2 ||
	    plugin->size < INTAKE_PLUGIN_MIN_SIZE_1_2 || !plugin->outcome_needs)
		return NULL;
	*n = plugin->n_outcome_needs;
	return plugin->outcome_needs;
}

/* The descriptor's outcome with this code, or NULL. */
static const struct intake_outcome *
plugin_outcome(const struct intake_plugin *plugin, const char *code)
{
	size_t i;

	for (i = 0; i < plugin->n_outcomes; i++)
		if (!strcmp(plugin->outcomes[i].code, code))
			return &plugin->outcomes[i];
	return NULL;
}

/* The codes of the declared outcomes, "a, b, c", malloced. */
static char *declared_codes(const struct intake_plugin *plugin)
{
	struct strbuf codes = STRBUF_INIT;
	size_t i;

	for (i = 0; i < plugin->n_outcomes; i++)
		strbuf_addf(&codes, "%s%s", i ? ", " : "",
			    plugin->outcomes[i].code);
	return strbuf_detach(&codes);
}

/* member ("code" or "needs") of outcome_needs[i] names a declared
 * outcome. */
static int check_need_outcome(const struct intake_plugin *plugin, size_t i,
			      const char *member, const char *code,
			      const char *path)
{
	char *declared;

	if (code && plugin_outcome(plugin, code))
		return 0;
	declared = declared_codes(plugin);
	error(msg(MSG_PLUGIN_OUTCOME_NEED_UNKNOWN), path, (unsigned long)i,
	      member, code ? code : "(NULL)", declared);
	free(declared);
	return -1;
}

/* One outcome need: declared outcomes, not itself, a rule, messages. */
static int check_outcome_need(const struct intake_plugin *plugin, size_t i,
			      const struct intake_outcome_need *need,
			      const char *path)
{
	if (check_need_outcome(plugin, i, "code", need->code, path) ||
	    check_need_outcome(plugin, i, "needs", need->needs, path))
		return -1;
	if (!strcmp(need->code, need->needs))
		return error(msg(MSG_PLUGIN_OUTCOME_NEED_SELF), path,
			     (unsigned long)i, need->code);
	if (!need->rule || !*need->rule)
		return error(msg(MSG_PLUGIN_OUTCOME_NEED_RULE), path,
			     (unsigned long)i, need->code);
	if (!need->message_ja || !need->message_en)
		return error(msg(MSG_PLUGIN_OUTCOME_NEED_MESSAGE), path,
			     (unsigned long)i, need->code);
	return 0;
}

/* The outcome needs of a 1.2 descriptor, after its outcomes. */
static int check_outcome_needs(const struct intake_plugin *plugin,
			       const char *path)
{
	const struct intake_outcome_need *needs;
	size_t i, n;

	if (plugin->abi_minor >= 2 && plugin->n_outcome_needs &&
	    !plugin->outcome_needs)
		return error(msg(MSG_PLUGIN_NO_OUTCOME_NEEDS), path,
			     (unsigned long)plugin->n_outcome_needs);
	needs = declared_outcome_needs(plugin, &n);
	for (i = 0; i < n; i++)
		if (check_outcome_need(plugin, i, &needs[i], path))
			return -1;
	return 0;
}

/*
 * The declared amounts and follow-ups: read only from a descriptor of
 * minor 3 or newer whose size holds them (a 1.2 descriptor ends at
 * n_outcome_needs).
 */
static const struct intake_outcome_amount *
declared_amounts(const struct intake_plugin *plugin, size_t *n)
{
	*n = 0;
	if (plugin->abi_minor < 3 ||
	    plugin->size < INTAKE_PLUGIN_MIN_SIZE_1_3 || !plugin->amounts)
		return NULL;
	*n = plugin->n_amounts;
	return plugin->amounts;
}

static const struct intake_follow_up *
declared_follow_ups(const struct intake_plugin *plugin, size_t *n)
{
	*n = 0;
	if (plugin->abi_minor < 3 ||
	    plugin->size < INTAKE_PLUGIN_MIN_SIZE_1_3 || !plugin->follow_ups)
		return NULL;
	*n = plugin->n_follow_ups;
	return plugin->follow_ups;
}

/* member of list[i] names a declared outcome. */
static int check_list_outcome(const struct intake_plugin *plugin,
			      const char *list, size_t i, const char *member,
			      const char *code, const char *path)
{
	char *declared;

	if (code && plugin_outcome(plugin, code))
		return 0;
	declared = declared_codes(plugin);
	error(msg(MSG_PLUGIN_LIST_OUTCOME_UNKNOWN), path, list,
	      (unsigned long)i, member, code ? code : "(NULL)", declared);
	free(declared);
	return -1;
}

/* Each declared amount: a declared outcome, once, required 0 or 1. */
static int check_amounts(const struct intake_plugin *plugin, const char *path)
{
	const struct intake_outcome_amount *amounts;
	size_t i, j, n;

	if (plugin->abi_minor >= 3 && plugin->n_amounts && !plugin->amounts)
		return error(msg(MSG_PLUGIN_NO_LIST), path,
			     (unsigned long)plugin->n_amounts, "amounts");
	amounts = declared_amounts(plugin, &n);
	for (i = 0; i < n; i++) {
		const struct intake_outcome_amount *amount = &amounts[i];

		if (check_list_outcome(plugin, "amounts", i, "code",
				       amount->code, path))
			return -1;
		if (amount->required != INTAKE_AMOUNT_OPTIONAL &&
		    amount->required != INTAKE_AMOUNT_REQUIRED)
			return error(msg(MSG_PLUGIN_AMOUNT_REQUIRED), path,
				     (unsigned long)i, amount->code,
				     amount->required);
		for (j = 0; j < i; j++)
			if (!strcmp(amounts[j].code, amount->code))
				return error(msg(MSG_PLUGIN_AMOUNT_TWICE),
					     path, (unsigned long)i,
					     amount->code);
	}
	return 0;
}

/* One follow-up: declared outcomes, not the same, months in range, a
 * rule key that can be looked up. */
static int check_follow_up(const struct intake_plugin *plugin, size_t i,
			   const struct intake_follow_up *follow_up,
			   const char *path)
{
	if (check_list_outcome(plugin, "follow_ups", i, "code",
			       follow_up->code, path) ||
	    check_list_outcome(plugin, "follow_ups", i, "after",
			       follow_up->after, path))
		return -1;
	if (!strcmp(follow_up->code, follow_up->after))
		return error(msg(MSG_PLUGIN_FOLLOW_UP_SELF), path,
			     (unsigned long)i, follow_up->code);
	if (follow_up->months < 1 || follow_up->months > FOLLOW_UP_MONTHS_MAX)
		return error(msg(MSG_PLUGIN_FOLLOW_UP_MONTHS), path,
			     (unsigned long)i, follow_up->code,
			     follow_up->months, FOLLOW_UP_MONTHS_MAX);
	if (follow_up->months_rule && !plugin_valid_code(follow_up->months_rule))
		return error(msg(MSG_PLUGIN_FOLLOW_UP_RULE), path,
			     (unsigned long)i, follow_up->code,
			     follow_up->months_rule);
	return 0;
}

static int check_follow_ups(const struct intake_plugin *plugin,
			    const char *path)
{
	const struct intake_follow_up *follow_ups;
	size_t i, n;

	if (plugin->abi_minor >= 3 && plugin->n_follow_ups &&
	    !plugin->follow_ups)
		return error(msg(MSG_PLUGIN_NO_LIST), path,
			     (unsigned long)plugin->n_follow_ups,
			     "follow_ups");
	follow_ups = declared_follow_ups(plugin, &n);
	for (i = 0; i < n; i++)
		if (check_follow_up(plugin, i, &follow_ups[i], path))
			return -1;
	return 0;
}

/* Id, receipt prefix and the strings every descriptor must have. */
static int check_members(const struct intake_plugin *plugin, const char *path)
{
	if (!plugin->id)
		return error(msg(MSG_PLUGIN_MISSING_MEMBER), path, "id");
	if (!plugin_valid_code(plugin->id))
		return error(msg(MSG_PLUGIN_BAD_ID), path, plugin->id);
	if (!plugin->receipt_prefix)
		return error(msg(MSG_PLUGIN_MISSING_MEMBER), path,
			     "receipt_prefix");
	if (!plugin_valid_prefix(plugin->receipt_prefix))
		return error(msg(MSG_PLUGIN_BAD_PREFIX), path,
			     plugin->receipt_prefix);
	if (!plugin->version)
		return error(msg(MSG_PLUGIN_MISSING_MEMBER), path, "version");
	if (!plugin->title_ja)
		return error(msg(MSG_PLUGIN_MISSING_MEMBER), path, "title_ja");
	if (!plugin->title_en)
		return error(msg(MSG_PLUGIN_MISSING_MEMBER), path, "title_en");
	if (!plugin->form)
		return error(msg(MSG_PLUGIN_MISSING_MEMBER), path, "form");
	if (!*plugin->form || strchr(plugin->form, '/') ||
	    !strcmp(plugin->form, ".") || !strcmp(plugin->form, ".."))
		return error(msg(MSG_PLUGIN_BAD_FORM_NAME), path, plugin->form);
	return 0;
}

static int check_outcome(const struct intake_plugin *plugin, size_t i,
			 const char *path)
{
	const struct intake_outcome *outcome = &plugin->outcomes[i];
	size_t j;

	if (!plugin_valid_code(outcome->code))
		return error(msg(MSG_PLUGIN_BAD_OUTCOME), path,
			     (unsigned long)i,
			     outcome->code ? outcome->code : "(NULL)");
	if (!outcome->label_ja || !outcome->label_en)
		return error(msg(MSG_PLUGIN_OUTCOME_LABEL), path,
			     outcome->code);
	if (outcome->once != INTAKE_ONCE && outcome->once != INTAKE_EVERY)
		return error(msg(MSG_PLUGIN_OUTCOME_ONCE), path, outcome->code,
			     outcome->once);
	for (j = 0; j < i; j++)
		if (!strcmp(plugin->outcomes[j].code, outcome->code))
			return error(msg(MSG_PLUGIN_OUTCOME_TWICE), path,
				     outcome->code);
	return 0;
}

static int check_outcomes(const struct intake_plugin *plugin, const char *path)
{
	size_t i;

	if (!plugin->outcomes || !plugin->n_outcomes)
		return error(msg(MSG_PLUGIN_NO_OUTCOMES), path);
	for (i = 0; i < plugin->n_outcomes; i++)
		if (check_outcome(plugin, i, path))
			return -1;
	return 0;
}

int plugin_descriptor_check(const struct intake_plugin *plugin,
			    const char *path)
{
	if (check_header(plugin, path) || check_members(plugin, path) ||
	    check_outcomes(plugin, path) || check_needs(plugin, path) ||
	    check_outcome_needs(plugin, path) || check_amounts(plugin, path) ||
	    check_follow_ups(plugin, path))
		return -1;
	return 0;
}

/* Undo a refused load: nothing of the plugin is in use yet. */
static void programme_close(struct programme *programme)
{
	if (programme->handle)
		dlclose(programme->handle);
	free(programme->path);
	memset(programme, 0, sizeof(*programme));
}

/* Everything up to a checked descriptor; on refusal nothing is kept. */
static int programme_open(struct programme *programme, const char *path)
{
	char *real;
	int rc;

	memset(programme, 0, sizeof(*programme));
	if (check_file(path, &real))
		return -1;
	programme->path = xstrdup(path);
	rc = open_shared_object(programme, path, real);
	free(real);
	if (!rc)
		rc = plugin_descriptor_check(programme->plugin, path);
	if (rc)
		programme_close(programme);
	return rc;
}

/* The plugin's form, from form_dir, with the programme's id. */
static int load_form(struct programme *programme, const char *form_dir)
{
	const struct intake_plugin *plugin = programme->plugin;
	char *form_path = xstrfmt("%s/%s", form_dir, plugin->form);
	char *real = NULL;
	int rc = -1;

	if (check_file(form_path, &real) ||
	    form_load(&programme->form, real)) {
		error(msg(MSG_PLUGIN_FORM_REFUSED), programme->path, form_path);
		goto out;
	}
	if (strcmp(programme->form.id, plugin->id)) {
		error(msg(MSG_PLUGIN_FORM_ID), programme->path, form_path,
		      programme->form.id, plugin->id);
		form_release(&programme->form);
		goto out;
	}
	rc = 0;
out:
	free(real);
	free(form_path);
	return rc;
}

/* The codes a choice or multi field offers, "a, b, c", malloced. */
static char *offered_codes(const struct field *field)
{
	struct strbuf codes = STRBUF_INIT;
	size_t i;

	for (i = 0; i < field->n_choices; i++)
		strbuf_addf(&codes, "%s%s", i ? ", " : "",
			    field->choices[i].code);
	return strbuf_detach(&codes);
}

/* Every code of need->codes offered by field: one message per missing
 * code, and their count. */
static int check_field_codes(const struct programme *programme,
			     const struct intake_field_need *need,
			     const struct field *field)
{
	const char *cursor = need->codes, *code;
	size_t len;
	int missing = 0;

	while (next_code(&cursor, &code, &len)) {
		char *wanted = xstrndup(code, len);

		if (!field_choice(field, wanted)) {
			char *offered = offered_codes(field);

			error(msg(MSG_PLUGIN_FIELD_CODE), programme->path,
			      programme->form.path, need->id, wanted, offered,
			      programme->plugin->id);
			free(offered);
			missing++;
		}
		free(wanted);
	}
	return missing;
}

/* One declared field against the form: 0, or -1 with its messages. */
static int check_field(const struct programme *programme,
		       const struct intake_field_need *need)
{
	const struct field *field = form_field(&programme->form, need->id);
	const char *type;

	if (!strcmp(need->id, "received_on"))
		type = "date";
	else if (field)
		type = field_type_name(field->type);
	else
		return error(msg(MSG_PLUGIN_FIELD_MISSING), programme->path,
			     programme->form.path, need->id,
			     programme->plugin->id, need->type);
	if (strcmp(type, need->type))
		return error(msg(MSG_PLUGIN_FIELD_TYPE), programme->path,
			     programme->form.path, need->id, type,
			     programme->plugin->id, need->type);
	if (field && need->codes && check_field_codes(programme, need, field))
		return -1;
	return 0;
}

/* Every declared field against the loaded form, each problem printed. */
static int check_fields(const struct programme *programme)
{
	const struct intake_field_need *needs;
	size_t i, n;
	int rc = 0;

	needs = declared_fields(programme->plugin, &n);
	for (i = 0; i < n; i++)
		if (check_field(programme, &needs[i]))
			rc = -1;
	return rc;
}

/* Let the plugin inspect its form; its reasons are printed on refusal. */

/* Form and init for an opened programme; on refusal nothing is kept. */
/* Every [outcome.<code>] section of the form names an outcome of the
 * plugin: a misspelt code would leave its bounds silently unapplied. */
static int check_form_outcomes(const struct programme *programme)
{
	size_t i;
	int failures = 0;

	for (i = 0; i < programme->form.n_outcomes; i++) {
		const char *code = programme->form.outcomes[i].code;

		if (programme_outcome(programme, code))
			continue;
		error(msg(MSG_PLUGIN_FORM_OUTCOME), programme->path,
		      programme->form.path, code);
		failures++;
	}
	return failures ? -1 : 0;
}

/* A follow-up's [rules] value, when the form has it, is a usable number
 * of months: 0, or -1 with a message per bad value. */
static int check_follow_up_rules(const struct programme *programme)
{
	const struct intake_follow_up *follow_ups;
	size_t i, n;
	long long months;
	int rc = 0;

	follow_ups = declared_follow_ups(programme->plugin, &n);
	for (i = 0; i < n; i++) {
		const char *key = follow_ups[i].months_rule;

		if (!key || form_rule(&programme->form, key, &months) ||
		    (months >= 1 && months <= FOLLOW_UP_MONTHS_MAX))
			continue;
		rc = error(msg(MSG_PLUGIN_FOLLOW_UP_FORM_RULE),
			   programme->path, programme->form.path, key, months,
			   follow_ups[i].code, FOLLOW_UP_MONTHS_MAX);
	}
	return rc;
}

int registry_start(struct programme *programme, const char *form_dir)
{
	if (programme->started)
		return 0;
	if (load_form(programme, form_dir))
		return -1;
	if (check_fields(programme) || check_form_outcomes(programme) ||
	    check_follow_up_rules(programme) ||
	    programme_run_init(programme)) {
		form_release(&programme->form);
		memset(&programme->form, 0, sizeof(programme->form));
		return -1;
	}
	programme->started = 1;
	return 0;
}

/* Start an opened programme; on refusal nothing is kept. */
static int programme_start(struct programme *programme, const char *form_dir)
{
	if (registry_start(programme, form_dir)) {
		programme_close(programme);
		return -1;
	}
	return 0;
}

int programme_load(struct programme *programme, const char *path,
		   const char *form_dir)
{
	if (programme_open(programme, path))
		return -1;
	return programme_start(programme, form_dir);
}

void programme_release(struct programme *programme)
{
	if (programme->started && programme->plugin->fini)
		programme->plugin->fini();
	if (programme->started)
		form_release(&programme->form);
	free(programme->path);
	memset(programme, 0, sizeof(*programme));
}

const struct intake_outcome *programme_outcome(const struct programme *p,
					       const char *code)
{
	return plugin_outcome(p->plugin, code);
}

const char *programme_outcome_label(const struct programme *p,
				    const char *code, enum language language)
{
	const struct intake_outcome *outcome =
	    p ? programme_outcome(p, code) : NULL;

	return outcome ? msg_pick_in(language, outcome->label_ja,
				     outcome->label_en)
		       : code;
}

const struct intake_outcome_need *
programme_outcome_needs(const struct programme *programme, size_t *n)
{
	return declared_outcome_needs(programme->plugin, n);
}

const struct intake_outcome_amount *
programme_outcome_amount(const struct programme *programme, const char *code)
{
	const struct intake_outcome_amount *amounts;
	size_t i, n;

	amounts = declared_amounts(programme->plugin, &n);
	for (i = 0; i < n; i++)
		if (!strcmp(amounts[i].code, code))
			return &amounts[i];
	return NULL;
}

const struct intake_follow_up *
programme_follow_ups(const struct programme *programme, size_t *n)
{
	return declared_follow_ups(programme->plugin, n);
}

int programme_follow_up_months(const struct programme *programme,
			       const struct intake_follow_up *follow_up)
{
	long long months;

	if (follow_up->months_rule &&
	    !form_rule(&programme->form, follow_up->months_rule, &months) &&
	    months >= 1 && months <= FOLLOW_UP_MONTHS_MAX)
		return (int)months;
	return follow_up->months;
}

const char *programme_title(const struct programme *programme)
{
	return msg_pick(programme->plugin->title_ja,
			programme->plugin->title_en);
}

static void print_callbacks(const struct intake_plugin *plugin, FILE *out)
{
	fputs(msg(MSG_PLUGIN_CHECK_CALLBACKS), out);
	if (plugin->init)
		fputs(" init", out);
	if (plugin->validate)
		fputs(" validate", out);
	if (plugin->derive)
		fputs(" derive", out);
	if (plugin->check_outcome)
		fputs(" check_outcome", out);
	if (plugin->fini)
		fputs(" fini", out);
	fputc('\n', out);
}

static void print_fields(const struct intake_plugin *plugin, FILE *out)
{
	const struct intake_field_need *needs;
	size_t i, n;

	needs = declared_fields(plugin, &n);
	fputs(msg(MSG_PLUGIN_CHECK_FIELDS), out);
	for (i = 0; i < n; i++)
		fprintf(out, " %s", needs[i].id);
	fputc('\n', out);
}

static void print_outcomes(const struct intake_plugin *plugin, FILE *out)
{
	size_t i;

	fprintf(out, msg(MSG_PLUGIN_CHECK_OUTCOMES),
		(unsigned long)plugin->n_outcomes);
	for (i = 0; i < plugin->n_outcomes; i++) {
		const struct intake_outcome *outcome = &plugin->outcomes[i];

		fprintf(out, "  %s  %s  %s / %s\n", outcome->code,
			msg(outcome->once ? MSG_PLUGIN_CHECK_ONCE
					  : MSG_PLUGIN_CHECK_EVERY),
			outcome->label_ja, outcome->label_en);
	}
}

static void print_outcome_needs(const struct intake_plugin *plugin, FILE *out)
{
	const struct intake_outcome_need *needs;
	size_t i, n;

	needs = declared_outcome_needs(plugin, &n);
	fprintf(out, msg(MSG_PLUGIN_CHECK_NEEDS), (unsigned long)n);
	for (i = 0; i < n; i++)
		fprintf(out, msg(MSG_PLUGIN_CHECK_NEED), needs[i].code,
			needs[i].needs, needs[i].rule);
}

static void print_amounts(const struct intake_plugin *plugin, FILE *out)
{
	const struct intake_outcome_amount *amounts;
	size_t i, n;

	amounts = declared_amounts(plugin, &n);
	fprintf(out, msg(MSG_PLUGIN_CHECK_AMOUNTS), (unsigned long)n);
	for (i = 0; i < n; i++)
		fprintf(out, msg(amounts[i].required
					 ? MSG_PLUGIN_CHECK_AMOUNT_REQUIRED
					 : MSG_PLUGIN_CHECK_AMOUNT_OPTIONAL),
			amounts[i].code);
}

static void print_follow_ups(const struct programme *programme, FILE *out)
{
	const struct intake_follow_up *follow_ups;
	size_t i, n;

	follow_ups = declared_follow_ups(programme->plugin, &n);
	fprintf(out, msg(MSG_PLUGIN_CHECK_FOLLOW_UPS), (unsigned long)n);
	for (i = 0; i < n; i++) {
		const struct intake_follow_up *follow_up = &follow_ups[i];

		fprintf(out, msg(MSG_PLUGIN_CHECK_FOLLOW_UP), follow_up->code,
			programme_follow_up_months(programme, follow_up),
			follow_up->after);
		if (follow_up->months_rule)
			fprintf(out, msg(MSG_PLUGIN_CHECK_FOLLOW_UP_RULE),
				follow_up->months_rule);
		fputc('\n', out);
	}
}

static void print_programme(const struct programme *programme, FILE *out)
{
	const struct intake_plugin *plugin = programme->plugin;
	const struct form *form = &programme->form;

	fprintf(out, msg(MSG_PLUGIN_CHECK_FILE), programme->path);
	fprintf(out, msg(MSG_PLUGIN_CHECK_ID), plugin->id);
	fprintf(out, msg(MSG_PLUGIN_CHECK_VERSION), plugin->version);
	fprintf(out, msg(MSG_PLUGIN_CHECK_ABI), (unsigned)plugin->abi_major,
		(unsigned)plugin->abi_minor, INTAKE_ABI_MAJOR,
		INTAKE_ABI_MINOR);
	fprintf(out, msg(MSG_PLUGIN_CHECK_TITLE_JA), plugin->title_ja);
	fprintf(out, msg(MSG_PLUGIN_CHECK_TITLE_EN), plugin->title_en);
	fprintf(out, msg(MSG_PLUGIN_CHECK_PREFIX), plugin->receipt_prefix);
	fprintf(out, msg(MSG_PLUGIN_CHECK_FORM), form->path, form->id,
		form->version, (unsigned long)form->n_fields,
		(unsigned long)form->n_rules);
	print_callbacks(plugin, out);
	print_fields(plugin, out);
	print_outcomes(plugin, out);
	print_outcome_needs(plugin, out);
	print_amounts(plugin, out);
	print_follow_ups(programme, out);
}

/* The programme of another id in registry using prefix, or NULL. */
static const struct programme *
prefix_taken(const struct registry *registry, const char *prefix,
	     const char *id)
{
	size_t i;

	for (i = 0; i < registry->n_programmes; i++) {
		const struct intake_plugin *other =
			registry->programmes[i].plugin;

		if (!strcmp(other->receipt_prefix, prefix) &&
		    strcmp(other->id, id))
			return &registry->programmes[i];
	}
	return NULL;
}

/* Plugin files in dir: *.so, not hidden, sorted by name. */
static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_plugin_name(const char *name)
{
	size_t len = strlen(name);

	return name[0] != '.' && len > 3 && !strcmp(name + len - 3, ".so");
}

static int list_plugin_files(const char *dir, char ***names, size_t *n)
{
	DIR *stream = opendir(dir);
	struct dirent *entry;
	size_t alloc = 0;

	*names = NULL;
	*n = 0;
	if (!stream)
		return error(msg(MSG_PLUGIN_DIR_UNREADABLE), dir,
			     strerror(errno));
	while ((entry = readdir(stream))) {
		if (!is_plugin_name(entry->d_name))
			continue;
		ALLOC_GROW(*names, *n + 1, alloc);
		(*names)[(*n)++] = xstrdup(entry->d_name);
	}
	closedir(stream);
	if (*n)
		qsort(*names, *n, sizeof(**names), compare_names);
	return 0;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Open, refuse a second plugin with a loaded id or receipt prefix. */
static int registry_add(struct registry *registry, const char *path)
{
	struct programme *programme =
	    &registry->programmes[registry->n_programmes];
	const struct programme *taken;

	if (programme_open(programme, path))
		return -1;
	taken = registry_find(registry, programme->plugin->id);
	if (taken) {
		error(msg(MSG_PLUGIN_DUPLICATE_ID), path, programme->plugin->id,
		      taken->path);
		programme_close(programme);
		return -1;
	}
	taken = prefix_taken(registry, programme->plugin->receipt_prefix,
			     programme->plugin->id);
	if (taken) {
		error(msg(MSG_PLUGIN_DUPLICATE_PREFIX), path,
		      programme->plugin->id, programme->plugin->receipt_prefix,
		      taken->plugin->id, taken->path);
		programme_close(programme);
		return -1;
	}
	registry->n_programmes++;
	return 0;
}

static int compare_ids(const void *a, const void *b)
{
	const struct programme *left = a, *right = b;

	return strcmp(left->plugin->id, right->plugin->id);
}

/* Is path the file skip (NULL: none) stands for? */
static int is_skipped(const char *path, const struct stat *skip)
{
	struct stat st;

	return skip && !stat(path, &st) && st.st_dev == skip->st_dev &&
	       st.st_ino == skip->st_ino;
}

/* registry_open, leaving out the file skip stands for (NULL: none). */
static int registry_open_without(struct registry *registry,
				 const char *plugin_dir,
				 const struct stat *skip)
{
	char **names;
	size_t n, i;
	int rc = 0;

	registry->programmes = NULL;
	registry->n_programmes = 0;
	if (list_plugin_files(plugin_dir, &names, &n))
		return -1;
	if (!n)
		warning(msg(MSG_PLUGIN_NONE), plugin_dir);
	registry->programmes = xcalloc(n, sizeof(*registry->programmes));
	for (i = 0; i < n; i++) {
		char *path = xstrfmt("%s/%s", plugin_dir, names[i]);

		if (!is_skipped(path, skip) && registry_add(registry, path))
			rc = -1;
		free(path);
	}
	free_names(names, n);
	if (rc) {
		registry_release(registry);
		return -1;
	}
	qsort(registry->programmes, registry->n_programmes,
	      sizeof(*registry->programmes), compare_ids);
	return 0;
}

int registry_open(struct registry *registry, const char *plugin_dir)
{
	return registry_open_without(registry, plugin_dir, NULL);
}

int registry_start_all(struct registry *registry, const char *form_dir)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < registry->n_programmes; i++)
		if (registry_start(&registry->programmes[i], form_dir))
			rc = -1;
	return rc;
}

/* registry_load, leaving out the file skip stands for (NULL: none). */
static int registry_load_without(struct registry *registry,
				 const char *plugin_dir, const char *form_dir,
				 const struct stat *skip)
{
	if (registry_open_without(registry, plugin_dir, skip))
		return -1;
	if (registry_start_all(registry, form_dir)) {
		registry_release(registry);
		return -1;
	}
	return 0;
}

int registry_load(struct registry *registry, const char *plugin_dir,
		  const char *form_dir)
{
	return registry_load_without(registry, plugin_dir, form_dir, NULL);
}

void registry_release(struct registry *registry)
{
	size_t i;

	for (i = 0; i < registry->n_programmes; i++)
		programme_release(&registry->programmes[i]);
	free(registry->programmes);
	registry->programmes = NULL;
	registry->n_programmes = 0;
}

const struct programme *registry_find(const struct registry *registry,
				      const char *id)
{
	size_t i;

	for (i = 0; i < registry->n_programmes; i++)
		if (!strcmp(registry->programmes[i].plugin->id, id))
			return &registry->programmes[i];
	return NULL;
}

/* Refuse the prefix of a checked file when a programme of plugin_dir
 * (the file itself left out, should it be there) already uses it; a
 * directory that does not load is only a warning. */
static int compare_prefix(const struct programme *programme,
			  const char *plugin_dir, const char *form_dir)
{
	const struct intake_plugin *plugin = programme->plugin;
	const struct programme *taken;
	struct registry registry;
	struct stat self;
	int rc = 0;

	if (stat(programme->path, &self) ||
	    registry_load_without(&registry, plugin_dir, form_dir, &self)) {
		warning(msg(MSG_PLUGIN_CHECK_UNCOMPARED), plugin_dir);
		return 0;
	}
	taken = prefix_taken(&registry, plugin->receipt_prefix, plugin->id);
	if (taken)
		rc = error(msg(MSG_PLUGIN_PREFIX_IN_USE), programme->path,
			   plugin->receipt_prefix, taken->plugin->id,
			   taken->path);
	registry_release(&registry);
	return rc;
}

int plugin_check(const char *path, const char *plugin_dir,
		 const char *form_dir, FILE *out)
{
	struct programme programme;
	int status = 0;

	if (programme_load(&programme, path, form_dir))
		return EXIT_CONFIG;
	if (compare_prefix(&programme, plugin_dir, form_dir)) {
		status = EXIT_CONFIG;
	} else {
		print_programme(&programme, out);
		fprintf(out, msg(MSG_PLUGIN_CHECK_OK), path);
	}
	programme_release(&programme);
	return status;
}

/* ---- plugin check --form ------------------------------------------- */

static void print_form_field(const struct field *field, FILE *out)
{
	size_t i;

	fprintf(out, "  %s  %s  %s%s%s", field->id,
		field_type_name(field->type),
		msg(field->derived    ? MSG_CMD_FLAG_DERIVED
		    : field->required ? MSG_CMD_FLAG_REQUIRED
				      : MSG_CMD_FLAG_OPTIONAL),
		field->pii ? " pii" : "", field->sensitive ? " sensitive" : "");
	if (field->type == FIELD_DATE)
		fprintf(out, msg(MSG_FORMCHECK_DATES), field->dates.min.text,
			field->dates.max.text);
	if (field->n_choices) {
		struct strbuf codes = STRBUF_INIT;

		for (i = 0; i < field->n_choices; i++)
			strbuf_addf(&codes, "%s%s", i ? ", " : "",
				    field->choices[i].code);
		fprintf(out, msg(MSG_FORMCHECK_CHOICES), strbuf_str(&codes));
		strbuf_release(&codes);
	}
	if (field->when_text)
		fprintf(out, msg(MSG_FORMCHECK_WHEN), field->when_text);
	fputc('\n', out);
}

static void print_form(const struct form *form, FILE *out)
{
	size_t i;

	fprintf(out, msg(MSG_FORMCHECK_FILE), form->path);
	fprintf(out, msg(MSG_FORMCHECK_ID), form->id);
	fprintf(out, msg(MSG_FORMCHECK_VERSION), form->version);
	if (form->first_fiscal_year)
		fprintf(out, msg(MSG_FORMCHECK_FIRST_FY),
			form->first_fiscal_year, form->first_fiscal_year);
	fprintf(out, msg(MSG_FORMCHECK_RULES), (unsigned long)form->n_rules);
	for (i = 0; i < form->n_rules; i++)
		fprintf(out, "  %s = %lld\n", form->rules[i].key,
			form->rules[i].value);
	fprintf(out, msg(MSG_FORMCHECK_FIELDS), (unsigned long)form->n_fields);
	for (i = 0; i < form->n_fields; i++)
		print_form_field(&form->fields[i], out);
	fprintf(out, msg(MSG_FORMCHECK_RECEIVED_ON), form->received_on.min.text,
		form->received_on.max.text);
	fprintf(out, msg(MSG_FORMCHECK_OUTCOMES), form->outcome_dates.min.text,
		form->outcome_dates.max.text, (unsigned long)form->n_outcomes);
	for (i = 0; i < form->n_outcomes; i++)
		fprintf(out, msg(MSG_FORMCHECK_OUTCOME), form->outcomes[i].code,
			form->outcomes[i].dates.min.text,
			form->outcomes[i].dates.max.text);
}

int plugin_form_check(const char *path, FILE *out)
{
	struct form form;

	if (form_load(&form, path)) {
		error(msg(MSG_FORMCHECK_REFUSED), path);
		return EXIT_CONFIG;
	}
	print_form(&form, out);
	fprintf(out, msg(MSG_FORMCHECK_OK), path);
	form_release(&form);
	return 0;
}

/* text_normalize with ASCII letters in lower case ("" when not UTF-8). */
static char *folded(const char *text)
{
	char *normal = text_normalize(text, 0), *p;

	if (!normal)
		return xstrdup("");
	for (p = normal; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return normal;
}

/* The kinds of match of registry_lookup, the best first. */
enum match { MATCH_ID, MATCH_PREFIX, MATCH_TITLE, MATCH_PART, MATCH_KINDS };

static int text_matches(const char *text, const char *name, enum match kind)
{
	char *mine = folded(text);
	int hit = kind == MATCH_PART ? strstr(mine, name) != NULL
				     : !strcmp(mine, name);

	free(mine);
	return hit;
}

static int programme_matches(const struct programme *programme,
			     const char *name, enum match kind)
{
	const struct intake_plugin *plugin = programme->plugin;

	switch (kind) {
	case MATCH_ID: return !strcmp(plugin->id, name);
	case MATCH_PREFIX: return text_matches(plugin->receipt_prefix, name,
					       kind);
	default: return text_matches(plugin->title_ja, name, kind) ||
			text_matches(plugin->title_en, name, kind);
	}
}

size_t registry_lookup(const struct registry *registry, const char *name,
		       const struct programme **found)
{
	char *wanted = folded(name);
	size_t i, n = 0;
	int kind;

	for (kind = MATCH_ID; *wanted && !n && kind < MATCH_KINDS; kind++)
		for (i = 0; i < registry->n_programmes; i++)
			if (programme_matches(&registry->programmes[i],
					      wanted, (enum match)kind))
				found[n++] = &registry->programmes[i];
	free(wanted);
	return n;
}

/* A code wins over another outcome's label. */
const struct intake_outcome *
programme_outcome_named(const struct programme *p, const char *name)
{
	const struct intake_outcome *found;
	char *wanted = folded(name);
	size_t i;

	found = programme_outcome(p, wanted);
	for (i = 0; *wanted && !found && i < p->plugin->n_outcomes; i++) {
		const struct intake_outcome *outcome = &p->plugin->outcomes[i];

		if (text_matches(outcome->label_ja, wanted, MATCH_TITLE) ||
		    text_matches(outcome->label_en, wanted, MATCH_TITLE))
			found = outcome;
	}
	free(wanted);
	return found;
}
