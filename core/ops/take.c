/* Taking a case: a checked application stored with its receipt. */
#include "take.h"

#include <stdlib.h>

#include "application.h"
#include "form.h"
#include "plugin.h"
#include "store.h"
#include "util.h"
#include "value.h"

size_t take_answers(const struct intake_case *app, int with_received,
		    char received[11], struct store_answer **answers)
{
	const struct form *form = app->form;
	size_t i, n = 0;

	*answers = xcalloc(form->n_fields + 1, sizeof(**answers));
	if (with_received) {
		date_to_iso(app->received_on, received);
		(*answers)[n].field = (char *)"received_on";
		(*answers)[n++].value = received;
	}
	for (i = 0; i < form->n_fields; i++)
		if (app->values[i]) {
			(*answers)[n].field = form->fields[i].id;
			(*answers)[n++].value = app->values[i];
		}
	return n;
}

int take_case(struct store *store, const struct intake_case *app,
	      const struct take *take, char **receipt)
{
	const struct intake_plugin *plugin = app->programme->plugin;
	struct store_new_application row = {0};
	struct store_answer *answers;
	int rc;

	row.n_answers = take_answers(app, 0, NULL, &answers);
	row.answers = answers;
	row.programme = plugin->id;
	row.receipt_prefix = plugin->receipt_prefix;
	row.plugin_version = plugin->version;
	row.form_version = app->programme->form.version;
	row.received_on = app->received_on;
	row.office = take->office;
	row.staff = take->staff;
	row.draft_id = take->draft_id;
	row.link_receipt = take->link_receipt;
	row.link_note = take->link_note;
	row.source_id = take->source_id;
	rc = store_add_application(store, &row, receipt);
	free(answers);
	return rc;
}
