/* `when` conditions: a tokenizer, a recursive-descent parser, an evaluator. */
#include "condition.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "form.h"
#include "messages.h"
#include "util.h"
#include "value.h"

/* Parentheses and `not`s nest at most this deep. */
#define CONDITION_MAX_DEPTH 32

/* U+3000 IDEOGRAPHIC SPACE, typed by Japanese input methods. */
#define IDEOGRAPHIC_SPACE "\xe3\x80\x80"

enum token_kind {
	TOKEN_END,
	TOKEN_WORD,   /* a bare word: field name, keyword or value */
	TOKEN_STRING, /* a "quoted string" */
	TOKEN_OPEN,
	TOKEN_CLOSE,
	TOKEN_COMMA,
	TOKEN_OPERATOR,
};

enum compare_op { OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE, OP_IN };

struct token {
	enum token_kind kind;
	const char *start; /* the token as written */
	size_t len;
	char *text; /* word or string contents (unescaped) */
	enum compare_op op;
};

enum node_kind { NODE_OR, NODE_AND, NODE_NOT, NODE_COMPARE };

struct condition {
	enum node_kind kind;
	struct condition **children; /* or, and: two or more; not: one */
	size_t n_children;
	const struct field *field; /* compare: field op value(s) */
	enum compare_op op;
	char **values; /* stored forms, as value_parse gives */
	size_t n_values;
};

struct parser {
	const struct form *form;
	size_t upto;
	struct token *tokens;
	size_t n_tokens, alloc_tokens;
	size_t pos;
	int depth;
	char *why;
};

static const char *const op_names[] = {
    [OP_EQ] = "=",  [OP_NE] = "!=", [OP_LT] = "<",  [OP_GT] = ">",
    [OP_LE] = "<=", [OP_GE] = ">=", [OP_IN] = "in",
};

/* ---- Errors -------------------------------------------------------- */

static void fail(struct parser *p, char *why)
{
	if (p->why)
		free(why); /* the first problem is the one to report */
	else
		p->why = why;
}

/* "'text'" for a token as written, "the end" at the end. */
static char *token_shown(const struct token *token)
{
	if (token->kind == TOKEN_END)
		return xstrdup(msg(MSG_CONDITION_THE_END));
	return xstrfmt("'%.*s'", (int)token->len, token->start);
}

/* "after 'x'" (the token before the current one), or "at the start". */
static char *position_shown(const struct parser *p)
{
	const struct token *before;
	char *text, *shown;

	if (!p->pos)
		return xstrdup(msg(MSG_CONDITION_AT_START));
	before = &p->tokens[p->pos - 1];
	text = xstrndup(before->start, before->len);
	shown = xstrfmt(msg(MSG_CONDITION_AFTER), text);
	free(text);
	return shown;
}

/* Report "expected X <position>, got <token>"; returns NULL. */
static void *expected(struct parser *p, enum msg_id id)
{
	char *where = position_shown(p);
	char *got = token_shown(&p->tokens[p->pos]);

	fail(p, xstrfmt(msg(id), where, got));
	free(where);
	free(got);
	return NULL;
}

/* ---- Tokens -------------------------------------------------------- */

static size_t space_at(const char *text)
{
	if (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r')
		return 1;
	if (!strncmp(text, IDEOGRAPHIC_SPACE, 3))
		return 3;
	return 0;
}

/* Bytes that end a bare word (UTF-8 sequences never do, but U+3000). */
static int ends_word(const char *text)
{
	return !*text || space_at(text) || strchr("()\",=!<>", *text);
}

static struct token *add_token(struct parser *p, enum token_kind kind,
			       const char *start, size_t len)
{
	struct token *token;

	ALLOC_GROW(p->tokens, p->n_tokens + 1, p->alloc_tokens);
	token = &p->tokens[p->n_tokens++];
	memset(token, 0, sizeof(*token));
	token->kind = kind;
	token->start = start;
	token->len = len;
	return token;
}

/* An operator at text: its length and *op, or 0. */
static size_t operator_at(const char *text, enum compare_op *op)
{
	static const enum compare_op longest_first[] = {
	    OP_NE, OP_LE, OP_GE, OP_EQ, OP_LT, OP_GT,
	};

	for (size_t i = 0; i < ARRAY_SIZE(longest_first); i++) {
		const char *name = op_names[longest_first[i]];

		if (!strncmp(text, name, strlen(name))) {
			*op = longest_first[i];
			return strlen(name);
		}
	}
	return 0;
}

/* A "quoted string" at text (\" and \\ escape): its length, or 0. */
static size_t string_at(struct parser *p, const char *text)
{
	struct strbuf contents = STRBUF_INIT;
	const char *end = text + 1;
	struct token *token;

	for (; *end && *end != '"'; end++) {
		if (*end == '\\' && (end[1] == '"' || end[1] == '\\'))
			end++;
		strbuf_addch(&contents, *end);
	}
	if (!*end) {
		char *shown = xstrfmt("'%s'", text);

		fail(p, xstrfmt(msg(MSG_CONDITION_UNCLOSED), shown));
		free(shown);
		strbuf_release(&contents);
		return 0;
	}
	token = add_token(p, TOKEN_STRING, text, (size_t)(end + 1 - text));
	token->text = strbuf_detach(&contents);
	return token->len;
}

static size_t word_at(struct parser *p, const char *text)
{
	const char *end = text;
	struct token *token;

	while (!ends_word(end))
		end++;
	token = add_token(p, TOKEN_WORD, text, (size_t)(end - text));
	token->text = xstrndup(text, token->len);
	return token->len;
}

/* The token at text: its length, or 0 after reporting a problem. */
static size_t token_at(struct parser *p, const char *text)
{
	static const char singles[] = "(),";
	static const enum token_kind single_kinds[] = {
	    TOKEN_OPEN,
	    TOKEN_CLOSE,
	    TOKEN_COMMA,
	};
	const char *single = strchr(singles, *text);
	char shown[4] = {'\'', *text, '\'', '\0'};
	enum compare_op op;
	size_t len;

	if (single) {
		add_token(p, single_kinds[single - singles], text, 1);
		return 1;
	}
	if ((len = operator_at(text, &op))) {
		add_token(p, TOKEN_OPERATOR, text, len)->op = op;
		return len;
	}
	if (*text == '"')
		return string_at(p, text);
	if (!ends_word(text))
		return word_at(p, text);
	/* Only a '!' without '=' gets here. */
	fail(p, xstrfmt(msg(MSG_CONDITION_BAD_CHARACTER), shown));
	return 0;
}

static int tokenize(struct parser *p, const char *text)
{
	while (*text) {
		size_t len = space_at(text);

		if (!len && !(len = token_at(p, text)))
			return -1;
		text += len;
	}
	add_token(p, TOKEN_END, text, 0);
	return 0;
}

/* ---- Parsing ------------------------------------------------------- */

static const struct token *peek(const struct parser *p)
{
	return &p->tokens[p->pos];
}

static void advance(struct parser *p)
{
	if (p->tokens[p->pos].kind != TOKEN_END)
		p->pos++;
}

static int is_keyword(const struct token *token, const char *keyword)
{
	return token->kind == TOKEN_WORD && !strcasecmp(token->text, keyword);
}

static int is_any_keyword(const struct token *token)
{
	return is_keyword(token, "and") || is_keyword(token, "or") ||
	       is_keyword(token, "not") || is_keyword(token, "in");
}

static struct condition *node_new(enum node_kind kind)
{
	struct condition *node = xcalloc(1, sizeof(*node));

	node->kind = kind;
	return node;
}

static void node_add(struct condition *node, struct condition *child)
{
	node->children =
	    xrealloc(node->children, (node->n_children + 1) * sizeof(child));
	node->children[node->n_children++] = child;
}

static struct condition *parse_or(struct parser *p);

/* One of "and"/"or" joining operands parsed by operand. */
static struct condition *
parse_joined(struct parser *p, const char *keyword, enum node_kind kind,
	     struct condition *(*operand)(struct parser *))
{
	struct condition *first = operand(p), *node = NULL, *next;

	if (!first)
		return NULL;
	while (is_keyword(peek(p), keyword)) {
		advance(p);
		if (!(next = operand(p))) {
			condition_free(node ? node : first);
			return NULL;
		}
		if (!node) {
			node = node_new(kind);
			node_add(node, first);
		}
		node_add(node, next);
	}
	return node ? node : first;
}

static int deeper(struct parser *p)
{
	if (p->depth < CONDITION_MAX_DEPTH) {
		p->depth++;
		return 0;
	}
	fail(p, xstrfmt(msg(MSG_CONDITION_TOO_DEEP), CONDITION_MAX_DEPTH));
	return -1;
}

/* A named field that this field may test, or NULL after reporting. */
static const struct field *field_named(struct parser *p, const char *name)
{
	const struct field *field = form_field(p->form, name);
	size_t index;

	if (!field) {
		fail(p, xstrfmt(msg(MSG_CONDITION_UNKNOWN_FIELD), name));
		return NULL;
	}
	index = (size_t)(field - p->form->fields);
	if (index == p->upto)
		fail(p, xstrfmt(msg(MSG_CONDITION_SELF), name));
	else if (index > p->upto)
		fail(p, xstrfmt(msg(MSG_CONDITION_LATER), name));
	return index < p->upto ? field : NULL;
}

static int is_ordered(enum field_type type)
{
	return type == FIELD_INTEGER || type == FIELD_YEN ||
	       type == FIELD_BOOL || type == FIELD_DATE;
}

static int check_operator(struct parser *p, const struct field *field,
			  enum compare_op op)
{
	if (op == OP_EQ || op == OP_NE || op == OP_IN ||
	    is_ordered(field->type))
		return 0;
	fail(p, xstrfmt(msg(MSG_CONDITION_UNORDERED), op_names[op], field->id,
			field_type_name(field->type)));
	return -1;
}

/* A literal, parsed and normalised as an answer to field. */
static int add_value(struct parser *p, struct condition *node)
{
	const struct token *token = peek(p);
	const struct field *field = node->field;
	char *stored = NULL, *why = NULL;

	if (token->kind != TOKEN_WORD && token->kind != TOKEN_STRING) {
		expected(p, MSG_CONDITION_EXPECT_VALUE);
		return -1;
	}
	if (value_parse(field, token->text, &stored, &why)) {
		fail(p, xstrfmt(msg(MSG_CONDITION_BAD_VALUE), field->id,
				token->text, why ? why : ""));
		free(why);
		return -1;
	}
	if (field->type == FIELD_MULTI && strchr(stored, ',')) {
		fail(p, xstrfmt(msg(MSG_CONDITION_ONE_CODE), field->id,
				token->text));
		free(stored);
		return -1;
	}
	node->values =
	    xrealloc(node->values, (node->n_values + 1) * sizeof(stored));
	node->values[node->n_values++] = stored;
	advance(p);
	return 0;
}

/* "(" VALUE ("," VALUE)* ")" after "in". */
static int parse_list(struct parser *p, struct condition *node)
{
	if (peek(p)->kind != TOKEN_OPEN) {
		expected(p, MSG_CONDITION_EXPECT_OPEN);
		return -1;
	}
	advance(p);
	for (;;) {
		if (add_value(p, node))
			return -1;
		if (peek(p)->kind == TOKEN_CLOSE) {
			advance(p);
			return 0;
		}
		if (peek(p)->kind != TOKEN_COMMA) {
			expected(p, MSG_CONDITION_EXPECT_COMMA);
			return -1;
		}
		advance(p);
	}
}

/* FIELD op VALUE | FIELD in (VALUE, …), the field name just read. */
static struct condition *parse_comparison(struct parser *p,
					  const struct field *field)
{
	struct condition *node = node_new(NODE_COMPARE);
	const struct token *token = peek(p);
	int failed;

	node->field = field;
	if (token->kind == TOKEN_OPERATOR) {
		node->op = token->op;
		advance(p);
		failed =
		    check_operator(p, field, node->op) || add_value(p, node);
	} else if (is_keyword(token, "in")) {
		node->op = OP_IN;
		advance(p);
		failed = parse_list(p, node);
	} else {
		expected(p, MSG_CONDITION_EXPECT_OPERATOR);
		failed = 1;
	}
	if (failed) {
		condition_free(node);
		return NULL;
	}
	return node;
}

static struct condition *parse_group(struct parser *p)
{
	struct condition *inner;

	advance(p);
	if (deeper(p))
		return NULL;
	if (!(inner = parse_or(p)))
		return NULL;
	p->depth--;
	if (peek(p)->kind != TOKEN_CLOSE) {
		condition_free(inner);
		return expected(p, MSG_CONDITION_EXPECT_CLOSE);
	}
	advance(p);
	return inner;
}

static struct condition *parse_primary(struct parser *p)
{
	const struct token *token = peek(p);
	const struct field *field;

	if (token->kind == TOKEN_OPEN)
		return parse_group(p);
	if (token->kind != TOKEN_WORD || is_any_keyword(token))
		return expected(p, MSG_CONDITION_EXPECT_FIELD);
	if (!(field = field_named(p, token->text)))
		return NULL;
	advance(p);
	return parse_comparison(p, field);
}

static struct condition *parse_not(struct parser *p)
{
	struct condition *node, *inner;

	if (!is_keyword(peek(p), "not"))
		return parse_primary(p);
	advance(p);
	if (deeper(p))
		return NULL;
	if (!(inner = parse_not(p)))
		return NULL;
	p->depth--;
	node = node_new(NODE_NOT);
	node_add(node, inner);
	return node;
}

static struct condition *parse_and(struct parser *p)
{
	return parse_joined(p, "and", NODE_AND, parse_not);
}

static struct condition *parse_or(struct parser *p)
{
	return parse_joined(p, "or", NODE_OR, parse_and);
}

static void parser_release(struct parser *p)
{
	for (size_t i = 0; i < p->n_tokens; i++)
		free(p->tokens[i].text);
	free(p->tokens);
}

struct condition *condition_parse(const char *text, const struct form *form,
				  size_t upto, char **why)
{
	struct parser p = {form, upto, NULL, 0, 0, 0, 0, NULL};
	struct condition *condition = NULL;

	if (!tokenize(&p, text) && (condition = parse_or(&p)) &&
	    peek(&p)->kind != TOKEN_END) {
		condition_free(condition);
		condition = expected(&p, MSG_CONDITION_EXPECT_END);
	}
	parser_release(&p);
	if (!condition)
		*why = p.why ? p.why : xstrdup("");
	else
		free(p.why);
	return condition;
}

void condition_free(struct condition *condition)
{
	if (!condition)
		return;
	for (size_t i = 0; i < condition->n_children; i++)
		condition_free(condition->children[i]);
	free(condition->children);
	for (size_t i = 0; i < condition->n_values; i++)
		free(condition->values[i]);
	free(condition->values);
	free(condition);
}

/* ---- Evaluation ---------------------------------------------------- */

static int holds(enum compare_op op, int order)
{
	switch (op) {
	case OP_EQ:
	case OP_IN: return order == 0;
	case OP_NE: return order != 0;
	case OP_LT: return order < 0;
	case OP_GT: return order > 0;
	case OP_LE: return order <= 0;
	case OP_GE: return order >= 0;
	}
	return 0;
}

/* Whether a multi answer "a,b,c" contains code. */
static int contains_code(const char *answer, const char *code)
{
	size_t len = strlen(code);

	for (const char *at = answer; at; at = strchr(at, ',')) {
		at += *at == ',';
		if (!strncmp(at, code, len) && (at[len] == ',' || !at[len]))
			return 1;
	}
	return 0;
}

static int compare_multi(const struct condition *node, const char *answer)
{
	int found = 0;

	for (size_t i = 0; i < node->n_values && !found; i++)
		found = contains_code(answer, node->values[i]);
	return node->op == OP_NE ? !found : found;
}

/* field op value(s); false when the field has no answer. */
static int compare(const struct condition *node, condition_lookup_fn lookup,
		   void *context)
{
	const char *answer = lookup(node->field, context);

	if (!answer || !*answer)
		return 0;
	if (node->field->type == FIELD_MULTI)
		return compare_multi(node, answer);
	for (size_t i = 0; i < node->n_values; i++)
		if (holds(node->op,
			  value_compare(node->field, answer, node->values[i])))
			return 1;
	return 0;
}

/* A NULL condition (a field without `when`) always holds. */
int condition_eval(const struct condition *condition,
		   condition_lookup_fn lookup, void *context)
{
	size_t i;

	if (!condition)
		return 1;
	switch (condition->kind) {
	case NODE_OR:
		for (i = 0; i < condition->n_children; i++)
			if (condition_eval(condition->children[i], lookup,
					   context))
				return 1;
		return 0;
	case NODE_AND:
		for (i = 0; i < condition->n_children; i++)
			if (!condition_eval(condition->children[i], lookup,
					    context))
				return 0;
		return 1;
	case NODE_NOT:
		return !condition_eval(condition->children[0], lookup, context);
	case NODE_COMPARE: return compare(condition, lookup, context);
	}
	return 0;
}
