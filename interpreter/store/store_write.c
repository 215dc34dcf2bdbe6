/* store_write.c — appending a run to the history: one transaction holding the run, its
 * files with their SHA-256, and every verdict with its trace values. Statements are prepared
 * once and bound per verdict; rules and regions are numbered once (ids cached per run), so
 * rows are keyed by integers in the order they are written; numbers are stored as exact
 * decimal text, as the JSON report writes them (a value without a finite decimal form to 6
 * places). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "store.h"
#include "store_db.h"
#include "text.h"

typedef struct writer {
    sqlite3 *db;
    sqlite3_stmt *verdict, *value;
    sqlite3_stmt *name_add[2], *name_get[2]; /* rules, regions */
    long long *ids[2];                       /* per rule index, per region index; 0: not yet */
    long long run;
    const mb_eval *e;
    int failed;
} writer;

static const char *const ROLE[] = {"value", "base", "latest", "year", "reference", "input"};
static const char *const STATE[] = {"ok", "missing", "rejected", "after_as_of"};

static void bind_num(sqlite3_stmt *st, int i, int has, mb_num v)
{
    char buf[MB_NUM_BUF];
    if (!has) { sqlite3_bind_null(st, i); return; }
    mb_num_format(v, 6, buf, NULL);
    sqlite3_bind_text(st, i, buf, -1, SQLITE_TRANSIENT);
}

static void bind_text(sqlite3_stmt *st, int i, const char *s)
{
    if (s) sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static int done(writer *w, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE) w->failed = 1;
    return rc == SQLITE_DONE;
}

/* The number of a rule (kind 0) or region (1), added with its NFKC key the first time. */
static long long name_id(writer *w, int kind, size_t index, const char *name)
{
    long long *slot = &w->ids[kind][index];
    if (*slot || w->failed) return *slot;
    size_t klen = 0;
    char *key = mb_nfkc(name, strlen(name), &klen);
    if (!key) { w->failed = 1; return 0; }
    sqlite3_bind_text(w->name_add[kind], 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(w->name_add[kind], 2, key, (int)klen, SQLITE_STATIC);
    int ok = done(w, w->name_add[kind]);
    free(key);
    sqlite3_stmt *g = w->name_get[kind];
    sqlite3_bind_text(g, 1, name, -1, SQLITE_STATIC);
    if (ok && sqlite3_step(g) == SQLITE_ROW) *slot = sqlite3_column_int64(g, 0);
    else w->failed = 1;
    sqlite3_reset(g);
    sqlite3_clear_bindings(g);
    return *slot;
}

static void trace_values(writer *w, const mb_verdict *v, long long rule, long long region)
{
    const mb_data *D = w->e->D;
    for (unsigned i = 0; i < v->trace.nvals && !w->failed; i++) {
        const mb_tval *t = &v->trace.val[i];
        sqlite3_stmt *st = w->value;
        sqlite3_bind_int64(st, 1, w->run);
        sqlite3_bind_int64(st, 2, region);
        sqlite3_bind_int64(st, 3, rule);
        sqlite3_bind_int64(st, 4, (long long)v->goal);
        sqlite3_bind_int(st, 5, (int)i);
        bind_text(st, 6, ROLE[t->role < 6 ? t->role : 0]);
        bind_text(st, 7, t->ind ? t->ind->id : NULL);
        bind_text(st, 8, D->region_names[t->region]);
        sqlite3_bind_int(st, 9, t->year);
        bind_text(st, 10, STATE[t->state < 4 ? t->state : 1]);
        bind_num(st, 11, t->state == MB_TV_OK, t->v);
        int from = t->obs && t->obs->state != MB_OBS_ABSENT;
        bind_text(st, 12, from ? mb_data_file_name(D, t->obs->file) : NULL);
        if (from) sqlite3_bind_int64(st, 13, t->obs->line);
        done(w, st);
    }
}

static void one(void *ctx, const mb_verdict *v)
{
    writer *w = ctx;
    if (w->failed) return;
    const mb_rule *r = v->rule;
    long long region = name_id(w, 1, v->region, w->e->D->region_names[v->region]);
    long long rule = name_id(w, 0, r->index, r->id);
    if (w->failed) return;
    sqlite3_stmt *st = w->verdict;
    sqlite3_bind_int64(st, 1, w->run);
    sqlite3_bind_int64(st, 2, region);
    sqlite3_bind_int64(st, 3, rule);
    sqlite3_bind_int64(st, 4, (long long)v->goal);
    bind_text(st, 5, r->plan ? r->plan->id : NULL);
    if (v->year) sqlite3_bind_int(st, 6, v->year);
    bind_text(st, 7, mb_status_name(v->status));
    bind_num(st, 8, v->has_actual, v->actual);
    if (v->has_actual) sqlite3_bind_int(st, 9, v->actual_year);
    bind_num(st, 10, v->has_target, v->target);
    bind_num(st, 11, v->has_gap, v->gap);
    if (v->has_ratio && v->status >= MB_ST_ON_TRACK && v->status <= MB_ST_REGRESSING) sqlite3_bind_double(st, 12, v->ratio);
    bind_text(st, 13, v->detail[0] ? v->detail : NULL);
    if (done(w, st)) trace_values(w, v, rule, region);
}

static void hash(const mb_text *t, char out[65])
{
    mb_sha256 s;
    mb_sha256_init(&s);
    mb_sha256_add(&s, t->data, t->len);
    mb_sha256_hex(&s, out);
}

static int files(writer *w, const char *table, mb_text *const *texts, size_t n, char *err, size_t errn)
{
    char sql[128], h[65];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "INSERT INTO %s(run, name, sha256, bytes) VALUES(?,?,?,?)", table);
    if (sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK) return mb_store_fail(w->db, table, err, errn);
    for (size_t i = 0; i < n && !w->failed; i++) {
        if (!texts[i]) continue;
        hash(texts[i], h);
        sqlite3_bind_int64(st, 1, w->run);
        bind_text(st, 2, texts[i]->name);
        bind_text(st, 3, h);
        sqlite3_bind_int64(st, 4, (long long)texts[i]->len);
        done(w, st);
    }
    sqlite3_finalize(st);
    return w->failed ? mb_store_fail(w->db, table, err, errn) : 0;
}

static int add_run(writer *w, const mb_filter *f, const char *when, char *err, size_t errn)
{
    const mb_data *D = w->e->D;
    const mb_rowcount *c = &D->count;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(w->db,
                           "INSERT INTO runs(time, as_of, as_of_period, as_of_reason, version, verdicts, rows_read, "
                           "rows_used, rows_unused_indicator, rows_unused_period, rows_unused_region, rows_duplicate, "
                           "rows_rejected, submission_errors, submission_warnings) "
                           "VALUES(?,?,?,?,?,0,?,?,?,?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return mb_store_fail(w->db, "runs", err, errn);
    bind_text(st, 1, when);
    if (w->e->as_of) sqlite3_bind_int(st, 2, w->e->as_of);
    if (f->as_of && f->as_of->key) {
        bind_text(st, 3, f->as_of->period);
        bind_text(st, 4, f->as_of->why);
    }
    bind_text(st, 5, MB_VERSION);
    const size_t n[] = {c->rows, c->used, c->unused_indicator, c->unused_period, c->unused_region, c->duplicate,
                        c->rejected, D->diags.errors, D->diags.warnings};
    for (int i = 0; i < 9; i++) sqlite3_bind_int64(st, 6 + i, (long long)n[i]);
    done(w, st);
    sqlite3_finalize(st);
    if (w->failed) return mb_store_fail(w->db, "runs", err, errn);
    w->run = sqlite3_last_insert_rowid(w->db);
    return 0;
}

/* A database with tables but no version is someone else's: never written into. */
static int fresh(sqlite3 *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) != SQLITE_OK) return 0;
    int empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
    sqlite3_finalize(st);
    return empty;
}

static int verdicts(writer *w, const mb_filter *f, char *err, size_t errn)
{
    static const char *const ADD[2] = {"INSERT OR IGNORE INTO rules(name, key) VALUES(?, ?)",
                                       "INSERT OR IGNORE INTO regions(name, key) VALUES(?, ?)"};
    static const char *const GET[2] = {"SELECT id FROM rules WHERE name = ?", "SELECT id FROM regions WHERE name = ?"};
    w->ids[0] = calloc(w->e->m->nrules + 1, sizeof **w->ids);
    w->ids[1] = calloc(w->e->D->nregions + 1, sizeof **w->ids);
    if (!w->ids[0] || !w->ids[1]) return mb_store_fail(NULL, "verdicts", err, errn);
    for (int k = 0; k < 2; k++)
        if (sqlite3_prepare_v2(w->db, ADD[k], -1, &w->name_add[k], NULL) != SQLITE_OK ||
            sqlite3_prepare_v2(w->db, GET[k], -1, &w->name_get[k], NULL) != SQLITE_OK)
            return mb_store_fail(w->db, "names", err, errn);
    if (sqlite3_prepare_v2(w->db,
                           "INSERT INTO verdict_rows(run, region, rule, milestone, plan, year, status, actual, "
                           "actual_period, target, gap, progress_ratio, detail) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &w->verdict, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(w->db,
                           "INSERT INTO trace_rows(run, region, rule, milestone, seq, role, indicator, "
                           "value_region, period, state, value, file, line) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &w->value, NULL) != SQLITE_OK)
        return mb_store_fail(w->db, "verdicts", err, errn);
    mb_tally t = mb_report_walk(w->e, f, one, w);
    if (w->failed || t.error) return mb_store_fail(w->db, "verdicts", err, errn);
    char sql[96];
    snprintf(sql, sizeof sql, "UPDATE runs SET verdicts = %zu WHERE id = %lld", t.verdicts, w->run);
    if (sqlite3_exec(w->db, sql, NULL, NULL, NULL) != SQLITE_OK) return mb_store_fail(w->db, "runs", err, errn);
    return 0;
}

/* The journal is a rollback journal (DELETE), not a write-ahead log: a history is one file that
 * is copied and mailed, without -wal and -shm files beside it, and one transaction per run
 * gains nothing from a WAL. synchronous = FULL: a run is committed with a few fsyncs (one
 * transaction), and a power cut never leaves half a run. The page cache (64 MiB) holds the
 * index of the new run's verdicts while it is written, so pages are not spilled and reread. */
static const char PRAGMAS[] = "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536;";

static int write_all(writer *w, const mb_filter *f, const char *when, char *err, size_t errn)
{
    if (sqlite3_exec(w->db, PRAGMAS, NULL, NULL, NULL) != SQLITE_OK)
        return mb_store_fail(w->db, "cannot set up the history", err, errn);
    if (sqlite3_exec(w->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return mb_store_fail(w->db, "cannot start writing", err, errn);
    int v = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(w->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (v == 0 && !fresh(w->db)) {
        snprintf(err, errn, "the file is an SQLite database with other tables, not a history: refusing to write into it");
        return -1;
    }
    if (v == 0 && mb_store_schema(w->db, err, errn)) return -1;
    if (v > 0 && v < MB_STORE_SCHEMA && mb_store_migrate(w->db, v, err, errn)) return -1;
    const mb_model *m = w->e->m;
    const mb_data *D = w->e->D;
    if (add_run(w, f, when, err, errn) || files(w, "rule_files", m->texts, m->ntexts, err, errn) ||
        files(w, "submissions", D->files, D->nfiles, err, errn) || verdicts(w, f, err, errn))
        return -1;
    if (sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) return mb_store_fail(w->db, "committing the run", err, errn);
    return 0;
}

int mb_store_append(const char *path, const mb_eval *e, const mb_filter *f, const char *when, long long *run,
                    char *err, size_t errn)
{
    writer w = {.e = e};
    w.db = mb_store_open(path, 1, err, errn);
    if (!w.db) return -1;
    int rc = write_all(&w, f, when, err, errn);
    sqlite3_finalize(w.verdict);
    sqlite3_finalize(w.value);
    for (int k = 0; k < 2; k++) {
        sqlite3_finalize(w.name_add[k]);
        sqlite3_finalize(w.name_get[k]);
        free(w.ids[k]);
    }
    if (rc) sqlite3_exec(w.db, "ROLLBACK", NULL, NULL, NULL); /* the history stays as it was */
    if (sqlite3_close(w.db) != SQLITE_OK && !rc) rc = mb_store_fail(w.db, "closing the history", err, errn);
    if (!rc) *run = w.run;
    return rc;
}
