#!/usr/bin/env bash
# check_merge.sh [bench] — eval --shard K/N and merge give the unsharded report byte for byte.
# For each case (the examples final and mid-term, every rule file together, the county's
# quarterly plan, the traps of tests/sql and its cases/ folder, rows in no order with errors of
# every kind across two files, and with `bench` the 10,000-region benchmark file) the report of
# eval without --shard is compared with merge's of N = 1, 2 and 3 shards in every format, with
# the exit status; and no shard's part may hold a region of another's.
set -u
src=${MB_SOURCE_DIR:?}
bin=${MB_BINARY:?}
cd "$src"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
shards=(1 2 3)
formats=(text json csv html junit summary)

compare() { # NAME DATA RULES-AND-OPTIONS... (DATA: paths separated by spaces, each a --data)
  local name=$1 data=()
  for d in $2; do data+=(--data "$d"); done
  shift 2
  local -a opts=("$@") rules=() rest=()
  for a in "${opts[@]}"; do case $a in *.mb) rules+=("$a") ;; *) rest+=("$a") ;; esac; done
  for fmt in "${formats[@]}"; do
    "$bin" eval "${opts[@]}" "${data[@]}" --format "$fmt" --fail-on none >"$tmp/u.$fmt" 2>"$tmp/u.$fmt.err"
    echo $? >>"$tmp/u.$fmt"
  done
  for n in "${shards[@]}"; do
    local -a parts=()
    for ((k = 1; k <= n; k++)); do
      "$bin" eval "${opts[@]}" "${data[@]}" --shard "$k/$n" --format json --fail-on none \
        --output "$tmp/s$k.json" 2>"$tmp/s.err"
      parts+=("$tmp/s$k.json")
    done
    # every region in exactly one part, the one docs/scale.md names: FNV-1a 64 of its NFKC
    # name mod N, plus 1 (computed here independently of mubiao)
    if ! python3 - "$n" "${parts[@]}" <<'PY'
import json, sys, unicodedata
n, seen, bad = int(sys.argv[1]), set(), 0
for path in sys.argv[2:]:
    text = open(path, encoding="utf-8").read()
    part = json.loads(text[text.rindex('\n"shard":') + 9:text.rstrip().rindex("}")])
    for r in part["regions"]:
        name = unicodedata.normalize("NFKC", bytes.fromhex(r[0]).decode("utf-8"))
        h = 14695981039346656037
        for b in name.encode("utf-8"):
            h = ((h ^ b) * 1099511628211) % (1 << 64)
        if h % n + 1 != part["k"] or name in seen:
            print("region %r: in shard %d of %d, or in two" % (name, part["k"], n)); bad = 1
        seen.add(name)
sys.exit(bad)
PY
    then echo "FAIL $name: regions not where FNV-1a puts them"; fail=1; fi
    for fmt in "${formats[@]}"; do
      "$bin" merge "${rules[@]}" "${parts[@]}" "${rest[@]}" --format "$fmt" --fail-on none >"$tmp/m.$fmt" 2>"$tmp/m.err"
      echo $? >>"$tmp/m.$fmt"
      # the messages too: the submission errors with their lines, the row counts
      if ! cmp -s "$tmp/u.$fmt.err" "$tmp/m.err"; then
        echo "FAIL $name: $n shards, --format $fmt: messages differ from eval's:"
        diff "$tmp/u.$fmt.err" "$tmp/m.err" | head -5
        fail=1
      fi
      if ! cmp -s "$tmp/u.$fmt" "$tmp/m.$fmt"; then
        echo "FAIL $name: $n shards, --format $fmt differs from eval's report (or exit status):"
        diff "$tmp/u.$fmt" "$tmp/m.$fmt" | head -5
        fail=1
      fi
    done
  done
  echo "ok $name"
}

if [ "${1:-}" = bench ]; then
  . "$src/tests/sql/bench_data.sh"
  shards=(2 3)
  compare "workload, $(basename "$data")" "$data" bench/workload.mb
  exit $fail
fi
for plan in nantong_2018 jiangyin_2018_2020 changzhou_2018 nanjing_2022_2024 haizhou_2015; do
  compare "$plan" "examples/$plan/submission.csv" "rules/$plan.mb"
done
compare "jiangyin_2018_2020 as of 2019" examples/jiangyin_2018_2020/submission.csv rules/jiangyin_2018_2020.mb --as-of 2019
compare "nanjing_2022_2024 as of 2023" examples/nanjing_2022_2024/submission.csv rules/nanjing_2022_2024.mb --as-of 2023
compare "every rule file" examples/nanjing_2022_2024/submission.csv rules/*.mb
compare "county, quarterly" examples/county_2025/submission.csv examples/county_2025/plan.mb
compare "county as of 2025Q3" examples/county_2025/submission.csv examples/county_2025/plan.mb --as-of 2025Q3
compare "walkthrough" examples/walkthrough/submission.csv examples/walkthrough/credit.mb
compare "workload, traps" tests/sql/traps.csv bench/workload.mb
for t in tests/sql/cases/*.mb; do
  compare "$(basename "$t")" "${t%.mb}.csv" "$t"
done
compare "nantong, shuffled, duplicates, unread regions" tests/data/shard/nantong_shuffled.csv rules/nantong_2018.mb
compare "workload, two files of shuffled rows with errors" tests/data/shard/hostile bench/workload.mb
compare "workload, errors, as of 2018" tests/data/shard/hostile bench/workload.mb --as-of 2018
# rows of the region compared with whose indicator no rule reads, written with a quote inside
compare "nantong, quoted names no rule reads" tests/data/shard/nantong_quoted_names.csv rules/nantong_2018.mb
# a byte order mark, CRLF, fields quoted over two lines, a file without the columns
compare "workload, odd files" tests/data/shard/odd bench/workload.mb
# a file that cannot be read between two with errors: its message between theirs, as eval has it
compare "workload, a missing file between two" \
  "tests/data/shard/unplaced/a.csv tests/data/shard/unplaced/no_such.csv tests/data/shard/unplaced/b.csv" bench/workload.mb
exit $fail
