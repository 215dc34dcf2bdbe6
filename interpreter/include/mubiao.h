/* mubiao.h — the mubiao library: load rule files, check them, read submissions and evaluate
 * every target, with exact numbers and located diagnostics. This is the only public header;
 * everything else in the library is hidden (docs/api.md).
 *
 * Conventions:
 * - Every function returns an mb_status (MB_OK on success); results come back through
 *   out-parameters, which are left untouched on failure unless said otherwise.
 * - Handles are opaque. A context is made first and freed last; rules, submissions and
 *   results refer to it (and results to their rules and submission), so free them first.
 * - The library prints nothing, reads no environment variable and never exits: every problem
 *   found in rules or data goes to the context's diagnostics sink, with a stable code
 *   ("MB2001", docs/diagnostics.md) and file:line:col.
 * - Numbers are exact decimal strings ("2.74", "-0.5", "12000"). A value whose decimal
 *   expansion does not end (a ratio such as 1/3) is given to 36 decimal places with its
 *   `exact` flag 0.
 * - Strings passed to callbacks or returned in views stay valid until the handle that owns
 *   them is freed (a diagnostic: only during the call). All text is UTF-8.
 * - One handle is used by one thread at a time; different handles may be used on different
 *   threads. */
#ifndef MUBIAO_H
#define MUBIAO_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define MB_API __attribute__((visibility("default")))
#else
#define MB_API
#endif

/* The one return convention. */
typedef enum mb_status {
    MB_OK = 0,
    MB_ERR_ARG,       /* a NULL handle or out-parameter, an index out of range, a bad value */
    MB_ERR_NOMEM,     /* out of memory */
    MB_ERR_IO,        /* a file could not be read (the sink has the diagnostic) */
    MB_ERR_RULES,     /* the rules have errors (the sink has them) */
    MB_ERR_DATA,      /* the submission has errors (the sink has them) */
    MB_ERR_STATE,     /* called out of order (submission before the rules are checked ...) */
} mb_status;

/* What a status means, in a few words ("invalid argument"). */
MB_API mb_status mb_status_message(mb_status s, const char **out);
/* The library's version ("0.1.0"). */
MB_API mb_status mb_version(const char **out);

/* ---- context: limits, threads, imports, diagnostics ----------------------------------- */

typedef struct mb_context mb_context;

typedef enum mb_severity_level { MB_SEVERITY_ERROR = 0, MB_SEVERITY_WARNING = 1 } mb_severity_level;

/* One diagnostic, valid during the sink call only. Lines and columns are 1-based, columns
 * counted in characters; file is NULL (line, col 0) for a problem with no place. */
typedef struct mb_diagnostic {
    const char *code;          /* "MB2001": stable, documented in docs/diagnostics.md */
    mb_severity_level severity;
    const char *file;
    unsigned line, col;
    const char *message;
    const char *note;          /* a second place's remark ("first defined here"), or NULL */
    const char *note_file;
    unsigned note_line, note_col;
} mb_diagnostic;

typedef void (*mb_diag_sink)(void *user, const mb_diagnostic *d);

/* Turns an import into rule text: `from` is the importing file's name, `name` the import as
 * written. Return MB_OK with *text (allocated with malloc; the library frees it) and *len,
 * or another status with *why (static text) for the message. */
typedef mb_status (*mb_import_resolver)(void *user, const char *from, const char *name, char **text,
                                        size_t *len, const char **why);

MB_API mb_status mb_context_new(mb_context **out);
MB_API mb_status mb_context_free(mb_context *ctx);
/* Where diagnostics go (NULL: nowhere). */
MB_API mb_status mb_context_set_diag_sink(mb_context *ctx, mb_diag_sink sink, void *user);
/* How imports are read (NULL: files relative to the importing file; text added from memory
 * then imports nothing). */
MB_API mb_status mb_context_set_import_resolver(mb_context *ctx, mb_import_resolver fn, void *user);
/* Threads a large submission and an evaluation may use: 0 the cores (at most 2), 1 one. */
MB_API mb_status mb_context_set_threads(mb_context *ctx, unsigned threads);
/* Errors (and, separately, warnings) passed to the sink per load, check or submission; the
 * rest are counted (default 50; 0: no cap). */
MB_API mb_status mb_context_set_max_diagnostics(mb_context *ctx, size_t n);
/* Distinct regions a submission may hold (default 10,000,000). */
MB_API mb_status mb_context_set_max_regions(mb_context *ctx, size_t n);

/* ---- rules ------------------------------------------------------------------------------ */

typedef struct mb_rules mb_rules;

MB_API mb_status mb_rules_new(mb_context *ctx, mb_rules **out);
MB_API mb_status mb_rules_free(mb_rules *rules);
/* Read and parse a rule file and its imports. MB_ERR_IO when it cannot be read,
 * MB_ERR_RULES on syntax errors. */
MB_API mb_status mb_rules_add_file(mb_rules *rules, const char *path);
/* Rule text in memory; `name` is used in messages and given to the import resolver. */
MB_API mb_status mb_rules_add_text(mb_rules *rules, const char *name, const char *text, size_t len);
/* Resolve names and units, check every rule. MB_ERR_RULES when there are errors (warnings
 * alone give MB_OK); then the rules cannot be evaluated. */
MB_API mb_status mb_rules_check(mb_rules *rules);

typedef struct mb_rules_counts {
    size_t files, plans, indicators, targets, qualitative, checks;
    size_t errors, warnings;   /* found so far, including those beyond the cap */
} mb_rules_counts;
MB_API mb_status mb_rules_get_counts(const mb_rules *rules, mb_rules_counts *out);

/* ---- submissions ------------------------------------------------------------------------ */

typedef struct mb_submission mb_submission;

typedef enum mb_data_format { MB_FORMAT_CSV = 0, MB_FORMAT_JSON = 1 } mb_data_format;

/* A submission for checked rules (MB_ERR_STATE when they are not). */
MB_API mb_status mb_submission_new(const mb_rules *rules, mb_submission **out);
MB_API mb_status mb_submission_free(mb_submission *sub);
/* A CSV or JSON file (by extension), or every .csv and .json file in a folder. MB_ERR_IO
 * when it cannot be read; rows with errors give MB_ERR_DATA (the others are kept). */
MB_API mb_status mb_submission_add_file(mb_submission *sub, const char *path);
MB_API mb_status mb_submission_add_text(mb_submission *sub, const char *name, const char *text, size_t len,
                                        mb_data_format format);

/* ---- evaluation and results ------------------------------------------------------------- */

typedef struct mb_results mb_results;

typedef enum mb_verdict_status {
    MB_VERDICT_MET = 0,
    MB_VERDICT_MISSED,
    MB_VERDICT_ON_TRACK,
    MB_VERDICT_NEEDS_ACCELERATION,
    MB_VERDICT_LIMITED_PROGRESS,
    MB_VERDICT_REGRESSING,
    MB_VERDICT_NO_DATA,
    MB_VERDICT_NOT_ASSESSABLE,
    MB_VERDICT_ERROR,
} mb_verdict_status;

/* One verdict: one target, one region, one deadline. Strings belong to the results. */
typedef struct mb_verdict_view {
    const char *rule;          /* the target's id ("NT02") */
    const char *label;         /* its label, or NULL */
    const char *plan;          /* the plan's id, or NULL */
    const char *indicator;     /* the indicator's id, or NULL (qualitative) */
    const char *region;
    int year;                  /* the deadline */
    mb_verdict_status status;
    const char *status_name;   /* "met", "needs-acceleration", ... */
    const char *actual;        /* the value judged, exact decimal, or NULL */
    int actual_exact;
    int actual_year;
    const char *target;        /* what it was compared with, in the indicator's unit, or NULL */
    int target_exact;
    const char *criterion;     /* the criterion as reports state it ("≥ 2.74"), or NULL */
    const char *unit;          /* the indicator's unit as written, or NULL */
    const char *detail;        /* why, or what is missing ("" when nothing to add) */
    const char *file;          /* where the target is written */
    unsigned line, col;
} mb_verdict_view;

/* Evaluate every target of the rules for every region it applies to. as_of: "2019",
 * "2019Q3" or "2019-09" (periods after it are ignored), or NULL for the latest in the data. */
MB_API mb_status mb_evaluate(const mb_rules *rules, mb_submission *sub, const char *as_of, mb_results **out);
MB_API mb_status mb_results_free(mb_results *res);
MB_API mb_status mb_results_count(const mb_results *res, size_t *n);
/* Verdict i (0 ≤ i < count), in report order: plan, region, target, milestone. */
MB_API mb_status mb_results_get(const mb_results *res, size_t i, mb_verdict_view *out);

#ifdef __cplusplus
}
#endif

#endif
