/* The follow-ups due at the account's office, as `intake due` finds
 * them, each linking to its case. */
#include "page_case.h"

#include <stdlib.h>
#include <string.h>

#include "due_list.h"
#include "page_home.h"
#include "value.h"

static void due_row(struct strbuf *sb, enum language lang,
		    const struct due_item *item)
{
	const struct intake_plugin *plugin = item->programme->plugin;
	char due_on[11], after_on[11], *after;

	date_to_iso(item->due_on, due_on);
	date_to_iso(item->after_on, after_on);
	strbuf_addstr(sb, "<tr>");
	page_cell(sb, due_on);
	page_link_cell(sb, "/case/", item->receipt);
	page_cell(sb, item->name);
	page_cell(sb, page_label(lang, plugin->title_ja, plugin->title_en));
	page_cell(sb,
		  programme_outcome_label(item->programme,
					  item->follow_up->code, lang));
	after = xstrfmt(
	    "%s %s",
	    programme_outcome_label(item->programme,
				    item->follow_up->after, lang),
	    after_on);
	page_cell(sb, after);
	page_cell(sb, item->office);
	strbuf_addstr(sb, "</tr>\n");
	free(after);
}

static void due_table(struct strbuf *sb, enum language lang,
		      const struct due_list *list)
{
	static const enum msg_id columns[] = {
	    MSG_PAGE_DUE_ON,	 MSG_PAGE_RECEIPT,  MSG_PAGE_APPLICANT,
	    MSG_PAGE_PROGRAMME,	 MSG_PAGE_DUE_WHAT, MSG_PAGE_DUE_AFTER,
	    MSG_PAGE_CASE_OFFICE};
	size_t i;

	page_table_head(sb, lang, columns, ARRAY_SIZE(columns));
	for (i = 0; i < list->n; i++)
		due_row(sb, lang, &list->items[i]);
	strbuf_addstr(sb, "</table>\n");
}

void get_due(struct pages_context *ctx, const struct page_request *req,
	     struct signed_in *in, struct page_response *res)
{
	enum language lang = in->language;
	struct due_list list = {0};
	int rc;

	rc = due_collect(in->store, ctx->registry, NULL, page_office_filter(in),
			 today_yyyymmdd(), &list);
	res->status = rc ? 500 : 200;
	page_top(req, in, res, msg_in(lang, MSG_PAGE_DUE_TITLE));
	if (rc)
		page_error_text(res, msg_in(lang, MSG_PAGE_STORE_FAILED));
	else if (!list.n)
		page_error_text(res, msg_in(lang, MSG_PAGE_DUE_NONE));
	else
		due_table(&res->body, lang, &list);
	page_end(res);
	due_list_release(&list);
}
