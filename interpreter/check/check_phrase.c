/* check_phrase.c — a rule against its own source phrase. Only mubiao keeps the plan's words
 * beside the rule, so only it can see when the two disagree (the strictness of 超过 and 达到
 * against '>' and '>=' is check_wording.c's, MB4014): 左右 without a tolerance, a number or year of the phrase
 * that the rule does not have, 下降 on a higher-is-better indicator, 力争 without the
 * aspiration attribute. Each is a warning (check --strict makes it fail CI); the phrase is
 * read after NFKC (fullwidth digits are ASCII).
 *
 * One sentence often states several targets ("新增注册商标8000件、驰名商标2件"): a number
 * counts as stated when a rule of the same plan whose phrase is part of this one (or this
 * one of it) states it. A finding the rule's note already explains — the note quotes the
 * number or the word — is not repeated. Where the phrase leaves one reading, the warning
 * carries the edit that mends the rule (check_phrase_fix.c). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "period.h"
#include "xalloc.h"

enum { NUMSET_MAX = 64 };
typedef struct numset { mb_num v[NUMSET_MAX]; size_t n; } numset;

static void add(numset *s, mb_num v)
{
    if (s->n < NUMSET_MAX) s->v[s->n++] = v;
}

static int has(const numset *s, mb_num v)
{
    for (size_t i = 0; i < s->n; i++)
        if (!mb_num_cmp(s->v[i], v)) return 1;
    return 0;
}

/* The factor of a scale word at p: 万 10^4, 亿 10^8, 千 10^3; 0 when none. */
static int64_t scale_at(const char *p)
{
    if (!strncmp(p, "万", 3)) return 10000;
    if (!strncmp(p, "亿", 3)) return 100000000;
    if (!strncmp(p, "千", 3)) return 1000;
    return 0;
}

static mb_num scaled(mb_num v, int64_t k)
{
    mb_num out;
    return k && !mb_num_mul(v, mb_num_int(k), &out) ? out : v;
}

/* Every number the rule states, as written and scaled ("1.2万家": 1.2 and 12000), its
 * values in the indicator's unit, and its years. */
static void rule_numbers(const mb_rule *r, numset *nums, numset *years)
{
    const mb_ast_target *t = r->ast;
    const mb_quantity *qs[] = {&t->args->a, &t->args->b, &t->cl->pbase};
    for (size_t i = 0; i < t->ngoals + 3; i++) {
        const mb_quantity *q = i < t->ngoals ? &t->goals[i].q : qs[i - t->ngoals];
        if (!q->span.text) continue;
        add(nums, q->value);
        if (q->has_unit) add(nums, scaled(q->value, scale_at(q->unit.key)));
    }
    for (size_t i = 0; i < r->ngoals; i++) {
        add(nums, r->goals[i].value);
        add(years, mb_num_int(r->goals[i].year));
        /* a deadline's month or quarter (3月末, 第3季度) is a number the rule states */
        int sub = r->goals[i].sub;
        if (sub) add(nums, mb_num_int(mb_sub_quarter(sub) ? mb_sub_quarter(sub) : sub));
    }
    for (int y = r->y1; y && y <= r->y2; y++) add(years, mb_num_int(y));
    if (r->base_year) add(years, mb_num_int(r->base_year));
    if (t->cl->from.year) add(years, mb_num_int(t->cl->from.year));
    if (r->printed) { add(nums, r->printed->value); add(years, mb_num_int(r->printed->year)); }
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Does the text just before p (up to 3 characters) end with one of the words? */
static int before(const char *start, const char *p, const char *const *words)
{
    for (const char *const *w = words; *w; w++) {
        size_t n = strlen(*w);
        if ((size_t)(p - start) >= n && !memcmp(p - n, *w, n)) return 1;
    }
    return 0;
}

enum { SIBLINGS_MAX = 16 };
typedef struct lint {
    mb_chk *c;
    const mb_rule *r;
    const mb_str *ph;
    numset nums, years, others;
    const mb_rule *sib[SIBLINGS_MAX]; /* rules of the plan stating part of this phrase */
    size_t nsib;
} lint;

/* A number that is part of a name ("5千亿级产业集群"): the label or indicator name of the rule
 * or of a rule sharing the phrase quotes it. */
static int in_name(const mb_rule *r, const char *text)
{
    return (r->label && strstr(r->label, text)) || (r->ind && r->ind->name_key && strstr(r->ind->name_key, text));
}

static int sib_name(const lint *L, const char *text);

/* The note of the rule quotes text (the number or word a finding is about). */
static int explained(const lint *L, const char *text)
{
    return L->r->note && strstr(L->r->note, text);
}

static int stated(const lint *L, mb_num v)
{
    return has(&L->nums, v) || has(&L->others, v);
}

static int stated_percent(const lint *L, mb_num pct)
{
    mb_num f, up, down;
    if (mb_num_div(pct, mb_num_int(100), &f)) return 0;
    return stated(L, f) || (!mb_num_add(mb_num_int(1), f, &up) && stated(L, up)) ||
           (!mb_num_sub(mb_num_int(1), f, &down) && stated(L, down));
}

/* A factor in the phrase ("<= 0.8 x", "1.15") for a percentage the rule states (cut 20%,
 * growth 15%): the other way round of stated_percent. */
static int stated_factor(const lint *L, mb_num v)
{
    mb_num d, pct;
    if (!mb_num_sub(mb_num_int(1), v, &d) && !mb_num_mul(d, mb_num_int(100), &pct) && stated(L, pct)) return 1;
    return !mb_num_sub(v, mb_num_int(1), &d) && !mb_num_mul(d, mb_num_int(100), &pct) && stated(L, pct);
}

/* One number of the phrase at p (its digits n bytes long): a year, or a value. */
static void number(lint *L, const char *s, const char *p, size_t n)
{
    mb_num v;
    if (mb_num_parse(p, n, 0, &v)) return;
    const char *after = p + n;
    if (mb_phrase_year_at(p, n)) {
        char y[5] = {p[0], p[1], p[2], p[3], 0};
        if (!has(&L->years, v) && L->r->ngoals && !explained(L, y)) {
            mb_diag *g = mb_diag_add(L->c->d, MB_D_PHRASE_YEAR, L->ph->span,
                                     "the phrase speaks of %.4s, which is not a year of rule %s (its deadline is %d)", p,
                                     L->r->id, L->r->goals[L->r->ngoals - 1].year);
            int fix = mb_phrase_year_fix(L->r);
            if (fix && !mb_num_cmp(v, mb_num_int(fix))) mb_phrase_fix_year(g, L->r, fix);
        }
        return;
    }
    /* "3+3", "第3", "（3）": names and list markers, not values */
    if (*after == '+' || (p > s && p[-1] == '+') || before(s, p, (const char *const[]){"第", "(", NULL})) return;
    mb_num sv = scaled(v, scale_at(after));
    /* a fraction "1/3": its value, as the rule states it (a share of another region) */
    if (*after == '/' && is_digit(after[1])) {
        size_t k = 1;
        mb_num den, q;
        while (is_digit(after[k])) k++;
        if (!mb_num_parse(after + 1, k - 1, 0, &den) && !mb_num_div(v, den, &q) && (stated(L, q) || stated(L, v)))
            return;
    }
    /* "40%" may be written 0.4 in a rule in 1, and "增长50%" / "下降20%" as × 1.5 / × 0.8 */
    if (*after == '%' && stated_percent(L, v)) return;
    if (*after != '%' && stated_factor(L, v)) return;
    char shown[80];
    snprintf(shown, sizeof shown, "%.*s%.*s", (int)(n < 60 ? n : 60), p, scale_at(after) ? 3 : 0, after);
    /* a year the rule states, written without 年 ("in 2018"), is stated */
    if (!has(&L->nums, v) && !has(&L->nums, sv) && !has(&L->others, v) && !has(&L->others, sv) && !has(&L->years, v) &&
        !explained(L, shown) && !in_name(L->r, shown) && !sib_name(L, shown))
        mb_diag_add(L->c->d, MB_D_PHRASE_NUMBER, L->ph->span, "the phrase's number %s appears nowhere in rule %s", shown,
                    L->r->id);
}

/* A tolerance in any form (about, growth about): asked of the criterion, not of the form. */
static int has_band(const mb_rule *r)
{
    for (size_t i = 0; r->crit && i < r->ngoals; i++)
        if (mb_crit_shape_of(&r->crit[i]) == MB_SHAPE_BAND) return 1;
    return 0;
}

static void phrase(lint *L, int firm_elsewhere)
{
    const char *s = L->ph->key ? L->ph->key : "";
    const mb_rule *r = L->r;
    for (const char *p = s; *p;) {
        if (!is_digit(*p) || (p > s && (is_digit(p[-1]) || p[-1] == '.'))) { p++; continue; }
        /* the denominator of a fraction "1/3" was read with its numerator */
        if (p > s + 1 && p[-1] == '/' && is_digit(p[-2])) { p++; continue; }
        size_t n = 0;
        while (is_digit(p[n]) || (p[n] == '.' && is_digit(p[n + 1]))) n++;
        number(L, s, p, n);
        p += n;
    }
    if (strstr(s, "左右") && !has_band(r) && !explained(L, "左右"))
        mb_phrase_fix_about(mb_diag_add(L->c->d, MB_D_PHRASE_ABOUT, L->ph->span,
                                        "the phrase says about (左右), but rule %s has no tolerance: "
                                        "write 'about' with its tolerance (± D or within N%%)",
                                        r->id),
                            r, s);
    if ((strstr(s, "下降") || strstr(s, "降低")) && r->ind && r->ind->direction > 0 && !explained(L, "下降") &&
        !explained(L, "降低"))
        mb_diag_add(L->c->d, MB_D_PHRASE_DIRECTION, L->ph->span,
                    "the phrase says it falls (下降, 降低), but '%s' of rule %s is higher-is-better", r->ind->id, r->id);
    if ((strstr(s, "力争") || strstr(s, "争取")) && !r->aspiration && !firm_elsewhere && !explained(L, "力争") && !explained(L, "争取"))
        mb_phrase_fix_aspiration(mb_diag_add(L->c->d, MB_D_PHRASE_ASPIRATION, L->ph->span,
                                             "the phrase is an aspiration (力争, 争取): add 'aspiration' to rule %s", r->id),
                                 r);
}

static int sib_name(const lint *L, const char *text)
{
    for (size_t i = 0; i < L->nsib; i++)
        if (in_name(L->sib[i], text)) return 1;
    return 0;
}

/* Do two phrases overlap: one is part of the other? */
static int overlap(const mb_str *a, const mb_str *b)
{
    return a->key && b->key && a->key[0] && b->key[0] && (strstr(a->key, b->key) || strstr(b->key, a->key));
}

/* A phrase's signature: a 256-bit set of its adjacent byte pairs, hashed. A phrase that is
 * part of another has each of its pairs in the other, so its set is a subset of the other's;
 * two phrases where neither set holds the other cannot overlap and need no strstr. The
 * signatures are made once per check, not once per neighbour: a rule is compared with up to
 * 400 neighbours, and with strstr that was most of `check`'s time on a large file. */
typedef struct psig { uint64_t w[4]; } psig;

static psig signature(const char *key)
{
    psig s = {{0}};
    for (const unsigned char *p = (const unsigned char *)(key ? key : ""); p[0] && p[1]; p++) {
        uint32_t h = ((uint32_t)p[0] << 8 | p[1]) * 2654435761u >> 24;
        s.w[h >> 6] |= (uint64_t)1 << (h & 63);
    }
    return s;
}

static int sig_within(const psig *part, const psig *whole)
{
    return !((part->w[0] & ~whole->w[0]) | (part->w[1] & ~whole->w[1]) | (part->w[2] & ~whole->w[2]) |
             (part->w[3] & ~whole->w[3]));
}

/* What the look at the neighbours reads of a rule, side by side in one array of 32-byte
 * entries (each rule's own struct is elsewhere in memory): its plan, whether it takes part,
 * and its phrases' signatures folded to 64 bits (the four words or'ed, which keeps "within"):
 * their union (`any`) and intersection (`all`). A phrase of the rule is part of mine only
 * when `all` is within my folded signature, mine part of one of its phrases only when mine
 * is within `any`: a rule passing neither is skipped without looking at its phrases. */
typedef struct pnear {
    const mb_plan *plan;
    uint64_t any, all;
    int live;
} pnear;

static uint64_t fold(const psig *s) { return s->w[0] | s->w[1] | s->w[2] | s->w[3]; }

/* Rule i's phrase k has the signature sig[first[i] + k]; near[i] sums up rule i. */
typedef struct pindex { psig *sig; size_t *first; pnear *near; } pindex;

static void pindex_free(pindex *x)
{
    free(x->sig);
    free(x->first);
    free(x->near);
}

static int pindex_build(pindex *x, const mb_model *m)
{
    size_t n = 0;
    x->first = mb_malloc((m->nrules + 1) * sizeof *x->first);
    x->near = mb_malloc((m->nrules + 1) * sizeof *x->near);
    for (size_t i = 0; x->first && i < m->nrules; i++) {
        x->first[i] = n;
        n += m->rules[i]->nphrases;
    }
    x->sig = mb_malloc((n + 1) * sizeof *x->sig);
    if (!x->first || !x->near || !x->sig) return 0;
    for (size_t i = 0; i < m->nrules; i++) {
        const mb_rule *r = m->rules[i];
        pnear *e = &x->near[i];
        *e = (pnear){.plan = r->plan, .live = r->ast && r->form != MB_FORM_QUALITATIVE, .all = ~(uint64_t)0};
        for (size_t k = 0; k < r->nphrases; k++) {
            x->sig[x->first[i] + k] = signature(r->phrases[k].key);
            e->any |= fold(&x->sig[x->first[i] + k]);
            e->all &= fold(&x->sig[x->first[i] + k]);
        }
    }
    return 1;
}

/* The numbers of the plan's other rules that state part of this phrase (phrase k of rule i).
 * Rules of a plan are next to each other in the model, so the look stays near rule i. */
static void sibling_numbers(lint *L, const pindex *x, size_t i, size_t k)
{
    mb_model *m = L->c->m;
    const psig *me = &x->sig[x->first[i] + k];
    uint64_t me64 = fold(me);
    numset ignore;   /* 2 KiB, written before read: not zeroed for each phrase */
    ignore.n = 0;
    L->others.n = 0;
    L->nsib = 0;
    for (size_t j = i > 200 ? i - 200 : 0; j < m->nrules && j < i + 200; j++) {
        const pnear *e = &x->near[j];
        if ((e->all & ~me64) && (me64 & ~e->any)) continue;
        if (j == i || e->plan != L->r->plan || !e->live) continue;
        const mb_rule *o = m->rules[j];
        int shares = 0;
        for (size_t q = 0; q < o->nphrases && !shares; q++) {
            const psig *other = &x->sig[x->first[j] + q];
            if (!sig_within(other, me) && !sig_within(me, other)) continue;
            m->phrase_pairs++;
            shares = overlap(&o->phrases[q], L->ph);
        }
        if (!shares) continue;
        rule_numbers(o, &L->others, &ignore);
        if (L->nsib < SIBLINGS_MAX) L->sib[L->nsib++] = o;
    }
}

void mb_chk_phrases(mb_chk *c)
{
    pindex x = {0};
    if (!pindex_build(&x, c->m)) {
        c->oom = 1;
        pindex_free(&x);
        return;
    }
    lint L; /* 6 KiB of number sets: emptied for each rule, not zeroed */
    L.c = c;
    for (size_t i = 0; i < c->m->nrules; i++) {
        L.r = c->m->rules[i];
        if (!L.r->ast || L.r->form == MB_FORM_QUALITATIVE) continue;
        L.nums.n = L.years.n = L.others.n = 0;
        L.nsib = 0;
        rule_numbers(L.r, &L.nums, &L.years);
        /* one firm statement of a restated target makes it firm: 力争 in one of several
         * phrases is not a missing attribute */
        int firm = 0;
        for (size_t k = 0; k < L.r->nphrases; k++)
            firm |= L.r->phrases[k].key && !strstr(L.r->phrases[k].key, "力争") && !strstr(L.r->phrases[k].key, "争取");
        for (size_t k = 0; k < L.r->nphrases; k++) {
            L.ph = &L.r->phrases[k];
            sibling_numbers(&L, &x, i, k);
            phrase(&L, firm && L.r->nphrases > 1);
        }
    }
    pindex_free(&x);
}
