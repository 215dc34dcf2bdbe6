#!/usr/bin/env bash
# 'mubiao check --format junit' is valid JUnit XML (xmllint against tests/data/junit.xsd, the
# schema the eval report is checked with) for clean files, errors, warnings with --strict,
# an unreadable file, and text that XML cannot carry; and it has one test case per file read.
#   MB_BINARY, MB_SOURCE_DIR  (set by the CMake test environment)
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
fail() { echo "FAIL: $*"; exit 1; }
command -v xmllint >/dev/null || fail "xmllint is not installed (libxml2-utils)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$MB_SOURCE_DIR" || exit 1
printf 'indicator a "甲\\t<&>" unit %% higher;\ntarget T1: "\\u001b[31m" >= 2%% by 2018;\n' >"$dir/odd.mb"
n=0
check() { # WANT_TESTS WANT_FAILURES ARGS...
  local tests=$1 failures=$2; shift 2
  n=$((n + 1))
  "$MB_BINARY" check --format junit "$@" >"$dir/$n.xml" 2>/dev/null
  xmllint --noout --schema tests/data/junit.xsd "$dir/$n.xml" 2>&1 | grep -q " validates$" ||
    { cat "$dir/$n.xml"; fail "check --format junit $* is not valid JUnit"; }
  grep -q "<testsuite name=\"mubiao check\" tests=\"$tests\" failures=\"$failures\"" "$dir/$n.xml" ||
    { cat "$dir/$n.xml"; fail "check --format junit $*: not $tests test cases with $failures failures"; }
  [ "$(grep -c "<testcase " "$dir/$n.xml")" -eq "$tests" ] || fail "check --format junit $*: test cases"
}
check "$(ls rules/*.mb | wc -l)" 0 rules/*.mb
check 1 1 tests/data/bad_semantic.mb
check 1 0 tests/data/ci_findings_warning.mb
check 1 1 --strict tests/data/ci_findings_warning.mb
check 1 1 tests/data/no_such_file.mb
check 1 1 "$dir/odd.mb"
# mubiao test --format junit: one test case per test, failing with its failed expectations
for args in "tests/data/ruletest_test.mb tests/data/ruletest_fail.mb" "rules/"; do
  n=$((n + 1))
  "$MB_BINARY" test --format junit $args >"$dir/$n.xml" 2>/dev/null
  xmllint --noout --schema tests/data/junit.xsd "$dir/$n.xml" 2>&1 | grep -q " validates$" ||
    { cat "$dir/$n.xml"; fail "test --format junit $args is not valid JUnit"; }
done
grep -q "<testsuite name=\"tests/data/ruletest_fail.mb\" tests=\"2\" failures=\"1\"" "$dir/$((n - 1)).xml" ||
  fail "test --format junit: ruletest_fail.mb is not 2 tests with 1 failure"
echo "ok: $n JUnit reports of check and test valid"
