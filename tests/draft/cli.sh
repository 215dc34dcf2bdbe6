#!/usr/bin/env bash
# mubiao draft on bad and hostile input, on a saved HTML page, and where it writes.
#   MB_BINARY      the mubiao binary; MB_SOURCE_DIR  the source tree (set by CTest)
set -uo pipefail
bin=${MB_BINARY:?}
src=${MB_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect_error NAME FILE EXIT MESSAGE: exits EXIT, stderr contains MESSAGE, nothing on stdout
expect_error() {
  local name=$1 file=$2 code=$3 msg=$4
  "$bin" draft "$file" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  [ "$rc" -eq "$code" ] || fail "$name: exit $rc, expected $code"
  grep -qF -- "$msg" "$tmp/err" || { fail "$name: stderr lacks '$msg'"; cat "$tmp/err"; }
  [ ! -s "$tmp/out" ] || fail "$name: wrote to standard output"
  if LC_ALL=C grep -q $'\x1b' "$tmp/err"; then fail "$name: an escape byte on stderr"; fi
}

# expect_clean NAME FILE: drafts, exit 0, and 'mubiao check' accepts the draft
expect_clean() {
  local name=$1 file=$2
  "$bin" draft "$file" --catalogue "$src/rules/catalogue.mb" --output "$tmp/$name.mb" 2>"$tmp/err" ||
    { fail "$name: draft exited $?"; cat "$tmp/err"; return; }
  "$bin" check "$tmp/$name.mb" >"$tmp/check" 2>&1 || { fail "$name: check rejects the draft"; cat "$tmp/check"; }
  if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/$name.mb"; then fail "$name: a control byte in the draft"; fi
}

: >"$tmp/empty.txt"
expect_error empty "$tmp/empty.txt" 2 "empty document"
printf '  \n\t\n' >"$tmp/blank.txt"
expect_error blank "$tmp/blank.txt" 2 "empty document"
printf '到2020年,企业达到5家\n第二行\xff\xfe达到\n' >"$tmp/bad.txt"
expect_error invalid_utf8 "$tmp/bad.txt" 2 "bad.txt:2:4: invalid UTF-8"
printf '到2020年\x00\x01\x02' >"$tmp/bin.txt"
expect_error binary "$tmp/bin.txt" 2 "bin.txt:1:7: a NUL byte: not a text file"
printf '\xc0\xaf 到2020年' >"$tmp/overlong.txt"
expect_error overlong "$tmp/overlong.txt" 2 "overlong.txt:1:1: invalid UTF-8"
expect_error missing "$tmp/none.txt" 2 "none.txt: No such file or directory"
head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'a' >"$tmp/big.txt"
expect_error too_big "$tmp/big.txt" 2 "file too large"

# huge numbers: drafted around, listed as not placed; the draft still checks
printf '某市2020年工作计划\n到2020年,高新技术企业达到123456789012345678901234567890123456789家,专利达到99999999999999999999999999.5件,研发机构达到10家。\n' >"$tmp/huge.txt"
expect_clean huge "$tmp/huge.txt"
grep -q "too many digits" "$tmp/huge.mb" || fail "huge: the long numbers are not listed as not placed"
grep -q '>= 10 家 by 2020' "$tmp/huge.mb" || fail "huge: the ordinary target was lost"

# escape sequences and bidi overrides in the text never reach the draft or the terminal
printf '某市2020年工作计划\n到2020年,\x1b[31m高新技术企业达到50家\x1b[0m,\xe2\x80\xae专利\xe2\x80\xac达到"30"件\\n。\n' >"$tmp/esc.txt"
expect_clean escapes "$tmp/esc.txt"
grep -q '>= 50 家 by 2020' "$tmp/escapes.mb" || fail "escapes: the target beside the escape sequence was lost"
grep -q 'control characters in the input were read as spaces' "$tmp/escapes.mb" || fail "escapes: not reported"
if LC_ALL=C grep -q $'\xe2\x80[\xaa-\xae]' "$tmp/escapes.mb"; then fail "escapes: a bidi override in the draft"; fi

# a saved page: the same targets as the text it was made from
expect_clean html "$src/tests/draft/html/jiangyin_2018.html"
"$bin" draft "$src/tests/draft/seeds/001_06eec96fd9fb3ad5.txt" --catalogue "$src/rules/catalogue.mb" \
  --output "$tmp/text.mb" 2>/dev/null
# Chinese numerals: a count after a comparator is a target; enumerations and words are not
cat >"$tmp/cn.txt" <<'TXT'
某市2018年科技工作要点
到2018年,引进国外先进技术超百项,新建研发机构达到三十家。
支持两个国家级高新区争先进位,抓好四个重点,培育一批骨干企业,高新技术企业数翻一番。
TXT
expect_clean cn "$tmp/cn.txt"
grep -q '> 100 项 by 2018$' "$tmp/cn.mb" || fail "cn: 超百项 is not > 100 项"
grep -q '>= 30 家 by 2018$' "$tmp/cn.mb" || fail "cn: 达到三十家 is not >= 30 家"
if grep -q '>= 2 个\|>= 4 个\|批' "$tmp/cn.mb"; then fail "cn: an enumeration (两个, 四个, 一批) drafted as a target"; fi

# a goal stated twice in the same terms is one target with both phrases
cat >"$tmp/twice.txt" <<'TXT'
某市2018年科技工作要点
到2018年,新增省级众创空间5家,引进研发机构3家。
附件:任务分解。新增省级众创空间5家(市科技局负责)。引进研发机构4家。
TXT
expect_clean twice "$tmp/twice.txt"
[ "$(grep -c '^target' "$tmp/twice.mb")" -eq 3 ] || fail "twice: $(grep -c '^target' "$tmp/twice.mb") targets, expected 3 (one merged, 3家 and 4家 kept apart)"
grep -q '^# line 2, 3$' "$tmp/twice.mb" || fail "twice: the merged target does not name both lines"
grep -q 'phrase "新增省级众创空间5家", "新增省级众创空间5家"' "$tmp/twice.mb" && fail "twice: the same phrase written twice"
"$bin" draft "$tmp/twice.txt" --output "$tmp/twice2.mb" 2>"$tmp/err"
grep -q 'restated goals merged: 1' "$tmp/err" || fail "twice: the summary does not count the merge: $(cat "$tmp/err")"

# a goal restated in other words (a table row under its own name) is one target with both
# phrases; a name that adds a level (省级以上), or a different thing, is not the same goal
cat >"$tmp/restated.txt" <<'TXT'
某市2018年科技工作计划
到2018年,高新技术企业总数达到1200家,新增驰名商标2件,省级以上企业研发机构达到30家,培育国家级众创空间3家。
全市新增省级众创空间3家。
表1 2018年重点指标
序号
指标名称
2018年
1
高新技术企业数(家)
1200
2
驰名商标(件)
2
3
企业研发机构(家)
30
TXT
expect_clean restated "$tmp/restated.txt"
[ "$(grep -c '^target' "$tmp/restated.mb")" -eq 6 ] || fail "restated: $(grep -c '^target' "$tmp/restated.mb") targets, expected 6"
grep -A1 '^target.*: hte_count >= 1200 家 by 2018$' "$tmp/restated.mb" |
  grep -q 'phrase "高新技术企业总数达到1200家", "高新技术企业数(家) 1200"' ||
  fail "restated: 高新技术企业总数 (text) and the catalogue's 高新技术企业数 (table) are not one target"
grep -q 'phrase "新增驰名商标2件", "驰名商标(件) 2"' "$tmp/restated.mb" || fail "restated: 新增驰名商标 and 驰名商标 are not one target"
grep -q '^# line 2, 9$' "$tmp/restated.mb" || fail "restated: the merged target does not name both lines"
grep -q '"省级以上企业研发机构达到30家"' "$tmp/restated.mb" && grep -q '"企业研发机构(家) 30"' "$tmp/restated.mb" &&
  ! grep -q '"省级以上企业研发机构达到30家", ' "$tmp/restated.mb" || fail "restated: 省级以上企业研发机构 merged with 企业研发机构"
grep -q '"培育国家级众创空间3家"' "$tmp/restated.mb" && grep -q '"全市新增省级众创空间3家"' "$tmp/restated.mb" ||
  fail "restated: 国家级 and 省级众创空间 merged"
if grep -q '"高新技术企业总数" unit\|"新增驰名商标" unit' "$tmp/restated.mb"; then fail "restated: an indicator only a merged restatement named is declared"; fi

# a year's plan: 增长 is over the previous year; 个百分点 is a change in points
cat >"$tmp/year.txt" <<'TXT'
某县2024年国民经济和社会发展计划
2024年主要预期目标:地区生产总值增长6%左右,规上工业增加值增长7%以上,居民消费价格涨幅3%左右,煤炭消费比重下降2个百分点。
TXT
expect_clean year "$tmp/year.txt"
grep -q '_i01 growth about 6% ± 1% by 2024$' "$tmp/year.mb" || fail "year: 增长6%左右 is not growth about 6% ± 1%"
grep -q '_i02 growth >= 7% by 2024$' "$tmp/year.mb" || fail "year: 增长7%以上 is not growth >= 7%"
grep -q '"居民消费价格涨幅" unit % lower' "$tmp/year.mb" || fail "year: a price rise is not lower-is-better"
grep -q '_i04 cut 2个百分点 from 2023 by 2024$' "$tmp/year.mb" || fail "year: 下降2个百分点 is not a cut in points"

# 力争/争取 are the aspiration attribute, not a note
"$bin" draft "$src/tests/draft/seeds/000_dc8c199a41f539ca.txt" --output "$tmp/nt.mb" 2>/dev/null
grep -B1 'phrase "争取形成1~2个' "$tmp/nt.mb" | grep -q '^target.* aspiration$' || fail "text: 争取 is not the aspiration attribute"
if grep -q 'note ".*aspiration' "$tmp/nt.mb"; then fail "text: aspiration left in a note"; fi

strip() { grep -E '^target|^  (phrase|note)|^  [^ ]' "$1" | grep -v '^  (name|number|issuer|date|region|base|deadline) ' | sed 's/^target [^:]*:/target:/'; }
n_html=$(grep -c '^target' "$tmp/html.mb")
n_text=$(grep -c '^target' "$tmp/text.mb")
[ "$n_html" -gt 0 ] && [ "$n_html" -eq "$n_text" ] || fail "html: $n_html targets, the text gives $n_text"
diff <(grep -A1 '^target' "$tmp/text.mb" | grep phrase) <(grep -A1 '^target' "$tmp/html.mb" | grep phrase) >/dev/null ||
  fail "html: the phrases differ from the text's"

# a five-year plan's indicator table: base-year column, 约束性/预期性, [ ] totals, …降低(%) rows
expect_clean fyp "$src/tests/draft/five_year_table.txt"
grep -q '_i02 cut 14% from 2020 by 2025 binding$' "$tmp/fyp.mb" || fail "fyp: the 降低 row is not a binding cut"
grep -q '_i03 >= 75% by 2025 base 2020 = 70.1% expected$' "$tmp/fyp.mb" ||
  fail "fyp: 预期性 is not the expected attribute, or the base-year column not the printed base"
if grep -q 'note ".*约束性\|note ".*预期性' "$tmp/fyp.mb"; then fail "fyp: an attribute left in a note"; fi
grep -q 'base-year value (18)' "$tmp/fyp.mb" || fail "fyp: the 降低 row's base-year value (a cut, not a level) is not noted"
grep -q 'base-year value (3.5)' "$tmp/fyp.mb" || fail "fyp: a growth rate's base-year value is not noted"
grep -q '>= 12 件/万人 by 2025 base 2020 = 6.2 件/万人' "$tmp/fyp.mb" || fail "fyp: the per-10k rate lost its unit"
# printed base values in sentences: 由2020年的56.7%下降到52% is one target from a printed base
expect_clean base "$src/tests/draft/base_values.txt"
grep -q '_i01 <= 52% by 2025 from 2020 base 2020 = 56.7%$' "$tmp/base.mb" || fail "base: 由…下降到 is not a target with its printed base"
grep -q '_i02 >= 18% by 2025 from 2020 base 2020 = 12.5%$' "$tmp/base.mb" || fail "base: 从…年底的…提高到 is not a target with its printed base"
grep -q '_i03 >= 32% by 2025 from 2020 base 2020 = 30%$' "$tmp/base.mb" || fail "base: …以上 after a printed base"
grep -q 'phrase "煤炭消费比重由2020年的56.7%下降到52%"' "$tmp/base.mb" || fail "base: the phrase does not start at the subject"
[ "$(grep -c '^target' "$tmp/base.mb")" -eq 3 ] || fail "base: a printed base value drafted as a target of its own"
# without the plan's one region a printed value cannot be kept in the rule: it is noted
printf '到2025年,煤炭消费比重由2020年的56.7%%下降到52%%。\n' >"$tmp/noregion.txt"
expect_clean noregion "$tmp/noregion.txt"
grep -q 'note "draft: the plan prints a base-year value (2020: 56.7%)"' "$tmp/noregion.mb" || fail "noregion: the printed base is not noted"
if grep -q ' base 2020 = ' "$tmp/noregion.mb"; then fail "noregion: a printed base on a target for every region"; fi
if grep -q '^# line .*: 1 — ' "$tmp/fyp.mb"; then fail "fyp: 表1 listed as a number"; fi

# a part of the plan's region: 其中高新区 (and the list after it; also 其中,高新区…), 各主城区分别; not 其中省级以上
# (a part of the things counted), 上市企业 or 地区生产总值 (words that end like a place)
cat >"$tmp/part.txt" <<'TXT'
某县2024年科技工作计划
到2024年,全县高新技术企业达到100家,其中高新区60家、经开区20家。
各主城区分别新增省级众创空间2家和孵化器1家。
新增市级以上企业研发机构120家(其中省级以上30家)。
全县上市企业达到12家,其中上市企业新增3家。
全县地区生产总值达到500亿元,其中地区生产总值增长6%。
全县科技企业孵化器达到15家,其中,高新区达到9家。
TXT
expect_clean part "$tmp/part.txt"
want_part() { # TARGET-BODY REGION|-: the target with that body, and its region (or none)
  local body=$1 region=$2 block
  block=$(grep -A3 -- "$body\$" "$tmp/part.mb" | sed '/^$/q')
  [ -n "$block" ] || { fail "part: no target '$body'"; return; }
  if [ "$region" = - ]; then
    if grep -q '^  region ' <<<"$block"; then fail "part: '$body' was given a region: $block"; fi
  else
    grep -q "^  region \"$region\"" <<<"$block" || fail "part: '$body' is not for region $region: $block"
  fi
}
want_part 'hte_count >= 100 家 by 2024' -
want_part 'hte_count >= 60 家 by 2024' 高新区
want_part 'hte_count >= 20 家 by 2024' 经开区
want_part '>= 2 家 by 2024' 主城区
want_part '>= 1 家 by 2024' 主城区
want_part '>= 120 家 by 2024' -
want_part '>= 30 家 by 2024' -
want_part '>= 12 家 by 2024' -
want_part '>= 3 家 by 2024' -
want_part 'growth >= 6% by 2024' -
want_part '>= 15 家 by 2024' -
want_part '>= 9 家 by 2024' 高新区
grep -q 'note "draft: 各主城区: the target holds in each 主城区; name them in region"' "$tmp/part.mb" ||
  fail "part: 各主城区 is not marked for review"
[ "$(grep -c '^  region "' "$tmp/part.mb")" -eq 5 ] || fail "part: $(grep -c '^  region "' "$tmp/part.mb") regions, expected 5"
grep -q '"高新区"\|"经开区"' <(grep '^indicator' "$tmp/part.mb") && fail "part: a place proposed as an indicator"

# where it writes: never over the plan; an existing draft is replaced whole
cp "$src/tests/draft/seeds/004_bc2950c2cc6e4526.txt" "$tmp/plan.txt"
"$bin" draft "$tmp/plan.txt" --output "$tmp/plan.txt" 2>"$tmp/err"
[ $? -eq 2 ] || fail "output over the input: not refused"
cmp -s "$tmp/plan.txt" "$src/tests/draft/seeds/004_bc2950c2cc6e4526.txt" || fail "the plan was changed"
echo old >"$tmp/d.mb"
"$bin" draft "$tmp/plan.txt" --output "$tmp/d.mb" 2>/dev/null || fail "draft to an existing file"
grep -q '^plan ' "$tmp/d.mb" || fail "the existing file was not replaced"
ls "$tmp" | grep -q '\.tmp' && fail "a temporary file was left behind"

[ "$fails" -eq 0 ] || { echo "$fails failed"; exit 1; }
echo "ok: draft on bad, hostile and HTML input"
