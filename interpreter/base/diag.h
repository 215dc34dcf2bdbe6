/* diag.h — diagnostics as records. The library queues them; only the command prints.
 * A diagnostic points into a source text (rule file or data file) by byte offset; line and
 * column are computed when printing, so readers pay nothing for positions of good input. */
#ifndef MB_DIAG_H
#define MB_DIAG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag_codes.h"

typedef enum { MB_SEV_ERROR, MB_SEV_WARNING, MB_SEV_NOTE } mb_severity;

/* A text a diagnostic can point into. For rule files the whole file; for large data files
 * the mapped buffer. `line_hint`/`line_start_hint` let a reader that already knows the line of
 * an offset skip counting from the start of a 500 MB buffer. */
typedef struct mb_text {
    const char *name;   /* as given by the user, for "name:line:col" */
    const char *data;   /* original bytes, not normalised */
    size_t len;
} mb_text;

typedef struct mb_span {
    const mb_text *text; /* NULL: no location (e.g. a usage error) */
    size_t start, end;   /* byte offsets into text->data, end exclusive */
    uint32_t line;       /* 0: compute from the text; else the known 1-based line of start */
    size_t line_start;   /* with line != 0: byte offset where that line starts */
} mb_span;

/* A span in a text of less than 4 GiB (a rule file: at most 16 MiB), in 16 bytes instead of
 * 40: the syntax tree has one on every node, and a 16 MiB file can hold 700,000 statements.
 * Its fields are named as mb_span's; MB_SPAN turns either into an mb_span. */
typedef struct mb_aspan {
    const mb_text *text; /* NULL: none */
    uint32_t start, end;
} mb_aspan;

typedef struct mb_diag {
    mb_code code;        /* stable code from diag_codes.h; printed as "MB3002" */
    mb_severity sev;
    mb_span span;
    char *msg;
    mb_span note_span;   /* optional secondary location ("first defined here") */
    char *note;          /* NULL when there is none */
    mb_span fix_span;    /* optional: replacing this span by `fix` mends the problem (an editor
                            offers it as a quick fix; an empty span inserts) */
    char *fix;           /* NULL when the fix is not known */
} mb_diag;

typedef struct mb_diags {
    mb_diag *v;
    size_t n, cap;
    size_t errors, warnings;
    size_t max_errors;   /* errors (and, separately, warnings) beyond this are counted, not stored */
    size_t dropped, dropped_warnings;
    int oom;             /* an allocation failed while recording */
} mb_diags;

void mb_diags_init(mb_diags *d, size_t max_errors);
void mb_diags_free(mb_diags *d);
/* printf-style; the severity is the code's (diag_codes.h). Returns the new record or NULL
 * when dropped or out of memory. */
mb_diag *mb_diag_add(mb_diags *d, mb_code code, mb_span span, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* One line of the code table. */
typedef struct mb_code_info {
    mb_code code;
    const char *id;      /* "MB_D_UNIT_MISMATCH" */
    mb_severity sev;
    int retired;         /* no longer recorded; the number stays taken */
    const char *summary;
} mb_code_info;
/* The whole table, in order; *n gets its length. */
const mb_code_info *mb_code_table(size_t *n);
/* The line of a code, NULL for one not in the table. */
const mb_code_info *mb_code_lookup(mb_code code);
/* "MB3002" into buf (at least 16 bytes); "MB0000" for no code. */
const char *mb_code_str(mb_code code, char *buf);

void mb_diag_note(mb_diag *g, mb_span span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records the text that mends g's problem when it replaces span (g NULL: nothing). Only the
 * pass that found the problem knows its fix; tools read it, never guess it from a message. */
void mb_diag_fix(mb_diag *g, mb_span span, const char *text);
/* Move src's records to the end of dst, as if recorded there in order: past dst's cap they
 * are counted as dropped. src is freed. */
void mb_diags_take(mb_diags *dst, mb_diags *src);
/* Stable sort by text name, then offset (so output order follows the file). */
void mb_diags_sort(mb_diags *d);

mb_span mb_span_at(const mb_text *t, size_t start, size_t end);
mb_span mb_span_none(void);
static inline mb_span mb_span_of_span(mb_span s) { return s; }
static inline mb_span mb_span_of_aspan(mb_aspan a) { return mb_span_at(a.text, a.start, a.end); }
/* An mb_span from an mb_span or an mb_aspan. */
#define MB_SPAN(s) _Generic((s), mb_aspan: mb_span_of_aspan, default: mb_span_of_span)(s)
/* The diagnostics functions take either kind of span (a compound literal as the span goes in
 * parentheses: its commas would split the macro's arguments). */
#define mb_diag_add(d, code, span, ...) (mb_diag_add)((d), (code), MB_SPAN(span), __VA_ARGS__)
#define mb_diag_note(g, span, ...) (mb_diag_note)((g), MB_SPAN(span), __VA_ARGS__)

/* Position of a span: 1-based line, 1-based column counted in characters. */
typedef struct mb_pos { uint32_t line, col; } mb_pos;
mb_pos mb_span_pos(const mb_span *s);
mb_pos mb_text_pos(const mb_text *t, size_t off);

/* "file:line:col: error: msg\n  source line\n  ^~~~\n" with the caret aligned by display
 * width. `color` adds ANSI colours. */
void mb_diag_print(FILE *out, const mb_diag *g, int color);
void mb_diags_print(FILE *out, const mb_diags *d, int color);
/* Text quoted on a terminal-bound stream (messages, file names, report cells, explain):
 * control characters (ESC, BEL, newline ...), bidi and other invisible format characters
 * (U+202E, U+200B) and noncharacters are shown visibly as "<U+202E>", bytes that are not
 * UTF-8 as "<0xFF>"; everything else is copied. mb_term_clean writes to dst (NULL: only
 * counts; 16 bytes per input byte are always enough) and returns the length. */
size_t mb_term_clean(char *dst, const char *s, size_t n);
void mb_term_put(FILE *out, const char *s, size_t n);
void mb_term_puts(FILE *out, const char *s);
/* The diagnostics as a JSON array (no trailing newline). */
void mb_diags_print_json(FILE *out, const mb_diags *d);

#endif
