/* test_lsp.c — the language server's message reader (framing), its JSON reader, UTF-16
 * positions and incremental document edits (interpreter/lsp/lsp.h). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* ---- the message reader, on bytes in memory, handed out `chunk` bytes at a time ---- */

typedef struct src {
    const char *s;
    size_t n, at, chunk;
} src;

static long mem_read(void *ctx, char *buf, size_t cap)
{
    src *m = ctx;
    size_t k = m->n - m->at;
    if (k > cap) k = cap;
    if (k > m->chunk) k = m->chunk;
    memcpy(buf, m->s + m->at, k);
    m->at += k;
    return (long)k;
}

static mb_lsp_status next(mb_lsp_reader *r, char **body, size_t *n, const char **why)
{
    *why = NULL;
    return mb_lsp_read(r, body, n, why);
}

Test(lsp_reader, two_messages_in_one_byte_reads_and_in_one_read)
{
    static const char in[] = "Content-Length: 2\r\n\r\n{}content-length:3\r\nContent-Type: x\r\n\r\n[1]";
    for (size_t chunk = 1; chunk <= sizeof in; chunk += sizeof in - 1) {
        src m = {in, sizeof in - 1, 0, chunk};
        mb_lsp_reader *r = malloc(sizeof *r);
        mb_lsp_reader_init(r, mem_read, &m);
        char *b;
        size_t n;
        const char *why;
        cr_assert_eq(next(r, &b, &n, &why), MB_LSP_MSG);
        cr_assert_eq(n, 2);
        cr_assert_str_eq(b, "{}");
        free(b);
        cr_assert_eq(next(r, &b, &n, &why), MB_LSP_MSG);
        cr_assert_str_eq(b, "[1]");
        free(b);
        cr_assert_eq(next(r, &b, &n, &why), MB_LSP_EOF);
        free(r);
    }
}

static mb_lsp_status one(const char *in, size_t max_body, const char **why)
{
    static mb_lsp_reader r;
    src m = {in, strlen(in), 0, 7};
    mb_lsp_reader_init(&r, mem_read, &m);
    if (max_body) r.max_body = max_body;
    char *b;
    size_t n;
    mb_lsp_status st = next(&r, &b, &n, why);
    free(b);
    return st;
}

Test(lsp_reader, bad_headers_lose_the_framing_and_say_why)
{
    const char *why;
    cr_assert_eq(one("Content-Length: abc\r\n\r\n{}", 0, &why), MB_LSP_BROKEN);
    cr_assert_str_eq(why, "Content-Length is not a number");
    cr_assert_eq(one("Content-Length: 99999999999999999999\r\n\r\n", 0, &why), MB_LSP_BROKEN);
    cr_assert_eq(one("Content-Type: x\r\n\r\n{}", 0, &why), MB_LSP_BROKEN);
    cr_assert_str_eq(why, "no Content-Length header");
    cr_assert_eq(one("Content-Length: 10\r\n\r\n{}", 0, &why), MB_LSP_BROKEN);
    cr_assert_str_eq(why, "input ended inside a message");
    cr_assert_eq(one("Content-Length: 2\r\n", 0, &why), MB_LSP_BROKEN);
    char *longline = malloc(5000);
    memset(longline, 'x', 4999);
    longline[4999] = 0;
    cr_assert_eq(one(longline, 0, &why), MB_LSP_BROKEN);
    free(longline);
}

Test(lsp_reader, a_body_over_the_limit_is_skipped_and_the_next_message_read)
{
    static const char in[] = "Content-Length: 20\r\n\r\n[\"0123456789abcdef\"]Content-Length: 2\r\n\r\n{}";
    src m = {in, sizeof in - 1, 0, 5};
    mb_lsp_reader *r = malloc(sizeof *r);
    mb_lsp_reader_init(r, mem_read, &m);
    r->max_body = 10;
    char *b;
    size_t n;
    const char *why;
    cr_assert_eq(next(r, &b, &n, &why), MB_LSP_SKIPPED);
    cr_assert_str_eq(why, "message too large");
    cr_assert_eq(next(r, &b, &n, &why), MB_LSP_MSG);
    cr_assert_str_eq(b, "{}");
    free(b);
    free(r);
}

/* ---- JSON ---- */

Test(lsp_json, members_strings_with_escapes_and_surrogate_pairs)
{
    mb_arena a;
    mb_arena_init(&a);
    mb_lj v;
    const char *err = NULL;
    static const char in[] = "{\"id\": 7, \"s\": \"a\\n\\u6307\\ud840\\udc00\", \"x\": [true, null, -1.5e2]}";
    cr_assert_eq(mb_lj_parse(&a, in, sizeof in - 1, &v, &err), 0, "%s", err);
    cr_assert_eq(mb_lj_int(&v, "id", -1), 7);
    cr_assert_str_eq(mb_lj_str(&v, "s"), "a\n指\xF0\xA0\x80\x80"); /* 𠀀 */
    const mb_lj *x = mb_lj_get(&v, "x");
    cr_assert_eq(x->n, 3);
    cr_assert_eq(x->v[2].num, -150.0);
    cr_assert_null(mb_lj_get(&v, "nope"));
    mb_arena_free(&a);
}

Test(lsp_json, rejects_what_is_not_json)
{
    static const char *bad[] = {"", "{", "{\"a\" 1}", "[1,]", "\"\xFF\"", "01", "{} x", "\"\\x\"", "tru",
                                "\"a\nb\"", "[\"\\u12\"]"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        mb_arena a;
        mb_arena_init(&a);
        mb_lj v;
        const char *err = NULL;
        cr_assert_eq(mb_lj_parse(&a, bad[i], strlen(bad[i]), &v, &err), -1, "accepted: %s", bad[i]);
        cr_assert_not_null(err);
        mb_arena_free(&a);
    }
    char deep[200];
    memset(deep, '[', sizeof deep);
    mb_arena a;
    mb_arena_init(&a);
    mb_lj v;
    const char *err = NULL;
    cr_assert_eq(mb_lj_parse(&a, deep, sizeof deep, &v, &err), -1);
    cr_assert_str_eq(err, "nested too deeply");
    mb_arena_free(&a);
}

Test(lsp_json, strings_written_are_valid_utf8)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    mb_lj_put_str(f, "a\"\x01\xFF指", 7);
    fclose(f);
    cr_assert_str_eq(buf, "\"a\\\"\\u0001\xEF\xBF\xBD指\"");
    free(buf);
}

/* ---- positions in UTF-16 code units ---- */

/* "a指𠀀b\nx": a (1 byte, 1 unit), 指 (3, 1), 𠀀 (4, 2), b */
static const char T[] = "a\xE6\x8C\x87\xF0\xA0\x80\x80" "b\r\nx";

Test(lsp_pos, offsets_to_positions)
{
    size_t n = sizeof T - 1;
    mb_lsp_pos p = mb_lsp_pos_of(T, n, 4); /* before 𠀀 */
    cr_assert_eq(p.line, 0);
    cr_assert_eq(p.character, 2);
    p = mb_lsp_pos_of(T, n, 8); /* before b: 𠀀 is two units */
    cr_assert_eq(p.character, 4);
    p = mb_lsp_pos_of(T, n, 6); /* inside 𠀀: its start */
    cr_assert_eq(p.character, 2);
    p = mb_lsp_pos_of(T, n, 10); /* the \n of \r\n: the line's end, the \r not counted */
    cr_assert_eq(p.character, 5);
    p = mb_lsp_pos_of(T, n, 11);
    cr_assert_eq(p.line, 1);
    cr_assert_eq(p.character, 0);
}

Test(lsp_pos, positions_to_offsets)
{
    size_t n = sizeof T - 1;
    cr_assert_eq(mb_lsp_off_of(T, n, (mb_lsp_pos){0, 2}), 4);
    cr_assert_eq(mb_lsp_off_of(T, n, (mb_lsp_pos){0, 3}), 4); /* inside the pair: its start */
    cr_assert_eq(mb_lsp_off_of(T, n, (mb_lsp_pos){0, 4}), 8);
    cr_assert_eq(mb_lsp_off_of(T, n, (mb_lsp_pos){0, 99}), 9); /* past the end: before \r\n */
    cr_assert_eq(mb_lsp_off_of(T, n, (mb_lsp_pos){1, 1}), 12);
    cr_assert_eq(mb_lsp_off_of(T, n, (mb_lsp_pos){7, 0}), n);
    /* every offset at a character start goes there and back */
    for (size_t off = 0; off <= n; off++) {
        if (off < n && ((unsigned char)T[off] & 0xC0) == 0x80) continue;
        if (off == 10) continue; /* between \r and \n */
        cr_assert_eq(mb_lsp_off_of(T, n, mb_lsp_pos_of(T, n, off)), off, "offset %zu", off);
    }
}

Test(lsp_doc, incremental_edits_and_uris)
{
    mb_lsp_docs ds = {0};
    mb_lsp_doc *d = mb_lsp_doc_open(&ds, "file:///tmp/a%20b.mb", "指标𠀀x;\nyy", 15, 1);
    cr_assert_not_null(d);
    cr_assert_str_eq(d->path, "/tmp/a b.mb");
    mb_lsp_pos r[2] = {{0, 2}, {0, 4}}; /* 𠀀 */
    cr_assert_eq(mb_lsp_doc_edit(d, r, "Z", 1), 0);
    cr_assert_str_eq(d->text, "指标Zx;\nyy");
    mb_lsp_pos r2[2] = {{1, 1}, {1, 1}};
    cr_assert_eq(mb_lsp_doc_edit(d, r2, "新", 3), 0);
    cr_assert_str_eq(d->text, "指标Zx;\ny新y");
    cr_assert_eq(mb_lsp_doc_edit(d, NULL, "all", 3), 0);
    cr_assert_str_eq(d->text, "all");
    cr_assert_eq(mb_lsp_doc_find(&ds, "file:///tmp/a%20b.mb"), d);
    mb_lsp_docs_free(&ds);
    char *u = mb_lsp_path_uri("/a b/指.mb");
    cr_assert_str_eq(u, "file:///a%20b/%E6%8C%87.mb");
    char *p = mb_lsp_uri_path(u);
    cr_assert_str_eq(p, "/a b/指.mb");
    free(u);
    free(p);
    cr_assert_null(mb_lsp_uri_path("untitled:1"));
    cr_assert_null(mb_lsp_uri_path("file:///a%00b"));
}

/* The position map gives the answers counting from the start gives, with marks close
 * together (every 1 to 7 bytes) so that every kind of place is a mark or near one. */
Test(lsp_pos, the_map_answers_as_counting_does)
{
    static const char S[] = "a\xE6\x8C\x87\xF0\xA0\x80\x80" "b\r\nx\n\n\xFFz\r\xF0\xA0\x80\x80\xF0\xA0\x80\x80\r\n";
    size_t n = sizeof S - 1;
    for (size_t step = 1; step < 8; step++) {
        mb_lsp_lines m;
        cr_assert_eq(mb_lsp_lines_init(&m, S, n, step), 0);
        for (size_t off = 0; off <= n + 1; off++) {
            mb_lsp_pos p = mb_lsp_pos_of(S, n, off), q = mb_lsp_lines_pos(&m, off);
            cr_assert(p.line == q.line && p.character == q.character, "step %zu offset %zu", step, off);
        }
        for (uint32_t l = 0; l < 8; l++)
            for (uint32_t c = 0; c < 8; c++) {
                mb_lsp_pos p = {l, c};
                cr_assert_eq(mb_lsp_lines_off(&m, p), mb_lsp_off_of(S, n, p), "step %zu %u:%u", step, l, c);
            }
        mb_lsp_lines_free(&m);
    }
}

/* 100,000 conversions on a 4 MiB text, half of it one line: each walks from its nearest
 * mark, not from the start (counting from the start would walk 2e11 bytes). */
Test(lsp_pos, conversions_on_a_large_text_walk_from_the_nearest_mark)
{
    size_t n = 4u << 20;
    char *s = malloc(n);
    cr_assert_not_null(s);
    for (size_t i = 0; i < n; i += 4) memcpy(s + i, i < n / 2 ? "\xF0\xA0\x80\x80" : "ab\r\n", 4);
    mb_lsp_lines m;
    cr_assert_eq(mb_lsp_lines_init(&m, s, n, 0), 0);
    mb_lsp_pos_work = 0;
    size_t sum = 0;
    for (size_t k = 0; k < 100000; k++) {
        size_t off = (k * 2654435761u) % n;
        mb_lsp_pos p = mb_lsp_lines_pos(&m, off);
        sum += mb_lsp_lines_off(&m, p) <= off;
    }
    cr_assert_eq(sum, 100000);
    cr_assert_leq(mb_lsp_pos_work, 100000ull * 2 * (MB_LSP_MARK_STEP + 8), "walked %llu bytes", mb_lsp_pos_work);
    mb_lsp_lines_free(&m);
    free(s);
}
