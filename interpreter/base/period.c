/* period.c — a year with its quarter or month, written as rules and submissions write it. */
#include "period.h"

#include <stdio.h>

const char *mb_period_text(int year, int sub, char buf[16])
{
    if (mb_sub_quarter(sub)) snprintf(buf, 16, "%dQ%d", year, mb_sub_quarter(sub));
    else if (sub) snprintf(buf, 16, "%d-%02d", year, sub);
    else snprintf(buf, 16, "%d", year);
    return buf;
}
