#!/usr/bin/env bash
# A file over 16 MiB is read on two threads; the report, the messages and the row counts must
# be exactly those of one thread. Files from gen_split.py: seed 0 can be merged, seeds 1-3
# have rows for the same region, indicator and year on both sides of the split.
set -euo pipefail
src=${MB_SOURCE_DIR:?}
bin=${MB_BINARY:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src/tests/hostile"
fails=0
for seed in 0 1 2 3; do
  python3 "$src/tests/threads/gen_split.py" "$seed" "$tmp/s$seed.csv"
  size=$(stat -c %s "$tmp/s$seed.csv")
  [ "$size" -gt $((16 << 20)) ] || { echo "seed $seed: only $size bytes, not read on two threads"; exit 1; }
  for t in 1 2; do
    rc=0
    MB_THREADS=$t "$bin" eval _rules.mb --data "$tmp/s$seed.csv" --format csv \
      >"$tmp/out$t" 2>"$tmp/err$t" || rc=$?
    echo "$rc" >>"$tmp/out$t"
  done
  grep -q 'rows read' "$tmp/err1" || { echo "seed $seed: no row counts"; cat "$tmp/err1"; exit 1; }
  if cmp -s "$tmp/out1" "$tmp/out2" && cmp -s "$tmp/err1" "$tmp/err2"; then
    echo "seed $seed: same ($(grep -c . "$tmp/out1") report lines, $(grep -c 'error:\|warning:' "$tmp/err1") messages)"
  else
    echo "seed $seed: one thread and two differ"
    diff "$tmp/out1" "$tmp/out2" | head -20 || true
    diff "$tmp/err1" "$tmp/err2" | head -20 || true
    fails=$((fails + 1))
  fi
done
[ "$fails" -eq 0 ]
