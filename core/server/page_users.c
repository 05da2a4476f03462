/* The accounts page (admin): every account, read-only. */
#include "page_users.h"

#include <stdio.h>
#include <time.h>

#include "page_home.h"

/* What a row needs besides its account. */
struct users_walk {
	struct strbuf *sb;
	long long now;
};

static void table_head(struct strbuf *sb, enum language lang)
{
	static const enum msg_id columns[] = {
	    MSG_PAGE_NAME,	MSG_PAGE_ROLE,	   MSG_PAGE_OFFICE,
	    MSG_PAGE_LANGUAGE,	MSG_PAGE_DISABLED, MSG_PAGE_LOCKED_UNTIL,
	    MSG_PAGE_LAST_LOGIN};

	page_table_head(sb, lang, columns, ARRAY_SIZE(columns));
}

static int user_row(const struct store_account *account, void *context)
{
	struct users_walk *walk = context;
	char until[32] = "";
	time_t when = (time_t)account->locked_until;
	struct tm tm;

	if (account->locked_until > walk->now && gmtime_r(&when, &tm))
		strftime(until, sizeof(until), "%Y-%m-%dT%H:%M:%SZ", &tm);
	strbuf_addstr(walk->sb, "<tr>");
	page_cell(walk->sb, account->name);
	page_cell(walk->sb, account->role);
	page_cell(walk->sb, account->office);
	page_cell(walk->sb, account->language);
	page_cell(walk->sb, account->disabled_at);
	page_cell(walk->sb, *until ? until : NULL);
	page_cell(walk->sb, account->last_login_at);
	strbuf_addstr(walk->sb, "</tr>\n");
	return 0;
}

void get_users(struct pages_context *ctx, const struct page_request *req,
	       struct signed_in *in, struct page_response *res)
{
	struct strbuf rows = STRBUF_INIT;
	struct users_walk walk = {&rows, (long long)time(NULL)};

	if (store_account_list(in->store, user_row, &walk) < 0) {
		strbuf_release(&rows);
		pages_error(ctx, 500, res);
		return;
	}
	res->status = 200;
	page_top(req, in, res, msg_in(in->language, MSG_PAGE_USERS));
	table_head(&res->body, in->language);
	strbuf_addstr(&res->body, strbuf_str(&rows));
	strbuf_addstr(&res->body, "</table>\n<p>");
	html_escape(&res->body, msg_in(in->language, MSG_PAGE_USERS_CLI));
	strbuf_addstr(&res->body, "</p>\n");
	page_end(res);
	strbuf_release(&rows);
}
