/* draft_words.h — the word lists of the drafter (draft_words.c). */
#ifndef MB_DRAFT_WORDS_H
#define MB_DRAFT_WORDS_H

#include "draft_int.h"

enum { MD_W_CMP, MD_W_AGROWTH, MD_W_CUT, MD_W_GROW };
typedef struct md_word {
    const char *w;
    const char *cmp;   /* for MD_W_CMP */
    int kind;
} md_word;

extern const md_word MD_CMP_WORDS[];
extern const char *const MD_STOCK_WORDS[];
extern const char *const MD_LEAD_WORDS[];
extern const char *const MD_VERBS[];

/* The comparator word that ends at s[at] (not before from), or NULL. */
const md_word *md_word_before(const char *s, size_t from, size_t at);
/* Bytes of the word of `words` that ends at s[at] / starts at s[at], or 0. */
int md_ends_with_any(const char *s, size_t from, size_t at, const char *const *words);
int md_starts_with_any(const char *s, size_t at, size_t end, const char *const *words);

#endif
