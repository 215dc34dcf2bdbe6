/* draft_emit.c — the findings as rule text: a header comment with the counts, the import of
 * the catalogue, the plan, the proposed indicators, the targets (each with its phrase, a
 * comment naming its source line and `note "draft: …"` where it needs review) and the
 * unplaced numbers as comments. The text is then parsed and written back by the canonical
 * printer (lang/print.c), so the drafted file is in the project's one layout and is known to
 * parse. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draft_int.h"
#include "parse.h"
#include "print.h"

/* A string literal: quotes and backslashes escaped (control characters never get here). */
static void str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', f);
        if (*s == '\n' || *s == '\r') { fputc(' ', f); continue; }
        fputc(*s, f);
    }
    fputc('"', f);
}

/* owner "a", "b": the owners are kept joined by U+001F (control characters never come
 * from the text, see draft_input.c). */
static void owners(FILE *f, const char *s)
{
    fputs(" owner ", f);
    for (int first = 1; s; first = 0) {
        const char *sep = strchr(s, '\x1f');
        size_t n = sep ? (size_t)(sep - s) : strlen(s);
        char buf[512];
        if (n >= sizeof buf) n = sizeof buf - 1;
        memcpy(buf, s, n);
        buf[n] = 0;
        if (!first) fputs(", ", f);
        str(f, buf);
        s = sep ? sep + 1 : NULL;
    }
}

/* A comment: one line. */
static void comment_text(FILE *f, const char *s)
{
    for (; *s; s++) fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
}

/* An identifier from the region and year: letters, digits, _ and non-ASCII kept. */
static char *plan_id(md_doc *d)
{
    char buf[160];
    size_t k = 0;
    const char *r = d->region ? d->region : "";
    for (; *r && k < 100; r++) {
        unsigned char c = (unsigned char)*r;
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')
            buf[k++] = (char)c;
    }
    while (k && ((unsigned char)buf[k - 1] & 0xC0) == 0x80) {
        /* never cut a character in half */
        size_t st = k - 1;
        while (st && ((unsigned char)buf[st] & 0xC0) == 0x80) st--;
        if (st + md_char_len(buf + st) == k) break;
        k = st;
    }
    if (!k || (buf[0] >= '0' && buf[0] <= '9')) { memcpy(buf, "plan", 4); k = 4; }
    snprintf(buf + k, sizeof buf - k, "%d", d->ndeadlines ? d->deadlines[d->ndeadlines - 1] : 0);
    return md_dup(d, buf, strlen(buf));
}

static void plan(FILE *f, md_doc *d, const char *id)
{
    fprintf(f, "plan %s {\n  name ", id);
    str(f, d->title ? d->title : "(title not found)");
    fputc('\n', f);
    if (d->number) { fputs("  number ", f); str(f, d->number); fputc('\n', f); }
    if (d->issuer) { fputs("  issuer ", f); str(f, d->issuer); fputc('\n', f); }
    if (d->date) fprintf(f, "  date %s\n", d->date);
    if (d->region) { fputs("  region ", f); str(f, d->region); fputc('\n', f); }
    if (d->ndeadlines) {
        fprintf(f, "  base %d\n  deadline ", d->base);
        for (int i = 0; i < d->ndeadlines; i++) fprintf(f, "%s%d", i ? ", " : "", d->deadlines[i]);
        fputc('\n', f);
    }
    fputs("}\n\n", f);
}

static void indicator(FILE *f, const md_ind *x, const char *pid)
{
    if (x->reused) return;
    fprintf(f, "indicator %s_%s ", pid, x->id);
    str(f, x->name);
    fprintf(f, " unit ");
    if (!x->unit[0]) fputs("1", f);
    else if (!strcmp(x->unit, "%")) fputs("%", f);
    else fputs(x->unit, f);
    fputs(x->lower ? " lower" : " higher", f);
    if (x->category) { fputs(" category ", f); str(f, x->category); }
    if (x->owner) owners(f, x->owner);
    if (x->source) { fputs(" source ", f); str(f, x->source); }
    fputs(";\n", f);
}

static void body(FILE *f, const md_target *t, const md_ind *x, const char *pid)
{
    if (x->reused) fputs(x->id, f);
    else fprintf(f, "%s_%s", pid, x->id);
    int y = t->years[t->nyears - 1];
    switch (t->form) {
    case MD_F_CMP: fprintf(f, " %s %s by %d", t->cmp, t->value, y); break;
    case MD_F_RATE: fprintf(f, " growth rate %s %s by %d", t->cmp, t->value, y); break;
    case MD_F_ABOUT:
        if (!strcmp(t->value2, "1%")) fprintf(f, " about %s ± 1%% by %d", t->value, y);
        else fprintf(f, " about %s within %s by %d", t->value, t->value2, y);
        break;
    case MD_F_RANGE: fprintf(f, " >= %s stretch %s by %d", t->value, t->value2, y); break;
    case MD_F_EACH: fprintf(f, " %s %s each year %d..%d", t->cmp, t->value, t->from, y); break;
    case MD_F_TOTAL: fprintf(f, " %s %s total %d..%d", t->cmp, t->value, t->from, y); break;
    case MD_F_CUT: fprintf(f, " cut %s from %d by %d", t->value, t->from, y); break;
    case MD_F_GROW: fprintf(f, " grow %s from %d by %d", t->value, t->from, y); break;
    case MD_F_YOY: fprintf(f, " growth %s %s by %d", t->cmp, t->value, y); break;
    case MD_F_YOY_ABOUT: fprintf(f, " growth about %s ± %s by %d", t->value, t->value2, y); break;
    case MD_F_CUT_POINTS: fprintf(f, " cut %s个百分点 from %d by %d", t->value, t->from, y); break;
    case MD_F_GROW_POINTS: fprintf(f, " grow %s个百分点 from %d by %d", t->value, t->from, y); break;
    case MD_F_AGROWTH: fprintf(f, " annual growth >= %s from %d by %d", t->value, t->from, y); break;
    case MD_F_RELATIVE: fprintf(f, " >= %s × base %d by %d", t->value, t->from, y); break;
    case MD_F_RISES: fprintf(f, " rises every year %d..%d", t->from, y); break;
    case MD_F_FALLS: fprintf(f, " falls every year %d..%d", t->from, y); break;
    case MD_F_MILESTONES:
        fprintf(f, " %s ", t->cmp);
        for (int i = 0; i < t->nyears; i++) fprintf(f, "%s%s by %d", i ? ", " : "", t->mvalues[i], t->years[i]);
        break;
    }
}

/* The plan's own words for a target's standing are attributes of the language, so the draft
 * states them as such (a reviewer checks them like any clause) rather than in a note. */
static void attributes(FILE *f, const md_target *t)
{
    if (t->binding == 1) fputs(" binding", f);
    else if (t->binding == 2) fputs(" expected", f);
    if (t->aspiration) fputs(" aspiration", f);
}

/* A target's phrase and its restatements, in the order the plan prints them. */
typedef struct phrase_list {
    const char *text[MD_MAX_ALSO + 1];
    int src[MD_MAX_ALSO + 1];
    int n;
} phrase_list;

static void phrases_by_line(const md_target *t, phrase_list *p)
{
    p->n = 0;
    p->text[p->n] = t->phrase, p->src[p->n++] = t->src;
    for (int i = 0; i < t->nalso; i++) p->text[p->n] = t->also[i], p->src[p->n++] = t->also_src[i];
    for (int i = 1; i < p->n; i++) /* insertion sort: at most five */
        for (int j = i; j > 0 && p->src[j] < p->src[j - 1]; j--) {
            const char *tt = p->text[j];
            int ts = p->src[j];
            p->text[j] = p->text[j - 1], p->src[j] = p->src[j - 1];
            p->text[j - 1] = tt, p->src[j - 1] = ts;
        }
}

/* A printed base value (基期值) becomes a clause when the rule can carry it: the target reads
 * a value of that year (the base of a cut or growth, or the year progress is measured from)
 * and is for the plan's one region (a printed value is one region's). Otherwise it is noted. */
static int base_clause(const md_doc *d, const md_target *t)
{
    if (!t->pbase_year || !d->region) return 0;
    switch (t->form) {
    case MD_F_CUT: case MD_F_GROW: case MD_F_AGROWTH: case MD_F_RELATIVE: case MD_F_CUT_POINTS: case MD_F_GROW_POINTS:
        return t->from == t->pbase_year;
    case MD_F_CMP: case MD_F_MILESTONES: case MD_F_ABOUT: case MD_F_RANGE:
        return t->pbase_year < t->years[0];
    default:
        return 0;
    }
}

static void printed_base(FILE *f, const md_doc *d, const md_target *t)
{
    if (!base_clause(d, t)) return;
    /* a value at a deadline measures progress from the plan's base: from the printed year
     * when the plan's is another */
    int value_form = t->form == MD_F_CMP || t->form == MD_F_MILESTONES || t->form == MD_F_ABOUT || t->form == MD_F_RANGE;
    if (value_form && t->pbase_year != d->base) fprintf(f, " from %d", t->pbase_year);
    fprintf(f, " base %d = %s", t->pbase_year, t->pbase);
}

static size_t target(FILE *f, md_doc *d, const md_target *t, size_t k, const char *pid)
{
    const md_ind *x = &d->inds[t->ind];
    phrase_list ph;
    phrases_by_line(t, &ph);
    fputs("# line", f);
    for (int i = 0; i < ph.n; i++) fprintf(f, "%s %d", i ? "," : "", ph.src[i]);
    fprintf(f, "\ntarget %s_%03zu: ", pid, k);
    body(f, t, x, pid);
    printed_base(f, d, t);
    attributes(f, t);
    fputs("\n  phrase ", f);
    for (int i = 0; i < ph.n; i++) {
        int seen = 0; /* the same words restated: one phrase, every line in the comment above */
        for (int j = 0; j < i && !seen; j++) seen = !strcmp(ph.text[j], ph.text[i]);
        if (seen) continue;
        if (i) fputs(", ", f);
        str(f, ph.text[i]);
    }
    if (t->region) { fputs(" region ", f); str(f, t->region); }
    if (x->reused && t->category) { fputs(" category ", f); str(f, t->category); }
    if (x->reused && t->owner) owners(f, t->owner);
    if (x->reused && t->source) { fputs(" source ", f); str(f, t->source); }
    int base_noted = t->pbase_year && !base_clause(d, t);
    if (t->nnotes > 0 || base_noted) {
        char buf[2048];
        size_t n = (size_t)snprintf(buf, sizeof buf, "draft:");
        for (int i = 0; i < t->nnotes && n < sizeof buf; i++)
            n += (size_t)snprintf(buf + n, sizeof buf - n, " %s;", t->notes[i]);
        if (base_noted && n < sizeof buf)
            n += (size_t)snprintf(buf + n, sizeof buf - n, " the plan prints a base-year value (%d: %s);", t->pbase_year, t->pbase);
        if (n >= sizeof buf) n = sizeof buf - 1;
        if (n && buf[n - 1] == ';') buf[n - 1] = 0;
        fputs("\n  note ", f);
        str(f, buf);
    }
    fputs(";\n\n", f);
    return t->nnotes > 0;
}

/* Is indicator i the indicator of a target that is written? */
static int used(const md_doc *d, size_t i)
{
    for (size_t k = 0; k < d->nts; k++)
        if (!d->ts[k].merged && d->ts[k].ind == i) return 1;
    return 0;
}

static void write_all(FILE *f, md_doc *d, mb_draft_result *r)
{
    const char *pid = plan_id(d);
    fprintf(f, "# Drafted by `mubiao draft` from %s.\n", d->o->source_name ? d->o->source_name : "a plan");
    fputs("# Review every target against its phrase; notes starting \"draft:\" need a decision.\n", f);
    if (d->controls) fprintf(f, "# %zu control characters in the input were read as spaces.\n", d->controls);
    fputc('\n', f);
    if (d->o->catalogue_import) { fputs("import ", f); str(f, d->o->catalogue_import); fputs(";\n\n", f); }
    plan(f, d, pid);
    for (size_t i = 0; i < d->ninds; i++) {
        if (!used(d, i)) continue; /* named only by a restatement, merged into another's goal */
        indicator(f, &d->inds[i], pid);
        r->indicators_new += !d->inds[i].reused;
        r->indicators_reused += d->inds[i].reused;
    }
    if (r->indicators_new) fputc('\n', f);
    for (size_t i = 0; i < d->nts; i++) {
        if (d->ts[i].merged) { r->restated++; continue; }
        r->targets++;
        r->review += target(f, d, &d->ts[i], r->targets, pid);
    }
    if (d->nun) fputs("# Numbers not placed in a target:\n", f);
    for (size_t i = 0; i < d->nun; i++) {
        fprintf(f, "# line %d: ", d->un[i].src);
        comment_text(f, d->un[i].what);
        fputs(" — ", f);
        comment_text(f, d->un[i].why);
        fputc('\n', f);
    }
    r->unplaced = d->nun;
    r->tables = d->tables;
}

int md_emit(md_doc *d, mb_draft_result *r)
{
    char *raw = NULL;
    size_t rawlen = 0;
    FILE *f = open_memstream(&raw, &rawlen);
    if (!f) { r->err = MB_DRAFT_NO_MEMORY; return -1; }
    write_all(f, d, r);
    if (fclose(f) != 0 || !raw) { free(raw); r->err = MB_DRAFT_NO_MEMORY; return -1; }
    mb_text t = {"<draft>", raw, rawlen};
    mb_arena A;
    mb_arena_init(&A);
    mb_diags dg;
    mb_diags_init(&dg, 50);
    mb_ast_file af;
    int rc = mb_parse_text(&t, &A, &af, &dg);
    if (rc == 0) {
        r->text = mb_print_file(&af, &r->len);
        if (!r->text) r->err = MB_DRAFT_NO_MEMORY;
    } else {
        r->err = rc == -2 ? MB_DRAFT_NO_MEMORY : MB_DRAFT_INTERNAL;
        if (dg.n) {
            mb_pos p = mb_span_pos(&dg.v[0].span);
            snprintf(r->message, sizeof r->message, "drafted text line %u: %s", (unsigned)p.line, dg.v[0].msg);
        }
        if (getenv("MB_DRAFT_DEBUG")) fwrite(raw, 1, rawlen, stderr);
    }
    mb_diags_free(&dg);
    mb_arena_free(&A);
    free(raw);
    return r->text ? 0 : -1;
}
