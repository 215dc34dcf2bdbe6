#!/usr/bin/env bash
# The benchmark's per-rule counts on the 1,000-region reference file are pinned: speed work
# must never change an answer. Three-way: mubiao (one thread and two) against the pinned
# counts, and the pinned counts against an independent exact-fraction evaluation
# (bench/reference.py) of the rules as the workload defines them.
set -euo pipefail
. "${MB_SOURCE_DIR:?}/tests/bench/ref_data.sh" 1000
expected="$src/tests/bench/counts_1k.expected"
"$bin" eval "$src/bench/workload.mb" --data "$data" --format summary >"$tmp/two.csv" 2>/dev/null || true
MB_THREADS=1 "$bin" eval "$src/bench/workload.mb" --data "$data" --format summary >"$tmp/one.csv" 2>/dev/null || true
diff -u "$expected" "$tmp/two.csv"
diff -u "$expected" "$tmp/one.csv"
python3 "$src/bench/reference.py" "$data" >"$tmp/ref.csv"
cut -d, -f1,2,3,8 "$expected" | sed '1s/.*/rule,met,missed,no-data/' | diff -u "$tmp/ref.csv" -
echo "1 passed, 0 failed"
