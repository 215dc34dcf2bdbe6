/* test_junit.c — `mubiao eval --format junit` must produce JUnit XML that CI servers accept:
 * every report is validated with xmllint against tests/data/junit.xsd (the Jenkins xUnit
 * JUnit schema). A report xmllint calls invalid, or a missing xmllint, fails the test. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support.h"

static char tmpdir[256];

static void setup(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/mb_junit_XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir), "cannot make a temporary folder");
}

static void teardown(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd)) { /* best effort */ }
}

static char *src(const char *rel)
{
    return strdup(mbt_src_path(rel));
}

/* Run a shell command; its exit status (-1 when it did not run). */
static int run(const char *cmd)
{
    int st = system(cmd);
    if (st == -1 || !WIFEXITED(st)) return -1;
    return WEXITSTATUS(st);
}

/* Output of a shell command (trimmed), in buf. */
static void capture(const char *cmd, char *buf, size_t n)
{
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p, "cannot run: %s", cmd);
    size_t len = fread(buf, 1, n - 1, p);
    buf[len] = 0;
    pclose(p);
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' ')) buf[--len] = 0;
}

/* mubiao eval RULES --data DATA --format junit EXTRA > OUT; returns mubiao's exit status. */
static int junit(const char *rules, const char *data, const char *extra, const char *out)
{
    const char *bin = getenv("MB_BINARY");
    cr_assert_not_null(bin, "MB_BINARY is not set (run the test through ctest)");
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "NO_COLOR=1 '%s' eval '%s' --data '%s' --format junit %s > '%s' 2>/dev/null", bin, rules,
             data, extra, out);
    return run(cmd);
}

/* xmllint's verdict on FILE against the schema; the test fails when it is not "valid". */
static void assert_valid(const char *file)
{
    char *xsd = src("tests/data/junit.xsd");
    char cmd[4096];
    cr_assert_eq(run("command -v xmllint > /dev/null"), 0, "xmllint is not installed (libxml2-utils)");
    snprintf(cmd, sizeof cmd, "xmllint --noout --schema '%s' '%s' 2>&1", xsd, file);
    char out[8192];
    capture(cmd, out, sizeof out);
    snprintf(cmd, sizeof cmd, "xmllint --noout --schema '%s' '%s' > /dev/null 2>&1", xsd, file);
    cr_assert_eq(run(cmd), 0, "xmllint rejects %s:\n%s", file, out);
    free(xsd);
}

/* An XPath number of the report, through xmllint. */
static long xpath_num(const char *file, const char *expr)
{
    char cmd[4096], out[256];
    snprintf(cmd, sizeof cmd, "xmllint --xpath '%s' '%s' 2>/dev/null", expr, file);
    capture(cmd, out, sizeof out);
    return strtol(out, NULL, 10);
}

/* The counts on <testsuites> and each <testsuite> agree with the test cases inside. */
static void assert_counts(const char *file)
{
    long cases = xpath_num(file, "count(//testcase)");
    cr_assert_eq(xpath_num(file, "number(/testsuites/@tests)"), cases);
    cr_assert_eq(xpath_num(file, "number(/testsuites/@failures)"), xpath_num(file, "count(//testcase[failure])"));
    cr_assert_eq(xpath_num(file, "number(/testsuites/@errors)"), xpath_num(file, "count(//testcase[error])"));
    cr_assert_eq(xpath_num(file, "sum(//testsuite/@tests)"), cases);
    cr_assert_eq(xpath_num(file, "sum(//testsuite/@skipped)"), xpath_num(file, "count(//testcase[skipped])"));
    long suites = xpath_num(file, "count(//testsuite)");
    for (long i = 1; i <= suites; i++) {
        char e[128], f[128];
        snprintf(e, sizeof e, "number(//testsuite[%ld]/@tests)", i);
        snprintf(f, sizeof f, "count(//testsuite[%ld]/testcase)", i);
        cr_assert_eq(xpath_num(file, e), xpath_num(file, f), "suite %ld: tests attribute", i);
        snprintf(e, sizeof e, "number(//testsuite[%ld]/@failures)", i);
        snprintf(f, sizeof f, "count(//testsuite[%ld]/testcase[failure])", i);
        cr_assert_eq(xpath_num(file, e), xpath_num(file, f), "suite %ld: failures attribute", i);
    }
}

TestSuite(junit, .init = setup, .fini = teardown, .timeout = 120);

Test(junit, report_of_every_form_validates)
{
    char *rules = src("tests/data/eval_forms.mb"), *data = src("tests/data/eval_forms.csv");
    char out[512];
    snprintf(out, sizeof out, "%s/forms.xml", tmpdir);
    cr_assert_eq(junit(rules, data, "", out), 1, "missed targets make the exit status 1");
    assert_valid(out);
    assert_counts(out);
    cr_assert_eq(xpath_num(out, "count(//testsuite)"), 3, "forms_a, forms_b and the rules outside any plan");
    cr_assert_gt(xpath_num(out, "count(//testcase[failure/@type=\"missed\"])"), 0);
    cr_assert_gt(xpath_num(out, "count(//testcase[skipped])"), 0, "no-data and qualitative targets are skipped");
    /* milestones of one rule in one region are one test case */
    cr_assert_eq(xpath_num(out, "count(//testcase[@classname=\"forms_a.南通市\" and starts-with(@name, \"A06 \")])"), 1);
    free(rules);
    free(data);
}

Test(junit, fail_on_and_submission_errors_validate)
{
    char *rules = src("tests/data/eval_forms.mb"), *data = src("tests/data/eval_forms_bad.csv");
    char out[512];
    snprintf(out, sizeof out, "%s/bad.xml", tmpdir);
    cr_assert_eq(junit(rules, data, "--fail-on missed,no-data", out), 2, "data errors make the exit status 2");
    assert_valid(out);
    assert_counts(out);
    cr_assert_eq(xpath_num(out, "count(//testcase[error/@type=\"error\"])"), 2,
                 "the conflicting values and the value that could not be read are <error>s");
    cr_assert_gt(xpath_num(out, "count(//testcase[failure/@type=\"no-data\"])"), 0, "--fail-on no-data fails them");
    free(rules);
    free(data);
}

/* A report with no verdict (rules with no target) is still a valid document, tests="0", and
 * the run is an error (exit 2): it checked nothing. */
Test(junit, empty_report_validates)
{
    char rules[512], out[512];
    char *data = src("tests/data/eval_forms.csv");
    snprintf(rules, sizeof rules, "%s/none.mb", tmpdir);
    snprintf(out, sizeof out, "%s/empty.xml", tmpdir);
    FILE *f = fopen(rules, "w");
    cr_assert_not_null(f);
    fputs("indicator x \"x\" unit 家 higher;\n", f);
    cr_assert_eq(fclose(f), 0);
    cr_assert_eq(junit(rules, data, "", out), 2);
    assert_valid(out);
    cr_assert_eq(xpath_num(out, "number(/testsuites/@tests)"), 0);
    free(data);
}

/* A filter that selects nothing is an error (exit 2), never an empty report that passes a
 * CI gate having checked nothing: a region that is not there, a plan prefix. */
Test(junit, empty_selection_is_an_error)
{
    char *rules = src("tests/data/eval_forms.mb"), *data = src("tests/data/eval_forms.csv");
    char out[512];
    snprintf(out, sizeof out, "%s/sel.xml", tmpdir);
    cr_assert_eq(junit(rules, data, "--region 不存在", out), 2);
    cr_assert_eq(junit(rules, data, "--plan forms", out), 2);
    cr_assert_eq(junit(rules, data, "--plan forms_a --plan nope", out), 2);
    free(rules);
    free(data);
}

/* Names that XML cannot carry as they are: markup characters, control characters, U+FFFE,
 * a "]]>" and line breaks, in regions (from the data) and labels and phrases (from rules). */
Test(junit, hostile_names_are_escaped_and_valid)
{
    char rules[512], data[512], out[512];
    snprintf(rules, sizeof rules, "%s/h.mb", tmpdir);
    snprintf(data, sizeof data, "%s/h.csv", tmpdir);
    snprintf(out, sizeof out, "%s/h.xml", tmpdir);
    FILE *f = fopen(rules, "w");
    cr_assert_not_null(f);
    fputs("plan p_x { name \"计划 \\\"<&>\\\" ]]>\" base 2016 deadline 2020 }\n"
          "indicator x \"x&y\" unit 家 higher owner \"a<b\";\n"
          "target T1 \"标签 <&> \\\"q\\\" 'a' ]]>\\n第二行\": x >= 10 by 2020 phrase \"]]> & <tag/>\";\n"
          "target T2 \"no data\": x >= 10 by 2019 phrase \"p\";\n",
          f);
    fclose(f);
    f = fopen(data, "w");
    cr_assert_not_null(f);
    fputs("region,indicator,period,value\n"
          "\"A\x01" "B<&>\xEF\xBF\xBE\",x,2020,5\n"
          "\"tab\there \"\"quoted\"\"\",x,2020,50\n"
          "]]>,x,2020,3\n",
          f);
    fclose(f);
    int rc = junit(rules, data, "", out);
    cr_assert(rc == 1 || rc == 2, "mubiao ran (exit status %d)", rc);
    assert_valid(out);
    assert_counts(out);
    size_t len = 0;
    char *xml = mbt_read_file(out, &len);
    cr_assert_not_null(xml);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)xml[i];
        cr_assert(c >= 0x20 || c == '\n' || c == '\t' || c == '\r', "control byte 0x%02x at offset %zu", c, i);
    }
    cr_assert_null(strstr(xml, "\xEF\xBF\xBE"), "U+FFFE is not an XML character");
    free(xml);
}

/* The schema has teeth: documents that break it are rejected, so a pass above means
 * something. */
Test(junit, schema_rejects_invalid_reports)
{
    static const char *const bad[] = {
        /* <testsuite> without its required counts */
        "<testsuites><testsuite name=\"p\"><testcase name=\"t\"/></testsuite></testsuites>",
        /* <failure> before <skipped> */
        "<testsuites><testsuite name=\"p\" tests=\"1\" failures=\"1\" errors=\"0\"><testcase name=\"t\">"
        "<failure message=\"m\"/><skipped/></testcase></testsuite></testsuites>",
        /* a test case without a name */
        "<testsuites><testsuite name=\"p\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase classname=\"c\"/>"
        "</testsuite></testsuites>",
        /* an element the format does not have */
        "<testsuites><testsuite name=\"p\" tests=\"0\" failures=\"0\" errors=\"0\"><verdict/></testsuite></testsuites>",
    };
    char *xsd = src("tests/data/junit.xsd");
    cr_assert_eq(run("command -v xmllint > /dev/null"), 0, "xmllint is not installed (libxml2-utils)");
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char file[512], cmd[2048];
        snprintf(file, sizeof file, "%s/bad%zu.xml", tmpdir, i);
        FILE *f = fopen(file, "w");
        cr_assert_not_null(f);
        fputs(bad[i], f);
        fclose(f);
        snprintf(cmd, sizeof cmd, "xmllint --noout --schema '%s' '%s' > /dev/null 2>&1", xsd, file);
        cr_assert_neq(run(cmd), 0, "the schema accepts invalid document %zu", i);
    }
    free(xsd);
}
