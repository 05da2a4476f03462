/* intake plugin new: a programme's plugin, form and test, from the template. */
#include "scaffold.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "command.h"
#include "messages.h"
#include "util.h"
#include "value.h"

/* scaffold_template_c, _ini, scaffold_test_sh, scaffold_test_e2e_sh:
 * the template files, one string per line, NULL last. */
#include "scaffold_template.h"

#define TEST_FIRST 3000 /* programme tests are t3000..t3999 */
#define TEST_LAST 3999

struct request {
	const char *id, *prefix, *title_ja, *title_en, *dir;
};

/* Where the files go; e2e says which test. */
struct plan {
	char *plugins, *folder, *forms, *source, *form, *test;
	int e2e;
};

/* ---- Checks -------------------------------------------------------- */

/* One line of safe text, 1..SCAFFOLD_TITLE_MAX characters: 0, or -1
 * after saying why (option names the option). */
static int check_title(const char *title, enum msg_id option)
{
	char *why = NULL, *shown;
	int rc = 0;

	if (text_check_safe(title, 0, &why))
		;
	else if (!*title)
		why = xstrdup(msg(MSG_SCAFFOLD_EMPTY_TITLE));
	else if (utf8_chars(title) > SCAFFOLD_TITLE_MAX)
		why = xstrfmt(msg(MSG_SCAFFOLD_LONG_TITLE),
			      SCAFFOLD_TITLE_MAX);
	if (why) {
		shown = text_escape_unsafe(title, 0);
		rc = error(msg(MSG_SCAFFOLD_BAD_TITLE), msg(option), shown,
			   why);
		free(shown);
		free(why);
	}
	return rc;
}

/* The syntax of every value: 0, or EXIT_USAGE after printing each
 * problem. */
static int check_values(const struct request *r)
{
	int bad = 0;

	if (!plugin_valid_code(r->id))
		bad |= error(msg(MSG_SCAFFOLD_BAD_ID), r->id);
	if (!plugin_valid_prefix(r->prefix))
		bad |= error(msg(MSG_SCAFFOLD_BAD_PREFIX), r->prefix);
	bad |= check_title(r->title_ja, MSG_SCAFFOLD_TITLE_JA);
	if (r->title_en != r->title_ja) /* given, not the default */
		bad |= check_title(r->title_en, MSG_SCAFFOLD_TITLE_EN);
	return bad ? EXIT_USAGE : 0;
}

/* The loaded programmes' ids and prefixes: 0, or an exit status after
 * printing.  A plugin_dir that does not load is only a warning. */
static int check_registry(struct session *session, const struct request *r)
{
	const struct registry *registry = &session->registry;
	const char *plugin_dir = session->config.plugin_dir;
	int status = 0;
	size_t i;

	if (access(plugin_dir, F_OK) || session_programmes(session)) {
		warning(msg(MSG_SCAFFOLD_UNCOMPARED), plugin_dir);
		return 0;
	}
	for (i = 0; i < registry->n_programmes; i++) {
		const struct programme *p = &registry->programmes[i];

		if (!strcmp(p->plugin->id, r->id)) {
			error(msg(MSG_SCAFFOLD_ID_LOADED), r->id, p->path);
			status = status ? status : EXIT_CANTCREAT;
		}
		if (!strcmp(p->plugin->receipt_prefix, r->prefix)) {
			error(msg(MSG_SCAFFOLD_PREFIX_LOADED), r->prefix,
			      p->plugin->id, p->path);
			status = status ? status : EXIT_DATAERR;
		}
	}
	return status;
}

/* ---- Where the files go -------------------------------------------- */

static int exists(const char *path)
{
	struct stat st;

	return !lstat(path, &st);
}

/* "tNNNN-" then the rest: NNNN, or -1. */
static int test_number(const char *name, const char **rest)
{
	int n = 0, i;

	if (name[0] != 't')
		return -1;
	for (i = 1; i <= 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		n = n * 10 + (name[i] - '0');
	}
	if (name[5] != '-')
		return -1;
	*rest = name + 6;
	return n;
}

/* Mark the numbers of dir's tests in used; 1 when one is ID's test
 * (*same set to its name), else 0; -1 when dir does not read. */
static int scan_tests(const char *dir, const char *id, char *used,
		      char **same)
{
	DIR *stream = opendir(dir);
	struct dirent *entry;
	char *mine = xstrfmt("%s.sh", id);
	const char *rest;
	int n;

	if (!stream) {
		free(mine);
		return -1;
	}
	while ((entry = readdir(stream))) {
		n = test_number(entry->d_name, &rest);
		if (n < 0)
			continue;
		used[n] = 1;
		if (!strcmp(rest, mine) && !*same)
			*same = xstrfmt("%s/%s", dir, entry->d_name);
	}
	closedir(stream);
	free(mine);
	return *same ? 1 : 0;
}

/* The first free t3N00, else the first free t3NNN; -1 when none. */
static int free_test_number(const char *used)
{
	int n;

	for (n = TEST_FIRST + 100; n <= TEST_LAST; n += 100)
		if (!used[n])
			return n;
	for (n = TEST_FIRST; n <= TEST_LAST; n++)
		if (!used[n])
			return n;
	return -1;
}

/* The e2e test's path in plan->test: 0, or an exit status after
 * printing. */
static int plan_e2e_test(struct plan *plan, const struct request *r)
{
	char *dir = xstrfmt("%s/tests/e2e", r->dir), *same = NULL;
	char used[10000] = { 0 };
	int n, status = 0;

	if (scan_tests(dir, r->id, used, &same)) {
		error(msg(MSG_SCAFFOLD_EXISTS), same ? same : dir);
		status = EXIT_CANTCREAT;
	} else if ((n = free_test_number(used)) < 0) {
		error(msg(MSG_SCAFFOLD_NO_TEST_NUMBER), dir);
		status = EXIT_CANTCREAT;
	} else {
		plan->test = xstrfmt("%s/t%04d-%s.sh", dir, n, r->id);
	}
	free(same);
	free(dir);
	return status;
}

static void plan_release(struct plan *plan)
{
	free(plan->plugins);
	free(plan->folder);
	free(plan->forms);
	free(plan->source);
	free(plan->form);
	free(plan->test);
}

/* Every path, none existing: 0, or an exit status after printing each
 * one that does. */
static int plan_paths(struct plan *plan, const struct request *r)
{
	char *lib = xstrfmt("%s/tests/e2e/lib.sh", r->dir);
	struct stat st;
	int status = 0;

	memset(plan, 0, sizeof(*plan));
	if (stat(r->dir, &st) || !S_ISDIR(st.st_mode)) {
		free(lib);
		error(msg(MSG_SCAFFOLD_NOT_DIR), r->dir);
		return EXIT_CANTCREAT;
	}
	plan->plugins = xstrfmt("%s/plugins", r->dir);
	plan->folder = xstrfmt("%s/%s", plan->plugins, r->id);
	plan->forms = xstrfmt("%s/forms", r->dir);
	plan->source = xstrfmt("%s/%s.c", plan->folder, r->id);
	plan->form = xstrfmt("%s/%s.ini", plan->forms, r->id);
	plan->e2e = exists(lib);
	free(lib);
	if (plan->e2e)
		status = plan_e2e_test(plan, r);
	else
		plan->test = xstrfmt("%s/test.sh", plan->folder);
	if (exists(plan->folder)) {
		error(msg(MSG_SCAFFOLD_EXISTS), plan->folder);
		status = EXIT_CANTCREAT;
	}
	if (exists(plan->form)) {
		error(msg(MSG_SCAFFOLD_EXISTS), plan->form);
		status = EXIT_CANTCREAT;
	}
	return status;
}

/* ---- The text ------------------------------------------------------ */

static int is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Does word stand at line[at] as a whole word?  "_" may follow when
 * suffix is allowed ("template_validate"). */
static int word_at(const char *line, size_t at, const char *word,
		   int suffix)
{
	size_t len = strlen(word);
	char next;

	if (strncmp(line + at, word, len))
		return 0;
	if (at && (is_word_char(line[at - 1]) || line[at - 1] == '_'))
		return 0;
	next = line[at + len];
	return !is_word_char(next) && (suffix || next != '_');
}

/* text as the body of a C string literal: \ " and ? escaped (no
 * trigraph can form). */
static void add_c_string(struct strbuf *out, const char *text)
{
	strbuf_addch(out, '"');
	for (; *text; text++) {
		if (*text == '\\' || *text == '"' || *text == '?')
			strbuf_addch(out, '\\');
		strbuf_addch(out, *text);
	}
	strbuf_addch(out, '"');
}

/* A C string literal the .c file's titles are: its length, or 0. */
static size_t title_at(const char *line, size_t at, const struct request *r,
		       struct strbuf *out)
{
	static const char *const literals[] = { "\"テンプレート事業\"",
						"\"Template programme\"" };
	const char *titles[] = { r->title_ja, r->title_en };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(literals); i++) {
		if (strncmp(line + at, literals[i], strlen(literals[i])))
			continue;
		add_c_string(out, titles[i]);
		return strlen(literals[i]);
	}
	return 0;
}

static void render_line(struct strbuf *out, const char *line,
			const struct request *r, int c_source)
{
	size_t at = 0, len;

	while (line[at]) {
		if (word_at(line, at, "template", 1)) {
			strbuf_addstr(out, r->id);
			at += strlen("template");
		} else if (word_at(line, at, "TPL", 0)) {
			strbuf_addstr(out, r->prefix);
			at += strlen("TPL");
		} else if (c_source && (len = title_at(line, at, r, out))) {
			at += len;
		} else {
			strbuf_addch(out, line[at++]);
		}
	}
}

/* A template's lines with the request's names; first (NULL: keep) as
 * the first line. */
static char *render(const char *const *lines, const struct request *r,
		    int c_source, const char *first)
{
	struct strbuf out = STRBUF_INIT;
	size_t i;

	for (i = 0; lines[i]; i++) {
		if (!i && first)
			strbuf_addstr(&out, first);
		else
			render_line(&out, lines[i], r, c_source);
	}
	return strbuf_detach(&out);
}

/* ---- Writing ------------------------------------------------------- */

/* What was created, removed again in reverse order on failure. */
struct created {
	char *paths[8];
	int is_dir[8];
	size_t n;
};

static void created_add(struct created *done, const char *path, int is_dir)
{
	if (done->n >= ARRAY_SIZE(done->paths))
		BUG("scaffold: too many paths");
	done->paths[done->n] = xstrdup(path);
	done->is_dir[done->n++] = is_dir;
}

static void created_release(struct created *done, int undo)
{
	while (done->n--) {
		if (undo && done->is_dir[done->n])
			rmdir(done->paths[done->n]);
		else if (undo)
			unlink(done->paths[done->n]);
		free(done->paths[done->n]);
	}
}

static int write_failure(const char *path, int err)
{
	error(msg(MSG_SCAFFOLD_CANNOT_WRITE), path, strerror(err));
	if (err == EEXIST)
		return EXIT_CANTCREAT;
	if (err == EACCES || err == EPERM || err == EROFS)
		return EXIT_NOPERM;
	return EXIT_IOERR;
}

/* mkdir, unless must is 0 and it is a directory already. */
static int make_dir(struct created *done, const char *path, int must)
{
	struct stat st;

	if (!must && !lstat(path, &st) && S_ISDIR(st.st_mode))
		return 0;
	if (mkdir(path, 0755))
		return write_failure(path, errno);
	created_add(done, path, 1);
	return 0;
}

/* Create path (never over anything, never through a symlink). */
static int write_file(struct created *done, const char *path,
		      const char *text)
{
	size_t len = strlen(text), off = 0;
	int fd, err = 0;
	ssize_t n;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
	if (fd < 0)
		return write_failure(path, errno);
	created_add(done, path, 0);
	while (off < len && !err) {
		n = write(fd, text + off, len - off);
		if (n < 0 && errno != EINTR)
			err = errno;
		else if (!n)
			err = EIO;
		else if (n > 0)
			off += (size_t)n;
	}
	if (close(fd) && !err)
		err = errno;
	return err ? write_failure(path, err) : 0;
}

static int write_all(const struct plan *plan, const struct request *r,
		     struct created *done)
{
	char *first_c = xstrfmt("/* The %s programme plugin, made from the "
				"template by intake plugin new. */\n", r->id);
	char *first_ini = xstrfmt("; Form of the %s programme (%s.c), made "
				  "from the template.\n", r->id, r->id);
	char *c = render(scaffold_template_c, r, 1, first_c);
	char *ini = render(scaffold_template_ini, r, 0, first_ini);
	char *test = render(plan->e2e ? scaffold_test_e2e_sh
				      : scaffold_test_sh, r, 0, NULL);
	int status;

	if (!(status = make_dir(done, plan->plugins, 0)) &&
	    !(status = make_dir(done, plan->folder, 1)) &&
	    !(status = make_dir(done, plan->forms, 0)) &&
	    !(status = write_file(done, plan->source, c)) &&
	    !(status = write_file(done, plan->form, ini)))
		status = write_file(done, plan->test, test);
	free(first_c);
	free(first_ini);
	free(c);
	free(ini);
	free(test);
	return status;
}

/* The files written and the next step. */
static void print_done(const struct plan *plan, const struct request *r)
{
	printf(msg(MSG_SCAFFOLD_WROTE), plan->source);
	printf(msg(MSG_SCAFFOLD_WROTE), plan->form);
	printf(msg(MSG_SCAFFOLD_WROTE), plan->test);
	if (plan->e2e)
		printf(msg(MSG_SCAFFOLD_NEXT_TREE), r->id, plan->test);
	else
		printf(msg(MSG_SCAFFOLD_NEXT_ALONE), r->id, plan->source,
		       plan->test, r->id);
}

/* ---- The command --------------------------------------------------- */

enum { OPT_TITLE = 1000, OPT_TITLE_EN, OPT_PREFIX, OPT_DIR };

static int parse_request(int argc, char **argv, struct request *r)
{
	static const struct option options[] = {
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "title-en", required_argument, NULL, OPT_TITLE_EN },
		{ "prefix", required_argument, NULL, OPT_PREFIX },
		{ "dir", required_argument, NULL, OPT_DIR },
		{ NULL, 0, NULL, 0 },
	};
	int option;

	while ((option = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (option) {
		case OPT_TITLE: r->title_ja = optarg; break;
		case OPT_TITLE_EN: r->title_en = optarg; break;
		case OPT_PREFIX: r->prefix = optarg; break;
		case OPT_DIR: r->dir = optarg; break;
		default: return option_error(argv);
		}
	}
	if (argc - optind != 1)
		return error(msg(MSG_CMD_USAGE), msg(MSG_SCAFFOLD_USAGE)),
		       EXIT_USAGE;
	r->id = argv[optind];
	if (!r->title_ja)
		return error("%s", msg(MSG_SCAFFOLD_NO_TITLE)), EXIT_USAGE;
	if (!r->prefix)
		return error("%s", msg(MSG_SCAFFOLD_NO_PREFIX)), EXIT_USAGE;
	if (!r->title_en)
		r->title_en = r->title_ja;
	return 0;
}

/* Check everything, then write everything or nothing. */
static int scaffold(struct session *session, const struct request *r,
		    struct plan *plan)
{
	struct created done = { .n = 0 };
	int status, taken;

	memset(plan, 0, sizeof(*plan));
	if ((status = check_values(r)))
		return status;
	taken = check_registry(session, r);
	status = plan_paths(plan, r);
	if (taken)
		status = taken;
	if (!status)
		status = write_all(plan, r, &done);
	created_release(&done, status != 0);
	return status;
}

int cmd_plugin_new(struct session *session, int argc, char **argv)
{
	struct request r = { NULL, NULL, NULL, NULL, "." };
	struct plan plan;
	int status;

	memset(&plan, 0, sizeof(plan));
	status = parse_request(argc, argv, &r);
	if (!status)
		status = scaffold(session, &r, &plan);
	if (status)
		error("%s", msg(MSG_SCAFFOLD_NOTHING_WRITTEN));
	else
		print_done(&plan, &r);
	plan_release(&plan);
	return status;
}
