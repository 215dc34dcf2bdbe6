#!/usr/bin/env bash
# run-demo.sh BINARY — the demo behind './dev.sh demo': check every rule file, then evaluate each
# plan's illustrative submission (examples/<plan>/submission.csv, made-up numbers) and print the
# text report. Jiangyin and Nanjing are shown twice: the mid-term review (--as-of) and the final one.
# Last, an invented county's annual plan with quarterly monitoring (examples/county_2025), as of
# its third quarter and at year end.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: examples/run-demo.sh BINARY" >&2
  exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/.."

run() {
  echo
  echo "\$ mubiao $*"
  "$bin" "$@"
}

echo "\$ mubiao check rules/*.mb"
"$bin" check rules/*.mb

# The examples are built to contain missed targets (and, mid-term, targets behind schedule): with
# the default --fail-on (missed) every evaluation would exit 1 and stop the demo. The demo is
# there to show those verdicts, so it fails only on 'error' verdicts (a value that cannot be
# used), which would mean the example itself is broken; a usage error or a bad rule or data row
# still exits 2 and stops the demo through 'set -e'.
for plan in nantong_2018 jiangyin_2018_2020 changzhou_2018 nanjing_2022_2024 haizhou_2015; do
  case $plan in
    jiangyin_2018_2020) run eval "rules/$plan.mb" --data "examples/$plan/submission.csv" --as-of 2019 --fail-on error ;;
    nanjing_2022_2024)  run eval "rules/$plan.mb" --data "examples/$plan/submission.csv" --as-of 2023 --fail-on error ;;
  esac
  run eval "rules/$plan.mb" --data "examples/$plan/submission.csv" --fail-on error
done

county=examples/county_2025
run eval "$county/plan.mb" --data "$county/submission.csv" --as-of 2025Q3 --fail-on error
run eval "$county/plan.mb" --data "$county/submission.csv" --fail-on error

echo
echo "demo finished: the reports above use made-up numbers (see examples/README.md)"
