/* report.h — walking the verdicts in report order, and the report formats. */
#ifndef MB_REPORT_H
#define MB_REPORT_H

#include <stdio.h>

#include "eval.h"

/* The period a report is as of, and why, for the report to say so. */
typedef struct mb_asof {
    int key;                 /* year*100 + month used (0: no data at all) */
    char period[32];         /* as given ("2018Q3"), or from the data ("2018", "2018-09") */
    char why[400];           /* "given with --as-of", "the latest year in the data", ... */
} mb_asof;

/* The as-of of a run (report_asof.c): `given` (its key given_key) when not NULL, else the
 * latest period in the data, unless that lies past every deadline of the rules and the
 * current year: then the latest year in the data before that horizon, and a warning added
 * to D's diagnostics, which is returned (NULL: no warning) for the caller to show. */
const mb_diag *mb_report_as_of(mb_asof *a, const char *given, int given_key, const mb_model *m, mb_data *D);
/* The key mb_report_as_of settles on when it can tell from the latest period alone (streamed
 * verdicts are checked against it); -1 when it would look at the stored values. */
int mb_report_as_of_key(const char *given, int given_key, const mb_model *m, const mb_data *D);

/* What to report. Each list selects what matches any of its names (an empty list: all);
 * the lists together select what matches every one of them: --plan a --plan b --owner x is
 * (plan a or plan b) and owner x. Names compare after NFKC. */
typedef struct mb_filter {
    const char **plans;
    size_t nplans;
    const char **regions;
    size_t nregions;
    const char **categories;
    size_t ncategories;
    const char **owners;
    size_t nowners;
    const char **rules;      /* rule ids */
    size_t nrules;
    unsigned fail_mask;      /* statuses that fail the run (--fail-on); bit per mb_status */
    const mb_asof *as_of;    /* how the as-of was chosen (NULL: not said) */
    unsigned attrs;          /* --where: targets with any of these attributes (mb_attr
                                bits, ast.h); 0: all */
} mb_filter;

/* Counts of a run, for summaries and the exit status. */
typedef struct mb_tally {
    size_t by_status[MB_ST_COUNT];
    size_t verdicts, failing;
    int error;               /* the report could not be written whole */
} mb_tally;

typedef void (*mb_verdict_fn)(void *ctx, const mb_verdict *v);

/* Every verdict the filter selects, ordered by plan (as declared), region (as declared by
 * the plan, else as first seen in the data), rule, milestone. The same mb_verdict is reused
 * between calls. Returns the tally. */
mb_tally mb_report_walk(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx);
/* The same over slice `part` of `nparts` of each plan's regions (contiguous), so several
 * threads can share one walk; slices in order give the order of mb_report_walk. */
mb_tally mb_report_walk_part(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx,
                             size_t part, size_t nparts);
/* Units (plan, region pairs) in report order, and a walk over units [lo, hi). */
size_t mb_report_units(const mb_eval *e, const mb_filter *f);
mb_tally mb_report_walk_range(const mb_eval *e, const mb_filter *f, mb_verdict_fn fn, void *ctx,
                              size_t lo, size_t hi);
/* The same walk made once and walked by range as often as needed, by several threads at
 * once: making it reads every region (each plan's regions, in order), so a report written in
 * blocks of units that made it for each block took time in regions × blocks. NULL: out of
 * memory (a walk that ran out of memory while being made has every range's tally in error). */
typedef struct mb_walk mb_walk;
mb_walk *mb_walk_new(const mb_eval *e, const mb_filter *f);
size_t mb_walk_units(const mb_walk *w);
mb_tally mb_walk_range(const mb_walk *w, mb_verdict_fn fn, void *ctx, size_t lo, size_t hi);
void mb_walk_free(mb_walk *w);
/* How many threads a report uses: e->threads when set, else the cores, at most 2. */
size_t mb_report_threads(const mb_eval *e);
int mb_filter_rule(const mb_filter *f, const mb_rule *r);
int mb_filter_region(const mb_filter *f, const mb_data *D, size_t region);

/* Streaming (report_stream.c): verdicts computed region by region as the data is read, for
 * input grouped by region, so the store holds a window of regions instead of all of them.
 * mb_stream_possible: the model allows it (no plan names its regions, no check between two
 * indicators; with `ordered`, all rules in one plan, so the verdicts come in report order).
 * mb_stream_start before reading sets D up and hands fn every verdict the filter selects;
 * mb_stream_finish after mb_data_finish evaluates the rest. The caller must read again
 * without streaming when D->unsorted, `changed`, or when the as-of it settles on is not
 * used_key (the as-of the verdicts used; -1 when none was computed). */
typedef struct mb_stream {
    const mb_model *m;
    mb_data *D;
    const mb_filter *f;
    mb_eval e;
    int given_key;           /* --as-of (0: the latest period read so far) */
    int used_key;
    int changed;             /* the as-of moved between regions: verdicts were left out */
    int ready, at_end;       /* regions compared with are complete; the data has ended */
    const mb_rule **rules;   /* selected rules in report order */
    size_t nrules;
    const char **ref_keys;   /* regions compared with (NFKC keys) and, when ready, their index */
    size_t *ref_idx, nrefs, nready;
    mb_verdict_fn fn;
    void *ctx;
    mb_tally t;
} mb_stream;

int mb_stream_possible(const mb_model *m, int ordered);
int mb_stream_start(mb_stream *s, const mb_model *m, mb_data *D, const mb_filter *f, int given_key,
                    mb_verdict_fn fn, void *ctx);
void mb_stream_finish(mb_stream *s);
void mb_stream_free(mb_stream *s);
/* Two threads (data.h, mb_stream_split): `part` streams a second part of the data, read
 * into a store S of its own, with s's rules, filter and as-of, each verdict to fn(ctx).
 * 0 when it cannot (a region compared with might be in either part), or out of memory.
 * mb_stream_part_join, after both parts (and s's last region) are evaluated: with keep,
 * adds the part's tally to s when its verdicts are those one pass gives (it stopped for
 * nothing and judged as of s's period) and returns 1; else 0. Frees the part either way. */
int mb_stream_part_start(mb_stream *part, const mb_stream *s, mb_data *S, mb_verdict_fn fn, void *ctx);
int mb_stream_part_join(mb_stream *s, mb_stream *part, int keep);

/* The per-rule summary in two steps, for streaming: count each verdict (ctx: a table of
 * nrules + 1 rows of MB_ST_COUNT counts), then print the table. */
void mb_report_summary_count(void *ctx, const mb_verdict *v);
void mb_report_summary_print(FILE *out, const mb_model *m, const mb_filter *f, size_t (*counts)[MB_ST_COUNT]);

/* The CSV report, streamed: begin writes the header, each verdict is a line (fn for
 * mb_stream_start, ctx the mb_csv_stream), end writes what is buffered (unless `write` is 0:
 * the run is read again) and frees; it returns 1 when a line could not be built or written. */
typedef struct mb_csv_stream mb_csv_stream;
mb_csv_stream *mb_report_csv_begin(FILE *out, const mb_model *m, const mb_data *D);
void mb_report_csv_row(void *ctx, const mb_verdict *v);
int mb_report_csv_end(mb_csv_stream *s, int write);
/* The lines of a part streamed on a second thread: no header. flush writes what s holds
 * and flushes its stream, so that another part's lines can be appended to the file after
 * them; 1 when a line could not be built or written (s is failed: its end returns 1). */
mb_csv_stream *mb_report_csv_begin_part(FILE *out, const mb_model *m, const mb_data *D);
int mb_report_csv_flush(mb_csv_stream *s);

/* Formats. Each returns the tally of what it reported. */
mb_tally mb_report_csv(FILE *out, const mb_eval *e, const mb_filter *f);
mb_tally mb_report_summary(FILE *out, const mb_eval *e, const mb_filter *f);
mb_tally mb_report_text(FILE *out, const mb_eval *e, const mb_filter *f, int color);
/* trace: each verdict with its "trace" (the values used, the base, the bounds, the pace) */
mb_tally mb_report_json(FILE *out, const mb_eval *e, const mb_filter *f, int trace);
mb_tally mb_report_junit(FILE *out, const mb_eval *e, const mb_filter *f);
/* One self-contained HTML page (inline CSS and SVG, no script): summary, a chart per target
 * and region, a regions × targets matrix, submission errors (report_html*.c). */
mb_tally mb_report_html(FILE *out, const mb_eval *e, const mb_filter *f);
/* The statuses of a previous run (eval --store: the history's latest run), shown beside each
 * charted verdict: status(ctx, rule id, region name, milestone) is NULL when it had none. */
typedef struct mb_prev {
    const char *(*status)(void *ctx, const char *rule, const char *region, size_t goal);
    void *ctx;
    long long run;
    const char *time;
} mb_prev;
mb_tally mb_report_html_prev(FILE *out, const mb_eval *e, const mb_filter *f, const mb_prev *prev);
/* Text escaped for XML (element text or attribute value): & < > " ' as entities, tab and
 * line breaks as character references, what XML 1.0 cannot carry as U+FFFD. */
void mb_xml_esc(FILE *out, const char *s, size_t n);

/* How one verdict was reached, in words (mubiao explain). */
void mb_report_explain(FILE *out, const mb_eval *e, const mb_rule *r, size_t region);
/* A milestone read from quarters or months (report_explain_sub.c): its working, from the
 * trace. Returns 0, writing nothing, for a verdict on whole years. */
int mb_explain_subyear(FILE *o, const mb_eval *e, const mb_verdict *v);

/* Line and column of a rule, computed once per rule and kept in cache[rule->index]
 * (cache may be NULL): reports name the rule's place in every one of its verdicts. */
mb_pos mb_report_rule_pos(const mb_rule *r, mb_pos *cache);

/* What a verdict compared its value with (report_criterion.c): the comparison (">=", ">",
 * "<=", "<", "=", "between", "rising", "falling"; NULL for a qualitative target) and the
 * criterion as the reports state it ("≥ 2.74", "≥ 1140 (1200 ±5%)", "1..2"). mark: "≈"
 * before a number that is rounded. Returns the length written. */
const char *mb_report_comparison(const mb_verdict *v);
/* For a rule that prints its base value (`base 2020 = 56.7`), which base the verdict used:
 * "submitted" or "printed"; NULL when the rule prints none or no base value was read
 * (report_base.c). mb_report_base_words says it for a reader ("base 2020: printed 56.7%",
 * "base 2020: submitted 1250 家, printed 1200 家"; "" for NULL) and returns its length. */
const char *mb_report_base_source(const mb_verdict *v);
size_t mb_report_base_words(const mb_verdict *v, char *buf, size_t cap);

/* The gap relative to the target, as text and reports print it ("+4.2%"), into buf (at least
 * 16 bytes); 0 when there is none to print (no gap, a zero gap, no relative gap). A non-zero
 * gap under 0.05% of the target reads "<0.1%": "-0.0%" would read as no gap at all
 * (report_gap.c). */
int mb_report_rel_gap(const mb_verdict *v, char *buf, size_t cap);
size_t mb_report_criterion(const mb_verdict *v, char *buf, size_t cap, int mark);
/* The same with the indicator's unit after each value in it ("≥ 12000 家", "1..2 家"). */
size_t mb_report_criterion_in(const mb_verdict *v, char *buf, size_t cap, int mark, const char *unit);
/* When v's criterion is one bound on its target ("≥ 2468", "≤ 35 each year"), the words
 * before the target and after it, into before and after (cap bytes each), and 1: the
 * criterion without mark or unit is then before, the target as mb_num_format writes it, and
 * after. The words depend on the rule and deadline only, so a report that prints a line a
 * verdict keeps them and formats only the target. 0 for any other criterion. */
int mb_report_criterion_around(const mb_verdict *v, char *before, char *after, size_t cap);
/* 1 when v's criterion reads nothing of v but its rule and deadline (a fixed bound, a band, a
 * bound with no target to name): every such verdict of the deadline has the same criterion,
 * which a report may word once. A bound's target can differ from the rule's value (the share
 * due by a quarter, a base's multiple), so a criterion naming it is not fixed. */
int mb_report_criterion_fixed(const mb_verdict *v);

/* Number in a report: exact decimal, or rounded to 4 places (marked "≈" in text; a value that
 * would round to zero gets four significant digits, see mb_num_format). */
void mb_report_num(FILE *out, mb_num v, int approx_mark);

#endif
