#!/usr/bin/env bash
# Speed work must never change an answer. On the 10,000-region reference file (50 MB: large
# enough to be read on two threads) and on a shuffled copy of it (rows in random order, so
# regions interleave and nothing can rely on sorted input):
#  - per-rule counts, one thread and two, sorted and shuffled, counted while reading
#    (streaming: the sorted file is evaluated region by region, the shuffled one is noticed
#    and read again) and after reading everything (MB_STREAM=0), equal the pinned counts
#    (tests/bench/counts_10k.expected), and those equal an independent exact-fraction
#    evaluation (bench/reference.py);
#  - the CSV report of every verdict is byte-identical with one thread and with two, and
#    streamed or not (MB_STREAM=0), for the sorted and for the shuffled file; the shuffled file's report holds the same lines (regions
#    come in the order they first appear, so only the order differs).
#  - the same rows as a JSON submission give the same counts and a byte-identical CSV report;
#  - the sorted file takes the streamed path on two threads (MB_DEBUG=stream says so).
# The work is bounded by the data (about 20 s of CPU, most of it the Python reference); no
# wall-clock limit.
set -euo pipefail
. "${MB_SOURCE_DIR:?}/tests/bench/ref_data.sh" 10000
python3 - "$data" "$tmp/shuffled.csv" <<'PY'
import random, sys
with open(sys.argv[1]) as f:
    head = f.readline()
    rows = f.readlines()
random.Random(20240601).shuffle(rows)
with open(sys.argv[2], "w") as f:
    f.write(head)
    f.writelines(rows)
PY
expected="$src/tests/bench/counts_10k.expected"
rules="$src/bench/workload.mb"
fails=0
for kind in sorted shuffled; do
  f=$data
  [ $kind = shuffled ] && f=$tmp/shuffled.csv
  for t in 1 2; do
    env=()
    [ $t = 1 ] && env=(MB_THREADS=1)
    env "${env[@]}" "$bin" eval "$rules" --data "$f" --format summary >"$tmp/sum_${kind}_$t.csv" 2>/dev/null || true
    env "${env[@]}" "$bin" eval "$rules" --data "$f" --format csv --output "$tmp/csv_${kind}_$t.csv" 2>/dev/null || true
    [ -s "$tmp/csv_${kind}_$t.csv" ] || { echo "FAIL: no CSV report ($kind, $t thread(s))"; fails=$((fails + 1)); }
    diff -u "$expected" "$tmp/sum_${kind}_$t.csv" || { echo "FAIL: counts differ ($kind, $t thread(s))"; fails=$((fails + 1)); }
    if [ $kind = sorted ]; then
      # the sorted file is streamed, with two threads in two parts (the second evaluated on
      # a thread of its own), so that the comparisons here are of that path
      want=1
      { [ $t = 1 ] || [ "$(nproc)" -lt 2 ]; } && want=0
      for fmt in summary csv; do
        out=()
        [ $fmt = csv ] && out=(--output "$tmp/debug.csv")
        got=$(env "${env[@]}" MB_DEBUG=stream "$bin" eval "$rules" --data "$f" --format $fmt "${out[@]}" 2>&1 >/dev/null |
              sed -n 's/^mubiao: debug: streamed; files read in two parts: //p' || true)
        [ "$got" = "$want" ] || { echo "FAIL: $fmt, $t thread(s): files read in two parts: '$got', expected $want"; fails=$((fails + 1)); }
      done
    fi
    env "${env[@]}" MB_STREAM=0 "$bin" eval "$rules" --data "$f" --format summary >"$tmp/held_${kind}_$t.csv" 2>/dev/null || true
    diff -u "$expected" "$tmp/held_${kind}_$t.csv" || { echo "FAIL: counts differ without streaming ($kind, $t thread(s))"; fails=$((fails + 1)); }
  done
  cmp "$tmp/csv_${kind}_1.csv" "$tmp/csv_${kind}_2.csv" || { echo "FAIL: CSV reports differ between one and two threads ($kind)"; fails=$((fails + 1)); }
  MB_STREAM=0 "$bin" eval "$rules" --data "$f" --format csv --output "$tmp/csv_${kind}_held.csv" 2>/dev/null || true
  cmp "$tmp/csv_${kind}_1.csv" "$tmp/csv_${kind}_held.csv" || { echo "FAIL: CSV reports differ with and without streaming ($kind)"; fails=$((fails + 1)); }
done
[ "$(wc -l <"$tmp/csv_sorted_1.csv")" -gt 200000 ] || { echo "FAIL: the CSV report is short"; fails=$((fails + 1)); }
cmp <(sort "$tmp/csv_sorted_1.csv") <(sort "$tmp/csv_shuffled_1.csv") || { echo "FAIL: shuffled input gives other verdicts"; fails=$((fails + 1)); }
# The same rows as a JSON submission, one object a line as bench/run writes it (nearly every
# object read by the JSON reader's fast path, data/jsonin_fast.c): the same counts, and a CSV
# report byte-identical with the CSV file's.
python3 - "$data" "$tmp/sorted.json" <<'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as out:
    f.readline()
    out.write("[\n" + ",\n".join(
        '{"region":%s,"indicator":%s,"period":"%s","value":%s}' % (json.dumps(r), json.dumps(i), p, v)
        for r, i, p, v in (line.rstrip("\n").split(",") for line in f)) + "\n]\n")
PY
"$bin" eval "$rules" --data "$tmp/sorted.json" --format summary >"$tmp/sum_json.csv" 2>/dev/null || true
diff -u "$expected" "$tmp/sum_json.csv" || { echo "FAIL: counts differ for the JSON submission"; fails=$((fails + 1)); }
"$bin" eval "$rules" --data "$tmp/sorted.json" --format csv --output "$tmp/csv_json.csv" 2>/dev/null || true
cmp "$tmp/csv_sorted_1.csv" "$tmp/csv_json.csv" || { echo "FAIL: the CSV report differs for the JSON submission"; fails=$((fails + 1)); }
python3 "$src/bench/reference.py" "$data" >"$tmp/ref.csv"
cut -d, -f1,2,3,8 "$expected" | sed '1s/.*/rule,met,missed,no-data/' | diff -u "$tmp/ref.csv" - || { echo "FAIL: pinned counts differ from the reference"; fails=$((fails + 1)); }
[ $fails = 0 ] || { echo "$fails failed"; exit 1; }
echo "1 passed, 0 failed"
