/* draft_sent.c — sentences to targets. A sentence (up to 。；！？) is cut into pieces at
 * commas and 、; each number with a unit in a piece becomes a target whose subject is the
 * text before it (or, after a verb, the thing counted after it: 新增1~2家科技合作园区), whose
 * comparator comes from the word before or after it (达到, 超过, 以上, 左右), and whose year
 * is the nearest one before it in the sentence (到2020年), else the plan's last deadline. A
 * piece that starts with a comparator (…水平、达到2.74%) takes the subject of the one before.
 * Numbers that are not results (dates, ordinals, names in quotes, an existing stock) are
 * listed as unplaced, never dropped. */
#include <stddef.h>
#include <string.h>

#include "draft_int.h"
#include "draft_words.h"

typedef struct sctx {
    md_doc *d;
    size_t ss, se;          /* the sentence */
    size_t ls;              /* its line's start (for quotes) */
    int src;
    const char *subj;       /* the previous piece's subject (NFKC), or NULL */
    size_t subj_n;
    int in_part;            /* the previous piece named a part of the region (其中高新区…) */
    size_t piece;           /* where the current piece starts */
    size_t part_at;         /* the piece that named the part (其中: its numbers; 各: the
                               sentence's), SIZE_MAX for none */
    size_t part_a, part_b;  /* the part's place word */
    int part_each;
    size_t cs;              /* the clause (up to a comma) the current piece belongs to */
    int ctx_year;           /* 到2020年 heading the paragraph, or 0 */
    int pbase_year;         /* 由2020年的56.7%: a printed base read in this piece, for the */
    char pbase[MD_NUM_MAX + MD_UNIT_MAX + 4]; /* target that follows it (提高到65%) */
    size_t pbase_from;      /* where that target's phrase starts: its subject, before 由 */
} sctx;

static int is_sep(const char *p, const char *e, size_t *len)
{
    static const char *const SEPS[] = {",", ";", ":", "、", "(", ")", NULL};
    int k = md_starts_with_any(p, 0, (size_t)(e - p), SEPS);
    *len = (size_t)k;
    return k > 0;
}

/* Inside “…”, 《…》 or 〔…〕 at offset `at` of its line? */
static int quoted(const char *s, size_t ls, size_t at)
{
    int depth = 0;
    for (size_t i = ls; i < at;) {
        if (md_at(s + i, s + at, "“") || md_at(s + i, s + at, "《") || md_at(s + i, s + at, "〔")) depth++;
        else if ((md_at(s + i, s + at, "”") || md_at(s + i, s + at, "》") || md_at(s + i, s + at, "〕")) && depth > 0) depth--;
        i += md_char_len(s + i);
    }
    return depth > 0;
}

/* 由2020年的56.7 / 从2020年底的56.7: is the number at `at` a base-year value the plan prints
 * (基期值)? Then *year is its year and *head the offset of 由/从 (the subject ends there). */
static int printed_before(const char *s, size_t lo, size_t at, int *year, size_t *head)
{
    size_t p = at;
    if (p < lo + 3 || !md_at(s + p - 3, s + at, "的")) return 0;
    p -= 3;
    if (p >= lo + 3 && (md_at(s + p - 3, s + at, "底") || md_at(s + p - 3, s + at, "末"))) p -= 3;
    if (p < lo + 3 + 4 + 3 || !md_at(s + p - 3, s + at, "年")) return 0;
    p -= 3;
    int y = 0;
    for (size_t k = p - 4; k < p; k++) {
        if (s[k] < '0' || s[k] > '9') return 0;
        y = y * 10 + (s[k] - '0');
    }
    p -= 4;
    if (!md_at(s + p - 3, s + at, "由") && !md_at(s + p - 3, s + at, "从")) return 0;
    *year = y;
    *head = p - 3;
    return y >= 1900 && y <= 2999;
}

/* The year a number at `at` is due: the nearest YYYY年 before it in the sentence (not a base
 * year 在2013年基础上, not a date 2018年5月). 0 when there is none. */
static int year_before(const sctx *c, size_t at)
{
    const char *s = c->d->nt.data;
    int best = 0;
    for (size_t i = c->ss; i + 4 <= at; i++) {
        int y;
        size_t after;
        if (!md_year_at(s, i, at, &y, &after)) continue;
        if (!md_at(s + after, s + at, "年") && !md_at(s + after, s + at, "—") &&
            !md_at(s + after, s + at, "-")) continue;
        const char *p = s + after + (md_at(s + after, s + at, "年") ? strlen("年") : 0);
        if (md_at(p, s + at, "基础") || md_at(p, s + at, "以来") || (*p >= '0' && *p <= '9' && md_find(p, p + 3, "月")))
            continue;
        if (i >= 3 && md_at(s + i - 3, s + at, "比")) continue;
        /* 由2020年的56.7%: the year of a printed base value, not a deadline */
        if (i >= 3 && (md_at(s + i - 3, s + at, "由") || md_at(s + i - 3, s + at, "从")) &&
            (md_at(p, s + at, "的") || md_at(p, s + at, "底的") || md_at(p, s + at, "末的")))
            continue;
        best = y;
        i = after - 1;
    }
    return best;
}

static int contains(const char *s, size_t a, size_t b, const char *w)
{
    return md_find(s + a, s + b, w) != NULL;
}

/* A list marker at a: 4. 4、 (4) 一是 — its length, else 0. */
static size_t marker(const char *s, size_t a, size_t b)
{
    size_t i = a;
    if (i < b && s[i] == '(') i++;
    size_t d0 = i;
    while (i < b && s[i] >= '0' && s[i] <= '9') i++;
    if (i > d0 && i - d0 <= 2) {
        if (i < b && s[i] == ')') return i + 1 - a;
        if (i < b && s[i] == '.' && !(i + 1 < b && s[i + 1] >= '0' && s[i + 1] <= '9')) return i + 1 - a;
        if (md_at(s + i, s + b, "、")) return i + strlen("、") - a;
    }
    static const char *const ORD[] = {"一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", NULL};
    return (size_t)md_starts_with_any(s, a, b, ORD);
}

/* Drop context from the front (到2020年, 力争, 全市 …) and separators from both ends. */
void md_clean(const char *s, size_t *a, size_t *b)
{
    for (int again = 1; again && *a < *b;) {
        again = 0;
        md_trim(s, a, b);
        int y;
        size_t after, k;
        if (md_year_at(s, *a, *b, &y, &after)) {
            *a = after;
            if (md_at(s + *a, s + *b, "年")) *a += strlen("年");
            again = 1;
            continue;
        }
        if ((k = (size_t)md_starts_with_any(s, *a, *b, MD_LEAD_WORDS))) { *a += k; again = 1; continue; }
        if ((k = marker(s, *a, *b))) { *a += k; again = 1; continue; }
        if (is_sep(s + *a, s + *b, &k)) { *a += k; again = 1; continue; }
        if (md_at(s + *a, s + *b, "在") && md_find(s + *a, s + *b, "基础上")) {
            *a = (size_t)(md_find(s + *a, s + *b, "基础上") - s) + strlen("基础上");
            again = 1;
        }
    }
    for (int again = 1; again && *b > *a;) {
        again = 0;
        md_trim(s, a, b);
        size_t k;
        if ((k = (size_t)md_ends_with_any(s, *a, *b, (const char *const[]){"的", "为", "在", "共", "各", "分别", "总数", NULL}))
            && *b - k > *a) {
            /* keep 总数 when it is all there is */
            if (k == strlen("总数")) break;
            *b -= k;
            again = 1;
        }
    }
}

static int only_verb(const char *s, size_t a, size_t b)
{
    int k = md_starts_with_any(s, a, b, MD_VERBS);
    return a == b || (k && a + (size_t)k == b);
}

/* The name of what a number at [qs,qe) counts, from [from,cmpat) and the rest of the piece. */
static int subject(sctx *c, size_t from, size_t cmpat, size_t qe, size_t pe, const char **name, size_t *n)
{
    const char *s = c->d->nt.data;
    size_t a = from, b = cmpat;
    md_clean(s, &a, &b);
    size_t ra = qe, rb = pe;
    md_clean(s, &ra, &rb);
    if (rb > ra && (only_verb(s, a, b) || md_ends_with_any(s, a, b, MD_VERBS))) {
        char buf[1024];
        size_t l1 = b - a, l2 = rb - ra;
        if (l1 + l2 >= sizeof buf) return 0;
        memcpy(buf, s + a, l1);
        memcpy(buf + l1, s + ra, l2);
        *name = md_dup(c->d, buf, l1 + l2);
        *n = l1 + l2;
        return 1;
    }
    if (b > a && !only_verb(s, a, b)) {
        *name = s + a;
        *n = b - a;
        return 1;
    }
    if (c->subj) { *name = c->subj; *n = c->subj_n; return 1; }
    return 0;
}

static void set_years(md_doc *d, md_target *t, int year)
{
    t->nyears = 1;
    t->years[0] = year;
    (void)d;
}

/* The target of one number (q) in a piece. */
/* 增长P% means over the previous year when the sentence says so (比上年, 同比) or the plan is a
 * year's plan: its base is the year before the target's. */
static int over_last_year(const sctx *c, size_t at, int year)
{
    const char *s = c->d->nt.data;
    if (contains(s, c->ss, at, "比上年") || contains(s, c->ss, at, "同比")) return 1;
    return c->d->base == year - 1;
}

/* The target is for the part of the region named in [ra,rb); 各: for each place of a kind. */
static void part_of_region(md_doc *d, md_target *t, size_t ra, size_t rb, int each)
{
    t->region = md_dup(d, d->nt.data + ra, rb - ra);
    t->region_each = each;
    if (each)
        md_note(d, t, md_fmt(d, "各%s: the target holds in each %s; name them in region", t->region, t->region));
}

static void number_target(sctx *c, size_t from, const md_qty *q, size_t pe)
{
    md_doc *d = c->d;
    const char *s = d->nt.data;
    size_t at = q->start;
    const md_word *w = md_word_before(s, from, at);
    size_t cmpat = w ? at - strlen(w->w) : at;
    if (w && w->kind == MD_W_CMP && !strcmp(w->w, "达") && cmpat >= from + 3 && md_at(s + cmpat - 3, s + at, "到"))
        cmpat -= 3;
    const char *name;
    size_t n;
    /* 其中高新区60家: the goal before it, for a part of the region */
    size_t ra = 0, rb = 0;
    int for_each = 0;
    size_t past = md_region_lead(s, from, cmpat, &ra, &rb, &for_each);
    if (!past && c->in_part) {
        size_t e = md_region_place(s, from, cmpat, &ra, &rb), x = e, y = cmpat;
        md_trim(s, &x, &y);
        past = e && x == y ? e : 0;
    }
    c->in_part = past > 0;
    if (past) c->part_at = c->piece, c->part_a = ra, c->part_b = rb, c->part_each = for_each;
    /* 各主城区打造1—2个园区和2—3个楼宇: each number of the sentence is for each 主城区; 其中
     * names the part for the numbers of its piece */
    int part = past || (c->part_at != (size_t)-1 && (c->part_each || c->part_at == c->piece));
    if (!subject(c, past ? past : from, cmpat, q->end, pe, &name, &n)) {
        md_unplace(d, c->src, d->orig + d->nt.map[q->start], d->nt.map[q->end] - d->nt.map[q->start],
                   "no subject found");
        return;
    }
    c->subj = name, c->subj_n = n;
    md_target *t = md_new_target(d);
    if (!t) return;
    t->src = c->src;
    size_t pa = from, pb = q->end;
    if (c->pbase_year) { /* the value 由2020年的… before it in the piece: its printed base */
        t->pbase_year = c->pbase_year;
        snprintf(t->pbase, sizeof t->pbase, "%s", c->pbase);
        c->pbase_year = 0;
        pa = c->pbase_from;
    }
    /* the phrase: from the piece's start (or the subject, when it came from before) */
    md_trim(s, &pa, &pb);
    for (size_t k; pa < pb && ((k = marker(s, pa, pb)) || is_sep(s + pa, s + pb, &k));) pa += k;
    t->phrase = md_orig(d, pa, pb);
    if (part) part_of_region(d, t, c->part_a, c->part_b, c->part_each);
    int year = year_before(c, at);
    if (!year) year = c->ctx_year;
    if (!year) {
        year = d->ndeadlines ? d->deadlines[d->ndeadlines - 1] : 0;
        if (d->ndeadlines > 1) md_note(d, t, "no year in the sentence: the plan's last deadline");
    }
    if (!year) { d->nts--; md_unplace(d, c->src, t->phrase, strlen(t->phrase), "no year found"); return; }
    set_years(d, t, year);
    t->aspiration = contains(s, c->ss, at, "力争") || contains(s, c->ss, at, "争取") || contains(s, c->ss, at, "争创");
    t->from = d->base;
    t->to = year;
    const char *unit = q->unit;
    int lower = 0;
    t->form = MD_F_CMP;
    t->cmp = ">=";
    if (w && w->kind == MD_W_CMP) { t->cmp = w->cmp; lower = t->cmp[0] == '<'; }
    if (q->suffix == MD_SUF_ABOVE) t->cmp = w && w->cmp[0] == '>' ? w->cmp : ">=";
    else if (q->suffix == MD_SUF_BELOW) { t->cmp = "<="; lower = 1; }
    else if (q->suffix == MD_SUF_MORE) t->cmp = ">";
    md_qty_text(q, 0, t->value, sizeof t->value);
    if (q->points) {
        /* 下降2个百分点 / 提高2个百分点: a change of a share in points from the base year */
        if (!w || (w->kind != MD_W_CUT && w->kind != MD_W_GROW)) {
            d->nts--;
            md_unplace(d, c->src, t->phrase, strlen(t->phrase), "percentage points without 提高/下降: a change from what?");
            return;
        }
        t->form = w->kind == MD_W_CUT ? MD_F_CUT_POINTS : MD_F_GROW_POINTS;
        snprintf(t->value, sizeof t->value, "%s", q->num);
        if (d->ndeadlines > 1) md_note(d, t, "个百分点 read as a change from the plan's base year");
        lower = w->kind == MD_W_CUT;
    } else if (w && w->kind != MD_W_CMP) {
        if (strcmp(q->unit, "%")) {
            d->nts--;
            md_unplace(d, c->src, t->phrase, strlen(t->phrase), "a change that is not a percentage");
            return;
        }
        t->form = w->kind == MD_W_AGROWTH ? MD_F_AGROWTH : w->kind == MD_W_CUT ? MD_F_CUT : MD_F_GROW;
        if (w->kind == MD_W_GROW && over_last_year(c, at, year)) {
            /* a year's plan (or 比上年/同比): growth over the previous year, with the phrase's
             * comparator or 左右 */
            t->form = q->suffix == MD_SUF_ABOUT ? MD_F_YOY_ABOUT : MD_F_YOY;
            if (q->suffix == MD_SUF_MORE) t->cmp = ">";
            if (t->form == MD_F_YOY_ABOUT) {
                snprintf(t->value2, sizeof t->value2, "1%%");
                md_note(d, t, "左右 read as within 1 percentage point of the growth rate");
            }
        } else if (w->kind == MD_W_GROW) {
            if (d->ndeadlines > 1) md_note(d, t, "增长 read as growth from the plan's base year");
        }
        if (w->kind == MD_W_CUT) lower = 1;
        unit = "";
    } else if (q->suffix == MD_SUF_ABOUT) {
        t->form = MD_F_ABOUT;
        snprintf(t->value2, sizeof t->value2, "%s", strcmp(q->unit, "%") ? "5%" : "1%");
        md_note(d, t, strcmp(q->unit, "%") ? "左右 read as within 5%" : "左右 read as within 1 percentage point");
    } else if (q->num2[0]) {
        t->form = MD_F_RANGE;
        t->cmp = ">=";
        md_qty_text(q, 1, t->value2, sizeof t->value2);
    }
    int each = contains(s, c->cs, at, "每年") || contains(s, c->cs, at, "年均新增");
    int added = contains(s, c->cs, at, "新增") || contains(s, c->cs, at, "累计新增");
    static const struct { const char *w; int from; } FYP[] = {
        {"十三五", 2016}, {"十四五", 2021}, {"十五五", 2026}, {"十二五", 2011}, {NULL, 0}};
    int fyp = 0;
    if (contains(s, c->ss, at, "期间") || contains(s, c->ss, at, "时期"))
        for (size_t k = 0; FYP[k].w; k++)
            if (contains(s, c->ss, at, FYP[k].w)) fyp = FYP[k].from;
    if (fyp) { year = fyp + 4; set_years(d, t, year); }
    if (each && (t->form == MD_F_CMP || t->form == MD_F_RANGE)) {
        t->form = MD_F_EACH;
        t->from = fyp ? fyp : d->base + 1 > year ? year : d->base + 1;
    }
    else if (added && t->form == MD_F_CMP && (fyp || (d->ndeadlines > 1 && year == d->period_to))) {
        t->form = MD_F_TOTAL;
        t->from = fyp ? fyp : d->period_from;
        md_note(d, t, "新增 over a period read as the total added in it");
    }
    const char *note;
    t->ind = md_indicator(d, name, n, unit, lower, &note);
    if (t->ind == (size_t)-1) { d->nts--; return; }
    md_note(d, t, note);
    if (!unit[0] && !d->inds[t->ind].reused && !d->inds[t->ind].unit[0])
        md_note(d, t, "the text gives no unit for the indicator: unit 1");
    /* no comparator word on a lower-is-better indicator (单位GDP能耗0.5吨煤/万元): at most */
    if (!w && q->suffix == MD_SUF_NONE && d->inds[t->ind].lower && t->form == MD_F_CMP) t->cmp = "<=";
    /* a catalogue indicator per 10 000 people or per 亿元: the text prints the numerator only */
    const md_ind *ind = &d->inds[t->ind];
    if (strchr(ind->unit, '/') && unit[0] && !strchr(unit, '/') && t->form != MD_F_CUT
        && t->form != MD_F_AGROWTH) {
        snprintf(t->value, sizeof t->value, "%s %s", q->num, ind->unit);
        if (q->num2[0]) snprintf(t->value2, sizeof t->value2, "%s %s", q->num2, ind->unit);
    }
}

static void unplace_q(sctx *c, const md_qty *q, const char *why)
{
    md_doc *d = c->d;
    md_unplace(d, c->src, d->orig + d->nt.map[q->start], d->nt.map[q->end] - d->nt.map[q->start], why);
}

/* Is there another number with a unit in (at, pe)? */
static int more_after(const char *s, size_t at, size_t pe)
{
    for (size_t i = at; i < pe;) {
        md_qty q;
        if (md_scan_qty(s, i, pe, &q) && q.unit[0] && q.suffix >= 0) return 1;
        i += md_char_len(s + i);
    }
    return 0;
}

static void piece(sctx *c, size_t ps, size_t pe)
{
    md_doc *d = c->d;
    const char *s = d->nt.data;
    size_t from = ps;
    int any = 0;
    c->piece = ps;
    c->pbase_year = 0; /* a printed base belongs to the number after it in its piece */
    for (size_t i = ps; i < pe;) {
        md_qty q;
        if (!md_scan_qty(s, i, pe, &q)) { i += md_char_len(s + i); continue; }
        i = q.end > i ? q.end : i + 1;
        if (q.suffix < 0) continue;                                       /* a date, a list number */
        if ((q.start > 0 && s[q.start - 1] == '+') || md_ends_with_any(s, c->ss, q.start, (const char *const[]){"第", "表", "图", "附件", NULL}))
            continue;
        if (q.bad) { unplace_q(c, &q, "a number with too many digits to be held exactly"); continue; }
        if (md_at(s + q.end, s + pe, "〕")) continue;                      /* a document number's year */
        if (quoted(s, c->ls, q.start)) { unplace_q(c, &q, "inside a quoted name"); continue; }
        if (!q.unit[0]) { unplace_q(c, &q, "a number without a unit"); continue; }
        if (md_at(s + q.end, s + pe, "的") || md_at(s + q.end, s + pe, "—") || md_at(s + q.end, s + pe, "-") ||
            (q.start >= 3 && (md_at(s + q.start - 3, s + pe, "—")))) {
            unplace_q(c, &q, "describes a kind of thing (…的, a span of values), not a result");
            from = q.end;
            continue;
        }
        size_t k;
        int stock = 0;
        for (size_t j = from; j < q.start && !stock; j += md_char_len(s + j))
            stock = md_starts_with_any(s, j, q.start, MD_STOCK_WORDS) > 0;
        if (stock) { unplace_q(c, &q, "counts what exists already"); from = q.end; continue; }
        (void)k;
        int by;
        size_t head;
        if (printed_before(s, from, q.start, &by, &head) &&
            more_after(s, q.end, pe)) {
            /* 煤炭消费比重由2020年的56.7%下降到52%: 56.7% is the base the plan prints, the
             * subject is what comes before 由, the target is the number after */
            size_t a = from, b = head;
            md_clean(s, &a, &b);
            if (b > a) c->subj = s + a, c->subj_n = b - a;
            c->pbase_year = by;
            c->pbase_from = from;
            md_qty_text(&q, 0, c->pbase, sizeof c->pbase);
            from = q.end;
            continue;
        }
        number_target(c, from, &q, pe);
        from = q.end;
        any = 1;
    }
    if (!any) {
        int year = year_before(c, pe);
        if (!year) year = c->ctx_year;
        if (!year && d->ndeadlines) year = d->deadlines[d->ndeadlines - 1];
        int base = d->base;
        const char *bp = md_find(s + c->ss, s + pe, "年基础上");
        if (bp && bp - s >= (ptrdiff_t)(c->ss + 4)) {
            size_t after;
            int y;
            if (md_year_at(s, (size_t)(bp - s) - 4, pe, &y, &after)) base = y;
        }
        if (year && md_word_form(d, ps, pe, c->src, year, base, &c->subj, &c->subj_n)) return;
        /* a piece without a number: its subject may serve the next piece (…水平、达到2.74%) */
        size_t a = ps, b = pe;
        for (size_t j = ps; j < pe; j += md_char_len(s + j)) {
            const md_word *w = NULL;
            for (const md_word *x = MD_CMP_WORDS; x->w; x++)
                if (md_at(s + j, s + pe, x->w)) { w = x; break; }
            if (w) { b = j; break; }
        }
        md_clean(s, &a, &b);
        c->subj = b > a ? s + a : NULL;
        c->subj_n = b - a;
    }
}

/* A sentence that starts with 到2020年 (or 2020年,) dates the sentences after it in its
 * paragraph and the lines below it, up to the next heading. */
static int heading_year(md_doc *d, size_t ss, size_t se)
{
    const char *s = d->nt.data;
    size_t a = ss, b = se, after;
    int y;
    md_trim(s, &a, &b);
    if (md_at(s + a, s + b, "到")) a += strlen("到");
    if (!md_year_at(s, a, b, &y, &after) || !md_at(s + after, s + b, "年")) return 0;
    after += strlen("年");
    if (md_at(s + after, s + b, "底")) after += strlen("底");
    return after < b && (s[after] == ',' || s[after] == ' ') ? y : 0;
}

static int heading(const md_doc *d, size_t l)
{
    static const char *const NUM[] = {"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、",
                                      "十、", "(一)", "(二)", "(三)", "(四)", "(五)", "(六)", NULL};
    size_t a = d->lines[l].start, b = d->lines[l].end;
    md_trim(d->nt.data, &a, &b);
    return md_starts_with_any(d->nt.data, a, b, NUM) > 0;
}

static void sentence(md_doc *d, size_t ls, size_t ss, size_t se)
{
    sctx c = {.d = d, .ss = ss, .se = se, .ls = ls, .src = md_src_line(d, ss), .piece = ss, .part_at = (size_t)-1,
              .cs = ss, .ctx_year = d->ctx_year};
    int hy = heading_year(d, ss, se);
    if (hy) d->ctx_year = c.ctx_year = hy;
    const char *s = d->nt.data;
    size_t ps = ss;
    int qizhong = 0; /* the piece before was 其中 alone: "…达到100家,其中,高新区60家" */
    for (size_t i = ss; i <= se;) {
        size_t k = 0;
        if (i < se && !is_sep(s + i, s + se, &k)) { i += md_char_len(s + i); continue; }
        size_t ta = ps, tb = i;
        md_trim(s, &ta, &tb);
        if (tb - ta == strlen("其中") && md_at(s + ta, s + tb, "其中")) {
            qizhong = 1; /* no piece of its own: the subject before it is the part's */
        } else if (i > ps) {
            /* keep the subject only across 、 and into a piece that starts with a comparator */
            int starts_cmp = 0;
            for (const md_word *x = MD_CMP_WORDS; x->w && !starts_cmp; x++)
                starts_cmp = md_at(s + ps, s + se, x->w) && x->kind == MD_W_CMP;
            /* …达到100家,其中高新区60家: the part's share of the goal before it */
            int part = md_region_lead(s, ps, se, NULL, NULL, NULL) > 0 ||
                       (qizhong && md_region_place(s, ps, i, NULL, NULL) > 0);
            if (qizhong && part) c.in_part = 1;
            qizhong = 0;
            if (!starts_cmp && !part && ps > ss && !md_at(s + ps - 3, s + se, "、")) c.subj = NULL, c.in_part = 0;
            if (ps == ss || !md_at(s + ps - 3, s + se, "、")) c.cs = ps;
            piece(&c, ps, i);
        }
        if (i >= se) break;
        i += k;
        ps = i;
    }
}

void md_sentences(md_doc *d)
{
    static const char *const ENDS[] = {"。", ";", "!", "?", NULL};
    d->ctx_year = 0;
    for (size_t l = 0; l < d->nlines; l++) {
        if (d->in_table[l]) continue;
        if (heading(d, l)) d->ctx_year = 0;
        size_t ls = d->lines[l].start, le = d->lines[l].end, ss = ls;
        const char *s = d->nt.data;
        for (size_t i = ls; i <= le;) {
            int k = i < le ? md_starts_with_any(s, i, le, ENDS) : 1;
            if (!k) { i += md_char_len(s + i); continue; }
            if (i > ss) sentence(d, ls, ss, i);
            i += (size_t)k;
            ss = i;
        }
    }
}
