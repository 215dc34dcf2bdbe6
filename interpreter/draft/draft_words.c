/* draft_words.c — the words plans use around a number, in one place: comparators (达到 → ≥,
 * 超过 → >, 以内 → ≤), the forms' verbs (年均增长, 降低, 增长), words that say a number
 * is not a target (现有: an existing stock), and the context words stripped from the front
 * of a subject (到2020年, 力争, 全市). */
#include <string.h>

#include "draft_words.h"

/* Longest first where one word ends another (不超过 before 超过). */
const md_word MD_CMP_WORDS[] = {
    {"年均增长", "", MD_W_AGROWTH}, {"年均提高", "", MD_W_AGROWTH},
    {"不低于", ">=", MD_W_CMP}, {"不少于", ">=", MD_W_CMP}, {"不超过", "<=", MD_W_CMP},
    {"不高于", "<=", MD_W_CMP}, {"不大于", "<=", MD_W_CMP}, {"控制在", "<=", MD_W_CMP},
    {"降低到", "<=", MD_W_CMP}, {"下降到", "<=", MD_W_CMP}, {"降至", "<=", MD_W_CMP},
    {"提高到", ">=", MD_W_CMP}, {"提升到", ">=", MD_W_CMP}, {"提高至", ">=", MD_W_CMP},
    {"提升至", ">=", MD_W_CMP}, {"增加到", ">=", MD_W_CMP}, {"增长到", ">=", MD_W_CMP},
    {"增至", ">=", MD_W_CMP}, {"达到", ">=", MD_W_CMP}, {"保持在", ">=", MD_W_CMP},
    {"稳定在", ">=", MD_W_CMP}, {"至少", ">=", MD_W_CMP},
    {"超过", ">", MD_W_CMP}, {"突破", ">", MD_W_CMP}, {"高于", ">", MD_W_CMP},
    {"多于", ">", MD_W_CMP}, {"大于", ">", MD_W_CMP}, {"低于", "<", MD_W_CMP},
    {"小于", "<", MD_W_CMP}, {"超", ">", MD_W_CMP}, {"达", ">=", MD_W_CMP},
    {"降低", "", MD_W_CUT}, {"下降", "", MD_W_CUT}, {"减少", "", MD_W_CUT},
    {"增长", "", MD_W_GROW}, {"提高", "", MD_W_GROW}, {"提升", "", MD_W_GROW},
    {NULL, NULL, 0}};

/* Words before a number that say it counts what exists already, not a result to reach. */
const char *const MD_STOCK_WORDS[] = {"现有", "已有", "目前", "现已", "已建成", "已经", "共有",
                                      "现拥有", "集聚全市", "截至", "截止", NULL};

/* Context at the front of a subject: dropped from the indicator's name. */
const char *const MD_LEAD_WORDS[] = {"力争到", "力争", "争取", "争创", "确保", "年内", "全年",
                                     "今年", "每年", "其中", "全市", "全区", "全县", "全省",
                                     "实现", "累计", "预计", "并", "同时", "以及", "及", "和",
                                     "底前", "年底", "底", "到", "至", "前", "期间", "内",
                                     "分别", "共", "各", "合计", "总计", "再", "继续", NULL};

/* Verbs that put the counted thing after the number: 新增1~2家科技合作园区. */
const char *const MD_VERBS[] = {"新增", "培育", "引进", "建成", "建设", "打造", "组织", "举办",
                                "签约", "招引", "认定", "创建", "支持", "新建", "形成", "实施",
                                "开展", "培养", "服务", "参与", "设立", "争创", "推动", "布局",
                                "入驻", "完成", "共建", "建立", "扶持", "资助", "遴选", "评选",
                                "申报", "突破", "攻克", "推广", "转化", "孵化", "集聚", "吸引",
                                "聚焦", "认定", "重点支持", "重点培育", "达到", "达", NULL};

const md_word *md_word_before(const char *s, size_t from, size_t at)
{
    for (const md_word *w = MD_CMP_WORDS; w->w; w++) {
        size_t n = strlen(w->w);
        if (at - from >= n && memcmp(s + at - n, w->w, n) == 0) return w;
    }
    return NULL;
}

int md_ends_with_any(const char *s, size_t from, size_t at, const char *const *words)
{
    for (size_t k = 0; words[k]; k++) {
        size_t n = strlen(words[k]);
        if (at - from >= n && memcmp(s + at - n, words[k], n) == 0) return (int)n;
    }
    return 0;
}

int md_starts_with_any(const char *s, size_t at, size_t end, const char *const *words)
{
    for (size_t k = 0; words[k]; k++)
        if (md_at(s + at, s + end, words[k])) return (int)strlen(words[k]);
    return 0;
}
