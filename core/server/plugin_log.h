/* The server's log line for a plugin callback that crashed or hung. */
#ifndef INTAKE_PLUGIN_LOG_H
#define INTAKE_PLUGIN_LOG_H

#include "messages.h"

/*
 * From now on, each contained plugin call that gives no result (a crash,
 * the time limit, no process) writes one line to stderr, in language:
 * the programme, the callback and what happened, never an answer.  Call
 * once, before the server's threads start.
 */
void plugin_log_start(enum language language);

#endif
