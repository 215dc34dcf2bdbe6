/* fuzz_check.c — parse and check. The first byte picks the mode:
 *   even: the rest of the input is the whole rule file;
 *   odd:  the rest follows a fixed, valid prefix (a plan and a catalogue of indicators of
 *         every kind), so that fuzzed targets, checks and derived indicators resolve names
 *         and reach the checker's deeper paths instead of stopping at "undefined indicator".
 * Like `mubiao check`, the checker runs only when the text parsed without errors. The model
 * is then printed as JSON (to /dev/null).
 *
 *   tests/fuzz/build.sh && build-fuzz/fuzz_check -dict=tests/fuzz/mubiao.dict CORPUS */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char PREFIX[] =
    "plan p {\n"
    "  name \"计划\" number \"1号\" issuer \"市政府\" date 2018-05-28\n"
    "  region \"甲市\", \"乙区\" base 2016 deadline 2018, 2019, 2020\n"
    "}\n"
    "indicator a \"甲\" unit % higher category \"c\" owner \"o1\", \"o2\" source \"s\";\n"
    "indicator b \"乙\" unit 家 higher integer;\n"
    "indicator c \"丙\" unit 家 higher part of b;\n"
    "indicator d \"丁\" unit 吨煤/万元 lower;\n"
    "indicator e \"戊\" unit 亿元 higher;\n"
    "indicator f \"己\" unit 万元 higher;\n"
    "indicator g \"庚\" unit 1 lower integer;\n"
    "indicator h \"辛\" unit 1 higher = f / (e * 10000);\n"
    "indicator k \"壬\" unit % higher = (e - f / 10000) * 100 / e;\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) return 0;
    int prefixed = data[0] & 1;
    data++;
    size--;
    size_t plen = prefixed ? sizeof PREFIX - 1 : 0;
    char *text = malloc(plen + size + 1);
    if (!text) return 0;
    memcpy(text, PREFIX, plen);
    memcpy(text + plen, data, size);

    mb_model *m = mb_model_new();
    FZ_ASSERT(m);
    mb_diags d;
    mb_diags_init(&d, 50);
    int rc = mb_model_load_text(m, "fuzz.mb", text, plen + size, &d);
    if (rc == 0 && d.errors == 0 && !d.oom) {
        int cr = mb_model_check(m, &d);
        FZ_ASSERT((cr == 0) == m->checked);
        if (cr == 0) {
            /* A checked model is whole: every rule has its indicator (or is qualitative),
             * a goal with a year, and values in range. */
            for (size_t i = 0; i < m->nrules; i++) {
                const mb_rule *r = m->rules[i];
                FZ_ASSERT(r->ngoals >= 1 && r->goals);
                FZ_ASSERT(r->ind || r->form == MB_FORM_QUALITATIVE);
                for (size_t g = 0; g < r->ngoals; g++)
                    FZ_ASSERT(r->form == MB_FORM_QUALITATIVE || (r->goals[g].year >= 1900 && r->goals[g].year <= 2999));
            }
            mb_model_print_json(fz_sink(), m);
        }
    }
    fz_diags(&d);
    mb_diags_free(&d);
    mb_model_free(m);
    free(text);
    return 0;
}
