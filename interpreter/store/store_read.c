/* store_read.c — reading the history: the runs, one target's verdicts over the runs, and
 * what changed between two runs. Text for people (names cleaned for a terminal) or JSON. */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "store.h"
#include "store_db.h"
#include "text.h"

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

/* Counted on the table the verdicts are in (version 2: verdict_rows, without the names). */
#define RUNS(T)                                                                                        \
    "SELECT r.id, r.time, r.as_of, r.verdicts,"                                                        \
    " (SELECT group_concat(name || ' ' || substr(sha256, 1, 12), ', ') FROM rule_files WHERE run = r.id)," \
    " (SELECT group_concat(name || ' ' || substr(sha256, 1, 12), ', ') FROM submissions WHERE run = r.id)," \
    " (SELECT count(*) FROM " T " WHERE run = r.id AND status = 'met'),"                               \
    " (SELECT count(*) FROM " T " WHERE run = r.id AND status = 'missed'),"                            \
    " (SELECT count(*) FROM " T " WHERE run = r.id AND status NOT IN ('met', 'missed'))"               \
    " FROM runs r ORDER BY r.id"

static int runs(FILE *o, sqlite3 *db, int json, char *err, size_t errn)
{
    sqlite3_stmt *st;
    const char *sql = mb_store_version(db) >= 2 ? RUNS("verdict_rows") : RUNS("verdicts");
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return mb_store_fail(db, "reading the runs", err, errn);
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

/* --rule and --region match NFKC-normalised, as names do everywhere else: through the keys of
 * version 2 (indexed), or normalising every stored name of a version 1 history. */
static const char TARGET[] =
    "SELECT v.run, r.time, v.rule, v.region, v.milestone, v.year, v.status, v.actual, v.actual_period, v.target"
    " FROM verdicts v JOIN runs r ON r.id = v.run"
    " WHERE (?1 IS NULL OR v.rule_key = ?1) AND (?2 IS NULL OR v.region_key = ?2)"
    " ORDER BY v.rule, v.region, v.milestone, v.run";
static const char TARGET_V1[] =
    "SELECT v.run, r.time, v.rule, v.region, v.milestone, v.year, v.status, v.actual, v.actual_period, v.target"
    " FROM verdicts v JOIN runs r ON r.id = v.run"
    " WHERE (?1 IS NULL OR mb_nfkc(v.rule) = ?1) AND (?2 IS NULL OR mb_nfkc(v.region) = ?2)"
    " ORDER BY v.rule, v.region, v.milestone, v.run";

static void bind_key(sqlite3_stmt *st, int i, const char *s)
{
    size_t n = 0;
    char *k = s ? mb_nfkc(s, strlen(s), &n) : NULL;
    if (k) sqlite3_bind_text(st, i, k, (int)n, free);
    else if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static int target(FILE *o, sqlite3 *db, const char *rule, const char *region, int json, char *err, size_t errn)
{
    sqlite3_stmt *st;
    const char *sql = mb_store_version(db) >= 2 ? TARGET : TARGET_V1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return mb_store_fail(db, "reading verdicts", err, errn);
    bind_key(st, 1, rule);
    bind_key(st, 2, region);
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
