/* Staff accounts: `intake user add|passwd|disable|enable|list`. */
#ifndef INTAKE_USER_H
#define INTAKE_USER_H

struct session;

/*
 * `intake user add NAME --role counter|manager|admin [--office OFFICE]
 * [--lang ja|en]`, `user passwd NAME`, `user disable NAME`, `user
 * enable NAME`, `user list [--format F]`.  add and passwd ask the
 * password twice with echo off on a terminal, else read one line of
 * stdin; it is hashed (account_hash, interactive cost) and wiped.
 * Refusals: 64 (usage, role, language), 65 (name, office, password, a
 * name taken, already so), 66 (no such user).  Returns the exit status.
 */
int cmd_user(struct session *session, int argc, char **argv);

#endif
