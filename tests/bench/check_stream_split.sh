#!/usr/bin/env bash
# Streaming on two threads: a large sorted file is read in two parts, split at a region
# boundary near the middle, each part evaluated region by region into a sink of its own, and
# the parts combined. Whatever happens at the split, the answer must be one thread's: for each
# case below, the summary (standard output, messages, exit status) and the CSV report (the
# file, messages, exit status) are byte for byte those of MB_THREADS=1, and MB_DEBUG=stream
# says which path the run took — two parts kept (1), or the second part read again on one
# thread (0), or no streaming at all (no line: the data was read again holding every region).
# The inputs are the first 3,800 regions of the 10,000-region reference file (19 MB, over the
# 16 MiB a second thread needs), changed a little for each case.
set -euo pipefail
. "${MB_SOURCE_DIR:?}/tests/bench/ref_data.sh" 10000
rules="$src/bench/workload.mb"
cp "$rules" "$tmp/refs.mb"
echo 'target R21: rd_gdp > region "R000002" by 2018 phrase "rd_gdp above R000002 in 2018";' >>"$tmp/refs.mb"
# gen PERCENT SUFFIX: the cases, written to NAME$SUFFIX.csv, for a split at the share named
# PERCENT in ingest_file.c: the summary's (SPLIT_PERCENT), and the CSV report's, whose second
# part is followed (SPLIT_FOLLOWED_PERCENT: NAME.followed.csv)
gen() {
python3 - "$data" "$tmp" "$src/interpreter/data/ingest_file.c" "$1" "$2" <<'PY'
import re, sys
src, out, suffix = sys.argv[1], sys.argv[2], sys.argv[5]
# where the reader splits a file (ingest_file.c: split_point, region_boundary), to put
# things at the split itself
percent = int(re.search(sys.argv[4] + r"\b.*? = (\d+)", open(sys.argv[3]).read()).group(1))
def split_of(rs):
    data = "".join([head] + rs).encode()
    hdr = len(head.encode())
    mid = data.index(b"\n", hdr + (len(data) - hdr) // 100 * percent) + 1
    prev = data[data.rindex(b"\n", 0, mid - 1) + 1:mid].split(b",")[0]
    at, k = hdr, 0  # the row that starts at the boundary: the second part's first
    while at < mid or data[at:data.index(b"\n", at)].split(b",")[0] == prev:
        at = data.index(b"\n", at) + 1
        k += 1
    return mid, at, k
with open(src) as f:
    head = f.readline()
    rows = [l for l in f if int(l[1:7]) <= 3800]
def write(name, rs):
    with open(f"{out}/{name}{suffix}.csv", "w") as f:
        f.write(head)
        f.writelines(rs)
def bad(l):  # a value that is not a number: an error naming its line and column
    r, i, p, v = l.rstrip("\n").split(",")
    return f"{r},{i},{p},x{v}\n"
n = len(rows)
write("plain", rows)
# a rejected value in the first rows and in the last: the second part's messages must carry
# the file's line numbers, and come after the first part's
write("errors", [bad(l) if l[:7] in ("R000001", "R000002", "R003799", "R003800") and ",rd_gdp,2018," in l else l
                 for l in rows])
# a quoted field in the first part: the split might cut a record, the second part is not kept
q = next(k for k, l in enumerate(rows) if k > 1000 and ",rd_gdp," in l)
write("quote", [l.replace(",rd_gdp,", ',"rd_gdp",') if k == q else l for k, l in enumerate(rows)])
# every other row names its region with a fullwidth last digit (NFKC: the same region), so the
# split falls inside a region: its rows are in both parts, which must not be combined
def alt(l, k):
    return (l[:6] + chr(0xFF10 + int(l[6])) + l[7:]) if k % 2 else l
# The region cut must have a row a rule reads in the second part (a row no rule reads never
# interns its region, and a part holding none of it may be kept): its rd_gdp row of 2020 goes
# to its end.
sp = [alt(l, k) for k, l in enumerate(rows)]
reg = rows[split_of(sp)[2]][:7]
last = max(j for j, l in enumerate(rows) if l[:7] == reg)
moved = next(j for j, l in enumerate(rows) if l[:7] == reg and ",rd_gdp,2020," in l)
srows = rows[:moved] + rows[moved + 1:last + 1] + [rows[moved]] + rows[last + 1:]
sp = [alt(l, k) for k, l in enumerate(srows)]
ks = split_of(sp)[2]
assert srows[ks - 1][:7] == srows[ks][:7] == reg and ks <= last, (reg, ks, last)
write("spelled", sp)
# the first region has a later period than any other: one thread judges every region as of
# it from the start; the second part, on its own, would judge as of 2020
write("asof_first", rows[:3] + ["R000001,rd_gdp,2021,1.0\n"] + rows[3:])
# the last region has the later period: the as-of moves at the end, on one thread and two
write("asof_last", rows + ["R003800,rd_gdp,2021,1.0\n"])
# a region's rows come back near the end: not sorted
write("unsorted", rows + ["R000001,rd_gdp,2018,9.99\n"])
mid, at, k = split_of(rows)
assert k > 1000 and k < n - 1000, (mid, at, k)
# several errors in both parts: those of the second part name its lines, numbered from its
# own start until the parts join
write("late", [bad(l) if l[:7] in ("R000001", "R003700", "R003701", "R003790") and ",rd_gdp,2018," in l else l
               for l in rows])
# rows of a period past every deadline in the second part only: the warning about it names
# the first of them (the as-of default's row), a line of the second part
write("future", rows[:k + 20] + ["R%s,rd_gdp,2031,1.0\n" % rows[k + 20][1:7]] + rows[k + 20:] + ["R003800,hte_count,2031,5\n"])
# a duplicate row in the second part: its message names the earlier row's line in its text,
# which cannot be moved when the parts join: the second part is read again in order
d = next(j for j in range(k + 30, n) if ",rd_gdp,2018," in rows[j])
write("duplicate", rows[:d + 1] + [rows[d]] + rows[d + 1:])
# a quote in the first row and in a row just before the split
def quoted(l):
    r, i, p, v = l.rstrip("\n").split(",")
    return f'{r},{i},{p},"{v}"\n'
write("quote_early", [quoted(l) if j == 0 else l for j, l in enumerate(rows)])
write("quote_near", [quoted(l) if j == k - 2 else l for j, l in enumerate(rows)])
# a quoted field that spans the split: it opens on the first part's last line and closes on
# the second part's first line, so the split point is inside one record (of two fields: an
# error): the first part must read on to the end, not stop at the split
r, rest = rows[k - 1].split(",", 1)
span = rows[:k - 1] + [f'{r},"{rest}', rows[k].rstrip("\n") + '"\n'] + rows[k + 1:]
assert split_of(span)[2] == k and span[k - 1].count('"') == 1, span[k - 1]
write("quote_span", span)
# CRLF line ends throughout
write("crlf", [l.replace("\n", "\r\n") for l in rows])
# the split line itself starts a region: the second part's first line is the one at the
# split point (the rows of the region there from it on get a name of their own)
j, off = 0, len(head.encode())
while off < mid:
    off += len(rows[j].encode())
    j += 1
same = rows[:j] + ["R009999" + l[7:] if l[:7] == rows[j - 1][:7] else l for l in rows[j:]]
assert split_of(same)[0] == split_of(same)[1], split_of(same)
write("split_line", same)
PY
}
gen SPLIT_PERCENT ""
gen SPLIT_FOLLOWED_PERCENT .followed
fails=0
# case rules want: want is the MB_DEBUG=stream line of the two-thread run ("none": no line)
check() {
  local name=$1 rules=$2 want=$3 f="$tmp/$1.csv" fc="$tmp/$1.followed.csv"
  [ "$(stat -c %s "$f")" -gt $((16 << 20)) ] || { echo "FAIL $name: too small for two threads"; fails=$((fails + 1)); return; }
  [ "$(nproc)" -ge 2 ] || want=0
  for t in 1 2; do
    local env=(MB_DEBUG=stream)
    [ $t = 1 ] && env+=(MB_THREADS=1)
    rc=0; env "${env[@]}" "$bin" eval "$rules" --data "$f" --format summary >"$tmp/sum$t" 2>"$tmp/sumerr$t" || rc=$?
    echo "exit $rc" >>"$tmp/sum$t"
    rc=0; env "${env[@]}" "$bin" eval "$rules" --data "$fc" --format csv --output "$tmp/csv$t.csv" 2>"$tmp/csverr$t" || rc=$?
    echo "exit $rc" >>"$tmp/csverr$t"
    # the same report to standard output that is a file (`> file`): streamed the same way,
    # cut back to its start when the data is read again
    rc=0; env "${env[@]}" "$bin" eval "$rules" --data "$fc" --format csv >"$tmp/out$t" 2>"$tmp/outerr$t" || rc=$?
    echo "exit $rc" >>"$tmp/outerr$t"
  done
  # pairs that must be the same: one thread and two; the report to a file and to standard output
  for k in sum1:sum2 sumerr1:sumerr2 csv1.csv:csv2.csv csverr1:csverr2 \
           csv1.csv:out1 csv1.csv:out2 csverr1:outerr1 csverr1:outerr2; do
    local a="$tmp/${k%%:*}" b="$tmp/${k##*:}"
    # the debug line says which path each run took: compared apart
    if ! cmp -s <(grep -v '^mubiao: debug:' "$a") <(grep -v '^mubiao: debug:' "$b"); then
      echo "FAIL $name: ${k%%:*} and ${k##*:} differ"
      diff <(grep -v '^mubiao: debug:' "$a") <(grep -v '^mubiao: debug:' "$b") | head -10 || true
      fails=$((fails + 1))
    fi
  done
  for k in sumerr csverr outerr; do
    local got
    got=$(sed -n 's/^mubiao: debug: streamed; files read in two parts: //p' "$tmp/${k}2")
    [ -n "$got" ] || got=none
    [ "$got" = "$want" ] || { echo "FAIL $name: $k: two parts kept: $got, expected $want"; fails=$((fails + 1)); }
    got=$(sed -n 's/^mubiao: debug: streamed; files read in two parts: //p' "$tmp/${k}1")
    [ -n "$got" ] || got=none
    [ "$want" = none ] || [ "$got" = 0 ] || { echo "FAIL $name: $k: one thread kept two parts ($got)"; fails=$((fails + 1)); }
  done
  [ -s "$tmp/csv1.csv" ] || { echo "FAIL $name: no CSV report"; fails=$((fails + 1)); }
  echo "$name: $(grep -c . "$tmp/csv1.csv") report lines, $(grep -c 'error:\|warning:' "$tmp/sumerr1" || true) messages, two parts kept: $want"
}
check plain "$rules" 1
check errors "$rules" 1
[ "$(grep -c ': error: ' "$tmp/sumerr2")" = 4 ] || { echo "FAIL errors: expected 4 messages"; cat "$tmp/sumerr2"; fails=$((fails + 1)); }
check quote "$rules" 0
check spelled "$rules" 0
check asof_first "$rules" 0
check asof_last "$rules" none
check unsorted "$rules" none
check plain "$tmp/refs.mb" 0
check late "$rules" 1
[ "$(grep -c ': error: ' "$tmp/sumerr2")" = 4 ] || { echo "FAIL late: expected 4 errors"; cat "$tmp/sumerr2"; fails=$((fails + 1)); }
# the as-of moves at the end: not streamed; then the parts are read into stores of their own
# and merged, also in a report that is never streamed (JSON)
check future "$rules" none
grep -q 'warning: period 2031 is past every deadline' "$tmp/sumerr2" || { echo "FAIL future: no warning about 2031"; fails=$((fails + 1)); }
for t in 1 2; do
  rc=0; MB_THREADS=$t "$bin" eval "$rules" --data "$tmp/future.csv" --format json >"$tmp/json$t" 2>"$tmp/jsonerr$t" || rc=$?
  echo "exit $rc" >>"$tmp/jsonerr$t"
done
cmp -s "$tmp/json1" "$tmp/json2" && cmp -s "$tmp/jsonerr1" "$tmp/jsonerr2" ||
  { echo "FAIL future: the JSON report differs between one thread and two"; diff "$tmp/jsonerr1" "$tmp/jsonerr2" | head; fails=$((fails + 1)); }
grep -q 'future.csv:[0-9]*:[0-9]*: warning: period 2031' "$tmp/jsonerr2" || { echo "FAIL future: no position"; cat "$tmp/jsonerr2"; fails=$((fails + 1)); }
check duplicate "$rules" 0
grep -q 'warning: duplicate observation' "$tmp/sumerr2" || { echo "FAIL duplicate: no warning"; fails=$((fails + 1)); }
check quote_early "$rules" 0
check quote_near "$rules" 0
check quote_span "$rules" 0
grep -q 'quote_span.csv:[0-9]*:[0-9]*: error: .*fields' "$tmp/sumerr1" || { echo "FAIL quote_span: the record across the split is not one"; cat "$tmp/sumerr1"; fails=$((fails + 1)); }
check crlf "$rules" 1
check split_line "$rules" 1
[ $fails = 0 ] || { echo "$fails failed"; exit 1; }
echo "all cases the same on one thread and two"
