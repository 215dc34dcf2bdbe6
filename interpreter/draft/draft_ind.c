/* draft_ind.c — indicators: a printed name from the text is matched against the catalogue
 * (after NFKC, and without a printed unit such as "(%)"), else a new indicator is proposed
 * with the unit the text uses and a direction (rankings, energy use, emissions and their
 * intensities are lower-is-better). One proposal per name and unit. */
#include <stdlib.h>
#include <string.h>

#include "draft_int.h"
#include "unit.h"

int md_lower_name(const char *name)
{
    static const char *const LOWER[] = {"排名", "排位", "位次", "名次", "能耗", "排放", "耗能",
                                        "污染", "周期", "时限", "时间", "成本", "事故", "失业率",
                                        "价格涨幅", "物价涨幅", NULL};
    const char *e = name + strlen(name);
    for (size_t k = 0; LOWER[k]; k++)
        if (md_find(name, e, LOWER[k])) return 1;
    return 0;
}

/* The unit an indicator is kept in: the text's unit without a scale word, except money,
 * which plans state in 万元 and 亿元. */
static const char *ind_unit(md_doc *d, const char *unit)
{
    static const char *const SC[] = {"十万", "百万", "千万", "万", "亿", "千", "百", NULL};
    if (!unit[0] || strstr(unit, "/")) return md_dup(d, unit, strlen(unit));
    for (size_t k = 0; SC[k]; k++) {
        size_t n = strlen(SC[k]);
        if (strncmp(unit, SC[k], n) == 0 && unit[n]) {
            if (!strcmp(unit + n, "元")) break;
            return md_dup(d, unit + n, strlen(unit + n));
        }
    }
    return md_dup(d, unit, strlen(unit));
}

/* The catalogue indicator printed as `name` (or as `name` followed by 数, the way indicator
 * tables name a count: 高新技术企业 → 高新技术企业数), or NULL. */
static const mb_indicator *catalogue_find(const md_doc *d, const char *name, size_t n)
{
    const mb_model *m = d->o->catalogue;
    for (size_t i = 0; m && i < m->ninds; i++) {
        const mb_indicator *ind = m->inds[i];
        if (!ind->name) continue;
        size_t k = strlen(ind->name);
        if (mb_name_eq(ind->name, k, name, n)) return ind;
        if (k == n + strlen("数") && !strcmp(ind->name + n, "数") && mb_name_eq(ind->name, n, name, n)) return ind;
    }
    return NULL;
}

/* Does a value written in `unit` fit indicator unit `iu` (same words once scales are off)? */
static int fits(const char *unit, const char *iu)
{
    mb_unit a, b;
    if (!unit[0]) return 1;
    if (mb_unit_parse(unit, &a) != MB_UNIT_OK || mb_unit_parse(iu[0] ? iu : "1", &b) != MB_UNIT_OK) return 0;
    return mb_unit_same_base(&a, &b);
}

/* A catalogue rate (件/万人, 人年/万人) that the text prints by its numerator only (25.5件). */
static int numerator_of(const char *unit, const char *iu)
{
    const char *slash = strchr(iu, '/');
    if (!unit[0] || !slash || strchr(unit, '/')) return 0;
    char num[MD_UNIT_MAX];
    size_t k = (size_t)(slash - iu);
    if (k >= sizeof num) return 0;
    memcpy(num, iu, k);
    num[k] = 0;
    return fits(unit, num);
}

static size_t add(md_doc *d, md_ind ind)
{
    md_ind *v = mb_arena_push(d->A, d->inds, d->ninds, sizeof *v);
    if (!v) return (size_t)-1;
    d->inds = v;
    v[d->ninds] = ind;
    return d->ninds++;
}

/* The name without a trailing printed unit "(%)", "(家)", "(人)". */
static size_t strip_unit(const char *name, size_t n)
{
    if (n >= 3 && name[n - 1] == ')') {
        size_t open = n;
        while (open > 0 && name[open - 1] != '(') open--;
        if (open > 0 && n - open <= 16) {
            n = open - 1;
            while (n > 0 && name[n - 1] == ' ') n--;
        }
    }
    return n;
}

/* A rate per 10 000 people or per 亿元 carries its denominator in the unit: 万人发明专利拥有量
 * 25.5件 is 25.5 件/万人, 亿元研发投入PCT专利申请数 3件 is 3 件/亿元. */
static const char *rate_unit(md_doc *d, const char *name, size_t n, const char *unit)
{
    static const struct { const char *lead, *per; } RATE[] = {
        {"每万人口", "万人"}, {"每万人", "万人"}, {"每万名", "万人"}, {"万人", "万人"}, {"每亿元", "亿元"},
        {"亿元", "亿元"}, {NULL, NULL}};
    if (!unit[0] || strchr(unit, '/') || !strcmp(unit, "%") || !strcmp(unit, "位")) return unit;
    for (size_t k = 0; RATE[k].lead; k++)
        if (md_at(name, name + n, RATE[k].lead)) return md_fmt(d, "%s/%s", unit, RATE[k].per);
    return unit;
}

size_t md_indicator(md_doc *d, const char *name, size_t n, const char *unit, int lower, const char **note)
{
    unit = rate_unit(d, name, n, unit);
    *note = NULL;
    int clash = 0;
    n = strip_unit(name, n);
    const mb_indicator *c = catalogue_find(d, name, n);
    if (c && numerator_of(unit, c->unit.text))
        *note = md_fmt(d, "the text writes %s; the catalogue's %s counts %s", unit, c->id, c->unit.text);
    else if (c && !fits(unit, c->unit.text)) {
        *note = md_fmt(d, "the catalogue's %s is in %s, the text writes %s: a new indicator", c->id, c->unit.text, unit);
        c = NULL;
        clash = 1;
    }
    for (size_t i = 0; i < d->ninds; i++) {
        md_ind *x = &d->inds[i];
        if (c && x->reused && !strcmp(x->id, c->id)) return i;
        if (!c && !x->reused && strlen(x->name) == n && !memcmp(x->name, name, n) && fits(unit, x->unit))
            return i;
    }
    md_ind ind = {0};
    if (c) {
        ind.id = c->id, ind.name = c->name, ind.unit = c->unit.text, ind.lower = c->direction < 0;
        ind.reused = 1;
        return add(d, ind);
    }
    size_t same = 0;
    for (size_t i = 0; i < d->ninds; i++) same += !d->inds[i].reused;
    ind.id = md_fmt(d, "i%02zu", same + 1);
    ind.name = clash ? md_fmt(d, "%.*s(%s)", (int)n, name, unit) : md_dup(d, name, n);
    ind.unit = ind_unit(d, unit);
    ind.lower = lower || md_lower_name(ind.name);
    return add(d, ind);
}

md_target *md_new_target(md_doc *d)
{
    md_target *v = mb_arena_push(d->A, d->ts, d->nts, sizeof *v);
    if (!v) return NULL;
    d->ts = v;
    memset(&v[d->nts], 0, sizeof *v);
    return &v[d->nts++];
}

void md_note(md_doc *d, md_target *t, const char *note)
{
    (void)d;
    if (note && t->nnotes < 4) t->notes[t->nnotes++] = note;
}

void md_unplace(md_doc *d, int src, const char *what, size_t n, const char *why)
{
    md_unplaced *v = mb_arena_push(d->A, d->un, d->nun, sizeof *v);
    if (!v) return;
    d->un = v;
    v[d->nun].src = src;
    v[d->nun].what = md_dup(d, what, n);
    v[d->nun].why = why;
    d->nun++;
}
