/* Temporary: replaced by the real text, JSON and JUnit reports. */
#include "report.h"
__attribute__((weak)) mb_tally mb_report_text(FILE *out, const mb_eval *e, const mb_filter *f, int color) { (void)color; return mb_report_csv(out, e, f); }
__attribute__((weak)) mb_tally mb_report_junit(FILE *out, const mb_eval *e, const mb_filter *f) { return mb_report_csv(out, e, f); }
__attribute__((weak)) void mb_report_explain(FILE *out, const mb_eval *e, const mb_rule *r, size_t region) { (void)e; fprintf(out, "%s %zu\n", r->id, region); }
