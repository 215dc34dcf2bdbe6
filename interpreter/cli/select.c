/* select.c — a selection that selects nothing is an error, not an empty report that passes:
 * every --plan, --region, --rule, --category and --owner value must name something, and the
 * filters together must leave at least one target for one region. The message names the
 * filter and the closest values there are. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "report.h"
#include "text.h"

enum { SHOW = 3, MAX_SCAN = 100000 };

/* Code points of s (at most cap), for the edit distance. */
static size_t cps(const char *s, int32_t *out, size_t cap)
{
    size_t n = strlen(s), k = 0;
    for (size_t i = 0; i < n && k < cap;) {
        int32_t cp;
        size_t l = mb_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        out[k++] = l ? cp : (unsigned char)s[i];
        i += l ? l : 1;
    }
    return k;
}

/* How far `have` is from `want`: 0 when one contains the other ("市科技" in "市科技局"), else
 * 1 + the edit distance in characters. */
static size_t distance(const char *want, const char *have)
{
    if (strstr(have, want) || strstr(want, have)) return 0;
    int32_t a[64], b[64];
    size_t na = cps(want, a, 64), nb = cps(have, b, 64), row[65];
    for (size_t j = 0; j <= nb; j++) row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return 1 + row[nb];
}

typedef struct near {
    const char *name[SHOW];
    size_t d[SHOW], n;
} near;

static void consider(near *c, const char *want, const char *have)
{
    if (!have) return;
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->name[i], have)) return;
    size_t d = distance(want, have), i;
    if (c->n < SHOW) i = c->n++;
    else if (d < c->d[SHOW - 1]) i = SHOW - 1;
    else return;
    for (; i > 0 && c->d[i - 1] > d; i--) { c->name[i] = c->name[i - 1]; c->d[i] = c->d[i - 1]; }
    c->name[i] = have;
    c->d[i] = d;
}

static void say(const char *cmd, const char *opt, const char *want, const char *what, const near *c)
{
    char list[1024] = "";
    for (size_t i = 0; i < c->n; i++) {
        if (strlen(list) + strlen(c->name[i]) + 8 >= sizeof list) break;
        if (i) strcat(list, ", ");
        strcat(list, c->name[i]);
    }
    if (c->n) mb_cli_error(cmd, "%s '%s' matches no %s; closest: %s", opt, want, what, list);
    else mb_cli_error(cmd, "%s '%s' matches no %s: there is none", opt, want, what);
}

static int match(const char *want, const char *have)
{
    return have && mb_name_eq(want, strlen(want), have, strlen(have));
}

/* Each kind of name: does `want` match one, and which are closest. */
static int one_value(const char *cmd, const mb_eval *e, const char *opt, const char *want)
{
    const mb_model *m = e->m;
    near c;
    memset(&c, 0, sizeof c);
    const char *what = "";
    if (!strcmp(opt, "--plan")) {
        what = "plan";
        for (size_t i = 0; i < m->nplans; i++) {
            if (match(want, m->plans[i]->id)) return 0;
            consider(&c, want, m->plans[i]->id);
        }
    } else if (!strcmp(opt, "--region")) {
        what = "region in the data or the plans";
        if (mb_data_region(e->D, want) >= 0) return 0;
        for (size_t i = 0; i < e->D->nregions && i < MAX_SCAN; i++) consider(&c, want, e->D->region_names[i]);
    } else {
        what = !strcmp(opt, "--rule") ? "rule" : !strcmp(opt, "--category") ? "target's category" : "target's owner";
        for (size_t i = 0; i < m->nrules; i++) {
            const mb_rule *r = m->rules[i];
            if (!strcmp(opt, "--rule")) {
                if (match(want, r->id)) return 0;
                consider(&c, want, r->id);
            } else if (!strcmp(opt, "--category")) {
                if (match(want, r->category)) return 0;
                consider(&c, want, r->category);
            } else {
                for (size_t k = 0; k < r->nowners; k++) {
                    if (match(want, r->owners[k].text)) return 0;
                    consider(&c, want, r->owners[k].text);
                }
            }
        }
    }
    say(cmd, opt, want, what, &c);
    return MB_EXIT_USAGE;
}

int mb_cli_name_known(const char *cmd, const mb_eval *e, const char *opt, const char *want)
{
    return one_value(cmd, e, opt, want);
}

/* The attributes asked for, as given: "binding or aspiration". */
static void attrs_words(unsigned attrs, char *buf)
{
    static const char *const WORDS[] = {"binding", "expected", "aspiration", "none"};
    *buf = 0;
    for (unsigned k = 0; k < 4; k++) {
        if (!(attrs & 1u << k)) continue;
        if (*buf) strcat(buf, " or ");
        strcat(buf, WORDS[k]);
    }
}

/* --where: some target has one of the attributes asked for. */
static int attrs_known(const char *cmd, const mb_eval *e, unsigned attrs)
{
    for (size_t i = 0; i < e->m->nrules; i++)
        if (mb_attr_mask(e->m->rules[i]->binding, e->m->rules[i]->aspiration) & attrs) return 0;
    char asked[128];
    attrs_words(attrs, asked);
    mb_cli_error(cmd, "--where %s matches no target: no target of the rules states it", asked);
    return MB_EXIT_USAGE;
}

int mb_cli_check_selection(const char *cmd, const mb_eval *e, const mb_filter *f)
{
    if (f->attrs && attrs_known(cmd, e, f->attrs)) return MB_EXIT_USAGE;
    struct { const char *opt; const char *const *v; size_t n; } lists[] = {
        {"--plan", f->plans, f->nplans},          {"--region", f->regions, f->nregions},
        {"--rule", f->rules, f->nrules},          {"--category", f->categories, f->ncategories},
        {"--owner", f->owners, f->nowners},
    };
    int rc = 0, any = 0;
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
        for (size_t i = 0; i < lists[l].n; i++) {
            any = 1;
            if (one_value(cmd, e, lists[l].opt, lists[l].v[i])) rc = MB_EXIT_USAGE;
        }
    if (rc || (!any && !f->attrs) || mb_report_units(e, f)) return rc;
    /* each name exists, but not together: say which filters were combined */
    char buf[1024] = "";
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
        for (size_t i = 0; i < lists[l].n; i++) {
            if (strlen(buf) + strlen(lists[l].opt) + strlen(lists[l].v[i]) + 8 >= sizeof buf) continue;
            if (*buf) strcat(buf, " ");
            strcat(buf, lists[l].opt);
            strcat(buf, " ");
            strcat(buf, lists[l].v[i]);
        }
    if (f->attrs) {
        char asked[128];
        attrs_words(f->attrs, asked);
        if (*buf) strcat(buf, " ");
        strcat(buf, "--where ");
        strcat(buf, asked);
    }
    mb_cli_error(cmd, "no target for any region matches %s together", buf);
    return MB_EXIT_USAGE;
}
