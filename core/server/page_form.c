/* An application's form as HTML: the fields in form order, and the
 * answers as a table.  Texts come from the form file in the thread's
 * language (msg_set_thread_language). */
#include "page_form.h"

#include <stdlib.h>
#include <string.h>

#include "application.h"
#include "draft.h"
#include "form.h"
#include "plugin.h"
#include "value.h"

void page_field_problems(struct strbuf *sb, const struct intake_case *app,
			 const char *field_id)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < app->n_problems; i++) {
		const char *field = app->problems[i].field;

		strbuf_reset(&line);
		if (!field || strcmp(field, field_id) ||
		    !application_problem_sentence(app, i, &line))
			continue;
		if (sb->len)
			strbuf_addch(sb, ' ');
		strbuf_addstr(sb, strbuf_str(&line));
	}
	strbuf_release(&line);
}

/* Is field_id one the form page shows an input for? */
static int asked_field(const struct intake_case *app, const char *field_id)
{
	const struct field *field =
		field_id ? form_field(app->form, field_id) : NULL;

	return field && !field->derived;
}

void page_form_other_problems(struct strbuf *sb,
			      const struct intake_case *app)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < app->n_problems; i++) {
		if (asked_field(app, app->problems[i].field))
			continue;
		strbuf_reset(&line);
		if (!application_problem_sentence(app, i, &line))
			continue;
		strbuf_addstr(sb, "<p class=\"error\" role=\"alert\">");
		html_escape(sb, strbuf_str(&line));
		strbuf_addstr(sb, "</p>\n");
	}
	strbuf_release(&line);
}

static void add_option(struct strbuf *sb, const char *value,
		       const char *label, const char *current)
{
	strbuf_addstr(sb, "<option value=\"");
	html_escape(sb, value);
	strbuf_addch(sb, '"');
	if (current && !strcmp(current, value))
		strbuf_addstr(sb, " selected");
	strbuf_addch(sb, '>');
	html_escape(sb, label);
	strbuf_addstr(sb, "</option>");
}

/* id="f-F" name="F" aria-describedby="…" */
static void input_names(struct strbuf *sb, const struct field *field)
{
	strbuf_addstr(sb, " id=\"f-");
	html_escape(sb, field->id);
	strbuf_addstr(sb, "\" name=\"");
	html_escape(sb, field->id);
	strbuf_addstr(sb, "\" aria-describedby=\"h-");
	html_escape(sb, field->id);
	strbuf_addstr(sb, " p-");
	html_escape(sb, field->id);
	strbuf_addch(sb, '"');
	if (field->required)
		strbuf_addstr(sb, " aria-required=\"true\"");
}

/* A choice or a yes/no: a select with an empty first option. */
static void add_select(struct strbuf *sb, const struct field *field,
		       const char *current)
{
	size_t i;

	strbuf_addstr(sb, "<select");
	input_names(sb, field);
	strbuf_addch(sb, '>');
	add_option(sb, "", "", current);
	if (field->type == FIELD_BOOL) {
		add_option(sb, "1", msg(MSG_PAGE_YES), current);
		add_option(sb, "0", msg(MSG_PAGE_NO), current);
	}
	for (i = 0; i < field->n_choices; i++)
		add_option(sb, field->choices[i].code,
			   msg_pick(field->choices[i].label_ja,
				    field->choices[i].label_en),
			   current);
	strbuf_addstr(sb, "</select>");
}

static void add_input(struct strbuf *sb, const struct field *field,
		      const char *current)
{
	if (field->type == FIELD_CHOICE || field->type == FIELD_BOOL) {
		add_select(sb, field, current);
		return;
	}
	if (field->type == FIELD_TEXT && field->multiline) {
		strbuf_addstr(sb, "<textarea");
		input_names(sb, field);
		strbuf_addch(sb, '>');
		html_escape(sb, current);
		strbuf_addstr(sb, "</textarea>");
		return;
	}
	strbuf_addstr(sb, "<input type=\"text\" autocomplete=\"off\"");
	input_names(sb, field);
	strbuf_addstr(sb, " value=\"");
	html_escape(sb, current);
	strbuf_addstr(sb, "\">");
}

/* The hint of the form file, what the field accepts, how it is
 * written: <span class="hint" id="h-F">. */
static void add_help(struct strbuf *sb, const struct field *field)
{
	const char *hint = msg_pick(field->hint_ja, field->hint_en);
	const char *how = field->type == FIELD_CHOICE ||
					  field->type == FIELD_BOOL
				  ? NULL
				  : field_type_help(field->type);
	char *accepts = field->type == FIELD_CHOICE ? xstrdup("")
						    : field_accepts(field);

	strbuf_addstr(sb, "<span class=\"hint\" id=\"h-");
	html_escape(sb, field->id);
	strbuf_addstr(sb, "\">");
	html_escape(sb, hint);
	if (*accepts) {
		strbuf_addstr(sb, *hint ? " (" : "(");
		html_escape(sb, accepts);
		strbuf_addch(sb, ')');
	}
	if (how) {
		strbuf_addstr(sb, *hint || *accepts ? " " : "");
		html_escape(sb, how);
	}
	strbuf_addstr(sb, "</span>");
	free(accepts);
}

static void add_field(struct strbuf *sb, const struct intake_case *app,
		      const struct field *field, const char *current)
{
	struct strbuf problems = STRBUF_INIT;

	strbuf_addstr(sb, "<div class=\"field\" id=\"w-");
	html_escape(sb, field->id);
	strbuf_addstr(sb, "\" data-field=\"");
	html_escape(sb, field->id);
	strbuf_addch(sb, '"');
	if (!application_asks(app, field))
		strbuf_addstr(sb, " hidden");
	strbuf_addstr(sb, ">\n<label for=\"f-");
	html_escape(sb, field->id);
	strbuf_addstr(sb, "\">");
	html_escape(sb, field_label(field));
	if (field->required) {
		strbuf_addstr(sb, " <span class=\"required\">");
		html_escape(sb, msg(MSG_PAGE_REQUIRED));
		strbuf_addstr(sb, "</span>");
	}
	strbuf_addstr(sb, "</label>\n");
	add_help(sb, field);
	strbuf_addch(sb, '\n');
	add_input(sb, field, current);
	page_field_problems(&problems, app, field->id);
	strbuf_addstr(sb, "\n<span class=\"problem\" id=\"p-");
	html_escape(sb, field->id);
	strbuf_addstr(sb, "\" role=\"alert\" aria-live=\"polite\">");
	html_escape(sb, strbuf_str(&problems));
	strbuf_addstr(sb, "</span>\n</div>\n");
	strbuf_release(&problems);
}

void page_form_fields(struct strbuf *sb, const struct intake_case *app,
		      char *const *typed)
{
	const struct form *form = app->form;
	size_t i;

	for (i = 0; i < form->n_fields; i++) {
		const struct field *field = &form->fields[i];

		if (field->derived)
			continue;
		add_field(sb, app, field,
			  typed && typed[i] ? typed[i] : app->values[i]);
	}
}

static void answer_row(struct strbuf *sb, const struct intake_case *app,
		       const char *label, const char *shown,
		       const char *field_id, int derived)
{
	struct strbuf problems = STRBUF_INIT;

	strbuf_addstr(sb, derived ? "<tr class=\"derived\"><th>= "
				  : "<tr><th>");
	html_escape(sb, label);
	strbuf_addstr(sb, "</th><td>");
	html_escape(sb, shown ? shown : "-");
	strbuf_addstr(sb, "</td><td class=\"problem\">");
	page_field_problems(&problems, app, field_id);
	html_escape(sb, strbuf_str(&problems));
	strbuf_addstr(sb, "</td></tr>\n");
	strbuf_release(&problems);
}

void page_answers_table(struct strbuf *sb, const struct intake_case *app,
			enum language lang)
{
	const struct form *form = app->form;
	size_t i;

	strbuf_addf(sb,
		    "<table>\n<tr><th>%s</th><th>%s</th><th></th></tr>\n",
		    msg_in(lang, MSG_PAGE_FIELD), msg_in(lang, MSG_PAGE_ANSWER));
	answer_row(sb, app, application_field_label(app, RECEIVED_ON_FIELD),
		   application_value(app, RECEIVED_ON_FIELD),
		   RECEIVED_ON_FIELD, 0);
	for (i = 0; i < form->n_fields; i++) {
		const struct field *field = &form->fields[i];
		char *shown;

		if (!app->values[i] && (field->derived ||
					!application_asks(app, field)))
			continue;
		shown = app->values[i] ? value_format(field, app->values[i])
				       : NULL;
		answer_row(sb, app, field_label(field), shown, field->id,
			   field->derived);
		free(shown);
	}
	strbuf_addstr(sb, "</table>\n");
}
