/* Finding cases: what staff type, turned into store lookups. */
#ifndef INTAKE_FIND_H
#define INTAKE_FIND_H

#include <stddef.h>

#include "store.h"

/*
 * Search keys.  A name or kana answer is looked up by the prefix of its
 * folded form: NFKC (text_normalize: half-width kana become full width,
 * full-width ASCII becomes ASCII), hiragana as katakana, ASCII letters
 * in lower case, spaces (U+0020, U+3000, tabs) and the middle dot
 * U+30FB left out.  So ｱｵﾓﾘ, あおもり, アオモリ and "ア オ モ リ" all
 * fold to アオモリ.  Malloced; NULL when text is not valid UTF-8.
 */
char *find_fold(const char *text);

/*
 * The keys the store keeps for one name or kana answer: the folded
 * whole, then the folded text from each word on (after a space or a
 * middle dot), so that "青森 太郎" is found by 青森 and by 太郎.
 * Distinct, malloced (free each, then the array); returns how many.
 */
size_t find_name_keys(const char *answer, char ***keys);

/* What a free text (`intake find TEXT`) is taken for. */
enum find_kind {
	FIND_RECEIPT,    /* PREFIX-YYYY-NNNNNN: that receipt */
	FIND_TAIL,       /* 1 to 6 digits, or YYYY-NNNNNN: receipts
			    ending in it */
	FIND_PHONE,      /* 10 or 11 digits with - ( ) or spaces */
	FIND_BIRTH_DATE, /* what a date field takes (和暦 too) */
	FIND_NAME        /* else: a prefix of a name or its kana */
};

/*
 * Guess what text is, in the order of enum find_kind, and give it in
 * the form it is looked up in (malloced into *value): the receipt in
 * upper case; the tail as its 6 digits ("000012", or "2026-000012");
 * the phone as digits; the date as ISO; the name folded.  Returns the
 * kind, or -1 when nothing is left to look for (blank text, or only
 * spaces and dots).
 */
int find_guess(const char *text, char **value);

/* What staff asked for: any of these may be NULL (0 for the ints).
 * Every criterion given must hold. */
struct find_query {
	const char *text; /* guessed as find_guess says */
	const char *receipt, *name, *kana, *birth_date, *phone;
	const char *programme, *office, *staff, *status;
	const char *from, *to; /* received on or after, on or before: any
				  form a date field takes */
	long month;            /* yyyymm of received_on, 0: all */
	int today;             /* received today (INTAKE_TODAY) */
	long limit;            /* rows at most, 0: all */
	int newest_first;      /* by received_on then id, newest first;
				  else by id */
	int details;           /* fill name, name_kana, outcome_on */
};

/* A query refused before the store is asked: which option (NULL for
 * the free text), what was given, and what is expected (malloced, in
 * the current language). */
struct find_error {
	const char *option;
	const char *given;
	char *expected;
};
void find_error_release(struct find_error *error);

/*
 * Turn query into a store lookup and walk what it finds: fn gets each
 * row (see store_find), at most query->limit of them; *more is set
 * when more rows matched than the limit.  Returns 0, 1 when the query
 * is refused (error filled, nothing looked up), -1 when the store
 * failed (the store said why), or what fn returned to stop the walk.
 * Never prints, never exits.
 */
int find_walk(struct store *store, const struct find_query *query,
	      store_found_fn fn, void *context, int *more,
	      struct find_error *error);

#endif
