/* model.h — the checked model: plans, indicators, rules and data checks with every name
 * resolved and every target value converted to its indicator's unit. The checker builds it
 * once, before any data is read; the evaluator and the reports only read it.
 * Everything lives in the model's arena. */
#ifndef MB_MODEL_H
#define MB_MODEL_H

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "crit.h"
#include "diag.h"
#include "map.h"
#include "unit.h"

/* The longest chain of derived indicators, each defined by the next (64 levels of derived
 * indicators built on derived ones). The checker enforces it (check_ind.c); the data layout
 * (data.c) follows chains this long, and one plain indicator under them. */
enum { MB_MAX_DERIVED_CHAIN = 65 };
/* A guard for the recursive evaluation of derived values (eval.c, report_explain.c): above
 * the deepest the checker lets through, 65 chained formulas of 256 operators each. */
enum { MB_MAX_EVAL_DEPTH = 20000 };

typedef struct mb_plan {
    size_t index;
    const char *id, *name, *number, *issuer, *date; /* NULL when not given */
    const mb_str *regions;   /* the plan's regions (keys are NFKC) */
    size_t nregions;
    int base;                /* 0 when not given */
    const int *deadlines;
    size_t ndeadlines;
    int last_deadline;       /* the latest of them (0: none): targets without 'by' are due then */
    mb_span span;
} mb_plan;

typedef struct mb_indicator {
    size_t index;
    const char *id;
    const char *name, *name_key;    /* printed name; NULL when not given */
    mb_unit unit;
    int direction;                  /* +1 higher is better, -1 lower is better */
    const char *category, *source;
    const mb_str *owners;
    size_t nowners;
    int integer;
    int flow;                       /* +1 flow (a quarter's value is the quarter's own, a year's
                                       is their sum), -1 stock (a level at the period's end), 0
                                       not stated: then it is read by whole years only */
    struct mb_indicator *part_of;
    const mb_expr *derived;              /* NULL unless computed from others: the formula as written */
    const struct mb_fnode *formula; /* and as resolved (formula.h): what values are computed from */
    const mb_plan *plan;            /* NULL for a catalogue indicator */
    mb_span span;
    const mb_ast_indicator *ast;
} mb_indicator;

typedef struct mb_rgoal {
    mb_num value;                   /* in the indicator's unit */
    int year;
    int sub;                        /* due in a quarter or month of it (period.h); 0: the year */
    const char *text;               /* as written, e.g. "1.2万家" */
} mb_rgoal;

typedef struct mb_rule {
    size_t index;
    const char *id, *label;
    const mb_plan *plan;
    const mb_indicator *ind;        /* NULL only for a qualitative target without subject */
    mb_form form;
    mb_cmp cmp;
    mb_rgoal *goals;                /* COMPARE: one per milestone; other forms: goals[0] */
    size_t ngoals;                  /*   holds the main value and the deadline year */
    mb_num a, b;                    /* ABOUT: centre, tolerance (absolute, indicator unit; or
                                       a percentage when tol_relative); INTERVAL/RANGE: low,
                                       high; RELATIVE: factor; CUT/GROW/ANNUAL: percent */
    int tol_relative;
    int two_sided;                  /* ABOUT: written 'two-sided' */
    int yoy_rate;                   /* YOY: 'growth rate', ind is the submitted rate in % */
    int points;                     /* CUT/GROW: a in percentage points (3个百分点), not % */
    int y1, y2;                     /* EACH_YEAR/CUMULATIVE/RISES/FALLS: the years */
    int base_year;                  /* RELATIVE/CUT/GROW/ANNUAL: the base; others: the year
                                       progress is measured from (0: none) */
    const char *region, *region_key;/* ABOVE_REGION */
    const mb_printed *printed;      /* base Y = V: the plan's printed base value (NULL: none);
                                       the criteria whose base year it is point to it */
    mb_crit *crit;                  /* one per goal: what the rule asks, resolved (crit.h);
                                       evaluation and reports read this, not the form */
    const char *phrase, *category, *source, *note; /* phrase: the first of phrases */
    const mb_str *phrases;          /* every phrase "…", "…" (a target restated elsewhere) */
    size_t nphrases;
    const mb_str *owners;
    size_t nowners;
    int binding;                    /* attributes, never part of a verdict: +1 binding (约束性),
                                       -1 expected (预期性), 0 not stated */
    int aspiration;                 /* stated as an aspiration (力争, 争取, 争创) */
    const mb_str *regions;          /* the target's own regions (region "…" on the target), which
                                       replace its plan's; NULL when it names none */
    size_t nregions;
    mb_span span;
    const mb_ast_target *ast;
} mb_rule;

/* A growth over the previous year written 'CMP last year' (不低于上年): its goals have no rate. */
static inline int mb_rule_last_year(const mb_rule *r)
{
    return r->form == MB_FORM_YOY && r->ngoals && r->goals[0].text && !strcmp(r->goals[0].text, "last year");
}

typedef enum { MB_DC_CMP_CONST, MB_DC_CMP_IND, MB_DC_BETWEEN, MB_DC_INTEGER } mb_dckind;

typedef struct mb_check {
    size_t index;
    const char *id, *label;
    const mb_indicator *ind, *other;
    mb_dckind kind;
    mb_cmp cmp;
    mb_num a, b;                    /* in the indicator's unit */
    mb_span span;
} mb_check;

/* Turns an import into text: `from` is the importing file's name, `name` the import as
 * written. Returns 0 with *data (mb_malloc'd, the model frees it) and *len, or nonzero with
 * *why (static text) for the message. */
typedef int (*mb_import_fn)(void *ctx, const char *from, const char *name, char **data, size_t *len,
                            const char **why);

typedef struct mb_model {
    mb_arena arena;
    mb_text **texts;                /* every rule file read (imports included) */
    char **paths;                   /* their resolved paths, to read each once */
    size_t ntexts;
    mb_ast_file *files;
    size_t nfiles;
    mb_plan **plans;
    size_t nplans;
    mb_indicator **inds;
    size_t ninds;
    mb_rule **rules;
    size_t nrules;
    mb_check **checks;
    size_t nchecks;
    mb_map ind_keys;                /* id and NFKC printed name -> indicator */
    int checked;                    /* mb_model_check ran without errors */
    int io_error;                   /* a file could not be read (exit status 2) */
    int load_failed;                /* a load returned an error: mb_model_check refuses the model */
    mb_import_fn import_fn;         /* NULL: imports are files relative to the importing file */
    void *import_ctx;
    const char *text_dir;           /* the folder text given in memory imports from, when the
                                       caller names one (NULL: none, never the working directory) */
    size_t phrase_pairs;            /* work: phrase pairs the phrase check compared text of
                                       (check_phrase.c), for the test that bounds it */
} mb_model;

mb_model *mb_model_new(void);
void mb_model_free(mb_model *m);
/* A rule file read whole, refusing what cannot be one (a folder, a FIFO, over 16 MiB, a file
 * that changes while read); NULL with *why set. mb_rule_fd_read reads a descriptor of unknown
 * size (standard input, /proc) to its end, up to the same limit. Free with free(). */
char *mb_rule_file_read(const char *path, size_t *len, const char **why);
char *mb_rule_fd_read(int fd, size_t *len, const char **why);
/* Read and parse a rule file and, recursively, its imports. Returns 0 when no error. */
int mb_model_load(mb_model *m, const char *path, mb_diags *d);
/* Parse rule text already in memory (name is for messages). Its imports go to import_fn,
 * else are files in text_dir; with neither they are refused: text in memory has no folder,
 * and the working directory is not taken for one. */
int mb_model_load_text(mb_model *m, const char *name, const char *data, size_t len, mb_diags *d);
/* Resolve names and units and run every semantic check. Returns 0 when no error; -1 (and
 * checks nothing) when a load into this model failed: a model with a file missing or cut
 * short by a syntax error is never reported as checked. */
int mb_model_check(mb_model *m, mb_diags *d);

/* By id or by printed name, compared after NFKC. */
mb_indicator *mb_model_indicator(const mb_model *m, const char *s, size_t n);
/* The last year any plan's deadline or rule speaks of (0: none): the horizon past which a
 * period in the data is suspect, for eval's as-of and the SQL scripts' alike. */
int mb_model_last_year(const mb_model *m);

/* The resolved model as JSON (see docs/json.md). */
void mb_model_print_json(FILE *out, const mb_model *m);

#endif
