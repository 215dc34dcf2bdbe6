/* test_diag_codes.c — the table of diagnostic codes (diag_codes.h) is well formed, and a
 * diagnostic carries its code, the code's severity, and shows it in JSON. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "model.h"

Test(diag_codes, table_sorted_unique_and_grouped)
{
    size_t n;
    const mb_code_info *t = mb_code_table(&n);
    cr_assert_gt(n, 50);
    for (size_t i = 0; i < n; i++) {
        int c = (int)t[i].code, group = c / 1000;
        cr_assert(c >= 1001 && c <= 9999, "code %d out of range", c);
        cr_assert(group == 1 || group == 2 || group == 3 || group == 4 || group == 5 || group == 6 || group == 7 || group == 9,
                  "code %d is in no group", c);
        if (i) cr_assert_gt(c, (int)t[i - 1].code, "codes not in ascending order at %d", c);
        cr_assert_eq(strncmp(t[i].id, "MB_D_", 5), 0, "%s", t[i].id);
        cr_assert(t[i].summary && t[i].summary[0], "code %d has no summary", c);
        cr_assert(!t[i].retired || strncmp(t[i].summary, "retired:", 8) == 0,
                  "retired code %d: its summary starts with 'retired:'", c);
        for (size_t j = 0; j < i; j++) cr_assert_str_neq(t[i].id, t[j].id);
        cr_assert_eq(mb_code_lookup(t[i].code), &t[i]);
    }
    cr_assert_null(mb_code_lookup(MB_D_NONE));
    cr_assert_null(mb_code_lookup((mb_code)1000));
    cr_assert_null(mb_code_lookup((mb_code)9999));
}

Test(diag_codes, code_string)
{
    char buf[16];
    cr_assert_str_eq(mb_code_str(MB_D_UNIT_MISMATCH, buf), "MB3002");
    cr_assert_str_eq(mb_code_str(MB_D_SYNTAX, buf), "MB1001");
    cr_assert_str_eq(mb_code_str(MB_D_NONE, buf), "MB0000");
}

/* The severity comes from the table: a warning code counts as a warning. */
Test(diag_codes, record_carries_code_and_severity)
{
    mb_diags d;
    mb_diags_init(&d, 10);
    mb_diag *g = mb_diag_add(&d, MB_D_TARGET_NO_PHRASE, mb_span_none(), "w %d", 1);
    cr_assert_not_null(g);
    cr_assert_eq(g->code, MB_D_TARGET_NO_PHRASE);
    cr_assert_eq(g->sev, MB_SEV_WARNING);
    g = mb_diag_add(&d, MB_D_TOO_MANY_ERRORS, mb_span_none(), "n");
    cr_assert_eq(g->sev, MB_SEV_NOTE);
    g = mb_diag_add(&d, MB_D_UNDEFINED_INDICATOR, mb_span_none(), "e");
    cr_assert_eq(g->sev, MB_SEV_ERROR);
    cr_assert_eq(d.errors, 1);
    cr_assert_eq(d.warnings, 1);

    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    mb_diags_print_json(f, &d);
    fclose(f);
    cr_assert_str_eq(buf, "[{\"code\":\"MB2012\",\"severity\":\"warning\",\"message\":\"w 1\",\"location\":null},"
                          "{\"code\":\"MB9002\",\"severity\":\"note\",\"message\":\"n\",\"location\":null},"
                          "{\"code\":\"MB2001\",\"severity\":\"error\",\"message\":\"e\",\"location\":null}]");
    free(buf);
    mb_diags_free(&d);
}

/* Diagnostics from the parser and the checker come with the code of what went wrong. */
static void expect_codes(const char *src, const mb_code *want, size_t nwant)
{
    mb_model *m = mb_model_new();
    cr_assert_not_null(m);
    mb_diags d;
    mb_diags_init(&d, 50);
    int rc = mb_model_load_text(m, "t.mb", src, strlen(src), &d);
    if (rc == 0 && d.errors == 0) mb_model_check(m, &d);
    mb_diags_sort(&d);
    cr_assert_eq(d.n, nwant, "%zu diagnostics for:\n%s", d.n, src);
    for (size_t i = 0; i < nwant; i++)
        cr_assert_eq(d.v[i].code, want[i], "diagnostic %zu (%s) has code %d, not %d", i, d.v[i].msg,
                     (int)d.v[i].code, (int)want[i]);
    mb_diags_free(&d);
    mb_model_free(m);
}

#define EXPECT(src, ...)                                                                    \
    do {                                                                                    \
        const mb_code w_[] = {__VA_ARGS__};                                                 \
        expect_codes(src, w_, sizeof w_ / sizeof *w_);                                      \
    } while (0)

Test(diag_codes, parser_and_checker_sites)
{
    EXPECT("indicator x \"x\" unit % higher\n", MB_D_SYNTAX);
    EXPECT("indicator x \"x\" unit % higher;\ntarget T \"t\": x >= 1e3% by 2020 phrase \"p\";\n", MB_D_EXPONENT);
    EXPECT("indicator x \"x\" unit % higher;\ntarget T \"t\": y >= 1% by 2020 phrase \"p\";\n",
           MB_D_UNDEFINED_INDICATOR);
    EXPECT("indicator x \"x\" unit % higher;\ntarget T \"t\": x >= 1% by 2020;\n", MB_D_TARGET_NO_PHRASE);
    EXPECT("indicator x \"x\" unit % higher;\ntarget T \"t\": x >= 1 亿元 by 2020 phrase \"p\";\n",
           MB_D_UNIT_MISMATCH);
    EXPECT("indicator x \"x\" unit % higher;\nindicator x \"y\" unit % higher;\n", MB_D_DUPLICATE_INDICATOR);
}
