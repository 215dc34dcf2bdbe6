/* check_phrase_fix.c — the edits that mend a rule the phrase check found at odds with its
 * phrase (check_phrase.c), recorded with the warning (mb_diag_fix) for editors, SARIF and
 * `check --fix`. A fix is recorded only when the phrase leaves one reading:
 *   MB4025 力争 without aspiration: add 'aspiration' (an attribute, never a verdict);
 *   MB4023 a year the rule lacks: move the rule's one deadline to it, when the rule's phrases
 *          name exactly one year the rule lacks, none of its own, and that year is not a base;
 *   MB4021 左右 without a tolerance: 'about' with the tolerance the phrase prints (±0.5个百分点,
 *          上下浮动5%); a phrase without one has no fix — the tolerance is the plan's to give,
 *          and a default would be a hidden one (targets.md);
 * and none for MB4022 (a number the rule lacks: the rule's value or the phrase's scale may be
 * the wrong one) or MB4024 (下降 on a higher indicator: the indicator, shared by other rules,
 * or the rule may be the wrong way round). */
#include <stdio.h>
#include <string.h>

#include "check.h"

void mb_phrase_fix_aspiration(mb_diag *g, const mb_rule *r)
{
    const mb_ast_target *t = r->ast;
    if (!g || !t->span.text || t->span.end <= t->span.start || t->span.text->data[t->span.end - 1] != ';') return;
    mb_span at = mb_span_at(t->span.text, t->span.end - 1, t->span.end - 1);
    mb_diag_fix(g, at, " aspiration");
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

int mb_phrase_year_at(const char *p, size_t n)
{
    const char *a = p + n;
    return n == 4 && p[0] != '0' && (!strncmp(a, "年", 3) || *a == '-' || !strncmp(a, "—", 3) ||
                                     !strncmp(a, "～", 3) || *a == '~' || !strncmp(a, "至", 3));
}

/* The span of the rule's one deadline year, or none (milestones, periods, no deadline). */
static mb_aspan deadline_span(const mb_ast_target *t)
{
    if (t->form == MB_FORM_COMPARE || t->form == MB_FORM_YOY)
        return t->ngoals == 1 ? t->goals[0].by.span : (mb_aspan){0};
    return t->by.year ? t->by.span : (mb_aspan){0};
}

typedef struct years_seen { int deadline, own, other, n_other, base_word; } years_seen;

/* "在2013年基础上", "比2015年", "较2020年": the year a value is measured from, not a deadline. */
static int base_year_words(const char *s, const char *p, const char *after)
{
    static const char *const BEFORE[] = {"比", "较", "相比", NULL};
    for (const char *const *w = BEFORE; *w; w++) {
        size_t n = strlen(*w);
        if ((size_t)(p - s) >= n && !memcmp(p - n, *w, n)) return 1;
    }
    return !strncmp(after, "年基础", 9) || !strncmp(after, "年的基础", 12);
}

/* The years of a phrase (NFKC), read as check_phrase.c reads them. */
static void see_years(const char *s, years_seen *seen)
{
    for (const char *p = s; *p; p++) {
        if (!is_digit(*p) || (p > s && (is_digit(p[-1]) || p[-1] == '.'))) continue;
        size_t n = 0;
        while (is_digit(p[n]) || (p[n] == '.' && is_digit(p[n + 1]))) n++;
        if (mb_phrase_year_at(p, n)) {
            int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
            seen->base_word |= y != seen->deadline && base_year_words(s, p, p + n);
            if (y == seen->deadline) seen->own = 1;
            else if (seen->other != y) { seen->other = y; seen->n_other++; }
        }
        p += n - 1;
    }
}

int mb_phrase_year_fix(const mb_rule *r)
{
    mb_aspan at = deadline_span(r->ast);
    if (!at.text || r->ngoals != 1) return 0;
    years_seen s = {.deadline = r->goals[0].year};
    for (size_t k = 0; k < r->nphrases; k++)
        if (r->phrases[k].key) see_years(r->phrases[k].key, &s);
    int base = r->base_year > r->ast->cl->from.year ? r->base_year : r->ast->cl->from.year;
    if (s.own || s.n_other != 1 || s.base_word || (base && s.other <= base)) return 0;
    return s.other;
}

void mb_phrase_fix_year(mb_diag *g, const mb_rule *r, int year)
{
    mb_aspan at = deadline_span(r->ast);
    char y[16];
    snprintf(y, sizeof y, "%d", year);
    if (g && at.text) mb_diag_fix(g, MB_SPAN(at), y);
}

/* The tolerance a phrase prints after one of its markers: "±0.5个百分点", "上下浮动5%". The
 * number in *num (ASCII digits), the unit word after it in *unit ("%", "个百分点", or the
 * text up to the next punctuation); 0 when there is none. */
static int printed_tolerance(const char *s, char *num, size_t nnum, char *unit, size_t nunit)
{
    static const char *const MARKS[] = {"±", "上下浮动", "正负", NULL};
    for (const char *const *m = MARKS; *m; m++) {
        const char *p = strstr(s, *m);
        if (!p) continue;
        p += strlen(*m);
        while (*p == ' ') p++;
        size_t n = 0;
        while (is_digit(p[n]) || (p[n] == '.' && is_digit(p[n + 1]))) n++;
        if (!n || n >= nnum) continue;
        snprintf(num, nnum, "%.*s", (int)n, p);
        p += n;
        if (*p == '%') snprintf(unit, nunit, "%%");
        else if (!strncmp(p, "个百分点", 12)) snprintf(unit, nunit, "个百分点");
        else if (!strncmp(p, "百分点", 9)) snprintf(unit, nunit, "个百分点");
        else unit[0] = 0;
        return 1;
    }
    return 0;
}

/* The operator before the first value: its first byte, or (size_t)-1. */
static size_t operator_start(const mb_ast_target *t)
{
    const char *x = t->goals[0].q.span.text->data;
    size_t b = t->goals[0].q.span.start;
    while (b > t->subject.span.end && x[b - 1] == ' ') b--;
    size_t a = b;
    while (a > t->subject.span.end && x[a - 1] != ' ') a--;
    static const char *const OPS[] = {">=", "<=", ">", "<", "=", "≥", "≤", NULL};
    for (const char *const *o = OPS; *o; o++)
        if (b - a == strlen(*o) && !memcmp(x + a, *o, b - a)) return a;
    return (size_t)-1;
}

void mb_phrase_fix_about(mb_diag *g, const mb_rule *r, const char *phrase)
{
    const mb_ast_target *t = r->ast;
    if (!g || (t->form != MB_FORM_COMPARE && t->form != MB_FORM_YOY) || t->ngoals != 1 || !t->goals[0].q.span.text ||
        !r->ind)
        return;
    char num[32], unit[32];
    if (!printed_tolerance(phrase, num, sizeof num, unit, sizeof unit)) return;
    int in_percent = !strcmp(r->ind->unit.base, "%");
    int rate = t->form == MB_FORM_YOY || in_percent;
    char tol[96];
    if (!strcmp(unit, "个百分点")) {
        /* points of a rate or a share: the absolute ± in % */
        if (!rate) return;
        snprintf(tol, sizeof tol, "± %s%%", num);
    } else if (!strcmp(unit, "%")) {
        /* 5% of 1200家 is relative; 0.5% of a rate in % may be points or relative: no fix */
        if (rate) return;
        snprintf(tol, sizeof tol, "within %s%%", num);
    } else if (!unit[0] && !rate) {
        snprintf(tol, sizeof tol, "± %s", num);
    } else return;
    size_t a = operator_start(t);
    if (a == (size_t)-1) return;
    const mb_aspan q = t->goals[0].q.span;
    char text[256];
    snprintf(text, sizeof text, "about %.*s %s", (int)(q.end - q.start), q.text->data + q.start, tol);
    if (strlen(text) + 1 < sizeof text) mb_diag_fix(g, mb_span_at(q.text, a, q.end), text);
}
