/* eval_split.c — the second thread's sink when eval streams a large file in two parts
 * (data.h, mb_stream_split; ingest_file.c reads the parts): the summary's counts into a
 * table of the part's own, added to the run's when the parts join. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void *split_begin(void *ctx, mb_data *S)
{
    mb_cli_split *x = ctx;
    x->pcounts = calloc(x->main->m->nrules + 1, sizeof *x->pcounts);
    if (x->pcounts && mb_stream_part_start(&x->part, x->main, S, mb_report_summary_count, x->pcounts)) return x;
    free(x->pcounts);
    x->pcounts = NULL;
    return NULL;
}

static int split_join(void *ctx, void *part, int keep)
{
    mb_cli_split *x = part;
    (void)ctx;
    keep = mb_stream_part_join(x->main, &x->part, keep);
    for (size_t r = 0; keep && r <= x->main->m->nrules; r++)
        for (size_t k = 0; k < MB_ST_COUNT; k++) x->counts[r][k] += x->pcounts[r][k];
    free(x->pcounts);
    x->pcounts = NULL;
    return keep;
}

void mb_cli_split_init(mb_cli_split *x, mb_stream *main, size_t (*counts)[MB_ST_COUNT])
{
    memset(x, 0, sizeof *x);
    x->ops = (mb_stream_split){split_begin, split_join, x};
    x->main = main;
    x->counts = counts;
}
