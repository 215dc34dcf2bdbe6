/* store_read.c — reading the history: the runs, one target's verdicts over the runs, and
 * what changed between two runs. Text for people (names cleaned for a terminal) or JSON. */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "store.h"
#include "store_db.h"

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static void jtext(FILE *o, sqlite3_stmt *st, int i)
{
    mb_json_cstr(o, col(st, i));
}

static void jint(FILE *o, sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL) fputs("null", o);
    else fprintf(o, "%lld", (long long)sqlite3_column_int64(st, i));
}

static void ttext(FILE *o, const char *s)
{
    mb_term_puts(o, s ? s : "—");
}

/* ---- runs ------------------------------------------------------------------------------ */

static const char RUNS[] =
    "SELECT r.id, r.time, r.as_of, r.verdicts,"
    " (SELECT group_concat(name || ' ' || substr(sha256, 1, 12), ', ') FROM rule_files WHERE run = r.id),"
    " (SELECT group_concat(name || ' ' || substr(sha256, 1, 12), ', ') FROM submissions WHERE run = r.id),"
    " (SELECT count(*) FROM verdicts WHERE run = r.id AND status = 'met'),"
    " (SELECT count(*) FROM verdicts WHERE run = r.id AND status = 'missed'),"
    " (SELECT count(*) FROM verdicts WHERE run = r.id AND status NOT IN ('met', 'missed'))"
    " FROM runs r ORDER BY r.id";

static int runs(FILE *o, sqlite3 *db, int json, char *err, size_t errn)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, RUNS, -1, &st, NULL) != SQLITE_OK) return mb_store_fail(db, "reading the runs", err, errn);
    if (json) fputs("{\"runs\":[", o);
    else fputs("run  time                  as of  verdicts  met  missed  other  rule files; submissions\n", o);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (json) {
            fprintf(o, "%s\n{\"run\":%lld,\"time\":", n ? "," : "", (long long)sqlite3_column_int64(st, 0));
            jtext(o, st, 1);
            fputs(",\"as_of\":", o);
            jint(o, st, 2);
            fputs(",\"verdicts\":", o);
            jint(o, st, 3);
            fputs(",\"met\":", o);
            jint(o, st, 6);
            fputs(",\"missed\":", o);
            jint(o, st, 7);
            fputs(",\"rule_files\":", o);
            jtext(o, st, 4);
            fputs(",\"submissions\":", o);
            jtext(o, st, 5);
            fputc('}', o);
        } else {
            fprintf(o, "%-4lld %-21s %-6s %8lld %4lld %7lld %6lld  ", (long long)sqlite3_column_int64(st, 0),
                    col(st, 1), col(st, 2) ? col(st, 2) : "—", (long long)sqlite3_column_int64(st, 3),
                    (long long)sqlite3_column_int64(st, 6), (long long)sqlite3_column_int64(st, 7),
                    (long long)sqlite3_column_int64(st, 8));
            ttext(o, col(st, 4));
            fputs("; ", o);
            ttext(o, col(st, 5));
            fputc('\n', o);
        }
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return mb_store_fail(db, "reading the runs", err, errn);
    if (json) fputs("\n]}\n", o);
    return 0;
}

/* ---- one target over the runs ---------------------------------------------------------- */

static const char TARGET[] =
    "SELECT v.run, r.time, v.rule, v.region, v.milestone, v.year, v.status, v.actual, v.actual_period, v.target"
    " FROM verdicts v JOIN runs r ON r.id = v.run"
    " WHERE (?1 IS NULL OR v.rule = ?1) AND (?2 IS NULL OR v.region = ?2)"
    " ORDER BY v.rule, v.region, v.milestone, v.run";

static int target(FILE *o, sqlite3 *db, const char *rule, const char *region, int json, char *err, size_t errn)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, TARGET, -1, &st, NULL) != SQLITE_OK) return mb_store_fail(db, "reading verdicts", err, errn);
    if (rule) sqlite3_bind_text(st, 1, rule, -1, SQLITE_STATIC);
    if (region) sqlite3_bind_text(st, 2, region, -1, SQLITE_STATIC);
    if (json) fputs("{\"verdicts\":[", o);
    else fputs("run  time                  rule  region  year  status  actual (period)  target\n", o);
    int n = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (json) {
            fprintf(o, "%s\n{\"run\":%lld,\"time\":", n ? "," : "", (long long)sqlite3_column_int64(st, 0));
            jtext(o, st, 1);
            fputs(",\"rule\":", o);
            jtext(o, st, 2);
            fputs(",\"region\":", o);
            jtext(o, st, 3);
            fprintf(o, ",\"milestone\":%lld,\"year\":", (long long)sqlite3_column_int64(st, 4));
            jint(o, st, 5);
            fputs(",\"status\":", o);
            jtext(o, st, 6);
            fprintf(o, ",\"actual\":%s,\"actual_period\":", col(st, 7) ? col(st, 7) : "null");
            jint(o, st, 8);
            fprintf(o, ",\"target\":%s}", col(st, 9) ? col(st, 9) : "null");
        } else {
            fprintf(o, "%-4lld %-21s ", (long long)sqlite3_column_int64(st, 0), col(st, 1));
            ttext(o, col(st, 2));
            fputs("  ", o);
            ttext(o, col(st, 3));
            fprintf(o, "  %s  %s  ", col(st, 5) ? col(st, 5) : "—", col(st, 6));
            ttext(o, col(st, 7));
            if (col(st, 8)) fprintf(o, " (%s)", col(st, 8));
            fputs("  ", o);
            ttext(o, col(st, 9));
            fputc('\n', o);
        }
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return mb_store_fail(db, "reading verdicts", err, errn);
    if (json) fputs("\n]}\n", o);
    if (!n) {
        snprintf(err, errn, "no verdict in the history for%s%s%s%s", rule ? " rule " : "", rule ? rule : "",
                 region ? " region " : "", region ? region : "");
        return -1;
    }
    return 0;
}

int mb_store_history(FILE *out, const char *path, const char *rule, const char *region, int json, char *err,
                     size_t errn)
{
    sqlite3 *db = mb_store_open(path, 0, err, errn);
    if (!db) return -1;
    int rc = rule || region ? target(out, db, rule, region, json, err, errn) : runs(out, db, json, err, errn);
    sqlite3_close(db);
    return rc;
}
