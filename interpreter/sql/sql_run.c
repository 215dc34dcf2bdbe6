/* sql_run.c — a compiled script run in PostgreSQL through libpq, its verdicts read back
 * (sql_run.h). The password of a connection string never reaches a message: libpq's own
 * words may quote the string they could not read, so every message has it blanked out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql_run.h"

#ifndef MB_HAVE_LIBPQ

int mb_sql_run_available(void)
{
    return 0;
}

int mb_sql_run(const char *conninfo, const char *script, const char *verdicts, int keep, mb_sql_row_fn fn, void *ctx,
               char *err, size_t cap)
{
    (void)conninfo, (void)script, (void)verdicts, (void)keep, (void)fn, (void)ctx;
    snprintf(err, cap, "this build of mubiao has no PostgreSQL support (it was built without libpq)");
    return -1;
}

#else

#include <dlfcn.h>
#include <libpq-fe.h>

/* libpq is opened on the first --run, not linked: it brings about twenty libraries (OpenSSL,
 * Kerberos, LDAP) whose loading cost every start of every command a few milliseconds. The
 * library opened is the one whose header this was built with (MB_LIBPQ_SONAME, from CMake). */
#ifndef MB_LIBPQ_SONAME
#define MB_LIBPQ_SONAME "libpq.so.5"
#endif
#define MB_PQ_FUNCS(X)                                                                              \
    X(PQconninfoParse) X(PQconninfoFree) X(PQfreemem) X(PQresultErrorField) X(PQresultErrorMessage) \
    X(PQexec) X(PQresultStatus) X(PQerrorMessage) X(PQclear) X(PQescapeIdentifier) X(PQnfields)    \
    X(PQntuples) X(PQgetisnull) X(PQgetvalue) X(PQconnectdb) X(PQstatus) X(PQfinish)             \
    X(PQsetNoticeProcessor) X(PQtransactionStatus)
static struct {
#define MB_PQ_FIELD(f) __typeof__(&f) f;
    MB_PQ_FUNCS(MB_PQ_FIELD)
#undef MB_PQ_FIELD
} pq;

/* NULL when libpq is open, else why not (for the message). */
static const char *pq_open(void)
{
    static int tried;
    static const char *why;
    if (tried) return why;
    tried = 1;
    void *h = dlopen(MB_LIBPQ_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) return why = "libpq (" MB_LIBPQ_SONAME ") cannot be opened; install it (Debian: libpq5)";
#define MB_PQ_SYM(f) if (!(pq.f = (__typeof__(pq.f))dlsym(h, #f))) return why = "libpq lacks " #f;
    MB_PQ_FUNCS(MB_PQ_SYM)
#undef MB_PQ_SYM
    return NULL;
}

/* Every call below goes through the table. */
#define MB_PQ_CALL(f) pq.f
#define PQconninfoParse MB_PQ_CALL(PQconninfoParse)
#define PQconninfoFree MB_PQ_CALL(PQconninfoFree)
#define PQfreemem MB_PQ_CALL(PQfreemem)
#define PQresultErrorField MB_PQ_CALL(PQresultErrorField)
#define PQresultErrorMessage MB_PQ_CALL(PQresultErrorMessage)
#define PQexec MB_PQ_CALL(PQexec)
#define PQresultStatus MB_PQ_CALL(PQresultStatus)
#define PQerrorMessage MB_PQ_CALL(PQerrorMessage)
#define PQclear MB_PQ_CALL(PQclear)
#define PQescapeIdentifier MB_PQ_CALL(PQescapeIdentifier)
#define PQnfields MB_PQ_CALL(PQnfields)
#define PQntuples MB_PQ_CALL(PQntuples)
#define PQgetisnull MB_PQ_CALL(PQgetisnull)
#define PQgetvalue MB_PQ_CALL(PQgetvalue)
#define PQconnectdb MB_PQ_CALL(PQconnectdb)
#define PQstatus MB_PQ_CALL(PQstatus)
#define PQfinish MB_PQ_CALL(PQfinish)
#define PQsetNoticeProcessor MB_PQ_CALL(PQsetNoticeProcessor)
#define PQtransactionStatus MB_PQ_CALL(PQtransactionStatus)

int mb_sql_run_available(void)
{
    return 1;
}

/* msg with every occurrence of the password replaced by "***", its line breaks as spaces; when the connection string could not be parsed (pw unknown), what libpq quotes
 * from it ("...") is left out. */
static void say(char *err, size_t cap, const char *what, const char *msg, const char *pw)
{
    size_t n = (size_t)snprintf(err, cap, "%s", what);
    if (n >= cap) return;
    size_t pl = pw ? strlen(pw) : 0;
    int quoted = 0;
    for (const char *p = msg ? msg : ""; *p && n + 4 < cap;) {
        if (pl && !strncmp(p, pw, pl)) {
            memcpy(err + n, "***", 3), n += 3, p += pl;
            continue;
        }
        if (!pw && *p == '"') {
            quoted = !quoted;
            if (quoted) memcpy(err + n, "\"…", 4), n += 4;
            else err[n++] = '"';
            p++;
            continue;
        }
        if (*p == '\n' || *p == '\t') { /* libpq's second line ("\n\tIs the server running…") */
            while (p[1] == '\n' || p[1] == '\t' || p[1] == ' ') p++;
            if (!quoted && n && p[1]) err[n++] = ' ';
        } else if (!quoted) {
            err[n++] = *p;
        }
        p++;
    }
    while (n && (err[n - 1] == '\n' || err[n - 1] == ' ')) n--;
    err[n] = 0;
}

/* The password in conninfo ("" when none); -1 when conninfo cannot be read. */
static int password_of(const char *conninfo, char *pw, size_t cap, char *err, size_t ecap)
{
    char *why = NULL;
    PQconninfoOption *o = PQconninfoParse(conninfo, &why);
    if (!o) {
        say(err, ecap, "the connection string cannot be read: ", why ? why : "out of memory", NULL);
        PQfreemem(why);
        return -1;
    }
    pw[0] = 0;
    for (PQconninfoOption *p = o; p->keyword; p++)
        if (!strcmp(p->keyword, "password") && p->val) snprintf(pw, cap, "%s", p->val);
    PQconninfoFree(o);
    return 0;
}

/* Where in the script a statement failed: the server counts characters from 1. */
static int line_of(const char *script, const char *pos)
{
    long want = pos ? strtol(pos, NULL, 10) : 0, chars = 0;
    int line = 1;
    for (const unsigned char *p = (const unsigned char *)script; *p && chars < want - 1; p++) {
        if ((*p & 0xC0) != 0x80) chars++;
        if (*p == '\n') line++;
    }
    return want > 0 ? line : 0;
}

/* "ERROR:  relation "x" does not exist" with its detail and hint, from a failed result. */
static void server_error(char *err, size_t cap, const char *what, const PGresult *r, const char *script,
                         const char *pw)
{
    char msg[1024];
    const char *prim = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
    const char *detail = PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL);
    const char *hint = PQresultErrorField(r, PG_DIAG_MESSAGE_HINT);
    const char *sev = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
    int line = script ? line_of(script, PQresultErrorField(r, PG_DIAG_STATEMENT_POSITION)) : 0;
    int n = snprintf(msg, sizeof msg, "%s: %s", sev ? sev : "ERROR", prim ? prim : PQresultErrorMessage(r));
    if (line && n > 0 && (size_t)n < sizeof msg)
        n += snprintf(msg + n, sizeof msg - (size_t)n, " (line %d of the script)", line);
    if (detail && n > 0 && (size_t)n < sizeof msg) n += snprintf(msg + n, sizeof msg - (size_t)n, "; %s", detail);
    if (hint && n > 0 && (size_t)n < sizeof msg) snprintf(msg + n, sizeof msg - (size_t)n, "; hint: %s", hint);
    say(err, cap, what, msg, pw);
}

/* Runs one command; 0, or -1 with the server's words. */
static int exec(PGconn *c, const char *sql, const char *script, const char *what, char *err, size_t cap,
                const char *pw)
{
    PGresult *r = PQexec(c, sql);
    ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    int ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
    if (!ok && r) server_error(err, cap, what, r, script, pw);
    else if (!ok) say(err, cap, what, PQerrorMessage(c), pw);
    PQclear(r);
    return ok ? 0 : -1;
}

/* Notices (DROP TABLE IF EXISTS on a missing table says so) are not the user's business. */
static void quiet(void *arg, const char *message)
{
    (void)arg, (void)message;
}

/* SELECT the columns eval's reports need; the regions in byte order, so that regions no plan
 * names are reported in the order of their names. */
static int read_verdicts(PGconn *c, const char *verdicts, mb_sql_row_fn fn, void *ctx, char *err, size_t cap,
                         const char *pw)
{
    char *id = PQescapeIdentifier(c, verdicts, strlen(verdicts));
    if (!id) { say(err, cap, "the verdicts table's name: ", PQerrorMessage(c), pw); return -1; }
    static const char COLS[] = "SELECT plan, region, rule, CAST(year AS TEXT), status, actual, "
                               "CAST(actual_period AS TEXT), target, gap, detail FROM ";
    size_t n = sizeof COLS + strlen(id) + 64;
    char *q = malloc(n);
    if (!q) { PQfreemem(id); snprintf(err, cap, "out of memory"); return -1; }
    snprintf(q, n, "%s%s ORDER BY region COLLATE \"C\"", COLS, id);
    PQfreemem(id);
    PGresult *r = PQexec(c, q);
    free(q);
    if (!r || PQresultStatus(r) != PGRES_TUPLES_OK) {
        if (r) server_error(err, cap, "reading the verdicts: ", r, NULL, pw);
        else say(err, cap, "reading the verdicts: ", PQerrorMessage(c), pw);
        PQclear(r);
        return -1;
    }
    int rc = 0;
    if (PQnfields(r) != MB_SQLV_NCOLS) { snprintf(err, cap, "reading the verdicts: unexpected columns"); rc = -1; }
    for (int i = 0; !rc && i < PQntuples(r); i++) {
        const char *cols[MB_SQLV_NCOLS];
        for (int k = 0; k < MB_SQLV_NCOLS; k++) cols[k] = PQgetisnull(r, i, k) ? NULL : PQgetvalue(r, i, k);
        rc = fn(ctx, cols);
    }
    PQclear(r);
    return rc;
}

int mb_sql_run(const char *conninfo, const char *script, const char *verdicts, int keep, mb_sql_row_fn fn, void *ctx,
               char *err, size_t cap)
{
    const char *why = pq_open();
    if (why) { snprintf(err, cap, "%s", why); return -1; }
    char pw[512];
    if (password_of(conninfo, pw, sizeof pw, err, cap)) return -1;
    PGconn *c = PQconnectdb(conninfo);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        say(err, cap, "could not connect to PostgreSQL: ", c ? PQerrorMessage(c) : "out of memory", pw);
        PQfinish(c);
        return -1;
    }
    PQsetNoticeProcessor(c, quiet, NULL);
    int rc = exec(c, "BEGIN", NULL, "starting a transaction: ", err, cap, pw);
    if (!rc) rc = exec(c, script, script, "the script failed: ", err, cap, pw);
    if (!rc) rc = read_verdicts(c, verdicts, fn, ctx, err, cap, pw);
    if (!rc && keep) rc = exec(c, "COMMIT", NULL, "committing: ", err, cap, pw);
    else if (PQtransactionStatus(c) != PQTRANS_IDLE) {
        char ignored[16];
        exec(c, "ROLLBACK", NULL, "", ignored, sizeof ignored, pw);
    }
    PQfinish(c);
    memset(pw, 0, sizeof pw);
    return rc;
}

#endif
