/* jsonin_fast.c — the common observation object, read without the full JSON parser.
 *
 * Nearly every object of a large submission looks like
 *   {"region":"R000001","indicator":"rd_gdp","period":"2013","value":1.50}
 * on a line of its own: five known member names, plain strings, one number. The full parser
 * (jsonin.c) reads it byte by byte through a recursive descent, a member table and a
 * 700-byte record per object; here the same object is read in one pass that only moves
 * forward:
 *
 * - an object written tight in the documented order (exact_obs) is matched piece by piece:
 *   the text between its values is fixed, so it is four 16-byte compares and three scans for
 *   a closing quote; any other object is read member by member (common_obs):
 * - a string is scanned 16 bytes at a time (SSE2, in the x86-64 baseline) for the bytes
 *   that can end its plain run: '"', '\\', a control character or a byte from 0x80 (one signed
 *   compare against 0x20 finds both of the last two). A byte from 0x80 is checked as UTF-8
 *   with the same decoder the full parser uses, and the scan goes on;
 * - a member name is recognised by its first letter and one fixed-length compare of the
 *   name with its quotes;
 * - a number is checked against the JSON grammar and kept as written (the row handler turns
 *   it into an exact decimal, as it does a CSV field).
 *
 * Positions cost nothing extra: the object must lie on one line (only blanks and tabs may
 * stand between its pieces, and a string cannot hold a newline), so every field is on the
 * line the caller already knows, and its column comes from its offset when a message needs it.
 *
 * Whatever is not of that shape — an escape, a control character, invalid UTF-8, an unknown,
 * missing or repeated member, a value of another type, a newline or CR inside the object,
 * nesting, the end of the input — makes this return 0 having changed nothing, and the full
 * parser reads the object from its '{'. So every error and its position is the full parser's
 * (test_jsonin_fast reads generated submissions both ways and compares every diagnostic,
 * count and report). */
#include "jsonin_fast.h"

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "text.h"

static inline size_t skip_blanks(const unsigned char *b, size_t i, size_t n)
{
    while (i < n && (b[i] == ' ' || b[i] == '\t')) i++;
    return i;
}

static inline int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* The first byte from i on that ends a plain run ('"', '\\', below 0x20, from 0x80), or n. */
static inline size_t plain_end(const unsigned char *b, size_t i, size_t n)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    while (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
        /* signed: bytes from 0x80 are negative, so "less than 0x20" also finds them */
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
                                    _mm_cmplt_epi8(v, space));
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
#endif
    while (i < n && b[i] >= 0x20 && b[i] < 0x80 && b[i] != '"' && b[i] != '\\') i++;
    return i;
}

/* The string whose opening quote is at i, when it has no escape and no control character and
 * is valid UTF-8: the offset after its closing quote. Else 0. */
static inline size_t plain_string(const unsigned char *b, size_t i, size_t n)
{
    size_t j = i + 1;
    for (;;) {
        j = plain_end(b, j, n);
        if (j >= n) return 0;
        if (b[j] == '"') return j + 1;
        if (b[j] < 0x80) return 0; /* an escape or a control character */
        int32_t cp;
        size_t k = mb_utf8_decode(b + j, n - j, &cp);
        if (!k) return 0;
        j += k;
    }
}

/* The JSON number at i: the offset after it (0 when it is not one); *whole: no fraction and
 * no exponent. The same grammar as jr_number in jsonin.c. */
static inline size_t number(const unsigned char *b, size_t i, size_t n, int *whole)
{
    size_t j = i + (b[i] == '-');
    if (j >= n || !is_digit(b[j])) return 0;
    if (b[j] == '0') {
        if (++j < n && is_digit(b[j])) return 0; /* a leading zero */
    } else {
        while (j < n && is_digit(b[j])) j++;
    }
    *whole = 1;
    if (j < n && b[j] == '.') {
        *whole = 0;
        if (++j >= n || !is_digit(b[j])) return 0;
        while (j < n && is_digit(b[j])) j++;
    }
    if (j < n && (b[j] == 'e' || b[j] == 'E')) {
        *whole = 0;
        if (++j < n && (b[j] == '+' || b[j] == '-')) j++;
        if (j >= n || !is_digit(b[j])) return 0;
        while (j < n && is_digit(b[j])) j++;
    }
    return j;
}

#define NAME_IS(lit) (n - i >= sizeof lit - 1 && memcmp(b + i, lit, sizeof lit - 1) == 0)

/* The member name at i (a '"'): its MB_JSONIN_* index, *end just after its closing quote;
 * -1 for any other name (or one written with an escape). */
static inline int member(const unsigned char *b, size_t i, size_t n, size_t *end)
{
    if (n - i < 2) return -1;
    int k;
    size_t len;
    switch (b[i + 1]) {
    case 'r': k = MB_JSONIN_REGION, len = 8; if (!NAME_IS("\"region\"")) return -1; break;
    case 'i': k = MB_JSONIN_INDICATOR, len = 11; if (!NAME_IS("\"indicator\"")) return -1; break;
    case 'p': k = MB_JSONIN_PERIOD, len = 8; if (!NAME_IS("\"period\"")) return -1; break;
    case 'v': k = MB_JSONIN_VALUE, len = 7; if (!NAME_IS("\"value\"")) return -1; break;
    case 'u': k = MB_JSONIN_UNIT, len = 6; if (!NAME_IS("\"unit\"")) return -1; break;
    default: return -1;
    }
    *end = i + len;
    return k;
}

/* Member names with their quotes and the colon, as 16-byte patterns (MB_JSONIN_* order). */
static const char NAME_PAT[MB_JSONIN_NFIELDS][16] = {"\"region\":", "\"indicator\":", "\"period\":", "\"value\":",
                                                     "\"unit\":"};
static const unsigned char NAME_LEN[MB_JSONIN_NFIELDS] = {9, 12, 9, 8, 7};

/* The name of member `k` and its colon, exactly, at i: one 16-byte compare. */
static inline int name_at(const unsigned char *b, size_t i, size_t n, int k)
{
#if defined(__SSE2__)
    if (n - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)NAME_PAT[k]);
        unsigned want = (1u << NAME_LEN[k]) - 1;
        return ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, w)) & want) == want;
    }
#endif
    return n - i >= NAME_LEN[k] && memcmp(b + i, NAME_PAT[k], NAME_LEN[k]) == 0;
}

/* The observation object whose '{' is at b[p], when it has the common shape: on one line,
 * members among "region", "indicator", "period", "value" and "unit" each once (the first four
 * required), strings without escapes or control characters (valid UTF-8), a JSON number or
 * null where its member allows one, blanks and tabs at most between the pieces. Then f holds
 * the fields exactly as the full parser would give them (positions on `line`, which starts at
 * offset ls) and the offset just after the '}' is returned. Anything else returns 0. */
static inline __attribute__((always_inline)) size_t common_obs(const unsigned char *b, size_t n, size_t p,
                                                               uint32_t line, size_t ls,
                                                               mb_csv_field f[MB_JSONIN_NFIELDS])
{
    unsigned have = 0;
    size_t i = skip_blanks(b, p + 1, n);
    for (;;) {
        /* a member: name, ':', value. Most objects give their members in the documented
         * order, so the next one is tried first, name and colon in one compare. */
        if (i >= n || b[i] != '"') return 0;
        int k = __builtin_ctz(~have);
        if (k < MB_JSONIN_NFIELDS && name_at(b, i, n, k)) {
            i += NAME_LEN[k];
        } else {
            k = member(b, i, n, &i);
            if (k < 0 || (have & 1u << k)) return 0;
            i = skip_blanks(b, i, n);
            if (i >= n || b[i] != ':') return 0;
            i++;
        }
        i = skip_blanks(b, i, n);
        if (i >= n) return 0;
        const unsigned char c = b[i];
        const char *s;
        size_t end, len;
        if (c == '"') {
            if (!(end = plain_string(b, i, n))) return 0;
            s = (const char *)b + i + 1;
            len = end - i - 2;
        } else if ((c == '-' || is_digit(c)) && (k == MB_JSONIN_PERIOD || k == MB_JSONIN_VALUE)) {
            int whole;
            if (!(end = number(b, i, n, &whole)) || (k == MB_JSONIN_PERIOD && !whole)) return 0;
            s = (const char *)b + i;
            len = end - i;
        } else if (c == 'n' && (k == MB_JSONIN_VALUE || k == MB_JSONIN_UNIT) && n - i >= 4 &&
                   memcmp(b + i, "null", 4) == 0) {
            /* as the full parser: a null value is an empty field, a null unit no unit */
            s = k == MB_JSONIN_UNIT ? NULL : "";
            len = 0;
            end = i + 4;
        } else {
            return 0;
        }
        f[k] = (mb_csv_field){s, len, i, line, ls};
        have |= 1u << k;
        i = skip_blanks(b, end, n);
        if (i >= n) return 0;
        if (b[i] == '}') break;
        if (b[i] != ',') return 0;
        i = skip_blanks(b, i + 1, n);
    }
    const unsigned required = (1u << MB_JSONIN_UNIT) - 1;
    if ((have & required) != required) return 0;
    if (!(have & 1u << MB_JSONIN_UNIT)) f[MB_JSONIN_UNIT] = (mb_csv_field){NULL, 0, p, line, ls};
    return i + 1;
}

/* The documented shape exactly, {"region":"…","indicator":"…","period":"…","value":N} with
 * nothing between its pieces (what exports write, and nearly every object of a large file):
 * the text between the values is fixed, so each piece is one masked 16-byte compare, each
 * string one scan for its closing quote, and no member name is looked up and no blank
 * skipped. The fields are those common_obs gives for the same object (a string's offset is
 * its opening quote's, the unit is missing, at the '{'). Any other object — members in
 * another order, blanks, a unit, a period as a number, a value as a string or null, a string
 * that is not plain — returns 0 and goes to common_obs. */
static const char OPEN_REGION[16] = "{\"region\":\"", TO_INDICATOR[16] = "\",\"indicator\":\"",
                  TO_PERIOD[16] = "\",\"period\":\"", TO_VALUE[16] = "\",\"value\":";
enum { OPEN_REGION_LEN = 11, TO_INDICATOR_LEN = 15, TO_PERIOD_LEN = 12, TO_VALUE_LEN = 10 };

/* pat's first len bytes at i; the caller made sure 16 bytes can be read there */
static inline int piece_at(const unsigned char *b, size_t i, const char pat[16], unsigned len)
{
#if defined(__SSE2__)
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(b + i));
    __m128i w = _mm_loadu_si128((const __m128i *)(const void *)pat);
    unsigned want = (1u << len) - 1;
    return ((unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, w)) & want) == want;
#else
    return memcmp(b + i, pat, len) == 0;
#endif
}

/* The plain number at v that the '}' at its end closes: digits with at most one '.' between
 * two of them, no sign, no leading zero, no exponent. Its end is found without a branch per
 * byte (a value's length varies from row to row, which a byte loop mispredicts): the first
 * byte of the 16 from v that is neither a digit nor a '.'. Else 0 (then number() decides). */
static inline size_t plain_number(const unsigned char *b, size_t n, size_t v)
{
#if defined(__SSE2__)
    if (n - v < 16) return 0;
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + v));
    /* signed compares: bytes from 0x80 are negative, so never digits */
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
    unsigned dot = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')));
    unsigned num = (unsigned)_mm_movemask_epi8(digit) | dot;
    unsigned len = (unsigned)__builtin_ctz(~num); /* 16 when all of them are */
    if (len == 0 || len == 16 || b[v + len] != '}') return 0;
    dot &= (1u << len) - 1;
    if (dot & (dot - 1)) return 0;                                  /* two dots */
    if (dot & (1u | 1u << (len - 1))) return 0;                     /* a dot first or last */
    if (b[v] == '0' && len > 1 && !(dot & 2u)) return 0;            /* a leading zero */
    return v + len;
#else
    (void)b, (void)n, (void)v;
    return 0;
#endif
}

static inline __attribute__((always_inline)) size_t exact_obs(const unsigned char *b, size_t n, size_t p,
                                                              uint32_t line, size_t ls,
                                                              mb_csv_field f[MB_JSONIN_NFIELDS])
{
    if (n - p < 16 || !piece_at(b, p, OPEN_REGION, OPEN_REGION_LEN)) return 0;
    /* Each string runs from its opening quote (the last byte of the piece before it) to the
     * first byte that ends a plain run; the next piece, compared there, starts with the
     * closing quote, so a string that ends otherwise (an escape, a control character, a byte
     * from 0x80) fails that compare and the object goes to common_obs. */
    size_t q0 = p + OPEN_REGION_LEN - 1, c0 = plain_end(b, q0 + 1, n);
    if (n - c0 < 16 || !piece_at(b, c0, TO_INDICATOR, TO_INDICATOR_LEN)) return 0;
    size_t q1 = c0 + TO_INDICATOR_LEN - 1, c1 = plain_end(b, q1 + 1, n);
    if (n - c1 < 16 || !piece_at(b, c1, TO_PERIOD, TO_PERIOD_LEN)) return 0;
    size_t q2 = c1 + TO_PERIOD_LEN - 1, c2 = plain_end(b, q2 + 1, n);
    if (n - c2 < 16 || !piece_at(b, c2, TO_VALUE, TO_VALUE_LEN)) return 0;
    size_t v = c2 + TO_VALUE_LEN, e3 = plain_number(b, n, v);
    if (!e3) {
        int whole;
        if (!(e3 = number(b, v, n, &whole)) || e3 >= n || b[e3] != '}') return 0;
    }
    f[MB_JSONIN_REGION] = (mb_csv_field){(const char *)b + q0 + 1, c0 - q0 - 1, q0, line, ls};
    f[MB_JSONIN_INDICATOR] = (mb_csv_field){(const char *)b + q1 + 1, c1 - q1 - 1, q1, line, ls};
    f[MB_JSONIN_PERIOD] = (mb_csv_field){(const char *)b + q2 + 1, c2 - q2 - 1, q2, line, ls};
    f[MB_JSONIN_VALUE] = (mb_csv_field){(const char *)b + v, e3 - v, v, line, ls};
    f[MB_JSONIN_UNIT] = (mb_csv_field){NULL, 0, p, line, ls};
    return e3 + 1;
}

long mb_jsonin_fast_run(const unsigned char *b, size_t n, size_t *p, uint32_t *line, size_t *ls,
                        mb_csv_row_fn fn, void *ctx, int *stop)
{
    mb_csv_field f[MB_JSONIN_NFIELDS];
    size_t at = *p, lstart = *ls;
    uint32_t ln = *line;
    long count = 0;
    for (;;) {
        size_t end = exact_obs(b, n, at, ln, lstart, f);
        if (!end && !(end = common_obs(b, n, at, ln, lstart, f))) break;
        count++;
        *p = end, *line = ln, *ls = lstart;
        if (fn(ctx, f, MB_JSONIN_NFIELDS)) {
            *stop = 1;
            break;
        }
        /* the separator: ',' and white space (the full parser's: blank, tab, CR, newline);
         * most often ",\n" */
        at = end;
        if (n - at > 2 && b[at] == ',' && b[at + 1] == '\n' && b[at + 2] == '{') {
            at += 2, ln++, lstart = at;
            continue;
        }
        while (at < n && (b[at] == ' ' || b[at] == '\t' || b[at] == '\r')) at++;
        if (at >= n || b[at] != ',') break;
        at++;
        for (; at < n; at++) {
            if (b[at] == '\n') ln++, lstart = at + 1;
            else if (b[at] != ' ' && b[at] != '\t' && b[at] != '\r') break;
        }
        if (at >= n || b[at] != '{') break;
    }
    return count;
}
