/* cmd_check.c — mubiao check: parse and check rule files without reading any data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ci_out.h"
#include "cli.h"

static const char USAGE[] =
    "usage: mubiao check [--format text|json|sarif|github|junit] [--strict] [--fix]\n"
    "                    [--docs-url URL] FILE...\n"
    "\n"
    "Parse and check rule files: syntax, undefined indicators, units, duplicate ids,\n"
    "milestones against the indicator's direction, base years, ranges, tolerances, and\n"
    "targets that contradict each other. No data is read.\n"
    "\n"
    "Options:\n"
    "  --format text  diagnostics as file:line:col with the source line (default)\n"
    "  --format json  {\"diagnostics\": [...], \"model\": {...}} on standard output:\n"
    "                 plans, indicators, rules and data checks as resolved\n"
    "  --format sarif   a SARIF 2.1.0 log on standard output for code scanning: one\n"
    "                 rule per diagnostic code (MB3002 ...), each finding with its region\n"
    "  --format github  GitHub Actions workflow commands on standard output\n"
    "                 (::error file=F,line=L,col=C,title=MB3002::message), then the summary\n"
    "  --format junit   JUnit XML on standard output: one test case per rule file,\n"
    "                 failing with its errors\n"
    "  --strict       warnings fail the run too (exit 1, and JUnit failures), for CI\n"
    "  --fix          first write into the files named the fixes warnings carry (the\n"
    "                 operator a phrase's 达到 or 超过 asks for, 'aspiration' for 力争,\n"
    "                 the deadline year or tolerance the phrase prints), each file\n"
    "                 replaced atomically; nothing is written when there are errors;\n"
    "                 then check and report what remains\n"
    "  --docs-url URL where mubiao's docs/ is published: the SARIF rules' helpUri is\n"
    "                 URL/diagnostics.md#mb3002 (default: docs/ of the source tree the\n"
    "                 command was built from, as a file: URI)\n"
    "  -h, --help     show this help\n"
    "\n"
    "Options and files may come in any order; --format=json is --format json, and '--'\n"
    "ends the options.\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed, unless --strict), 1 errors (or, with\n"
    "--strict, warnings; a file with no rules, empty or only comments, is an error),\n"
    "2 usage, an unreadable file, or output that could not be written whole.\n";

static void summary(const mb_model *m, const mb_diags *d)
{
    size_t q = 0;
    for (size_t i = 0; i < m->nrules; i++) q += m->rules[i]->form == MB_FORM_QUALITATIVE;
    printf("%zu file%s: %zu plan%s, %zu indicator%s, %zu target%s (%zu qualitative), "
           "%zu data check%s; %zu error%s, %zu warning%s\n",
           m->ntexts, m->ntexts == 1 ? "" : "s", m->nplans, m->nplans == 1 ? "" : "s",
           m->ninds, m->ninds == 1 ? "" : "s", m->nrules, m->nrules == 1 ? "" : "s", q,
           m->nchecks, m->nchecks == 1 ? "" : "s", d->errors, d->errors == 1 ? "" : "s",
           d->warnings, d->warnings == 1 ? "" : "s");
}

enum { O_FORMAT, O_STRICT, O_DOCS_URL, O_FIX };
static const mb_opt OPTS[] = {{"format", 1, "text, json, sarif, github or junit"}, {"strict", 0, NULL},
                              {"docs-url", 1, "a URL"}, {"fix", 0, NULL}, {NULL, 0, NULL}};
enum { F_TEXT, F_JSON, F_SARIF, F_GITHUB, F_JUNIT };

int mb_cmd_check(int argc, char **argv)
{
    mb_args a;
    int pr = mb_cli_parse("check", argc, argv, OPTS, USAGE, &a);
    if (pr) return pr < 0 ? MB_EXIT_OK : pr;
    const char *fmt, *docs;
    int form = F_TEXT;
    if (mb_args_one("check", &a, OPTS, O_FORMAT, &fmt) || mb_args_one("check", &a, OPTS, O_DOCS_URL, &docs)) {
        mb_args_free(&a);
        return MB_EXIT_USAGE;
    }
    const char *names[] = {"text", "json", "sarif", "github", "junit"};
    for (int k = 0; fmt && k < 5; k++)
        if (!strcmp(fmt, names[k])) form = k;
    if (fmt && strcmp(fmt, names[form])) {
        mb_args_free(&a);
        return mb_cli_usage_error("check", "unknown format '%s' (text, json, sarif, github or junit)", fmt);
    }
    int strict = mb_args_count(&a, O_STRICT) > 0;
    char **files = a.operands;
    int nfiles = a.noperands;
    if (!nfiles) { mb_args_free(&a); return mb_cli_usage_error("check", "no rule file given"); }
    /* the fixes first; what remains is then reported as any check is (errors included) */
    int fix_failed = mb_args_count(&a, O_FIX) > 0 && mb_cli_check_fix(files, nfiles) < 0;
    mb_diags d;
    mb_diags_init(&d, 50);
    mb_model *m = NULL;
    int rc = mb_cli_load_rules(files, nfiles, &d, &m);
    mb_diags_sort(&d);
    if (strict && rc == MB_EXIT_OK && d.warnings) rc = MB_EXIT_FAIL;
    if (fix_failed && rc == MB_EXIT_OK) rc = MB_EXIT_USAGE; /* a file could not be written */
    if (form == F_JSON) {
        fputs("{\"diagnostics\":", stdout);
        mb_diags_print_json(stdout, &d);
        printf(",\"errors\":%zu,\"warnings\":%zu,\"model\":", d.errors, d.warnings);
        if (m && rc != MB_EXIT_USAGE) mb_model_print_json(stdout, m);
        else fputs("null", stdout);
        fputs("}\n", stdout);
    } else if (form == F_SARIF) {
        mb_ci_run run = {.docs_url = docs, .exit_code = rc, .ok = rc != MB_EXIT_USAGE};
        mb_ci_print_sarif(stdout, &d, &run);
    } else if (form == F_JUNIT) {
        /* one test case per rule file read; none read (unreadable): only the loose case */
        size_t n = m ? m->ntexts : 0;
        const char **names_read = n ? malloc(n * sizeof *names_read) : NULL;
        if (n && !names_read) n = 0;
        for (size_t i = 0; i < n; i++) names_read[i] = m->texts[i]->name;
        mb_ci_print_junit(stdout, &d, names_read, n, strict);
        free(names_read);
    } else if (form == F_GITHUB) {
        mb_ci_print_github(stdout, &d);
        if (m && rc != MB_EXIT_USAGE) summary(m, &d);
    } else {
        mb_diags_print(stderr, &d, mb_cli_color(stderr));
        if (m && rc != MB_EXIT_USAGE) summary(m, &d);
    }
    mb_diags_free(&d);
    mb_model_free(m);
    mb_args_free(&a);
    return rc;
}
