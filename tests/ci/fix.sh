#!/usr/bin/env bash
# 'mubiao check --fix' writes the fixes the checker's warnings carry: for each code that has
# one, a rule file with that warning is fixed, and then the file is exactly the one expected,
# the warning is gone, it checks without errors, and the formatter is idempotent on it
# (fmt of fmt's output changes nothing). Files with errors, or a file that cannot be read,
# make it write nothing; the clean seed plans are left byte for byte.
#   MB_BINARY, MB_SOURCE_DIR  (set by the CMake test environment)
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
fail() { echo "FAIL: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
head='indicator rd_gdp "研发投入占比" unit % higher;
indicator hte "高新技术企业数" unit 家 higher;
indicator gdp "地区生产总值" unit 亿元 higher;
plan p { name "计划" region "甲市" base 2017 deadline 2018 }
'
count() { # CODE FILE: how many diagnostics of CODE checking FILE records
  "$MB_BINARY" check --format json "$2" | grep -o "\"code\":\"$1\"" | wc -l
}
n=0
fixes() { # CODE BROKEN_TARGET FIXED_TARGET
  local code=$1 f
  n=$((n + 1)); f=$dir/case$n.mb
  printf '%s%s\n' "$head" "$2" >"$f"
  printf '%s%s\n' "$head" "$3" >"$f.want"
  [ "$(count "$code" "$f")" -ge 1 ] || fail "case $n: no $code before the fix"
  "$MB_BINARY" check --fix "$f" >"$f.out" 2>"$f.err" || { cat "$f.err"; fail "case $n: check --fix exited $?"; }
  grep -q "^$f: [0-9]* fix\(es\)\? applied$" "$f.err" || { cat "$f.err"; fail "case $n: no count of the fixes applied"; }
  diff -u "$f.want" "$f" || fail "case $n ($code): not the file expected"
  [ "$(count "$code" "$f")" = 0 ] || fail "case $n: $code remains after the fix"
  "$MB_BINARY" check "$f" >/dev/null 2>&1 || fail "case $n: the fixed file does not check"
  "$MB_BINARY" fmt "$f" >"$f.fmt1" || fail "case $n: fmt refuses the fixed file"
  "$MB_BINARY" fmt "$f.fmt1" >"$f.fmt2" || fail "case $n: fmt refuses its own output"
  cmp -s "$f.fmt1" "$f.fmt2" || { diff -u "$f.fmt1" "$f.fmt2"; fail "case $n: fmt is not idempotent on the fixed file"; }
  echo "ok: $code fixed: $(sed 1,4d "$f" | tr -s '\n ' ' ')"
}

fixes MB4014 'target T: rd_gdp > 2.74% by 2018 phrase "研发投入占比达到2.74%";' \
             'target T: rd_gdp >= 2.74% by 2018 phrase "研发投入占比达到2.74%";'
fixes MB4014 'target T: hte ≥ 30 家 by 2018 phrase "高新技术企业突破30家";' \
             'target T: hte > 30 家 by 2018 phrase "高新技术企业突破30家";'
fixes MB4021 'target T: hte >= 1200 家 by 2018 phrase "高新技术企业达到1200家左右(上下浮动5%)";' \
             'target T: hte about 1200 家 within 5% by 2018 phrase "高新技术企业达到1200家左右(上下浮动5%)";'
fixes MB4021 'target T: gdp growth >= 6% by 2018 phrase "地区生产总值增长6%左右(±0.5个百分点)";' \
             'target T: gdp growth about 6% ± 0.5% by 2018 phrase "地区生产总值增长6%左右(±0.5个百分点)";'
fixes MB4023 'target T: rd_gdp >= 2.5% by 2019 phrase "到2018年研发投入占比达到2.5%";' \
             'target T: rd_gdp >= 2.5% by 2018 phrase "到2018年研发投入占比达到2.5%";'
fixes MB4025 'target T: rd_gdp >= 3% by 2018
  phrase "力争研发投入占比达到3%", "研发投入占比力争达到3%"
  owner "市科技局";' \
             'target T: rd_gdp >= 3% by 2018
  phrase "力争研发投入占比达到3%", "研发投入占比力争达到3%"
  owner "市科技局" aspiration;'
# two fixes on one operator (达到 wants '>=', 左右 wants 'about'): applied in two rounds
fixes MB4021 'target T: rd_gdp > 3% by 2018 phrase "研发投入占比达到3%左右(±0.2个百分点)";' \
             'target T: rd_gdp about 3% ± 0.2% by 2018 phrase "研发投入占比达到3%左右(±0.2个百分点)";'
fixes MB4025 'target T: rd_gdp >= 3% by 2019 phrase "力争到2018年研发投入占比达到3%";' \
             'target T: rd_gdp >= 3% by 2018 phrase "力争到2018年研发投入占比达到3%" aspiration;'

# errors: nothing written, the file whole, and the errors reported
printf '%s%s\n' "$head" 'target T: rd_gdp > 2.74% by 2018 phrase "达到2.74%";
target U: rd_gdpp >= 3% by 2018 phrase "p";' >"$dir/err.mb"
cp "$dir/err.mb" "$dir/err.orig"
"$MB_BINARY" check --fix "$dir/err.mb" >/dev/null 2>"$dir/err.err"; rc=$?
[ $rc = 1 ] || fail "check --fix on a file with errors exited $rc, not 1"
cmp -s "$dir/err.mb" "$dir/err.orig" || fail "check --fix wrote into a file with errors"
grep -q "nothing written: the rules have errors" "$dir/err.err" || fail "no word of why nothing was written"
grep -q "MB2001\|undefined indicator 'rd_gdpp'" "$dir/err.err" || fail "the errors are not reported"
echo "ok: a file with errors is refused and left whole"

# an unreadable file: nothing written, exit 2
"$MB_BINARY" check --fix "$dir/err.orig" "$dir/no such.mb" >/dev/null 2>"$dir/missing.err"; rc=$?
[ $rc = 2 ] && grep -q "nothing written: a rule file could not be read" "$dir/missing.err" || fail "check --fix on a missing file exited $rc"
echo "ok: a missing file: nothing written"

# the seed plans are clean: --fix on a copy of rules/ changes nothing
cp -r "$MB_SOURCE_DIR/rules" "$dir/rules"
(cd "$dir/rules" && "$MB_BINARY" check --fix ./*.mb >/dev/null 2>&1) || fail "check --fix rules/ failed"
diff -r "$MB_SOURCE_DIR/rules" "$dir/rules" || fail "check --fix changed the clean seed plans"
echo "ok: the seed plans are left as they are"
echo "ok: check --fix"
