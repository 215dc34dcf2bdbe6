/* draft_region.c — a target for part of the plan's region. Plans give a part its own share of
 * a goal right after the goal ("全县高新技术企业达到100家,其中高新区60家") or set one goal for
 * each of a kind of place ("各主城区分别新增2家"); the language says so with `region "…"` on the
 * target. A part is a place word after 其中 or 各 at the start of a piece: the shortest run of
 * two to twelve characters that ends in a word for an administrative area or a zone (区 县 市
 * 镇 乡 街道), and is not one of the words that end so without naming a place (上市, 城市,
 * 地区 …). "其中省级以上30家" names a part of the goal's things, not of its region, and is left
 * to the of-which reading. After 其中, a list goes on with bare places ("其中高新区60家、
 * 经开区30家"). */
#include <string.h>

#include "draft_int.h"

static const char *const PLACE_ENDS[] = {"街道", "区", "县", "市", "镇", "乡", NULL};

/* Words ending as places do that are not a part of the region: a kind of firm (上市), a
 * statistic's own words (地区生产总值, 城镇居民, 城乡), or a kind of place too small or too
 * general to be a reporting region (社区, 小区, 景区). */
static const char *const NOT_PLACES[] = {"上市", "城市", "都市", "超市", "地区", "城镇", "城乡", "乡镇",
                                         "社区", "小区", "校区", "景区", "街区", "山区", "灾区", "库区", NULL};

static int place_end(const char *s, size_t at, size_t end)
{
    for (const char *const *w = PLACE_ENDS; *w; w++)
        if (md_at(s + at, s + end, *w)) return (int)strlen(*w);
    return 0;
}

static int not_place(const char *s, size_t a, size_t b)
{
    for (const char *const *w = NOT_PLACES; *w; w++)
        if (strlen(*w) == b - a && !memcmp(s + a, *w, b - a)) return 1;
    return 0;
}

/* The place word starting at a (before end): its end, or 0. */
static size_t place_at(const char *s, size_t a, size_t end)
{
    size_t i = a;
    for (int chars = 0; i < end && chars < 12; chars++) {
        int k = chars >= 1 ? place_end(s, i, end) : 0;
        if (k) {
            size_t e = i + (size_t)k;
            /* 主城区 in 各主城区 ends at its 区; 市区级 goes on (a level, not a place) */
            if (!not_place(s, a, e) && !md_at(s + e, s + end, "级")) return e;
        }
        if ((unsigned char)s[i] < 0x80) return 0; /* digits, punctuation: no place name */
        i += md_char_len(s + i);
    }
    return 0;
}

size_t md_region_place(const char *s, size_t a, size_t b, size_t *pa, size_t *pb)
{
    md_trim(s, &a, &b);
    size_t e = place_at(s, a, b);
    if (e && pa) *pa = a, *pb = e;
    return e;
}

size_t md_region_lead(const char *s, size_t a, size_t b, size_t *pa, size_t *pb, int *each)
{
    md_trim(s, &a, &b);
    int all = md_at(s + a, s + b, "各");
    if (!all && !md_at(s + a, s + b, "其中")) return 0;
    size_t p = a + strlen(all ? "各" : "其中");
    size_t e = place_at(s, p, b);
    if (!e) return 0;
    if (pa) *pa = p, *pb = e;
    if (each) *each = all;
    if (md_at(s + e, s + b, "分别")) e += strlen("分别");
    return e;
}
