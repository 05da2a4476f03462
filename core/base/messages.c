/* The message catalogue and the current language. */
#include "messages.h"

#include <string.h>

static enum language current = LANG_JA;
static _Thread_local int thread_language = -1; /* -1: current */

/* The language of msg() on this thread. */
static enum language language_now(void)
{
	return thread_language < 0 ? current : (enum language)thread_language;
}

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
	return language_now();
}

void msg_set_thread_language(int language)
{
	thread_language = language < 0 ? -1 : language == LANG_EN;
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
	return catalogue[id][language_now()];
}

const char *msg_in(enum language language, enum msg_id id)
{
	return catalogue[id][language == LANG_EN];
}

const char *msg_pick(const char *ja, const char *en)
{
	if (language_now() == LANG_EN && en && *en)
		return en;
	if (ja && *ja)
		return ja;
	return en ? en : "";
}
