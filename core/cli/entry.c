/* The counter entry: one question at a time, saved after every answer. */
#include "entry.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "application.h"
#include "command.h"
#include "draft.h"
#include "messages.h"
#include "store.h"
#include "take.h"
#include "terminal.h"
#include "util.h"
#include "value.h"

#define CLEAR_KEY "-" /* clears an optional answer */

/* One entry in progress. */
struct entry {
	struct session *session;
	struct terminal terminal;
	const struct programme *programme;
	struct intake_case app;
	long long draft_id;  /* 0 when not saving drafts (scripts) */
	size_t *asked;	     /* indices of answered questions, in order */
	size_t n_asked, alloc_asked;
	size_t next;	     /* form index to look for the next question */
	size_t forced;	     /* a question asked even when answered */
	int reviewing;	     /* after a rule failed: ask only what is
				unanswered, and the field to fix */
	char *link_receipt;  /* an earlier application to link, or NULL */
};

/* --- output: questions on a terminal only, errors always --- */

static int interactive(const struct entry *entry)
{
	return entry->terminal.interactive;
}

static void say(const struct entry *entry, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void say(const struct entry *entry, const char *fmt, ...)
{
	va_list ap;

	if (!interactive(entry))
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* --- a crashing plugin must not take the typed answers with it --- */

static char crash_message[512];

static void on_crash(int signal_number)
{
	ssize_t ignored = write(STDERR_FILENO, crash_message,
				strlen(crash_message));

	(void)ignored;
	(void)signal_number;
	_exit(EXIT_SOFTWARE);
}

static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL,
				     SIGABRT };

static void set_crash_handler(void (*handler)(int))
{
	struct sigaction action;
	size_t i;

	memset(&action, 0, sizeof(action));
	action.sa_handler = handler;
	sigemptyset(&action.sa_mask);
	for (i = 0; i < ARRAY_SIZE(crash_signals); i++)
		sigaction(crash_signals[i], &action, NULL);
}

static void guard_plugin_crashes(const struct entry *entry)
{
	if (entry->draft_id)
		snprintf(crash_message, sizeof(crash_message),
			 msg(MSG_ENTRY_CRASHED_DRAFT),
			 entry->programme->plugin->id, entry->draft_id,
			 entry->draft_id);
	else
		snprintf(crash_message, sizeof(crash_message),
			 msg(MSG_ENTRY_CRASHED), entry->programme->plugin->id);
	set_crash_handler(on_crash);
}

/* --- drafts --- */

static int save_draft(struct entry *entry, const char *last_field)
{
	if (!entry->draft_id)
		return 0;
	return draft_save(entry->session->store, entry->draft_id, &entry->app,
			  last_field);
}

/* --- questions --- */

static const struct field *field_at(const struct entry *entry, size_t i)
{
	return &entry->app.form->fields[i];
}

/* The next question at or after entry->next, or n_fields when done. */
static size_t next_question(const struct entry *entry)
{
	size_t i;

	for (i = entry->next; i < entry->app.form->n_fields; i++) {
		if (!application_asks(&entry->app, field_at(entry, i)))
			continue;
		if (entry->reviewing && entry->app.values[i] &&
		    i != entry->forced)
			continue;
		return i;
	}
	return i;
}

/* Questions are numbered as on the paper form: by position among the
 * fields staff answer, so a skipped one leaves its number unused. */
static size_t count_questions(const struct entry *entry, size_t upto)
{
	size_t i, n = 0;

	for (i = 0; i < upto; i++)
		n += !field_at(entry, i)->derived;
	return n;
}

static void show_choices(const struct entry *entry, const struct field *field)
{
	size_t i;

	for (i = 0; i < field->n_choices; i++)
		say(entry, "    %zu) %s %s\n", i + 1, field->choices[i].code,
		    msg_pick(field->choices[i].label_ja,
			     field->choices[i].label_en));
}

static void ask(const struct entry *entry, size_t index)
{
	const struct field *field = field_at(entry, index);
	const char *hint = msg_pick(field->hint_ja, field->hint_en);
	const char *help = field_type_help(field->type);
	char *accepts = field_accepts(field);
	const char *current = entry->app.values[index];

	say(entry, "\n[%zu/%zu] %s%s\n", count_questions(entry, index) + 1,
	    count_questions(entry, entry->app.form->n_fields),
	    field_label(field),
	    field->required ? "" : msg(MSG_ENTRY_OPTIONAL));
	if (*hint)
		say(entry, "    %s\n", hint);
	if (field->type == FIELD_CHOICE || field->type == FIELD_MULTI)
		show_choices(entry, field);
	else if (*accepts)
		say(entry, "    %s\n", accepts);
	if (help)
		say(entry, "    %s\n", help);
	if (current) {
		char *shown = value_format(field, current);

		say(entry, "    %s %s\n", msg(MSG_ENTRY_CURRENT), shown);
		free(shown);
	}
	free(accepts);
}

/* An example answer of each type, for `?`. */
static const char *type_example(enum field_type type)
{
	static const enum msg_id examples[FIELD_TYPE_COUNT] = {
		[FIELD_TEXT] = MSG_ENTRY_EXAMPLE_TEXT,
		[FIELD_KANA] = MSG_ENTRY_EXAMPLE_KANA,
		[FIELD_INTEGER] = MSG_ENTRY_EXAMPLE_INTEGER,
		[FIELD_YEN] = MSG_ENTRY_EXAMPLE_YEN,
		[FIELD_DATE] = MSG_ENTRY_EXAMPLE_DATE,
		[FIELD_CHOICE] = MSG_ENTRY_EXAMPLE_CHOICE,
		[FIELD_MULTI] = MSG_ENTRY_EXAMPLE_MULTI,
		[FIELD_BOOL] = MSG_ENTRY_EXAMPLE_BOOL,
		[FIELD_POSTAL] = MSG_ENTRY_EXAMPLE_POSTAL,
		[FIELD_PHONE] = MSG_ENTRY_EXAMPLE_PHONE,
		[FIELD_EMAIL] = MSG_ENTRY_EXAMPLE_EMAIL,
		[FIELD_CORPORATE_NUMBER] = MSG_ENTRY_EXAMPLE_CORPORATE_NUMBER,
		[FIELD_MUNICIPALITY] = MSG_ENTRY_EXAMPLE_MUNICIPALITY,
		[FIELD_PREFECTURE] = MSG_ENTRY_EXAMPLE_PREFECTURE,
	};

	return msg(examples[type]);
}

/* `?`: what the question is for, an example, what is accepted, and
 * the keys. */
static void show_help(const struct entry *entry, size_t index)
{
	const struct field *field = field_at(entry, index);
	const char *hint = msg_pick(field->hint_ja, field->hint_en);
	const char *help = field_type_help(field->type);
	char *accepts = field_accepts(field);

	say(entry, "\n  %s\n", field_label(field));
	if (*hint)
		say(entry, "    %s\n", hint);
	say(entry, msg(MSG_ENTRY_EXAMPLE), type_example(field->type));
	if (help)
		say(entry, "    %s\n", help);
	if (*accepts)
		say(entry, "    %s\n", accepts);
	if (field->when_text)
		say(entry, msg(MSG_ENTRY_WHEN), field->when_text);
	say(entry, "%s", msg(MSG_ENTRY_KEYS));
	free(accepts);
}

/* Print the answers so far, with labels and formatted values. */
static void show_answers(const struct entry *entry, int with_derived)
{
	const struct form *form = entry->app.form;
	char received[11];
	size_t i;

	date_to_iso(entry->app.received_on, received);
	say(entry, "\n  %s: %s\n", msg(MSG_CMD_SHOW_RECEIVED), received);
	for (i = 0; i < form->n_fields; i++) {
		const struct field *field = &form->fields[i];
		char *shown;

		if (!entry->app.values[i] || (field->derived && !with_derived))
			continue;
		shown = value_format(field, entry->app.values[i]);
		say(entry, "  %s%s: %s\n", field->derived ? "= " : "",
		    field_label(field), shown);
		free(shown);
	}
}

static void print_problems(struct entry *entry)
{
	application_print_problems(&entry->app, stderr);
	application_clear_problems(&entry->app);
}

/* Enter keeps the current answer, if there is one; "-" clears an
 * optional one.  1 when input was one of those (0 or -1 in *rc). */
static int keep_or_clear(struct entry *entry, size_t index,
			 const char *input, int *rc)
{
	const struct field *field = field_at(entry, index);
	int clear = !strcmp(input, CLEAR_KEY);

	if (*input && !clear)
		return 0;
	*rc = 0;
	if (!*input && entry->app.values[index])
		return 1; /* kept */
	if (field->required) {
		application_problem(&entry->app, field->id, NULL, NULL,
				    msg(clear ? MSG_ENTRY_CANNOT_CLEAR
					      : MSG_VALUE_REQUIRED));
		print_problems(entry);
		*rc = -1;
		return 1;
	}
	free(entry->app.values[index]);
	entry->app.values[index] = NULL;
	return 1;
}

/* An answer to the question at index: 0 accepted, -1 refused. */
static int take_answer(struct entry *entry, size_t index, const char *input)
{
	const struct field *field = field_at(entry, index);
	int rc;

	if (keep_or_clear(entry, index, input, &rc))
		return rc;
	rc = application_answer(&entry->app, field->id, input);
	if (rc)
		print_problems(entry);
	return rc;
}

static void go_back(struct entry *entry)
{
	if (!entry->n_asked) {
		say(entry, "%s\n", msg(MSG_ENTRY_AT_FIRST));
		return;
	}
	entry->next = entry->forced = entry->asked[--entry->n_asked];
}

enum step { STEP_NEXT, STEP_STOP, STEP_INVALID, STEP_FAILED, STEP_END };

static char *trimmed(const char *line)
{
	char *text = text_normalize(line, 0);

	return text ? text : xstrdup(line);
}

/* A line the terminal refused (a NUL byte, too long): said for the
 * field, with its limit. */
static void refuse_line(struct entry *entry, size_t index)
{
	const struct field *field = field_at(entry, index);
	long limit = field->max_chars ? field->max_chars : TERMINAL_LINE_MAX;

	if (entry->terminal.refused == TERMINAL_NUL)
		error(msg(MSG_ENTRY_NUL_BYTE), field->id);
	else
		error(msg(MSG_ENTRY_LINE_TOO_LONG), field->id, limit);
}

/* Ask the question at index once and act on the reply. */
static enum step question(struct entry *entry, size_t index)
{
	char *line, *reply;
	enum step step = STEP_NEXT;

	ask(entry, index);
	line = terminal_read(&entry->terminal, "> ");
	if (!line)
		return STEP_END;
	if (entry->terminal.refused) {
		free(line);
		refuse_line(entry, index);
		return interactive(entry) ? STEP_NEXT : STEP_INVALID;
	}
	reply = trimmed(line);
	free(line);
	if (!strcmp(reply, "?"))
		show_help(entry, index);
	else if (!strcmp(reply, "<"))
		go_back(entry);
	else if (!strcmp(reply, "!"))
		show_answers(entry, 0);
	else if (!strcmp(reply, "."))
		step = STEP_STOP;
	else if (take_answer(entry, index, reply))
		step = interactive(entry) ? STEP_NEXT : STEP_INVALID;
	else {
		ALLOC_GROW(entry->asked, entry->n_asked + 1,
			   entry->alloc_asked);
		entry->asked[entry->n_asked++] = index;
		entry->next = index + 1;
		if (save_draft(entry, field_at(entry, index)->id))
			step = STEP_FAILED;
	}
	free(reply);
	return step;
}

/* Ask until every question is answered: STEP_NEXT when done. */
static enum step questions(struct entry *entry)
{
	size_t index;
	enum step step;

	while ((index = next_question(entry)) < entry->app.form->n_fields)
		if ((step = question(entry, index)) != STEP_NEXT)
			return step;
	return STEP_NEXT;
}

/* --- before saving --- */

/* The fields the problems name, each once, in form order: their
 * indexes in targets (n_problems long); the count. */
static size_t fix_targets(const struct entry *entry, size_t *targets)
{
	const struct form *form = entry->app.form;
	size_t i, j, n = 0;

	for (i = 0; i < form->n_fields; i++) {
		if (form->fields[i].derived)
			continue;
		for (j = 0; j < entry->app.n_problems; j++) {
			const char *id = entry->app.problems[j].field;

			if (id && !strcmp(id, form->fields[i].id)) {
				targets[n++] = i;
				break;
			}
		}
	}
	return n;
}

/* Which field to fix: its index, or n_fields to stop (Enter, end of
 * input); `<` goes to the last question answered.  Asks again until
 * the reply is one of those. */
static size_t choose_fix(struct entry *entry, const size_t *targets,
			 size_t n)
{
	size_t fields = entry->app.form->n_fields;
	char *line, *end;
	long choice;
	int valid, back;

	for (;;) {
		line = terminal_read(&entry->terminal, msg(MSG_ENTRY_JUMP));
		if (!line || !*line || entry->terminal.refused) {
			free(line);
			return fields;
		}
		choice = strtol(line, &end, 10);
		valid = end != line && !*end && choice >= 1 &&
			(size_t)choice <= n;
		back = !strcmp(line, "<");
		free(line);
		if (back)
			return entry->n_asked ? entry->asked[entry->n_asked - 1]
					      : fields;
		if (valid)
			return targets[choice - 1];
		say(entry, msg(MSG_ENTRY_JUMP_AGAIN), n);
	}
}

/* A rule failed: say why and offer to fix one of the fields it names. */
static int offer_jump(struct entry *entry)
{
	size_t i, n, chosen, *targets;

	targets = xcalloc(entry->app.n_problems + 1, sizeof(*targets));
	n = fix_targets(entry, targets);
	print_problems(entry);
	for (i = 0; i < n; i++)
		say(entry, "    %zu) %s\n", i + 1,
		    field_label(field_at(entry, targets[i])));
	chosen = n ? choose_fix(entry, targets, n) : entry->app.form->n_fields;
	free(targets);
	if (chosen >= entry->app.form->n_fields)
		return 0;
	entry->next = entry->forced = chosen;
	entry->reviewing = 1;
	return 1;
}

struct person_matches {
	struct strbuf list;
	char **receipts;
	size_t n, alloc;
};

static int collect_person(const struct store_application *app, void *ctx)
{
	struct person_matches *matches = ctx;
	size_t i;

	ALLOC_GROW(matches->receipts, matches->n + 1, matches->alloc);
	matches->receipts[matches->n++] = xstrdup(app->receipt);
	strbuf_addf(&matches->list, "    %zu) %s  %s  ", matches->n,
		    app->receipt, app->programme);
	for (i = 0; i < app->n_outcomes; i++)
		strbuf_addf(&matches->list, "%s%s", i ? "," : "",
			    app->outcomes[i].code);
	strbuf_addch(&matches->list, '\n');
	return 0;
}

/* The same person applied before: show it and offer a link. */
static void offer_link(struct entry *entry)
{
	struct person_matches matches = { STRBUF_INIT, NULL, 0, 0 };
	char *line;
	long choice;
	size_t i;

	if (!interactive(entry) ||
	    draft_same_person(entry->session->store, &entry->app,
			      collect_person, &matches) || !matches.n)
		goto cleanup;
	say(entry, "\n%s\n%s", msg(MSG_ENTRY_SAME_PERSON),
	    strbuf_str(&matches.list));
	line = terminal_read(&entry->terminal, msg(MSG_ENTRY_LINK));
	choice = line ? strtol(line, NULL, 10) : 0;
	free(line);
	free(entry->link_receipt);
	entry->link_receipt = NULL;
	if (choice >= 1 && (size_t)choice <= matches.n) {
		entry->link_receipt = xstrdup(matches.receipts[choice - 1]);
		say(entry, msg(MSG_ENTRY_LINKED), entry->link_receipt);
	}
cleanup:
	for (i = 0; i < matches.n; i++)
		free(matches.receipts[i]);
	free(matches.receipts);
	strbuf_release(&matches.list);
}

/* Yes, no, or back: 1, 0, -1 (and 0 at the end of input). */
static int confirm(struct entry *entry)
{
	char *line, *reply;
	int answer;

	if (!interactive(entry))
		return 1;
	line = terminal_read(&entry->terminal, msg(MSG_ENTRY_CONFIRM));
	if (!line)
		return 0;
	reply = trimmed(line);
	free(line);
	if (!strcmp(reply, "<"))
		answer = -1;
	else
		answer = !strcmp(reply, "y") || !strcmp(reply, "yes") ||
			 !strcmp(reply, "はい") || !*reply;
	free(reply);
	return answer;
}

static void show_receipt(const struct entry *entry, const char *receipt)
{
	size_t width = strlen(receipt) + 8, i;

	if (!interactive(entry)) {
		printf("%s\n", receipt);
		return;
	}
	printf("\n%s\n  +", msg(MSG_ENTRY_SAVED));
	for (i = 0; i < width; i++)
		putchar('-');
	printf("+\n  |    %s    |\n  +", receipt);
	for (i = 0; i < width; i++)
		putchar('-');
	printf("+\n\n");
}

static int store_entry(struct entry *entry)
{
	struct take take = { 0 };
	char *receipt = NULL;
	int rc;

	take.office = entry->session->config.office;
	take.staff = entry->session->config.staff;
	take.draft_id = entry->draft_id;
	take.link_receipt = entry->link_receipt;
	rc = take_case(entry->session->store, &entry->app, &take, &receipt);
	if (!rc)
		show_receipt(entry, receipt);
	free(receipt);
	return rc;
}

static int stopped(const struct entry *entry)
{
	if (!entry->draft_id) {
		error("%s", msg(MSG_ENTRY_INCOMPLETE));
		return EXIT_DATAERR;
	}
	printf(msg(MSG_ENTRY_DRAFT_KEPT), entry->draft_id, entry->draft_id);
	return 0;
}

/* Storing failed (the database, not the answers): keep the draft. */
static int failed(const struct entry *entry)
{
	if (entry->draft_id)
		fprintf(stderr, msg(MSG_ENTRY_DRAFT_KEPT), entry->draft_id,
			entry->draft_id);
	return session_store_failure(entry->session);
}

/* Questions, checks, summary, confirmation, one transaction. */
static int entry_loop(struct entry *entry)
{
	enum step step;
	int answer;

	for (;;) {
		step = questions(entry);
		if (step == STEP_INVALID)
			return EXIT_DATAERR;
		if (step == STEP_FAILED)
			return failed(entry);
		if (step != STEP_NEXT)
			return stopped(entry);
		if (application_check(&entry->app)) {
			if (!interactive(entry)) {
				print_problems(entry);
				return EXIT_DATAERR;
			}
			say(entry, "\n%s\n", msg(MSG_ENTRY_RULES_FAILED));
			if (!offer_jump(entry))
				return stopped(entry);
			continue;
		}
		show_answers(entry, 1);
		offer_link(entry);
		answer = confirm(entry);
		if (answer > 0)
			return store_entry(entry) ? failed(entry) : 0;
		if (answer == 0)
			return stopped(entry);
		go_back(entry);
	}
}

/* The entry, with plugin crashes caught while it runs. */
static int run_entry(struct entry *entry)
{
	int status;

	guard_plugin_crashes(entry);
	status = entry_loop(entry);
	set_crash_handler(SIG_DFL);
	return status;
}

/* --- the commands --- */

static void entry_release(struct entry *entry)
{
	application_release(&entry->app);
	free(entry->asked);
	free(entry->link_receipt);
}

/* Pick a programme by number or id when none was given. */
static const struct programme *choose_programme(struct entry *entry)
{
	const struct registry *registry = &entry->session->registry;
	const struct programme *chosen = NULL;
	char *line;
	long number;
	size_t i;

	for (i = 0; i < registry->n_programmes; i++)
		say(entry, "  %zu) %s  [%s]\n", i + 1,
		    programme_title(&registry->programmes[i]),
		    registry->programmes[i].plugin->id);
	line = terminal_read(&entry->terminal, msg(MSG_ENTRY_PROGRAMME));
	if (!line) {
		error(msg(MSG_CMD_USAGE), "intake new [PROGRAMME]");
		return NULL;
	}
	number = strtol(line, NULL, 10);
	if (number >= 1 && (size_t)number <= registry->n_programmes)
		chosen = session_programme_if_any(
			entry->session,
			registry->programmes[number - 1].plugin->id);
	else
		chosen = session_programme_named(entry->session, line);
	free(line);
	return chosen;
}

static int start_entry(struct session *session, struct entry *entry,
		       const char *programme_id)
{
	int status;

	memset(entry, 0, sizeof(*entry));
	entry->forced = (size_t)-1;
	entry->session = session;
	terminal_init(&entry->terminal);
	/* only the programme taken is started (its form read), as in add */
	if ((status = session_plugins(session)) ||
	    (status = session_store(session, STORE_WRITE)))
		return status;
	entry->programme = programme_id
				   ? session_programme(session, programme_id)
				   : choose_programme(entry);
	if (!entry->programme)
		return session->start_failed ? EXIT_CONFIG : EXIT_USAGE;
	application_init(&entry->app, entry->programme);
	return 0;
}

int cmd_new(struct session *session, int argc, char **argv)
{
	const struct programme *named = NULL;
	struct entry entry;
	int status;

	if (argc > 2) {
		error(msg(MSG_CMD_USAGE), "intake new [PROGRAMME]");
		return EXIT_USAGE;
	}
	if (argc == 2 && ((status = session_plugins(session)) ||
			  !(named = session_programme_named(session, argv[1]))))
		return status		     ? status
		       : session->start_failed ? EXIT_CONFIG
					       : EXIT_USAGE;
	status = start_entry(session, &entry, named ? named->plugin->id : NULL);
	if (!status && interactive(&entry)) {
		say(&entry, "%s — %s\n%s", programme_title(entry.programme),
		    entry.programme->plugin->id, msg(MSG_ENTRY_KEYS));
		if (store_draft_create(session->store,
				       entry.programme->plugin->id,
				       session->config.staff, &entry.draft_id) ||
		    save_draft(&entry, NULL))
			status = session_store_failure(session);
	}
	if (!status)
		status = run_entry(&entry);
	entry_release(&entry);
	return status;
}

/* Put a draft's answers back and continue after its last field. */
static void restore_draft(struct entry *entry, const struct store_draft *d)
{
	const struct form *form = entry->app.form;
	const struct field *last;
	size_t i;

	draft_restore(&entry->app, d);
	last = d->last_field ? form_field(form, d->last_field) : NULL;
	for (i = 0; last && i <= last->index; i++) {
		if (!entry->app.values[i] || form->fields[i].derived)
			continue;
		ALLOC_GROW(entry->asked, entry->n_asked + 1,
			   entry->alloc_asked);
		entry->asked[entry->n_asked++] = i;
	}
	entry->next = last ? last->index + 1 : 0;
}

struct draft_list {
	struct session *session;
	struct report *report;
};

/* The label of the last question a draft answered, NULL if none. */
static const char *last_answered(const struct programme *programme,
				 const struct store_draft *draft)
{
	const struct field *field =
		programme && draft->last_field
			? form_field(&programme->form, draft->last_field)
			: NULL;

	return field ? field_label(field) : draft->last_field;
}

/* One draft as staff look for it: whose, which programme, when. */
static int list_draft(const struct store_draft *draft, void *context)
{
	struct draft_list *list = context;
	const struct programme *programme =
		registry_find(&list->session->registry, draft->programme);
	char started[32], updated[32];

	utc_to_local(draft->started_at, started, sizeof(started));
	utc_to_local(draft->updated_at, updated, sizeof(updated));
	report_integer(list->report, draft->id);
	report_text(list->report, draft->name);
	report_text(list->report, programme ? programme_title(programme)
					    : draft->programme);
	report_text(list->report, started);
	report_text(list->report, updated);
	report_text(list->report, draft->staff);
	report_text(list->report, last_answered(programme, draft));
	report_end_row(list->report);
	return 0;
}

static int list_drafts(struct session *session)
{
	static const char *const columns[] = { "draft", "name", "programme",
		"started", "updated", "staff", "last_answered" };
	struct draft_list list = { session, NULL };
	int status, rc;

	if ((status = session_programmes(session)) ||
	    (status = session_store(session, STORE_READ)))
		return status;
	list.report = report_begin(report_format_default(), stdout, columns,
				   ARRAY_SIZE(columns));
	rc = store_draft_list(session->store, list_draft, &list);
	report_finish(list.report);
	return rc ? session_store_failure(session) : 0;
}

/* `intake resume --discard DRAFT [--reason TEXT]`: audited. */
static int discard_draft(struct session *session, const char *number,
			 const char *reason)
{
	long long id;
	int status, rc;

	if (parse_long_long(number, &id) || id < 1) {
		error(msg(MSG_CMD_USAGE),
		      "intake resume --discard DRAFT [--reason TEXT]");
		return EXIT_USAGE;
	}
	if ((reason && (status = check_note_text("--reason", reason))) ||
	    (status = session_store(session, STORE_WRITE)))
		return status;
	rc = store_draft_discard(session->store, id, session->config.staff,
				 reason);
	if (rc < 0)
		return session_store_failure(session);
	if (rc > 0) {
		error(msg(MSG_ENTRY_NO_DRAFT), id);
		return EXIT_NOINPUT;
	}
	printf(msg(MSG_ENTRY_DISCARDED), id);
	return 0;
}

int cmd_resume(struct session *session, int argc, char **argv)
{
	struct store_draft draft = { 0 };
	struct entry entry;
	long long id;
	int status, rc;

	if (argc == 1)
		return list_drafts(session);
	if ((argc == 3 || argc == 5) && !strcmp(argv[1], "--discard") &&
	    (argc == 3 || !strcmp(argv[3], "--reason")))
		return discard_draft(session, argv[2],
				     argc == 5 ? argv[4] : NULL);
	if (argc != 2 || parse_long_long(argv[1], &id) || id < 1) {
		error(msg(MSG_CMD_USAGE), "intake resume [DRAFT]");
		return EXIT_USAGE;
	}
	if ((status = session_store(session, STORE_WRITE)))
		return status;
	rc = store_draft_get(session->store, id, &draft);
	if (rc) {
		if (rc > 0)
			error(msg(MSG_ENTRY_NO_DRAFT), id);
		return rc > 0 ? EXIT_NOINPUT : session_store_failure(session);
	}
	if (!isatty(STDIN_FILENO)) {
		/* a script has no draft of its own to finish: no questions
		 * would be asked and nothing confirmed */
		error("%s", msg(MSG_ENTRY_RESUME_TERMINAL));
		store_draft_release(&draft);
		return EXIT_USAGE;
	}
	status = start_entry(session, &entry, draft.programme);
	if (status == EXIT_USAGE)
		status = EXIT_CONFIG; /* the draft's programme is not loaded */
	if (!status) {
		entry.draft_id = id;
		restore_draft(&entry, &draft);
		say(&entry, msg(MSG_ENTRY_RESUMING), id,
		    programme_title(entry.programme));
		status = run_entry(&entry);
		entry_release(&entry);
	}
	store_draft_release(&draft);
	return status;
}

/* The question numbered n on the form (not a derived one, asked on the
 * answers so far), or n_fields. */
static size_t question_numbered(const struct entry *entry, long n)
{
	size_t i, fields = entry->app.form->n_fields;

	for (i = 0; i < fields; i++)
		if (!field_at(entry, i)->derived &&
		    (long)count_questions(entry, i) + 1 == n &&
		    application_asks(&entry->app, field_at(entry, i)))
			return i;
	return fields;
}

/* The answers, numbered as the questions are. */
static void show_numbered(const struct entry *entry)
{
	size_t i;

	for (i = 0; i < entry->app.form->n_fields; i++) {
		const struct field *field = field_at(entry, i);
		char *shown;

		if (field->derived || !application_asks(&entry->app, field))
			continue;
		shown = entry->app.values[i]
				? value_format(field, entry->app.values[i])
				: xstrdup("-");
		say(entry, "  [%zu] %s: %s\n", count_questions(entry, i) + 1,
		    field_label(field), shown);
		free(shown);
	}
}

/* Ask question index until an answer is taken ('.' or Enter keeps the
 * current one): 0, or -1 at the end of input. */
static int ask_again(struct entry *entry, size_t index)
{
	size_t taken = entry->n_asked;
	enum step step;

	do {
		entry->next = index;
		step = question(entry, index);
	} while (step == STEP_NEXT && entry->n_asked == taken &&
		 entry->next == index);
	return step == STEP_END ? -1 : 0;
}

int counter_correct(struct session *session,
		    const struct programme *programme,
		    const struct store_application *stored,
		    struct intake_case *app)
{
	struct entry entry;
	char *line, *end;
	long number;
	size_t index;
	int status = -1;

	memset(&entry, 0, sizeof(entry));
	entry.forced = (size_t)-1;
	entry.session = session;
	entry.programme = programme;
	terminal_init(&entry.terminal);
	application_from_store(&entry.app, programme, stored);
	for (;;) {
		show_numbered(&entry);
		line = terminal_read(&entry.terminal, msg(MSG_ENTRY_AMEND_WHICH));
		if (!line || !*line) {
			status = line ? 0 : -1;
			free(line);
			break;
		}
		number = strtol(line, &end, 10);
		index = *end ? entry.app.form->n_fields
			     : question_numbered(&entry, number);
		free(line);
		if (index >= entry.app.form->n_fields)
			say(&entry, "%s\n", msg(MSG_ENTRY_AMEND_AGAIN));
		else if (ask_again(&entry, index) < 0)
			break;
	}
	*app = entry.app;
	free(entry.asked);
	free(entry.link_receipt);
	return status;
}
