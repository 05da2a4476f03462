/* Unit tests of core/model/config.c: the INI reader and intake.ini. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "messages.h"
#include "support.h"
#include "util.h"

/* ---- Fixtures: a temporary directory, files, captured stderr ------- */

static char *tmpdir;
static char fixtures[PATH_MAX]; /* tests/fixtures/config, absolute */
static char oldcwd[PATH_MAX];

/* Write text to name in the temporary directory; returns the path. */
static char *fixture(const char *name, const char *text)
{
	char *path = path_join(tmpdir, name);

	write_file(path, text);
	return path;
}

static int setup(void **state)
{
	tmpdir = scratch_make("test_config");
	if (!tmpdir || !getcwd(oldcwd, sizeof(oldcwd)))
		return -1;
	unsetenv("INTAKE_CONFIG");
	unsetenv("INTAKE_STAFF");
	msg_set_language(LANG_EN);
	return chdir(tmpdir);
}

static int teardown(void **state)
{
	int status = scratch_remove(tmpdir);

	free(tmpdir);
	tmpdir = NULL;
	if (chdir(oldcwd))
		return -1;
	return status;
}

/* Load text as an INI file; NULL and *errors set when refused. */
static struct ini *load_text(const char *text, char **errors)
{
	char *path = fixture("test.ini", text);
	struct ini *ini;

	capture_stderr();
	ini = ini_load(path);
	*errors = captured();
	free(path);
	return ini;
}

/* config_load of text written to intake.ini: status and stderr. */
static int load_config(struct config *config, const char *text, char **errors)
{
	char *path = fixture("conf.ini", text);
	int status;

	capture_stderr();
	status = config_load(config, path);
	*errors = captured();
	free(path);
	return status;
}

/* ---- The INI reader ------------------------------------------------ */

static void test_ini_sections_and_keys(void **state)
{
	const char *const *keys;
	char *errors;
	struct ini *ini = load_text("; comment\n"
				    "[Second]\n"
				    "Zeta = 1\n"
				    "alpha = two words ; comment\n"
				    "[first]\n"
				    "quoted = \" kept ; \"\n"
				    "empty =\n",
				    &errors);

	assert_non_null(ini);
	assert_string_equal(errors, "");
	assert_int_equal(ini_section_count(ini), 2);
	assert_string_equal(ini_section_name(ini, 0), "second");
	assert_string_equal(ini_section_name(ini, 1), "first");
	assert_null(ini_section_name(ini, 2));
	assert_int_equal(ini_section_keys(ini, "second", &keys), 2);
	assert_string_equal(keys[0], "zeta");
	assert_string_equal(keys[1], "alpha");
	assert_int_equal(ini_section_keys(ini, "first", &keys), 2);
	assert_string_equal(keys[0], "quoted");
	assert_string_equal(keys[1], "empty");
	assert_int_equal(ini_section_keys(ini, "none", &keys), 0);
	assert_string_equal(ini_get(ini, "second", "alpha"), "two words");
	assert_string_equal(ini_get(ini, "first", "quoted"), " kept ; ");
	assert_string_equal(ini_get(ini, "first", "empty"), "");
	assert_null(ini_get(ini, "first", "zeta"));
	assert_null(ini_get(ini, "nowhere", "zeta"));
	assert_true(strstr(ini_path(ini), "test.ini") != NULL);
	ini_free(ini);
	free(errors);
}

/* Asking for a section as if it were a key never yields a value. */
static void test_ini_section_is_not_a_value(void **state)
{
	char *errors;
	struct ini *ini =
	    load_text("[intake]\nstaff = a\n[targets]\n", &errors);

	assert_non_null(ini);
	assert_null(ini_get(ini, "intake", ""));
	assert_null(ini_get(ini, "", "intake"));
	assert_null(ini_get(ini, NULL, "intake"));
	assert_null(ini_get(ini, "intake", NULL));
	ini_free(ini);
	free(errors);
}

static void test_ini_section_with_colon(void **state)
{
	char *errors;
	struct ini *ini = load_text("[intake]\ndatabase = x.db\n"
				    "[intake:database]\n",
				    &errors);

	assert_null(ini);
	assert_contains(errors, "test.ini: [intake:database]: "
				"a section name may not contain ':'");
	free(errors);
}

static void test_ini_key_outside_section(void **state)
{
	char *errors;
	struct ini *ini = load_text("top = 1\n[a]\nk = v\n", &errors);

	assert_null(ini);
	assert_contains(errors, "test.ini: key 'top' is outside any section");
	free(errors);
}

static void test_ini_syntax_error(void **state)
{
	char *errors;
	struct ini *ini = load_text("[a]\nk = v\nthis is bad\n", &errors);

	assert_null(ini);
	assert_contains(errors, "intake: ");
	assert_contains(errors, "test.ini: line 3: cannot read "
				"(given 'this is bad', expected [section] or "
				"key = value)");
	assert_null(strstr(errors, "iniparser"));
	free(errors);
}

static void test_ini_long_line(void **state)
{
	struct strbuf text = STRBUF_INIT;
	char *errors;
	struct ini *ini;

	strbuf_addstr(&text, "[a]\nk = ");
	for (int i = 0; i < 1100; i++)
		strbuf_addch(&text, 'x');
	strbuf_addch(&text, '\n');
	ini = load_text(strbuf_str(&text), &errors);
	assert_null(ini);
	assert_contains(errors, "test.ini: line 2: line too long");
	strbuf_release(&text);
	free(errors);
}

static void test_ini_repeated_section(void **state)
{
	char *errors;
	struct ini *ini =
	    load_text("[a]\nk = 1\n[b]\nj = 2\n[A]\nm = 3\n", &errors);

	assert_null(ini);
	assert_contains(errors, "test.ini: [a]: appears again on line 5 "
				"(first on line 1)");
	free(errors);
}

static void test_ini_repeated_key(void **state)
{
	char *errors;
	struct ini *ini = load_text("[a]\nk = 1\nother = x\nK = 2\n", &errors);

	assert_null(ini);
	assert_contains(errors, "test.ini: [a] k: appears again on line 4 "
				"(first on line 2)");
	free(errors);
}

/* Each repeat names the first line, in the order of the file; a key
 * of the same name in another section is no repeat. */
static void test_ini_repeated_thrice(void **state)
{
	char *errors;
	struct ini *ini = load_text("[b]\nk = 1\n[a]\nk = 1\nk = 2\nK = 3\n",
				    &errors);

	assert_null(ini);
	assert_non_null(strstr(errors, "[a] k: appears again on line 5 "
				       "(first on line 4)"));
	assert_non_null(strstr(strstr(errors, "line 5"),
			       "[a] k: appears again on line 6 "
			       "(first on line 4)"));
	assert_null(strstr(errors, "[b] k"));
	free(errors);
}

/* A continued line is one line: its tail is not a key of its own. */
static void test_ini_continuation(void **state)
{
	char *errors;
	struct ini *ini =
	    load_text("[a]\nk = one \\\n  k = two\nj = 3\n", &errors);

	assert_non_null(ini);
	assert_string_equal(errors, "");
	assert_string_equal(ini_get(ini, "a", "k"), "one   k = two");
	assert_string_equal(ini_get(ini, "a", "j"), "3");
	ini_free(ini);
	free(errors);
}

static void test_ini_bom(void **state)
{
	char *errors;
	struct ini *ini = load_text("\xef\xbb\xbf[a]\nk = v\n", &errors);

	assert_null(ini);
	assert_contains(errors, "test.ini: the file starts with a byte order "
				"mark");
	free(errors);
}

static void test_ini_missing_file(void **state)
{
	struct ini *ini;
	char *errors;

	capture_stderr();
	ini = ini_load("/nonexistent/intake.ini");
	errors = captured();
	assert_null(ini);
	assert_contains(errors, "intake: /nonexistent/intake.ini: cannot open "
				"(");
	free(errors);
}

static void test_ini_get_long(void **state)
{
	static const char *const bad[] = {
	    "12x", "0x10", "", "1.5", "- 1", "99999999999999999999", "-", "一"};
	char *errors;
	long long value;
	struct ini *ini = load_text("[n]\nplain = 42\nneg = -7\nzero = 007\n"
				    "b0 = 12x\nb1 = 0x10\nb2 =\nb3 = 1.5\n"
				    "b4 = - 1\nb5 = 99999999999999999999\n"
				    "b6 = -\nb7 = 一\n",
				    &errors);

	assert_non_null(ini);
	assert_int_equal(ini_get_long(ini, "n", "plain", 0, &value), 0);
	assert_int_equal(value, 42);
	assert_int_equal(ini_get_long(ini, "n", "neg", 0, &value), 0);
	assert_int_equal(value, -7);
	assert_int_equal(ini_get_long(ini, "n", "zero", 0, &value), 0);
	assert_int_equal(value, 7);
	assert_int_equal(ini_get_long(ini, "n", "absent", 99, &value), 0);
	assert_int_equal(value, 99);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char key[8], *expect;

		snprintf(key, sizeof(key), "b%zu", i);
		free(errors);
		capture_stderr();
		assert_int_equal(ini_get_long(ini, "n", key, 5, &value), -1);
		errors = captured();
		expect = xstrfmt("test.ini: [n] %s: not a whole number "
				 "(given '%s', expected digits",
				 key, bad[i]);
		assert_contains(errors, expect);
		free(expect);
	}
	ini_free(ini);
	free(errors);
}

static void test_ini_get_bool(void **state)
{
	static const char *const yes[] = {"yes", "true", "1", "on", "YES"};
	static const char *const no[] = {"no", "false", "0", "off", "Off"};
	static const char *const bad[] = {"y", "n", "2", "", "yess", "はい"};
	struct strbuf text = STRBUF_INIT;
	char key[8], *errors;
	int value;
	struct ini *ini;

	strbuf_addstr(&text, "[b]\n");
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		strbuf_addf(&text, "y%zu = %s\nn%zu = %s\n", i, yes[i], i,
			    no[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		strbuf_addf(&text, "x%zu = %s\n", i, bad[i]);
	ini = load_text(strbuf_str(&text), &errors);
	assert_non_null(ini);
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		snprintf(key, sizeof(key), "y%zu", i);
		assert_int_equal(ini_get_bool(ini, "b", key, 0, &value), 0);
		assert_int_equal(value, 1);
		snprintf(key, sizeof(key), "n%zu", i);
		assert_int_equal(ini_get_bool(ini, "b", key, 1, &value), 0);
		assert_int_equal(value, 0);
	}
	assert_int_equal(ini_get_bool(ini, "b", "absent", 1, &value), 0);
	assert_int_equal(value, 1);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char *expect;

		snprintf(key, sizeof(key), "x%zu", i);
		free(errors);
		capture_stderr();
		assert_int_equal(ini_get_bool(ini, "b", key, 0, &value), -1);
		errors = captured();
		expect = xstrfmt("[b] %s: not a yes/no value (given '%s', "
				 "expected yes/no",
				 key, bad[i]);
		assert_contains(errors, expect);
		free(expect);
	}
	ini_free(ini);
	strbuf_release(&text);
	free(errors);
}

static void test_ini_error_format(void **state)
{
	char *errors;
	struct ini *ini = load_text("[a]\n", &errors);

	free(errors);
	capture_stderr();
	assert_int_equal(ini_error(ini, "a", "k", "bad %d", 7), -1);
	assert_int_equal(ini_error(ini, "a", NULL, "bad section"), -1);
	assert_int_equal(ini_error(ini, NULL, NULL, "bad file"), -1);
	errors = captured();
	assert_contains(errors, "intake: ");
	assert_contains(errors, "test.ini: [a] k: bad 7\n");
	assert_contains(errors, "test.ini: [a]: bad section\n");
	assert_contains(errors, "test.ini: bad file\n");
	ini_free(ini);
	free(errors);
}

/* ---- intake.ini ---------------------------------------------------- */

static const char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());

	return pw && pw->pw_name ? pw->pw_name : "unknown";
}

static void test_config_defaults(void **state)
{
	struct config config;

	assert_int_equal(config_load(&config, NULL), 0);
	assert_null(config.path);
	assert_string_equal(config.database, "intake.db");
	assert_int_equal(config.language, LANG_JA);
	assert_string_equal(config.office, "");
	assert_string_equal(config.staff, login_name());
	assert_non_null(config.plugin_dir);
	assert_non_null(config.form_dir);
	assert_int_equal(config.n_targets, 0);
	assert_null(config.serve.listen);
	assert_null(config.serve.tls_cert);
	assert_null(config.serve.tls_key);
	assert_int_equal(config.serve.session_minutes, 30);
	assert_int_equal(config.serve.lock_after, 5);
	assert_int_equal(config.serve.lock_minutes, 15);
	config_release(&config);

	setenv("INTAKE_STAFF", "鈴木", 1);
	assert_int_equal(config_load(&config, NULL), 0);
	assert_string_equal(config.staff, "鈴木");
	config_release(&config);
}

static void test_config_full(void **state)
{
	struct config config;
	char *errors;
	int status = load_config(&config,
				 "[intake]\n"
				 "database = /var/lib/intake/intake.db\n"
				 "plugin_dir = /opt/intake/plugins\n"
				 "form_dir = /opt/intake/forms\n"
				 "language = en\n"
				 "office = 本庁 移住相談窓口\n"
				 "staff = yamada\n",
				 &errors);

	assert_int_equal(status, 0);
	assert_string_equal(errors, "");
	assert_non_null(strstr(config.path, "conf.ini"));
	assert_string_equal(config.database, "/var/lib/intake/intake.db");
	assert_string_equal(config.plugin_dir, "/opt/intake/plugins");
	assert_string_equal(config.form_dir, "/opt/intake/forms");
	assert_int_equal(config.language, LANG_EN);
	assert_string_equal(config.office, "本庁 移住相談窓口");
	assert_string_equal(config.staff, "yamada");
	config_release(&config);
	free(errors);
}

/* $INTAKE_STAFF (the person at the counter) beats the shared file. */
static void test_config_staff_env_overrides_file(void **state)
{
	struct config config;
	char *errors;

	setenv("INTAKE_STAFF", "sato", 1);
	assert_int_equal(
	    load_config(&config, "[intake]\nstaff = yamada\n", &errors), 0);
	assert_string_equal(config.staff, "sato");
	config_release(&config);
	free(errors);

	unsetenv("INTAKE_STAFF");
	assert_int_equal(load_config(&config, "[intake]\n", &errors), 0);
	assert_string_equal(config.staff, login_name());
	config_release(&config);
	free(errors);
}

static void test_config_relative_paths(void **state)
{
	struct config config;
	char *dir = path_join(tmpdir, "site/conf"), *path, *expect;
	char *command = xstrfmt("mkdir -p '%s'", dir);

	assert_int_equal(system(command), 0);
	path = xstrfmt("%s/intake.ini", dir);
	write_file(path, "[intake]\n"
			 "database = data/intake.db\n"
			 "plugin_dir = /abs/plugins\n"
			 "form_dir = ../forms\n");
	assert_int_equal(config_load(&config, path), 0);
	expect = xstrfmt("%s/data/intake.db", dir);
	assert_string_equal(config.database, expect);
	free(expect);
	assert_string_equal(config.plugin_dir, "/abs/plugins");
	expect = xstrfmt("%s/../forms", dir);
	assert_string_equal(config.form_dir, expect);
	free(expect);
	config_release(&config);

	/* No database key: intake.db beside the file. */
	write_file(path, "[intake]\noffice = x\n");
	assert_int_equal(config_load(&config, path), 0);
	expect = xstrfmt("%s/intake.db", dir);
	assert_string_equal(config.database, expect);
	free(expect);
	config_release(&config);

	/* A PostgreSQL URI is no path: kept as written. */
	write_file(path, "[intake]\ndatabase = postgresql:///intake"
			 "?host=/run/postgresql\n");
	assert_int_equal(config_load(&config, path), 0);
	assert_string_equal(config.database,
			    "postgresql:///intake?host=/run/postgresql");
	config_release(&config);
	write_file(path, "[intake]\ndatabase = postgres://db.example/x\n");
	assert_int_equal(config_load(&config, path), 0);
	assert_string_equal(config.database, "postgres://db.example/x");
	config_release(&config);

	/* Relative -c path: relative to where the file is. */
	write_file(path, "[intake]\ndatabase = x.db\n");
	assert_int_equal(config_load(&config, "site/conf/intake.ini"), 0);
	assert_string_equal(config.database, "site/conf/x.db");
	config_release(&config);
	free(command);
	free(path);
	free(dir);
}

/* Omitted plugin_dir and form_dir get the built-in defaults. */
static void test_config_file_keeps_default_dirs(void **state)
{
	struct config defaults, config;
	char *errors;

	assert_int_equal(config_load(&defaults, NULL), 0);
	assert_int_equal(
	    load_config(&config, "[intake]\nlanguage = ja\n", &errors), 0);
	assert_string_equal(config.plugin_dir, defaults.plugin_dir);
	assert_string_equal(config.form_dir, defaults.form_dir);
	config_release(&config);
	config_release(&defaults);
	free(errors);
}

static void test_config_precedence(void **state)
{
	struct config config;
	char *explicit_path = fixture("explicit.ini", "[intake]\noffice = c\n");
	char *env_path = fixture("env.ini", "[intake]\noffice = env\n");
	char *local = fixture("intake.ini", "[intake]\noffice = local\n");

	setenv("INTAKE_CONFIG", env_path, 1);
	assert_int_equal(config_load(&config, explicit_path), 0);
	assert_string_equal(config.office, "c");
	assert_string_equal(config.path, explicit_path);
	config_release(&config);

	assert_int_equal(config_load(&config, NULL), 0);
	assert_string_equal(config.office, "env");
	assert_string_equal(config.path, env_path);
	config_release(&config);

	setenv("INTAKE_CONFIG", "", 1); /* empty: as if unset */
	assert_int_equal(config_load(&config, NULL), 0);
	assert_string_equal(config.office, "local");
	assert_string_equal(config.path, "./intake.ini");
	assert_string_equal(config.database, "intake.db");
	config_release(&config);

	unsetenv("INTAKE_CONFIG");
	unlink(local);
	assert_int_equal(config_load(&config, NULL), 0);
	assert_null(config.path);
	assert_string_equal(config.office, "");
	config_release(&config);
	free(explicit_path);
	free(env_path);
	free(local);
}

static void test_config_missing_named_file(void **state)
{
	struct config config;
	char *errors;
	int status;

	capture_stderr();
	status = config_load(&config, "/nonexistent/a.ini");
	errors = captured();
	assert_int_equal(status, EXIT_CONFIG);
	assert_contains(errors, "intake: /nonexistent/a.ini: cannot open the "
				"file named by -c (");
	free(errors);

	setenv("INTAKE_CONFIG", "/nonexistent/b.ini", 1);
	capture_stderr();
	status = config_load(&config, NULL);
	errors = captured();
	assert_int_equal(status, EXIT_CONFIG);
	assert_contains(errors, "intake: /nonexistent/b.ini: cannot open the "
				"file named by $INTAKE_CONFIG (");
	free(errors);
}

/* A broken ./intake.ini is an error, not a reason to use defaults. */
static void test_config_broken_local_file(void **state)
{
	struct config config;
	char *local = fixture("intake.ini", "[intake]\nlanguage = fr\n");
	char *errors;
	int status;

	capture_stderr();
	status = config_load(&config, NULL);
	errors = captured();
	assert_int_equal(status, EXIT_CONFIG);
	assert_contains(errors, "./intake.ini: [intake] language: unknown "
				"language (given 'fr', expected ja or en)");
	free(errors);
	free(local);
}

struct refusal {
	const char *text;
	const char *message;
};

static void test_config_refusals(void **state)
{
	static const struct refusal refusals[] = {
	    {"[intake]\n[printer]\nname = x\n",
	     "conf.ini: [printer]: unknown section (expected [intake], "
	     "[targets] or [serve])"},
	    {"[intake]\ndatbase = x.db\n",
	     "conf.ini: [intake] datbase: unknown key (given 'datbase', "
	     "expected one of database, plugin_dir, form_dir, language, "
	     "office, staff)"},
	    {"[intake]\nintake = x\n",
	     "conf.ini: [intake] intake: unknown key (given 'intake'"},
	    {"[intake]\nlanguage = EN\n",
	     "conf.ini: [intake] language: unknown language (given 'EN', "
	     "expected ja or en)"},
	    {"[intake]\nlanguage =\n",
	     "conf.ini: [intake] language: unknown language (given ''"},
	    {"[intake]\ndatabase =\n",
	     "conf.ini: [intake] database: empty path (given '', "
	     "expected a file or directory name)"},
	    {"[intake]\nform_dir = \"\"\n",
	     "conf.ini: [intake] form_dir: empty path"},
	    {"[intake]\nstaff =\n",
	     "conf.ini: [intake] staff: empty staff name"},
	    {"[targets]\nuij_turn.employed = 5\n",
	     "conf.ini: [targets] uij_turn.employed: not a target name "
	     "(given 'uij_turn.employed', expected "
	     "programme.outcome.year"},
	    {"[targets]\nuij_turn.employed.2026.x = 5\n",
	     "[targets] uij_turn.employed.2026.x: not a target name"},
	    {"[targets]\nuij_turn.employed.26 = 5\n",
	     "[targets] uij_turn.employed.26: not a target name"},
	    {"[targets]\nuij_turn.employed.r8xx = 5\n",
	     "[targets] uij_turn.employed.r8xx: not a target name"},
	    {"[targets]\n.employed.2026 = 5\n",
	     "[targets] .employed.2026: not a target name"},
	    {"[targets]\nuij-turn.employed.2026 = 5\n",
	     "[targets] uij-turn.employed.2026: not a target name"},
	    {"[targets]\nuij_turn.employed.2026 = -1\n",
	     "conf.ini: [targets] uij_turn.employed.2026: negative target "
	     "(given '-1', expected 0 or more)"},
	    {"[targets]\nuij_turn.employed.2026 = 120件\n",
	     "conf.ini: [targets] uij_turn.employed.2026: not a whole "
	     "number (given '120件'"},
	    {"[targets]\nuij_turn.employed.2026 =\n",
	     "[targets] uij_turn.employed.2026: not a whole number "
	     "(given ''"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(refusals); i++) {
		struct config config;
		char *errors;
		int status = load_config(&config, refusals[i].text, &errors);

		if (status != EXIT_CONFIG)
			fail_msg("accepted:\n%s", refusals[i].text);
		assert_contains(errors, "intake: ");
		assert_contains(errors, refusals[i].message);
		free(errors);
	}
}

/* [serve]: the address, TLS files beside the file, sessions, lockout. */
static void test_config_serve(void **state)
{
	struct config config;
	char *errors;

	assert_int_equal(load_config(&config,
				     "[serve]\n"
				     "listen = 0.0.0.0:8443\n"
				     "tls_cert = tls/cert.pem\n"
				     "tls_key = /etc/intake/key.pem\n"
				     "session_minutes = 10\n"
				     "lock_after = 2\n"
				     "lock_minutes = 60\n",
				     &errors),
			 0);
	assert_string_equal(errors, "");
	assert_string_equal(config.serve.listen, "0.0.0.0:8443");
	assert_non_null(strstr(config.serve.tls_cert, "/tls/cert.pem"));
	assert_true(strncmp(config.serve.tls_cert, tmpdir, strlen(tmpdir)) ==
		    0);
	assert_string_equal(config.serve.tls_key, "/etc/intake/key.pem");
	assert_int_equal(config.serve.session_minutes, 10);
	assert_int_equal(config.serve.lock_after, 2);
	assert_int_equal(config.serve.lock_minutes, 60);
	config_release(&config);
	free(errors);

	/* An empty section keeps every default. */
	assert_int_equal(load_config(&config, "[serve]\n", &errors), 0);
	assert_null(config.serve.listen);
	assert_null(config.serve.tls_cert);
	assert_int_equal(config.serve.session_minutes, 30);
	assert_int_equal(config.serve.lock_after, 5);
	assert_int_equal(config.serve.lock_minutes, 15);
	config_release(&config);
	free(errors);
}

static void test_config_serve_refusals(void **state)
{
	static const struct refusal refusals[] = {
	    {"[serve]\nport = 8080\n",
	     "conf.ini: [serve] port: unknown key (given 'port', expected "
	     "one of listen, tls_cert, tls_key, session_minutes, lock_after, "
	     "lock_minutes)"},
	    {"[serve]\nlisten =\n",
	     "conf.ini: [serve] listen: empty address (given '', expected "
	     "ADDR:PORT"},
	    {"[serve]\ntls_cert = cert.pem\n",
	     "conf.ini: [serve] tls_cert: given without tls_key (TLS needs "
	     "both"},
	    {"[serve]\ntls_key = key.pem\n",
	     "conf.ini: [serve] tls_key: given without tls_cert"},
	    {"[serve]\ntls_cert =\ntls_key = key.pem\n",
	     "conf.ini: [serve] tls_cert: empty path"},
	    {"[serve]\nsession_minutes = 0\n",
	     "conf.ini: [serve] session_minutes: out of range (given '0', "
	     "expected a whole number from 1 to 1440)"},
	    {"[serve]\nsession_minutes = 1441\n",
	     "[serve] session_minutes: out of range (given '1441'"},
	    {"[serve]\nsession_minutes = 30分\n",
	     "conf.ini: [serve] session_minutes: not a whole number "
	     "(given '30分'"},
	    {"[serve]\nlock_after = 0\n",
	     "conf.ini: [serve] lock_after: out of range (given '0', expected "
	     "a whole number from 1 to 100)"},
	    {"[serve]\nlock_after = -5\n",
	     "[serve] lock_after: out of range (given '-5'"},
	    {"[serve]\nlock_minutes = 99999999999999999999\n",
	     "[serve] lock_minutes: not a whole number"},
	    {"[serve]\nlock_minutes = 1441\n",
	     "[serve] lock_minutes: out of range (given '1441', expected a "
	     "whole number from 1 to 1440)"},
	};

	for (size_t i = 0; i < ARRAY_SIZE(refusals); i++) {
		struct config config;
		char *errors;
		int status = load_config(&config, refusals[i].text, &errors);

		if (status != EXIT_CONFIG)
			fail_msg("accepted:\n%s", refusals[i].text);
		assert_contains(errors, "intake: ");
		assert_contains(errors, refusals[i].message);
		free(errors);
	}
}

/* Every problem in the file is reported, not just the first. */
static void test_config_reports_every_problem(void **state)
{
	struct config config;
	char *errors;

	assert_int_equal(load_config(&config,
				     "[intake]\nlanguage = fr\nbogus = 1\n"
				     "[targets]\na.b = 1\n[extra]\n",
				     &errors),
			 EXIT_CONFIG);
	assert_contains(errors, "[intake] language:");
	assert_contains(errors, "[intake] bogus:");
	assert_contains(errors, "[targets] a.b:");
	assert_contains(errors, "[extra]:");
	free(errors);

	assert_int_equal(load_config(&config,
				     "[serve]\nlisten =\ntls_key = k.pem\n"
				     "lock_after = 0\nsession_minutes = x\n",
				     &errors),
			 EXIT_CONFIG);
	assert_contains(errors, "[serve] listen:");
	assert_contains(errors, "[serve] tls_key:");
	assert_contains(errors, "[serve] lock_after:");
	assert_contains(errors, "[serve] session_minutes:");
	free(errors);
}

static void test_config_japanese_messages(void **state)
{
	struct config config;
	char *errors;

	msg_set_language(LANG_JA);
	assert_int_equal(
	    load_config(&config, "[intake]\nlanguage = fr\n", &errors),
	    EXIT_CONFIG);
	assert_contains(errors, "conf.ini: [intake] language: 不明な言語です"
				"（'fr' が指定されました");
	free(errors);
	msg_set_language(LANG_EN);
}

static void test_config_targets(void **state)
{
	struct config config;
	long long count = -5;
	char *errors;

	assert_int_equal(load_config(&config,
				     "[targets]\n"
				     "uij_turn.employed.2026 = 120\n"
				     "uij_turn.employed.2027 = 130\n"
				     "UIJ_TURN.Relocated.2026 = 0\n"
				     "kigyo_shien.founded.2026 = 15\n",
				     &errors),
			 0);
	assert_string_equal(errors, "");
	assert_int_equal(config.n_targets, 4);
	assert_int_equal(
	    config_target(&config, "uij_turn", "employed", 2026, &count), 0);
	assert_int_equal(count, 120);
	assert_int_equal(
	    config_target(&config, "uij_turn", "employed", 2027, &count), 0);
	assert_int_equal(count, 130);
	assert_int_equal(
	    config_target(&config, "uij_turn", "relocated", 2026, &count), 0);
	assert_int_equal(count, 0);
	assert_int_equal(
	    config_target(&config, "kigyo_shien", "founded", 2026, &count), 0);
	assert_int_equal(count, 15);
	count = -5;
	assert_int_equal(
	    config_target(&config, "uij_turn", "employed", 2025, &count), -1);
	assert_int_equal(
	    config_target(&config, "uij_turn", "founded", 2026, &count), -1);
	assert_int_equal(
	    config_target(&config, "jigyo_shokei", "employed", 2026, &count),
	    -1);
	assert_int_equal(count, -5);
	config_release(&config);
	free(errors);
}

/* The examples in the default file are valid once uncommented. */
static void test_config_default_examples(void **state)
{
	struct config config;
	struct strbuf text = STRBUF_INIT;
	char *path = path_join(tmpdir, "examples.ini"), *written;
	long long count;

	assert_int_equal(config_write_default(path), 0);
	written = slurp(path);
	for (char *at = written; *at;) {
		char *end = strchr(at, '\n');
		size_t len = end ? (size_t)(end - at) : strlen(at);
		/* ";key = value" is an example, "; text" a comment */
		int example = at[0] == ';' && at[1] != ' ' &&
			      memchr(at, '=', len) != NULL;

		strbuf_add(&text, at + example, len - example);
		strbuf_addch(&text, '\n');
		at += len + (end != NULL);
	}
	unlink(path);
	write_file(path, strbuf_str(&text));
	assert_int_equal(config_load(&config, path), 0);
	assert_string_equal(config.staff, "yamada");
	assert_string_equal(config.form_dir, "/usr/local/share/intake/forms");
	assert_string_equal(config.serve.listen, "127.0.0.1:8080");
	assert_string_equal(config.serve.tls_cert, "/etc/intake/tls/cert.pem");
	assert_string_equal(config.serve.tls_key, "/etc/intake/tls/key.pem");
	assert_int_equal(config.serve.session_minutes, 30);
	assert_int_equal(config.serve.lock_after, 5);
	assert_int_equal(config.serve.lock_minutes, 15);
	assert_int_equal(
	    config_target(&config, "uij_turn", "employed", 2026, &count), 0);
	assert_int_equal(count, 120);
	config_release(&config);
	strbuf_release(&text);
	free(written);
	free(path);
}

static void test_config_write_default(void **state)
{
	struct config config;
	char *path = path_join(tmpdir, "new.ini"), *before, *after, *errors;

	assert_int_equal(config_write_default(path), 0);
	before = slurp(path);
	assert_contains(before, "[intake]");
	assert_contains(before, "INTAKE_STAFF");
	assert_int_equal(config_load(&config, path), 0);
	assert_int_equal(config.language, LANG_JA);
	assert_int_equal(config.n_targets, 0);
	config_release(&config);

	capture_stderr();
	assert_int_equal(config_write_default(path), -1);
	errors = captured();
	assert_contains(errors, "new.ini: already exists; not overwritten");
	after = slurp(path);
	assert_string_equal(before, after);

	free(errors);
	capture_stderr();
	assert_int_equal(config_write_default("/nonexistent/x.ini"), -1);
	errors = captured();
	assert_contains(errors, "/nonexistent/x.ini: cannot write (");
	free(errors);
	free(before);
	free(after);
	free(path);
}

/* The checked-in example, read from wherever the test runs. */
static void test_config_fixture(void **state)
{
	struct config config;
	char *path = xstrfmt("%s/intake.ini", fixtures), *expect;
	long long count;

	assert_int_equal(config_load(&config, path), 0);
	expect = xstrfmt("%s/data/intake.db", fixtures);
	assert_string_equal(config.database, expect);
	free(expect);
	expect = xstrfmt("%s/../forms", fixtures);
	assert_string_equal(config.form_dir, expect);
	free(expect);
	assert_string_equal(config.plugin_dir, "/usr/lib/intake/plugins");
	assert_int_equal(config.language, LANG_EN);
	assert_string_equal(config.office, "本庁 移住・定住相談窓口");
	assert_string_equal(config.staff, "yamada");
	assert_int_equal(config.n_targets, 4);
	assert_int_equal(
	    config_target(&config, "jigyo_shokei", "completed", 2026, &count),
	    0);
	assert_int_equal(count, 12);
	assert_int_equal(
	    config_target(&config, "kigyo_shien", "founded", 2026, &count), 0);
	assert_int_equal(count, 0);
	config_release(&config);
	free(path);
}

/* ---- Default directories, seen from a copied executable ------------ */

static void copy_self(const char *to)
{
	struct strbuf image = STRBUF_INIT;
	char chunk[65536];
	ssize_t got;
	int in = open("/proc/self/exe", O_RDONLY), out;

	assert_true(in >= 0);
	while ((got = read(in, chunk, sizeof(chunk))) > 0)
		strbuf_add(&image, chunk, (size_t)got);
	close(in);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	assert_true(out >= 0);
	assert_int_equal(write(out, image.buf, image.len), (ssize_t)image.len);
	close(out);
	strbuf_release(&image);
}

/* Run exe in "print the default directories" mode; its stdout. */
static char *run_printing_dirs(const char *exe)
{
	char *out = path_join(tmpdir, ".stdout"), *text;
	pid_t pid = fork();
	int status;

	assert_true(pid >= 0);
	if (!pid) {
		int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(fd, 1);
		setenv("TEST_CONFIG_PRINT_DIRS", "1", 1);
		execl(exe, exe, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	text = slurp(out);
	free(out);
	return text;
}

static void test_config_default_dirs(void **state)
{
	char real[PATH_MAX], *command, *exe, *text, *expect;

	assert_non_null(realpath(tmpdir, real));
	command =
	    xstrfmt("mkdir -p '%s/src/build/plugins' '%s/usr/bin'", real, real);
	assert_int_equal(system(command), 0);
	free(command);

	/* Source tree: build/intake, build/plugins, build/forms. */
	exe = xstrfmt("%s/src/build/intake", real);
	copy_self(exe);
	text = run_printing_dirs(exe);
	expect = xstrfmt("%s/src/build/plugins\n%s/src/build/forms\n", real,
			 real);
	assert_string_equal(text, expect);
	free(expect);
	free(text);
	free(exe);

	/* Installed: PREFIX/bin/intake. */
	exe = xstrfmt("%s/usr/bin/intake", real);
	copy_self(exe);
	text = run_printing_dirs(exe);
	expect = xstrfmt("%s/usr/lib/intake/plugins\n"
			 "%s/usr/share/intake/forms\n",
			 real, real);
	assert_string_equal(text, expect);
	free(expect);
	free(text);
	free(exe);
}

static int print_dirs(void)
{
	struct config config;

	unsetenv("INTAKE_CONFIG");
	if (chdir("/") || config_load(&config, NULL))
		return 1;
	printf("%s\n%s\n", config.plugin_dir, config.form_dir);
	config_release(&config);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	    TEST(test_ini_sections_and_keys),
	    TEST(test_ini_section_is_not_a_value),
	    TEST(test_ini_section_with_colon),
	    TEST(test_ini_key_outside_section),
	    TEST(test_ini_syntax_error),
	    TEST(test_ini_long_line),
	    TEST(test_ini_repeated_section),
	    TEST(test_ini_repeated_key),
	    TEST(test_ini_repeated_thrice),
	    TEST(test_ini_continuation),
	    TEST(test_ini_bom),
	    TEST(test_ini_missing_file),
	    TEST(test_ini_get_long),
	    TEST(test_ini_get_bool),
	    TEST(test_ini_error_format),
	    TEST(test_config_defaults),
	    TEST(test_config_full),
	    TEST(test_config_staff_env_overrides_file),
	    TEST(test_config_relative_paths),
	    TEST(test_config_file_keeps_default_dirs),
	    TEST(test_config_precedence),
	    TEST(test_config_missing_named_file),
	    TEST(test_config_broken_local_file),
	    TEST(test_config_refusals),
	    TEST(test_config_serve),
	    TEST(test_config_serve_refusals),
	    TEST(test_config_reports_every_problem),
	    TEST(test_config_japanese_messages),
	    TEST(test_config_targets),
	    TEST(test_config_write_default),
	    TEST(test_config_default_examples),
	    TEST(test_config_fixture),
	    TEST(test_config_default_dirs),
#undef TEST
	};

	if (getenv("TEST_CONFIG_PRINT_DIRS"))
		return print_dirs();
	/* Run from the top of the source tree, as make does. */
	if (!realpath("tests/fixtures/config", fixtures)) {
		perror("tests/fixtures/config");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
