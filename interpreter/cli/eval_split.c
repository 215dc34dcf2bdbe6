/* eval_split.c — the second thread's sink when eval streams a large file in two parts
 * (data.h, mb_stream_split; ingest_file.c reads the parts): the summary's counts into a
 * table of the part's own, added to the run's when the parts join; the CSV report's lines
 * into a file of the part's own, appended to the output after the first part's lines, so the
 * report is byte for byte one thread's while memory stays bounded (the part's lines, half of
 * a 243 MB report at 100,000 regions, go to the page cache, not to this process). */
#define _GNU_SOURCE /* O_TMPFILE */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* An unnamed file in the folder of `near` (the output's temporary file): O_TMPFILE, or,
 * where the file system has none, a file created and unlinked at once. NULL when neither. */
static FILE *part_file(const char *near)
{
    size_t n = strlen(near);
    char *dir = malloc(n + 16);
    if (!dir) return NULL;
    memcpy(dir, near, n + 1);
    char *slash = strrchr(dir, '/');
    if (!slash) strcpy(dir, ".");
    else if (slash == dir) dir[1] = 0;
    else *slash = 0;
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(dir, n + 16, "%s.part.XXXXXX", near);
        fd = mkstemp(dir);
        if (fd >= 0) unlink(dir);
    }
    free(dir);
    FILE *f = fd >= 0 ? fdopen(fd, "w+") : NULL;
    if (!f && fd >= 0) close(fd);
    return f;
}

/* The second part's sink is let go: its file (whose lines were appended, or are dropped
 * with the part) and its counts. */
static void part_free(mb_cli_split *x)
{
    if (x->pfile) fclose(x->pfile);
    free(x->pcounts);
    x->pcsv = NULL;
    x->pfile = NULL;
    x->pcounts = NULL;
}

static void *split_begin(void *ctx, mb_data *S)
{
    mb_cli_split *x = ctx;
    mb_verdict_fn fn = mb_report_summary_count;
    void *sink;
    if (x->csv) {
        if (!(x->pfile = part_file(x->out->tmp))) return NULL;
        sink = x->pcsv = mb_report_csv_begin_part(x->pfile, x->main->m, S);
    } else {
        sink = x->pcounts = calloc(x->main->m->nrules + 1, sizeof *x->pcounts);
    }
    if (x->csv) fn = mb_report_csv_row;
    if (sink && mb_stream_part_start(&x->part, x->main, S, fn, sink)) return x;
    if (x->pcsv) mb_report_csv_end(x->pcsv, 0);
    part_free(x);
    return NULL;
}

static int split_join(void *ctx, void *part, int keep)
{
    mb_cli_split *x = part;
    (void)ctx;
    /* the part's last lines go to its file first: a line that could not be built or
     * written there means the part is read again */
    if (x->pcsv && mb_report_csv_end(x->pcsv, keep)) keep = 0;
    keep = mb_stream_part_join(x->main, &x->part, keep);
    /* the part's lines after the first part's (a failed copy is the output's: its commit
     * says why and leaves the old file) */
    if (keep && x->csv && !mb_report_csv_flush(x->csv)) (void)mb_cli_out_append(x->out, x->pfile);
    for (size_t r = 0; keep && x->counts && r <= x->main->m->nrules; r++)
        for (size_t k = 0; k < MB_ST_COUNT; k++) x->counts[r][k] += x->pcounts[r][k];
    part_free(x);
    return keep;
}

void mb_cli_split_init(mb_cli_split *x, mb_stream *main, size_t (*counts)[MB_ST_COUNT], mb_csv_stream *csv,
                       mb_out *out)
{
    memset(x, 0, sizeof *x);
    x->ops = (mb_stream_split){split_begin, split_join, x};
    x->main = main;
    x->counts = counts;
    x->csv = csv;
    x->out = out;
}
