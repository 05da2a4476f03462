/* The message catalogue and the current language: the process's, and a
 * thread's own over it (a server request's account). */
#include "messages.h"

#include <string.h>

static enum language process_language = LANG_JA;
static _Thread_local int thread_has_language;
static _Thread_local enum language thread_language;

static const char *const catalogue[MSG_COUNT][2] = {
#define MSG(id, ja, en) [id] = { ja, en },
#include "messages.def"
#undef MSG
};

void msg_set_language(enum language language)
{
	process_language = language;
}

void msg_set_thread_language(enum language language)
{
	thread_language = language;
	thread_has_language = 1;
}

void msg_clear_thread_language(void)
{
	thread_has_language = 0;
}

enum language msg_language(void)
{
	return thread_has_language ? thread_language : process_language;
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
	return catalogue[id][msg_language() == LANG_EN];
}

const char *msg_in(enum language language, enum msg_id id)
{
	return catalogue[id][language == LANG_EN];
}

const char *msg_pick(const char *ja, const char *en)
{
	return msg_pick_in(msg_language(), ja, en);
}

const char *msg_pick_in(enum language language, const char *ja,
			const char *en)
{
	if (language == LANG_EN && en && *en)
		return en;
	if (ja && *ja)
		return ja;
	return en ? en : "";
}
