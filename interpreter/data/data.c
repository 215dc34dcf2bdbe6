/* data.c — the store: layout from the model, regions, observations, lookups. Reading files
 * and rows is in ingest.c. */
#include "data.h"

#include <stdlib.h>
#include <string.h>

#include "formula.h"
#include "ingest.h"
#include "period.h"
#include "shard.h"
#include "text.h"
#include "xalloc.h"

/* Years an indicator must be kept for: every year a rule reads it, directly or through a
 * derived indicator, from the earliest base year to the latest deadline. */
static void widen(mb_data *D, const mb_indicator *ind, int lo, int hi, int depth);

static void widen_expr(mb_data *D, const mb_fnode *e, int lo, int hi, int depth)
{
    if (!e) return;
    if (e->kind == MB_EX_REF && e->ind) widen(D, e->ind, lo, hi, depth + 1);
    widen_expr(D, e->l, lo, hi, depth);
    widen_expr(D, e->r, lo, hi, depth);
}

static void widen(mb_data *D, const mb_indicator *ind, int lo, int hi, int depth)
{
    if (!ind || lo <= 0 || hi < lo || depth > MB_MAX_DERIVED_CHAIN) return;
    size_t i = ind->index;
    int *f = &D->first_year[i], *n = &D->nyears[i];
    int a = *f ? (lo < *f ? lo : *f) : lo;
    int b = *f ? (hi > *f + *n - 1 ? hi : *f + *n - 1) : hi;
    *f = a;
    *n = b - a + 1;
    widen_expr(D, ind->formula, lo, hi, depth);
    if (ind->part_of) widen(D, ind->part_of, lo, hi, depth + 1);
}

static void rule_years(const mb_rule *r, int *lo, int *hi)
{
    *lo = 9999;
    *hi = 0;
    for (size_t g = 0; g < r->ngoals; g++) {
        if (r->goals[g].year && r->goals[g].year < *lo) *lo = r->goals[g].year;
        if (r->goals[g].year > *hi) *hi = r->goals[g].year;
    }
    if (r->y1 && r->y1 < *lo) *lo = r->y1;
    if (r->y2 > *hi) *hi = r->y2;
    if (r->base_year && r->base_year < *lo) *lo = r->base_year;
    /* a criterion's own base year: a growth over the previous year reads the year before
     * each deadline, whether or not the plan names a base year */
    for (size_t g = 0; r->crit && g < r->ngoals; g++)
        if (r->crit[g].base_year && r->crit[g].base_year < *lo) *lo = r->crit[g].base_year;
}

/* Quarters and months of `year` (and, for a growth over the previous year, the year before)
 * for an indicator and, when it is derived, what it is computed from. */
static void widen_sub(mb_data *D, const mb_indicator *ind, int lo, int hi, int depth);

static void widen_sub_expr(mb_data *D, const mb_fnode *e, int lo, int hi, int depth)
{
    if (!e) return;
    if (e->kind == MB_EX_REF && e->ind) widen_sub(D, e->ind, lo, hi, depth + 1);
    widen_sub_expr(D, e->l, lo, hi, depth);
    widen_sub_expr(D, e->r, lo, hi, depth);
}

static void widen_sub(mb_data *D, const mb_indicator *ind, int lo, int hi, int depth)
{
    if (!ind || lo <= 0 || hi < lo || depth > MB_MAX_DERIVED_CHAIN) return;
    int *f = &D->sub_first[ind->index], *n = &D->sub_nyears[ind->index];
    int a = *n ? (lo < *f ? lo : *f) : lo;
    int b = *n ? (hi > *f + *n - 1 ? hi : *f + *n - 1) : hi;
    *f = a;
    *n = b - a + 1;
    widen_sub_expr(D, ind->formula, lo, hi, depth);
}

/* A rule reads quarters or months when a goal is due in one, or when its indicator is a
 * declared flow or stock and a yearly value may be assessed from them before the year ends
 * (eval.c, docs/evaluation.md). Every other rule leaves the store as it was: yearly only. */
static void rule_subyears(mb_data *D, const mb_rule *r)
{
    if (!r->ind || !r->crit) return;
    for (size_t g = 0; g < r->ngoals; g++) {
        const mb_crit *c = &r->crit[g];
        int year = r->goals[g].year;
        if (!year || c->kind != MB_CRIT_VALUE) continue;
        if (!r->goals[g].sub && !r->ind->flow) continue;
        int lo = c->scale == MB_SCALE_BASE && c->base_year == year - 1 ? year - 1 : year;
        widen_sub(D, r->ind, lo, year, 0);
    }
}

static int layout(mb_data *D)
{
    const mb_model *m = D->model;
    size_t n = m->ninds + 1;
    D->first_year = mb_arena_alloc(&D->arena, n * sizeof(int));
    D->nyears = mb_arena_alloc(&D->arena, n * sizeof(int));
    D->slot0 = mb_arena_alloc(&D->arena, n * sizeof(size_t));
    D->checked = mb_arena_alloc(&D->arena, n);
    D->sub_first = mb_arena_alloc(&D->arena, n * sizeof(int));
    D->sub_nyears = mb_arena_alloc(&D->arena, n * sizeof(int));
    D->sub0 = mb_arena_alloc(&D->arena, n * sizeof(size_t));
    if (!D->first_year || !D->nyears || !D->slot0 || !D->checked || !D->sub_first || !D->sub_nyears || !D->sub0)
        return 0;
    for (size_t i = 0; i < m->nchecks; i++)
        if (m->checks[i]->kind != MB_DC_CMP_IND) D->checked[m->checks[i]->ind->index] = 1;
    int glo = 9999, ghi = 0;
    for (size_t i = 0; i < m->nrules; i++) {
        const mb_rule *r = m->rules[i];
        int lo, hi;
        rule_years(r, &lo, &hi);
        if (r->form != MB_FORM_QUALITATIVE) widen(D, r->ind, lo, hi, 0);
        if (r->form != MB_FORM_QUALITATIVE) rule_subyears(D, r);
        if (lo < glo) glo = lo;
        if (hi > ghi) ghi = hi;
    }
    /* Indicators compared with others in data checks: keep the years rules look at. */
    for (size_t i = 0; i < m->nchecks; i++)
        if (m->checks[i]->kind == MB_DC_CMP_IND) {
            widen(D, m->checks[i]->ind, glo, ghi, 0);
            widen(D, m->checks[i]->other, glo, ghi, 0);
        }
    for (size_t i = 0; i < m->ninds; i++) {
        if (m->inds[i]->derived) D->nyears[i] = 0; /* computed, never stored */
        D->slot0[i] = D->nslots;
        D->nslots += (size_t)D->nyears[i];
    }
    for (size_t i = 0; i < m->ninds; i++) {
        if (m->inds[i]->derived) D->sub_nyears[i] = 0;
        D->sub0[i] = D->nslots;
        D->nslots += (size_t)D->sub_nyears[i] * (MB_SUB_COUNT - 1);
    }
    return 1;
}

mb_data *mb_data_new(const mb_model *m)
{
    mb_data *D = mb_calloc(1, sizeof *D);
    if (!D) return NULL;
    D->model = m;
    D->max_regions = MB_MAX_REGIONS;
    D->cur = -1;
    mb_arena_init(&D->arena);
    mb_diags_init(&D->diags, 50);
    if (!layout(D)) { mb_data_free(D); return NULL; }
    /* A rule without a plan, or in a plan that names no region, is evaluated for every region
     * in the data; else only plans' regions are, and rows for others are counted as unread. */
    for (size_t i = 0; i < m->nrules; i++)
        if (!m->rules[i]->nregions && (!m->rules[i]->plan || !m->rules[i]->plan->nregions)) D->all_regions = 1;
    /* Plans' regions exist even when no row names them: their targets are "no data". */
    for (size_t p = 0; p < m->nplans; p++)
        for (size_t i = 0; i < m->plans[p]->nregions; i++) {
            const mb_str *s = &m->plans[p]->regions[i];
            if (!mb_rix_get(&D->regions, s->key, strlen(s->key))) {
                if (mb_data_intern(D, s->text, strlen(s->text)) < 0) { mb_data_free(D); return NULL; }
            }
        }
    /* So do the regions targets name for themselves (其中高新区…), and the regions targets
     * compare with (`> region "江苏省"`) are read too. */
    for (size_t i = 0; i < m->nrules; i++)
        for (size_t k = 0; k < m->rules[i]->nregions; k++) {
            const mb_str *s = &m->rules[i]->regions[k];
            if (!mb_rix_get(&D->regions, s->key, strlen(s->key)) && mb_data_intern(D, s->text, strlen(s->text)) < 0) {
                mb_data_free(D);
                return NULL;
            }
        }
    for (size_t i = 0; !D->all_regions && i < m->nrules; i++) {
        const mb_rule *r = m->rules[i];
        if (r->region && !mb_rix_get(&D->regions, r->region_key, strlen(r->region_key)) &&
            mb_data_intern(D, r->region, strlen(r->region)) < 0) { mb_data_free(D); return NULL; }
    }
    return D;
}

void mb_data_free(mb_data *D)
{
    if (!D) return;
    mb_shard_free(D);
    mb_ingest_unmap(D);
    free(D->obs);
    free(D->held);
    free(D->held_region);
    free(D->region_names);
    mb_rix_free(&D->regions);
    mb_map_free(&D->unknown);
    mb_map_free(&D->unread);
    mb_diags_free(&D->diags);
    mb_arena_free(&D->arena);
    free(D);
}

/* Keep a released region's row: few regions are compared with, so a list does. */
static int hold(mb_data *D, size_t region, const mb_obs *row)
{
    mb_obs *h = mb_realloc(D->held, (D->nheld + 1) * D->nslots * sizeof *h + 1);
    if (!h) return 0;
    D->held = h;
    size_t *hr = mb_realloc(D->held_region, (D->nheld + 1) * sizeof *hr);
    if (!hr) return 0;
    D->held_region = hr;
    memcpy(D->held + D->nheld * D->nslots, row, D->nslots * sizeof *row);
    D->held_region[D->nheld++] = region;
    return 1;
}

int mb_data_release(mb_data *D, size_t upto, const size_t *keep, size_t nkeep)
{
    if (upto <= D->live) return 1;
    if (upto > D->nregions) upto = D->nregions;
    mb_data_check_parts(D, D->live, upto); /* while their rows are here */
    int ok = 1;
    for (size_t k = 0; k < nkeep; k++)
        if (keep[k] >= D->live && keep[k] < upto)
            ok &= hold(D, keep[k], D->obs + (keep[k] - D->live) * D->nslots);
    /* The rows still live move to the front: usually one region's, the one being read. */
    size_t rest = D->nregions - upto;
    if (rest) memmove(D->obs, D->obs + (upto - D->live) * D->nslots, rest * D->nslots * sizeof *D->obs);
    D->live = upto;
    return ok;
}

typedef struct named { const char *s; size_t n, count; } named;

static int by_count(const void *a, const void *b)
{
    const named *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

size_t mb_data_top_names(const mb_map *map, size_t max, const char **names, size_t *lens, size_t *counts)
{
    named *v = map->n ? mb_malloc(map->n * sizeof *v) : NULL;
    if (!v) return 0;
    size_t n = 0;
    for (size_t i = 0; i < map->cap; i++)
        if (map->slots[i].key) v[n++] = (named){map->slots[i].key, map->slots[i].len, (uintptr_t)map->slots[i].val};
    qsort(v, n, sizeof *v, by_count);
    for (size_t i = 0; i < n && i < max; i++) {
        names[i] = v[i].s;
        lens[i] = v[i].n;
        counts[i] = v[i].count;
    }
    free(v);
    return n;
}

long mb_data_region(const mb_data *D, const char *name)
{
    size_t n = strlen(name), kn;
    size_t v = mb_rix_get(&D->regions, name, n);
    if (v) return (long)v - 1;
    char *k = mb_nfkc(name, n, &kn);
    if (!k) return -1;
    v = mb_rix_get(&D->regions, k, kn);
    free(k);
    return (long)v - 1;
}

const mb_obs *mb_data_obs(const mb_data *D, size_t region, const mb_indicator *ind, int year)
{
    size_t i = ind->index;
    int off = year - D->first_year[i];
    if (off < 0 || off >= D->nyears[i] || region >= D->nregions) return NULL;
    size_t at = D->slot0[i] + (size_t)off;
    if (region >= D->live) return &D->obs[(region - D->live) * D->nslots + at];
    for (size_t k = 0; k < D->nheld; k++)
        if (D->held_region[k] == region) return &D->held[k * D->nslots + at];
    return NULL;
}

const mb_obs *mb_data_obs_sub(const mb_data *D, size_t region, const mb_indicator *ind, int year, int sub)
{
    if (!sub) return mb_data_obs(D, region, ind, year);
    size_t i = ind->index;
    int off = year - D->sub_first[i];
    if (off < 0 || off >= D->sub_nyears[i] || sub < 1 || sub >= MB_SUB_COUNT || region >= D->nregions) return NULL;
    size_t at = D->sub0[i] + (size_t)off * (MB_SUB_COUNT - 1) + (size_t)(sub - 1);
    if (region >= D->live) return &D->obs[(region - D->live) * D->nslots + at];
    for (size_t k = 0; k < D->nheld; k++)
        if (D->held_region[k] == region) return &D->held[k * D->nslots + at];
    return NULL;
}

mb_num mb_obs_value(const mb_obs *o) { return mb_num_dec(o->m, -o->exp); }

const char *mb_data_file_name(const mb_data *D, uint16_t file)
{
    return file < D->nfiles ? D->files[file]->name : "?";
}
