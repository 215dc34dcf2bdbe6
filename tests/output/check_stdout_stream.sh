#!/usr/bin/env bash
# The CSV report to standard output that is a file (`mubiao eval ... > report.csv`) is written
# while the data is read, as with --output, so memory does not grow with the regions; should
# the data have to be read again (rows of a region after another's), the file is cut back to
# where the report started. Only where that is safe: never a pipe (its reader has the lines
# already), a file opened to append (others may append too), a file with bytes after the
# offset (`1<>`), or one of the data files. Each case: the bytes of the file, and whether the
# run streamed (MB_DEBUG=stream).
set -euo pipefail
. "${MB_SOURCE_DIR:?}/tests/bench/ref_data.sh" 1000
rules="$src/bench/workload.mb"
cd "$tmp"
cp "$data" d.csv
python3 - <<'PY'
import random
rows = open("d.csv").readlines()
body = rows[1:]
random.Random(7).shuffle(body)
open("shuffled.csv", "w").writelines(rows[:1] + body)
PY
"$bin" eval "$rules" --data d.csv --format csv --output want.csv 2>/dev/null || true
"$bin" eval "$rules" --data shuffled.csv --format csv --output want_shuffled.csv 2>/dev/null || true
[ "$(wc -l <want.csv)" -gt 20000 ] || { echo "FAIL: the reference report is too short"; exit 1; }
fails=0
# expect NAME STREAMED FILE WANT...: FILE holds the concatenation of WANT..., and the run's
# standard error (err) says it streamed (yes) or not (no)
expect() {
  local name=$1 streamed=$2 file=$3
  shift 3
  if ! cmp -s "$file" <(cat "$@"); then
    echo "FAIL $name: the file is not what was expected"
    cmp "$file" <(cat "$@") || true
    fails=$((fails + 1))
  fi
  local got=no
  grep -q '^mubiao: debug: streamed' err && got=yes
  [ "$got" = "$streamed" ] || { echo "FAIL $name: streamed: $got, expected $streamed"; fails=$((fails + 1)); }
  echo "$name: streamed $got"
}
echo hi >hi.txt
run() { MB_DEBUG=stream "$bin" eval "$rules" --format csv "$@" 2>err || true; }

run --data d.csv >out.csv
expect plain yes out.csv want.csv
run --data d.csv --output - >out.csv
expect dash yes out.csv want.csv
{ echo hi; run --data d.csv; } >out.csv
expect after_a_line yes out.csv hi.txt want.csv
# rows of a region come back: the data is read again, and the report written again from its
# start, after the line that was there
{ echo hi; run --data shuffled.csv; } >out.csv
expect read_again no out.csv hi.txt want_shuffled.csv
cmp -s want.csv want_shuffled.csv && { echo "FAIL: the shuffled report should differ in order"; fails=$((fails + 1)); }
# a selection that names nothing: no report, the file as it was
{ echo hi; MB_DEBUG=stream "$bin" eval "$rules" --format csv --data d.csv --region NOPE 2>err && rc=0 || rc=$?; } >out.csv
[ "$rc" = 2 ] || { echo "FAIL no_region: exit $rc, expected 2"; fails=$((fails + 1)); }
grep -q "'NOPE' matches no region" err || { echo "FAIL no_region: no message"; cat err; fails=$((fails + 1)); }
expect no_region yes out.csv hi.txt
cp hi.txt out.csv
run --data d.csv >>out.csv
expect append no out.csv hi.txt want.csv
printf 'old bytes\n%.0s' $(seq 5000) >out.csv
cp out.csv old.csv
run --data d.csv 1<>out.csv
python3 -c "import sys; a=open('want.csv','rb').read(); b=open('old.csv','rb').read(); sys.stdout.buffer.write(a+b[len(a):])" >want_rw.csv
expect read_write no out.csv want_rw.csv
run --data d.csv | cat >out.csv
expect pipe no out.csv want.csv
# standard output at the end of the data file itself, and of a file in a data folder: the
# report must not be read as data
mkdir folder
cp d.csv folder/a.csv
cp d.csv self.csv
for target in self.csv folder/a.csv; do
  where=self.csv
  [ "$target" = folder/a.csv ] && where=folder
  python3 - "$bin" "$rules" "$where" "$target" <<'PY'
import os, subprocess, sys
binary, rules, where, target = sys.argv[1:]
with open(target, "r+b") as out, open("err", "wb") as err:
    out.seek(0, os.SEEK_END)  # not opened to append: at the end, as `{ cat d; mubiao; } >` leaves it
    subprocess.run([binary, "eval", rules, "--format", "csv", "--data", where], stdout=out, stderr=err,
                   env=dict(os.environ, MB_DEBUG="stream"))
PY
  expect "data_file($target)" no "$target" d.csv want.csv
done
[ $fails = 0 ] || { echo "$fails failed"; exit 1; }
echo "every case as expected"
