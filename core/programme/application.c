/* One application being taken: answers, checks, plugin rules. */
#include "application.h"

#include <stdlib.h>
#include <string.h>

#include "condition.h"
#include "form.h"
#include "messages.h"
#include "plugin.h"
#include "store.h"
#include "util.h"
#include "value.h"

#define RECEIVED_ON RECEIVED_ON_FIELD

void application_init(struct intake_case *app,
		      const struct programme *programme)
{
	memset(app, 0, sizeof(*app));
	app->programme = programme;
	app->form = &programme->form;
	app->received_on = today_yyyymmdd();
	app->values = xcalloc(app->form->n_fields, sizeof(*app->values));
}

static void problem_release(struct problem *problem)
{
	free(problem->field);
	free(problem->given);
	free(problem->rule);
	free(problem->expected);
}

void application_clear_problems(struct intake_case *app)
{
	size_t i;

	for (i = 0; i < app->n_problems; i++)
		problem_release(&app->problems[i]);
	app->n_problems = 0;
}

void application_release(struct intake_case *app)
{
	size_t i;

	for (i = 0; app->values && i < app->form->n_fields; i++)
		free(app->values[i]);
	free(app->values);
	for (i = 0; i < app->n_outcomes; i++)
		free(app->outcomes[i].code);
	free(app->outcomes);
	application_clear_problems(app);
	free(app->problems);
	memset(app, 0, sizeof(*app));
}

static char *xstrdup_or_null(const char *text)
{
	return text ? xstrdup(text) : NULL;
}

void application_problem(struct intake_case *app, const char *field,
			 const char *given, const char *rule,
			 const char *expected)
{
	struct problem *problem;

	ALLOC_GROW(app->problems, app->n_problems + 1, app->alloc_problems);
	problem = &app->problems[app->n_problems++];
	problem->field = xstrdup_or_null(field);
	problem->given = xstrdup_or_null(given);
	problem->stored = 0;
	problem->rule = xstrdup_or_null(rule);
	problem->expected = xstrdup(expected ? expected : "");
}

void application_problem_stored(struct intake_case *app, const char *field,
				const char *rule, const char *expected)
{
	const char *given = field ? application_value(app, field) : NULL;

	application_problem(app, field, given, rule, expected);
	app->problems[app->n_problems - 1].stored = given != NULL;
}

/*
 * Date bounds
 */

/* The date of field_id (or received_on) on app, 0 when unanswered. */
static long answered_date(const char *field_id, void *context)
{
	const struct intake_case *app = context;
	const char *stored = application_value(app, field_id);
	long date;

	return stored && !date_from_iso(stored, &date) ? date : 0;
}

/* One end of a range, resolved (set is 0 when the bound names a field
 * not answered); its text for messages is only made when a date falls
 * outside (limit_text). */
struct date_limit {
	long date;
	int set;
	const struct date_bound *bound; /* NULL: the first fiscal year */
};

/* What a bound is relative to, in the staff's words: "today", a
 * field's label, or "120 years before today". Malloced. */
static char *bound_words(const struct intake_case *app,
			 const struct date_bound *bound)
{
	const char *base = bound->base == DATE_BASE_TODAY
				   ? msg(MSG_APP_TODAY)
				   : application_field_label(app, bound->field);
	int months = bound->months < 0 ? -bound->months : bound->months;
	enum msg_id id;

	if (!months)
		return xstrdup(base);
	if (months % 12)
		id = bound->months < 0 ? MSG_APP_MONTHS_BEFORE
				       : MSG_APP_MONTHS_AFTER;
	else
		id = bound->months < 0 ? MSG_APP_YEARS_BEFORE
				       : MSG_APP_YEARS_AFTER;
	return xstrfmt(msg(id), base, months % 12 ? months : months / 12);
}

static void limit_resolve(struct intake_case *app,
			  const struct date_bound *bound,
			  struct date_limit *limit)
{
	limit->bound = bound;
	limit->set = !date_bound_resolve(bound, today_yyyymmdd(),
					 answered_date, app, &limit->date);
}

/* The limit for messages ("2026-11-29 (today)"), malloced. */
static char *limit_text(const struct intake_case *app,
			const struct date_limit *limit)
{
	const struct date_bound *bound = limit->bound;
	char iso[11], *words, *text;

	date_to_iso(limit->date, iso);
	if (!bound)
		return xstrfmt(msg(MSG_VALUE_DATE_FIRST_FY), iso,
			       app->form->first_fiscal_year);
	if (bound->base == DATE_BASE_FIXED && !bound->months)
		return xstrdup(iso);
	words = bound_words(app, bound);
	text = xstrfmt("%s (%s)", iso, words);
	free(words);
	return text;
}

/* The programme's first fiscal year raises min to its April 1st. */
static void limit_first_fiscal_year(const struct form *form,
				    struct date_limit *min)
{
	long first = form->first_fiscal_year * 10000L + 401;

	if (!form->first_fiscal_year || (min->set && min->date > first))
		return;
	min->date = first;
	min->set = 1;
	min->bound = NULL;
}

static char *range_expected(const struct intake_case *app,
			    const struct date_limit *min,
			    const struct date_limit *max)
{
	char *low = min->set ? limit_text(app, min) : NULL;
	char *high = max->set ? limit_text(app, max) : NULL;
	char *expected;

	if (low && high)
		expected = xstrfmt(msg(MSG_VALUE_DATE_RANGE), low, high);
	else if (low)
		expected = xstrfmt(msg(MSG_VALUE_DATE_FROM), low);
	else
		expected = xstrfmt(msg(MSG_VALUE_DATE_UNTIL), high);
	free(low);
	free(high);
	return expected;
}

/* Is date within range (and on or after the first fiscal year when
 * fiscal)?  0, or -1 with a problem on field_id naming the range. */
static int check_date_range(struct intake_case *app, const char *field_id,
			    const char *given, long date,
			    const struct date_range *range, int fiscal)
{
	struct date_limit min, max;
	int ok;
	char *expected;

	limit_resolve(app, &range->min, &min);
	limit_resolve(app, &range->max, &max);
	if (fiscal)
		limit_first_fiscal_year(app->form, &min);
	ok = (!min.set || date >= min.date) && (!max.set || date <= max.date);
	if (!ok) {
		expected = range_expected(app, &min, &max);
		application_problem(app, field_id, given, NULL, expected);
		free(expected);
	}
	return ok ? 0 : -1;
}

/* A stored date of field within its bounds: 0, or -1 with a problem. */
static int check_field_date(struct intake_case *app,
			    const struct field *field, const char *given,
			    const char *stored)
{
	long date;

	if (field->type != FIELD_DATE || date_from_iso(stored, &date))
		return 0;
	return check_date_range(app, field->id, given, date, &field->dates, 0);
}

static int check_received_on(struct intake_case *app, const char *given)
{
	return check_date_range(app, RECEIVED_ON, given, app->received_on,
				&app->form->received_on, 1);
}

int application_check_outcome_date(struct intake_case *app, const char *code,
				   long date)
{
	char iso[11];

	date_to_iso(date, iso);
	return check_date_range(app, code, iso, date,
				form_outcome_dates(app->form, code), 1);
}

static int answer_received_on(struct intake_case *app, const char *input)
{
	struct field date_field = { 0 };
	char *stored = NULL, *expected = NULL;

	date_field.id = (char *)RECEIVED_ON;
	date_field.type = FIELD_DATE;
	if (value_parse(&date_field, input, &stored, &expected)) {
		application_problem(app, RECEIVED_ON, input, NULL, expected);
		free(expected);
		return -1;
	}
	date_from_iso(stored, &app->received_on);
	free(stored);
	return check_received_on(app, input);
}

int application_answer(struct intake_case *app, const char *field_id,
		       const char *input)
{
	const struct field *field;
	char *stored = NULL, *expected = NULL;

	if (!strcmp(field_id, RECEIVED_ON))
		return answer_received_on(app, input);
	field = form_field(app->form, field_id);
	if (!field || field->derived) {
		application_problem(app, field_id, input, NULL,
				    msg(field ? MSG_APP_DERIVED_FIELD
					      : MSG_APP_UNKNOWN_FIELD));
		return -1;
	}
	if (value_parse(field, input, &stored, &expected)) {
		application_problem(app, field_id, input, NULL, expected);
		free(expected);
		return -1;
	}
	if (check_field_date(app, field, input, stored)) {
		free(stored);
		return -1;
	}
	free(app->values[field->index]);
	app->values[field->index] = stored;
	return 0;
}

void application_set_stored(struct intake_case *app, const char *field_id,
			    const char *stored)
{
	const struct field *field;

	if (!strcmp(field_id, RECEIVED_ON)) {
		date_from_iso(stored, &app->received_on);
		return;
	}
	field = form_field(app->form, field_id);
	if (!field)
		return; /* a field the form no longer has: kept in the store */
	free(app->values[field->index]);
	app->values[field->index] = xstrdup_or_null(stored);
}

static const char *lookup_answer(const struct field *field, void *context)
{
	const struct intake_case *app = context;

	return app->values[field->index];
}

int application_asks(const struct intake_case *app,
		     const struct field *field)
{
	if (field->derived)
		return 0;
	if (!field->when)
		return 1;
	return condition_eval(field->when, lookup_answer, (void *)app);
}

static int has_problem(const struct intake_case *app, const char *field_id)
{
	size_t i;

	for (i = 0; i < app->n_problems; i++)
		if (app->problems[i].field &&
		    !strcmp(app->problems[i].field, field_id))
			return 1;
	return 0;
}

/* Drop answers to fields that are not asked. */
static void drop_unasked(struct intake_case *app)
{
	size_t i;

	for (i = 0; i < app->form->n_fields; i++) {
		const struct field *field = &app->form->fields[i];

		if (field->derived || !application_asks(app, field)) {
			free(app->values[i]);
			app->values[i] = NULL;
		}
	}
}

/* Drop answers to fields that are not asked, require the rest, and
 * check date bounds again (one may name a field answered later). */
void application_check_answers(struct intake_case *app)
{
	size_t i;

	drop_unasked(app);
	if (!has_problem(app, RECEIVED_ON))
		check_received_on(app, application_value(app, RECEIVED_ON));
	for (i = 0; i < app->form->n_fields; i++) {
		const struct field *field = &app->form->fields[i];

		if (field->derived || !application_asks(app, field) ||
		    has_problem(app, field->id))
			continue;
		if (app->values[i])
			check_field_date(app, field, app->values[i],
					 app->values[i]);
		else if (field->required)
			application_problem(app, field->id, NULL, NULL,
					    msg(MSG_VALUE_REQUIRED));
	}
}

void application_add_outcome(struct intake_case *app, const char *code,
			     long date)
{
	ALLOC_GROW(app->outcomes, app->n_outcomes + 1, app->alloc_outcomes);
	app->outcomes[app->n_outcomes].code = xstrdup(code);
	app->outcomes[app->n_outcomes].date = date;
	app->n_outcomes++;
}

void application_set_amount(struct intake_case *app, int has,
			    long long yen)
{
	app->has_amount = has;
	app->amount = has ? yen : 0;
}

int application_check_outcome_amount(struct intake_case *app,
				     const char *code)
{
	const struct intake_outcome_amount *declared =
		programme_outcome_amount(app->programme, code);
	char *given;

	if (declared && (app->has_amount || !declared->required))
		return 0;
	if (declared) {
		application_problem(app, code, NULL, NULL,
				    msg(MSG_APP_AMOUNT_REQUIRED));
		return -1;
	}
	if (!app->has_amount)
		return 0;
	given = xstrfmt("%lld", app->amount);
	application_problem(app, code, given, NULL, msg(MSG_APP_NO_AMOUNT));
	free(given);
	return -1;
}

const char *application_value(const struct intake_case *app,
			      const char *field_id)
{
	const struct field *field;

	if (!strcmp(field_id, RECEIVED_ON)) {
		date_to_iso(app->received_on, (char *)app->received_iso);
		return app->received_iso;
	}
	field = form_field(app->form, field_id);
	return field ? app->values[field->index] : NULL;
}

const char *application_field_label(const struct intake_case *app,
				    const char *field_id)
{
	const struct field *field = form_field(app->form, field_id);
	const struct intake_outcome *outcome;

	if (field)
		return field_label(field);
	if (!strcmp(field_id, RECEIVED_ON))
		return msg(MSG_APP_RECEIVED_ON);
	outcome = programme_outcome(app->programme, field_id);
	if (outcome) /* an outcome's date */
		return msg_pick(outcome->label_ja, outcome->label_en);
	return field_id;
}

/* What was given, as people read it: malloced, controls escaped. */
static char *shown_given(const struct intake_case *app,
			 const struct problem *problem)
{
	const struct field *field = form_field(app->form, problem->field);
	char *formatted, *shown;

	if (!problem->stored || !field)
		return text_escape_unsafe(problem->given, 0);
	formatted = value_format(field, problem->given);
	shown = text_escape_unsafe(formatted, 0);
	free(formatted);
	return shown;
}

/* The one-line form for scripts reading the log, after "debug: ". */
static void log_problem(const struct intake_case *app,
			const struct problem *problem, struct strbuf *line)
{
	char *shown = problem->given ? text_escape_unsafe(problem->given, 0)
				     : NULL;

	strbuf_addf(line, "%s: %s", app->programme->plugin->id,
		    problem->field ? problem->field : "-");
	if (shown)
		strbuf_addf(line, ": given '%s'", shown);
	if (problem->rule)
		strbuf_addf(line, ": rule %s", problem->rule);
	strbuf_addf(line, ": %s", problem->expected);
	free(shown);
}

/* Another field's problem of the same rule and message. */
static int same_sentence(const struct problem *first,
			 const struct problem *other)
{
	return first->rule && other->rule && first->field && other->field &&
	       !strcmp(first->rule, other->rule) &&
	       !strcmp(first->expected, other->expected);
}

/* "label「shown」" (or the label alone), appended to line. */
static void add_field(const struct intake_case *app,
		      const struct problem *problem, struct strbuf *line)
{
	char *shown;

	strbuf_addstr(line, application_field_label(app, problem->field));
	if (!problem->given)
		return;
	shown = shown_given(app, problem);
	strbuf_addf(line, msg(MSG_APP_GIVEN), shown);
	free(shown);
}

int application_problem_sentence(const struct intake_case *app, size_t index,
				 struct strbuf *line)
{
	const struct problem *problem = &app->problems[index];
	size_t i;

	for (i = 0; i < index; i++)
		if (same_sentence(&app->problems[i], problem))
			return 0; /* said with the first of its rule */
	if (!problem->field) {
		strbuf_addstr(line, programme_title(app->programme));
	} else {
		add_field(app, problem, line);
		for (i = index + 1; i < app->n_problems; i++)
			if (same_sentence(problem, &app->problems[i])) {
				strbuf_addstr(line, msg(MSG_APP_AND));
				add_field(app, &app->problems[i], line);
			}
	}
	strbuf_addf(line, ": %s", problem->expected);
	return 1;
}

void application_print_problems(const struct intake_case *app, FILE *out)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < app->n_problems; i++) {
		if (getenv("INTAKE_DEBUG")) {
			strbuf_reset(&line);
			log_problem(app, &app->problems[i], &line);
			fprintf(out, "intake: debug: %s\n", line.buf);
		}
		strbuf_reset(&line);
		if (application_problem_sentence(app, i, &line))
			fprintf(out, "intake: %s\n", line.buf);
	}
	strbuf_release(&line);
}

void application_report_problems(const struct intake_case *app)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < app->n_problems; i++) {
		if (getenv("INTAKE_DEBUG")) {
			strbuf_reset(&line);
			log_problem(app, &app->problems[i], &line);
			report_as(REPORT_DEBUG, "%s", line.buf);
		}
		strbuf_reset(&line);
		if (application_problem_sentence(app, i, &line))
			error("%s", line.buf);
	}
	strbuf_release(&line);
}

void application_from_store(struct intake_case *app,
			    const struct programme *programme,
			    const struct store_application *stored)
{
	size_t i;

	application_init(app, programme);
	app->received_on = stored->received_on;
	for (i = 0; i < stored->n_answers; i++)
		application_set_stored(app, stored->answers[i].field,
				       stored->answers[i].value);
	for (i = 0; i < stored->n_outcomes; i++)
		if (!stored->outcomes[i].voided_at)
			application_add_outcome(app, stored->outcomes[i].code,
						stored->outcomes[i].occurred_on);
}
