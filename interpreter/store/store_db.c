/* store_db.c — the history database: opening it, its version, its tables. The schema is
 * versioned with PRAGMA user_version; a database of a later version is refused, never
 * written into. docs/store.md explains every table and column. */
#include "store_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "text.h"

/* Version 2: rules and regions are numbered once (rules, regions: the name as written and its
 * NFKC key, which history filters on); verdicts and trace values are keyed by those integers,
 * in the order a run writes them (run, region, rule, milestone), so appending a run appends at
 * the end of each B-tree. The views verdicts and trace_values show them with their names, as
 * version 1 stored them. */
static const char TABLES[] =
    "CREATE TABLE rules(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL);\n"
    "CREATE INDEX rules_key ON rules(key);\n"
    "CREATE TABLE regions(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, key TEXT NOT NULL);\n"
    "CREATE INDEX regions_key ON regions(key);\n"
    "CREATE TABLE verdict_rows(\n"
    "  run INTEGER NOT NULL REFERENCES runs(id), region INTEGER NOT NULL, rule INTEGER NOT NULL,\n"
    "  milestone INTEGER NOT NULL, plan TEXT, year INTEGER, status TEXT NOT NULL,\n"
    "  actual TEXT, actual_period INTEGER, target TEXT, gap TEXT, progress_ratio REAL, detail TEXT,\n"
    "  PRIMARY KEY(run, region, rule, milestone)) WITHOUT ROWID;\n"
    "CREATE INDEX verdict_rows_target ON verdict_rows(rule, region, milestone);\n"
    "CREATE TABLE trace_rows(\n"
    "  run INTEGER NOT NULL, region INTEGER NOT NULL, rule INTEGER NOT NULL, milestone INTEGER NOT NULL,\n"
    "  seq INTEGER NOT NULL, role TEXT NOT NULL, indicator TEXT, value_region TEXT, period INTEGER,\n"
    "  state TEXT NOT NULL, value TEXT, file TEXT, line INTEGER,\n"
    "  PRIMARY KEY(run, region, rule, milestone, seq)) WITHOUT ROWID;\n"
    "CREATE VIEW verdicts AS SELECT v.run, r.name AS rule, g.name AS region, v.milestone, v.plan, v.year,\n"
    "  v.status, v.actual, v.actual_period, v.target, v.gap, v.progress_ratio, v.detail, r.key AS rule_key,\n"
    "  g.key AS region_key FROM verdict_rows v JOIN rules r ON r.id = v.rule JOIN regions g ON g.id = v.region;\n"
    "CREATE VIEW trace_values AS SELECT t.run, r.name AS rule, g.name AS region, t.milestone, t.seq, t.role,\n"
    "  t.indicator, t.value_region, t.period, t.state, t.value, t.file, t.line\n"
    "  FROM trace_rows t JOIN rules r ON r.id = t.rule JOIN regions g ON g.id = t.region;\n";

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
    "  bytes INTEGER NOT NULL);\n";

/* Version 1 kept names in every row: its rows move into the numbered tables. */
static const char MIGRATE_1[] =
    "ALTER TABLE verdicts RENAME TO verdicts_v1;\n"
    "ALTER TABLE trace_values RENAME TO trace_values_v1;\n"
    "DROP INDEX IF EXISTS verdicts_target;\n";
static const char MIGRATE_1_ROWS[] =
    "INSERT OR IGNORE INTO rules(name, key) SELECT rule, mb_nfkc(rule) FROM verdicts_v1 ORDER BY run, rule;\n"
    "INSERT OR IGNORE INTO regions(name, key) SELECT region, mb_nfkc(region) FROM verdicts_v1 ORDER BY run, region;\n"
    "INSERT INTO verdict_rows SELECT v.run, g.id, r.id, v.milestone, v.plan, v.year, v.status, v.actual,\n"
    "  v.actual_period, v.target, v.gap, v.progress_ratio, v.detail FROM verdicts_v1 v\n"
    "  JOIN rules r ON r.name = v.rule JOIN regions g ON g.name = v.region;\n"
    "INSERT INTO trace_rows SELECT t.run, g.id, r.id, t.milestone, t.seq, t.role, t.indicator, t.value_region,\n"
    "  t.period, t.state, t.value, t.file, t.line FROM trace_values_v1 t\n"
    "  JOIN rules r ON r.name = t.rule JOIN regions g ON g.name = t.region;\n"
    "DROP TABLE verdicts_v1;\n"
    "DROP TABLE trace_values_v1;\n";

int mb_store_fail(sqlite3 *db, const char *what, char *err, size_t errn)
{
    snprintf(err, errn, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
    return -1;
}

static int set_version(sqlite3 *db, char *err, size_t errn)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", MB_STORE_SCHEMA);
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK) return mb_store_fail(db, "setting the version", err, errn);
    return 0;
}

int mb_store_migrate(sqlite3 *db, int from, char *err, size_t errn)
{
    if (from != 1) return 0;
    if (sqlite3_exec(db, MIGRATE_1, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, TABLES, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, MIGRATE_1_ROWS, NULL, NULL, NULL) != SQLITE_OK)
        return mb_store_fail(db, "moving the history to schema version 2", err, errn);
    return set_version(db, err, errn);
}

int mb_store_schema(sqlite3 *db, char *err, size_t errn)
{
    if (sqlite3_exec(db, SCHEMA, NULL, NULL, NULL) != SQLITE_OK || sqlite3_exec(db, TABLES, NULL, NULL, NULL) != SQLITE_OK)
        return mb_store_fail(db, "creating the tables", err, errn);
    return set_version(db, err, errn);
}

/* mb_nfkc(text): names compared as everywhere else in mubiao (a NULL or invalid text as it is). */
static int user_version(sqlite3 *db, int *v);

static void nfkc_fn(sqlite3_context *c, int n, sqlite3_value **v)
{
    (void)n;
    const char *s = (const char *)sqlite3_value_text(v[0]);
    size_t len = 0;
    char *k = s ? mb_nfkc(s, strlen(s), &len) : NULL;
    if (k) sqlite3_result_text(c, k, (int)len, free);
    else sqlite3_result_value(c, v[0]);
}

int mb_store_version(sqlite3 *db)
{
    int v = 0;
    return user_version(db, &v) ? -1 : v;
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
    /* one thread uses the connection: no mutex around every call */
    int flags = SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
    if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
        mb_store_fail(db, "cannot open the history", err, errn);
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, 10000); /* another run appending: wait for it */
    sqlite3_create_function(db, "mb_nfkc", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, nfkc_fn, NULL, NULL);
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
