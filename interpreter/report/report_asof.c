/* report_asof.c — which period a run is "as of", and why: given (--as-of, mb_evaluate's
 * as_of), else the latest period in the data. One stray row for 2099 must not silently
 * become "now" and turn every verdict into no-data: a period past every deadline of the
 * rules and past the current year is warned about (MB_D_FUTURE_PERIOD, naming its row), and
 * the default as-of is then the latest year in the data up to that horizon. The command and
 * the library both choose it here; the warning goes to the data's diagnostics, for the
 * caller to print or hand to its sink. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "report.h"

/* The last year any rule or plan speaks of, or the current year if later. */
static int horizon(const mb_model *m, int *last_deadline, int *this_year)
{
    int last = mb_model_last_year(m);
    time_t now = time(NULL);
    struct tm tm;
    int year = gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 0;
    *last_deadline = last;
    *this_year = year;
    return last > year ? last : year;
}

/* The latest year up to `h` with a value stored for some rule (0: none). */
static int latest_stored(const mb_model *m, const mb_data *D, int h)
{
    int best = 0;
    for (size_t i = 0; i < m->ninds; i++) {
        const mb_indicator *ind = m->inds[i];
        int first = D->first_year[ind->index];
        if (!first) continue;
        int y = first + D->nyears[ind->index] - 1;
        if (y > h) y = h;
        for (; y >= first && y > best; y--) {
            int found = 0;
            for (size_t r = 0; r < D->nregions && !found; r++) {
                const mb_obs *o = mb_data_obs(D, r, ind, y);
                found = o && o->state == MB_OBS_PRESENT;
            }
            if (found) { best = y; break; }
        }
    }
    return best;
}

/* "2018", "2018-09": a period as a key (year*100 + month) can be shown. */
static void key_text(int key, char *buf, size_t n)
{
    if (key % 100 == 12 || key % 100 == 0) snprintf(buf, n, "%d", key / 100);
    else snprintf(buf, n, "%d-%02d", key / 100, key % 100);
}

int mb_report_as_of_key(const char *given, int given_key, const mb_model *m, const mb_data *D)
{
    int last, year;
    if (given) return given_key;
    if (!D->max_period || !D->max_period_at.text || D->max_period / 100 <= horizon(m, &last, &year)) return D->max_period;
    return -1;
}

const mb_diag *mb_report_as_of(mb_asof *a, const char *given, int given_key, const mb_model *m, mb_data *D)
{
    memset(a, 0, sizeof *a);
    if (given) {
        a->key = given_key;
        snprintf(a->period, sizeof a->period, "%s", given);
        snprintf(a->why, sizeof a->why, "given with --as-of");
        return NULL;
    }
    a->key = D->max_period;
    if (!a->key) {
        snprintf(a->why, sizeof a->why, "no period in the data");
        return NULL;
    }
    key_text(a->key, a->period, sizeof a->period);
    int last, year, h = horizon(m, &last, &year);
    (void)year;
    if (a->key / 100 <= h || !D->max_period_at.text) {
        snprintf(a->why, sizeof a->why, "the latest %s in the data", a->key % 100 == 12 ? "year" : "period");
        return NULL;
    }
    int y = latest_stored(m, D, h);
    /* a warning about the data, counted with the others */
    const mb_diag *g = mb_diag_add(&D->diags, MB_D_FUTURE_PERIOD, D->max_period_at,
                "period %s is past every deadline of the rules (the last is %d) and the current year: "
                "it is not taken as the date of the data; the default --as-of is %d, the latest year "
                "in the data before it (give --as-of to choose)",
                a->period, last, y ? y : h);
    mb_pos p = mb_span_pos(&D->max_period_at);
    a->key = (y ? y : h) * 100 + 12;
    char row[64];
    snprintf(row, sizeof row, "%s", a->period);
    key_text(a->key, a->period, sizeof a->period);
    snprintf(a->why, sizeof a->why, "the latest year in the data before %s (%.200s:%u), which is past every "
             "deadline and the current year", row, D->max_period_at.text->name, p.line);
    return g;
}
