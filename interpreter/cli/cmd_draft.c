/* cmd_draft.c — mubiao draft: a plan's text (or saved HTML page) to a draft rule file. */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "draft.h"

static const char USAGE[] =
    "usage: mubiao draft PLAN.txt|PLAN.html [--catalogue FILE.mb] [--output FILE.mb]\n"
    "\n"
    "Draft a rule file from a policy plan: its header (title, document number, issuer,\n"
    "date, region, base year, deadlines) and every quantitative target found in its\n"
    "sentences and indicator tables, each with the plan's own words as its phrase and a\n"
    "comment naming its source line. What needs a decision carries note \"draft: ...\";\n"
    "numbers that could not be placed are listed as comments at the end. The file is\n"
    "meant to be reviewed, then checked with 'mubiao check'.\n"
    "\n"
    "Options:\n"
    "  --catalogue FILE  reuse this file's indicators when the plan prints their names\n"
    "                    (the draft imports it)\n"
    "  --output FILE     write the draft there (replaced atomically; never an input);\n"
    "                    default: standard output\n"
    "  --html            read the plan as HTML (the default for .html and .htm files)\n"
    "  -h, --help        show this help\n"
    "\n"
    "The plan must be UTF-8 text or HTML, at most 16 MiB.\n"
    "\n"
    "Exit status: 0 drafted, 2 usage, an unreadable or unusable plan or catalogue, or\n"
    "output that could not be written whole.\n";

enum { O_CATALOGUE, O_OUTPUT, O_HTML };
static const mb_opt OPTS[] = {{"catalogue", 1, NULL}, {"output", 1, NULL}, {"html", 0, NULL}, {NULL, 0, NULL}};

static char *read_plan(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) { mb_cli_error("draft", "%s: %s", path, strerror(errno)); return NULL; }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > MB_DRAFT_MAX_INPUT) {
        mb_cli_error("draft", "%s: file too large (%lld bytes; at most %d)", path, (long long)st.st_size,
                     MB_DRAFT_MAX_INPUT);
        fclose(f);
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (len == cap) {
            if (cap > MB_DRAFT_MAX_INPUT) break;
            char *nb = realloc(buf, cap * 2);
            if (!nb) { free(buf); buf = NULL; break; }
            buf = nb, cap *= 2;
        }
        size_t k = fread(buf + len, 1, cap - len, f);
        len += k;
        if (k == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf) { mb_cli_error("draft", "%s: out of memory", path); return NULL; }
    if (bad) { free(buf); mb_cli_error("draft", "%s: read error", path); return NULL; }
    if (len > MB_DRAFT_MAX_INPUT) {
        free(buf);
        mb_cli_error("draft", "%s: file too large (more than %d bytes)", path, MB_DRAFT_MAX_INPUT);
        return NULL;
    }
    *n = len;
    return buf;
}

static int looks_html(const char *path, const char *data, size_t n)
{
    const char *dot = strrchr(path, '.');
    if (dot && (!strcmp(dot, ".html") || !strcmp(dot, ".htm") || !strcmp(dot, ".xhtml"))) return 1;
    size_t i = 0;
    while (i < n && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
    return n - i >= 5 && (!strncasecmp(data + i, "<!doc", 5) || !strncasecmp(data + i, "<html", 5));
}

/* The catalogue's path as the draft must import it: relative to the draft's folder. */
static char *import_path(const char *catalogue, const char *output)
{
    char cat[PATH_MAX], dir[PATH_MAX];
    if (!realpath(catalogue, cat)) return strdup(catalogue);
    char *o = strdup(output && strcmp(output, "-") ? output : "./-");
    if (!o) return NULL;
    char *od = dirname(o);
    if (!realpath(od, dir)) { free(o); return strdup(cat); }
    free(o);
    size_t common = 0, i = 0;
    for (; cat[i] && dir[i] && cat[i] == dir[i]; i++)
        if (cat[i] == '/') common = i;
    if (!dir[i] && cat[i] == '/') common = i;
    size_t ups = 0;
    for (const char *p = dir + common; *p; p++) ups += *p == '/';
    if (!dir[common]) ups = 0;
    size_t len = ups * 3 + strlen(cat + common) + 1;
    char *r = malloc(len);
    if (!r) return NULL;
    r[0] = 0;
    for (size_t k = 0; k < ups; k++) strcat(r, "../");
    strcat(r, cat + common + 1);
    return r;
}

static void bad_input(const char *path, const char *data, const mb_draft_result *r)
{
    if (r->err == MB_DRAFT_BAD_UTF8 || r->err == MB_DRAFT_BINARY) {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < r->offset; i++) {
            if (data[i] == '\n') { line++; col = 1; }
            else if (((unsigned char)data[i] & 0xC0) != 0x80) col++;
        }
        mb_cli_error("draft", "%s:%zu:%zu: %s", path, line, col, r->message);
    } else {
        mb_cli_error("draft", "%s: %s%s%s", path, mb_draft_err_str(r->err), r->message[0] ? ": " : "",
                     r->err == MB_DRAFT_INTERNAL ? r->message : "");
    }
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int draft(const char *plan, const char *catalogue, const char *output, int html)
{
    if (output && same_file(plan, output)) {
        mb_cli_error("draft", "%s: is the plan being read; refusing to overwrite an input", output);
        return MB_EXIT_USAGE;
    }
    mb_model *m = NULL;
    if (catalogue) {
        mb_diags d;
        mb_diags_init(&d, 50);
        int rc = mb_cli_load_rules((char **)&catalogue, 1, &d, &m);
        mb_diags_sort(&d);
        mb_diags_print(stderr, &d, mb_cli_color(stderr));
        mb_diags_free(&d);
        if (rc) { mb_cli_error("draft", "%s: the catalogue has errors", catalogue); mb_model_free(m); return MB_EXIT_USAGE; }
    }
    size_t n = 0;
    char *data = read_plan(plan, &n);
    if (!data) { mb_model_free(m); return MB_EXIT_USAGE; }
    char *imp = catalogue ? import_path(catalogue, output) : NULL;
    const char *base = strrchr(plan, '/');
    mb_draft_opts o = {m, imp, base ? base + 1 : plan, html || looks_html(plan, data, n)};
    mb_draft_result r;
    int rc = MB_EXIT_OK;
    if (mb_draft_run(data, n, &o, &r) != 0) {
        bad_input(plan, data, &r);
        rc = MB_EXIT_USAGE;
    } else {
        mb_out out;
        if (mb_cli_out_open(&out, output, m, NULL) != 0) rc = MB_EXIT_USAGE;
        else {
            fwrite(r.text, 1, r.len, out.f);
            if (mb_cli_out_commit(&out) != 0) rc = MB_EXIT_USAGE;
        }
        char restated[32];
        snprintf(restated, sizeof restated, "%zu", r.restated);
        if (rc == MB_EXIT_OK)
            fprintf(stderr, "mubiao draft: %zu target%s (%zu marked for review%s%s), %zu indicator%s proposed, "
                    "%zu reused from the catalogue, %zu number%s not placed\n",
                    r.targets, r.targets == 1 ? "" : "s", r.review, r.restated ? "; restated goals merged: " : "",
                    r.restated ? restated : "", r.indicators_new,
                    r.indicators_new == 1 ? "" : "s", r.indicators_reused, r.unplaced, r.unplaced == 1 ? "" : "s");
    }
    mb_draft_result_free(&r);
    free(imp);
    free(data);
    mb_model_free(m);
    return rc;
}

int mb_cmd_draft(int argc, char **argv)
{
    mb_args a;
    int pr = mb_cli_parse("draft", argc, argv, OPTS, USAGE, &a);
    if (pr) return pr < 0 ? MB_EXIT_OK : pr;
    const char *cat = NULL, *out = NULL;
    if (mb_args_one("draft", &a, OPTS, O_CATALOGUE, &cat) || mb_args_one("draft", &a, OPTS, O_OUTPUT, &out)) {
        mb_args_free(&a);
        return MB_EXIT_USAGE;
    }
    int rc;
    if (a.noperands != 1)
        rc = mb_cli_usage_error("draft", a.noperands ? "one plan at a time" : "no plan given");
    else
        rc = draft(a.operands[0], cat, out, mb_args_count(&a, O_HTML) > 0);
    mb_args_free(&a);
    return rc;
}
