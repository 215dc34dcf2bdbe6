/* check_units.c — resolving a derived indicator's formula (formula.h): names, and units
 * through every operator. Values keep the units they were submitted in; × and ÷ multiply
 * units and their scales (亿元/万元 is the pure number 10⁴), + and − need one unit on both
 * sides (亿元 and 万元 convert exactly; 亿元 and 家 are an error), and the result is carried
 * exactly into the unit the indicator is declared in. docs/language.md, "Units in formulas". */
#include <string.h>

#include "check.h"
#include "formula.h"

typedef struct ures {
    mb_fnode *n;
    int bad;     /* a name or unit already reported below: check nothing above it */
} ures;

static void set_conv(mb_fnode *n, mb_num f)
{
    if (mb_num_eq(f, mb_num_int(1))) return;
    if (!n->has_conv) {
        n->has_conv = 1;
        n->conv = f;
    } else if (mb_num_mul(n->conv, f, &n->conv)) {
        n->has_conv = 0; /* cannot happen with unit scales (powers of ten); keep going */
    }
}

static int literal(const mb_fnode *n)
{
    return n->kind == MB_EX_NUM || (n->kind == MB_EX_NEG && literal(n->l));
}

/* The unit an indicator is declared in, as words; 0 when it has none (reported already). */
static int declared(const mb_indicator *ind, mb_dim *out)
{
    if (!ind->ast || !ind->ast->has_unit) return 0;
    return mb_dim_parse(ind->ast->unit.key, out) == MB_UNIT_OK;
}

static const char *words(const mb_dim *d, char *buf, size_t cap)
{
    mb_dim_words(d, buf, cap);
    return buf;
}

/* "'gdp' (亿元)" for a reference, "the left side (元/人)" otherwise. */
static const char *operand(const mb_fnode *n, const char *side, char *buf, size_t cap)
{
    char w[160];
    if (n->kind == MB_EX_REF && n->ind)
        snprintf(buf, cap, "'%s' is in %s", n->ind->id, n->ind->unit.text[0] ? n->ind->unit.text : "1");
    else
        snprintf(buf, cap, "the %s side is in %s", side, words(&n->unit, w, sizeof w));
    return buf;
}

static int by_hand(const mb_fnode *n, mb_num f);

/* + and −: one unit on both sides, the right side converted into the left side's unit unless
 * one side was converted by hand. A bare number takes the other side's unit (gdp − 100 is
 * 100 亿元, rd_gdp − 2 is 2 percentage points), except beside a ratio, where it is the pure
 * number (a / b − 1). */
static int add_units(mb_chk *c, mb_fnode *n, mb_fnode *l, mb_fnode *r)
{
    if (literal(l) && literal(r)) return 1;
    if (literal(l) || literal(r)) {
        mb_fnode *lit = literal(l) ? l : r, *other = literal(l) ? r : l;
        n->unit = other->unit;
        lit->unit = other->unit;
        mb_num inv;
        if (mb_dim_pure(&other->unit) && !other->unit.pct && !mb_num_div(mb_num_int(1), other->unit.scale, &inv))
            set_conv(lit, inv);
        return 1;
    }
    if (!mb_dim_same(&l->unit, &r->unit)) {
        char a[200], b[200];
        mb_diag_add(c->d, MB_D_FORMULA_ADD_UNITS, n->src->span, "cannot %s values in different units: %s, %s",
                    n->kind == MB_EX_ADD ? "add" : "subtract", operand(l, "left", a, sizeof a),
                    operand(r, "right", b, sizeof b));
        return 0;
    }
    mb_num f, inv;
    n->unit = l->unit;
    if (mb_dim_factor(&r->unit, &l->unit, &f) || mb_num_div(mb_num_int(1), f, &inv)) {
        mb_diag_add(c->d, MB_D_FORMULA_SCALE, n->src->span, "unit scale too large in this formula");
        return 0;
    }
    /* e − f / 10000 with e in 亿元 and f in 万元: the 10000 is the conversion, by hand */
    if (by_hand(r, f)) return 1;
    if (by_hand(l, inv)) {
        n->unit = r->unit;
        return 1;
    }
    set_conv(r, f);
    return 1;
}

static ures resolve(mb_chk *c, const mb_expr *e)
{
    ures u = {mb_arena_alloc(&c->m->arena, sizeof *u.n), 0};
    if (!u.n) { c->oom = 1; u.bad = 1; return u; }
    mb_fnode *n = u.n;
    n->kind = e->kind;
    n->src = e;
    n->unit = mb_dim_one();
    ures l = {0}, r = {0};
    switch (e->kind) {
    case MB_EX_NUM: n->num = e->num; return u;
    case MB_EX_REF:
        n->ind = mb_chk_ref(c, &e->ref, e->ref_is_name);
        u.bad = !n->ind || !declared(n->ind, &n->unit);
        return u;
    default: break;
    }
    l = resolve(c, e->l);
    n->l = l.n;
    if (e->r) {
        r = resolve(c, e->r);
        n->r = r.n;
    }
    u.bad = l.bad || r.bad || !l.n || (e->r && !r.n);
    if (u.bad) return u;
    if (e->kind == MB_EX_NEG) {
        n->unit = l.n->unit;
    } else if (e->kind == MB_EX_ADD || e->kind == MB_EX_SUB) {
        u.bad = !add_units(c, n, l.n, r.n);
    } else {
        mb_uniterr ue = mb_dim_mul(&l.n->unit, &r.n->unit, e->kind == MB_EX_DIV, &n->unit);
        if (ue) {
            mb_diag_add(c->d, ue == MB_UNIT_TOOLONG ? MB_D_FORMULA_UNITS_COMPLEX : MB_D_FORMULA_SCALE, e->span, "%s",
                        ue == MB_UNIT_TOOLONG ? "units too complex in this formula (more than 8 unit words, "
                                                "or a power beyond 999)"
                                              : "unit scale too large in this formula");
            u.bad = 1;
        }
    }
    return u;
}

/* ---- the result against the declared unit ---------------------------------------------- */

/* Does this literal factor scale by exactly k (as a multiplier)? */
static int scales_by(const mb_fnode *lit, int below, mb_num k)
{
    mb_num v = lit->num;
    if (below && mb_num_sign(v) && mb_num_div(mb_num_int(1), v, &v)) return 0;
    return mb_num_sign(v) && mb_num_eq(v, k);
}

/* 10, 100, 10000, 0.01…: a factor someone converts units with. */
static int power_of_ten(mb_num v)
{
    v = mb_num_reduce(mb_num_abs(v));
    if (mb_num_eq(v, mb_num_int(1)) || !mb_num_sign(v)) return 0;
    mb_i128 x = v.num == 1 ? v.den : v.den == 1 ? v.num : 0;
    while (x > 1 && x % 10 == 0) x /= 10;
    return x == 1;
}

/* The literal factors of each term of the result (the terms are what + and − join; a term's
 * factors, what its top-level × and ÷ join: in a / b × 100 − c / d, 100 is a factor of the
 * first term), against candidate conversions. */
typedef struct scan {
    mb_num cand[3];
    int ncand;
    int terms, hits;          /* terms seen, and how many have a candidate factor */
    int choice, mixed;        /* the candidate the terms use (-1 none); whether they differ */
    const mb_fnode *stray;    /* a power of ten that is no candidate */
    const mb_fnode *first;    /* the first candidate factor found */
} scan;

static void factors(scan *s, const mb_fnode *n, int below, int *hit)
{
    if (n->kind == MB_EX_MUL || n->kind == MB_EX_DIV) {
        factors(s, n->l, below, hit);
        factors(s, n->r, n->kind == MB_EX_DIV ? !below : below, hit);
    } else if (n->kind == MB_EX_NEG && !literal(n)) {
        factors(s, n->l, below, hit);
    } else if (n->kind == MB_EX_NUM) {
        int q = 0;
        while (q < s->ncand && (mb_num_eq(s->cand[q], mb_num_int(1)) || !scales_by(n, below, s->cand[q]))) q++;
        if (q < s->ncand && *hit < 0) {
            *hit = q;
            if (!s->first) s->first = n;
        } else if (power_of_ten(n->num) && !s->stray) {
            s->stray = n;
        }
    }
}

static void scan_terms(scan *s, const mb_fnode *n)
{
    if (n->kind == MB_EX_ADD || n->kind == MB_EX_SUB) {
        if (!literal(n->l)) scan_terms(s, n->l);
        if (!literal(n->r)) scan_terms(s, n->r);
        return;
    }
    if (n->kind == MB_EX_NEG && !literal(n)) {
        scan_terms(s, n->l);
        return;
    }
    int hit = -1;
    factors(s, n, 0, &hit);
    if (hit >= 0) s->hits++;
    if (!s->terms++) s->choice = hit;
    else if (hit != s->choice) s->mixed = 1;
}

/* Does every term of n have a literal factor that is exactly the conversion f? Then f was
 * written by hand (a / b × 100, f / 10000) and is not applied again. */
static int by_hand(const mb_fnode *n, mb_num f)
{
    if (mb_num_eq(f, mb_num_int(1))) return 0;
    scan s = {.cand = {f}, .ncand = 1, .choice = -1};
    scan_terms(&s, n);
    return s.terms && s.hits == s.terms;
}

/* The factor that carries the result into the declared unit is the percent part kp (100^…)
 * times the scale part ks (亿元 to 万元…). A formula may apply either by hand with a literal
 * (a / b × 100 declared in %; patents / people × 10000 declared in 件/万人): that literal is
 * then the conversion, and mubiao does not apply it again. Every term must do the same, and
 * a power of ten that is none of these conversions is reported: the two ways mixed give
 * results 100 times off. *k is the factor left to apply; 0 after reporting. */
static int conversion(mb_chk *c, const mb_indicator *ind, const mb_fnode *root, mb_num kp, mb_num ks, mb_num *k)
{
    mb_num kt;
    if (mb_num_mul(kp, ks, &kt)) return 0;
    scan s = {.cand = {kt, kp, ks}, .ncand = 3, .choice = -1};
    mb_num left[3] = {mb_num_int(1), ks, kp};
    scan_terms(&s, root);
    if (!s.mixed && s.choice >= 0) { *k = left[s.choice]; return 1; }
    if (!s.mixed && !s.stray) { *k = kt; return 1; }
    char kb[MB_NUM_BUF];
    mb_num_format(kt, 6, kb, NULL);
    const mb_fnode *at = s.stray ? s.stray : root;
    mb_diag_add(c->d, MB_D_FORMULA_POWER_OF_TEN, at->src->span,
                "formula of '%s' scales by a power of ten that is not the conversion its units need "
                "(a factor of %s to give '%s'): write it without conversions (units convert exactly) "
                "or convert by hand in every term",
                ind->id, kb, ind->unit.text);
    return 0;
}

static void check_result(mb_chk *c, const mb_indicator *ind, mb_fnode *root)
{
    mb_dim want;
    if (!declared(ind, &want)) return;
    char a[160], b[160];
    if (!mb_dim_same(&root->unit, &want)) {
        const char *decl = ind->unit.text[0] ? ind->unit.text : "1";
        words(&want, b, sizeof b);
        mb_diag_add(c->d, MB_D_FORMULA_UNIT, root->src->span,
                    "formula of '%s' gives a value in %s, but '%s' is declared in %s%s%s%s", ind->id,
                    words(&root->unit, a, sizeof a), ind->id, decl, strcmp(decl, b) ? " (" : "",
                    strcmp(decl, b) ? b : "", strcmp(decl, b) ? ")" : "");
        return;
    }
    mb_num kp, ks, k;
    if (mb_dim_pow100(want.pct - root->unit.pct, &kp) || mb_num_div(root->unit.scale, want.scale, &ks)) {
        mb_diag_add(c->d, MB_D_FORMULA_SCALE, root->src->span, "unit scale too large in the formula of '%s'", ind->id);
        return;
    }
    if (!mb_num_eq(kp, mb_num_int(1)) || !mb_num_eq(ks, mb_num_int(1))) {
        if (conversion(c, ind, root, kp, ks, &k)) set_conv(root, k);
        return;
    }
    /* A pure ratio × 100 declared as a pure number: the 100 states it in percent. */
    if (!mb_dim_pure(&want) || want.pct) return;
    scan s = {.cand = {mb_num_int(100)}, .ncand = 1, .choice = -1};
    scan_terms(&s, root);
    if (s.first)
        mb_diag_add(c->d, MB_D_FORMULA_PERCENT, s.first->src->span,
                    "formula of '%s' multiplies a ratio by 100, which states it in percent, but "
                    "'%s' is declared 'unit %s': declare 'unit %%' (or drop the × 100)",
                    ind->id, ind->id, ind->unit.text[0] ? ind->unit.text : "1");
}

void mb_chk_formula(mb_chk *c, mb_indicator *ind)
{
    if (!ind->derived) return;
    ures u = resolve(c, ind->derived);
    ind->formula = u.n;
    if (u.n && !u.bad) check_result(c, ind, u.n);
}
