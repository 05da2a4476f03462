/* Working a taken case: withdraw, reopen, void an outcome, add a memo,
 * and the checks of what staff type for them (every front end). */
#ifndef INTAKE_LIFECYCLE_H
#define INTAKE_LIFECYCLE_H

#include <stddef.h>

#include "messages.h"

struct store;
struct store_application;

/* Characters a note or a reason may have at most. */
#define NOTE_MAX 1000

/* A note or reason typed by staff (what names it in the message): safe
 * text (text_check_safe, lines allowed), at most NOTE_MAX characters.
 * NULL when it is, else why in lang (malloced). */
char *lifecycle_text_problem(enum language lang, const char *what,
			     const char *text);

/* An outcome date as staff type it (a date field reads it: 和暦 too):
 * 0 and *date (yyyymmdd), or -1 and *expected (malloced). */
int lifecycle_parse_date(const char *text, long *date, char **expected);

/* An amount as staff type it, read as a yen field reads it (1,000,000,
 * 100万, 1.5万 円): 0 and *yen, or -1 and *expected (malloced). */
int lifecycle_parse_amount(const char *text, long long *yen, char **expected);

/*
 * Each below is one store transaction with its audit row, staff being
 * who acts.  A reason is required and checked as lifecycle_text_problem
 * checks it (reason_word names it).  They return 0 done, 1 refused
 * with *why (malloced, in lang: the reason or text refused, already
 * withdrawn, not withdrawn, no such outcome), or -1 when the store
 * failed (store_status says why).
 */
struct lifecycle_request {
	struct store *store;
	const struct store_application *stored;
	enum language lang;
	const char *staff;
	const char *reason, *reason_word;
};

/* The request's reason given and fit to keep?  NULL, or why not
 * (malloced), as every function below checks it. */
char *lifecycle_reason_problem(const struct lifecycle_request *request);

/* Withdraw the case (withdrawn 1) or reopen it (0). */
int lifecycle_set_withdrawn(const struct lifecycle_request *request,
			    int withdrawn, char **why);

/* Void outcome number (its id, as show lists it: "#12" or "12"). */
int lifecycle_void(const struct lifecycle_request *request, const char *number,
		   char **why);

/* Store the corrections of app (amend_check passed on it and stored)
 * with the request's reason (checked first): 0 and *n_changes (0:
 * nothing differs, nothing written), 1 with *why, or -1. */
struct intake_case;
int lifecycle_amend(const struct lifecycle_request *request,
		    const struct intake_case *app, size_t *n_changes,
		    char **why);

/* Add text as a memo: not empty, checked as lifecycle_text_problem
 * checks it (request->reason unused; reason_word names the text). */
int lifecycle_note(const struct lifecycle_request *request, const char *text,
		   char **why);

#endif
