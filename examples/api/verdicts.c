/* verdicts.c — the mubiao library from a program of its own, with nothing but mubiao.h:
 * load a rule file, check it, evaluate a CSV submission, print each verdict with its exact
 * numbers, and every diagnostic with its code and place.
 *
 *   cc -I interpreter/include examples/api/verdicts.c -L build -lmubiao -o verdicts
 *   ./verdicts examples/api/plan.mb examples/api/submission.csv
 */
#include <stdio.h>

#include "mubiao.h"

/* The library prints nothing: diagnostics come here. */
static void on_diagnostic(void *user, const mb_diagnostic *d)
{
    FILE *out = user;
    const char *sev = d->severity == MB_SEVERITY_ERROR ? "error" : "warning";
    if (d->file) fprintf(out, "%s:%u:%u: %s %s: %s\n", d->file, d->line, d->col, sev, d->code, d->message);
    else fprintf(out, "%s %s: %s\n", sev, d->code, d->message);
    if (d->note && d->note_file)
        fprintf(out, "  %s:%u:%u: note: %s\n", d->note_file, d->note_line, d->note_col, d->note);
}

static int fail(const char *what, mb_status s)
{
    const char *msg = "?";
    mb_status_message(s, &msg);
    fprintf(stderr, "verdicts: %s: %s\n", what, msg);
    return 1;
}

static void print_verdict(const mb_verdict_view *v)
{
    printf("%-4s %-6s %-4d %-15s", v->rule, v->region, v->year, v->status_name);
    if (v->actual) printf(" actual %s%s", v->actual_exact ? "" : "≈", v->actual);
    if (v->target) printf(" target %s%s", v->target_exact ? "" : "≈", v->target);
    if (v->unit) printf(" %s", v->unit);
    if (v->criterion) printf(" (%s)", v->criterion);
    if (v->detail[0]) printf(" — %s", v->detail);
    printf("  [%s:%u:%u]\n", v->file, v->line, v->col);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: verdicts RULES.mb SUBMISSION.csv\n");
        return 2;
    }
    mb_context *ctx;
    mb_rules *rules;
    mb_submission *sub;
    mb_results *res;
    mb_status s;
    if ((s = mb_context_new(&ctx))) return fail("context", s);
    mb_context_set_diag_sink(ctx, on_diagnostic, stdout);
    mb_context_set_threads(ctx, 1);
    if ((s = mb_rules_new(ctx, &rules))) return fail("rules", s);
    if ((s = mb_rules_add_file(rules, argv[1])) || (s = mb_rules_check(rules))) return fail(argv[1], s);
    mb_rules_counts n;
    mb_rules_get_counts(rules, &n);
    printf("%zu targets, %zu errors, %zu warnings\n", n.targets, n.errors, n.warnings);
    if ((s = mb_submission_new(rules, &sub))) return fail("submission", s);
    s = mb_submission_add_file(sub, argv[2]);
    if (s && s != MB_ERR_DATA) return fail(argv[2], s); /* rows with errors: the rest still count */
    if ((s = mb_evaluate(rules, sub, NULL, &res))) return fail("evaluate", s);
    size_t count;
    mb_results_count(res, &count);
    for (size_t i = 0; i < count; i++) {
        mb_verdict_view v;
        if (mb_results_get(res, i, &v) == MB_OK) print_verdict(&v);
    }
    mb_results_free(res);
    mb_submission_free(sub);
    mb_rules_free(rules);
    mb_context_free(ctx);
    return 0;
}
