/* ci_sarif.c — diagnostics as a SARIF 2.1.0 log (ci_out.h). The rules are the diagnostic
 * codes of base/diag_codes.h, so a finding keeps its rule id across releases; a log lists
 * the rules its results use. */
#define _GNU_SOURCE
#include "ci_out.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"

#ifndef MB_VERSION
#define MB_VERSION "0"
#endif
#ifndef MB_DOCS_URL
#define MB_DOCS_URL "/usr/share/doc/mubiao"
#endif

static const char *level(mb_severity s)
{
    return s == MB_SEV_ERROR ? "error" : s == MB_SEV_WARNING ? "warning" : "note";
}

void mb_ci_uri(FILE *out, const char *path)
{
    if (path[0] == '/') fputs("file://", out);
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (isalnum(*p) || strchr("-._~/", *p)) fputc(*p, out);
        else fprintf(out, "%%%02X", *p);
    }
}

/* "MB_D_UNIT_MISMATCH" → "UnitMismatch" */
static void rule_name(FILE *out, const char *id)
{
    const char *p = strncmp(id, "MB_D_", 5) ? id : id + 5;
    int up = 1;
    fputc('"', out);
    for (; *p; p++) {
        if (*p == '_') { up = 1; continue; }
        fputc(up ? toupper((unsigned char)*p) : tolower((unsigned char)*p), out);
        up = 0;
    }
    fputc('"', out);
}

/* "<docs>/page[#anchor]": a path (the default, docs/ of the source tree) becomes a file:
 * URI; a URL is written as given, without a trailing '/'. */
static void docs_uri(FILE *out, const mb_ci_run *run, const char *page, const char *anchor)
{
    const char *base = run->docs_url ? run->docs_url : MB_DOCS_URL;
    size_t n = strlen(base);
    while (n > 1 && base[n - 1] == '/') n--;
    fputs("\"", out);
    if (base[0] == '/') {
        char *copy = strndup(base, n);
        mb_ci_uri(out, copy ? copy : base);
        free(copy);
    } else {
        for (size_t k = 0; k < n; k++)
            if (base[k] == '"' || base[k] == '\\' || (unsigned char)base[k] <= 0x20) fprintf(out, "%%%02X", (unsigned char)base[k]);
            else fputc(base[k], out);
    }
    fprintf(out, "/%s", page);
    if (anchor) {
        fputc('#', out);
        for (; *anchor; anchor++) fputc(tolower((unsigned char)*anchor), out);
    }
    fputs("\"", out);
}

/* The rules written are the codes the results use (in table order), so a log names only
 * what it reports and stays the same when codes are added. */
static int used(const mb_diags *d, mb_code c)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i].code == c) return 1;
    return 0;
}

/* Index of a code among the rules written. */
static long rule_index(const mb_diags *d, mb_code c)
{
    size_t n;
    const mb_code_info *t = mb_code_table(&n);
    long k = 0;
    for (size_t i = 0; i < n; i++) {
        if (!used(d, t[i].code)) continue;
        if (t[i].code == c) return k;
        k++;
    }
    return -1;
}

static void rules(FILE *out, const mb_diags *d, const mb_ci_run *run)
{
    size_t n;
    const mb_code_info *t = mb_code_table(&n);
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (!used(d, t[i].code)) continue;
        char code[16];
        mb_code_str(t[i].code, code);
        fprintf(out, "%s{\"id\":\"%s\",\"name\":", first ? "" : ",", code);
        rule_name(out, t[i].id);
        fputs(",\"shortDescription\":{\"text\":", out);
        mb_json_cstr(out, t[i].summary);
        fputs("},\"fullDescription\":{\"text\":", out);
        mb_json_cstr(out, t[i].summary);
        fputs("},\"helpUri\":", out);
        docs_uri(out, run, "diagnostics.md", code);
        fprintf(out, ",\"help\":{\"text\":");
        char help[512];
        snprintf(help, sizeof help, "%s. What it means, with an example: docs/diagnostics.md, section %s.",
                 t[i].summary, code);
        mb_json_cstr(out, help);
        fprintf(out, "},\"defaultConfiguration\":{\"level\":\"%s\"}}", level(t[i].sev));
        first = 0;
    }
}

/* Line and column after the bytes of s from start to end, counted from (line, col). */
static mb_pos advance(const mb_span *s, mb_pos p)
{
    const char *d = s->text->data;
    size_t end = s->end > s->text->len ? s->text->len : s->end;
    for (size_t i = s->start; i < end; i++) {
        if (d[i] == '\n') { p.line++; p.col = 1; }
        else if (((unsigned char)d[i] & 0xC0) != 0x80) p.col++;
    }
    return p;
}

/* "region":{...} of a span; `name` NULL: the object alone. */
static void region_as(FILE *out, const mb_span *s, const char *name)
{
    mb_pos a = mb_span_pos(s);
    mb_pos b = s->end > s->start ? advance(s, a) : a;
    /* an end at the start of a line is the end of the line before: keep the region on the
     * lines it covers (a caret past a newline would name a line with nothing of it) */
    if (name) fprintf(out, "\"%s\":", name);
    fprintf(out, "{\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,\"endColumn\":%u}", a.line, a.col, b.line, b.col);
}

static void region(FILE *out, const mb_span *s) { region_as(out, s, "region"); }

/* "artifactLocation":{...} of a span's file (a member). */
static void artifact(FILE *out, const mb_span *s)
{
    fputs("\"artifactLocation\":{\"uri\":\"", out);
    mb_ci_uri(out, s->text->name);
    fputs("\"", out);
    if (s->text->name[0] != '/') fputs(",\"uriBaseId\":\"%SRCROOT%\"", out);
    fputs("}", out);
}

/* "physicalLocation":{...} of a span (a member, without braces around it). */
static void physical(FILE *out, const mb_span *s)
{
    fputs("\"physicalLocation\":{", out);
    artifact(out, s);
    fputc(',', out);
    region(out, s);
    fputs("}", out);
}

/* The fix the diagnostic carries (mb_diag.fix, recorded where the problem was found) as a
 * SARIF fix: one replacement of its region (empty: an insertion) by the fix's text. */
static void fixes(FILE *out, const mb_diag *g)
{
    if (!g->fix || !g->fix_span.text || !g->fix_span.text->name) return;
    size_t len = g->fix_span.end - g->fix_span.start;
    char *title = NULL;
    int n = len ? asprintf(&title, "Replace '%.*s' with '%s'", (int)(len > 120 ? 120 : len),
                           g->fix_span.text->data + g->fix_span.start, g->fix)
                : asprintf(&title, "Insert '%s'", g->fix);
    if (n < 0) return;
    fputs(",\"fixes\":[{\"description\":{\"text\":", out);
    mb_json_cstr(out, title);
    fputs("},\"artifactChanges\":[{", out);
    artifact(out, &g->fix_span);
    fputs(",\"replacements\":[{", out);
    region_as(out, &g->fix_span, "deletedRegion");
    fputs(",\"insertedContent\":{\"text\":", out);
    mb_json_cstr(out, g->fix);
    fputs("}}]}]}]", out);
    free(title);
}

/* FNV-1a, 64 bits. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    return h;
}

/* A fingerprint that survives the finding's line moving: the code, the file, the text of
 * its line without white space, and which occurrence of that it is. */
static uint64_t line_hash(const mb_diag *g)
{
    char code[16];
    uint64_t h = fnv(14695981039346656037ULL, mb_code_str(g->code, code), 6);
    if (!g->span.text) return fnv(h, g->msg, strlen(g->msg));
    h = fnv(h, g->span.text->name, strlen(g->span.text->name) + 1);
    const char *d = g->span.text->data;
    size_t a = g->span.start > g->span.text->len ? g->span.text->len : g->span.start, b = a;
    while (a > 0 && d[a - 1] != '\n') a--;
    while (b < g->span.text->len && d[b] != '\n') b++;
    for (size_t i = a; i < b; i++)
        if (!isspace((unsigned char)d[i])) h = fnv(h, d + i, 1);
    return h;
}

static void result(FILE *out, const mb_diag *g, const mb_diags *d, size_t i)
{
    char code[16];
    mb_code_str(g->code, code);
    fprintf(out, "{\"ruleId\":\"%s\"", code);
    long k = rule_index(d, g->code);
    if (k >= 0) fprintf(out, ",\"ruleIndex\":%ld", k);
    fprintf(out, ",\"level\":\"%s\",\"message\":{\"text\":", level(g->sev));
    /* a note without a place of its own is part of the message */
    char *joined = NULL;
    if (g->note && !g->note_span.text && asprintf(&joined, "%s (%s)", g->msg, g->note) < 0) joined = NULL;
    mb_json_cstr(out, joined ? joined : g->msg);
    free(joined);
    fputs("}", out);
    if (g->span.text) {
        fputs(",\"locations\":[{", out);
        physical(out, &g->span);
        fputs("}]", out);
    }
    if (g->note && g->note_span.text) {
        fputs(",\"relatedLocations\":[{\"id\":1,", out);
        physical(out, &g->note_span);
        fputs(",\"message\":{\"text\":", out);
        mb_json_cstr(out, g->note);
        fputs("}}]", out);
    }
    fixes(out, g);
    uint64_t h = line_hash(g);
    unsigned nth = 1;
    for (size_t j = 0; j < i; j++) nth += line_hash(&d->v[j]) == h;
    fprintf(out, ",\"partialFingerprints\":{\"mubiaoLineHash/v1\":\"%016llx:%u\"}}",
            (unsigned long long)h, nth);
}

void mb_ci_print_sarif(FILE *out, const mb_diags *d, const mb_ci_run *run)
{
    fputs("{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
          "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"mubiao\",\"version\":\"" MB_VERSION
          "\",\"semanticVersion\":\"" MB_VERSION "\",\"informationUri\":", out);
    docs_uri(out, run, "ci.md", NULL);
    fputs(",\"rules\":[", out);
    rules(out, d, run);
    fprintf(out, "]}},\"invocations\":[{\"executionSuccessful\":%s,\"exitCode\":%d}],"
            "\"columnKind\":\"unicodeCodePoints\",\"results\":[", run->ok ? "true" : "false", run->exit_code);
    for (size_t i = 0; i < d->n; i++) {
        if (i) fputc(',', out);
        result(out, &d->v[i], d, i);
    }
    fputs("]}]}\n", out);
}
