/* draft_num.c — numbers as plans print them: 2.74%, 1.2万家, 940亿元, 1~2家, 3个百分点,
 * 0.5吨煤/万元, 25.5件, small counts in Chinese numerals (超百项, 两个, 三十家), and years
 * (2018年). Chinese numerals that are words (翻一番, 前三, 一批, 第十五次) are left to the
 * sentence reader. */
#include <stdio.h>
#include <string.h>

#include "draft_int.h"
#include "num.h"

/* Unit words, longest first where one is the start of another. */
static const char *const UNITS[] = {
    "个百分点", "平方公里", "平方米", "万平方米", "人年", "人次", "场次", "家次", "吨标准煤",
    "吨煤", "千瓦时", "千瓦", "公里", "元", "家", "件", "个", "项", "人", "名", "场", "次",
    "所", "座", "台", "套", "款", "支", "位", "户", "亩", "吨", "批", "本", "部", "篇", "种",
    "株", "只", "辆", "间", "张", "倍", NULL
};
static const char *const SCALES[] = {"十万", "百万", "千万", "万", "亿", "千", "百", NULL};
/* Words that, right after a number, say it is not a quantity (a date, an ordinal, a law). */
static const char *const NOT_AFTER[] = {"年", "月", "日", "号", "届", "条", "周年", "+", NULL};

static int digit(char c) { return c >= '0' && c <= '9'; }

static size_t read_num(const char *s, size_t i, size_t end, char *out)
{
    size_t j = i, k = 0;
    while (j < end && digit(s[j])) { if (k < MD_NUM_MAX - 1) out[k] = s[j]; k++; j++; }
    if (j + 1 < end && s[j] == '.' && digit(s[j + 1])) {
        if (k < MD_NUM_MAX - 1) out[k] = '.';
        k++, j++;
        while (j < end && digit(s[j])) { if (k < MD_NUM_MAX - 1) out[k] = s[j]; k++; j++; }
    }
    out[k < MD_NUM_MAX - 1 ? k : MD_NUM_MAX - 1] = 0;
    return k >= MD_NUM_MAX - 1 ? (size_t)-1 - (j - i) + 1 : j - i; /* huge: flagged below */
}

static size_t word_at(const char *s, size_t i, size_t end, const char *const *words)
{
    for (size_t w = 0; words[w]; w++)
        if (md_at(s + i, s + end, words[w])) return strlen(words[w]);
    return 0;
}

/* A range's second number: 1~2, 1-3, 2—3, 2至3 (not a year span). */
static size_t range_at(const char *s, size_t i, size_t end, char *num2)
{
    static const char *const SEP[] = {"~", "-", "\u2014", "\u2013", "\u2212", "至", "到", NULL};
    size_t k = word_at(s, i, end, SEP);
    if (!k || i + k >= end || !digit(s[i + k])) return 0;
    size_t n = read_num(s, i + k, end, num2);
    if (n == 0 || n > MD_NUM_MAX) return 0;
    return k + n;
}

static int suffix_at(const char *s, size_t *i, size_t end)
{
    static const struct { const char *w; int suf; } SUF[] = {
        {"以上", MD_SUF_ABOVE}, {"以下", MD_SUF_BELOW}, {"以内", MD_SUF_BELOW},
        {"左右", MD_SUF_ABOUT}, {"多", MD_SUF_MORE}, {NULL, 0}};
    for (size_t k = 0; SUF[k].w; k++)
        if (md_at(s + *i, s + end, SUF[k].w)) { *i += strlen(SUF[k].w); return SUF[k].suf; }
    return MD_SUF_NONE;
}

static size_t unit_at(const char *s, size_t i, size_t end, md_qty *q)
{
    size_t j = i;
    if (j < end && s[j] == '%') { strcpy(q->unit, "%"); return 1; }
    size_t sc = word_at(s, j, end, SCALES);
    size_t u = word_at(s, j + sc, end, UNITS);
    if (!u && sc && md_at(s + j, s + end, "万") == 0 && md_at(s + j, s + end, "亿") == 0) sc = 0;
    if (!u && !sc) return 0;
    if (!u && (md_at(s + j + sc, s + end, "级") || md_at(s + j + sc, s + end, "元级"))) return 0;
    j += sc + u;
    /* a rate: 吨煤/万元, 件/万人 */
    if (u && j < end && s[j] == '/') {
        size_t sc2 = word_at(s, j + 1, end, SCALES);
        size_t u2 = word_at(s, j + 1 + sc2, end, UNITS);
        if (u2) j += 1 + sc2 + u2;
    }
    if (j - i >= MD_UNIT_MAX) return 0;
    memcpy(q->unit, s + i, j - i);
    q->unit[j - i] = 0;
    if (!strcmp(q->unit + sc, "个百分点")) { q->points = 1; strcpy(q->unit, "%"); }
    return j - i;
}

/* Chinese numerals: digits 一…九 (两 for 2) and the multipliers 十 百 千, read as a whole number
 * below 10 000 (万 and 亿 after it are scales, read with the unit). */
static int cn_digit(const char *s, size_t i, size_t end)
{
    static const char *const D[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", NULL};
    for (int k = 0; D[k]; k++) if (md_at(s + i, s + end, D[k])) return k;
    return md_at(s + i, s + end, "两") ? 2 : -1;
}

static int cn_mult(const char *s, size_t i, size_t end)
{
    return md_at(s + i, s + end, "十") ? 10 : md_at(s + i, s + end, "百") ? 100 : md_at(s + i, s + end, "千") ? 1000 : 0;
}

/* The bytes of the numeral at i and its value, or 0 when none is there or it is not well formed
 * (一二, 十百): every CJK numeral is 3 bytes of UTF-8. */
static size_t cn_numeral(const char *s, size_t i, size_t end, long *value)
{
    long total = 0, cur = -1;
    int last_mult = 10000;
    size_t j = i;
    for (; j + 3 <= end; j += 3) {
        int d = cn_digit(s, j, end), m = d < 0 ? cn_mult(s, j, end) : 0;
        if (d >= 0) {
            if (cur >= 0) return 0;
            cur = d;
        } else if (m) {
            if (m >= last_mult) return 0;
            total += (cur < 0 ? 1 : cur) * m, cur = -1, last_mult = m;
        } else break;
    }
    if (j == i) return 0;
    *value = total + (cur < 0 ? 0 : cur);
    return j - i;
}

/* Where a Chinese numeral counts things, the unit words that follow it. 人, 次, 位, 部, 批, 支 and
 * 种 are left out: after a numeral they mostly make words (千人计划, 二次开发, 三位一体, 两部门,
 * 一批, 一支队伍, 多种). */
static const char *const CN_UNITS[] = {
    "个百分点", "个", "项", "家", "所", "座", "名", "件", "场", "台", "套", "款", "篇", "只", "辆", "株", NULL
};

/* A count in Chinese numerals starting at i: "百" in 超百项, "三十" in 达到三十家. Not one standing alone
 * (一个, 一项 mostly mean "a"), not after a word that makes it an ordinal or a rank (第, 前, 首,
 * 翻, 每, 逐), and not in 千家万户 or 百家争鸣. */
static size_t cn_count(const char *s, size_t i, size_t end, char *out)
{
    static const char *const NOT_BEFORE[] = {"第", "前", "首", "翻", "每", "逐", "之", "这", "那", "其", "唯", "统", NULL};
    long v;
    size_t n = cn_numeral(s, i, end, &v);
    if (!n || v <= 1) return 0;
    if (i >= 3 && (cn_digit(s, i - 3, end) >= 0 || cn_mult(s, i - 3, end) || word_at(s, i - 3, end, NOT_BEFORE) == 3))
        return 0;
    size_t u = word_at(s, i + n, end, CN_UNITS);
    if (!u) return 0;
    /* Plans enumerate tasks with numerals (支持两个…, 抓好四个…); a count is a target only where
     * a comparator stands right before it (超百项, 达到三十家) or 以上 right after. */
    static const char *const CMP_BEFORE[] = {"超过", "达到", "突破", "不少于", "不低于", "超", "达", NULL};
    int cmp = 0;
    for (size_t k = 0; CMP_BEFORE[k] && !cmp; k++) {
        size_t w = strlen(CMP_BEFORE[k]);
        cmp = i >= w && md_at(s + i - w, s + end, CMP_BEFORE[k]);
    }
    if (!cmp && !md_at(s + i + n + u, s + end, "以上")) return 0;
    if (md_at(s + i + n, s + end, "家") && (md_at(s + i + n + 3, s + end, "万") || md_at(s + i + n + 3, s + end, "争")))
        return 0;
    snprintf(out, MD_NUM_MAX, "%ld", v);
    return n;
}

int md_scan_qty(const char *s, size_t i, size_t end, md_qty *q)
{
    memset(q, 0, sizeof *q);
    if (i < end && !digit(s[i])) {
        size_t n = cn_count(s, i, end, q->num);
        if (!n) return 0;
        size_t j = i + n;
        j += unit_at(s, j, end, q);
        q->suffix = suffix_at(s, &j, end);
        q->start = i, q->end = j;
        return 1;
    }
    if (i >= end) return 0;
    if (i > 0 && (digit(s[i - 1]) || s[i - 1] == '.' || ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z')))
        return 0;
    size_t n = read_num(s, i, end, q->num);
    if (n > end - i) { /* more digits than any quantity has */
        size_t j = i;
        while (j < end && (digit(s[j]) || s[j] == '.')) j++;
        q->start = i, q->end = j, q->bad = 1;
        return 1;
    }
    mb_num v;
    if (mb_num_parse(q->num, strlen(q->num), 0, &v) != MB_NUM_OK) q->bad = 1;
    size_t j = i + n;
    j += range_at(s, j, end, q->num2);
    if (word_at(s, j, end, NOT_AFTER) || (j < end && (s[j] == '.' || s[j] == ':'))) {
        q->start = i, q->end = j;
        q->unit[0] = 0;
        q->suffix = -1; /* not a quantity */
        return 1;
    }
    j += unit_at(s, j, end, q);
    q->suffix = suffix_at(s, &j, end);
    q->start = i, q->end = j;
    return 1;
}

int md_year_at(const char *s, size_t i, size_t end, int *year, size_t *after)
{
    if (i + 4 > end) return 0;
    for (size_t k = 0; k < 4; k++) if (!digit(s[i + k])) return 0;
    if (i > 0 && digit(s[i - 1])) return 0;
    if (i + 4 < end && digit(s[i + 4])) return 0;
    int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    if (y < 1950 || y > 2100) return 0;
    *year = y;
    *after = i + 4;
    return 1;
}

void md_qty_text(const md_qty *q, int second, char *buf, size_t cap)
{
    const char *num = second ? q->num2 : q->num;
    const char *u = q->unit;
    int sep = u[0] && u[0] != '%' && (unsigned char)u[0] < 0x80;
    snprintf(buf, cap, "%s%s%s", num, u[0] && u[0] != '%' && !sep ? " " : "", u);
}
