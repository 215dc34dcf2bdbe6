/* cmd_check.c — mubiao check: parse and check rule files without reading any data. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char USAGE[] =
    "usage: mubiao check [--format text|json] FILE...\n"
    "\n"
    "Parse and check rule files: syntax, undefined indicators, units, duplicate ids,\n"
    "milestones against the indicator's direction, base years, ranges, tolerances, and\n"
    "targets that contradict each other. No data is read.\n"
    "\n"
    "Options:\n"
    "  --format text  diagnostics as file:line:col with the source line (default)\n"
    "  --format json  {\"diagnostics\": [...], \"model\": {...}} on standard output:\n"
    "                 plans, indicators, rules and data checks as resolved\n"
    "  -h, --help     show this help\n"
    "\n"
    "Options and files may come in any order; --format=json is --format json, and '--'\n"
    "ends the options.\n"
    "\n"
    "Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage, an unreadable file,\n"
    "or output that could not be written whole.\n";

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

enum { O_FORMAT };
static const mb_opt OPTS[] = {{"format", 1, "text or json"}, {NULL, 0, NULL}};

int mb_cmd_check(int argc, char **argv)
{
    mb_args a;
    int pr = mb_cli_parse("check", argc, argv, OPTS, USAGE, &a);
    if (pr) return pr < 0 ? MB_EXIT_OK : pr;
    const char *fmt;
    int json = 0;
    if (mb_args_one("check", &a, OPTS, O_FORMAT, &fmt)) { mb_args_free(&a); return MB_EXIT_USAGE; }
    if (fmt && !strcmp(fmt, "json")) json = 1;
    else if (fmt && strcmp(fmt, "text")) {
        mb_args_free(&a);
        return mb_cli_usage_error("check", "unknown format '%s' (text or json)", fmt);
    }
    char **files = a.operands;
    int nfiles = a.noperands;
    if (!nfiles) { mb_args_free(&a); return mb_cli_usage_error("check", "no rule file given"); }
    mb_diags d;
    mb_diags_init(&d, 50);
    mb_model *m = NULL;
    int rc = mb_cli_load_rules(files, nfiles, &d, &m);
    mb_diags_sort(&d);
    if (json) {
        fputs("{\"diagnostics\":", stdout);
        mb_diags_print_json(stdout, &d);
        printf(",\"errors\":%zu,\"warnings\":%zu,\"model\":", d.errors, d.warnings);
        if (m && rc != MB_EXIT_USAGE) mb_model_print_json(stdout, m);
        else fputs("null", stdout);
        fputs("}\n", stdout);
    } else {
        mb_diags_print(stderr, &d, mb_cli_color(stderr));
        if (m && rc != MB_EXIT_USAGE) summary(m, &d);
    }
    mb_diags_free(&d);
    mb_model_free(m);
    mb_args_free(&a);
    return rc;
}
