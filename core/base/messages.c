/* The message catalogue and the current language. */
#include "messages.h"

#include <string.h>

static enum language current = LANG_JA;

static const char *const catalogue[MSG_COUNT][2] = {
#define MSG(id, ja, en) [id] = { ja, en },
#include "messages.def"
#undef MSG
};

void msg_set_language(enum language language)
{
	current = language;
}

enum language msg_language(void)
{
	return current;
}

int language_parse(const char *text, enum language *language)
{
	if (!strcmp(text, "ja"))
		*language = LANG_JA;
	else if (!strcmp(text, "en"))
		*language = LANG_EN;
	else
		return -1;
	return 0;
}

const char *msg(enum msg_id id)
{
	return catalogue[id][current];
}

const char *msg_in(enum language language, enum msg_id id)
{
	return catalogue[id][language == LANG_EN];
}

const char *msg_pick(const char *ja, const char *en)
{
	if (current == LANG_EN && en && *en)
		return en;
	if (ja && *ja)
		return ja;
	return en ? en : "";
}
