/* `when` conditions: skip logic on earlier answers of a form. */
#ifndef INTAKE_CONDITION_H
#define INTAKE_CONDITION_H

#include <stddef.h>

struct form;
struct field;

/*
 * Grammar (case-insensitive keywords):
 *   expr    := or
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | primary
 *   primary := "(" expr ")" | FIELD op VALUE | FIELD "in" "(" VALUE
 *              ("," VALUE)* ")"
 *   op      := "=" | "!=" | "<" | ">" | "<=" | ">="
 * VALUE is a bare word or a "quoted string"; it is parsed and normalised
 * with the field's own type (so `grant_requested = yes` compares with the
 * stored 1, and a date may be written 令和2年4月1日).  `<` and `>`
 * compare numbers for integer, yen and bool fields, dates by date, and
 * are refused for other types.  On a multi field, `=` and `in` hold when
 * the answer contains the code.  A comparison with an unanswered field
 * is false (so `not` of it is true).
 */
struct condition;

/*
 * Parse text; only fields before form->fields[upto] may be named.
 * Returns NULL on error and sets *why (malloced, current language).
 */
struct condition *condition_parse(const char *text, const struct form *form,
				  size_t upto, char **why);
void condition_free(struct condition *condition);

/* The stored answer of a field, or NULL when it has none. */
typedef const char *(*condition_lookup_fn)(const struct field *field,
					   void *context);

/* 1 when the condition holds, 0 otherwise. */
int condition_eval(const struct condition *condition,
		   condition_lookup_fn lookup, void *context);

#endif
