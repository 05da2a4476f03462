/* Entering a case in the browser: a new draft, the form of its
 * programme, each answer checked and saved as it is left (autosave) or
 * the whole form posted (no JavaScript), discarding a draft.  The
 * checks and messages are the counter's (application.c, ops/draft.c). */
#include "page_entry.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "draft.h"
#include "form.h"
#include "page_form.h"
#include "page_home.h"
#include "plugin.h"

int draft_page_open(struct pages_context *ctx, const struct page_request *req,
		    struct signed_in *in, long long id,
		    struct draft_page *page, struct page_response *res)
{
	int rc;

	memset(page, 0, sizeof(*page));
	page->id = id;
	rc = store_draft_get(in->store, id, &page->draft);
	if (rc) {
		pages_error(ctx, rc > 0 ? 404 : 500, res);
		return -1;
	}
	if (strcmp(page->draft.staff, in->session.name)) {
		store_draft_release(&page->draft);
		page_refuse(ctx, req, in, res);
		return -1;
	}
	page->programme = registry_find(ctx->registry, page->draft.programme);
	if (!page->programme) {
		store_draft_release(&page->draft);
		pages_error(ctx, 404, res);
		return -1;
	}
	application_init(&page->app, page->programme);
	draft_restore(&page->app, &page->draft);
	return 0;
}

void draft_page_release(struct draft_page *page)
{
	application_release(&page->app);
	store_draft_release(&page->draft);
}

/* --- new --- */

void get_new(struct pages_context *ctx, const struct page_request *req,
	     struct signed_in *in, struct page_response *res)
{
	const struct registry *registry = ctx->registry;
	size_t i;

	res->status = 200;
	page_top(req, in, res, msg(MSG_PAGE_NEW_CASE));
	strbuf_addstr(&res->body, "<form method=\"post\" action=\"/new\">");
	page_csrf_input(&res->body, in);
	strbuf_addstr(&res->body, "\n<p>");
	html_escape(&res->body, msg(MSG_PAGE_CHOOSE_PROGRAMME));
	strbuf_addstr(&res->body, "</p>\n<ul>\n");
	for (i = 0; i < registry->n_programmes; i++) {
		const struct programme *programme = &registry->programmes[i];

		strbuf_addstr(&res->body, "<li><button name=\"programme\""
					  " value=\"");
		html_escape(&res->body, programme->plugin->id);
		strbuf_addstr(&res->body, "\">");
		html_escape(&res->body, programme_title(programme));
		strbuf_addstr(&res->body, "</button></li>\n");
	}
	strbuf_addstr(&res->body, "</ul></form>\n");
	page_end(res);
}

void post_new(struct pages_context *ctx, const struct page_request *req,
	      struct signed_in *in, struct page_response *res)
{
	const struct programme *programme;
	struct post_form form;
	struct intake_case app;
	long long id;
	char *location;
	const char *wanted;

	if (page_post(ctx, req, in, &form, res))
		return;
	wanted = post_get(&form, "programme");
	programme = wanted ? registry_find(ctx->registry, wanted) : NULL;
	post_release(&form);
	if (!programme) {
		pages_error(ctx, 400, res);
		return;
	}
	application_init(&app, programme);
	if (store_draft_create(in->store, programme->plugin->id,
			       in->session.name, &id) ||
	    draft_save(in->store, id, &app, NULL)) {
		pages_error(ctx, 500, res);
	} else {
		location = xstrfmt("/draft/%lld", id);
		page_redirect(res, location);
		free(location);
	}
	application_release(&app);
}

/* --- the form --- */

/* The form page of a draft: typed (may be NULL) holds refused answers
 * as typed; notice (may be NULL) says how a post went. */
static void form_page(const struct page_request *req, struct signed_in *in,
		      struct draft_page *page, char *const *typed,
		      const char *notice, struct page_response *res)
{
	struct strbuf *sb = &res->body;
	char *title = xstrfmt(msg(MSG_PAGE_DRAFT_TITLE),
			      programme_title(page->programme), page->id);

	res->status = 200;
	page_top(req, in, res, title);
	if (notice) {
		strbuf_addstr(sb, "<p class=\"notice\" role=\"status\">");
		html_escape(sb, notice);
		strbuf_addstr(sb, "</p>\n");
	}
	page_form_other_problems(sb, &page->app);
	strbuf_addstr(sb, "<p id=\"offline\" hidden>");
	html_escape(sb, msg(MSG_PAGE_OFFLINE));
	strbuf_addf(sb, "</p>\n<form method=\"post\" action=\"/draft/%lld\">",
		    page->id);
	page_csrf_input(sb, in);
	strbuf_addch(sb, '\n');
	page_form_fields(sb, &page->app, typed);
	strbuf_addstr(sb, "<p><button name=\"action\" value=\"save\">");
	html_escape(sb, msg(MSG_PAGE_SAVE));
	strbuf_addstr(sb, "</button> <button name=\"action\""
			  " value=\"review\">");
	html_escape(sb, msg(MSG_PAGE_TO_REVIEW));
	strbuf_addf(sb, "</button></p>\n</form>\n<form method=\"post\""
			" action=\"/draft/%lld/discard\">", page->id);
	page_csrf_input(sb, in);
	strbuf_addstr(sb, "<p><button>");
	html_escape(sb, msg(MSG_PAGE_DISCARD));
	strbuf_addstr(sb, "</button></p></form>\n"
			  "<script src=\"/entry.js\"></script>\n");
	page_end(res);
	free(title);
}

/* The posted answers of the fields asked, in form order (a `when`
 * sees the answers before it): refused ones as typed into typed[], the
 * others into app.  The last field accepted, or NULL. */
static const char *take_posted(struct draft_page *page,
			       const struct post_form *form, char **typed)
{
	const struct form *fields = page->app.form;
	const char *last = NULL, *value;
	size_t i;

	for (i = 0; i < fields->n_fields; i++) {
		const struct field *field = &fields->fields[i];

		if (!application_asks(&page->app, field))
			continue;
		value = post_get(form, field->id);
		if (!value || (!*value && !page->app.values[i]))
			continue;
		if (draft_answer(&page->app, field->id, value))
			typed[i] = xstrdup(value);
		else
			last = field->id;
	}
	return last;
}

/* POST /draft/ID, once the answers are saved (draft_save gave saved):
 * with action=review and nothing refused, the whole check and on to
 * the review; else the form again with its problems. */
static void after_form_post(struct pages_context *ctx,
			    const struct page_request *req,
			    struct signed_in *in, const struct post_form *form,
			    struct draft_page *page, char *const *typed,
			    int saved, struct page_response *res)
{
	const char *action = post_get(form, "action");
	int refused = page->app.n_problems > 0;
	char *location;

	if (saved) {
		pages_error(ctx, 500, res);
	} else if (!refused && action && !strcmp(action, "review") &&
		   !application_check(&page->app)) {
		location = xstrfmt("/draft/%lld/review", page->id);
		page_redirect(res, location);
		free(location);
	} else {
		form_page(req, in, page, typed,
			  msg(refused ? MSG_PAGE_ANSWERS_REFUSED
				      : MSG_PAGE_ANSWERS_SAVED),
			  res);
		if (page_plugin_failed(&page->app))
			res->status = page_plugin_failed(&page->app);
	}
}

/* --- autosave: one answer, JSON --- */

/* text as a JSON string; < > & escaped too. */
static void json_string(struct strbuf *sb, const char *text)
{
	const unsigned char *p = (const unsigned char *)(text ? text : "");

	strbuf_addch(sb, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			strbuf_addf(sb, "\\%c", *p);
		else if (*p < 0x20 || *p == '<' || *p == '>' || *p == '&')
			strbuf_addf(sb, "\\u%04x", *p);
		else
			strbuf_addch(sb, (char)*p);
	}
	strbuf_addch(sb, '"');
}

/* ,"hidden":[…]: the fields whose `when` is false now. */
static void json_hidden(struct strbuf *sb, const struct intake_case *app)
{
	const struct form *form = app->form;
	size_t i;
	int first = 1;

	strbuf_addstr(sb, ",\"hidden\":[");
	for (i = 0; i < form->n_fields; i++) {
		if (form->fields[i].derived ||
		    application_asks(app, &form->fields[i]))
			continue;
		if (!first)
			strbuf_addch(sb, ',');
		json_string(sb, form->fields[i].id);
		first = 0;
	}
	strbuf_addch(sb, ']');
}

/* Every problem of app, one sentence each. */
static void all_problems(struct strbuf *sb, const struct intake_case *app)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	for (i = 0; i < app->n_problems; i++) {
		strbuf_reset(&line);
		if (!application_problem_sentence(app, i, &line))
			continue;
		if (sb->len)
			strbuf_addch(sb, ' ');
		strbuf_addstr(sb, strbuf_str(&line));
	}
	strbuf_release(&line);
}

static void post_answer(struct pages_context *ctx, struct signed_in *in,
			const struct post_form *form, struct draft_page *page,
			struct page_response *res)
{
	const char *field = post_get(form, "field");
	const char *value = post_get(form, "value");
	struct strbuf problem = STRBUF_INIT;
	struct strbuf *sb = &res->body;
	int refused;

	if (!field || !value) {
		pages_error(ctx, 400, res);
		return;
	}
	refused = draft_answer(&page->app, field, value) != 0;
	if (!refused && draft_save(in->store, page->id, &page->app, field)) {
		pages_error(ctx, 500, res);
		return;
	}
	res->status = refused ? 422 : 200;
	res->content_type = "application/json; charset=utf-8";
	strbuf_addf(sb, "{\"saved\":%s,\"field\":", refused ? "false" : "true");
	json_string(sb, field);
	if (refused) {
		all_problems(&problem, &page->app);
		strbuf_addstr(sb, ",\"problem\":");
		json_string(sb, strbuf_str(&problem));
	} else {
		strbuf_addstr(sb, ",\"value\":");
		json_string(sb, application_value(&page->app, field));
	}
	json_hidden(sb, &page->app);
	strbuf_addstr(sb, "}\n");
	strbuf_release(&problem);
}

/* --- routing under /draft/ --- */

/* "ID" or "ID/what": 0 with *id and *what ("" for none), or -1. */
static int parse_draft_path(const char *rest, long long *id,
			    const char **what)
{
	size_t len = strcspn(rest, "/");
	char number[24];

	if (!len || len >= sizeof(number))
		return -1;
	memcpy(number, rest, len);
	number[len] = '\0';
	if (parse_long_long(number, id) || *id < 1)
		return -1;
	*what = rest[len] ? rest + len + 1 : "";
	return 0;
}

void get_draft(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res)
{
	struct draft_page page;
	const char *what;
	long long id;

	if (parse_draft_path(req->rest, &id, &what) ||
	    (*what && strcmp(what, "review"))) {
		pages_error(ctx, 404, res);
		return;
	}
	if (draft_page_open(ctx, req, in, id, &page, res))
		return;
	if (*what)
		get_review(ctx, req, in, &page, res);
	else
		form_page(req, in, &page, NULL, NULL, res);
	draft_page_release(&page);
}

static void post_discard(struct pages_context *ctx, struct signed_in *in,
			 struct draft_page *page, struct page_response *res)
{
	if (store_draft_discard(in->store, page->id, in->session.name, NULL))
		pages_error(ctx, 500, res);
	else
		page_redirect(res, "/");
}

/*
 * Answers are saved whole (store_draft_save): two requests saving
 * answers of one draft at once would each keep only its own.  Loading
 * and saving them is one step under the draft's lock, one of
 * DRAFT_LOCKS by its id (other drafts go on meanwhile); plugin rules
 * run outside it.
 */
#define DRAFT_LOCKS 64
static pthread_mutex_t draft_locks[DRAFT_LOCKS];
static pthread_once_t draft_locks_once = PTHREAD_ONCE_INIT;

static void draft_locks_init(void)
{
	size_t i;

	for (i = 0; i < DRAFT_LOCKS; i++)
		pthread_mutex_init(&draft_locks[i], NULL);
}

static pthread_mutex_t *draft_lock(long long id)
{
	pthread_once(&draft_locks_once, draft_locks_init);
	return &draft_locks[(unsigned long long)id % DRAFT_LOCKS];
}

/* POST /draft/ID (i 0) or /draft/ID/answer (i 1) on the open draft. */
static void post_answers(struct pages_context *ctx,
			 const struct page_request *req, struct signed_in *in,
			 const struct post_form *form, long long id, int i,
			 struct page_response *res)
{
	pthread_mutex_t *lock = draft_lock(id);
	struct draft_page page;
	char **typed = NULL;
	size_t k, n = 0;
	int saved = 0;

	pthread_mutex_lock(lock);
	if (draft_page_open(ctx, req, in, id, &page, res)) {
		pthread_mutex_unlock(lock);
		return;
	}
	if (i == 1) {
		post_answer(ctx, in, form, &page, res);
	} else {
		n = page.app.form->n_fields;
		typed = xcalloc(n + 1, sizeof(*typed));
		saved = draft_save(in->store, id, &page.app,
				   take_posted(&page, form, typed));
	}
	pthread_mutex_unlock(lock);
	if (i == 0)
		after_form_post(ctx, req, in, form, &page, typed, saved, res);
	for (k = 0; k < n; k++)
		free(typed[k]);
	free(typed);
	draft_page_release(&page);
}

void post_draft(struct pages_context *ctx, const struct page_request *req,
		struct signed_in *in, struct page_response *res)
{
	static const char *const actions[] = {"", "answer", "confirm",
					      "discard"};
	struct draft_page page;
	struct post_form form;
	const char *what;
	long long id;
	size_t i = 0;

	if (!parse_draft_path(req->rest, &id, &what))
		while (i < ARRAY_SIZE(actions) && strcmp(what, actions[i]))
			i++;
	else
		i = ARRAY_SIZE(actions);
	if (i == ARRAY_SIZE(actions)) {
		pages_error(ctx, 404, res);
		return;
	}
	if (page_post(ctx, req, in, &form, res))
		return;
	if (i <= 1) {
		post_answers(ctx, req, in, &form, id, (int)i, res);
	} else if (!draft_page_open(ctx, req, in, id, &page, res)) {
		if (i == 2)
			post_confirm(ctx, req, in, &form, &page, res);
		else
			post_discard(ctx, in, &page, res);
		draft_page_release(&page);
	}
	post_release(&form);
}
