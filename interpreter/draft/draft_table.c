/* draft_table.c — indicator tables to milestones. Text versions of government pages (and
 * draft_html.c for HTML) print a table one cell a line: a header (序号, 一级指标, 二级指标,
 * 2018年 2019年 2020年 or 目标值, 责任单位, 数据来源), then per row its number, maybe a
 * category, the indicator's name, one value per year column, and its owners and sources.
 * A row becomes one target: milestones for several years, a comparison for one; the phrase
 * is the row as printed (name and values joined by one space). A row whose values do not
 * line up with the year columns is listed as not placed. */
#include <stdlib.h>
#include <string.h>

#include "draft_int.h"
#include "draft_words.h"
#include "num.h"

enum { MAX_COLS = 16, MAX_CELLS = 64 };

typedef struct cell {
    size_t line;              /* index into d->lines */
    const char *s;            /* NFKC text, trimmed */
    size_t n;
} cell;

typedef struct table {
    int years[MAX_COLS], nyears;
    int has_category, has_owner, has_source;
    int nbase;                /* columns of base-year values (2020年基期值), before the years */
    int base_year;            /* the year such a column names (0: none, or several columns) */
} table;

static int next_cell(md_doc *d, size_t *l, cell *c)
{
    for (; *l < d->nlines; (*l)++) {
        size_t a = d->lines[*l].start, b = d->lines[*l].end;
        md_trim(d->nt.data, &a, &b);
        if (a == b) continue;
        c->line = *l, c->s = d->nt.data + a, c->n = b - a;
        (*l)++;
        return 1;
    }
    return 0;
}

static int eq(const cell *c, const char *w) { return c->n == strlen(w) && !memcmp(c->s, w, c->n); }

/* A year column: 2018, 2018年, 2018年目标, 2020年目标值. */
static int year_col(md_doc *d, const cell *c, int *year)
{
    size_t after;
    size_t off = (size_t)(c->s - d->nt.data);
    if (!md_year_at(d->nt.data, off, off + c->n, year, &after)) return 0;
    const char *p = d->nt.data + after, *e = c->s + c->n;
    if (md_at(p, e, "年")) p += strlen("年");
    return p == e || eq(&(cell){0, p, (size_t)(e - p)}, "目标") || eq(&(cell){0, p, (size_t)(e - p)}, "目标值");
}

static int index_cell(const cell *c, int want)
{
    int v = 0;
    if (c->n == 0 || c->n > 3) return 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->s[i] < '0' || c->s[i] > '9') return 0;
        v = v * 10 + (c->s[i] - '0');
    }
    return v == want;
}

/* A value cell: a number with an optional unit, nothing else ("5.1%", "3.0亿元", "80家", "64"). */
static int value_cell(md_doc *d, const cell *c, md_qty *q)
{
    size_t off = (size_t)(c->s - d->nt.data), n = c->n;
    int bracket = n >= 3 && c->s[0] == '[' && c->s[n - 1] == ']'; /* [14]: a total over the period */
    if (bracket) off++, n -= 2;
    if (!md_scan_qty(d->nt.data, off, off + n, q) || q->suffix < 0) return 0;
    q->bracket = bracket;
    return q->end == off + n && !q->num2[0];
}

/* A responsible unit or a data source (市科技局, 市人才办, 区政府), not a category. */
static int org_cell(const cell *c)
{
    static const char *const ORG[] = {"局", "办", "委", "部", "会", "院", "厅", "处", "室", "政府", "集团",
                                      "公司", "中心", "银行", "所", "站", ")", NULL};
    for (size_t k = 0; ORG[k]; k++) {
        size_t n = strlen(ORG[k]);
        if (c->n >= n && !memcmp(c->s + c->n - n, ORG[k], n)) return 1;
    }
    return 0;
}

static int long_cell(const cell *c)
{
    return c->n > 90 || memchr(c->s, ',', c->n) || md_find(c->s, c->s + c->n, "。");
}

/* The year a base-year column names (2020年基期值, 2020年现状值): its first four digits that
 * read as a year; 0 when it names none (现状值 alone). */
static int cell_year(const cell *c)
{
    for (size_t i = 0; i + 4 <= c->n; i++) {
        int y = 0, k = 0;
        while (k < 4 && c->s[i + k] >= '0' && c->s[i + k] <= '9') y = y * 10 + (c->s[i + k++] - '0');
        if (k == 4 && y >= 1900 && y <= 2999 && !(i + 4 < c->n && c->s[i + 4] >= '0' && c->s[i + 4] <= '9')) return y;
    }
    return 0;
}

/* The header starting at line l: its columns, and where the first row starts. */
static int header(md_doc *d, size_t l, table *t, size_t *body)
{
    memset(t, 0, sizeof *t);
    int names = 0, target = 0;
    cell c;
    size_t k = l;
    for (int i = 0; i < MAX_COLS && next_cell(d, &k, &c); i++) {
        if (long_cell(&c)) return 0;
        if (index_cell(&c, 1)) break;
        int y;
        if (eq(&c, "序号") || eq(&c, "二级指标") || eq(&c, "指标名称") || eq(&c, "指标") || eq(&c, "具体指标")) names++;
        else if (eq(&c, "一级") || eq(&c, "一级指标") || eq(&c, "类别")) { t->has_category = 1; names++; }
        else if (eq(&c, "责任单位") || eq(&c, "牵头单位") || eq(&c, "责任部门")) t->has_owner = 1;
        else if (eq(&c, "数据来源") || eq(&c, "统计部门")) t->has_source = 1;
        else if (eq(&c, "目标值") || eq(&c, "目标")) {
            if (t->nyears < MAX_COLS && d->ndeadlines) t->years[t->nyears++] = d->deadlines[d->ndeadlines - 1];
            target = 1;
        } else if (year_col(d, &c, &y)) {
            if (t->nyears < MAX_COLS) t->years[t->nyears++] = y;
            target = 1;
        } else if (md_find(c.s, c.s + c.n, "基期") || md_find(c.s, c.s + c.n, "现状") || eq(&c, "基数")) {
            t->base_year = t->nbase++ ? 0 : cell_year(&c);
        } else if (i == 0) return 0; /* a header starts with one of its own words */
        *body = k;
    }
    return names && target && t->nyears;
}

static const char *unit_of_name(md_doc *d, const char *name, size_t n)
{
    if (n >= 3 && name[n - 1] == ')') {
        const char *open = name + n - 1;
        while (open > name && *open != '(') open--;
        if (*open == '(' && name + n - 1 - open - 1 <= 12) return md_dup(d, open + 1, (size_t)(name + n - 2 - open));
    }
    return md_lower_name(md_dup(d, name, n)) && (md_find(name, name + n, "排名") || md_find(name, name + n, "位次"))
               ? "位" : "";
}

static char *join_cells(md_doc *d, const cell *v, size_t n, const char *sep)
{
    char buf[2048];
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        size_t a = (size_t)(v[i].s - d->nt.data);
        const char *o = md_orig(d, a, a + v[i].n);
        size_t on = strlen(o);
        if (k + on + strlen(sep) + 1 >= sizeof buf) break;
        if (i) { memcpy(buf + k, sep, strlen(sep)); k += strlen(sep); }
        memcpy(buf + k, o, on);
        k += on;
    }
    return md_dup(d, buf, k);
}

/* Values that go the wrong way for the direction cannot be milestones of one indicator. */
static int monotone(const md_qty *q, int n, int lower)
{
    for (int i = 1; i < n; i++) {
        mb_num a, b;
        if (mb_num_parse(q[i - 1].num, strlen(q[i - 1].num), 0, &a) || mb_num_parse(q[i].num, strlen(q[i].num), 0, &b))
            return 0;
        if (strcmp(q[i - 1].unit, q[i].unit)) return 0;
        int c = mb_num_cmp(a, b);
        if (lower ? c < 0 : c > 0) return 0;
    }
    return 1;
}

static void row(md_doc *d, const table *t, cell *v, size_t n, const char **category)
{
    size_t i = 0, before = 0, nv = 0;
    md_qty q[MAX_COLS];
    while (i < n && !value_cell(d, &v[i], &q[0])) i++;
    before = i;
    while (i < n && nv < MAX_COLS && value_cell(d, &v[i], &q[nv])) { i++; nv++; }
    size_t after = 0;
    cell rest[MAX_CELLS];
    int binding = 0;
    for (size_t k = i; k < n; k++) {
        if (eq(&v[k], "约束性")) binding = 1;
        else if (eq(&v[k], "预期性")) binding = 2;
        else rest[after++] = v[k];
    }
    if (t->has_category && after && !org_cell(&rest[after - 1]))
        after--; /* the next row's category, printed before its number */
    if (before == 0) return;
    if (before >= 2 && t->has_category) *category = join_cells(d, &v[before - 2], 1, "");
    const cell *name = &v[before - 1];
    int src = d->lines[name->line].src;
    size_t skip = 0;
    if (t->nbase && nv == (size_t)(t->nyears + t->nbase)) skip = (size_t)t->nbase;
    if (nv - skip != (size_t)t->nyears || !nv) {
        char *what = join_cells(d, name, 1, "");
        md_unplace(d, src, what, strlen(what), "a table row whose values do not line up with the year columns");
        return;
    }
    md_target *tg = md_new_target(d);
    if (!tg) return;
    tg->src = src;
    tg->binding = binding;
    md_qty base = q[0];
    if (skip && !t->base_year) md_note(d, tg, md_fmt(d, "the table prints a base-year value (%s)", q[0].num));
    if (skip) {
        memmove(q, q + skip, (nv - skip) * sizeof *q);
        nv -= skip;
    }
    if (q[0].bracket) md_note(d, tg, "[ ] in the table: a total over the plan's period?");
    cell ph[MAX_COLS + 1];
    ph[0] = *name;
    for (size_t k = 0; k < nv; k++) ph[k + 1] = v[before + skip + k];
    tg->phrase = join_cells(d, ph, nv + 1, " ");
    const char *unit = q[0].unit[0] ? q[0].unit : unit_of_name(d, name->s, name->n);
    int lower = md_lower_name(md_dup(d, name->s, name->n));
    const char *np = md_find(name->s, name->s + name->n, "(");
    size_t bare = np ? (size_t)(np - name->s) : name->n;
    int cutw = md_ends_with_any(name->s, 0, bare, (const char *const[]){"降低", "下降", NULL});
    int cut = nv == 1 && cutw && !strcmp(unit, "%");
    /* a row named …增长率(%) or …增速(%) with one value: the growth over the previous year,
     * which such a table gives as the rate */
    int rate = nv == 1 && !cut && !strcmp(unit, "%") &&
               md_ends_with_any(name->s, 0, bare, (const char *const[]){"增长率", "增速", NULL});
    const char *note = NULL;
    /* a row named …降低(%): the indicator is what falls, the row's value the cut */
    tg->ind = cut ? md_indicator(d, name->s, bare - (size_t)cutw, "", 1, &note)
                  : md_indicator(d, name->s, name->n, unit, lower, &note);
    if (tg->ind == (size_t)-1) { d->nts--; return; }
    md_note(d, tg, note);
    md_ind *ind = &d->inds[tg->ind];
    if (cut) {
        tg->form = MD_F_CUT;
        snprintf(tg->value, sizeof tg->value, "%s%%", q[0].num);
        tg->nyears = 1, tg->years[0] = t->years[0], tg->from = d->base;
        md_note(d, tg, "a row named …降低(%) read as a cut from the base year; the indicator's unit is not printed");
    }
    /* the base-year column: the value the plan prints for its base year, in the row's unit
     * (a row named …降低(%) prints the previous period's cut there, not a level) */
    /* a growth rate's row (…年均增长(%)) prints the last period's rate there: noted only */
    int growth = md_ends_with_any(name->s, 0, bare, (const char *const[]){"增长", "增速", "增长率", NULL});
    if (skip && t->base_year && !cut && !rate && !growth) {
        if (!base.unit[0] && unit[0]) snprintf(base.unit, sizeof base.unit, "%s", unit);
        if (strchr(ind->unit, '/') && !strchr(base.unit, '/')) snprintf(base.unit, sizeof base.unit, "%s", ind->unit);
        tg->pbase_year = t->base_year;
        md_qty_text(&base, 0, tg->pbase, sizeof tg->pbase);
    } else if (skip && t->base_year) md_note(d, tg, md_fmt(d, "the table prints a base-year value (%s)", base.num));
    lower = ind->lower;
    tg->cmp = lower ? "<=" : ">=";
    if (!unit[0]) md_note(d, tg, "the table prints no unit");
    const char *owner = NULL, *source = NULL;
    if (t->has_owner && after) {
        size_t no = t->has_source && after >= 2 ? (after + 1) / 2 : after;
        owner = join_cells(d, rest, no, "\x1f");
        if (t->has_source && after > no) source = join_cells(d, rest + no, after - no, "、");
    } else if (t->has_source && after) source = join_cells(d, rest, after, "、");
    if (ind->reused) tg->category = *category, tg->owner = owner, tg->source = source;
    else {
        if (!ind->category) ind->category = *category;
        if (!ind->owner) ind->owner = owner;
        if (!ind->source) ind->source = source;
    }
    if (cut) return;
    int mono = monotone(q, (int)nv, lower);
    for (size_t k = 0; k < nv; k++) {
        char buf[MD_NUM_MAX + MD_UNIT_MAX + 4];
        md_qty x = q[k];
        if (!x.unit[0] && unit[0]) snprintf(x.unit, sizeof x.unit, "%s", unit);
        if (strchr(ind->unit, '/') && !strchr(x.unit, '/'))
            snprintf(x.unit, sizeof x.unit, "%s", ind->unit);
        md_qty_text(&x, 0, buf, sizeof buf);
        if (nv == 1 || !mono) {
            md_target *one = k == 0 ? tg : md_new_target(d);
            if (!one) return;
            if (k) { *one = *tg; one->nnotes = 0; }
            tg = d->ts + (d->nts - 1 - (k ? 0 : 0));
            one = &d->ts[d->nts - 1];
            one->form = rate ? MD_F_RATE : MD_F_CMP;
            if (rate) md_note(d, one, "a row named …增长率(%) read as the growth rate over the previous year, submitted as the rate");
            snprintf(one->value, sizeof one->value, "%s", buf);
            one->nyears = 1;
            one->years[0] = t->years[k];
            if (!mono && nv > 1) md_note(d, one, "the row's values do not move one way: one target per year");
        } else {
            tg->form = MD_F_MILESTONES;
            tg->mvalues[k] = md_dup(d, buf, strlen(buf));
            tg->years[k] = t->years[k];
            tg->nyears = (int)nv;
        }
    }
}

static size_t body(md_doc *d, const table *t, size_t l)
{
    cell v[MAX_CELLS];
    size_t n = 0, k = l, last = l;
    int want = 1;
    const char *category = NULL;
    cell c;
    /* cells before the first number: the first row's category */
    while (next_cell(d, &k, &c)) {
        if (long_cell(&c)) break;
        if (index_cell(&c, want)) {
            if (want > 1) row(d, t, v, n, &category);
            /* a cell before the number that is no unit's name: this row's category */
            if (n && t->has_category && !org_cell(&v[n - 1]) && !value_cell(d, &v[n - 1], &(md_qty){0}))
                category = join_cells(d, &v[n - 1], 1, "");
            n = 0;
            want++;
            last = k;
            continue;
        }
        if (want == 1 && n >= 2) break;          /* no first row */
        if (n < MAX_CELLS) v[n++] = c;
        last = k;
    }
    if (want > 1) row(d, t, v, n, &category);
    return want > 1 ? last : l;
}

void md_tables(md_doc *d)
{
    for (size_t l = 0; l < d->nlines; l++) {
        table t;
        size_t start = l;
        if (!header(d, l, &t, &start)) continue;
        size_t end = body(d, &t, start);
        if (end == start) continue;
        for (size_t i = l; i < end && i < d->nlines; i++) d->in_table[i] = 1;
        d->tables++;
        l = end - 1;
    }
}
