/* report_csv.c — one verdict per line (RFC 4180), and the per-rule summary. */
#define _GNU_SOURCE /* copy_file_range */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "num_dec.h"
#include "period.h"

void mb_report_num(FILE *out, mb_num v, int approx_mark)
{
    char buf[MB_NUM_BUF];
    int exact = 1;
    mb_num_format(v, 4, buf, &exact);
    if (!exact && approx_mark) fputs("≈", out);
    fputs(buf, out);
}

/* Lines are appended to one growing buffer per block of regions, written with one call per
 * block: millions of small stdio calls, or a memory stream copied once more into the output,
 * would cost more than evaluating the verdicts. */
typedef struct line {
    char *p;
    size_t n, cap;
    int oom;
} line;

static int grow(line *l, size_t n)
{
    size_t nc = l->cap ? l->cap * 2 : 4096;
    while (nc - l->n <= n) nc *= 2;
    char *np = realloc(l->p, nc);
    if (!np) { l->oom = 1; return 0; }
    l->p = np;
    l->cap = nc;
    return 1;
}

/* Copies n <= 16 bytes with fixed-size moves, which the compiler inlines: a line is some
 * twenty short pieces, and a call into the C library's memcpy for each cost more than the
 * copying (measured: 5% of the CSV report's time in memmove). Overlapping moves read and
 * write only [0, n). */
static inline void copy_short(char *d, const char *s, size_t n)
{
    if (n >= 8) {
        memcpy(d, s, 8);
        memcpy(d + n - 8, s + n - 8, 8);
    } else if (n >= 4) {
        memcpy(d, s, 4);
        memcpy(d + n - 4, s + n - 4, 4);
    } else if (n) { /* 1 to 3 bytes: first, middle and last (a loop becomes a memcpy call) */
        d[0] = s[0];
        d[n / 2] = s[n / 2];
        d[n - 1] = s[n - 1];
    }
}

static inline void put(line *l, const char *s, size_t n)
{
    if (l->cap - l->n <= n && !grow(l, n)) return; /* <=: an empty line has memory too */
    if (n <= 16) copy_short(l->p + l->n, s, n);
    else memcpy(l->p + l->n, s, n);
    l->n += n;
}

static void puts_(line *l, const char *s) { put(l, s, strlen(s)); }
static inline void putc_(line *l, char c) { put(l, &c, 1); }

/* Integers other than a year (years are nearly every integer of a line: put_year). */
static __attribute__((noinline)) void put_long(line *l, long v)
{
    char b[24], *e = b + sizeof b;
    char *p = mb_dec_digits(v < 0 ? 0UL - (unsigned long)v : (unsigned long)v, 0, 0, e);
    if (v < 0) *--p = '-';
    put(l, p, (size_t)(e - p));
}

/* A year, two digit pairs, at the cursor d into l's reserved room (LINE_ROOM, cp_in); the
 * cursor after it. */
static inline char *year_at(line *l, char *d, long v)
{
    if (v < 1000 || v > 9999) {
        l->n = (size_t)(d - l->p);
        put_long(l, v);
        return l->p + l->n;
    }
    memcpy(d, MB_DEC_DIGITS2 + 2 * (v / 100), 2);
    memcpy(d + 2, MB_DEC_DIGITS2 + 2 * (v % 100), 2);
    return d + 4;
}

/* The same through l's length. */
static inline void put_year(line *l, long v) { l->n = (size_t)(year_at(l, l->p + l->n, v) - l->p); }

/* Copies a piece into room the caller reserved (LINE_ROOM) in whole blocks of PAD bytes: up
 * to PAD - 1 bytes past the piece are written too (the next piece writes over them) and read
 * past its source, so every source handed here has PAD bytes to spare after its end (padded:
 * the rule's columns, the region's field, the status names; the target's text lies in an
 * array of MB_NUM_BUF bytes). One move for a piece up to 16 bytes, with no branch on its
 * length: a copy of the exact length branched three ways, or called memcpy past 16 bytes. */
enum { PAD = 16 };
_Static_assert(MB_NUM_BUF % PAD == 0, "a number's text and its padding fit its buffer");

static inline void put_in(line *l, const char *s, size_t n)
{
    char *d = l->p + l->n;
    for (size_t i = 0; i < n; i += PAD) memcpy(d + i, s + i, PAD);
    l->n += n;
}

/* PAD bytes to spare after a source's end (0: out of memory). */
static int padded(line *l) { return l->cap - l->n > PAD || grow(l, PAD); }

static inline void putc_in(line *l, char c) { l->p[l->n++] = c; }

/* put_in at a cursor d into room the caller reserved, returning the cursor after the piece
 * (as year_at does for a year): the line's head is written through a local pointer and its
 * length stored once. Through l, each byte stored may alias l->p and l->n, so the compiler
 * loaded both again after every piece. */
static inline char *cp_in(char *d, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i += PAD) memcpy(d + i, s + i, PAD);
    return d + n;
}

/* One pass finds the end and any byte that needs quoting (most fields have none). */
static void field(line *l, const char *s)
{
    if (!s) return;
    size_t n = 0;
    for (unsigned char c; (c = (unsigned char)s[n]); n++)
        if (c == ',' || c == '"' || c == '\r' || c == '\n') break;
    if (!s[n]) { put(l, s, n); return; }
    putc_(l, '"');
    for (; *s; s++) {
        if (*s == '"') putc_(l, '"');
        putc_(l, *s);
    }
    putc_(l, '"');
}

/* All owners in one field, separated by "; ". */
static void owners(line *l, const mb_rule *r)
{
    if (!r->nowners) return;
    int quote = 0;
    for (size_t i = 0; i < r->nowners; i++) quote |= strpbrk(r->owners[i].text, ",\"\r\n") != NULL;
    if (quote) putc_(l, '"');
    for (size_t i = 0; i < r->nowners; i++) {
        if (i) puts_(l, "; ");
        for (const char *s = r->owners[i].text; *s; s++) {
            if (*s == '"') putc_(l, '"');
            putc_(l, *s);
        }
    }
    if (quote) putc_(l, '"');
}

/* Every phrase in one field, one a line (a target restated in a task table has two). */
static void phrases(line *l, const mb_rule *r)
{
    if (r->nphrases < 2) { field(l, r->phrase); return; }
    putc_(l, '"');
    for (size_t i = 0; i < r->nphrases; i++) {
        if (i) putc_(l, '\n');
        for (const char *s = r->phrases[i].text; *s; s++) {
            if (*s == '"') putc_(l, '"');
            putc_(l, *s);
        }
    }
    putc_(l, '"');
}

/* The columns of a line that depend on the rule only, built once per rule (a report of
 * 100,000 regions repeats each of them 100,000 times): `plan,`; `,rule,indicator,` after the
 * region; `,unit,` after the gap; `,category,owners,` after the detail; and, for a rule with
 * one deadline, the last six columns but the criterion (`label,comparison,` before it and
 * `,phrase,binding,aspiration` after it). The criterion is the verdict's: the rule's own
 * words when it reads nothing else of the verdict (mb_report_criterion_fixed; kept once), or
 * kept words around the target's text (mb_report_criterion_around), or worded for the line. */
enum { TAIL_NONE, TAIL_ONE };

/* How a line's criterion is made (crit_how). */
enum { CRIT_WORDED, CRIT_FIXED, CRIT_AROUND };

typedef struct rule_cols {
    char *s;                 /* every part, one after the other */
    size_t end[6];           /* where each part ends in s */
    int tail;                /* TAIL_ONE: the fifth and sixth parts are the tail before and
                                after the criterion; TAIL_NONE: several deadlines */
    /* The criterion when it is the rule's own words, as its field (0: not made yet). */
    char *fixed;
    size_t fixed_n;
    /* The last target printed for the rule and its text: a fixed bound is the target of every
     * region, printed once instead of once a line (the same fraction, the same text). */
    mb_num target;
    size_t target_n;         /* 0: none yet */
    char target_s[MB_NUM_BUF];
    /* A criterion that is one bound on the target ("≥ 2468") is the words
     * before it, the target's text above and the words after it (mb_report_criterion_around):
     * kept, so that it is not worded again each line. around: 0 not known yet, 1 kept in
     * crit (before, padded, then after, padded), -1 worded each line. */
    int around;
    char *crit;
    size_t crit_before, crit_after;
    /* Runs of a line that are the same on many lines, copied from the first line that wrote
     * them piece by piece (so they are its bytes, made by the same code): for each status,
     * ",rule,indicator,year,status," of the deadline year `mid_year`; and the end of a line
     * whose detail and base source are empty, from ",unit," to the newline (last; a line whose
     * criterion is the rule's own words), or around its criterion's target (run: the columns
     * to the words before the target, and the words after it to the newline). Each run keeps
     * PAD bytes to spare (put_in). */
    int mid_year;
    char *mid;               /* MB_ST_COUNT runs of mid_cap bytes */
    size_t mid_cap, mid_n[MB_ST_COUNT]; /* 0: not made yet */
    char *last;
    size_t last_n;           /* 0: not made yet */
    char *run;               /* the two runs around the target, each PAD bytes to spare */
    size_t run_n[2];
} rule_cols;

typedef struct {
    const mb_eval *e;
    line out;                /* the block being rendered */
    rule_cols *cols;         /* per rule, built at its first verdict (NULL: out of memory) */
    size_t region;           /* the region whose name is in `reg` (+1; 0: none yet) */
    line reg;                /* that region's field and the comma after it */
    line status;             /* every status name, one after the other, padded (ctx_init) */
    size_t status_at[MB_ST_COUNT], status_n[MB_ST_COUNT];
} csv_ctx;

static void ctx_init(csv_ctx *c, const mb_eval *e, size_t nrules)
{
    c->e = e;
    c->cols = calloc(nrules + 1, sizeof(rule_cols));
    for (int s = 0; s < MB_ST_COUNT; s++) {
        c->status_at[s] = c->status.n;
        puts_(&c->status, mb_status_name((mb_status)s));
        c->status_n[s] = c->status.n - c->status_at[s];
    }
    if (!padded(&c->status) || c->status.oom) { free(c->cols); c->cols = NULL; } /* every line fails */
}

static void ctx_free(csv_ctx *c, size_t nrules)
{
    free(c->out.p);
    free(c->reg.p);
    free(c->status.p);
    for (size_t i = 0; c->cols && i < nrules; i++) {
        rule_cols *k = &c->cols[i];
        free(k->s), free(k->fixed), free(k->crit), free(k->mid), free(k->last), free(k->run);
    }
    free(c->cols);
}

/* label, comparison, criterion, phrase (every phrase of the rule, one a line), binding,
 * aspiration: the part before the criterion, the criterion, the part after it */
static void tail_before(line *l, const mb_verdict *v)
{
    field(l, v->rule->label);
    putc_(l, ',');
    const char *cmp = mb_report_comparison(v);
    if (cmp) puts_(l, cmp);
    putc_(l, ',');
}

enum { CRIT_BUF = 256 }; /* a criterion's text, at most */

static void tail_crit(line *l, const mb_verdict *v)
{
    char crit[CRIT_BUF];
    mb_report_criterion(v, crit, sizeof crit, 0);
    field(l, crit);
}

/* The words around the target in a criterion that is one bound on it, kept for the rule
 * (their text depends on the rule and its deadline only); 0 when the criterion is worded
 * each line: another shape, or words that need quoting or would not fit CRIT_BUF with a
 * number. */
static int around_of(rule_cols *k, const mb_verdict *v)
{
    if (k->around) return k->around > 0;
    char a[CRIT_BUF], z[CRIT_BUF];
    k->around = -1;
    if (!mb_report_criterion_around(v, a, z, sizeof a)) return 0;
    size_t na = strlen(a), nz = strlen(z);
    if (strpbrk(a, ",\"\r\n") || strpbrk(z, ",\"\r\n") || na + nz + MB_NUM_BUF >= CRIT_BUF) return 0;
    k->crit = malloc(na + nz + 2 * PAD);
    if (!k->crit) return 0;
    memcpy(k->crit, a, na);
    memcpy(k->crit + na + PAD, z, nz);
    k->crit_before = na;
    k->crit_after = nz;
    k->around = 1;
    return 1;
}

/* The criterion's field when it is the rule's own words, made for the first such verdict
 * (0 when it cannot be kept: out of memory). */
static int fixed_of(rule_cols *k, const mb_verdict *v)
{
    if (k->fixed_n) return 1;
    line t = {0};
    tail_crit(&t, v);
    if (!t.n || !padded(&t) || t.oom) { free(t.p); return 0; }
    k->fixed = t.p;
    k->fixed_n = t.n;
    return 1;
}

/* Inline, with the kept answer of around_of read here: once csv_row grew, the call was no
 * longer inlined and cost about 40 instructions a line. */
static inline int crit_how(rule_cols *k, const mb_verdict *v)
{
    if (v->has_target && (k->around ? k->around > 0 : around_of(k, v))) return CRIT_AROUND;
    if (mb_report_criterion_fixed(v) && fixed_of(k, v)) return CRIT_FIXED;
    return CRIT_WORDED;
}

static void tail_after(line *l, const mb_rule *r)
{
    putc_(l, ',');
    phrases(l, r);
    putc_(l, ',');
    const char *b = mb_binding_word(r->binding);
    if (b) puts_(l, b);
    puts_(l, r->aspiration ? ",true" : ",false");
}

static void tail_of(line *l, const mb_verdict *v)
{
    tail_before(l, v);
    tail_crit(l, v);
    tail_after(l, v->rule);
}

static int tail_kind(const mb_verdict *v)
{
    return v->rule->ngoals != 1 ? TAIL_NONE : TAIL_ONE; /* the comparison and criterion are the deadline's */
}

/* The columns of v's rule (NULL when they could not be built: out of memory). */
static rule_cols *cols_of(csv_ctx *c, const mb_verdict *v)
{
    const mb_rule *r = v->rule;
    if (!c->cols) return NULL;
    rule_cols *k = &c->cols[r->index];
    if (k->s) return k;
    line t = {0};
    field(&t, r->plan ? r->plan->id : "");
    putc_(&t, ',');
    k->end[0] = t.n;
    putc_(&t, ',');
    field(&t, r->id);
    putc_(&t, ',');
    field(&t, r->ind ? r->ind->id : "");
    putc_(&t, ',');
    k->end[1] = t.n;
    putc_(&t, ',');
    field(&t, r->ind ? r->ind->unit.text : "");
    putc_(&t, ',');
    k->end[2] = t.n;
    putc_(&t, ',');
    field(&t, r->category);
    putc_(&t, ',');
    owners(&t, r);
    putc_(&t, ',');
    k->end[3] = t.n;
    k->tail = tail_kind(v);
    if (k->tail == TAIL_ONE) tail_before(&t, v);
    k->end[4] = t.n;
    if (k->tail == TAIL_ONE) tail_after(&t, v->rule);
    k->end[5] = t.n;
    if (!padded(&t) || t.oom) { free(t.p); return NULL; }
    k->s = t.p;
    return k;
}

static inline void put_part(line *l, const rule_cols *k, int i)
{
    size_t a = i ? k->end[i - 1] : 0;
    put_in(l, k->s + a, k->end[i] - a);
}

/* The most a line adds beside its rule's columns and its region's field: two periods, the
 * status, three numbers, the detail and the criterion each quoted with every byte doubled,
 * the base's source, the commas. Reserved once a line, so that its pieces are copied without
 * a check each (a check per piece was a tenth of the line's instructions). */
enum { LINE_ROOM = 2 * 16 + 32 + 3 * MB_NUM_BUF + 2 * sizeof(((mb_verdict *)0)->detail) + 2 + 2 * CRIT_BUF + 2 + 16 + 32 + PAD };

/* A number's text at the cursor d (cp_in), in place: a decimal (every actual and gap of the
 * benchmark) by num_dec.h's inline path, without a call or a copy of the value; any other
 * value by mb_num_format. */
static inline char *num_at(char *d, mb_num v)
{
    size_t n = mb_num_format_dec(v, d);
    return d + (n ? n : mb_num_format(v, 4, d, NULL));
}

/* The target's text at the cursor d (cp_in): a fixed bound is printed once for the rule,
 * then copied. */
static inline char *target_at(char *d, rule_cols *k, mb_num t)
{
    if (!k->target_n || t.num != k->target.num || t.den != k->target.den) {
        k->target = t;
        k->target_n = mb_num_format(t, 4, k->target_s, NULL);
    }
    return cp_in(d, k->target_s, k->target_n);
}

/* ",rule,indicator,year,status,": the rule's run for the status when the line's deadline is
 * the year it was made for, else piece by piece (a quarter or month, another year of a rule
 * with several deadlines), kept for the next line of that status and year. */
static void put_mid(line *l, const csv_ctx *c, rule_cols *k, const mb_verdict *v)
{
    unsigned s = (unsigned)v->status;
    size_t at = l->n;
    put_part(l, k, 1);
    char pb[16];
    if (v->sub) puts_(l, mb_period_text(v->year, v->sub, pb)); /* a quarter or month: 2025Q1 */
    else put_year(l, v->year);
    putc_in(l, ',');
    if (s < MB_ST_COUNT) put_in(l, c->status.p + c->status_at[s], c->status_n[s]);
    else puts_(l, mb_status_name(v->status));
    putc_in(l, ',');
    if (s >= MB_ST_COUNT || v->sub) return;
    if (v->year != k->mid_year) memset(k->mid_n, 0, sizeof k->mid_n), k->mid_year = v->year;
    if (!k->mid) { /* the rule's columns, a year (or a longer integer), the longest status */
        k->mid_cap = k->end[1] - k->end[0] + 24 + 32 + PAD;
        if (!(k->mid = malloc(MB_ST_COUNT * k->mid_cap))) return; /* made piece by piece */
    }
    size_t n = l->n - at;
    if (n + PAD > k->mid_cap) return;
    memcpy(k->mid + s * k->mid_cap, l->p + at, n);
    k->mid_n[s] = n;
}

/* put_mid at the cursor d into l's reserved room (cp_in); the cursor after it. */
static inline char *mid_at(line *l, char *d, const csv_ctx *c, rule_cols *k, const mb_verdict *v)
{
    unsigned s = (unsigned)v->status;
    if (s < MB_ST_COUNT && !v->sub && v->year == k->mid_year && k->mid_n[s])
        return cp_in(d, k->mid + s * k->mid_cap, k->mid_n[s]);
    l->n = (size_t)(d - l->p);
    put_mid(l, c, k, v);
    return l->p + l->n;
}

/* A copy of n bytes with PAD to spare (NULL: out of memory, the line is made piece by piece). */
static char *kept(const char *s, size_t n)
{
    char *p = malloc(n + PAD);
    if (p) memcpy(p, s, n);
    return p;
}

/* The two runs around the target of a criterion that is one bound on it: the columns from
 * ",unit," to the words before the target, and the words after it to the newline, from the
 * rule's columns and the kept words (around_of). */
static void make_run(rule_cols *k)
{
    size_t lead = k->end[4] - k->end[1], a = k->crit_before, z = k->crit_after, trail = k->end[5] - k->end[4];
    k->run = malloc(lead + a + z + trail + 2 + 2 * PAD);
    if (!k->run) return;
    char *p = k->run;
    memcpy(p, k->s + k->end[1], lead), p += lead;
    memcpy(p, k->crit, a), p += a;
    k->run_n[0] = (size_t)(p - k->run);
    p = k->run + k->run_n[0] + PAD;
    memcpy(p, k->crit + a + PAD, z), p += z;
    memcpy(p, k->s + k->end[4], trail), p += trail;
    memcpy(p, ",\n", 2), p += 2; /* no base source: the line's last column is empty */
    k->run_n[1] = (size_t)(p - (k->run + k->run_n[0] + PAD));
}

/* The end of a line whose detail and base source are empty, from ",unit," to the newline, as
 * runs of the rule, at the cursor d (cp_in): the cursor after it (NULL: to be made piece by
 * piece). */
static inline char *end_at(char *d, rule_cols *k, int how)
{
    if (how == CRIT_FIXED && k->last_n) return cp_in(d, k->last, k->last_n);
    if (how != CRIT_AROUND) return NULL;
    if (!k->run) make_run(k);
    if (!k->run) return NULL;
    d = cp_in(d, k->run, k->run_n[0]);
    d = cp_in(d, k->target_s, k->target_n); /* the target's text was just put: k->target_s */
    return cp_in(d, k->run + k->run_n[0] + PAD, k->run_n[1]);
}

/* hot: without it gcc judged parts of the inline number path cold and divided by 10, 100 and
 * 10^k with division instructions (some 40 cycles each, two or three a line) instead of
 * multiplications. */
static __attribute__((hot)) void csv_row(void *ctx, const mb_verdict *v)
{
    csv_ctx *c = ctx;
    line *l = &c->out;
    rule_cols *k = cols_of(c, v);
    if (c->region != v->region + 1) {
        c->reg.n = 0;
        field(&c->reg, c->e->D->region_names[v->region]);
        c->region = !padded(&c->reg) || c->reg.oom ? 0 : v->region + 1;
    }
    size_t room = k && c->region ? k->end[5] + c->reg.n + LINE_ROOM : 0;
    if (!room || (l->cap - l->n <= room && !grow(l, room))) { l->oom = 1; return; } /* the report fails */
    char *d = cp_in(l->p + l->n, k->s, k->end[0]); /* the rule's first part: "plan," */
    d = cp_in(d, c->reg.p, c->reg.n);
    d = mid_at(l, d, c, k, v);
    if (v->has_actual) d = num_at(d, v->actual);
    *d++ = ',';
    if (v->has_actual && v->actual_sub) {
        char pb[16];
        const char *t = mb_period_text(v->actual_year, v->actual_sub, pb);
        size_t n = strlen(t);
        memcpy(d, t, n), d += n;
    } else if (v->has_actual) d = year_at(l, d, v->actual_year);
    *d++ = ',';
    if (v->has_target) d = target_at(d, k, v->target);
    *d++ = ',';
    if (v->has_gap) d = num_at(d, v->gap);
    const char *base = mb_report_base_source(v); /* the rule prints its base: which was used */
    int plain = !v->detail[0] && !base, how = k->tail == TAIL_ONE ? crit_how(k, v) : CRIT_WORDED;
    char *end = plain ? end_at(d, k, how) : NULL;
    l->n = (size_t)((end ? end : d) - l->p);
    if (end) return;
    size_t at = l->n;
    put_part(l, k, 2);
    if (v->detail[0]) field(l, v->detail);
    put_part(l, k, 3);
    if (k->tail == TAIL_ONE) {
        put_part(l, k, 4);
        if (how == CRIT_FIXED) put_in(l, k->fixed, k->fixed_n);
        else if (how == CRIT_AROUND) { /* the target's text was just put: k->target_s */
            put_in(l, k->crit, k->crit_before);
            put_in(l, k->target_s, k->target_n);
            put_in(l, k->crit + k->crit_before + PAD, k->crit_after);
        } else tail_crit(l, v);
        put_part(l, k, 5);
    } else tail_of(l, v); /* a rule with several deadlines: not in the room reserved */
    putc_(l, ',');
    if (base) puts_(l, base);
    putc_(l, '\n');
    if (plain && how == CRIT_FIXED && !k->last && !l->oom) k->last = kept(l->p + at, l->n - at);
    if (k->last && !k->last_n) k->last_n = l->n - at;
}

/* Two threads render alternate blocks of units into their own buffers and append them to
 * the output strictly in block order, so the file is the same as with one thread and memory
 * stays bounded by two blocks. */
enum { CSV_BLOCK = 2048 };

typedef struct csv_job {
    const mb_eval *e;
    const mb_walk *w;        /* made once: making it reads every region */
    FILE *out;
    size_t units, nthreads, turn;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    mb_tally t[2];
    int failed;
} csv_job;

typedef struct { csv_job *job; size_t k; } csv_worker;

static void *csv_run(void *arg)
{
    csv_worker *w = arg;
    csv_job *j = w->job;
    csv_ctx c = {0};
    ctx_init(&c, j->e, j->e->m->nrules);
    for (size_t b = w->k; b * CSV_BLOCK < j->units; b += j->nthreads) {
        c.out.n = 0;
        mb_tally t = mb_walk_range(j->w, csv_row, &c, b * CSV_BLOCK, (b + 1) * CSV_BLOCK);
        for (int s = 0; s < MB_ST_COUNT; s++) j->t[w->k].by_status[s] += t.by_status[s];
        j->t[w->k].verdicts += t.verdicts;
        j->t[w->k].failing += t.failing;
        pthread_mutex_lock(&j->mu);
        while (j->turn != b) pthread_cond_wait(&j->cv, &j->mu);
        if (c.out.oom || (c.out.n && fwrite(c.out.p, 1, c.out.n, j->out) != c.out.n)) j->failed = 1;
        j->turn++;
        pthread_cond_broadcast(&j->cv);
        pthread_mutex_unlock(&j->mu);
    }
    ctx_free(&c, j->e->m->nrules);
    return NULL;
}

static const char HEADER[] = "plan,region,rule,indicator,year,status,actual,actual_period,target,gap,unit,detail,"
                             "category,owners,label,comparison,criterion,phrase,binding,aspiration,base_source\n";

/* Streaming (report_stream.c hands each verdict as its region ends): the same lines, built
 * in the same buffer and written each time it passes CSV_FLUSH bytes. Each write into the
 * page cache has a fixed cost beside the copying: 243 MB written in 64 KiB blocks took
 * about 0.18 s of system time, in 256 KiB blocks about 0.13 s (bench/write_floor.c); a
 * larger block gains nothing more and leaves the cache the line is built in. */
enum { CSV_FLUSH = 1 << 18 };

struct mb_csv_stream {
    FILE *out;
    mb_eval e;               /* only e.D is read: region names */
    csv_ctx c;
    int failed;
};

mb_csv_stream *mb_report_csv_begin_part(FILE *out, const mb_model *m, const mb_data *D)
{
    mb_csv_stream *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->out = out;
    s->e.m = m;
    s->e.D = D;
    ctx_init(&s->c, &s->e, m->nrules);
    return s;
}

mb_csv_stream *mb_report_csv_begin(FILE *out, const mb_model *m, const mb_data *D)
{
    mb_csv_stream *s = mb_report_csv_begin_part(out, m, D);
    if (s) fputs(HEADER, out);
    return s;
}

int mb_report_csv_flush(mb_csv_stream *s)
{
    if (s->c.out.oom || (s->c.out.n && fwrite(s->c.out.p, 1, s->c.out.n, s->out) != s->c.out.n)) s->failed = 1;
    s->c.out.n = 0;
    if (fflush(s->out)) s->failed = 1;
    return s->failed;
}

void mb_report_csv_row(void *ctx, const mb_verdict *v)
{
    mb_csv_stream *s = ctx;
    csv_row(&s->c, v);
    if (s->c.out.n < CSV_FLUSH) return;
    if (s->c.out.oom || fwrite(s->c.out.p, 1, s->c.out.n, s->out) != s->c.out.n) s->failed = 1;
    s->c.out.n = 0;
}

int mb_report_csv_end(mb_csv_stream *s, int write)
{
    if (!s) return 1;
    if (write && (s->c.out.oom || (s->c.out.n && fwrite(s->c.out.p, 1, s->c.out.n, s->out) != s->c.out.n))) s->failed = 1;
    int failed = s->failed || s->c.reg.oom;
    ctx_free(&s->c, s->e.m->nrules);
    free(s);
    return failed;
}

mb_tally mb_report_csv(FILE *out, const mb_eval *e, const mb_filter *f)
{
    fputs(HEADER, out);
    mb_eval lines = *e;
    lines.lines_only = 1; /* a line prints neither the trace's values nor the relative gap */
    e = &lines;
    mb_walk *walk = mb_walk_new(e, f);
    if (!walk) return (mb_tally){.error = 1};
    csv_job j = {.e = e, .w = walk, .out = out, .units = mb_walk_units(walk), .nthreads = mb_report_threads(e)};
    pthread_mutex_init(&j.mu, NULL);
    pthread_cond_init(&j.cv, NULL);
    csv_worker w[2] = {{&j, 0}, {&j, 1}};
    pthread_t th;
    if (j.nthreads == 2 && pthread_create(&th, NULL, csv_run, &w[1]) != 0) j.nthreads = 1;
    csv_run(&w[0]);
    if (j.nthreads == 2) pthread_join(th, NULL);
    pthread_mutex_destroy(&j.mu);
    pthread_cond_destroy(&j.cv);
    mb_walk_free(walk);
    mb_tally t = j.t[0];
    t.error = j.failed;
    for (int s = 0; s < MB_ST_COUNT; s++) t.by_status[s] += j.t[1].by_status[s];
    t.verdicts += j.t[1].verdicts;
    t.failing += j.t[1].failing;
    return t;
}

/* Per rule: how many verdicts of each status (the benchmark's output). Each thread counts a
 * slice of the regions into its own table; the tables are added at the end. */
typedef struct sum_part {
    const mb_eval *e;
    const mb_filter *f;
    size_t (*counts)[MB_ST_COUNT];
    size_t part, nparts;
    mb_tally t;
} sum_part;

static void sum_row(void *ctx, const mb_verdict *v)
{
    sum_part *c = ctx;
    c->counts[v->rule->index][v->status]++;
}

void mb_report_summary_count(void *ctx, const mb_verdict *v)
{
    size_t (*counts)[MB_ST_COUNT] = ctx;
    counts[v->rule->index][v->status]++;
}

static void *sum_run(void *arg)
{
    sum_part *c = arg;
    c->t = mb_report_walk_part(c->e, c->f, sum_row, c, c->part, c->nparts);
    return NULL;
}

static void tally_add(mb_tally *a, const mb_tally *b)
{
    for (int s = 0; s < MB_ST_COUNT; s++) a->by_status[s] += b->by_status[s];
    a->verdicts += b->verdicts;
    a->failing += b->failing;
}

/* A column per status: eval's, and with verdicts a database computed (nstatus
 * MB_ST_COUNT) its two statuses too, so that what it left unchecked is counted. */
static void summary_print(FILE *out, const mb_model *m, const mb_filter *f, size_t (*counts)[MB_ST_COUNT], int nstatus)
{
    fputs("rule", out);
    for (int s = 0; s < nstatus; s++) fprintf(out, ",%s", mb_status_name((mb_status)s));
    fputc('\n', out);
    for (size_t i = 0; i < m->nrules; i++) {
        if (!mb_filter_rule(f, m->rules[i])) continue;
        line l = {0};
        field(&l, m->rules[i]->id);
        if (!l.oom) fwrite(l.p, 1, l.n, out);
        free(l.p);
        for (int s = 0; s < nstatus; s++) fprintf(out, ",%zu", counts[i][s]);
        fputc('\n', out);
    }
}

void mb_report_summary_print(FILE *out, const mb_model *m, const mb_filter *f, size_t (*counts)[MB_ST_COUNT])
{
    summary_print(out, m, f, counts, MB_ST_EVAL_COUNT);
}

mb_tally mb_report_summary(FILE *out, const mb_eval *e0, const mb_filter *f)
{
    mb_eval quick = *e0, *e = &quick;
    quick.status_only = 1; /* the counts read nothing but the status */
    size_t n = e->m->nrules, nt = mb_report_threads(e);
    mb_tally t;
    memset(&t, 0, sizeof t);
    sum_part parts[2];
    for (size_t i = 0; i < nt; i++) {
        parts[i] = (sum_part){e, f, calloc(n + 1, sizeof *parts[i].counts), i, nt, t};
        if (!parts[i].counts) { nt = i; break; }
    }
    if (!nt) return t;
    pthread_t th;
    int threaded = nt == 2 && pthread_create(&th, NULL, sum_run, &parts[1]) == 0;
    sum_run(&parts[0]);
    if (threaded) pthread_join(th, NULL);
    else if (nt == 2) sum_run(&parts[1]);
    for (size_t i = 0; i < nt; i++) tally_add(&t, &parts[i].t);
    for (size_t i = 0; nt == 2 && i < n; i++)
        for (int s = 0; s < MB_ST_COUNT; s++) parts[0].counts[i][s] += parts[1].counts[i][s];
    summary_print(out, e->m, f, parts[0].counts, e->given ? MB_ST_COUNT : MB_ST_EVAL_COUNT);
    for (size_t i = 0; i < nt; i++) free(parts[i].counts);
    return t;
}
