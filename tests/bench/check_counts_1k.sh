#!/usr/bin/env bash
# The benchmark's per-rule counts on the 1,000-region reference file are pinned: speed work
# must never change an answer. Three-way: mubiao (one thread and two) against the pinned
# counts, and the pinned counts against an independent exact-fraction evaluation
# (bench/reference.py) of the rules as the workload defines them.
set -euo pipefail
src=${MB_SOURCE_DIR:?}
bin=${MB_BINARY:?}
gen="$src/../shared/bench/gen_data.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data="$src/bench/data/bench_1000.csv"
if [ ! -f "$data" ]; then
  [ -f "$gen" ] || { echo "the reference data generator is missing: $gen"; exit 1; }
  data="$tmp/bench_1000.csv"
  python3 "$gen" 1000 "$data" >/dev/null
fi
sum=$(md5sum "$data" | cut -d' ' -f1)
[ "$sum" = 91c9c6f264432c9c7ea2a4f27d7d941d ] || { echo "reference data md5 differs: $sum"; exit 1; }
expected="$src/tests/bench/counts_1k.expected"
"$bin" eval "$src/bench/workload.mb" --data "$data" --format summary >"$tmp/two.csv" 2>/dev/null || true
MB_THREADS=1 "$bin" eval "$src/bench/workload.mb" --data "$data" --format summary >"$tmp/one.csv" 2>/dev/null || true
diff -u "$expected" "$tmp/two.csv"
diff -u "$expected" "$tmp/one.csv"
python3 "$src/bench/reference.py" "$data" >"$tmp/ref.csv"
cut -d, -f1,2,3,8 "$expected" | sed '1s/.*/rule,met,missed,no-data/' | diff -u "$tmp/ref.csv" -
echo "1 passed, 0 failed"
