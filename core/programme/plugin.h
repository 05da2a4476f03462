/* Loading programme plugins: dlopen, ABI checks, the registry. */
#ifndef INTAKE_CORE_PLUGIN_H
#define INTAKE_CORE_PLUGIN_H

#include <stddef.h>
#include <stdio.h>

#include <intake/plugin.h>

#include "form.h"
#include "messages.h"

/* A loaded programme: its plugin and its form. */
struct programme {
	const struct intake_plugin *plugin;
	void *handle; /* from dlopen; never closed while in use */
	char *path;
	struct form form;
	int started; /* the form is loaded and checked, init has run */
};

/*
 * Load one plugin file and its form (plugin->form, in form_dir), in this
 * order, refusing at the first problem with a message naming the file:
 * not a regular file, file or directory writable by group or others or
 * owned by someone other than root or the user, not a loadable shared
 * object, no INTAKE_PLUGIN_SYMBOL, wrong magic, other ABI major, newer
 * ABI minor, descriptor smaller than its minor needs, a bad id, receipt
 * prefix, outcome list, fields list or outcome needs, a form that does
 * not load or whose id differs, a declared field (ABI 1.1) the form
 * lacks, has with another type or without a code the plugin relies on
 * (every such field is printed, one line each), init refusing the form
 * (its reasons are printed), a follow-up's [rules] value (ABI 1.3) that
 * the form sets outside 1..1200 months.  The fields list of a 1.0
 * descriptor, the outcome needs of a 1.0 or 1.1 descriptor and the
 * amounts and follow-ups of one older than 1.3 are never read.
 * Returns 0 or -1.
 */
int programme_load(struct programme *programme, const char *path,
		   const char *form_dir);
/*
 * `intake plugin check FILE.so`: run every check of programme_load on one
 * file, then, when plugin_dir loads (registry_load; otherwise a warning
 * says the prefix was not compared), refuse a receipt prefix a loaded
 * programme of another id already uses, naming it; print what was found
 * (id, version, ABI, titles, receipt prefix, form and its field count,
 * callbacks, declared fields, outcomes, outcome needs, outcomes with an
 * amount, follow-ups with their months) to out, or why it
 * is refused.  Returns 0, or EXIT_CONFIG when refused.
 */
int plugin_check(const char *path, const char *plugin_dir,
		 const char *form_dir, FILE *out);

/*
 * `intake plugin check --form FILE`: load one form file with form_load,
 * wherever it is (not yet installed), and print what was found: id,
 * version, first fiscal year, rules, each field with its type, flags,
 * `when`, choice codes and date bounds, the bounds of received_on and of
 * outcome dates ([outcome.<code>]).  Codes and fields a plugin relies
 * on are not compared: that needs the plugin (plugin_check).  Returns
 * 0, or EXIT_CONFIG when the form is refused (form_load said why).
 */
int plugin_form_check(const char *path, FILE *out);

/*
 * The descriptor checks of programme_load, in its order, on a descriptor
 * in memory: NULL, magic, ABI major, ABI minor, size, id, receipt prefix,
 * version, titles, form file name (a plain name in form_dir), outcomes
 * (at least one; valid unique codes, both labels, once 0 or 1), declared
 * fields (minor 1 and newer: each with an id and a field type; codes
 * only on choice or multi, none empty), outcome needs (minor 2 and
 * newer: code and needs declared outcomes, not the same, a rule id, both
 * messages), amounts (minor 3 and newer: a declared outcome each, once,
 * required 0 or 1), follow-ups (minor 3 and newer: code and after
 * declared outcomes, not the same, months 1 to 1200, months_rule NULL or
 * a rule key).  Prints the first problem naming path; returns 0 or -1.
 */
int plugin_descriptor_check(const struct intake_plugin *plugin,
			    const char *path);

/* A programme id or outcome code: [a-z][a-z0-9_]*, not too long.  A
 * receipt prefix: [A-Z]{2,8}.  1 when text is one, else 0. */
int plugin_valid_code(const char *text);
int plugin_valid_prefix(const char *text);

/* Call fini (init succeeded: fini is never called after a refused init);
 * release the form and path.  The shared object stays mapped. */
void programme_release(struct programme *programme);

/* The outcome with this code, or NULL. */
const struct intake_outcome *programme_outcome(const struct programme *p,
					       const char *code);
/* The label of outcome code in language; code itself when p is NULL or
 * has no such outcome. */
const char *programme_outcome_label(const struct programme *p,
				    const char *code, enum language language);
/* The outcome a name people type means: its code, or its Japanese or
 * English label, whole, compared as registry_lookup does; or NULL. */
const struct intake_outcome *
programme_outcome_named(const struct programme *p, const char *name);
/* The outcome needs of the descriptor (ABI 1.2) and their count in *n;
 * NULL and 0 for a 1.0 or 1.1 descriptor, or when it declares none. */
const struct intake_outcome_need *
programme_outcome_needs(const struct programme *programme, size_t *n);
/* The declared amount of outcome code (ABI 1.3), or NULL when code
 * carries none (always for an older descriptor). */
const struct intake_outcome_amount *
programme_outcome_amount(const struct programme *programme, const char *code);
/* The follow-ups of the descriptor (ABI 1.3) and their count in *n;
 * NULL and 0 for an older descriptor, or when it declares none. */
const struct intake_follow_up *
programme_follow_ups(const struct programme *programme, size_t *n);
/* The months after which follow_up falls due: the form's [rules] value
 * of its months_rule when the form has a usable one, else its months. */
int programme_follow_up_months(const struct programme *programme,
			       const struct intake_follow_up *follow_up);
/* The programme's title in the current language. */
const char *programme_title(const struct programme *programme);

struct registry {
	struct programme *programmes; /* sorted by id */
	size_t n_programmes;
};

/* Load every *.so in plugin_dir (a missing directory is an error); of
 * two plugins with the same programme id or the same receipt prefix,
 * the second (by file name) is refused, naming both.  0 or -1. */
int registry_load(struct registry *registry, const char *plugin_dir,
		  const char *form_dir);
void registry_release(struct registry *registry);
/*
 * registry_load in two steps, for a command that needs one programme:
 * registry_open opens and checks every plugin of plugin_dir (ids and
 * prefixes compared) without reading a form; registry_start reads one
 * programme's form and runs the rest of programme_load's checks and
 * init, once (on refusal the programme stays opened, not started).
 * A programme not started has no form: only its plugin may be used.
 * 0 or -1 (printed).
 */
int registry_open(struct registry *registry, const char *plugin_dir);
int registry_start(struct programme *programme, const char *form_dir);
int registry_start_all(struct registry *registry, const char *form_dir);
/* The programme with this id exactly, or NULL (ids as stored). */
const struct programme *registry_find(const struct registry *registry,
				      const char *id);
/*
 * The programmes a name people type may mean, by the first of these
 * that any programme matches: its id; its receipt prefix; its Japanese
 * or English title, whole; a part of either title.  Name, prefixes and
 * titles are compared after text_normalize, ASCII case ignored ("kgy",
 * "ＫＧＹ" and "KGY" are one prefix).  Fills found (room for
 * n_programmes) and returns how many matched: 1 is the answer, 0 none
 * (an empty name matches none), more an ambiguous name.
 */
size_t registry_lookup(const struct registry *registry, const char *name,
		       const struct programme **found);

#endif
