/* Helpers shared by the unit tests: see support.h. */
#include "support.h"

#include <stdlib.h>
#include <unistd.h>

#include "util.h"

char *scratch_make(const char *name)
{
	char *dir = xstrfmt("/tmp/%s.XXXXXX", name);

	if (!mkdtemp(dir)) {
		free(dir);
		return NULL;
	}
	return dir;
}

int scratch_remove(const char *dir)
{
	char *command = xstrfmt("rm -rf '%s'", dir);
	int status = system(command);

	free(command);
	return status;
}

char *path_join(const char *dir, const char *name)
{
	return xstrfmt("%s/%s", dir, name);
}

void write_file(const char *path, const char *text)
{
	FILE *file = fopen(path, "w");

	assert_non_null(file);
	fputs(text, file);
	assert_int_equal(fclose(file), 0);
}

static char *read_all(FILE *file)
{
	struct strbuf text = STRBUF_INIT;
	char chunk[4096];
	size_t got;

	while ((got = fread(chunk, 1, sizeof(chunk), file)) > 0)
		strbuf_add(&text, chunk, got);
	return strbuf_detach(&text);
}

char *slurp(const char *path)
{
	FILE *file = fopen(path, "r");
	char *text;

	assert_non_null(file);
	text = read_all(file);
	fclose(file);
	return text;
}

static FILE *capture_file;
static int saved_stderr = -1;

void capture_stderr(void)
{
	fflush(stderr);
	capture_file = tmpfile();
	assert_non_null(capture_file);
	saved_stderr = dup(2);
	assert_true(saved_stderr >= 0);
	assert_true(dup2(fileno(capture_file), 2) >= 0);
}

char *captured(void)
{
	char *text;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	saved_stderr = -1;
	rewind(capture_file);
	text = read_all(capture_file);
	fclose(capture_file);
	capture_file = NULL;
	return text;
}

void capture_open(struct capture *capture)
{
	capture->text = NULL;
	capture->len = 0;
	capture->out = open_memstream(&capture->text, &capture->len);
	assert_non_null(capture->out);
}

void expect_output(struct capture *capture, const char *expected)
{
	assert_int_equal(fclose(capture->out), 0);
	assert_string_equal(capture->text, expected);
	free(capture->text);
}
