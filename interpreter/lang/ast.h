/* ast.h — the tree the parser builds. It records what the user wrote, with a source span on
 * every node; it resolves nothing (that is the checker's job), and nothing writes into it
 * after the parse: what the checker works out lives in the model (model.h). All nodes live in
 * the parse's arena. Strings are kept as written (for display) and as NFKC keys (for
 * comparing).
 *
 * One tree per file, lossless enough to write the file back (print.h): a file's tree is built
 * from its text alone (an import is a statement; the model follows it), so one file can be
 * parsed again by itself. What the grammar drops is kept beside the statements as trivia:
 * every comment and every blank line, as byte offsets into the original text, in file order.
 * The printer attaches each to the clause it stands before (or, on the same line, after);
 * keeping them out of the nodes keeps the nodes small and the grammar free of them. */
#ifndef MB_AST_H
#define MB_AST_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "num.h"

typedef struct mb_str {
    const char *text; /* as written (escapes resolved for string literals) */
    const char *key;  /* NFKC form, for comparisons */
    mb_aspan span;
} mb_str;

typedef struct mb_strlist {
    mb_str *v;
    size_t n;
} mb_strlist;

typedef struct mb_year {
    int year; /* 0: absent */
    int sub;  /* a deadline's quarter or month (period.h: 0 the whole year); years are 0 */
    mb_aspan span;
} mb_year;

/* A number with the unit written after it ("1.2万家"): unit.text is NULL when bare. */
typedef struct mb_quantity {
    mb_num value;
    mb_str unit;
    int has_unit;
    mb_aspan span;
} mb_quantity;

typedef enum { MB_CMP_GE, MB_CMP_GT, MB_CMP_LE, MB_CMP_LT, MB_CMP_EQ } mb_cmp;

/* Derived-indicator expressions. */
typedef enum { MB_EX_NUM, MB_EX_REF, MB_EX_ADD, MB_EX_SUB, MB_EX_MUL, MB_EX_DIV, MB_EX_NEG } mb_exkind;
typedef struct mb_expr {
    mb_exkind kind;
    mb_aspan span;
    mb_num num;              /* MB_EX_NUM */
    mb_str ref;              /* MB_EX_REF: an id or a "printed name" */
    int ref_is_name;
    struct mb_expr *l, *r;   /* operands (r unused for NEG) */
    int depth;               /* operators on the longest path down (bounded by the parser) */
} mb_expr;                   /* resolved by the checker into the model (formula.h), not here */

/* The forms of target (targets.md). Milestones are several goals of one comparison. */
typedef enum {
    MB_FORM_COMPARE,       /* >= > <= < = with one or more (value, year) goals */
    MB_FORM_ABOUT,
    MB_FORM_INTERVAL,
    MB_FORM_RANGE,         /* >= A stretch B */
    MB_FORM_EACH_YEAR,
    MB_FORM_CUMULATIVE,
    MB_FORM_RELATIVE,      /* cmp N × base Y */
    MB_FORM_CUT,
    MB_FORM_GROW,
    MB_FORM_ANNUAL_GROWTH,
    MB_FORM_RISES,
    MB_FORM_FALLS,
    MB_FORM_ABOVE_REGION,
    MB_FORM_SHARE_REGION,  /* cmp F × region "R": a share of another region's value (1/3) */
    MB_FORM_QUALITATIVE,
    MB_FORM_YOY,           /* growth over the previous year: cmp P% (goals, or a each year
                              y1..y2), about a ± b (b.span.text set), or 'cmp last year'
                              (no quantity written: goals[0].q / a without span); args->rate:
                              written 'growth rate' */
    MB_FORM_CUT_POINTS,    /* the model's name for 'cut D个百分点' (the tree has CUT) */
    MB_FORM_GROW_POINTS,   /* and for 'grow D个百分点' */
} mb_form;

typedef struct mb_goal {
    mb_quantity q;
    mb_year by;
} mb_goal;

/* The values of the forms other than COMPARE and QUALITATIVE (a rule file of half a million
 * `x >= 1 by 2020` targets has none: they are a node of their own, see mb_ast_target). */
typedef struct mb_ast_targs {
    mb_quantity a, b;          /* ABOUT a ± b / within b%; INTERVAL a..b; RANGE a stretch b;
                                  EACH_YEAR/CUMULATIVE a; RELATIVE/SHARE_REGION a = factor;
                                  CUT/GROW/ANNUAL a = % */
    int tol_relative;          /* ABOUT: b is a percentage of a */
    int two_sided;             /* ABOUT: 'two-sided', the band bounds both sides */
    mb_year y1, y2;            /* EACH_YEAR/CUMULATIVE/RISES/FALLS span; RELATIVE..ANNUAL: y1 = base */
    mb_str region;             /* ABOVE_REGION, SHARE_REGION */
    int rate;                  /* YOY: 'growth rate', the subject is the submitted rate */
} mb_ast_targs;

/* The clauses after a target's body (each given at most once). */
typedef struct mb_ast_tclauses {
    mb_str phrase, category, source, note;  /* phrase: the first of phrases */
    mb_strlist phrases;        /* phrase "…", "…": the plan's words, each place it states the target */
    int binding;               /* +1 'binding' (约束性), -1 'expected' (预期性), 0 not stated */
    mb_aspan binding_span;
    int aspiration;            /* 'aspiration' (力争, 争取, 争创): stretch wording, never a verdict */
    mb_aspan aspiration_span;
    mb_strlist owners;
    mb_year from;
    mb_strlist regions;        /* region "…", "…": the part of the plan's region the target is
                                  for (其中高新区…), instead of the plan's list */
    mb_year pbase_year;        /* base Y = V: the base-year value the plan prints (基期值), */
    mb_quantity pbase;         /*   read when the submission lacks it (pbase.span.text NULL: */
    mb_aspan pbase_span;       /*   no such clause); pbase_span: the whole clause */
} mb_ast_tclauses;

/* The empty ones every target without form values or clauses points to. */
extern const mb_ast_targs mb_ast_no_targs;
extern const mb_ast_tclauses mb_ast_no_tclauses;

/* A target is small (about 200 bytes): what only some forms or some targets have is in nodes
 * of their own, which `args` and `cl` point to — never NULL: a target without them points to
 * the shared empty ones above, so a reader need not test. */
typedef struct mb_ast_target {
    mb_str id, label;          /* label.text NULL when absent */
    mb_aspan span;              /* the whole statement */
    mb_form form;
    mb_cmp cmp;
    mb_str subject;            /* indicator id or printed name; text NULL when absent */
    int subject_is_name;
    mb_goal *goals;            /* COMPARE: each (value, year); other forms: goals[0].by is "by Y" */
    size_t ngoals;
    mb_year by;                /* deadline of every form but COMPARE (whose goals have theirs) */
    const mb_ast_targs *args;  /* the form's values (never NULL) */
    const mb_ast_tclauses *cl; /* phrase(s), binding, aspiration, category, owner, source, note,
                                  from (never NULL) */
} mb_ast_target;

typedef struct mb_ast_indicator {
    mb_str id, name;
    mb_aspan span;
    mb_str unit;
    int has_unit;
    int unit_quoted;           /* the unit was written as a string: unit "..." */
    int direction;             /* +1 higher, -1 lower, 0 unset */
    mb_aspan direction_span;
    mb_str category, source, part_of;
    mb_strlist owners;
    int integer;
    mb_aspan integer_span;
    mb_expr *derived;
    int flow;                  /* +1 'flow' (a quarter's value is the quarter's own), -1 'stock'
                                  (the level at its end), 0 not stated */
    mb_aspan flow_span;
} mb_ast_indicator;

typedef struct mb_ast_check {
    mb_str id, label;
    mb_aspan span;
    mb_str subject;
    int subject_is_name;
    enum { MB_CHECK_CMP, MB_CHECK_BETWEEN, MB_CHECK_INTEGER } kind;
    mb_cmp cmp;
    mb_quantity a, b;          /* CMP against a constant: a; BETWEEN: a..b */
    mb_str other;              /* CMP against another indicator; text NULL otherwise */
    int other_is_name;
} mb_ast_check;

typedef struct mb_ast_plan {
    mb_str id;
    mb_aspan span;
    mb_str name, number, issuer;
    mb_strlist regions;
    mb_str date;               /* "YYYY-MM-DD" */
    mb_year base;
    mb_year *deadlines;
    size_t ndeadlines;
} mb_ast_plan;

/* A test of rules (`test "name" { … }`, docs/testing.md): a small submission given as rows
 * and/or CSV files named next to the test file, an as-of, and what named rules must say for
 * named regions. The checker skips tests; `mubiao test` runs them through the evaluator. */
typedef struct mb_ast_trow {
    mb_str region, indicator;  /* indicator: an id, or a "printed name" */
    int indicator_is_name;
    mb_str period;             /* as written: a year (2018) or a "2018Q3" / "2018-09" string */
    int period_quoted;
    mb_quantity value;         /* a unit written after it goes to the CSV's unit column */
    mb_aspan span;
} mb_ast_trow;

typedef struct mb_ast_expect {
    mb_str rule, region;
    mb_year by;                /* which deadline of a rule with several (0: its only one) */
    mb_str status;             /* "met", "no-data", … as written (checked by mubiao test) */
    mb_quantity actual, target; /* span.text NULL when not stated */
    mb_aspan span;
} mb_ast_expect;

typedef struct mb_ast_test {
    mb_str name;
    mb_aspan span;
    mb_str as_of;              /* text NULL: the latest period in the data, as eval */
    int as_of_quoted;
    mb_strlist data;           /* CSV or JSON files, relative to the test file's folder */
    mb_ast_trow *rows;
    size_t nrows;
    mb_ast_expect *expects;
    size_t nexpects;
    int too_many;              /* the parser refused items past MB_MAX_TEST_ITEMS */
} mb_ast_test;

/* Rows and expectations one test block may hold (a test is meant to be small). */
enum { MB_MAX_TEST_ITEMS = 200 };

typedef enum { MB_ST_IMPORT, MB_ST_PLAN, MB_ST_INDICATOR, MB_ST_TARGET, MB_ST_CHECK, MB_ST_TEST } mb_stkind;
typedef struct mb_ast_stmt {
    mb_stkind kind;
    union {
        mb_str import;
        mb_ast_plan *plan;
        mb_ast_indicator *indicator;
        mb_ast_target *target;
        mb_ast_check *check;
        mb_ast_test *test;
    } u;
} mb_ast_stmt;

/* A comment ("# ..." up to the end of its line, without the newline) or a blank line (start:
 * the white space holding two or more newlines; end: its end). Offsets into the original. */
typedef enum { MB_TRIVIA_COMMENT, MB_TRIVIA_BLANK } mb_trivia_kind;
typedef struct mb_trivia {
    unsigned kind;
    uint32_t start, end;       /* a rule file is at most 16 MiB */
} mb_trivia;

typedef struct mb_ast_file {
    const mb_text *text;
    mb_ast_stmt *stmts;
    size_t n, cap;
    mb_trivia *trivia;         /* in file order */
    size_t ntrivia;
    size_t stopped;            /* the offset where reading stopped early (too many errors,
                                  nesting too deep), else the text's length */
} mb_ast_file;

/* The table of forms and operators (forms.c). */
const char *mb_cmp_str(mb_cmp c);     /* ">=" … */
const char *mb_cmp_sym(mb_cmp c);     /* "≥" … */
const char *mb_cmp_not_sym(mb_cmp c); /* "<" for ≥ …: what holds when the comparison does not */
const char *mb_cmp_words(mb_cmp c);   /* "at least" … */
const char *mb_form_word(mb_form f);  /* "about", "between", … as reports write it */
/* Does `a c b` hold, given sign = the three-way comparison of a with b? */
int mb_cmp_holds(mb_cmp c, int sign);
/* One operator of a derived-indicator formula on its operand values (b unused for NEG). */
mb_numerr mb_expr_apply(mb_exkind k, mb_num a, mb_num b, mb_num *out);
const char *mb_form_name(mb_form f, size_t ngoals); /* "at_least", "milestones", … */

/* What the numbers a form writes are: how the model JSON gives their unit, and how a report
 * states a target it could not compute (no base value). */
typedef enum {
    MB_STATED_UNIT,     /* in the indicator's unit */
    MB_STATED_PERCENT,  /* a change of the base in percent (cut, grow, annual growth) */
    MB_STATED_FACTOR,   /* a factor of the base (× base) */
    MB_STATED_NONE,     /* no value of its own (rises, falls, another region) */
} mb_stated;

/* A form's entry in the table (forms.c): everything about a form that is words, not
 * meaning. What a form means is its criterion (check/crit.h). */
typedef struct mb_form_info {
    mb_form form;
    const char *name;    /* JSON "form" (milestones: a compare with several goals) */
    const char *word;    /* how reports write it, after the subject */
    int cmp;             /* the rule writes a comparison (>=, >, …): JSON "comparison" */
    mb_stated stated;
    const char *a, *b;   /* JSON keys of the rule's first and second number (NULL: none) */
    int band;            /* b is a tolerance: JSON tolerance_kind and two_sided follow */
    int period;          /* written over the years y1..y2: JSON "period" */
    int region;          /* against another region: JSON "region" */
} mb_form_info;
const mb_form_info *mb_form_info_of(mb_form f);

/* A target's attributes (never part of a verdict), as reports and --where name them. */
typedef enum {
    MB_ATTR_BINDING = 1,     /* 约束性 */
    MB_ATTR_EXPECTED = 2,    /* 预期性 */
    MB_ATTR_ASPIRATION = 4,  /* 力争, 争取, 争创 */
    MB_ATTR_NONE = 8,        /* --where: a target with no attribute stated */
} mb_attr;
/* The attributes of a target with binding (+1 binding, -1 expected, 0 not stated) and
 * aspiration: a mask of mb_attr (MB_ATTR_NONE when neither is stated). */
unsigned mb_attr_mask(int binding, int aspiration);
/* "binding", "expected" (NULL when not stated). */
const char *mb_binding_word(int binding);
/* "binding, aspiration", "expected", "" — the attributes stated, in a fixed order. */
const char *mb_attr_text(int binding, int aspiration);
/* The mb_attr of a name ("binding", "expected", "aspiration", "none"), or 0. */
unsigned mb_attr_parse(const char *s);
/* Every name mb_attr_parse knows, for messages: "binding, expected, aspiration, none". */
const char *mb_attr_names(void);

#endif
