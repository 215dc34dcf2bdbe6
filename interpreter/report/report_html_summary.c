/* report_html_summary.c — the counts a reader looks at first: verdicts per status for binding
 * targets (约束性) first, then expected ones (预期性), then each plan, each category and each
 * responsible unit (a target with two units counts for both). Only statuses that occur get a
 * column, so the tables stay narrow. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map.h"
#include "report_html.h"

typedef struct group {
    const char *name;
    size_t n[MB_ST_COUNT];
    size_t total;
} group;

typedef struct groups {
    group *g;
    size_t n, cap;
    mb_map index;   /* name -> position + 1 */
    int oom;
} groups;

static void add(groups *G, const char *name, const size_t *counts)
{
    if (!name || G->oom) return;
    size_t len = strlen(name);
    uintptr_t at = (uintptr_t)mb_map_get(&G->index, name, len);
    if (!at) {
        if (G->n == G->cap) {
            size_t cap = G->cap ? G->cap * 2 : 16;
            group *g = realloc(G->g, cap * sizeof *g);
            if (!g) { G->oom = 1; return; }
            G->g = g;
            G->cap = cap;
        }
        memset(&G->g[G->n], 0, sizeof *G->g);
        G->g[G->n].name = name;
        if (!mb_map_put(&G->index, name, len, (void *)(uintptr_t)(G->n + 1))) { G->oom = 1; return; }
        at = ++G->n;
    }
    group *g = &G->g[at - 1];
    for (int s = 0; s < MB_ST_COUNT; s++) {
        g->n[s] += counts[s];
        g->total += counts[s];
    }
}

static void table(const mb_html *h, const char *en, const char *zh, const groups *G, const int *shown)
{
    FILE *o = h->o;
    if (!G->n) return;
    fputs("<table class=\"summary\"><caption>", o);
    mb_html_label(h, en, zh);
    fputs("</caption>\n<thead><tr><th scope=\"col\">", o);
    mb_html_label(h, en, zh);
    fputs("</th>", o);
    for (int s = 0; s < MB_ST_COUNT; s++)
        if (shown[s]) {
            fputs("<th scope=\"col\" class=\"n\">", o);
            mb_html_badge(h, (mb_status)s);
            fputs("</th>", o);
        }
    fputs("<th scope=\"col\" class=\"n\">total</th></tr></thead>\n<tbody>\n", o);
    for (size_t i = 0; i < G->n; i++) {
        const group *g = &G->g[i];
        fputs("<tr><th scope=\"row\">", o);
        mb_html_text(o, g->name);
        fputs("</th>", o);
        for (int s = 0; s < MB_ST_COUNT; s++)
            if (shown[s]) fprintf(o, "<td class=\"n\" data-status=\"%s\">%zu</td>", mb_status_name((mb_status)s), g->n[s]);
        fprintf(o, "<td class=\"n\">%zu</td></tr>\n", g->total);
    }
    fputs("</tbody></table>\n", o);
}

static void free_groups(groups *G)
{
    free(G->g);
    mb_map_free(&G->index);
}

/* A missed binding target is the more serious finding: binding, expected, then the rest, in
 * that order whatever order the rules come in; no table when no target states either. */
static void by_binding(const mb_html *h, groups *G)
{
    static const char *const NAME[3] = {"约束性 binding", "预期性 expected", "— not stated"};
    size_t n[3][MB_ST_COUNT] = {{0}};
    int any = 0;
    for (size_t c = 0; c < h->ncols; c++) {
        const mb_rule *r = h->colrule[c];
        int k = r->binding > 0 ? 0 : r->binding < 0 ? 1 : 2;
        any |= k < 2;
        for (int s = 0; s < MB_ST_COUNT; s++) n[k][s] += h->count[c * MB_ST_COUNT + s];
    }
    for (int k = 0; any && k < 3; k++) {
        size_t total = 0;
        for (int s = 0; s < MB_ST_COUNT; s++) total += n[k][s];
        if (total) add(G, NAME[k], n[k]);
    }
}

void mb_html_summary(const mb_html *h)
{
    FILE *o = h->o;
    groups plans = {0}, cats = {0}, owners = {0}, kinds = {0};
    mb_map_init(&plans.index);
    mb_map_init(&cats.index);
    mb_map_init(&owners.index);
    mb_map_init(&kinds.index);
    by_binding(h, &kinds);
    for (size_t c = 0; c < h->ncols; c++) {
        const mb_rule *r = h->colrule[c];
        const size_t *n = &h->count[c * MB_ST_COUNT];
        add(&plans, r->plan ? (r->plan->name ? r->plan->name : r->plan->id) : "—", n);
        add(&cats, r->category ? r->category : "—", n);
        for (size_t k = 0; k < r->nowners; k++) add(&owners, r->owners[k].text, n);
        if (!r->nowners) add(&owners, "—", n);
    }
    int shown[MB_ST_COUNT];
    for (int s = 0; s < MB_ST_COUNT; s++) shown[s] = h->t.by_status[s] > 0;
    fputs("<section id=\"summary\"><h2>", o);
    mb_html_label(h, "Summary", "概况");
    fputs("</h2>\n<p id=\"counts\">", o);
    for (int s = 0; s < MB_ST_COUNT; s++)
        if (shown[s]) {
            mb_html_badge(h, (mb_status)s);
            fprintf(o, " <span class=\"count\" data-status=\"%s\">%zu</span> &nbsp; ", mb_status_name((mb_status)s),
                    h->t.by_status[s]);
        }
    fputs("</p>\n", o);
    if (h->prev) { /* the statuses marked "before" */
        fputs("<p id=\"previous\">", o);
        mb_html_label(h, "Each chart shows beside its status the one of the previous run in the history:",
                      "各图在状态旁注明历史中上次运行的状态:");
        fprintf(o, " #%lld (", h->prev->run);
        mb_html_text(o, h->prev->time ? h->prev->time : "");
        fputs(")</p>\n", o);
    }
    table(h, "Binding or expected", "约束性 / 预期性", &kinds, shown);
    table(h, "Plan", "规划", &plans, shown);
    table(h, "Category", "类别", &cats, shown);
    table(h, "Responsible unit", "责任单位", &owners, shown);
    if (plans.oom || cats.oom || owners.oom || kinds.oom) fputs("<p>(out of memory: some groups are missing)</p>\n", o);
    fputs("</section>\n", o);
    free_groups(&plans);
    free_groups(&cats);
    free_groups(&owners);
    free_groups(&kinds);
}
