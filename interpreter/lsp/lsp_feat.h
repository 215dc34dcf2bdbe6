/* lsp_feat.h — what the server knows about one document: the core's model of it (with its
 * imports), its diagnostics, and the features that read them. */
#ifndef MB_LSP_FEAT_H
#define MB_LSP_FEAT_H

#include "lsp.h"
#include "model.h"

/* One file of the analysis: the text the model holds and the file it came from. */
typedef struct mb_lsp_file {
    const mb_text *text;
    char *path;              /* absolute, as far as it could be resolved */
    char *name;              /* the name the model gave the text (an import as written) */
    char *uri;               /* the root's: the document's own URI; NULL: made from path */
    mb_lsp_lines lines;      /* positions in text, made once per analysis */
    size_t parent;           /* the file that imports it (index in mb_lsp_an.files) */
} mb_lsp_file;

typedef struct mb_lsp_an {
    mb_model *m;
    mb_diags d;
    const mb_text *root;     /* the document's own text (m->texts[0]) */
    mb_lsp_file *files;      /* every text of the model with its path; files[0] is the root */
    size_t nfiles;
    int checked;             /* the files parsed and the checker ran: names are resolved (as
                                far as they could be: a rule with errors has no criterion) */
    mb_lsp_docs *docs;       /* while loading: imports that are open are read from here */
} mb_lsp_an;

/* Loads and checks the document's text (its imports from open documents, else from disk).
 * NULL only when out of memory. */
mb_lsp_an *mb_lsp_analyze(mb_lsp_docs *ds, const mb_lsp_doc *doc);
void mb_lsp_an_free(mb_lsp_an *a);
/* The file of a text of the analysis, NULL when not one of them. */
const mb_lsp_file *mb_lsp_an_file(const mb_lsp_an *a, const mb_text *t);
/* {"uri":…,"range":…} of a span in any text of the analysis; 0 when it has none. */
int mb_lsp_put_location(FILE *out, const mb_lsp_an *a, mb_span s);
/* {"start":…,"end":…} of byte offsets in a text (of the analysis a: through its position
 * map; another text, or a NULL: counted from its start). */
void mb_lsp_put_range(FILE *out, const mb_lsp_an *a, const mb_text *t, size_t start, size_t end);
/* The position of an offset in a text, and back (as mb_lsp_put_range finds them). */
mb_lsp_pos mb_lsp_an_pos(const mb_lsp_an *a, const mb_text *t, size_t off);
size_t mb_lsp_an_off(const mb_lsp_an *a, const mb_text *t, mb_lsp_pos p);

/* What is at a byte offset of a file's tree (lsp_at.c). */
typedef enum {
    MB_AT_NONE,
    MB_AT_IND_REF,      /* a reference to an indicator: a subject, a formula's operand, part of */
    MB_AT_IND_DEF,      /* an indicator's own id or printed name */
    MB_AT_QUANTITY,     /* a number with its unit in a target or check */
    MB_AT_TARGET,       /* elsewhere in a target statement */
    MB_AT_PLAN,
    MB_AT_IMPORT,
} mb_at_kind;

typedef struct mb_lsp_at {
    mb_at_kind kind;
    mb_aspan span;                  /* the word or statement found */
    const mb_str *ref;              /* IND_REF, IND_DEF: the name as written */
    const mb_quantity *q;           /* QUANTITY */
    const mb_ast_target *target;    /* the target statement the offset is in, if any */
    const mb_ast_indicator *ind;    /* the indicator statement, if any */
    const mb_ast_plan *plan;
    const mb_str *import;
} mb_lsp_at;

mb_lsp_at mb_lsp_at_offset(const mb_ast_file *f, size_t off);
/* Every reference to an indicator in f (subjects, formula operands, part of, a check's
 * other side), and each indicator's own id, in file order. */
typedef void (*mb_lsp_ref_fn)(void *ctx, const mb_str *ref, int is_def);
void mb_lsp_each_ref(const mb_ast_file *f, mb_lsp_ref_fn fn, void *ctx);
/* The indicator a name written in the model's files resolves to (NULL: none, or the model
 * was not checked). */
const mb_indicator *mb_lsp_resolve(const mb_lsp_an *a, const mb_str *ref);

/* Features (one file each): each writes its request's result. */
void mb_lsp_hover(FILE *out, const mb_lsp_an *a, size_t off);
void mb_lsp_complete(FILE *out, const mb_lsp_an *a, size_t off);
void mb_lsp_definition(FILE *out, const mb_lsp_an *a, size_t off);
/* References in a and in the other analyses (the other open documents). */
void mb_lsp_references(FILE *out, const mb_lsp_an *a, size_t off, int with_decl,
                       const mb_lsp_an *const *others, size_t nothers);
void mb_lsp_symbols(FILE *out, const mb_lsp_an *a);
/* Plans, indicators, targets and checks of every file of the analyses (each file once) whose
 * id, name or label holds query (ASCII letters in either case); at most this many. */
enum { MB_LSP_MAX_WORKSPACE_SYMBOLS = 5000 };
void mb_lsp_workspace_symbols(FILE *out, const mb_lsp_an *const *ans, size_t nans, const char *query);
/* 0 with the edits written; -1 when the text cannot be formatted (*why says why). */
int mb_lsp_format(FILE *out, const mb_lsp_doc *doc, const char **why);
/* The same for the statements that [start, end] of the document (analysed as a) touches. */
int mb_lsp_format_range(FILE *out, const mb_lsp_doc *doc, const mb_lsp_an *a, size_t start, size_t end,
                        const char **why);

/* Code lenses and inlay hints (lsp_lens.c): the verdicts of the document's targets on the
 * submission (NULL: no lenses), and the growth a target relative to its base implies. */
char *mb_lsp_submission_for(const char *configured, const char *doc_path);
void mb_lsp_code_lenses(FILE *out, const mb_lsp_an *a, const char *submission);
void mb_lsp_inlay_hints(FILE *out, const mb_lsp_an *a, size_t start, size_t end, const char *submission);

/* The parameters of publishDiagnostics for the document (lsp_diag.c); one diagnostic; the
 * span in the document a diagnostic is shown at (its own, or the import leading to it). */
void mb_lsp_put_diagnostics(FILE *out, const mb_lsp_an *a, const mb_lsp_doc *doc);
void mb_lsp_put_diagnostic(FILE *out, const mb_lsp_an *a, const mb_diag *g);
mb_span mb_lsp_shown_at(const mb_lsp_an *a, mb_span s);
/* Quick fixes (lsp_action.c): a CodeAction for each diagnostic shown in [start, end] of the
 * document that carries its fix (mb_diag.fix: recorded by the pass that found the problem). */
void mb_lsp_code_actions(FILE *out, const mb_lsp_an *a, size_t start, size_t end);

#endif
