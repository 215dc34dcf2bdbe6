/* draft_forms.c — targets stated in words, without a number: 全覆盖 (coverage ≥ 100%), 位列
 * 全省前三 (rank ≤ 3), 翻一番 (≥ 2 × the base year), 逐年提高 (rises every year), 零突破
 * (≥ 1). Each is drafted with a note saying how the words were read. */
#include <string.h>

#include "draft_int.h"
#include "draft_words.h"

typedef enum { W_COVER, W_TOP, W_DOUBLE, W_RISES, W_FALLS, W_ZERO } wkind;

static const struct { const char *w; wkind k; int n; } WORDS[] = {
    {"全覆盖", W_COVER, 0},
    {"前三", W_TOP, 3}, {"前五", W_TOP, 5}, {"前十", W_TOP, 10}, {"前二", W_TOP, 2}, {"前两", W_TOP, 2},
    {"前四", W_TOP, 4}, {"前六", W_TOP, 6}, {"前八", W_TOP, 8}, {"前20", W_TOP, 20}, {"前10", W_TOP, 10},
    {"翻两番", W_DOUBLE, 4}, {"翻一番", W_DOUBLE, 2}, {"翻番", W_DOUBLE, 2},
    {"逐年提高", W_RISES, 0}, {"逐年增加", W_RISES, 0}, {"逐年增长", W_RISES, 0}, {"逐年上升", W_RISES, 0},
    {"持续提高", W_RISES, 0}, {"持续增加", W_RISES, 0}, {"不断提高", W_RISES, 0}, {"不断增加", W_RISES, 0},
    {"稳步提高", W_RISES, 0}, {"逐年下降", W_FALLS, 0}, {"逐年降低", W_FALLS, 0}, {"逐年减少", W_FALLS, 0},
    {"持续下降", W_FALLS, 0}, {"持续降低", W_FALLS, 0},
    {"零突破", W_ZERO, 0}, {NULL, 0, 0}};

/* Words that end the subject before the form's word (位列全省, 实现, “). */
static const char *const TAIL[] = {"位列全省", "位居全省", "进入全省", "位列全国", "位居全国", "进入全国",
                                   "保持全省", "全省", "全国", "全市", "位列", "位居", "进入", "保持", "实现",
                                   "“", "”", "上", NULL};

static size_t strip_tail(const char *s, size_t a, size_t b)
{
    for (int again = 1; again;) {
        again = 0;
        int k = md_ends_with_any(s, a, b, TAIL);
        if (k && b - (size_t)k > a) { b -= (size_t)k; again = 1; }
    }
    return b;
}

static int share_name(const char *name)
{
    const char *e = name + strlen(name);
    return md_find(name, e, "比重") || md_find(name, e, "比例") || md_find(name, e, "率") || md_find(name, e, "占比");
}

int md_word_form(md_doc *d, size_t ps, size_t pe, int src, int year, int base, const char **subj, size_t *subj_n)
{
    const char *s = d->nt.data;
    for (size_t i = ps; i < pe; i += md_char_len(s + i)) {
        size_t k;
        for (k = 0; WORDS[k].w; k++)
            if (md_at(s + i, s + pe, WORDS[k].w)) break;
        if (!WORDS[k].w) continue;
        wkind kind = WORDS[k].k;
        size_t a = ps, b = strip_tail(s, ps, i), we = i + strlen(WORDS[k].w);
        md_clean(s, &a, &b);
        if (b <= a && (kind == W_RISES || kind == W_FALLS)) { a = we, b = pe; md_clean(s, &a, &b); }
        if (b <= a) { if (!*subj) return 0; a = (size_t)(*subj - s), b = a + *subj_n; }
        if (b <= a || b - a > 300) return 0;
        md_target *t = md_new_target(d);
        if (!t) return 0;
        t->src = src;
        size_t pa = ps, pb = kind == W_RISES || kind == W_FALLS ? (we > b ? we : b) : we;
        md_trim(s, &pa, &pb);
        t->phrase = md_orig(d, pa, pb);
        t->nyears = 1, t->years[0] = year;
        t->from = base;
        t->cmp = ">=";
        const char *name = md_dup(d, s + a, b - a), *unit = "", *note = NULL;
        switch (kind) {
        case W_COVER:
            name = md_fmt(d, "%s覆盖率", name), unit = "%", t->form = MD_F_CMP;
            snprintf(t->value, sizeof t->value, "100%%");
            md_note(d, t, "全覆盖 read as a coverage rate of 100%");
            break;
        case W_TOP:
            name = md_fmt(d, "%s排名", name), unit = "位", t->form = MD_F_CMP, t->cmp = "<=";
            snprintf(t->value, sizeof t->value, "%d 位", WORDS[k].n);
            md_note(d, t, md_fmt(d, "%s read as a rank of at most %d", WORDS[k].w, WORDS[k].n));
            break;
        case W_DOUBLE:
            t->form = MD_F_RELATIVE;
            snprintf(t->value, sizeof t->value, "%d", WORDS[k].n);
            md_note(d, t, md_fmt(d, "%s read as %d × the base year's value", WORDS[k].w, WORDS[k].n));
            break;
        case W_RISES:
        case W_FALLS:
            t->form = kind == W_RISES ? MD_F_RISES : MD_F_FALLS;
            unit = share_name(name) ? "%" : "";
            md_note(d, t, md_fmt(d, "%s read as %s every year from the base year", WORDS[k].w,
                                 kind == W_RISES ? "higher" : "lower"));
            break;
        case W_ZERO: {
            const char *e = name + strlen(name);
            int firms = md_find(name, e, "企业") || md_find(name, e, "机构") || md_find(name, e, "公司");
            unit = firms ? "家" : "个", t->form = MD_F_CMP;
            snprintf(t->value, sizeof t->value, "1 %s", unit);
            md_note(d, t, "零突破 read as at least one; the unit is a guess");
            break;
        }
        }
        t->ind = md_indicator(d, name, strlen(name), unit, kind == W_TOP || kind == W_FALLS, &note);
        if (t->ind == (size_t)-1) { d->nts--; return 0; }
        md_note(d, t, note);
        return 1;
    }
    return 0;
}
