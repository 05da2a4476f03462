/* `intake import`: cases or outcomes from a CSV file, the front end. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "command.h"
#include "csv.h"
#include "csv_read.h"
#include "import.h"
#include "messages.h"
#include "util.h"

/* Refusals printed to stderr without --rejects, before a count. */
#define REFUSALS_SHOWN 20

struct import_cli {
	const char *file, *rejects_path, *outcomes;
	enum csv_encoding encoding;
	struct import_options options;
	FILE *in, *rejects_file;
	struct csv_writer rejects;
	unsigned long long refusals_shown;
	/* progress on a terminal */
	int progress;
	unsigned long long file_size;
	double started, drawn;
};

enum { OPT_DRY_RUN = 256, OPT_REJECTS, OPT_ENCODING, OPT_ALL, OPT_OUTCOMES,
       OPT_BATCH };

static int parse_import_options(int argc, char **argv, struct import_cli *cli)
{
	static const struct option long_options[] = {
		{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
		{ "rejects", required_argument, NULL, OPT_REJECTS },
		{ "encoding", required_argument, NULL, OPT_ENCODING },
		{ "all-or-nothing", no_argument, NULL, OPT_ALL },
		{ "outcomes", required_argument, NULL, OPT_OUTCOMES },
		{ "batch", required_argument, NULL, OPT_BATCH },
		{ NULL, 0, NULL, 0 },
	};
	long long batch;
	int option;

	while ((option = getopt_long(argc, argv, "", long_options, NULL)) !=
	       -1) {
		switch (option) {
		case OPT_DRY_RUN: cli->options.dry_run = 1; break;
		case OPT_REJECTS: cli->rejects_path = optarg; break;
		case OPT_ALL: cli->options.all_or_nothing = 1; break;
		case OPT_OUTCOMES: cli->outcomes = optarg; break;
		case OPT_ENCODING:
			if (csv_encoding_parse(optarg, &cli->encoding) < 0)
				return error(msg(MSG_IMPORT_BAD_ENCODING),
					     optarg, CSV_ENCODING_NAMES),
				       EXIT_USAGE;
			break;
		case OPT_BATCH:
			if (parse_long_long(optarg, &batch) || batch < 1)
				return error(msg(MSG_IMPORT_BAD_BATCH), optarg),
				       EXIT_USAGE;
			cli->options.batch_rows = (size_t)batch;
			break;
		default: return option_error(argv);
		}
	}
	return 0;
}

static double now_seconds(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* Open the file ("-": standard input) and start reading it: 0, or an
 * exit status after saying why. */
static int open_input(struct import_cli *cli, struct csv_reader *reader)
{
	struct stat st;

	cli->in = strcmp(cli->file, "-") ? fopen(cli->file, "rb") : stdin;
	if (!cli->in)
		return error(msg(MSG_IMPORT_CANNOT_OPEN), cli->file,
			     strerror(errno)), EXIT_NOINPUT;
	if (!fstat(fileno(cli->in), &st) && S_ISREG(st.st_mode))
		cli->file_size = (unsigned long long)st.st_size;
	if (csv_reader_init(reader, cli->in, cli->encoding) < 0) {
		if (errno == EINVAL)
			return error("%s", msg(MSG_IMPORT_NO_CP932)),
			       EXIT_SOFTWARE;
		return error(msg(MSG_IMPORT_CANNOT_READ), cli->file,
			     strerror(errno)), EXIT_IOERR;
	}
	cli->progress = isatty(STDERR_FILENO) && cli->file_size > 0;
	cli->started = cli->drawn = now_seconds();
	return 0;
}

/* Read a record: 1, 0 at the end, or an exit status (negated). */
static int read_record(struct import_cli *cli, struct csv_reader *reader)
{
	int rc = csv_read_record(reader);

	if (rc >= 0)
		return rc;
	if (errno == EFBIG)
		error(msg(MSG_IMPORT_TOO_LONG), cli->file, reader->record_line,
		      (int)(CSV_RECORD_MAX >> 20));
	else
		error(msg(MSG_IMPORT_CANNOT_READ), cli->file, strerror(errno));
	return errno == EFBIG ? -EXIT_DATAERR : -EXIT_IOERR;
}

/* Print each line of why as an error. */
static void say_lines(char *why)
{
	char *line, *next;

	for (line = why; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		error("%s", line);
	}
}

/* The header row, mapped: 0, or an exit status after saying why. */
static int read_header(struct import_cli *cli, struct csv_reader *reader,
		       const struct programme *programme,
		       struct import_header *header)
{
	const char **names;
	char *why = NULL;
	int rc = read_record(cli, reader), uses_source_id = 0;
	size_t i;

	if (rc < 0)
		return -rc;
	if (!rc)
		return error(msg(MSG_IMPORT_NO_HEADER), cli->file),
		       EXIT_DATAERR;
	names = xcalloc(reader->n_fields, sizeof(*names));
	for (i = 0; i < reader->n_fields; i++)
		names[i] = csv_record_field(reader, i);
	if (cli->outcomes)
		rc = import_outcome_header_map(names, reader->n_fields, header,
					       &uses_source_id, &why);
	else
		rc = import_header_map(programme, names, reader->n_fields,
				       header, &why);
	free(names);
	if (!rc && uses_source_id && !programme) {
		error("%s", msg(MSG_IMPORT_SOURCE_NEEDS_PROGRAMME));
		return EXIT_USAGE;
	}
	say_lines(why);
	free(why);
	return rc ? EXIT_DATAERR : 0;
}

/* Start the rejects file: the header row of the file after the
 * rejects' own columns.  0, or an exit status. */
/* Whether the rejects path names the file being read (writing it
 * would empty the office's file before it is read). */
static int rejects_is_input(const struct import_cli *cli)
{
	struct stat in, out;

	return !stat(cli->rejects_path, &out) &&
	       !fstat(fileno(cli->in), &in) && in.st_dev == out.st_dev &&
	       in.st_ino == out.st_ino;
}

/* The rejects hold personal data: a new file is the owner's alone. */
static FILE *create_private(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	FILE *file;

	if (fd < 0)
		return NULL;
	file = fdopen(fd, "wb");
	if (!file)
		close(fd);
	return file;
}

static int open_rejects(struct import_cli *cli,
			const struct import_header *header)
{
	static const char *const own[] = { IMPORT_REJECT_COLUMNS };
	size_t i;

	if (!cli->rejects_path)
		return 0;
	if (rejects_is_input(cli))
		return error(msg(MSG_IMPORT_REJECTS_IS_INPUT),
			     cli->rejects_path), EXIT_USAGE;
	cli->rejects_file = create_private(cli->rejects_path);
	if (!cli->rejects_file)
		return error(msg(MSG_IMPORT_CANNOT_WRITE), cli->rejects_path,
			     strerror(errno)), EXIT_CANTCREAT;
	csv_begin(&cli->rejects, cli->rejects_file, 1);
	for (i = 0; i < ARRAY_SIZE(own); i++)
		csv_field(&cli->rejects, own[i]);
	for (i = 0; i < header->n; i++)
		if (header->kinds[i] != IMPORT_IGNORED)
			csv_field(&cli->rejects, header->names[i]);
	csv_end_row(&cli->rejects);
	return 0;
}

/* A refused row: to the rejects file (its line, the fields, the
 * sentences, then its own columns), else to stderr. */
static void reject(struct import_cli *cli, const struct csv_reader *reader,
		   const struct import_header *header,
		   const struct import_row *row)
{
	struct strbuf fields = STRBUF_INIT, messages = STRBUF_INIT;
	char line[32];
	size_t i;

	for (i = 0; i < row->n_problems; i++) {
		if (*row->problems[i].field &&
		    !strstr(strbuf_str(&fields), row->problems[i].field))
			strbuf_addf(&fields, "%s%s", fields.len ? ", " : "",
				    row->problems[i].field);
		strbuf_addf(&messages, "%s%s", i ? "\n" : "",
			    row->problems[i].message);
	}
	if (!cli->rejects_path) {
		if (cli->refusals_shown++ < REFUSALS_SHOWN)
			for (i = 0; i < row->n_problems; i++)
				error(msg(MSG_IMPORT_ROW_REFUSED),
				      reader->record_line,
				      row->problems[i].message);
	} else {
		snprintf(line, sizeof(line), "%ld", reader->record_line);
		csv_field(&cli->rejects, line);
		csv_field(&cli->rejects, strbuf_str(&fields));
		csv_field(&cli->rejects, strbuf_str(&messages));
		for (i = 0; i < header->n && i < reader->n_fields; i++)
			if (header->kinds[i] != IMPORT_IGNORED) {
				char *text = csv_record_field_utf8(reader, i);

				csv_field(&cli->rejects, text);
				free(text);
			}
		csv_end_row(&cli->rejects);
	}
	strbuf_release(&fields);
	strbuf_release(&messages);
}

/* Redraw the progress line, at most four times a second. */
static void progress(struct import_cli *cli, const struct csv_reader *reader,
		     unsigned long long rows, int last)
{
	double now = now_seconds(), elapsed = now - cli->started, rate;
	double fraction, eta;
	char when[32];

	if (!cli->progress || (!last && now - cli->drawn < 0.25))
		return;
	cli->drawn = now;
	rate = elapsed > 0 ? (double)rows / elapsed : 0;
	fraction = (double)reader->bytes_read / (double)cli->file_size;
	if (fraction > 1)
		fraction = 1;
	eta = fraction > 0 ? elapsed / fraction - elapsed : 0;
	snprintf(when, sizeof(when), "%d:%02d", (int)eta / 60, (int)eta % 60);
	fprintf(stderr, msg(MSG_IMPORT_PROGRESS), rows, rate,
		(int)(fraction * 100), when);
	if (last)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Every row after the header: 0, or an exit status. */
static int import_rows(struct import_cli *cli, struct csv_reader *reader,
		       struct importer *importer,
		       const struct import_header *header,
		       struct session *session)
{
	struct import_row row = { 0 };
	unsigned long long rows = 0;
	int rc, status = 0;

	while ((rc = read_record(cli, reader)) > 0) {
		if (csv_record_blank(reader))
			continue;
		if (import_record(importer, reader, &row) < 0) {
			status = session_store_failure(session);
			break;
		}
		if (row.result == IMPORT_REFUSED)
			reject(cli, reader, header, &row);
		if (!(++rows & 255))
			progress(cli, reader, rows, 0);
	}
	if (rc < 0)
		status = -rc;
	progress(cli, reader, rows, 1);
	import_row_release(&row);
	return status;
}

static const struct programme *programme_of(void *context, const char *id)
{
	return session_programme(context, id);
}

/* The summary, in the staff's language, and the exit status. */
static int summary(const struct import_cli *cli,
		   const struct import_counts *counts, int status)
{
	unsigned long long stored =
		cli->options.dry_run ? counts->pending : counts->stored;

	if (cli->refusals_shown > REFUSALS_SHOWN)
		error(msg(MSG_IMPORT_MORE_REFUSED),
		      cli->refusals_shown - REFUSALS_SHOWN);
	printf(msg(MSG_IMPORT_SUMMARY), counts->read, stored, counts->already,
	       counts->refused);
	if (cli->options.dry_run)
		printf("%s", msg(MSG_IMPORT_DRY_RUN));
	else if (cli->options.all_or_nothing && counts->refused)
		printf("%s", msg(MSG_IMPORT_NOTHING_STORED));
	if (cli->rejects_path && counts->refused)
		printf(msg(MSG_IMPORT_REJECTS_WRITTEN), cli->rejects_path);
	if (!status && counts->refused)
		status = EXIT_DATAERR;
	return status;
}

/* Store and import the rows of an open, mapped file. */
static int run_import(struct session *session, struct import_cli *cli,
		      struct csv_reader *reader,
		      const struct programme *programme,
		      const struct import_header *header)
{
	struct import_counts counts = { 0 };
	struct importer *importer;
	int status;

	if ((status = session_store(session, STORE_WRITE)) ||
	    (status = open_rejects(cli, header)))
		return status;
	cli->options.office = session->config.office;
	cli->options.staff = session->config.staff;
	importer = import_begin(session->store,
				programme, header, &cli->options,
				cli->outcomes ? programme_of : NULL, session);
	if (!importer)
		return session_store_failure(session);
	status = import_rows(cli, reader, importer, header, session);
	if (import_end(importer, !status, &counts) < 0 && !status)
		status = session_store_failure(session);
	if (cli->rejects_file) {
		if (csv_finish(&cli->rejects) < 0 && !status)
			status = EXIT_DATAERR;
		if (fclose(cli->rejects_file) && !status) {
			error(msg(MSG_IMPORT_CANNOT_WRITE), cli->rejects_path,
			      strerror(errno));
			status = EXIT_IOERR;
		}
	}
	return summary(cli, &counts, status);
}

/* The programme named by the operand, if any: 0 or an exit status. */
static int named_programme(struct session *session, int argc, char **argv,
			   const struct programme **programme)
{
	int status;

	*programme = NULL;
	if ((status = session_plugins(session)))
		return status;
	if (optind >= argc)
		return 0;
	*programme = session_programme_named(session, argv[optind]);
	if (!*programme)
		return session->start_failed ? EXIT_CONFIG : EXIT_USAGE;
	return 0;
}

int cmd_import(struct session *session, int argc, char **argv)
{
	struct import_cli cli = { 0 };
	struct import_header header = { 0 };
	const struct programme *programme;
	struct csv_reader reader;
	int status, operands;

	cli.encoding = CSV_AUTO;
	if ((status = parse_import_options(argc, argv, &cli)))
		return status;
	operands = argc - optind;
	if (cli.outcomes ? operands > 1 : operands != 2)
		return error(msg(MSG_CMD_USAGE), msg(MSG_IMPORT_USAGE)),
		       EXIT_USAGE;
	if ((status = named_programme(session, argc, argv, &programme)))
		return status;
	cli.file = cli.outcomes ? cli.outcomes : argv[optind + 1];
	memset(&reader, 0, sizeof(reader));
	if (!(status = open_input(&cli, &reader)) &&
	    !(status = read_header(&cli, &reader, programme, &header)))
		status = run_import(session, &cli, &reader, programme,
				    &header);
	import_header_release(&header);
	csv_reader_release(&reader);
	if (cli.in && cli.in != stdin)
		fclose(cli.in);
	return status;
}
