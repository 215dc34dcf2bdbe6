/* report_html_page.c — the page around the report: head, styles (screen and print), title,
 * the as-of, the legend of statuses, and the end. */
#include <string.h>

#include "report_html.h"

/* No script may run and nothing may be fetched, whatever the text of a name: the policy
 * says so to the browser, besides every string being escaped. */
static const char HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
    "img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"generator\" content=\"mubiao\">\n";

static const char CSS[] =
    "<style>\n"
    "body{font:14px/1.45 system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;"
    "margin:0 auto;max-width:1200px;padding:0 16px;color:#1b1b1b;background:#fff}\n"
    "h1{font-size:22px;margin:16px 0 4px}h2{font-size:18px;border-bottom:2px solid #ccc;margin-top:28px}"
    "h3{font-size:16px;margin:20px 0 4px}\n"
    "table{border-collapse:collapse;margin:6px 0}th,td{border:1px solid #ccc;padding:2px 6px;text-align:left}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
    ".badge{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px;white-space:nowrap;border:1px solid}\n"
    ".before{font-size:11px;color:#555}\n"
    ".s-met{background:#e3f4e6;color:#11602a;border-color:#11602a}"
    ".s-missed{background:#fbe3e3;color:#9b1111;border-color:#9b1111}"
    ".s-on-track{background:#e3eefb;color:#114b8f;border-color:#114b8f}"
    ".s-needs-acceleration{background:#fff1d6;color:#7a4a00;border-color:#7a4a00}"
    ".s-limited-progress{background:#ffe6cc;color:#8a3b00;border-color:#8a3b00}"
    ".s-regressing{background:#f6d5e3;color:#7d0b3e;border-color:#7d0b3e}"
    ".s-no-data,.s-not-assessable{background:#eee;color:#444;border-color:#777}"
    ".s-error{background:#eadcf7;color:#4b1580;border-color:#4b1580}\n"
    "blockquote{margin:4px 0;padding:2px 10px;border-left:4px solid #bbb;background:#f7f7f7}\n"
    ".meta{color:#555;font-size:13px;margin:2px 0}.meaning{margin:4px 0}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:10px}figure{margin:0;border:1px solid #ddd;padding:6px;width:300px}"
    "figcaption{font-size:13px}svg{display:block}\n"
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}\n"
    ".matrix td{padding:0 3px;text-align:center;font-size:12px}.matrix th{font-size:12px}"
    ".matrix td.name{text-align:left}\n"
    "svg .val{stroke:#1f4e9c;fill:none;stroke-width:1.5}svg .pt{fill:#1f4e9c}svg .ref{fill:#888}"
    "svg .sum{stroke:#6a3d9a;fill:none;stroke-width:1.5;stroke-dasharray:4 2}"
    "svg .path{stroke:#999;fill:none;stroke-dasharray:3 3}svg .tgt{stroke:#b30000;stroke-width:1.5}"
    "svg .band{fill:#b30000;fill-opacity:.12}svg .asof{stroke:#444;stroke-dasharray:2 2}"
    "svg .ax{stroke:#bbb}svg text{font-size:10px;fill:#444}\n"
    "@media print{body{max-width:none;font-size:11px}figure,section.target>header,table{break-inside:avoid}"
    ".badge{border-width:1px}a{color:inherit;text-decoration:none}nav{display:none}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}\n"
    "</style>\n";

void mb_html_label(const mb_html *h, const char *en, const char *zh)
{
    if (h->zh) fprintf(h->o, "%s ", zh);
    fputs(en, h->o);
}

/* The plans reported on, for the title: their names, else their ids. */
static void plans_title(const mb_html *h)
{
    const mb_plan *last = NULL;
    size_t n = 0;
    for (size_t i = 0; i < h->nrules; i++) {
        const mb_plan *p = h->rules[i]->plan;
        if (!p || p == last) continue;
        last = p;
        if (n++ == 3) { fputs(" …", h->o); break; }
        if (n > 1) fputs(" · ", h->o);
        mb_html_text(h->o, p->name ? p->name : p->id);
    }
    if (!n) fputs("mubiao", h->o);
}

static void legend(const mb_html *h)
{
    fputs("<p class=\"legend\">", h->o);
    mb_html_label(h, "Statuses", "状态");
    fputs(": ", h->o);
    /* a database's two statuses only where its verdicts are shown */
    for (int s = 0; s < (h->e->given ? MB_ST_COUNT : MB_ST_EVAL_COUNT); s++) {
        mb_html_badge(h, (mb_status)s);
        fputc(' ', h->o);
    }
    fputs("</p>\n", h->o);
}

void mb_html_page_start(const mb_html *h)
{
    FILE *o = h->o;
    fprintf(o, HEAD, h->zh ? "zh-CN" : "en");
    fputs("<title>", o);
    plans_title(h);
    fputs("</title>\n", o);
    fputs(CSS, o);
    fputs("</head>\n<body>\n<header><h1>", o);
    plans_title(h);
    fputs("</h1>\n<p class=\"meta\">", o);
    mb_html_label(h, "Data taken into account up to", "数据截至");
    fputs(" ", o);
    const mb_asof *a = h->f->as_of;
    if (a && a->key) {
        fputs("<strong id=\"as-of\">", o);
        mb_html_text(o, a->period);
        fputs("</strong> (", o);
        mb_html_text(o, a->why);
        fputs(")", o);
    } else if (h->e->as_of) fprintf(o, "<strong id=\"as-of\">%d</strong>", h->e->as_of);
    else fputs("<strong id=\"as-of\">—</strong>", o);
    fprintf(o, " · <span id=\"verdict-count\">%zu</span> verdicts · <span id=\"target-count\">%zu</span> targets · "
               "<span id=\"region-count\">%zu</span> regions</p>\n", h->t.verdicts, h->nrules, h->nrows);
    legend(h);
    fputs("<nav><a href=\"#summary\">Summary</a> · <a href=\"#targets\">Targets</a> · <a href=\"#matrix\">Matrix</a>"
          " · <a href=\"#errors\">Submission errors</a></nav>\n</header>\n", o);
}

void mb_html_page_end(const mb_html *h)
{
    fputs("<footer><p class=\"meta\">mubiao</p></footer>\n</body>\n</html>\n", h->o);
}
