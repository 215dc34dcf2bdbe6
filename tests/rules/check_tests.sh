#!/usr/bin/env bash
# The seed plans' own tests (rules/*_test.mb) pass with every rule's met and missed tested
# ('mubiao test --coverage --threshold 100 rules/'), and they can fail: in a copy of rules/
# where one '>=' became '>' and one '>' became '>=', the boundary tests catch both.
#   MB_BINARY, MB_SOURCE_DIR  (set by the CMake test environment)
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
fail() { echo "FAIL: $*"; exit 1; }
cd "$MB_SOURCE_DIR" || exit 1
out=$("$MB_BINARY" test --coverage --threshold 100 rules/ 2>&1)
rc=$?
printf '%s\n' "$out" | grep -v '^    '
[ "$rc" -eq 0 ] || fail "'mubiao test --coverage --threshold 100 rules/' exited $rc"
for f in rules/*.mb; do
  case $f in *_test.mb|rules/catalogue.mb) continue ;; esac
  [ -f "${f%.mb}_test.mb" ] || fail "$f has no tests (${f%.mb}_test.mb)"
done
printf '%s\n' "$out" | grep -q '^coverage: \([0-9]*\) of \1 outcomes (100.0%)$' || fail "coverage is not complete"
printf '%s\n' "$out" | grep -q '<- untested' && fail "a rule is marked untested"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp -r rules "$dir/rules"
# NT02 达到2.74% read as 超过, CZ04 超30件 read as 达到: each must fail a test at the boundary
sed -i 's/^target NT02 \(.*\)rd_gdp >= 2.74%/target NT02 \1rd_gdp > 2.74%/' "$dir/rules/nantong_2018.mb"
sed -i 's/^target CZ04 \(.*\)invention_per_10k > 30/target CZ04 \1invention_per_10k >= 30/' "$dir/rules/changzhou_2018.mb"
grep -q 'rd_gdp > 2.74%' "$dir/rules/nantong_2018.mb" && grep -q 'invention_per_10k >= 30' "$dir/rules/changzhou_2018.mb" ||
  fail "the mutated copy was not made"
mut=$(cd "$dir" && "$MB_BINARY" test rules/ 2>&1)
rc=$?
[ "$rc" -eq 1 ] || fail "with NT02 and CZ04 changed, 'mubiao test rules/' exited $rc, not 1"
printf '%s\n' "$mut" | grep -q 'FAIL test "met at the boundary[^"]*": NT02 for 南通市 by 2018: expected met, actual 2.74, target 2.74; got missed' ||
  fail "NT02 read as '>' is not caught at 2.74"
printf '%s\n' "$mut" | grep -q 'FAIL test "missed at the boundary[^"]*": CZ04 for 常州市 by 2018: expected missed, actual 30, target 30; got met' ||
  fail "CZ04 read as '>=' is not caught at 30"
echo "ok: the seed plans' tests pass with full coverage, and catch a changed comparison"
