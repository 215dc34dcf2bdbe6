/* store_db.c — the history database: opening it, its version, its tables. The schema is
 * versioned with PRAGMA user_version; a database of a later version is refused, never
 * written into. docs/store.md explains every table and column. */
#include "store_db.h"

#include <stdio.h>

#include "store.h"

static const char SCHEMA[] =
    "CREATE TABLE runs(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  time TEXT NOT NULL,\n"
    "  as_of INTEGER,\n"
    "  as_of_period TEXT,\n"
    "  as_of_reason TEXT,\n"
    "  version TEXT NOT NULL,\n"
    "  verdicts INTEGER NOT NULL,\n"
    "  rows_read INTEGER NOT NULL, rows_used INTEGER NOT NULL, rows_unused_indicator INTEGER NOT NULL,\n"
    "  rows_unused_period INTEGER NOT NULL, rows_unused_region INTEGER NOT NULL,\n"
    "  rows_duplicate INTEGER NOT NULL, rows_rejected INTEGER NOT NULL,\n"
    "  submission_errors INTEGER NOT NULL, submission_warnings INTEGER NOT NULL);\n"
    "CREATE TABLE rule_files(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, sha256 TEXT NOT NULL,\n"
    "  bytes INTEGER NOT NULL);\n"
    "CREATE TABLE submissions(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, sha256 TEXT NOT NULL,\n"
    "  bytes INTEGER NOT NULL);\n"
    "CREATE TABLE verdicts(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id), rule TEXT NOT NULL, region TEXT NOT NULL,\n"
    "  milestone INTEGER NOT NULL, plan TEXT, year INTEGER, status TEXT NOT NULL,\n"
    "  actual TEXT, actual_period INTEGER, target TEXT, gap TEXT, progress_ratio REAL, detail TEXT,\n"
    "  PRIMARY KEY(run, rule, region, milestone)) WITHOUT ROWID;\n"
    "CREATE TABLE trace_values(\n"
    "  run INTEGER NOT NULL, rule TEXT NOT NULL, region TEXT NOT NULL, milestone INTEGER NOT NULL,\n"
    "  seq INTEGER NOT NULL, role TEXT NOT NULL, indicator TEXT, value_region TEXT, period INTEGER,\n"
    "  state TEXT NOT NULL, value TEXT, file TEXT, line INTEGER,\n"
    "  PRIMARY KEY(run, rule, region, milestone, seq)) WITHOUT ROWID;\n"
    "CREATE INDEX verdicts_target ON verdicts(rule, region, milestone);\n";

int mb_store_fail(sqlite3 *db, const char *what, char *err, size_t errn)
{
    snprintf(err, errn, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
    return -1;
}

int mb_store_schema(sqlite3 *db, char *err, size_t errn)
{
    char sql[64];
    if (sqlite3_exec(db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK) return mb_store_fail(db, "creating the tables", err, errn);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", MB_STORE_SCHEMA);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) return mb_store_fail(db, "setting the version", err, errn);
    return 0;
}

static int user_version(sqlite3 *db, int *v)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return -1;
    int rc = sqlite3_step(st);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : -1;
}

sqlite3 *mb_store_open(const char *path, int create, char *err, size_t errn)
{
    sqlite3 *db = NULL;
    int flags = create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        mb_store_fail(db, "cannot open the history", err, errn);
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000); /* another run appending: wait for it */
    int v;
    if (user_version(db, &v)) {
        mb_store_fail(db, "not a history database", err, errn);
        sqlite3_close(db);
        return NULL;
    }
    if (v > MB_STORE_SCHEMA || (v == 0 && !create)) {
        if (v) snprintf(err, errn, "the history has schema version %d; this mubiao reads version %d", v, MB_STORE_SCHEMA);
        else snprintf(err, errn, "not a history database (no runs were stored in it)");
        sqlite3_close(db);
        return NULL;
    }
    return db;
}
