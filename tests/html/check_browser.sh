#!/usr/bin/env bash
# check_browser.sh — the HTML reports of the examples, and one of hostile names, opened in
# headless Chromium (browser.js): the page's targets, regions, verdicts and counts per status
# equal the JSON report's, no console error, no dialog, no request leaves the file, and no
# name runs as markup. Screenshots of the examples go to $MB_ARTEFACTS (default: a folder
# html-screenshots in the working directory), kept as test artefacts.
# Needs chromium (Debian package) and tests/node_modules (npm ci in tests/; ./dev.sh test runs it).
set -euo pipefail
bin=${MB_BINARY:?MB_BINARY is the mubiao binary}
src=${MB_SOURCE_DIR:?MB_SOURCE_DIR is the source tree}
chromium=${MB_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "FAIL: $chromium is missing: install Debian's chromium (./dev.sh deps)"; exit 1; }
[ -d "$src/tests/node_modules/playwright-core" ] || { echo "FAIL: playwright-core is missing: run 'npm ci' in tests/ (./dev.sh test does)"; exit 1; }
shots=${MB_ARTEFACTS:-$PWD/html-screenshots}
mkdir -p "$shots"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
fail=0
report() { # NAME ARGS...: the HTML and the JSON report of one run, then the browser's check
  local name=$1; shift
  "$bin" eval "$@" --fail-on none --format html --output "$tmp/$name.html"
  "$bin" eval "$@" --fail-on none --format json --output "$tmp/$name.json" 2>/dev/null  # its messages are the same
  node tests/html/browser.js check "$tmp/$name.html" "$tmp/$name.json" "$shots/$name.png" || fail=1
}
for plan in nantong_2018 jiangyin_2018_2020 changzhou_2018 nanjing_2022_2024 haizhou_2015; do
  report "$plan" "rules/$plan.mb" --data "examples/$plan/submission.csv"
done
report jiangyin_2018_2020_as_of_2019 rules/jiangyin_2018_2020.mb --data examples/jiangyin_2018_2020/submission.csv --as-of 2019
report eval_forms tests/data/eval_forms.mb --data tests/data/eval_forms.csv --as-of 2018
# every rule file against every submission: several plans and their regions on one page
report all_plans rules/*.mb $(for p in examples/*/submission.csv; do printf -- '--data %s ' "$p"; done)
"$bin" eval tests/hostile/html_names.mb --data tests/hostile/html_names.csv --fail-on none --format html \
  --output "$tmp/hostile.html"
node tests/html/browser.js hostile "$tmp/hostile.html" || fail=1
exit $fail
