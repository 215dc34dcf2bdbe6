/* check_fix.c — `mubiao check --fix`: the fixes the checker's warnings carry (the operator a
 * phrase's 达到 asks for, 'aspiration' for 力争, …; base/diag.h) written into the rule files
 * named on the command line. Files with errors are refused whole: a fix is only known to
 * mend a file the checker understood. Each file is replaced atomically, as fmt --write does;
 * fixes that touch the same text are applied over a few rounds, each on the file as the round
 * before left it. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fix.h"
#include "fmt.h"

enum { ROUNDS = 4 };

/* Is text t one of the files named (not a file they import, which the user did not ask
 * to change)? */
static int named(const mb_text *t, char **files, int n)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(files[i], t->name)) return 1;
    return 0;
}

/* One round: load, check, apply and write. The number of fixes written, or -1 (errors in
 * the rules, an unreadable file or a failed write: said on stderr). */
static int round_once(char **files, int n)
{
    mb_diags d;
    mb_diags_init(&d, 0);
    mb_model *m = NULL;
    int rc = mb_cli_load_rules(files, n, &d, &m), total = 0;
    if (rc != MB_EXIT_OK) {
        mb_cli_error("check", "--fix: nothing written: %s", rc == MB_EXIT_FAIL ? "the rules have errors (shown below); fix them first"
                                                                               : "a rule file could not be read");
        total = -1;
    }
    for (size_t i = 0; m && total >= 0 && i < m->ntexts; i++) {
        const mb_text *t = m->texts[i];
        char *out;
        size_t len;
        int k = named(t, files, n) ? mb_fix_apply(&d, t, &out, &len) : 0;
        if (k < 0) { mb_cli_error("check", "--fix: out of memory"); total = -1; break; }
        if (!k) continue;
        int e = mb_fmt_write_atomic(t->name, out, len, 0);
        free(out);
        if (e) {
            mb_cli_error("check", "--fix: %s not written (left as it was): %s", t->name, strerror(e));
            total = -1;
            break;
        }
        mb_term_puts(stderr, t->name);
        fprintf(stderr, ": %d fix%s applied\n", k, k == 1 ? "" : "es");
        total += k;
    }
    mb_diags_free(&d);
    mb_model_free(m);
    return total;
}

int mb_cli_check_fix(char **files, int n)
{
    for (int r = 0; r < ROUNDS; r++) {
        int k = round_once(files, n);
        if (k < 0) return -1;
        if (!k) break;
    }
    return 0;
}
