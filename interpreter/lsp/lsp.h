/* lsp.h — the language server's parts (mb_lsp_ prefix): JSON values, message framing,
 * UTF-16 positions, the document store. The features (diagnostics, hover, completion,
 * navigation, formatting) read the core's model, criterion and printer; nothing here parses
 * rule text. */
#ifndef MB_LSP_H
#define MB_LSP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"

/* ---- JSON values (lsp_json.c), allocated in an arena that owns one message ---- */
typedef enum { MB_LJ_NULL, MB_LJ_BOOL, MB_LJ_NUM, MB_LJ_STR, MB_LJ_ARR, MB_LJ_OBJ } mb_lj_kind;
typedef struct mb_lj {
    mb_lj_kind kind;
    int b;                  /* BOOL */
    double num;             /* NUM */
    const char *s;          /* STR (unescaped, NUL-terminated; may hold NUL: see n), NUM (as written) */
    size_t n;               /* STR, NUM: bytes; ARR, OBJ: elements */
    struct mb_lj *v;        /* ARR: elements; OBJ: values */
    const char **keys;      /* OBJ: member names */
} mb_lj;

enum { MB_LJ_MAX_DEPTH = 64 };

/* Parses s[0..n) into *out. 0, or -1 with *err set to a static message (syntax, invalid
 * UTF-8, too deep, out of memory). */
int mb_lj_parse(mb_arena *a, const char *s, size_t n, mb_lj *out, const char **err);
/* Member `key` of an object, NULL when o is not an object or has no such member. */
const mb_lj *mb_lj_get(const mb_lj *o, const char *key);
/* Typed look-ups: a string member (NULL when absent or not a string), an integer member
 * (def when absent or not a whole number in int64 range). */
const char *mb_lj_str(const mb_lj *o, const char *key);
int64_t mb_lj_int(const mb_lj *o, const char *key, int64_t def);
/* A JSON string literal of s[0..n) on out; bytes that are not UTF-8 become U+FFFD, so the
 * output is always valid JSON text. */
void mb_lj_put_str(FILE *out, const char *s, size_t n);
void mb_lj_put_cstr(FILE *out, const char *s); /* NULL: null */
/* A value written back as JSON (for echoing a request's id). */
void mb_lj_put(FILE *out, const mb_lj *v);

/* ---- message framing (lsp_rpc.c) ---- */
/* Where bytes come from: fills buf with up to cap bytes, returns how many, 0 at end of
 * input, -1 on a read error. */
typedef long (*mb_lsp_read_fn)(void *ctx, char *buf, size_t cap);

enum { MB_LSP_MAX_HEADER = 8192, MB_LSP_MAX_BODY = 64 * 1024 * 1024 };

typedef struct mb_lsp_reader {
    mb_lsp_read_fn read;
    void *ctx;
    char buf[65536];
    size_t pos, len;
    int eof;
    size_t max_body;        /* MB_LSP_MAX_BODY unless a test sets less */
} mb_lsp_reader;

typedef enum {
    MB_LSP_MSG,      /* *body (malloc'd) holds *n bytes */
    MB_LSP_EOF,      /* the input ended between messages */
    MB_LSP_SKIPPED,  /* a message that could not be taken (too large): skipped, framing kept */
    MB_LSP_BROKEN,   /* the framing is lost (bad header, input ended inside a message) */
} mb_lsp_status;

void mb_lsp_reader_init(mb_lsp_reader *r, mb_lsp_read_fn fn, void *ctx);
/* The next message. *why says what was wrong for SKIPPED and BROKEN. */
mb_lsp_status mb_lsp_read(mb_lsp_reader *r, char **body, size_t *n, const char **why);
/* Bytes already buffered (a message may be waiting: diagnostics wait for it). */
int mb_lsp_pending(const mb_lsp_reader *r);
/* Writes one framed message. 0, or -1 when the output is gone. */
int mb_lsp_write(FILE *out, const char *body, size_t n);

/* ---- positions (lsp_pos.c): LSP counts lines from 0 and characters in UTF-16 code units;
 * a line ends at "\n" (a "\r" before it belongs to the line end). ---- */
typedef struct mb_lsp_pos { uint32_t line, character; } mb_lsp_pos;
/* The position of byte offset off in s[0..n). An offset inside a character counts as its
 * start; a byte that is not UTF-8 counts as one unit. */
mb_lsp_pos mb_lsp_pos_of(const char *s, size_t n, size_t off);
/* The byte offset of a position: past the end of its line means the line's end, past the
 * last line the text's end, inside a surrogate pair the character's start. */
size_t mb_lsp_off_of(const char *s, size_t n, mb_lsp_pos p);
/* The same answers in time independent of the text's size: marks every `step` bytes (0:
 * MB_LSP_MARK_STEP) made in one pass, a conversion walks from the nearest one. The map reads
 * s (not copied) and is void once s changes. init: 0, or -1 out of memory (the map then
 * answers by counting from the start). */
enum { MB_LSP_MARK_STEP = 256 };
typedef struct mb_lsp_lines {
    const char *s;
    size_t len;
    struct mb_lsp_mark { size_t off; mb_lsp_pos pos; } *v;
    size_t n;
} mb_lsp_lines;
int mb_lsp_lines_init(mb_lsp_lines *m, const char *s, size_t n, size_t step);
void mb_lsp_lines_free(mb_lsp_lines *m);
mb_lsp_pos mb_lsp_lines_pos(const mb_lsp_lines *m, size_t off);
size_t mb_lsp_lines_off(const mb_lsp_lines *m, mb_lsp_pos p);
/* Bytes walked by all conversions so far: what the tests count instead of time. */
extern unsigned long long mb_lsp_pos_work;

/* ---- documents (lsp_doc.c) ---- */
typedef struct mb_lsp_doc {
    char *uri, *path;        /* path: the file the uri names ("file://" only), else the uri */
    char *text;              /* NUL-terminated */
    size_t len;
    int64_t version;
    struct mb_lsp_an *an;    /* the last analysis (the server's; lsp_feat.h), NULL: none */
    int dirty;               /* changed since: diagnostics are due */
    struct mb_lsp_doc *next;
} mb_lsp_doc;

typedef struct mb_lsp_docs {
    mb_lsp_doc *head;
} mb_lsp_docs;

mb_lsp_doc *mb_lsp_doc_find(mb_lsp_docs *ds, const char *uri);
/* Opens (or replaces) a document; NULL when out of memory. */
mb_lsp_doc *mb_lsp_doc_open(mb_lsp_docs *ds, const char *uri, const char *text, size_t n, int64_t version);
/* Unlinks and frees the document (its analysis must have been freed). */
void mb_lsp_doc_close(mb_lsp_docs *ds, const char *uri);
void mb_lsp_docs_free(mb_lsp_docs *ds);
/* Replaces the text between two positions (a whole-text change when range is NULL).
 * 0, or -1 when out of memory or the result would exceed the largest rule file. */
int mb_lsp_doc_edit(mb_lsp_doc *d, const mb_lsp_pos *range, const char *text, size_t n);
/* "file:///a/b%20c.mb" -> "/a/b c.mb" (malloc'd); NULL for another scheme or bad escapes. */
char *mb_lsp_uri_path(const char *uri);
/* "/a/b c.mb" -> "file:///a/b%20c.mb" (malloc'd). */
char *mb_lsp_path_uri(const char *path);

/* ---- the server (lsp_server.c) ---- */
/* Serves LSP on in/out until `exit`; returns the process exit status (0 after shutdown,
 * 1 otherwise, as the protocol asks). Log lines go to err. */
int mb_lsp_serve(int in_fd, FILE *out, FILE *err);

#endif
