/* draft_header.c — the plan's header: title, document number (〔2018〕50号), issuer, date,
 * region, deadlines and base year, from the first lines of the page (the lines a government
 * site prints above and around a document) and the title's year span. What is not found is
 * left out: the `plan` block then carries fewer properties, never a guessed one. */
#include <stdlib.h>
#include <string.h>

#include "draft_int.h"

enum { HEAD_LINES = 60 };

static const char *line_text(md_doc *d, size_t i, size_t *n)
{
    *n = d->lines[i].end - d->lines[i].start;
    return d->nt.data + d->lines[i].start;
}

/* The value after a label ("发布机构:市科技局", "来源: 南通市人民政府办公室") up to a space. */
static const char *labelled(md_doc *d, const char *label)
{
    for (size_t i = 0; i < d->nlines && i < HEAD_LINES; i++) {
        size_t n;
        const char *s = line_text(d, i, &n), *e = s + n;
        const char *p = md_find(s, e, label);
        if (!p) continue;
        p += strlen(label);
        while (p < e && (*p == ':' || *p == ' ' || *p == '\t')) p++;
        const char *q = p;
        while (q < e && *q != ' ' && *q != '\t') q++;
        if (q > p) return md_orig(d, (size_t)(p - d->nt.data), (size_t)(q - d->nt.data));
    }
    return NULL;
}

static int is_cjk_at(const char *p, const char *e)
{
    if (e - p < 3) return 0;
    unsigned char a = (unsigned char)p[0];
    return a >= 0xE4 && a <= 0xE9; /* U+4E00..U+9FFF */
}

/* 通政办发〔2018〕50号: the CJK word before 〔, the year, the number and 号. */
static void doc_number(md_doc *d)
{
    for (size_t i = 0; i < d->nlines && i < HEAD_LINES && !d->number; i++) {
        size_t n;
        const char *s = line_text(d, i, &n), *e = s + n;
        for (const char *p = md_find(s, e, "〔"); p; p = md_find(p + 1, e, "〔")) {
            const char *q = p + strlen("〔");
            int y;
            size_t after;
            if (!md_year_at(d->nt.data, (size_t)(q - d->nt.data), (size_t)(e - d->nt.data), &y, &after)) continue;
            q = d->nt.data + after;
            if (!md_at(q, e, "〕")) continue;
            q += strlen("〕");
            const char *r = q;
            while (r < e && *r >= '0' && *r <= '9') r++;
            if (r == q || !md_at(r, e, "号")) continue;
            const char *b = p;
            while (b > s) {
                size_t k = md_prev_char(s, (size_t)(b - s));
                if (!is_cjk_at(s + k, e)) break;
                b = s + k;
            }
            if (b == p || (b > s && b[-1] == '(')) continue; /* cited inside parentheses */
            d->number = md_orig(d, (size_t)(b - d->nt.data), (size_t)(r + strlen("号") - d->nt.data));
            break;
        }
    }
}

/* 2018年5月28日 or 2018-02-08 → "2018-05-28". */
static const char *date_in(md_doc *d, const char *s, const char *e)
{
    for (const char *p = s; p < e; p++) {
        int y;
        size_t after;
        if (!md_year_at(d->nt.data, (size_t)(p - d->nt.data), (size_t)(e - d->nt.data), &y, &after)) continue;
        const char *q = d->nt.data + after;
        int cn = md_at(q, e, "年");
        if (!cn && !(q < e && (*q == '-' || *q == '/'))) continue;
        q += cn ? strlen("年") : 1;
        int m = 0, dd = 0;
        while (q < e && *q >= '0' && *q <= '9') m = m * 10 + (*q++ - '0');
        if (cn ? !md_at(q, e, "月") : !(q < e && (*q == '-' || *q == '/'))) continue;
        q += cn ? strlen("月") : 1;
        while (q < e && *q >= '0' && *q <= '9') dd = dd * 10 + (*q++ - '0');
        if (m < 1 || m > 12 || dd < 1 || dd > 31) continue;
        static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        if (dd > mdays[m - 1] || (m == 2 && dd == 29 && !leap)) continue;
        return md_fmt(d, "%04d-%02d-%02d", y, m, dd);
    }
    return NULL;
}

static void plan_date(md_doc *d)
{
    static const char *const LABELS[] = {"成文日期", "生成日期", "发文日期", NULL};
    for (size_t i = 0; i < d->nlines && i < HEAD_LINES && !d->date; i++) {
        size_t n;
        const char *s = line_text(d, i, &n), *e = s + n;
        for (size_t k = 0; LABELS[k] && !d->date; k++) {
            const char *p = md_find(s, e, LABELS[k]);
            if (p) d->date = date_in(d, p, e);
        }
    }
    /* a date on a line of its own or beside the document number (the document's own date) */
    for (size_t i = 0; i < d->nlines && i < HEAD_LINES && !d->date; i++) {
        size_t n;
        const char *s = line_text(d, i, &n);
        if (n <= 40 && md_find(s, s + n, "月") && !md_find(s, s + n, "发布") && !md_find(s, s + n, "时间"))
            d->date = date_in(d, s, s + n);
    }
}

/* 关于印发《X》的通知 / 《X》 / a line naming a 计划, 方案 or 规划. */
static void title(md_doc *d)
{
    static const char *const KINDS[] = {"计划", "方案", "规划", "纲要", "意见", NULL};
    for (size_t i = 0; i < d->nlines && i < HEAD_LINES && !d->title; i++) {
        size_t n;
        const char *s = line_text(d, i, &n), *e = s + n;
        const char *p = md_find(s, e, "关于印发");
        const char *q = p ? md_find(p, e, "的通知") : NULL;
        if (p && q) {
            p += strlen("关于印发");
            if (md_at(p, e, "《")) p += strlen("《");
            if (q - p >= 3 && md_at(q - 3, e, "》")) q -= 3;
            if (q > p) d->title = md_orig(d, (size_t)(p - d->nt.data), (size_t)(q - d->nt.data));
        }
    }
    for (size_t i = 0; i < d->nlines && i < HEAD_LINES && !d->title; i++) {
        size_t n;
        const char *s = line_text(d, i, &n), *e = s + n;
        if (n > 150 || md_find(s, e, ",") || md_find(s, e, "。")) continue;
        for (size_t k = 0; KINDS[k]; k++) {
            const char *p = md_find(s, e, KINDS[k]);
            if (!p) continue;
            size_t a = (size_t)(s - d->nt.data), b = (size_t)(e - d->nt.data);
            const char *colon = md_find(s, e, ":");
            if (colon && colon < p) a = (size_t)(colon + 1 - d->nt.data);
            md_trim(d->nt.data, &a, &b);
            if (b > a) d->title = md_orig(d, a, b);
            break;
        }
    }
}

/* The place the title starts with: 南通市…, 江阴高新区…, 海州区… */
static void region(md_doc *d)
{
    if (!d->title) return;
    static const char *const ENDS[] = {"市", "区", "县", "省", "州", "旗", NULL};
    size_t n = strlen(d->title), k = 0, chars = 0;
    char *t = mb_nfkc(d->title, n, &n);
    if (!t) return;
    while (k < n && chars < 10) {
        for (size_t w = 0; ENDS[w]; w++)
            if (md_at(t + k, t + n, ENDS[w]) && k > 0) {
                d->region = md_dup(d, t, k + strlen(ENDS[w]));
                free(t);
                return;
            }
        if (!is_cjk_at(t + k, t + n)) break;
        k += md_char_len(t + k);
        chars++;
    }
    free(t);
}

/* Deadlines: the title's years (2018—2020年, 2018年); else the latest 到YYYY年 of the text. */
static void years(md_doc *d)
{
    int lo = 0, hi = 0;
    if (d->title) {
        size_t n = strlen(d->title);
        char *t = mb_nfkc(d->title, n, &n);
        for (size_t i = 0; t && i < n; i++) {
            int y;
            size_t after;
            if (!md_year_at(t, i, n, &y, &after)) continue;
            if (!lo) lo = y;
            hi = y;
            i = after - 1;
        }
        free(t);
    }
    for (size_t i = 0; !lo && i + 4 < d->nt.len; i++) {
        int y;
        size_t after;
        if (!md_at(d->nt.data + i, d->nt.data + d->nt.len, "到")) continue;
        if (!md_year_at(d->nt.data, i + strlen("到"), d->nt.len, &y, &after)) continue;
        if (y > hi) hi = y;
    }
    if (!lo) lo = hi;
    if (!hi) return;
    if (hi - lo >= MD_MAX_YEARS) lo = hi - MD_MAX_YEARS + 1;
    for (int y = lo; y <= hi; y++) d->deadlines[d->ndeadlines++] = y;
    d->period_from = lo, d->period_to = hi;
    d->base = lo - 1;
    /* 在2013年基础上: the text names its base year */
    const char *s = d->nt.data, *e = s + d->nt.len;
    for (const char *p = md_find(s, e, "年基础上"); p; p = md_find(p + 1, e, "年基础上")) {
        int y;
        size_t after;
        if (p - s >= 4 && md_year_at(s, (size_t)(p - s) - 4, d->nt.len, &y, &after) && y < lo) {
            d->base = y;
            if (d->ndeadlines == 1) d->period_from = y + 1;
            break;
        }
    }
}

void md_header(md_doc *d)
{
    title(d);
    doc_number(d);
    d->issuer = labelled(d, "发布机构");
    if (!d->issuer) d->issuer = labelled(d, "来源");
    plan_date(d);
    region(d);
    years(d);
}
