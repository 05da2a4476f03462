/* Messages shown to counter staff, in Japanese and English. */
#ifndef INTAKE_MESSAGES_H
#define INTAKE_MESSAGES_H

/*
 * Every message a user reads is one line of messages.def:
 *   MSG(MSG_ID, "日本語", "English")
 * msg(MSG_ID) returns it in the current language (the thread's, else
 * the process's).  Messages are printf
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

/* Set the process's language of msg() (set once at start, before any
 * thread); the default is Japanese. */
void msg_set_language(enum language language);
/* This thread's language, over the process's, until cleared (a server
 * request sets its account's and clears it when done). */
void msg_set_thread_language(enum language language);
void msg_clear_thread_language(void);
/* The language of msg() in this thread. */
enum language msg_language(void);

/* Parse "ja" or "en"; returns -1 for anything else. */
int language_parse(const char *text, enum language *language);

/* The message in the current language; never NULL. */
const char *msg(enum msg_id id);

/* The message in a given language (a server request's), whatever the
 * current one; never NULL. */
const char *msg_in(enum language language, enum msg_id id);

/* Pick between two texts (labels from forms and plugins): en in
 * English when it is not empty, else ja unless empty, else en. */
const char *msg_pick(const char *ja, const char *en);
/* The same in language. */
const char *msg_pick_in(enum language language, const char *ja,
			const char *en);

#endif
