/* What falls due after an outcome: the follow-ups of each programme. */
#include "due_list.h"

#include <stdlib.h>
#include <string.h>

#include "plugin.h"
#include "store.h"
#include "util.h"
#include "value.h"

/* The walk of one follow-up. */
struct due_walk {
	struct due_list *list;
	const struct programme *programme;
	const struct intake_follow_up *follow_up;
	int months;
	long limit;
};

static int collect_due(const struct store_due_row *row, void *context)
{
	struct due_walk *walk = context;
	struct due_list *list = walk->list;
	long due_on = date_add_months(row->after_on, walk->months);
	struct due_item *item;

	if (due_on > walk->limit)
		return 0;
	ALLOC_GROW(list->items, list->n + 1, list->alloc);
	item = &list->items[list->n++];
	item->due_on = due_on;
	item->after_on = row->after_on;
	item->receipt = xstrdup(row->receipt);
	item->name = row->name ? xstrdup(row->name) : NULL;
	item->office = row->office ? xstrdup(row->office) : NULL;
	item->programme = walk->programme;
	item->follow_up = walk->follow_up;
	return 0;
}

/* The cases of one follow-up due by walk->limit. */
static int collect_follow_up(struct store *store, struct due_walk *walk,
			     const char *office)
{
	struct store_due_query query = {0};
	long first;

	walk->months =
	    programme_follow_up_months(walk->programme, walk->follow_up);
	/* Due in month M + months: a first date after the end of the
	 * limit's month less months cannot be due by the limit. */
	first = date_add_months(walk->limit / 100 * 100 + 1, -walk->months);
	query.programme = walk->programme->plugin->id;
	query.after = walk->follow_up->after;
	query.code = walk->follow_up->code;
	query.office = office;
	query.until = first / 100 * 100 + 31;
	return store_due(store, &query, collect_due, walk);
}

static int collect_programme(struct store *store, struct due_walk *walk,
			     const char *office)
{
	const struct intake_follow_up *follow_ups;
	size_t i, n;

	follow_ups = programme_follow_ups(walk->programme, &n);
	for (i = 0; i < n; i++) {
		walk->follow_up = &follow_ups[i];
		if (collect_follow_up(store, walk, office))
			return -1;
	}
	return 0;
}

/* Oldest due first, then by receipt. */
static int compare_items(const void *a, const void *b)
{
	const struct due_item *left = a, *right = b;

	if (left->due_on != right->due_on)
		return left->due_on < right->due_on ? -1 : 1;
	return strcmp(left->receipt, right->receipt);
}

int due_collect(struct store *store, const struct registry *registry,
		const char *programme_id, const char *office, long limit,
		struct due_list *list)
{
	struct due_walk walk = {0};
	size_t i;

	walk.list = list;
	walk.limit = limit;
	for (i = 0; i < registry->n_programmes; i++) {
		walk.programme = &registry->programmes[i];
		if (programme_id &&
		    strcmp(programme_id, walk.programme->plugin->id))
			continue;
		if (collect_programme(store, &walk, office))
			return -1;
	}
	if (list->n)
		qsort(list->items, list->n, sizeof(*list->items),
		      compare_items);
	return 0;
}

void due_list_release(struct due_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++) {
		free(list->items[i].receipt);
		free(list->items[i].name);
		free(list->items[i].office);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}
