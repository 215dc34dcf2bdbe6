/* cli.h — shared by the subcommands of the mubiao command. */
#ifndef MB_CLI_H
#define MB_CLI_H

#include <stdio.h>

#include "diag.h"
#include "model.h"
#include "report.h"

enum { MB_EXIT_OK = 0, MB_EXIT_FAIL = 1, MB_EXIT_USAGE = 2 };

int mb_cmd_check(int argc, char **argv);
int mb_cmd_eval(int argc, char **argv);
int mb_cmd_explain(int argc, char **argv);
int mb_cmd_merge(int argc, char **argv);
/* eval's options and reports under another command's name and usage (merge: cmd_merge.c). */
int mb_cli_eval_run(const char *cmd, int argc, char **argv, const char *usage);
/* eval --shard's report (shard_out.c): the JSON report, then the shard's part of the run. */
mb_tally mb_cli_shard_json(FILE *out, const mb_eval *e, const mb_filter *f, int trace);
int mb_cmd_history(int argc, char **argv);
int mb_cmd_diff(int argc, char **argv);
int mb_cmd_fmt(int argc, char **argv);
int mb_cmd_draft(int argc, char **argv);
int mb_cmd_lsp(int argc, char **argv);
int mb_cmd_sql(int argc, char **argv);
int mb_cmd_test(int argc, char **argv);

/* check --fix (check_fix.c): writes the fixes of the checker's warnings into the files named
 * (atomically; refused when the rules have errors). 0, or -1 when something was said on
 * stderr and nothing more should be written. */
int mb_cli_check_fix(char **files, int n);

/* "mubiao check: msg" on stderr plus a pointer to --help; returns MB_EXIT_USAGE. The message
 * is cleaned for the terminal (mb_term_put): it usually quotes what the user typed. */
int mb_cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The --fail-on set: statuses separated by commas (spaces around them allowed), "none" for the
 * empty set; every --fail-on adds to it; `dflt` when none is given. Only the first `nstatus`
 * statuses are accepted (eval's nine; sql --run's also borderline and unsupported). Returns 0,
 * or 2 after a usage error naming `cmd`. */
int mb_cli_fail_on(const char *cmd, const char *const *specs, size_t n, int nstatus, unsigned dflt, unsigned *mask);
/* "mubiao check: msg" on stderr, cleaned, without the pointer to --help. */
void mb_cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The option parser shared by every subcommand (opts.c). */
typedef struct mb_opt {
    const char *name;      /* without the leading "--"; NULL ends a table */
    int has_value;
    const char *values;    /* what the value may be, for "needs a value" (NULL: nothing said) */
} mb_opt;
typedef struct mb_args {
    size_t n;              /* options given, in order */
    int *opt;              /* index into the table */
    char **val;            /* its value (NULL for a flag) */
    char **operands;
    int noperands;
} mb_args;
/* 0: parsed; -1: --help printed (exit 0); MB_EXIT_USAGE: a message was printed. */
int mb_cli_parse(const char *cmd, int argc, char **argv, const mb_opt *opts, const char *usage, mb_args *a);
void mb_args_free(mb_args *a);
size_t mb_args_count(const mb_args *a, int k);
/* Every value of option k in order; out needs room for mb_args_count of them. */
size_t mb_args_list(const mb_args *a, int k, const char **out);
/* The value of an option that takes one (NULL when absent); given twice with different
 * values is a usage error (returns MB_EXIT_USAGE), never "the last one wins". */
int mb_args_one(const char *cmd, const mb_args *a, const mb_opt *opts, int k, const char **out);
/* Colour on stderr only when it is a terminal and NO_COLOR is unset. */
int mb_cli_color(FILE *f);
/* Threads for reading and reports: 1 when MB_THREADS=1 (for comparisons), else 0 (the
 * library's default). The command reads the environment; the library never does. */
size_t mb_cli_threads(void);
/* Streaming evaluation allowed: not when MB_STREAM=0 (for comparisons and measurements). */
int mb_cli_stream(void);
/* Load and check the rule files; diagnostics go into d. Returns 0, 1 (rule errors) or 2
 * (a file could not be read). *out is set whenever a model was built. */
int mb_cli_load_rules(char **paths, int n, mb_diags *d, mb_model **out);

/* Where a report goes (output.c): a regular file is replaced atomically (temporary file in
 * the same folder, fsync, rename) keeping its mode; character devices and FIFOs are written
 * through; symbolic links are followed; an input of the run (any rule file, import or data
 * file in m and D) is refused; NULL or "-" is standard output. */
typedef struct mb_out {
    FILE *f;
    const char *path;   /* NULL: standard output */
    char *tmp;          /* the temporary file, when replacing a regular file */
    char *target;       /* the file a symbolic link points to (NULL: path itself) */
    int through;        /* a device or FIFO, written in place */
    struct mb_out_file *w; /* the temporary file's writer (out_file.c), when there is one; or
                              standard output's, when it is a file (mb_cli_out_stdout_file) */
    char *near;         /* standard output's file as named then (NULL: unknown): a streamed
                           report's second part is spooled in its folder (eval_split.c) */
} mb_out;
int mb_cli_out_open(mb_out *o, const char *path, const mb_model *m, const mb_data *D); /* 0, or -1 with a message */
int mb_cli_out_commit(mb_out *o);                   /* 0, or -1 with a message printed */
/* Would the report replace a regular file at path (through a temporary file in a folder we
 * may write)? Then it can be opened before the data is read and emptied again. */
int mb_cli_out_replaces(const char *path);
/* For an output opened before the data was read: refuse it (message, abort, -1) when it is
 * one of the data files after all. */
int mb_cli_out_recheck(mb_out *o, const mb_model *m, const mb_data *D);
/* Is path one of the inputs in m and D (rule files, imports, data files)? */
int mb_cli_out_is_input(const char *path, const mb_model *m, const mb_data *D);
void mb_cli_out_abort(mb_out *o);
/* Is standard output a regular file that a report streamed while the data is read can be
 * written to, and cut back should the data have to be read again (not a pipe or a terminal,
 * not a file opened to append, not one of the data files named or in a folder named)? */
int mb_cli_stdout_streams(const char *const *data, size_t ndata);
/* For o opened on standard output: write it through a writer on a copy of its descriptor
 * (out_file.c), which can empty and cut the report back to where it started. 0, or -1 (o
 * unchanged: standard output written as usual). */
int mb_cli_out_stdout_file(mb_out *o);
/* For a report replacing a regular file: empty the temporary file, to write the report
 * again from its start. 0, or -1. */
int mb_cli_out_empty(mb_out *o);
off_t mb_cli_out_mark(mb_out *o);                    /* the mb_out_file_* ones, or -1 */
int mb_cli_out_copy(mb_out *o, int in, off_t from, off_t to, int last);
int mb_cli_out_cut(mb_out *o, off_t at);
void mb_cli_out_drop_old(const mb_out *o); /* the old output's cached pages dropped, if any */

/* The temporary file's writer (out_file.c): a stream to fd that, on Linux, starts writing
 * back behind itself every few MiB, so that the fsync before the rename has little left to
 * wait for. sync flushes and fsyncs; each returns 0 or an errno (the first failed write's,
 * whatever stdio kept). close closes the stream and fd and frees w. */
typedef struct mb_out_file mb_out_file;
FILE *mb_out_file_open(int fd, mb_out_file **w);
int mb_out_file_error(const mb_out_file *w);
int mb_out_file_sync(mb_out_file *w, FILE *f);
int mb_out_file_close(mb_out_file *w, FILE *f);
int mb_out_file_empty(mb_out_file *w, FILE *f);
/* The file cut back to what it held before the report, whatever failed, and every later
 * write refused (so closing f writes nothing more). 0, or -1. */
int mb_out_file_undo(mb_out_file *w, FILE *f);
/* Following a file while another thread writes it (eval_split.c): the bytes w holds
 * (flushing f; -1 on an error), bytes [from, to) of the descriptor `in` copied after them
 * (writeback of what is left started when `last`), and w cut back to its first `at` bytes. A
 * failure is kept, as a write's, and fails the report at its commit. */
off_t mb_out_file_mark(mb_out_file *w, FILE *f);
int mb_out_file_copy(mb_out_file *w, FILE *f, int in, off_t from, off_t to, int last);
int mb_out_file_cut(mb_out_file *w, FILE *f, off_t at);

/* Streaming eval on two threads (eval_split.c): the second part's sink — a table of counts
 * when `counts` (the summary's), else a file of CSV lines appended to `out`, `csv`'s output,
 * when the parts join (created in the folder of out's temporary file). D->split = &x->ops. */
typedef struct mb_cli_spool mb_cli_spool;
typedef struct mb_cli_split {
    mb_stream_split ops;
    mb_stream *main;                  /* the first part's stream */
    size_t (*counts)[MB_ST_COUNT];
    mb_csv_stream *csv;
    mb_out *out;                      /* csv's output (its temporary file) */
    mb_stream part;                   /* the second part's, while it is read */
    size_t (*pcounts)[MB_ST_COUNT];
    mb_csv_stream *pcsv;
    FILE *pfile;
    struct mb_cli_spool *spool;       /* pfile's count of bytes written and copied */
    off_t mark;                       /* the output's length before the part was followed, or -1 */
} mb_cli_split;
void mb_cli_split_init(mb_cli_split *x, mb_stream *main, size_t (*counts)[MB_ST_COUNT], mb_csv_stream *csv,
                       mb_out *out);

/* A stream that writes to `under` what it is given, cleaned for a terminal (mb_term_clean),
 * line breaks kept; fclose flushes it and leaves `under` open. NULL when out of memory. */
FILE *mb_cli_term_stream(FILE *under);

/* A selection that selects nothing is a usage error (select.c): every filter value must name
 * a plan, region, rule, category or owner (else the message names the closest ones), and the
 * filters together must select some target for some region. 0 or MB_EXIT_USAGE. */
int mb_cli_check_selection(const char *cmd, const mb_eval *e, const mb_filter *f);
/* One name for option opt ("--rule", "--region", ...): 0 when known, else a message with the
 * closest names and MB_EXIT_USAGE. */
int mb_cli_name_known(const char *cmd, const mb_eval *e, const char *opt, const char *want);

/* sql --run (cmd_sql_run.c): the compiled script run in PostgreSQL, its verdicts reported. */
typedef struct mb_sql_run_args {
    const struct mb_sql_opts *o;
    const char *conninfo, *as_of, *format, *output;
    unsigned fail_mask;
    int keep;              /* --verdicts given: the table is committed, else rolled back */
} mb_sql_run_args;
/* Checks --format and --fail-on (the mask into a); 0 or MB_EXIT_USAGE. */
int mb_cli_sql_run_check(mb_sql_run_args *a, const char *const *fail_on, size_t nfail_on);
int mb_cli_sql_run(const mb_sql_run_args *a, const mb_model *m);

#endif
