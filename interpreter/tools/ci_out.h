/* ci_out.h — diagnostics in the formats CI systems read (mb_ci_ prefix): SARIF 2.1.0 for
 * code scanning, GitHub Actions workflow commands, and JUnit XML for test reporters.
 * Each writes only to the stream it is given. */
#ifndef MB_CI_OUT_H
#define MB_CI_OUT_H

#include <stdio.h>

#include "diag.h"

typedef struct mb_ci_run {
    const char *docs_url;   /* base of helpUri: "<docs_url>/diagnostics.md#mb3002"; NULL: the
                               docs/ folder of the source tree as a file: URI */
    int exit_code;          /* the command's exit status, for invocations[0] */
    int ok;                 /* the run itself succeeded (files were read) */
} mb_ci_run;

/* One SARIF 2.1.0 log with one run: the tool with each diagnostic code the results use as a
 * rule (id "MB3002", name, summary, help, level), one result per diagnostic with its region
 * (start and end line and column, columns in Unicode code points), its note as a related
 * location, and partialFingerprints that stay the same when the line moves. */
void mb_ci_print_sarif(FILE *out, const mb_diags *d, const mb_ci_run *run);

/* One GitHub Actions workflow command per diagnostic:
 *   ::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=MB3002::message
 * (warning for warnings, notice for notes), escaped as the runner requires: % \r \n in the
 * message, and also : and , in properties; control and bidi characters made visible. */
void mb_ci_print_github(FILE *out, const mb_diags *d);

/* JUnit XML: one test case per rule file read (files[0..n)), failing with that file's
 * errors (and, when strict, warnings; the rest as system-out); diagnostics without a file
 * in a test case of their own. */
void mb_ci_print_junit(FILE *out, const mb_diags *d, const char *const *files, size_t n, int strict);

/* A file name as a URI reference: unreserved bytes and '/' kept, others %XX; an absolute
 * path becomes file://... */
void mb_ci_uri(FILE *out, const char *path);

#endif
