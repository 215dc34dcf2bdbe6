/* test_csv_runs.c — the CSV report keeps what repeats from line to line (a rule's columns, a
 * criterion that is the rule's own words, the words around a bound's target, the target's
 * text, runs of a line) from the first line that made it. Every line must be the one a report
 * writes when it has seen no line before: for every rule file with data in tests/data, at
 * as-ofs before, inside and after the deadlines (every status, details, base sources, the
 * share of a target due by a quarter, several deadlines), the verdicts written one after the
 * other by one report are compared with each written by a report of its own. */
#include "report.h"
#include "test_eval_files.h"

/* The line(s) one report writes for the verdicts, in order. */
static char *written(const mb_model *m, const mb_data *D, const mb_verdict *v, size_t n, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    cr_assert_not_null(f);
    mb_csv_stream *s = mb_report_csv_begin_part(f, m, D);
    cr_assert_not_null(s);
    for (size_t i = 0; i < n; i++) mb_report_csv_row(s, &v[i]);
    cr_assert_eq(mb_report_csv_end(s, 1), 0, "the report failed");
    fclose(f);
    return buf;
}

Test(csv_runs, every_line_as_written_alone)
{
    size_t lines = 0;
    for (size_t p = 0; p < MBT_NPAIRS; p++) {
        mb_model *m = mbt_file_rules(MBT_PAIRS[p].rules);
        mb_data *D = mbt_file_data(m, MBT_PAIRS[p].data);
        for (size_t a = 0; a < MBT_NAS_OF; a++) {
            mb_eval e;
            mb_eval_init(&e, m, D, MBT_AS_OF[a]);
            e.lines_only = 1; /* as the streamed report evaluates */
            size_t n = 0, cap = 64;
            mb_verdict *v = malloc(cap * sizeof *v);
            cr_assert_not_null(v);
            /* region by region, as a report walks them: a rule's runs are reused across regions */
            for (size_t region = 0; region < D->nregions; region++)
                for (size_t i = 0; i < m->nrules; i++)
                    for (size_t g = 0; g < m->rules[i]->ngoals; g++) {
                        if (n == cap) cr_assert_not_null(v = realloc(v, (cap *= 2) * sizeof *v));
                        mb_eval_verdict(&e, m->rules[i], g, region, &v[n++]);
                    }
            size_t all_n = 0, one_n = 0;
            char *all = written(m, D, v, n, &all_n), *at = all;
            for (size_t i = 0; i < n; i++) {
                char *one = written(m, D, &v[i], 1, &one_n);
                cr_assert(one_n <= all_n - (size_t)(at - all) && !memcmp(at, one, one_n),
                          "%s on %s as of %d, line %zu: written alone\n%s\nin the report\n%.*s", MBT_PAIRS[p].rules, MBT_PAIRS[p].data,
                          MBT_AS_OF[a], i + 1, one, (int)(strchr(at, 10) ? strchr(at, 10) - at + 1 : 0), at);
                at += one_n;
                free(one);
            }
            cr_assert_eq((size_t)(at - all), all_n, "the report wrote more than its lines");
            lines += n;
            free(all);
            free(v);
        }
        mb_data_free(D);
        mb_model_free(m);
    }
    cr_assert_gt(lines, 1000, "only %zu lines compared", lines);
}
