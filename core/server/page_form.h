/* An application's form as HTML: fields in form order with labels,
 * help, choices, saved answers and problems; answers as a table. */
#ifndef INTAKE_PAGE_FORM_H
#define INTAKE_PAGE_FORM_H

#include "page.h"

struct intake_case;

/*
 * The fields staff answer (derived ones left out), each in a
 * <div class="field" id="w-F" data-field="F"> with the hidden
 * attribute when its `when` is false on app's answers: label, required
 * mark, help, the input (id f-F, name F) holding the answer (typed[i]
 * instead when not NULL: an answer refused), and its problems from
 * app in <span class="problem" id="p-F" role="alert">.  typed may be
 * NULL.
 */
void page_form_fields(struct strbuf *sb, const struct intake_case *app,
		      char *const *typed);

/* The problems of app not about a field the form asks (the whole
 * application, received_on, a derived field), as error paragraphs. */
void page_form_other_problems(struct strbuf *sb,
			      const struct intake_case *app);

/* The sentences of app's problems on field_id (application_problem_
 * sentence), joined by a space, unescaped; empty when none. */
void page_field_problems(struct strbuf *sb, const struct intake_case *app,
			 const char *field_id);

/* The answers of app as a table: label, value as people read it
 * (choice labels), problems; derived values marked. */
void page_answers_table(struct strbuf *sb, const struct intake_case *app,
			enum language lang);

#endif
