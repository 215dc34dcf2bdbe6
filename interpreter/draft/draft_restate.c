/* draft_restate.c — one goal stated in other words. A plan restates a headline goal in a task
 * table under the table's own name for it ("高新技术企业达到1.2万家" and the row "高新技术企业
 * 总数 1.2万家"; "新增驰名商标2件" and "驰名商标2件"), so the two drafted targets have two
 * indicators. They are one goal when everything else a rule says is equal (draft_merge.c) and
 * the two names count the same thing: the same once the verb that adds or builds it (新增,
 * 培育, 建设, 打造 …) and a count word (数, 总数, 数量) are taken off, or the one ends the other
 * and what the longer adds in front does not name a level (省级, 国家级, 以上): in Chinese the
 * counted thing ends the name, and what stands before it says whose or which. Two catalogue
 * indicators are never one: the catalogue tells them apart. Nothing here knows a seed. */
#include <string.h>

#include "draft_int.h"
#include "draft_words.h"

/* Count words that end a name without changing what is counted. Longest first. */
static const char *const COUNT_WORDS[] = {"总数", "数量", "个数", "总量", "数", NULL};
/* Words in front of a name that make it a part or another kind of the thing (省级以上企业
 * 研发机构 is not 企业研发机构). */
static const char *const LEVEL_WORDS[] = {"级", "以上", "以下", "其中", "除", NULL};

enum { MIN_CORE_CHARS = 4 }; /* shorter names (企业, 项目) are too general to be one thing */

static size_t chars(const char *s, size_t a, size_t b)
{
    size_t n = 0;
    for (size_t i = a; i < b; i += md_char_len(s + i)) n++;
    return n;
}

/* The part of a name [*a,*b) that says what is counted. */
static void core(const char *s, size_t *a, size_t *b)
{
    for (int again = 1; again;) {
        again = 0;
        size_t k = (size_t)md_starts_with_any(s, *a, *b, MD_VERBS);
        /* context words of two characters or more (全市, 累计); one character (内, 前) may
         * begin the name itself (内资企业) */
        if (!k && (k = (size_t)md_starts_with_any(s, *a, *b, MD_LEAD_WORDS)) <= strlen("各")) k = 0;
        if (k && *a + k < *b) { *a += k; again = 1; }
    }
    size_t k = (size_t)md_ends_with_any(s, *a, *b, COUNT_WORDS);
    if (k && *b - k > *a) *b -= k;
}

static int names_level(const char *s, size_t a, size_t b)
{
    for (const char *const *w = LEVEL_WORDS; *w; w++)
        if (md_find(s + a, s + b, *w)) return 1;
    return 0;
}

/* Does the longer core x end with the shorter y, with no level word in what x adds? */
static int ends_with(const char *x, size_t xa, size_t xb, const char *y, size_t ya, size_t yb)
{
    size_t nx = xb - xa, ny = yb - ya;
    if (ny > nx || memcmp(x + xb - ny, y + ya, ny)) return 0;
    return chars(y, ya, yb) >= MIN_CORE_CHARS && !names_level(x, xa, xb - ny);
}

int md_same_thing(const md_doc *d, size_t i, size_t j)
{
    if (i == j) return 1;
    const md_ind *x = &d->inds[i], *y = &d->inds[j];
    if ((x->reused && y->reused) || !x->name || !y->name || x->lower != y->lower) return 0;
    size_t xa = 0, xb = strlen(x->name), ya = 0, yb = strlen(y->name);
    core(x->name, &xa, &xb);
    core(y->name, &ya, &yb);
    if (xb - xa == yb - ya && !memcmp(x->name + xa, y->name + ya, xb - xa)) return chars(x->name, xa, xb) >= 2;
    return xb - xa > yb - ya ? ends_with(x->name, xa, xb, y->name, ya, yb) : ends_with(y->name, ya, yb, x->name, xa, xb);
}

/* The indicator a merged goal keeps: the catalogue's, else the one the table describes
 * (category, owner, source), else the first. */
size_t md_restated_indicator(const md_doc *d, size_t keep, size_t other)
{
    const md_ind *k = &d->inds[keep], *o = &d->inds[other];
    if (k->reused || keep == other) return keep;
    if (o->reused) return other;
    int km = k->category || k->owner || k->source, om = o->category || o->owner || o->source;
    return !km && om ? other : keep;
}
