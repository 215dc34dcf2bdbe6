/* opts.c — the one option parser of every subcommand: GNU style, like getopt_long with
 * permutation. Options and operands mix in any order; "--name value" and "--name=value" are
 * the same; "--" ends the options; "-" is an operand (standard input or output). Every
 * occurrence is kept in order, so a repeated option adds up instead of silently keeping the
 * last, and the command decides what a repetition means. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const mb_opt *find(const mb_opt *opts, const char *name, size_t n)
{
    for (const mb_opt *o = opts; o->name; o++)
        if (*o->name && strlen(o->name) == n && !memcmp(o->name, name, n)) return o;
    return NULL;
}

/* "--format, --output, ..." for the message about an unknown option. */
static void list_options(FILE *out, const mb_opt *opts)
{
    for (const mb_opt *o = opts; o->name; o++)
        if (*o->name) fprintf(out, "--%s, ", o->name);
}

int mb_cli_parse(const char *cmd, int argc, char **argv, const mb_opt *opts, const char *usage, mb_args *a)
{
    memset(a, 0, sizeof *a);
    /* argc entries are enough for every list: one block, freed by mb_args_free */
    a->opt = malloc(((size_t)argc + 1) * sizeof *a->opt);
    a->val = malloc(((size_t)argc + 1) * sizeof *a->val);
    a->operands = malloc(((size_t)argc + 1) * sizeof *a->operands);
    if (!a->opt || !a->val || !a->operands) {
        mb_args_free(a);
        fputs("mubiao: out of memory\n", stderr);
        return MB_EXIT_USAGE;
    }
    int only_operands = 0;
    for (int i = 1; i < argc; i++) {
        char *s = argv[i];
        if (only_operands || s[0] != '-' || !s[1]) { a->operands[a->noperands++] = s; continue; }
        if (!strcmp(s, "--")) { only_operands = 1; continue; }
        if (!strcmp(s, "-h") || !strcmp(s, "--help")) {
            fputs(usage, stdout);
            mb_args_free(a);
            return -1;
        }
        if (s[1] != '-') {
            mb_args_free(a);
            return mb_cli_usage_error(cmd, "unknown option '%s'", s);
        }
        const char *name = s + 2, *eq = strchr(name, '=');
        size_t n = eq ? (size_t)(eq - name) : strlen(name);
        const mb_opt *o = find(opts, name, n);
        if (!o) {
            mb_cli_error(cmd, "unknown option '%s'", s);
            fprintf(stderr, "mubiao %s takes ", cmd);
            list_options(stderr, opts);
            fprintf(stderr, "--help.\nTry 'mubiao %s --help'.\n", cmd);
            mb_args_free(a);
            return MB_EXIT_USAGE;
        }
        char *v = NULL;
        if (eq) v = (char *)eq + 1;
        else if (o->has_value && i + 1 < argc) v = argv[++i];
        if (o->has_value && (!v || !*v)) {
            mb_args_free(a);
            return mb_cli_usage_error(cmd, "--%s needs a value%s%s", o->name, o->values ? ": " : "",
                                      o->values ? o->values : "");
        }
        if (!o->has_value && eq) {
            mb_args_free(a);
            return mb_cli_usage_error(cmd, "--%s takes no value", o->name);
        }
        a->opt[a->n] = (int)(o - opts);
        a->val[a->n++] = v;
    }
    return 0;
}

void mb_args_free(mb_args *a)
{
    free(a->opt);
    free(a->val);
    free(a->operands);
    memset(a, 0, sizeof *a);
}

size_t mb_args_count(const mb_args *a, int k)
{
    size_t c = 0;
    for (size_t i = 0; i < a->n; i++) c += a->opt[i] == k;
    return c;
}

size_t mb_args_list(const mb_args *a, int k, const char **out)
{
    size_t c = 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->opt[i] == k) out[c++] = a->val[i];
    return c;
}

int mb_args_one(const char *cmd, const mb_args *a, const mb_opt *opts, int k, const char **out)
{
    *out = NULL;
    for (size_t i = 0; i < a->n; i++) {
        if (a->opt[i] != k) continue;
        if (*out && strcmp(*out, a->val[i]))
            return mb_cli_usage_error(cmd, "--%s given twice ('%s' and '%s'): give it once", opts[k].name,
                                      *out, a->val[i]);
        *out = a->val[i];
    }
    return 0;
}
