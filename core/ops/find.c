/* Finding cases: what staff type, turned into store lookups. */
#include "find.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "messages.h"
#include "util.h"
#include "value.h"

/* Folding. */

/* The code point at *p (valid UTF-8: text_normalize checked it), and
 * *p moved past it. */
static unsigned long next_code_point(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	unsigned long cp;
	int len, i;

	if (s[0] < 0x80) {
		*p += 1;
		return s[0];
	}
	len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	cp = s[0] & (0x3f >> (len - 1));
	for (i = 1; i < len && s[i]; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	*p += i;
	return cp;
}

/* Spaces and the middle dot separate words; they never count. */
static int is_separator(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x30fb;
}

/* Hiragana ぁ..ゖ and ゝゞ as katakana; anything else as it is. */
static unsigned long katakana_of(unsigned long cp)
{
	if ((cp >= 0x3041 && cp <= 0x3096) || cp == 0x309d || cp == 0x309e)
		return cp + 0x60;
	return cp;
}

/* Append a kana code point (U+3000..U+30FF: three bytes). */
static void add_kana(struct strbuf *sb, unsigned long cp)
{
	strbuf_addch(sb, (int)(0xe0 | cp >> 12));
	strbuf_addch(sb, (int)(0x80 | (cp >> 6 & 0x3f)));
	strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
}

/* Fold normalised text into sb. */
static void fold_into(struct strbuf *sb, const char *text)
{
	const char *p = text, *start;
	unsigned long cp;

	while (*p) {
		start = p;
		cp = next_code_point(&p);
		if (is_separator(cp))
			continue;
		if (katakana_of(cp) != cp)
			add_kana(sb, katakana_of(cp));
		else if (cp >= 'A' && cp <= 'Z')
			strbuf_addch(sb, (int)(cp - 'A' + 'a'));
		else
			strbuf_add(sb, start, (size_t)(p - start));
	}
}

char *find_fold(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	char *normal = text_normalize(text, 0);

	if (!normal)
		return NULL;
	fold_into(&sb, normal);
	free(normal);
	return strbuf_detach(&sb);
}

/* Add the fold of text to keys unless empty or there already. */
static void add_key(char ***keys, size_t *n, size_t *alloc, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	fold_into(&sb, text);
	for (i = 0; i < *n && sb.len; i++)
		if (!strcmp((*keys)[i], sb.buf))
			break;
	if (!sb.len || i < *n) {
		strbuf_release(&sb);
		return;
	}
	ALLOC_GROW(*keys, *n + 1, *alloc);
	(*keys)[(*n)++] = strbuf_detach(&sb);
}

size_t find_name_keys(const char *answer, char ***keys)
{
	char *normal = text_normalize(answer, 0);
	const char *p, *start;
	size_t n = 0, alloc = 0;
	int after_separator = 0;

	*keys = NULL;
	if (!normal)
		return 0;
	add_key(keys, &n, &alloc, normal);
	for (p = normal; *p;) {
		start = p;
		if (is_separator(next_code_point(&p))) {
			after_separator = 1;
			continue;
		}
		if (after_separator)
			add_key(keys, &n, &alloc, start);
		after_separator = 0;
	}
	free(normal);
	return n;
}

/* Guessing. */

/* The length of the run of ASCII digits at text. */
static size_t digits_at(const char *text)
{
	size_t n = 0;

	while (isdigit((unsigned char)text[n]))
		n++;
	return n;
}

/* "1" to "999999" as six digits ("000001"): NULL for anything else. */
static char *sequence_of(const char *digits, size_t len)
{
	long long number;
	char *text = xstrndup(digits, len);
	int bad = len < 1 || len > 6 || parse_long_long(text, &number);

	free(text);
	if (bad || number < 1)
		return NULL;
	return xstrfmt("%06lld", number);
}

/* PREFIX-YYYY-N…: the receipt with the prefix in upper case and the
 * sequence in six digits; NULL when text is not one. */
static char *receipt_of(const char *text)
{
	size_t letters = 0, i;
	char *sequence, *receipt;

	while (isalpha((unsigned char)text[letters]))
		letters++;
	if (!letters || text[letters] != '-' ||
	    digits_at(text + letters + 1) != 4 || text[letters + 5] != '-')
		return NULL;
	sequence = sequence_of(text + letters + 6,
			       strlen(text + letters + 6));
	if (!sequence)
		return NULL;
	receipt = xstrfmt("%.*s-%.4s-%s", (int)letters, text,
			  text + letters + 1, sequence);
	for (i = 0; i < letters; i++)
		receipt[i] = (char)toupper((unsigned char)receipt[i]);
	free(sequence);
	return receipt;
}

/* "12" or "2026-12": the tail "000012" or "2026-000012", else NULL. */
static char *tail_of(const char *text)
{
	size_t len = strlen(text);
	char *sequence, *tail;

	if (digits_at(text) == len)
		return sequence_of(text, len);
	if (digits_at(text) != 4 || text[4] != '-' ||
	    digits_at(text + 5) != len - 5)
		return NULL;
	sequence = sequence_of(text + 5, len - 5);
	if (!sequence)
		return NULL;
	tail = xstrfmt("%.4s-%s", text, sequence);
	free(sequence);
	return tail;
}

/* Digits with - ( ) or spaces between, 10 or 11 of them: the digits. */
static char *phone_of(const char *text)
{
	struct strbuf digits = STRBUF_INIT;

	for (; *text; text++) {
		if (isdigit((unsigned char)*text))
			strbuf_addch(&digits, *text);
		else if (!strchr("-() ", *text))
			break;
	}
	if (*text || digits.len < 10 || digits.len > 11) {
		strbuf_release(&digits);
		return NULL;
	}
	return strbuf_detach(&digits);
}

/* Parse text as a field of type would take it: the stored form, or
 * NULL and *expected (malloced). */
static char *parse_as(enum field_type type, const char *text,
		      char **expected)
{
	struct field field;
	char *stored = NULL, *why = NULL;

	memset(&field, 0, sizeof(field));
	field.id = (char *)"find";
	field.type = type;
	if (value_parse(&field, text, &stored, &why) == 0)
		return stored;
	if (expected)
		*expected = why;
	else
		free(why);
	return NULL;
}

/* The shapes of numbers and receipts, on text normalised as numbers. */
static int guess_number(const char *number, char **value)
{
	if ((*value = receipt_of(number)))
		return FIND_RECEIPT;
	if ((*value = tail_of(number)))
		return FIND_TAIL;
	if ((*value = phone_of(number)))
		return FIND_PHONE;
	return -1;
}

int find_guess(const char *text, char **value)
{
	char *number = text_normalize(text, 1);
	int kind = number ? guess_number(number, value) : -1;

	free(number);
	if (kind >= 0)
		return kind;
	if ((*value = parse_as(FIELD_DATE, text, NULL)))
		return FIND_BIRTH_DATE;
	*value = find_fold(text);
	if (*value && **value)
		return FIND_NAME;
	free(*value);
	*value = NULL;
	return -1;
}

/* Turning a query into a store lookup. */

void find_error_release(struct find_error *error)
{
	free(error->expected);
	memset(error, 0, sizeof(*error));
}

/* A store lookup and the strings it points to. */
struct lookup {
	struct store_query query;
	char *owned[8];
	size_t n_owned;
};

static const char *own(struct lookup *lookup, char *text)
{
	if (lookup->n_owned == ARRAY_SIZE(lookup->owned))
		BUG("a find query owns too many strings");
	lookup->owned[lookup->n_owned++] = text;
	return text;
}

static void lookup_release(struct lookup *lookup)
{
	size_t i;

	for (i = 0; i < lookup->n_owned; i++)
		free(lookup->owned[i]);
}

static int refuse(struct find_error *error, const char *option,
		  const char *given, char *expected)
{
	error->option = option;
	error->given = given;
	error->expected = expected;
	return 1;
}

/* A receipt tail "000012" or "2026-000012" into the query. */
static void set_tail(struct lookup *lookup, const char *tail)
{
	const char *dash = strchr(tail, '-');

	lookup->query.sequence = dash ? dash + 1 : tail;
	if (dash)
		lookup->query.fiscal_year = own(lookup, xstrndup(tail, 4));
}

/* A name or kana key; two of them cannot both drive the lookup. */
static int set_key(struct lookup *lookup, char *key, int kinds,
		   const char *option, const char *given,
		   struct find_error *error)
{
	own(lookup, key);
	if (!key || !*key)
		return refuse(error, option, given,
			      xstrdup(msg(MSG_FIND_EXPECTED_NAME)));
	if (lookup->query.key && strcmp(lookup->query.key, key))
		return refuse(error, option, given,
			      xstrdup(msg(MSG_FIND_ONE_NAME)));
	lookup->query.key = key;
	lookup->query.key_kinds |= kinds;
	return 0;
}

/* The free text, as find_guess takes it. */
static int add_text(struct lookup *lookup, const char *text,
		    struct find_error *error)
{
	char *value = NULL;
	int kind = find_guess(text, &value);

	if (kind == FIND_NAME)
		return set_key(lookup, value, 0, NULL, text, error);
	own(lookup, value);
	switch (kind) {
	case FIND_RECEIPT: lookup->query.receipt = value; return 0;
	case FIND_TAIL: set_tail(lookup, value); return 0;
	case FIND_PHONE: lookup->query.phone = value; return 0;
	case FIND_BIRTH_DATE: lookup->query.birth_date = value; return 0;
	default:
		return refuse(error, NULL, text,
			      xstrdup(msg(MSG_FIND_EXPECTED_TEXT)));
	}
}

/* --receipt: a whole receipt or its tail. */
static int add_receipt(struct lookup *lookup, const char *text,
		       struct find_error *error)
{
	char *number = text_normalize(text, 1);
	char *value = NULL;
	int kind = number ? guess_number(number, &value) : -1;

	free(number);
	own(lookup, value);
	if (kind == FIND_RECEIPT)
		lookup->query.receipt = value;
	else if (kind == FIND_TAIL)
		set_tail(lookup, value);
	else
		return refuse(error, "--receipt", text,
			      xstrdup(msg(MSG_FIND_EXPECTED_RECEIPT)));
	return 0;
}

/* A date option into *yyyymmdd (ISO into *iso when iso is not NULL). */
static int add_date(struct lookup *lookup, const char *option,
		    const char *text, long *yyyymmdd, const char **iso,
		    struct find_error *error)
{
	char *expected = NULL;
	char *stored = parse_as(FIELD_DATE, text, &expected);

	if (!stored)
		return refuse(error, option, text, expected);
	own(lookup, stored);
	if (iso)
		*iso = stored;
	if (yyyymmdd)
		date_from_iso(stored, yyyymmdd);
	return 0;
}

static int add_phone(struct lookup *lookup, const char *text,
		     struct find_error *error)
{
	char *expected = NULL;
	char *stored = parse_as(FIELD_PHONE, text, &expected);

	if (!stored)
		return refuse(error, "--phone", text, expected);
	lookup->query.phone = own(lookup, stored);
	return 0;
}

/* Narrow received_on to [from, to] (0: open). */
static void narrow_received(struct store_query *query, long from, long to)
{
	if (from && (!query->from || from > query->from))
		query->from = from;
	if (to && (!query->to || to < query->to))
		query->to = to;
}

/* --from, --to, --month and --today, all of which must hold. */
static int add_received(struct lookup *lookup, const struct find_query *q,
			struct find_error *error)
{
	long from = 0, to = 0, today;

	if ((q->from && add_date(lookup, "--from", q->from, &from, NULL,
				 error)) ||
	    (q->to && add_date(lookup, "--to", q->to, &to, NULL, error)))
		return 1;
	narrow_received(&lookup->query, from, to);
	if (q->month)
		narrow_received(&lookup->query, q->month * 100 + 1,
				q->month * 100 + 31);
	if (q->today) {
		today = today_yyyymmdd();
		narrow_received(&lookup->query, today, today);
	}
	return 0;
}

/* The lookups that find people: text, receipt, name, kana, birth
 * date, phone. */
static int add_people(struct lookup *lookup, const struct find_query *q,
		      struct find_error *error)
{
	if (q->text && add_text(lookup, q->text, error))
		return 1;
	if (q->receipt && add_receipt(lookup, q->receipt, error))
		return 1;
	if (q->name && set_key(lookup, find_fold(q->name), STORE_KEY_NAME,
			       "--name", q->name, error))
		return 1;
	if (q->kana && set_key(lookup, find_fold(q->kana), STORE_KEY_KANA,
			       "--kana", q->kana, error))
		return 1;
	if (q->birth_date &&
	    add_date(lookup, "--birth-date", q->birth_date, NULL,
		     &lookup->query.birth_date, error))
		return 1;
	return q->phone && add_phone(lookup, q->phone, error);
}

/* Fill lookup from q: 0, or 1 with error filled. */
static int compile(const struct find_query *q, struct lookup *lookup,
		   struct find_error *error)
{
	struct store_query *query = &lookup->query;

	if (add_people(lookup, q, error) || add_received(lookup, q, error))
		return 1;
	query->programme = q->programme;
	query->office = q->office;
	query->staff = q->staff;
	query->status = q->status;
	query->limit = q->limit > 0 ? q->limit + 1 : 0; /* one more: more? */
	query->newest_first = q->newest_first;
	query->details = q->details;
	return 0;
}

/* The walk: at most limit rows to fn, the one after says "more". */
struct walk {
	store_found_fn fn;
	void *context;
	long limit, seen;
	int more;
};

static int walk_row(const struct store_found *found, void *context)
{
	struct walk *walk = context;

	if (walk->limit > 0 && walk->seen == walk->limit) {
		walk->more = 1;
		return 1;
	}
	walk->seen++;
	return walk->fn(found, walk->context);
}

int find_walk(struct store *store, const struct find_query *query,
	      store_found_fn fn, void *context, int *more,
	      struct find_error *error)
{
	struct lookup lookup;
	struct walk walk = { fn, context, query->limit, 0, 0 };
	int ret;

	memset(&lookup, 0, sizeof(lookup));
	memset(error, 0, sizeof(*error));
	*more = 0;
	ret = compile(query, &lookup, error);
	if (!ret) {
		ret = store_find(store, &lookup.query, walk_row, &walk);
		if (walk.more) {
			*more = 1;
			ret = 0;
		}
	}
	lookup_release(&lookup);
	return ret;
}
