/* test_print.c — the canonical printer (print.h). Round trip over every .mb file of the
 * repository (found by walking rules/, examples/, tests/ and bench/, so a new file is covered
 * without listing it): parse → print → parse gives the same tree (the structural dump, which
 * includes every comment), and printing is idempotent. Then the layout itself, pinned. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "parse.h"
#include "print.h"
#include "support.h"

typedef struct parsed {
    mb_text text;
    mb_arena arena;
    mb_ast_file file;
    mb_diags diags;
    int rc;
} parsed;

static void parse_into(parsed *p, const char *name, const char *src, size_t n)
{
    memset(p, 0, sizeof *p);
    p->text = (mb_text){name, src, n};
    mb_arena_init(&p->arena);
    mb_diags_init(&p->diags, 50);
    p->rc = mb_parse_text(&p->text, &p->arena, &p->file, &p->diags);
}

static void parsed_free(parsed *p)
{
    mb_arena_free(&p->arena);
    mb_diags_free(&p->diags);
}

static char *dump(const mb_ast_file *f)
{
    char *s = NULL;
    size_t n = 0;
    FILE *o = open_memstream(&s, &n);
    cr_assert_not_null(o);
    mb_print_dump(o, f);
    fclose(o);
    return s;
}

static char *print(const mb_ast_file *f)
{
    size_t n = 0;
    char *s = mb_print_file(f, &n);
    cr_assert_not_null(s);
    cr_assert_eq(strlen(s), n);
    return s;
}

/* print(src), checking the round trip on the way. NULL when src does not parse. */
static char *round_trip(const char *name, const char *src, size_t n)
{
    parsed a, b, c;
    parse_into(&a, name, src, n);
    if (a.rc) { parsed_free(&a); return NULL; }
    char *p1 = print(&a.file);
    parse_into(&b, "printed", p1, strlen(p1));
    if (b.rc) {
        char *d = mbt_diags_text(&b.diags);
        cr_assert_fail("%s: the printed text does not parse:\n%s\n--- printed:\n%s", name, d, p1);
    }
    char *d1 = dump(&a.file), *d2 = dump(&b.file);
    cr_expect_str_eq(d2, d1, "%s: the tree changed in printing; printed:\n%s", name, p1);
    char *p2 = print(&b.file);
    cr_expect_str_eq(p2, p1, "%s: printing is not idempotent", name);
    parse_into(&c, "printed twice", p2, strlen(p2));
    free(d1);
    free(d2);
    free(p2);
    parsed_free(&a);
    parsed_free(&b);
    parsed_free(&c);
    return p1;
}

static size_t files_ok, files_skipped;

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)sb;
    (void)ftw;
    size_t n = strlen(path);
    if (type != FTW_F || n < 3 || strcmp(path + n - 3, ".mb") != 0) return 0;
    size_t len;
    char *src = mbt_read_file(path, &len);
    cr_assert_not_null(src, "cannot read %s", path);
    char *out = round_trip(path, src, len);
    if (out) files_ok++;
    else files_skipped++;
    free(out);
    free(src);
    return 0;
}

Test(print, round_trip_every_rule_file_in_the_repository, .timeout = 120)
{
    const char *dirs[] = {"rules", "examples", "tests", "bench"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
        cr_assert_eq(nftw(mbt_src_path(dirs[i]), visit, 16, FTW_PHYS), 0);
    cr_log_info("round trip: %zu files, %zu with syntax errors skipped", files_ok, files_skipped);
    /* the six seed plans, the examples and the test corpus: far more than this */
    cr_assert_geq(files_ok, 60, "only %zu files found", files_ok);
}

/* ---- the layout ------------------------------------------------------------------------ */

static void prints(const char *src, const char *want)
{
    char *got = round_trip("t.mb", src, strlen(src));
    cr_assert_not_null(got, "does not parse: %s", src);
    cr_expect_str_eq(got, want);
    free(got);
}

Test(print, canonical_order_spacing_and_operators)
{
    prints("indicator  a \"甲\" owner \"O\" integer higher unit  吨 / 万元 =(b+c)*2;\n"
           "target T1 :a≥1.50 吨/万元 by 2018,２ 吨/万元 by 2019 note \"n\" phrase \"p\" from 2017;\n",
           "indicator a \"甲\" unit 吨/万元 higher integer\n"
           "  owner \"O\"\n"
           "  = (b + c) * 2;\n"
           "target T1: a >= 1.50 吨/万元 by 2018, ２ 吨/万元 by 2019 from 2017\n"
           "  phrase \"p\"\n"
           "  note \"n\";\n");
}

Test(print, every_form)
{
    prints("target A: x about 1200 家 within 5% by 2018;\n"
           "target B: x about 1.2万人 +- 500 人;\n"
           "target B2: x about 1200 within 5%  two-sided by 2018;\n"
           "target C: x between 1 and 2;\n"
           "target D: x >= 1 stretch 2 by 2020;\n"
           "target E: x >= 1 each year 2016..2020;\n"
           "target F: x <= 5 total 2016..2020;\n"
           "target G: x >= 2 * base 2013 by 2015;\n"
           "target H: x > region \"省\";\n"
           "target I: x cut 20% from 2021 by 2024;\n"
           "target J: x grow 5% from 2021;\n"
           "target K: x annual growth >= - 1.5% from 2021 by 2024;\n"
           "target L: x rises every year 2022..2024;\n"
           "target M: \"名\" falls every year 2022..2024;\n"
           "target N: qualitative;\n"
           "target O \"o\": x qualitative;\n"
           "target S: x >= 5 by 2020 phrase \"力争达到5\", \"5\" aspiration from 2018 expected;\n"
           "target U: x >= 5 by 2020 binding;\n"
           "target V: x growth >= 6% by 2021, 5.5% by 2022;\n"
           "target W: x growth > 7%  each year 2021..2025;\n"
           "target X: x growth about 6% +- 0.5% two-sided by 2024;\n"
           "target Y: x >= last year by 2024;\n"
           "target Z: x <= last year each year 2021..2025;\n"
           "target Z1: x growth  rate >= 6% by 2024;\n"
           "target Z2: x growth rate about 6% within 10% by 2024;\n"
           "target Z3: x growth rate < 3% each year 2021..2025;\n"
           "check P: x <= y;\n"
           "check Q \"q\": x between 0% and 100%;\n"
           "check R: x integer;\n",
           "target A: x about 1200 家 within 5% by 2018;\n"
           "target B: x about 1.2万人 ± 500 人;\n"
           "target B2: x about 1200 within 5% two-sided by 2018;\n"
           "target C: x between 1 and 2;\n"
           "target D: x >= 1 stretch 2 by 2020;\n"
           "target E: x >= 1 each year 2016..2020;\n"
           "target F: x <= 5 total 2016..2020;\n"
           "target G: x >= 2 × base 2013 by 2015;\n"
           "target H: x > region \"省\";\n"
           "target I: x cut 20% from 2021 by 2024;\n"
           "target J: x grow 5% from 2021;\n"
           "target K: x annual growth >= -1.5% from 2021 by 2024;\n"
           "target L: x rises every year 2022..2024;\n"
           "target M: \"名\" falls every year 2022..2024;\n"
           "target N: qualitative;\n"
           "target O \"o\": x qualitative;\n"
           "target S: x >= 5 by 2020 from 2018 expected aspiration\n"
           "  phrase \"力争达到5\", \"5\";\n"
           "target U: x >= 5 by 2020 binding;\n"
           "target V: x growth >= 6% by 2021, 5.5% by 2022;\n"
           "target W: x growth > 7% each year 2021..2025;\n"
           "target X: x growth about 6% ± 0.5% two-sided by 2024;\n"
           "target Y: x >= last year by 2024;\n"
           "target Z: x <= last year each year 2021..2025;\n"
           "target Z1: x growth rate >= 6% by 2024;\n"
           "target Z2: x growth rate about 6% within 10% by 2024;\n"
           "target Z3: x growth rate < 3% each year 2021..2025;\n"
           "check P: x <= y;\n"
           "check Q \"q\": x between 0% and 100%;\n"
           "check R: x integer;\n");
}

Test(print, plan_aligned_and_strings_escaped)
{
    prints("plan p { deadline 2018,2019 base 2017 region \"a\\\"b\",\"c\\\\d\" name \"x\\ty\" date 2018-05-28 }\n"
           "plan q {}\n",
           "plan p {\n"
           "  name     \"x\\ty\"\n"
           "  date     2018-05-28\n"
           "  region   \"a\\\"b\", \"c\\\\d\"\n"
           "  base     2017\n"
           "  deadline 2018, 2019\n"
           "}\n"
           "plan q {\n"
           "}\n");
}

Test(print, comments_and_blank_lines_stay)
{
    prints("# header\n"
           "\n"
           "\n"
           "# about a\n"
           "indicator a unit 家 higher; # trailing a\n"
           "plan p {\n"
           "  name \"P\"\n"
           "  # before base\n"
           "  base 2017\n"
           "  # before the brace\n"
           "}\n"
           "\n"
           "target T: a >= 1 # inside the body\n"
           "  by 2018\n"
           "  source \"S\"\n"
           "  # before phrase, which moves up\n"
           "  phrase \"p\"\n"
           "  # before the semicolon\n"
           "  ;\n"
           "# at the end   \n",
           "# header\n"
           "\n"
           "# about a\n"
           "indicator a unit 家 higher; # trailing a\n"
           "plan p {\n"
           "  name     \"P\"\n"
           "  # before base\n"
           "  base     2017\n"
           "  # before the brace\n"
           "}\n"
           "\n"
           "target T: a >= 1 by 2018 # inside the body\n"
           "  # before phrase, which moves up\n"
           "  phrase \"p\"\n"
           "  # before the semicolon\n"
           "  source \"S\";\n"
           "# at the end\n");
}

Test(print, long_clause_lines_split_by_display_width)
{
    /* 2 + 48 (category, 20 CJK characters) + 1 + 52 (owner) = 103 columns: split */
    prints("target T: a >= 1 category \"一二三四五六七八九十一二三四五六七八九十\" "
           "owner \"一二三四五六七八九十一二三四五六七八九十\", \"x\";\n"
           "target U: a >= 1 category \"一二三\" owner \"四五六\" source \"七\";\n",
           "target T: a >= 1\n"
           "  category \"一二三四五六七八九十一二三四五六七八九十\"\n"
           "  owner \"一二三四五六七八九十一二三四五六七八九十\", \"x\";\n"
           "target U: a >= 1\n"
           "  category \"一二三\" owner \"四五六\" source \"七\";\n");
}

Test(print, long_lists_wrap_aligned_under_their_first_value)
{
    /* each value "一二三四五六七八九十" is 22 columns: 8 + 22 + 3 × 24 = 102 > 100, so the fourth
     * value goes on a line of its own, under the first value (column 8), and so does the fifth
     * (a lone value that fits follows) */
    prints("target T: a >= 1 owner \"一二三四五六七八九十\", \"一二三四五六七八九十\", "
           "\"一二三四五六七八九十\", \"一二三四五六七八九十\", \"x\";\n",
           "target T: a >= 1\n"
           "  owner \"一二三四五六七八九十\", \"一二三四五六七八九十\", \"一二三四五六七八九十\",\n"
           "        \"一二三四五六七八九十\", \"x\";\n");
}

Test(print, indicator_head_clauses_move_down_when_the_head_is_long)
{
    /* the name alone is 2 + 60 columns; with "indicator g " and "unit % higher" past 100 */
    prints("indicator g \"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\" "
           "unit % higher = a - b;\n"
           "indicator h \"短\" unit % higher;\n",
           "indicator g \"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\"\n"
           "  unit % higher\n"
           "  = a - b;\n"
           "indicator h \"短\" unit % higher;\n");
}

Test(print, empty_file_and_only_comments)
{
    prints("", "");
    prints("\n\n", "");
    prints("# only\r\n# comments\r\n", "# only\n# comments\n");
}
