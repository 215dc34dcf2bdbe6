/* draft_int.h — what the drafter's files share (md_ prefix, internal to interpreter/draft).
 *
 * The document is held twice: `orig`, the text as printed (phrases are quoted from it), and
 * `nt`, its NFKC form with a map back to `orig` (everything is recognised on it, so
 * fullwidth ２．７４％ reads as 2.74%). Offsets below are into nt.data unless said. */
#ifndef MB_DRAFT_INT_H
#define MB_DRAFT_INT_H

#include <stddef.h>

#include <stdio.h>

#include "arena.h"
#include "draft.h"
#include "text.h"

enum { MD_MAX_YEARS = 12, MD_NUM_MAX = 40, MD_UNIT_MAX = 48 };

typedef struct md_line {
    size_t start, end;     /* in nt.data, without the line break */
    int src;               /* line in the input the reader saw (HTML: the element's line) */
} md_line;

/* A number with its scale and unit as written: "1.2万家", "2.74%", "1~2家". */
typedef struct md_qty {
    size_t start, end;     /* the number through its unit and suffix (以上, 左右) */
    char num[MD_NUM_MAX];  /* the first number, ASCII ("1.2") */
    char num2[MD_NUM_MAX]; /* the second of a range ("2" in 1~2家), else "" */
    char unit[MD_UNIT_MAX];/* scale and unit ("万家", "%", "亿元"), "" when none */
    int points;            /* 个百分点 */
    int suffix;            /* MD_SUF_*: the word right after */
    int bad;               /* a number that cannot be held exactly (too many digits) */
    int bracket;           /* printed in [ ] in a table */
} md_qty;

enum { MD_SUF_NONE, MD_SUF_ABOVE, MD_SUF_BELOW, MD_SUF_ABOUT, MD_SUF_MORE };

typedef enum {
    MD_F_CMP, MD_F_ABOUT, MD_F_RANGE, MD_F_EACH, MD_F_TOTAL, MD_F_CUT, MD_F_AGROWTH,
    MD_F_RELATIVE, MD_F_RISES, MD_F_FALLS, MD_F_MILESTONES, MD_F_GROW,
    MD_F_RATE,         /* a row named …增长率(%): the submitted growth rate ('growth rate >=') */
    MD_F_YOY,          /* 增长7%以上 in a year's plan: growth over the previous year ('growth >=') */
    MD_F_YOY_ABOUT,    /* 增长6%左右: 'growth about 6% ± 1%' */
    MD_F_CUT_POINTS,   /* 下降2个百分点: 'cut 2个百分点 from BASE' */
    MD_F_GROW_POINTS   /* 提高2个百分点: 'grow 2个百分点 from BASE' */
} md_form;

typedef struct md_ind {
    const char *id, *name;  /* name: NFKC, as the text prints it */
    const char *unit;       /* "" when the text gives none: `unit 1` */
    int lower;              /* lower is better */
    int reused;             /* a catalogue indicator */
    const char *category, *owner, *source;
    const char *why;        /* a review note on the indicator itself, or NULL */
} md_ind;

/* A target restated more often than this keeps its first restatements only (the rest are still
 * merged: nothing is drafted twice). */
#define MD_MAX_ALSO 4

typedef struct md_target {
    md_form form;
    const char *cmp;            /* ">=", ">", "<=", "<" */
    size_t ind;                 /* index into doc->inds */
    char value[MD_NUM_MAX + MD_UNIT_MAX + 4];   /* quantity as rule text ("2.74%", "1200 家") */
    char value2[MD_NUM_MAX + MD_UNIT_MAX + 4];  /* stretch, or the tolerance of about */
    int nyears, years[MD_MAX_YEARS];            /* milestones: one per value */
    char *mvalues[MD_MAX_YEARS];
    int from, to;               /* period (each, total, rises) or base year (cut, growth) */
    const char *phrase;         /* from the original text */
    int src;                    /* line in the input */
    const char *also[MD_MAX_ALSO];  /* the same target restated elsewhere: its phrases … */
    int also_src[MD_MAX_ALSO];      /* … and their lines */
    int nalso;
    int merged;                 /* restates an earlier target: written there, not alone */
    int aspiration, binding;    /* binding: 1 约束性, 2 预期性 */
    const char *category, *owner, *source;  /* on a catalogue indicator: the plan's own */
    const char *notes[4];       /* "draft: …" notes */
    int nnotes;
    const char *region;         /* the part of the plan's region it is for (其中高新区), or NULL */
    int region_each;            /* 各主城区: a kind of place, each of which is to reach it */
    int pbase_year;             /* the base-year value the plan prints (基期值), 0: none */
    char pbase[MD_NUM_MAX + MD_UNIT_MAX + 4]; /* as rule text ("56.7%") */
} md_target;

typedef struct md_unplaced {
    int src;
    const char *what, *why;
} md_unplaced;

typedef struct md_doc {
    mb_arena *A;
    const mb_draft_opts *o;
    const char *orig;
    size_t norig;
    mb_normtext nt;
    md_line *lines;
    size_t nlines;
    /* header */
    const char *title, *number, *issuer, *region, *date;
    int base, ndeadlines, deadlines[MD_MAX_YEARS];
    int period_from, period_to;     /* the plan's span, e.g. 2018..2020 */
    /* findings */
    md_ind *inds;
    size_t ninds;
    md_target *ts;
    size_t nts;
    md_unplaced *un;
    size_t nun;
    size_t tables;
    size_t controls;                /* control characters read as spaces */
    int *in_table;                  /* per line: 1 when a table claimed it */
    int ctx_year;                   /* the year a paragraph's heading sentence set (到2020年,) */
} md_doc;

/* draft_merge.c: a goal restated (a headline sentence and a task table) becomes one target
 * with several phrases. */
void md_merge_restatements(md_doc *d);
/* draft_restate.c: do indicators i and j count the same thing, named in other words
 * (驰名商标 and 新增驰名商标, 高新技术企业总数 and the catalogue's 高新技术企业数)? And the
 * one a merged goal keeps: the catalogue's, else the one a table describes. */
int md_same_thing(const md_doc *d, size_t i, size_t j);
size_t md_restated_indicator(const md_doc *d, size_t keep, size_t other);

/* draft_util.c */
int md_at(const char *p, const char *end, const char *w);             /* p starts with w */
const char *md_find(const char *p, const char *end, const char *w);   /* first w in [p,end) */
size_t md_char_len(const char *p);                                    /* bytes of the char at p */
size_t md_prev_char(const char *base, size_t off);                    /* offset of the char before off */
char *md_dup(md_doc *d, const char *s, size_t n);
char *md_fmt(md_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The original text of nt.data[start, end): what the document printed. */
char *md_orig(md_doc *d, size_t start, size_t end);
int md_src_line(const md_doc *d, size_t off);
int md_is_space_at(const char *p, const char *end, size_t *len);     /* ASCII or ideographic space */
void md_trim(const char *base, size_t *s, size_t *e);

/* draft_input.c: bytes to lines (HTML through draft_html.c) */
int md_input(md_doc *d, const char *data, size_t n, mb_draft_result *r);
/* draft_html.c: the text of an HTML page, one block or table cell a line; *srcmap gets the
 * input line of each output line. NULL, with *why, when libxml2 gives no document or could
 * not be loaded. */
char *md_html_text(const char *data, size_t n, size_t *len, int **srcmap, size_t *nsrc, const char **why);

/* draft_num.c */
int md_scan_qty(const char *s, size_t i, size_t end, md_qty *q);     /* 1 when a number starts at i */
int md_year_at(const char *s, size_t i, size_t end, int *year, size_t *after);
/* "1200 家", "2.74%", "1.2万家": a quantity as rule text, into buf. */
void md_qty_text(const md_qty *q, int second, char *buf, size_t cap);

/* draft_header.c */
void md_header(md_doc *d);

/* draft_table.c: indicator tables to milestones */
void md_tables(md_doc *d);

/* draft_sent.c: sentences to targets */
void md_sentences(md_doc *d);
/* Drop context words (到2020年, 力争, 全市, list markers) from the front of [*a,*b) and
 * separators from both ends. */
void md_clean(const char *s, size_t *a, size_t *b);
/* draft_forms.c: a target stated in words in [ps,pe) (全覆盖, 前三, 翻一番, 逐年提高, 零突破);
 * 1 when one was drafted. *subj is the subject of the piece before, for 、-lists. */
int md_word_form(md_doc *d, size_t ps, size_t pe, int src, int year, int base, const char **subj, size_t *subj_n);

/* draft_region.c: a part of the plan's region at the start of [a,b): "其中高新区", "各主城区分别"
 * (*each set). The offset after it (and after 分别), its place word in [*pa,*pb); 0 when
 * there is none. md_region_place: a bare place word there ("经开区30家", in a list after 其中). */
size_t md_region_lead(const char *s, size_t a, size_t b, size_t *pa, size_t *pb, int *each);
size_t md_region_place(const char *s, size_t a, size_t b, size_t *pa, size_t *pb);

/* draft_ind.c */
size_t md_indicator(md_doc *d, const char *name, size_t n, const char *unit, int lower, const char **note);
int md_lower_name(const char *name);
md_target *md_new_target(md_doc *d);
void md_note(md_doc *d, md_target *t, const char *note);
void md_unplace(md_doc *d, int src, const char *what, size_t n, const char *why);

/* draft_emit.c */
int md_emit(md_doc *d, mb_draft_result *r);

#endif
