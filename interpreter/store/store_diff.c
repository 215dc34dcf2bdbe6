/* store_diff.c — what changed between two runs of the history, verdict by verdict (rule,
 * region, milestone): newly missed, newly at risk, recovered, moved between progress
 * classes, other status changes, the same status with another value, new and gone. */
#include <string.h>

#include "jsonw.h"
#include "store.h"
#include "store_db.h"

static const char CHANGES[] =
    "SELECT coalesce(a.rule, b.rule), coalesce(a.region, b.region), coalesce(a.milestone, b.milestone),"
    " coalesce(b.year, a.year), a.status, b.status, a.actual, b.actual"
    " FROM (SELECT * FROM verdicts WHERE run = ?1) a"
    " FULL OUTER JOIN (SELECT * FROM verdicts WHERE run = ?2) b"
    " ON a.rule = b.rule AND a.region = b.region AND a.milestone = b.milestone"
    " WHERE a.status IS NOT b.status OR a.actual IS NOT b.actual"
    " ORDER BY 1, 2, 3";

enum { C_NEWLY_MISSED, C_AT_RISK, C_RECOVERED, C_CLASS_MOVED, C_STATUS, C_VALUE, C_NEW, C_GONE, C_N };
static const char *const CHANGE[C_N] = {"newly-missed", "newly-at-risk", "recovered", "progress-class-moved",
                                         "status-changed", "value-changed", "new", "gone"};

/* Missed, or behind the path to the target. */
static int problem(const char *s)
{
    static const char *const P[] = {"missed", "needs-acceleration", "limited-progress", "regressing", "error"};
    for (size_t i = 0; s && i < sizeof P / sizeof *P; i++)
        if (!strcmp(s, P[i])) return 1;
    return 0;
}

static int progress_class(const char *s)
{
    return s && (!strcmp(s, "on-track") || !strcmp(s, "needs-acceleration") || !strcmp(s, "limited-progress") ||
                 !strcmp(s, "regressing"));
}

static int classify(const char *a, const char *b)
{
    if (!a) return C_NEW;
    if (!b) return C_GONE;
    if (!strcmp(a, b)) return C_VALUE;
    if (!strcmp(b, "missed")) return C_NEWLY_MISSED;
    if (problem(b) && !problem(a)) return C_AT_RISK;
    if (problem(a) && !problem(b) && strcmp(b, "no-data") && strcmp(b, "not-assessable")) return C_RECOVERED;
    if (progress_class(a) && progress_class(b)) return C_CLASS_MOVED;
    return C_STATUS;
}

static int last_two(sqlite3 *db, long long *a, long long *b)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT id FROM runs ORDER BY id DESC LIMIT 2", -1, &st, NULL) != SQLITE_OK) return -1;
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) *(n++ ? a : b) = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n == 2 ? 0 : -1;
}

static int run_info(sqlite3 *db, long long id, char *time, size_t n, char *asof, size_t an)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT time, as_of FROM runs WHERE id = ?", -1, &st, NULL) != SQLITE_OK) return -1;
    sqlite3_bind_int64(st, 1, id);
    int ok = sqlite3_step(st) == SQLITE_ROW;
    if (ok) {
        snprintf(time, n, "%s", (const char *)sqlite3_column_text(st, 0));
        snprintf(asof, an, "%s", sqlite3_column_text(st, 1) ? (const char *)sqlite3_column_text(st, 1) : "");
    }
    sqlite3_finalize(st);
    return ok ? 0 : -1;
}

static const char *col(sqlite3_stmt *st, int i) { return (const char *)sqlite3_column_text(st, i); }

static void text_row(FILE *o, sqlite3_stmt *st, int c)
{
    fprintf(o, "%-21s ", CHANGE[c]);
    mb_term_puts(o, col(st, 0));
    fputs("  ", o);
    mb_term_puts(o, col(st, 1));
    fprintf(o, "  %s  %s → %s", col(st, 3) ? col(st, 3) : "—", col(st, 4) ? col(st, 4) : "—", col(st, 5) ? col(st, 5) : "—");
    fprintf(o, "  actual %s → %s\n", col(st, 6) ? col(st, 6) : "—", col(st, 7) ? col(st, 7) : "—");
}

static void json_row(FILE *o, sqlite3_stmt *st, int c, int first)
{
    fprintf(o, "%s\n{\"change\":\"%s\",\"rule\":", first ? "" : ",", CHANGE[c]);
    mb_json_cstr(o, col(st, 0));
    fputs(",\"region\":", o);
    mb_json_cstr(o, col(st, 1));
    fprintf(o, ",\"milestone\":%lld,\"year\":%s,\"status_before\":", (long long)sqlite3_column_int64(st, 2),
            col(st, 3) ? col(st, 3) : "null");
    mb_json_cstr(o, col(st, 4));
    fputs(",\"status_after\":", o);
    mb_json_cstr(o, col(st, 5));
    fprintf(o, ",\"actual_before\":%s,\"actual_after\":%s}", col(st, 6) ? col(st, 6) : "null",
            col(st, 7) ? col(st, 7) : "null");
}

static int changes(FILE *o, sqlite3 *db, long long a, long long b, int json, char *err, size_t errn)
{
    char ta[64], tb[64], aa[16], ab[16];
    if (run_info(db, a, ta, sizeof ta, aa, sizeof aa) || run_info(db, b, tb, sizeof tb, ab, sizeof ab)) {
        snprintf(err, errn, "no run %lld in the history", run_info(db, a, ta, sizeof ta, aa, sizeof aa) ? a : b);
        return -1;
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, CHANGES, -1, &st, NULL) != SQLITE_OK) return mb_store_fail(db, "comparing runs", err, errn);
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    if (json)
        fprintf(o, "{\"from\":{\"run\":%lld,\"time\":\"%s\",\"as_of\":%s},\"to\":{\"run\":%lld,\"time\":\"%s\",\"as_of\":%s},"
                   "\"changes\":[", a, ta, aa[0] ? aa : "null", b, tb, ab[0] ? ab : "null");
    else fprintf(o, "run %lld (%s, as of %s) → run %lld (%s, as of %s)\n", a, ta, aa[0] ? aa : "—", b, tb, ab[0] ? ab : "—");
    size_t count[C_N] = {0}, n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int c = classify(col(st, 4), col(st, 5));
        if (json) json_row(o, st, c, !n);
        else text_row(o, st, c);
        count[c]++;
        n++;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return mb_store_fail(db, "comparing runs", err, errn);
    if (json) fputs("\n],\"counts\":{", o);
    else fprintf(o, "%zu change%s", n, n == 1 ? "" : "s");
    for (int c = 0, first = 1; c < C_N; c++) {
        if (json) fprintf(o, "%s\"%s\":%zu", c ? "," : "", CHANGE[c], count[c]);
        else if (count[c]) fprintf(o, "%s %zu %s", first ? ":" : ",", count[c], CHANGE[c]);
        if (count[c]) first = 0;
    }
    fputs(json ? "}}\n" : "\n", o);
    return 0;
}

int mb_store_diff(FILE *out, const char *path, long long a, long long b, int json, char *err, size_t errn)
{
    sqlite3 *db = mb_store_open(path, 0, err, errn);
    if (!db) return -1;
    int rc = 0;
    if (!a && !b && last_two(db, &a, &b)) {
        snprintf(err, errn, "the history has fewer than two runs to compare");
        rc = -1;
    }
    if (!rc) rc = changes(out, db, a, b, json, err, errn);
    sqlite3_close(db);
    return rc;
}
