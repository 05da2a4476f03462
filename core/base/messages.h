/* Messages shown to counter staff, in Japanese and English. */
#ifndef INTAKE_MESSAGES_H
#define INTAKE_MESSAGES_H

/*
 * Every message a user reads is one line of messages.def:
 *   MSG(MSG_ID, "日本語", "English")
 * msg(MSG_ID) returns it in the current language.  Messages are printf
 * formats when they take arguments; keep the same conversions, in the
 * same order, in both languages.
 */

enum msg_id {
#define MSG(id, ja, en) id,
#include "messages.def"
#undef MSG
	MSG_COUNT
};

enum language { LANG_JA = 0, LANG_EN = 1 };

/* Set the language of msg(); the default is Japanese. */
void msg_set_language(enum language language);
enum language msg_language(void);
/* The language of msg() and msg_pick() on the calling thread only (a
 * server request's account), whatever the process's; -1 goes back to
 * the process's. */
void msg_set_thread_language(int language);

/* Parse "ja" or "en"; returns -1 for anything else. */
int language_parse(const char *text, enum language *language);

/* The message in the current language; never NULL. */
const char *msg(enum msg_id id);

/* The message in a given language (a server request's), whatever the
 * current one; never NULL. */
const char *msg_in(enum language language, enum msg_id id);

/* Pick between two texts (labels from forms and plugins). */
const char *msg_pick(const char *ja, const char *en);

#endif
