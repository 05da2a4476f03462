/* The SQLite backend's own handle, for tests that look inside the file. */
#ifndef INTAKE_SQLITE_STORE_H
#define INTAKE_SQLITE_STORE_H

#include "store.h"

/* The sqlite3 connection of store; NULL when another backend runs. */
struct sqlite3 *store_db(struct store *store);

#endif
