/* period.h — a part of a year a target may be due in or a value may be for: a quarter or a
 * month, as one small code beside the year. 0 is the whole year, so every yearly field stays
 * what it was and only sub-year targets and values carry a code. */
#ifndef MB_PERIOD_H
#define MB_PERIOD_H

#include <stddef.h>

/* 1..12: that month; MB_SUB_Q1..MB_SUB_Q1 + 3: a quarter. */
enum { MB_SUB_YEAR = 0, MB_SUB_Q1 = 13, MB_SUB_COUNT = 17 };

static inline int mb_sub_quarter(int sub) { return sub >= MB_SUB_Q1 && sub < MB_SUB_COUNT ? sub - MB_SUB_Q1 + 1 : 0; }
static inline int mb_sub_of_quarter(int q) { return MB_SUB_Q1 + q - 1; }
/* The month a sub-period ends in (12 for the whole year). */
static inline int mb_sub_last_month(int sub) { return sub == 0 ? 12 : sub <= 12 ? sub : 3 * mb_sub_quarter(sub); }
/* year*100 + the month it ends in: periods in time order, as the data's as-of is kept. */
static inline int mb_sub_key(int year, int sub) { return year * 100 + mb_sub_last_month(sub); }

/* "2025", "2025Q1" or "2025-03", as rules and submissions write them; buf needs 16 bytes. */
const char *mb_period_text(int year, int sub, char buf[16]);

#endif
