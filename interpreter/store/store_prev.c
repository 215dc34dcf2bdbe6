/* store_prev.c — the latest run of a history, for a report to show each verdict's status
 * before this run ("what changed since the last submission"). Looked up verdict by verdict
 * through the history's keys, so a report that shows a few regions per target reads only
 * those, however large the history. */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_db.h"

struct mb_store_prev {
    sqlite3 *db;
    sqlite3_stmt *get;
    long long run;
    char time[40];
    char status[32];
};

mb_store_prev *mb_store_prev_open(const char *path)
{
    char err[256];
    mb_store_prev *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->db = mb_store_open(path, 0, err, sizeof err);
    sqlite3_stmt *st = NULL;
    if (p->db && sqlite3_prepare_v2(p->db, "SELECT id, time FROM runs ORDER BY id DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
        p->run = sqlite3_column_int64(st, 0);
        const char *t = (const char *)sqlite3_column_text(st, 1);
        snprintf(p->time, sizeof p->time, "%s", t ? t : "");
    }
    sqlite3_finalize(st);
    if (!p->run || sqlite3_prepare_v2(p->db,
                                      "SELECT status FROM verdicts WHERE run = ?1 AND rule = ?2 AND region = ?3 "
                                      "AND milestone = ?4",
                                      -1, &p->get, NULL) != SQLITE_OK) {
        mb_store_prev_close(p); /* no history yet, or none readable: nothing to compare with */
        return NULL;
    }
    return p;
}

const char *mb_store_prev_status(void *ctx, const char *rule, const char *region, size_t goal)
{
    mb_store_prev *p = ctx;
    const char *found = NULL;
    sqlite3_bind_int64(p->get, 1, p->run);
    sqlite3_bind_text(p->get, 2, rule, -1, SQLITE_STATIC);
    sqlite3_bind_text(p->get, 3, region, -1, SQLITE_STATIC);
    sqlite3_bind_int64(p->get, 4, (long long)goal);
    if (sqlite3_step(p->get) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(p->get, 0);
        snprintf(p->status, sizeof p->status, "%s", s ? s : "");
        found = p->status;
    }
    sqlite3_reset(p->get);
    return found;
}

long long mb_store_prev_run(const mb_store_prev *p) { return p->run; }
const char *mb_store_prev_time(const mb_store_prev *p) { return p->time; }

void mb_store_prev_close(mb_store_prev *p)
{
    if (!p) return;
    sqlite3_finalize(p->get);
    sqlite3_close(p->db);
    free(p);
}
