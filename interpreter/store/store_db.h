/* store_db.h — opening a history database and its schema (store_db.c), shared by the writer
 * and the readers of store/. */
#ifndef MB_STORE_DB_H
#define MB_STORE_DB_H

#include <sqlite3.h>
#include <stddef.h>

/* Open (create: a new file gets the schema when written) and check the schema version.
 * Returns the handle, or NULL with err set. */
sqlite3 *mb_store_open(const char *path, int create, char *err, size_t errn);
/* Create the tables of a new database (inside the caller's transaction). */
int mb_store_schema(sqlite3 *db, char *err, size_t errn);
/* Move a database of version `from` to the current one (inside the caller's transaction). */
int mb_store_migrate(sqlite3 *db, int from, char *err, size_t errn);
/* PRAGMA user_version, or -1. */
int mb_store_version(sqlite3 *db);
/* err := "what: sqlite's message" */
int mb_store_fail(sqlite3 *db, const char *what, char *err, size_t errn);

#endif
