/* The home page (today's cases, my drafts), find (the terminal's
 * find). */
#include "page_home.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "find.h"
#include "value.h"

#define FIND_ROWS 100

/* Links to the pages the account's role may open. */
static void page_nav(const struct signed_in *in, struct page_response *res)
{
	static const struct {
		const char *path;
		enum msg_id label;
		enum page_role role;
	} links[] = {
		{"/", MSG_PAGE_HOME, ROLE_COUNTER},
		{"/due", MSG_PAGE_DUE_TITLE, ROLE_COUNTER},
		{"/tally", MSG_PAGE_TALLY_LINK, ROLE_MANAGER},
		{"/users", MSG_PAGE_USERS, ROLE_ADMIN},
	};
	size_t i;

	strbuf_addstr(&res->body, "<nav class=\"noprint\"><p>");
	for (i = 0; i < ARRAY_SIZE(links); i++) {
		if (in->role < links[i].role)
			continue;
		strbuf_addf(&res->body, "%s<a href=\"%s\">", i ? " | " : "",
			    links[i].path);
		html_escape(&res->body, msg_in(in->language, links[i].label));
		strbuf_addstr(&res->body, "</a>");
	}
	strbuf_addstr(&res->body, "</p></nav>\n");
}

void page_top(const struct page_request *req, const struct signed_in *in,
	      struct page_response *res, const char *title)
{
	enum language lang = in->language;
	const char *office = in->session.office;
	char *who;

	page_begin(res, lang, title);
	page_nav(in, res);
	who = xstrfmt(msg_in(lang, MSG_PAGE_LOGGED_IN), in->session.name,
		      in->session.role,
		      office ? office : msg_in(lang, MSG_PAGE_NO_OFFICE));
	strbuf_addstr(&res->body, "<p class=\"noprint\">");
	html_escape(&res->body, who);
	strbuf_addstr(&res->body, "</p>\n<form method=\"post\""
				  " action=\"/logout\">");
	page_csrf_input(&res->body, in);
	strbuf_addf(&res->body, "<button>%s</button></form>\n"
				"<form method=\"get\" action=\"/find\">"
				"<p><input name=\"q\" placeholder=\"",
		    msg_in(lang, MSG_PAGE_LOGOUT));
	html_escape(&res->body, msg_in(lang, MSG_PAGE_SEARCH_HINT));
	strbuf_addstr(&res->body, "\" value=\"");
	html_escape(&res->body, req->query);
	strbuf_addf(&res->body, "\"> <button>%s</button></p></form>\n",
		    msg_in(lang, MSG_PAGE_SEARCH));
	free(who);
}

/* My drafts (the terminal counter's too): one drafts table. */
struct my_drafts {
	const struct pages_context *ctx;
	const char *staff;
	struct strbuf rows;
};

static int my_draft(const struct store_draft *draft, void *context)
{
	struct my_drafts *mine = context;
	const struct programme *programme =
		registry_find(mine->ctx->registry, draft->programme);
	struct strbuf *sb = &mine->rows;
	char updated[32];

	if (strcmp(draft->staff, mine->staff))
		return 0;
	utc_to_local(draft->updated_at, updated, sizeof(updated));
	strbuf_addf(sb, "<tr><td><a href=\"/draft/%lld\">%lld</a></td>",
		    draft->id, draft->id);
	page_cell(sb, draft->name ? draft->name : msg(MSG_PAGE_NO_NAME_YET));
	page_cell(sb, programme ? programme_title(programme)
				: draft->programme);
	page_cell(sb, updated);
	strbuf_addstr(sb, "</tr>\n");
	return 0;
}

static void heading(struct strbuf *sb, const char *text)
{
	strbuf_addstr(sb, "<h2>");
	html_escape(sb, text);
	strbuf_addstr(sb, "</h2>\n");
}

static void drafts_section(const struct pages_context *ctx,
			   struct signed_in *in, struct page_response *res)
{
	static const enum msg_id columns[] = {
		MSG_PAGE_DRAFT, MSG_PAGE_APPLICANT, MSG_PAGE_PROGRAMME,
		MSG_PAGE_UPDATED};
	struct my_drafts mine = {ctx, in->session.name, STRBUF_INIT};
	struct strbuf *sb = &res->body;

	heading(sb, msg(MSG_PAGE_MY_DRAFTS));
	if (store_draft_list(in->store, my_draft, &mine))
		page_error_text(res, msg(MSG_PAGE_STORE_FAILED));
	else if (!mine.rows.len)
		page_error_text(res, msg(MSG_PAGE_NO_DRAFTS));
	else {
		page_table_head(sb, in->language, columns,
				ARRAY_SIZE(columns));
		strbuf_addstr(sb, strbuf_str(&mine.rows));
		strbuf_addstr(sb, "</table>\n");
	}
	strbuf_release(&mine.rows);
}

static int today_row(const struct store_found *found, void *context)
{
	struct strbuf *sb = context;

	strbuf_addstr(sb, "<tr>");
	page_link_cell(sb, "/receipt/", found->receipt);
	page_cell(sb, found->programme);
	page_cell(sb, found->name);
	page_cell(sb, found->status);
	strbuf_addstr(sb, "</tr>\n");
	return 0;
}

/* Today's cases at the offices the account sees. */
static void today_section(struct signed_in *in, struct page_response *res)
{
	static const enum msg_id columns[] = {
		MSG_PAGE_RECEIPT, MSG_PAGE_PROGRAMME, MSG_PAGE_APPLICANT,
		MSG_PAGE_STATUS};
	struct store_query query = {0};
	struct strbuf rows = STRBUF_INIT;
	const char *office = page_office_filter(in);
	char *title;

	query.office = office;
	query.from = query.to = today_yyyymmdd();
	query.limit = FIND_ROWS;
	query.newest_first = 1;
	query.details = 1;
	title = xstrfmt(msg(MSG_PAGE_TODAY),
			!office	  ? msg(MSG_PAGE_ALL_OFFICES)
			: *office ? office
				  : msg(MSG_PAGE_NO_OFFICE));
	heading(&res->body, title);
	if (store_find(in->store, &query, today_row, &rows))
		page_error_text(res, msg(MSG_PAGE_STORE_FAILED));
	else if (!rows.len)
		page_error_text(res, msg(MSG_PAGE_NO_CASES_TODAY));
	else {
		page_table_head(&res->body, in->language, columns,
				ARRAY_SIZE(columns));
		strbuf_addstr(&res->body, strbuf_str(&rows));
		strbuf_addstr(&res->body, "</table>\n");
	}
	strbuf_release(&rows);
	free(title);
}

void get_home(struct pages_context *ctx, const struct page_request *req,
	      struct signed_in *in, struct page_response *res)
{
	res->status = 200;
	page_top(req, in, res, msg_in(in->language, MSG_PAGE_HOME));
	strbuf_addstr(&res->body, "<p><a href=\"/new\">");
	html_escape(&res->body, msg(MSG_PAGE_NEW_CASE));
	strbuf_addstr(&res->body, "</a></p>\n");
	drafts_section(ctx, in, res);
	today_section(in, res);
	page_end(res);
}

static int found_row(const struct store_found *found, void *context)
{
	struct strbuf *sb = context;
	char date[11];

	date_to_iso(found->received_on, date);
	strbuf_addstr(sb, "<tr>");
	page_link_cell(sb, "/case/", found->receipt);
	page_cell(sb, found->programme);
	page_cell(sb, found->name);
	page_cell(sb, date);
	page_cell(sb, found->status);
	strbuf_addstr(sb, "</tr>\n");
	return 0;
}

static void table_head(struct strbuf *sb, enum language lang)
{
	static const enum msg_id columns[] = {
		MSG_PAGE_RECEIPT, MSG_PAGE_PROGRAMME, MSG_PAGE_APPLICANT,
		MSG_PAGE_RECEIVED, MSG_PAGE_STATUS};

	page_table_head(sb, lang, columns, ARRAY_SIZE(columns));
}

/* The rows of text into a table (or why not) in res. */
static void find_results(struct signed_in *in, const char *text,
			 struct page_response *res)
{
	struct find_query query = {0};
	struct find_error problem = {0};
	struct strbuf rows = STRBUF_INIT;
	char *more_text;
	int more = 0, rc;

	query.text = text;
	query.limit = FIND_ROWS;
	query.newest_first = 1;
	query.details = 1;
	query.office = page_office_filter(in);
	rc = find_walk(in->store, &query, found_row, &rows, &more, &problem);
	if (rc == 1)
		page_error_text(res, problem.expected);
	else if (rc < 0)
		page_error_text(res, msg_in(in->language,
					    MSG_PAGE_STORE_FAILED));
	else if (!rows.len)
		page_error_text(res, msg_in(in->language, MSG_PAGE_NONE_FOUND));
	else {
		table_head(&res->body, in->language);
		strbuf_addstr(&res->body, strbuf_str(&rows));
		strbuf_addstr(&res->body, "</table>\n");
	}
	if (!rc && more) {
		more_text = xstrfmt(msg_in(in->language, MSG_PAGE_MORE),
				    FIND_ROWS);
		page_error_text(res, more_text);
		free(more_text);
	}
	find_error_release(&problem);
	strbuf_release(&rows);
}

void get_find(struct pages_context *ctx, const struct page_request *req,
	      struct signed_in *in, struct page_response *res)
{
	res->status = 200;
	page_top(req, in, res, msg_in(in->language, MSG_PAGE_HOME));
	if (req->query && *req->query)
		find_results(in, req->query, res);
	page_end(res);
}
