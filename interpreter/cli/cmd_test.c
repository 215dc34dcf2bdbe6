/* cmd_test.c — mubiao test: run the tests of rule files (ruletest.h) and report passes,
 * failures with the evaluator's working, and which outcomes of each rule the tests reached. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "fmt.h"
#include "jsonw.h"
#include "ruletest.h"

static const char USAGE[] =
    "usage: mubiao test [--coverage] [--threshold N] [--format text|json|junit] PATH...\n"
    "\n"
    "Run the tests of rule files: each 'test \"name\" { ... }' block gives a small\n"
    "submission (rows, or data files next to it), an as-of, and the status (and\n"
    "optionally the actual value and target) named rules must have for named regions;\n"
    "the rules are evaluated as 'mubiao eval' evaluates them (docs/testing.md).\n"
    "A folder stands for every file under it whose name ends in _test.mb.\n"
    "\n"
    "Options:\n"
    "  --coverage        per rule, the outcomes the tests expected: met, missed,\n"
    "                    no-data, a progress class, and a value exactly on the target\n"
    "  --threshold N     fail when fewer than N% of the outcomes every rule needs (met and\n"
    "                    missed; not-assessable for a qualitative one) are tested\n"
    "  --format FORMAT   text (default), json, or junit (one test case per test)\n"
    "  -h, --help        show this help\n"
    "\n"
    "Exit status: 0 every expectation holds; 1 some do not, or coverage is below\n"
    "--threshold; 2 errors in a test or the rules it tests (each with file:line:col), no\n"
    "test found, or usage.\n";

enum { O_COVERAGE, O_THRESHOLD, O_FORMAT };
static const mb_opt OPTS[] = {
    {"coverage", 0, NULL},
    {"threshold", 1, "a percentage from 0 to 100"},
    {"format", 1, "text, json or junit"},
    {NULL, 0, NULL},
};

/* ---- coverage ------------------------------------------------------------------------- */

enum { CV_BOUNDARY = MB_ST_COUNT }; /* a bit beside the statuses: actual exactly the target */

typedef struct cov_rule {
    const char *file, *plan, *id;   /* the rule file it is defined in, by name */
    int qualitative;
    unsigned seen;                  /* bits: 1 << status, 1 << CV_BOUNDARY */
} cov_rule;

typedef struct cov {
    cov_rule *v;
    size_t n, cap;
} cov;

static cov_rule *cov_find(cov *c, const mb_rule *r)
{
    const char *file = r->span.text ? r->span.text->name : "";
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->v[i].id, r->id) && !strcmp(c->v[i].file, file)) return &c->v[i];
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 64;
        cov_rule *nv = realloc(c->v, nc * sizeof *nv);
        if (!nv) return NULL;
        c->v = nv;
        c->cap = nc;
    }
    cov_rule *x = &c->v[c->n++];
    *x = (cov_rule){strdup(file), strdup(r->plan ? r->plan->id : ""), strdup(r->id), r->form == MB_FORM_QUALITATIVE, 0};
    return x->file && x->plan && x->id ? x : NULL;
}

/* Every rule of the files a test file imports counts, tested or not. */
static int cov_add_model(cov *c, const mb_model *m)
{
    for (size_t i = 0; i < m->nrules; i++)
        if (!cov_find(c, m->rules[i])) return -1;
    return 0;
}

static unsigned needed(const cov_rule *r)
{
    return r->qualitative ? 1u << MB_ST_NOT_ASSESSABLE : 1u << MB_ST_MET | 1u << MB_ST_MISSED;
}

static int popcount(unsigned x) { return __builtin_popcount(x); }

static void cov_totals(const cov *c, size_t *have, size_t *need)
{
    *have = *need = 0;
    for (size_t i = 0; i < c->n; i++) {
        *need += (size_t)popcount(needed(&c->v[i]));
        *have += (size_t)popcount(needed(&c->v[i]) & c->v[i].seen);
    }
}

static void cov_free(cov *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free((char *)c->v[i].file);
        free((char *)c->v[i].plan);
        free((char *)c->v[i].id);
    }
    free(c->v);
}

static const unsigned PROGRESS = 1u << MB_ST_ON_TRACK | 1u << MB_ST_NEEDS_ACCELERATION | 1u << MB_ST_LIMITED_PROGRESS |
                                 1u << MB_ST_REGRESSING;

/* "met missed no-data progress =" with '-' for what no test reached. */
static void cov_marks(FILE *o, const cov_rule *r)
{
    fprintf(o, "%-7s%-7s%-8s%-9s%s", r->seen & 1u << MB_ST_MET ? "met" : "-", r->seen & 1u << MB_ST_MISSED ? "missed" : "-",
            r->seen & 1u << MB_ST_NO_DATA ? "no-data" : "-", r->seen & PROGRESS ? "progress" : "-",
            r->seen & 1u << CV_BOUNDARY ? "=" : "-");
}

static void cov_text(FILE *o, const cov *c)
{
    size_t w = 4, have, need;
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->v[i].id) > w) w = strlen(c->v[i].id);
    fprintf(o, "\ncoverage: the outcomes the tests expected of each rule (= a value exactly on the target)\n");
    const char *file = NULL;
    for (size_t i = 0; i < c->n; i++) {
        const cov_rule *r = &c->v[i];
        if (!file || strcmp(file, r->file)) {
            file = r->file;
            fputs("  ", o);
            mb_term_puts(o, file);
            fputs("\n", o);
        }
        fprintf(o, "    %-*s  ", (int)w, r->id);
        if (r->qualitative) fputs(r->seen & 1u << MB_ST_NOT_ASSESSABLE ? "not-assessable" : "-", o);
        else cov_marks(o, r);
        unsigned n = needed(r);
        fprintf(o, "%s\n", (r->seen & n) == n ? "" : "   <- untested");
    }
    cov_totals(c, &have, &need);
    fprintf(o, "coverage: %zu of %zu outcomes (%zu.%zu%%)\n", have, need, need ? have * 100 / need : 100,
            need ? have * 1000 / need % 10 : 0);
}

/* ---- reports -------------------------------------------------------------------------- */

typedef struct run {
    mb_rt_file *files;
    size_t nfiles;
    size_t tests, passed, failed, broken, expects_failed, expects;
    int errors, io_error;
} run;

static void num_text(char *buf, mb_num v)
{
    int exact;
    mb_num_format(v, 6, buf, &exact);
}

static void pos_of(const mb_aspan *a, mb_pos *p)
{
    mb_span s = MB_SPAN(*a);
    *p = mb_span_pos(&s);
}

/* The explanation of the verdict, each line indented. */
static void explain_indented(FILE *o, const mb_rt_file *f, size_t k, const mb_rt_result *r)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) return;
    mb_report_explain(m, &f->evals[k], r->rule, r->region);
    fclose(m);
    for (char *p = buf; p && *p;) {
        size_t n = strcspn(p, "\n");
        fputs("    ", o);
        mb_term_put(o, p, n);
        fputc('\n', o);
        p += n + (p[n] == '\n');
    }
    free(buf);
}

static size_t test_index(const mb_rt_file *f, const mb_ast_test *t)
{
    const mb_ast_file *a = &f->m->files[0];
    size_t k = 0;
    for (size_t i = 0; i < a->n; i++) {
        if (a->stmts[i].kind != MB_ST_TEST) continue;
        if (a->stmts[i].u.test == t) return k;
        k++;
    }
    return k;
}

static void values_text(FILE *o, const mb_verdict *v)
{
    char a[MB_NUM_BUF], t[MB_NUM_BUF];
    if (v->has_actual) num_text(a, v->actual);
    if (v->has_target) num_text(t, v->target);
    if (v->has_actual || v->has_target)
        fprintf(o, " (actual %s, target %s)", v->has_actual ? a : "none", v->has_target ? t : "none");
}

static void failure_text(FILE *o, const mb_rt_file *f, const mb_rt_result *r)
{
    mb_pos p;
    pos_of(&r->x->span, &p);
    mb_term_puts(o, f->path);
    fprintf(o, ":%u:%u: FAIL test \"", p.line, p.col);
    mb_term_puts(o, r->test->name.text);
    fprintf(o, "\": %s for ", r->rule->id);
    mb_term_puts(o, r->x->region.text);
    fprintf(o, " by %d: expected %s", r->v.year, mb_status_name(r->want));
    char buf[MB_NUM_BUF];
    if (r->has_actual) { num_text(buf, r->want_actual); fprintf(o, ", actual %s", buf); }
    if (r->has_target) { num_text(buf, r->want_target); fprintf(o, ", target %s", buf); }
    fprintf(o, "; got %s", mb_status_name(r->v.status));
    values_text(o, &r->v);
    fputc('\n', o);
    explain_indented(o, f, test_index(f, r->test), r);
}

static void report_text(FILE *o, const run *R)
{
    for (size_t i = 0; i < R->nfiles; i++)
        for (size_t k = 0; k < R->files[i].nres; k++)
            if (!R->files[i].res[k].pass) failure_text(o, &R->files[i], &R->files[i].res[k]);
    fprintf(o, "%zu test%s in %zu file%s: %zu passed, %zu failed", R->tests, R->tests == 1 ? "" : "s", R->nfiles,
            R->nfiles == 1 ? "" : "s", R->passed, R->failed);
    if (R->broken) fprintf(o, ", %zu not run whole (errors above)", R->broken);
    fprintf(o, "; %zu expectation%s, %zu failed\n", R->expects, R->expects == 1 ? "" : "s", R->expects_failed);
}

static void json_num(FILE *o, const char *key, int has, mb_num v)
{
    char buf[MB_NUM_BUF];
    int exact;
    fprintf(o, ",\"%s\":", key);
    if (!has) { fputs("null", o); return; }
    mb_num_format(v, 40, buf, &exact);
    mb_json_cstr(o, buf);
}

static void json_result(FILE *o, const mb_rt_file *f, const mb_rt_result *r)
{
    mb_pos p;
    pos_of(&r->x->span, &p);
    fprintf(o, "{\"line\":%u,\"column\":%u,\"rule\":", p.line, p.col);
    mb_json_cstr(o, r->rule->id);
    fputs(",\"region\":", o);
    mb_json_cstr(o, r->x->region.text);
    fprintf(o, ",\"year\":%d,\"pass\":%s,\"expected\":{\"status\":\"%s\"", r->v.year, r->pass ? "true" : "false",
            mb_status_name(r->want));
    json_num(o, "actual", r->has_actual, r->want_actual);
    json_num(o, "target", r->has_target, r->want_target);
    fprintf(o, "},\"got\":{\"status\":\"%s\"", mb_status_name(r->v.status));
    json_num(o, "actual", r->v.has_actual, r->v.actual);
    json_num(o, "target", r->v.has_target, r->v.target);
    fputs("}}", o);
    (void)f;
}

static void report_json(FILE *o, const run *R, const cov *c, int coverage, const mb_diags *all)
{
    fputs("{\"files\":[", o);
    for (size_t i = 0; i < R->nfiles; i++) {
        const mb_rt_file *f = &R->files[i];
        fputs(i ? ",{\"file\":" : "{\"file\":", o);
        mb_json_cstr(o, f->path);
        fputs(",\"results\":[", o);
        for (size_t k = 0; k < f->nres; k++) {
            if (k) fputc(',', o);
            fputs("{\"test\":", o);
            mb_json_cstr(o, f->res[k].test->name.text);
            fputs(",\"expectation\":", o);
            json_result(o, f, &f->res[k]);
            fputc('}', o);
        }
        fputs("]}", o);
    }
    fprintf(o, "],\"tests\":%zu,\"passed\":%zu,\"failed\":%zu,\"expectations\":%zu,\"expectations_failed\":%zu,"
               "\"not_run\":%zu,\"diagnostics\":", R->tests, R->passed, R->failed, R->expects, R->expects_failed,
            R->broken);
    mb_diags_print_json(o, all);
    if (coverage) {
        size_t have, need;
        cov_totals(c, &have, &need);
        fprintf(o, ",\"coverage\":{\"outcomes\":%zu,\"tested\":%zu,\"rules\":[", need, have);
        for (size_t i = 0; i < c->n; i++) {
            fputs(i ? ",{\"file\":" : "{\"file\":", o);
            mb_json_cstr(o, c->v[i].file);
            fputs(",\"rule\":", o);
            mb_json_cstr(o, c->v[i].id);
            fputs(",\"outcomes\":[", o);
            int n = 0;
            for (int s = 0; s < MB_ST_COUNT; s++)
                if (c->v[i].seen & 1u << s) fprintf(o, "%s\"%s\"", n++ ? "," : "", mb_status_name((mb_status)s));
            fprintf(o, "],\"boundary\":%s}", c->v[i].seen & 1u << CV_BOUNDARY ? "true" : "false");
        }
        fputs("]}", o);
    }
    fputs("}\n", o);
}

static void xml(FILE *o, const char *s) { mb_xml_esc(o, s, strlen(s)); }

/* Element text: escaped line by line, the line breaks kept. */
static void xml_lines(FILE *o, const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "\n");
        mb_xml_esc(o, s, n);
        s += n;
        if (*s) { fputc('\n', o); s++; }
    }
}

/* One <testcase> per test, failing with its failed expectations (text as the text report). */
static void report_junit(FILE *o, const run *R)
{
    fprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
            R->tests, R->failed, R->broken);
    for (size_t i = 0; i < R->nfiles; i++) {
        const mb_rt_file *f = &R->files[i];
        if (!f->m || !f->m->nfiles) continue;
        const mb_ast_file *a = &f->m->files[0];
        size_t nt = 0, nf = 0;
        for (size_t k = 0; k < f->nres; k++) nf += !f->res[k].pass && (k == 0 || f->res[k - 1].test != f->res[k].test || f->res[k - 1].pass);
        for (size_t s = 0; s < a->n; s++) nt += a->stmts[s].kind == MB_ST_TEST;
        fputs("  <testsuite name=\"", o);
        xml(o, f->path);
        fprintf(o, "\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n", nt, nf, f->nbroken);
        for (size_t s = 0, k = 0; s < a->n; s++) {
            if (a->stmts[s].kind != MB_ST_TEST) continue;
            int broken = f->broken && f->broken[k];
            k++;
            const mb_ast_test *t = a->stmts[s].u.test;
            fputs("    <testcase classname=\"", o);
            xml(o, f->path);
            fputs("\" name=\"", o);
            xml(o, t->name.text);
            fputs("\"", o);
            char *buf = NULL;
            size_t len = 0;
            FILE *m = open_memstream(&buf, &len);
            size_t bad = 0;
            for (size_t j = 0; m && j < f->nres; j++)
                if (f->res[j].test == t && !f->res[j].pass) { failure_text(m, f, &f->res[j]); bad++; }
            if (m) fclose(m);
            if (broken)
                fputs(">\n      <error message=\"the test could not run whole: see the diagnostics with its file and line\"/>\n",
                      o);
            if (bad) {
                fprintf(o, "%s      <failure message=\"%zu expectation%s failed\">", broken ? "" : ">\n", bad, bad == 1 ? "" : "s");
                xml_lines(o, buf ? buf : "");
                fputs("</failure>\n    </testcase>\n", o);
            } else fputs(broken ? "    </testcase>\n" : "/>\n", o);
            free(buf);
        }
        fputs("  </testsuite>\n", o);
    }
    fputs("</testsuites>\n", o);
}

/* ---- the run -------------------------------------------------------------------------- */

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);
    return n >= k && !strcmp(s + n - k, tail);
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The test files of the operands: a folder's files ending in _test.mb, a file as given. */
static int collect(char **ops, int n, char ***v, size_t *nv)
{
    for (int i = 0; i < n; i++) {
        if (!is_dir(ops[i])) {
            char **nvp = realloc(*v, (*nv + 1) * sizeof **v);
            if (!nvp || !(nvp[*nv] = strdup(ops[i]))) { if (nvp) *v = nvp; return ENOMEM; }
            *v = nvp;
            (*nv)++;
            continue;
        }
        char **all = NULL;
        size_t na = 0;
        int e = mb_fmt_list_dir(ops[i], &all, &na);
        if (e) mb_cli_error("test", "cannot list '%s': %s", ops[i], strerror(e));
        for (size_t k = 0; k < na; k++) {
            char **nvp = ends_with(all[k], "_test.mb") ? realloc(*v, (*nv + 1) * sizeof **v) : NULL;
            if (nvp) { *v = nvp; (*v)[(*nv)++] = all[k]; }
            else free(all[k]);
        }
        free(all);
        if (e) return e;
    }
    return 0;
}

static void tally(run *R, cov *c)
{
    for (size_t i = 0; i < R->nfiles; i++) {
        mb_rt_file *f = &R->files[i];
        R->io_error |= f->io_error;
        R->errors |= f->d.errors > 0;
        R->tests += f->ntests;
        R->broken += f->nbroken;
        if (f->m && f->m->checked && cov_add_model(c, f->m)) R->errors = 1;
        for (size_t k = 0; k < f->nres; k++) {
            const mb_rt_result *r = &f->res[k];
            R->expects++;
            R->expects_failed += !r->pass;
            /* a test fails once, however many of its expectations do; one that could not
             * run whole is counted as that, not as failed */
            int first = k == 0 || f->res[k - 1].test != r->test;
            if (first) {
                int bad = 0;
                for (size_t j = k; j < f->nres && f->res[j].test == r->test; j++) bad |= !f->res[j].pass;
                R->failed += bad && !f->broken[test_index(f, r->test)];
            }
            cov_rule *cr = cov_find(c, r->rule);
            if (!cr) { R->errors = 1; continue; }
            cr->seen |= 1u << r->want;
            if (r->v.has_actual && r->v.has_target && !mb_num_cmp(r->v.actual, r->v.target))
                cr->seen |= 1u << CV_BOUNDARY;
        }
    }
    R->passed = R->tests - R->failed - R->broken;
}

static int threshold_of(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s) { *out = -1; return 0; }
    if (errno || end == s || *end || v < 0 || v > 100) return -1;
    *out = (int)v;
    return 0;
}

int mb_cmd_test(int argc, char **argv)
{
    mb_args a;
    int pr = mb_cli_parse("test", argc, argv, OPTS, USAGE, &a);
    if (pr) return pr < 0 ? MB_EXIT_OK : pr;
    const char *fmt = NULL, *thr = NULL;
    int threshold = -1;
    if (mb_args_one("test", &a, OPTS, O_FORMAT, &fmt) || mb_args_one("test", &a, OPTS, O_THRESHOLD, &thr)) {
        mb_args_free(&a);
        return MB_EXIT_USAGE;
    }
    if (!fmt) fmt = "text";
    int coverage = mb_args_count(&a, O_COVERAGE) > 0;
    int rc = MB_EXIT_OK;
    if (strcmp(fmt, "text") && strcmp(fmt, "json") && strcmp(fmt, "junit"))
        rc = mb_cli_usage_error("test", "unknown format '%s' (text, json or junit)", fmt);
    else if (threshold_of(thr, &threshold))
        rc = mb_cli_usage_error("test", "--threshold '%s' is not a percentage from 0 to 100", thr);
    else if (!a.noperands) rc = mb_cli_usage_error("test", "no test file or folder given");
    if (rc) { mb_args_free(&a); return rc; }
    char **paths = NULL;
    size_t npaths = 0;
    int e = collect(a.operands, a.noperands, &paths, &npaths);
    run R = {0};
    cov c = {0};
    mb_diags all;
    mb_diags_init(&all, 0);
    if (!e && npaths) R.files = calloc(npaths, sizeof *R.files);
    for (size_t i = 0; R.files && i < npaths; i++) {
        if (mb_rt_run(&R.files[i], paths[i])) R.errors = 1;
        R.nfiles++;
    }
    tally(&R, &c);
    for (size_t i = 0; i < R.nfiles; i++) {
        mb_diags_sort(&R.files[i].d);
        mb_diags_print(stderr, &R.files[i].d, mb_cli_color(stderr));
    }
    if (!strcmp(fmt, "json")) {
        /* the diagnostics of every file in one array (they point into texts still held) */
        for (size_t i = 0; i < R.nfiles; i++) {
            mb_diags copy = R.files[i].d;
            memset(&R.files[i].d, 0, sizeof copy);
            R.files[i].d.errors = copy.errors;
            mb_diags_take(&all, &copy);
        }
        report_json(stdout, &R, &c, coverage, &all);
    } else if (!R.files) {
        /* nothing ran: no report */
    } else if (!strcmp(fmt, "junit")) report_junit(stdout, &R);
    else {
        FILE *clean = isatty(fileno(stdout)) ? mb_cli_term_stream(stdout) : NULL;
        report_text(clean ? clean : stdout, &R);
        if (coverage) cov_text(clean ? clean : stdout, &c);
        if (clean) fclose(clean);
    }
    size_t have, need;
    cov_totals(&c, &have, &need);
    if (e || !R.files) {
        if (!e) mb_cli_error("test", "no test found: no file ending in _test.mb under the paths given");
        rc = MB_EXIT_USAGE;
    } else if (R.errors || R.io_error) rc = MB_EXIT_USAGE;
    else if (!R.expects) {
        mb_cli_error("test", "nothing was tested: no expectation ran");
        rc = MB_EXIT_USAGE;
    } else if (R.failed) rc = MB_EXIT_FAIL;
    else if (threshold >= 0 && have * 100 < (size_t)threshold * need) {
        mb_cli_error("test", "coverage %zu of %zu outcomes is below --threshold %d%%", have, need, threshold);
        rc = MB_EXIT_FAIL;
    }
    for (size_t i = 0; i < R.nfiles; i++) mb_rt_free(&R.files[i]);
    mb_diags_free(&all);
    free(R.files);
    for (size_t i = 0; i < npaths; i++) free(paths[i]);
    free(paths);
    cov_free(&c);
    mb_args_free(&a);
    return rc;
}
