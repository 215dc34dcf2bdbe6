/* check.c — the semantic pass: collect declarations, resolve names, then run each family
 * of checks (check_ind.c, check_target.c, check_conflict.c). Nothing here reads data. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

const char *mb_chk_text_of(mb_chk *c, mb_aspan s)
{
    const char *p = mb_arena_strndup(&c->m->arena, s.text->data + s.start, s.end - s.start);
    if (!p) c->oom = 1;
    return p ? p : "";
}

/* The characters of s into cp (at most 64); their number, or 99 when more or not UTF-8. */
static size_t code_points(const char *s, int32_t cp[64])
{
    size_t n = 0, len = strlen(s);
    for (size_t i = 0; i < len; n++) {
        size_t k = n < 64 ? mb_utf8_decode((const unsigned char *)s + i, len - i, &cp[n]) : 0;
        if (!k) return 99;
        i += k;
    }
    return n;
}

/* Edit distance in characters (a Chinese name's one wrong character is one edit, not three
 * bytes); 99 for words over 64 characters or not UTF-8. */
static size_t edit_distance(const char *a, const char *b)
{
    int32_t ca[64], cb[64];
    size_t la = code_points(a, ca), lb = code_points(b, cb);
    if (la > 64 || lb > 64) return 99;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (ca[i - 1] != cb[j - 1]);
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            if (up + 1 < best) best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

/* The indicator whose id (or, for a printed name, whose NFKC name) is nearest to key: at
 * most two edits away; for a name also fewer than half of its characters (so that "全社会"
 * does not suggest another three-character name). */
static const mb_indicator *suggest(mb_chk *c, const char *key, int is_name)
{
    const mb_indicator *best = NULL;
    size_t bd = 3, chars = mb_text_chars(key, strlen(key));
    for (size_t i = 0; i < c->m->ninds; i++) {
        const char *cand = is_name ? c->m->inds[i]->name_key : c->m->inds[i]->id;
        if (!cand) continue;
        size_t dd = edit_distance(key, cand);
        if (dd < bd && (!is_name || 2 * dd < chars)) { bd = dd; best = c->m->inds[i]; }
    }
    return best;
}

/* A printed name as a string literal of the language (for a fix that replaces one). */
static char *quoted(const char *s)
{
    size_t n = strlen(s);
    char *q = malloc(2 * n + 3), *p = q;
    if (!q) return NULL;
    *p++ = '"';
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') *p++ = '\\';
        *p++ = *s;
    }
    *p++ = '"';
    *p = 0;
    return q;
}

mb_indicator *mb_chk_ref(mb_chk *c, const mb_str *ref, int is_name)
{
    mb_indicator *ind = mb_map_get(&c->m->ind_keys, ref->key, strlen(ref->key));
    if (ind) return ind;
    const mb_indicator *s = suggest(c, ref->key, is_name);
    const char *q = is_name ? "\"" : "'", *said = s ? (is_name ? s->name : s->id) : NULL;
    mb_diag *g = mb_diag_add(c->d, MB_D_UNDEFINED_INDICATOR, ref->span, "undefined indicator %s%s%s%s%s%s%s",
                             q, ref->text, q, s ? "; did you mean " : "", s ? q : "", s ? said : "",
                             s ? (is_name ? "\"?" : "'?") : "");
    if (s && !is_name) mb_diag_fix(g, MB_SPAN(ref->span), s->id);
    if (s && is_name) {
        char *lit = quoted(s->name);
        if (lit) mb_diag_fix(g, MB_SPAN(ref->span), lit);
        free(lit);
    }
    return NULL;
}

int mb_chk_quantity(mb_chk *c, const mb_quantity *q, const mb_indicator *ind, mb_num *out)
{
    if (!q->has_unit) { *out = q->value; return 1; }
    mb_unit u;
    mb_uniterr ue = mb_unit_parse(q->unit.key, &u);
    if (ue) {
        mb_diag_add(c->d, MB_D_BAD_UNIT, q->unit.span, "%s: '%s'", mb_uniterr_str(ue), q->unit.text);
        return 0;
    }
    /* a scale word alone (12亿 on an indicator in 人次) scales the indicator's unit: 12亿人次 */
    if (!u.base[0] && !mb_num_eq(u.scale, mb_num_int(1)) && ind->unit.base[0])
        memcpy(u.base, ind->unit.base, sizeof u.base);
    if (!mb_unit_same_base(&u, &ind->unit)) {
        mb_diag_add(c->d, MB_D_UNIT_MISMATCH, q->span,
                    "unit '%s' does not fit indicator '%s', which is measured in '%s'",
                    q->unit.text, ind->id, ind->unit.text[0] ? ind->unit.text : "1");
        return 0;
    }
    mb_numerr e = mb_unit_convert(q->value, &u, &ind->unit, out);
    if (e) {
        mb_diag_add(c->d, MB_D_VALUE_NOT_EXACT, q->span, "%s", mb_numerr_str(e));
        return 0;
    }
    return 1;
}

int mb_chk_percent(mb_chk *c, const mb_quantity *q, const char *what, mb_num *out)
{
    if (!q->has_unit || strcmp(q->unit.key, "%") != 0) {
        mb_diag_add(c->d, MB_D_NEEDS_PERCENT, q->span, "%s must be a percentage, like '20%%'", what);
        return 0;
    }
    *out = q->value;
    return 1;
}

/* ---- collecting declarations ---------------------------------------------------------- */

static void *push(mb_chk *c, void ***v, size_t *n, size_t size)
{
    void **nv = mb_arena_push(&c->m->arena, *v, *n, sizeof *nv);
    void *p = mb_arena_alloc(&c->m->arena, size);
    if (!nv || !p) { c->oom = 1; return NULL; }
    nv[*n] = p;
    *v = nv;
    ((size_t *)p)[0] = (*n)++; /* every model struct starts with its index */
    return p;
}

static mb_plan *collect_plan(mb_chk *c, const mb_ast_plan *a)
{
    const mb_plan *prev = mb_map_get(&c->plan_ids, a->id.key, strlen(a->id.key));
    if (prev) {
        mb_diag *g = mb_diag_add(c->d, MB_D_DUPLICATE_PLAN, a->id.span, "duplicate plan '%s'", a->id.text);
        mb_diag_note(g, prev->span, "first defined here");
        return NULL;
    }
    mb_plan *p = push(c, (void ***)&c->m->plans, &c->m->nplans, sizeof *p);
    if (!p) return NULL;
    p->id = a->id.key;
    if (!mb_map_put(&c->plan_ids, p->id, strlen(p->id), p)) c->oom = 1;
    p->name = a->name.text;
    p->number = a->number.text;
    p->issuer = a->issuer.text;
    p->date = a->date.text;
    p->regions = a->regions.v;
    p->nregions = a->regions.n;
    p->base = a->base.year;
    p->span = MB_SPAN(a->id.span);
    int *dl = mb_arena_alloc(&c->m->arena, (a->ndeadlines + 1) * sizeof *dl);
    if (!dl) { c->oom = 1; return p; }
    for (size_t i = 0; i < a->ndeadlines; i++) {
        dl[i] = a->deadlines[i].year;
        if (dl[i] > p->last_deadline) p->last_deadline = dl[i];
    }
    p->deadlines = dl;
    p->ndeadlines = a->ndeadlines;
    if (!a->name.text)
        mb_diag_add(c->d, MB_D_PLAN_NO_NAME, a->id.span, "plan '%s' has no name: add name \"…\"", a->id.text);
    for (size_t i = 0; i < a->ndeadlines; i++) {
        if (a->base.year && a->deadlines[i].year && a->base.year >= a->deadlines[i].year) {
            mb_diag *g = mb_diag_add(c->d, MB_D_BASE_AFTER_DEADLINE, a->base.span,
                                     "base year %d is not before the deadline %d", a->base.year,
                                     a->deadlines[i].year);
            mb_diag_note(g, a->deadlines[i].span, "deadline given here");
            break;
        }
    }
    return p;
}

/* The map holds the id's own node in the tree (which outlives the check), not a copy of its
 * span: one fewer allocation for each of half a million rules. */
static int claim_key(mb_chk *c, mb_map *map, const mb_str *s, mb_span *first_out, int *clash)
{
    const mb_str *prev = mb_map_get(map, s->key, strlen(s->key));
    if (prev) { *first_out = MB_SPAN(prev->span); *clash = 1; return 1; }
    *clash = 0;
    if (!mb_map_put(map, s->key, strlen(s->key), (void *)s)) { c->oom = 1; return 0; }
    return 1;
}

static void collect_indicator(mb_chk *c, const mb_ast_indicator *a, const mb_plan *plan)
{
    mb_indicator *prev = mb_map_get(&c->m->ind_keys, a->id.key, strlen(a->id.key));
    if (prev) {
        mb_diag *g = mb_diag_add(c->d, MB_D_DUPLICATE_INDICATOR, a->id.span, "duplicate indicator '%s'", a->id.text);
        mb_diag_note(g, prev->span, "first defined here");
        return;
    }
    mb_indicator *ind = push(c, (void ***)&c->m->inds, &c->m->ninds, sizeof *ind);
    if (!ind) return;
    ind->id = a->id.key;
    ind->name = a->name.text;
    ind->name_key = a->name.key;
    ind->direction = a->direction;
    ind->category = a->category.text;
    ind->source = a->source.text;
    ind->owners = a->owners.v;
    ind->nowners = a->owners.n;
    ind->integer = a->integer;
    ind->flow = a->flow;
    ind->derived = a->derived;
    ind->plan = plan;
    ind->span = MB_SPAN(a->id.span);
    ind->ast = a;
    if (!mb_map_put(&c->m->ind_keys, ind->id, strlen(ind->id), ind)) c->oom = 1;
    if (!a->name.text) return;
    mb_indicator *other = mb_map_get(&c->m->ind_keys, a->name.key, strlen(a->name.key));
    if (other && other != ind) {
        mb_diag *g = mb_diag_add(c->d, MB_D_INDICATOR_NAME_TAKEN, a->name.span,
                                 "indicator name \"%s\" is already used by '%s'", a->name.text, other->id);
        mb_diag_note(g, other->span, "'%s' defined here", other->id);
    } else if (!mb_map_put(&c->m->ind_keys, a->name.key, strlen(a->name.key), ind)) {
        c->oom = 1;
    }
}

/* Targets and checks are resolved after every indicator is known; remember their plan. */
typedef struct pending { mb_stkind kind; const void *node; const mb_plan *plan; } pending;

static void collect(mb_chk *c, pending **pv, size_t *pn)
{
    size_t cap = 0;
    for (size_t f = 0; f < c->m->nfiles; f++) {
        const mb_plan *plan = NULL;
        for (size_t i = 0; i < c->m->files[f].n; i++) {
            const mb_ast_stmt *s = &c->m->files[f].stmts[i];
            if (s->kind == MB_ST_PLAN) plan = collect_plan(c, s->u.plan);
            else if (s->kind == MB_ST_INDICATOR) collect_indicator(c, s->u.indicator, plan);
            else if (s->kind == MB_ST_TARGET || s->kind == MB_ST_CHECK) {
                const mb_str *id = s->kind == MB_ST_TARGET ? &s->u.target->id : &s->u.check->id;
                mb_span first;
                int clash = 0;
                if (!claim_key(c, &c->rule_ids, id, &first, &clash)) continue;
                if (clash) {
                    mb_diag *g = mb_diag_add(c->d, MB_D_DUPLICATE_RULE_ID, id->span, "duplicate rule id '%s'", id->text);
                    mb_diag_note(g, first, "first defined here");
                    continue;
                }
                if (*pn == cap) {
                    cap = cap ? cap * 2 : 64;
                    pending *nv = mb_arena_grow(&c->m->arena, *pv, *pn, cap, sizeof *nv);
                    if (!nv) { c->oom = 1; return; }
                    *pv = nv;
                }
                (*pv)[(*pn)++] = (pending){s->kind, s->kind == MB_ST_TARGET ? (const void *)s->u.target
                                                                            : (const void *)s->u.check, plan};
            }
        }
    }
}


/* A file with no statement (empty, or only comments and blank lines) checks nothing: an
 * error, so that a run over a file emptied by a failed write or the wrong file never passes
 * as clean. A catalogue of indicators, or a file of imports, has something to check. */
static void no_rules(mb_chk *c)
{
    for (size_t f = 0; f < c->m->nfiles; f++) {
        const mb_ast_file *a = &c->m->files[f];
        if (a->text && !a->n)
            mb_diag_add(c->d, MB_D_NO_RULES, mb_span_at(a->text, 0, 0),
                        "no rules in '%s': the file is empty or holds only comments", a->text->name);
    }
}

int mb_model_check(mb_model *m, mb_diags *d)
{
    mb_chk c = {.m = m, .d = d};
    size_t errors0 = d->errors;
    if (m->load_failed) {
        m->checked = 0;
        if (d->errors == errors0)
            mb_diag_add(d, MB_D_RULES_INCOMPLETE, mb_span_none(), "the rules were not loaded whole: not checked");
        return -1;
    }
    pending *pv = NULL;
    size_t pn = 0;
    no_rules(&c);
    collect(&c, &pv, &pn);
    mb_chk_indicators(&c);
    for (size_t i = 0; i < pn; i++) {
        if (pv[i].kind == MB_ST_TARGET) mb_chk_target(&c, pv[i].node, pv[i].plan);
        else mb_chk_check(&c, pv[i].node);
    }
    mb_chk_checks(&c);
    mb_chk_conflicts(&c);
    if (d->errors == errors0) mb_chk_phrases(&c);
    mb_map_free(&c.rule_ids);
    mb_map_free(&c.plan_ids);
    if (c.oom) mb_diag_add(d, MB_D_OUT_OF_MEMORY, mb_span_none(), "out of memory");
    m->checked = d->errors == errors0;
    return m->checked ? 0 : -1;
}
