#!/usr/bin/env bash
# The report's temporary file is written back while it is written (sync_file_range on Linux,
# interpreter/cli/out_file.c) and the second part of a two-thread CSV report is appended to it
# with copy_file_range. Neither may change a byte of the report, and a failure of either, or
# of a write, must leave the old output as it was and say why (exit 2), never pass silently:
# a writeback error the kernel reported to sync_file_range need not be reported again by the
# fsync. fail_io.c (preloaded) makes those calls fail on demand. The input is the
# 10,000-region reference file (50 MB, read in two parts on two threads; a 24 MB report).
set -euo pipefail
. "${MB_SOURCE_DIR:?}/tests/bench/ref_data.sh" 10000
shim=${MB_FAIL_IO_LIB:?}
rules="$src/bench/workload.mb"
cd "$tmp"
# a preloaded library not built with the sanitizers comes before their runtime: allowed here
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"

MB_THREADS=1 "$bin" eval "$rules" --data "$data" --format csv --output ref.csv 2>/dev/null || true
[ "$(stat -c %s ref.csv)" -gt 16000000 ] || { echo "the reference report is too short for writeback to start"; exit 1; }
printf 'an older report\n' >old.csv

# run THREADS CASE VAR=VALUE...: mubiao with the shim writing over a copy of old.csv as out.csv
run() {
  local threads=$1 case=$2; shift 2
  cp old.csv out.csv
  rm -f log.txt
  set +e
  env "$@" MB_FAIL_LOG=log.txt LD_PRELOAD="$shim" MB_THREADS="$threads" \
    "$bin" eval "$rules" --data "$data" --format csv --output out.csv >/dev/null 2>err.txt
  code=$?
  set -e
  what="$case, $threads thread(s)"
}

# the old output stays, no temporary file is left, and the message names the cause
refused() {
  local cause=$1 call=$2
  [ "$code" = 2 ] || { echo "$what: exit $code, not 2"; cat err.txt; exit 1; }
  grep -qxF "mubiao: error: the report could not be written whole to 'out.csv' (left as it was): $cause" err.txt ||
    { echo "$what: no message naming '$cause'"; cat err.txt; exit 1; }
  cmp -s out.csv old.csv || { echo "$what: the old output was changed"; exit 1; }
  ! ls | grep -q '^out\.csv\.' || { echo "$what: a temporary file was left:"; ls; exit 1; }
  grep -qx "$call" log.txt || { echo "$what: $call was never called"; exit 1; }
}

written() {
  local call=$1
  [ "$code" = 1 ] || { echo "$what: exit $code, not 1 (some targets missed)"; cat err.txt; exit 1; }
  cmp -s out.csv ref.csv || { echo "$what: the report differs from one thread's"; exit 1; }
  grep -qx "$call" log.txt || { echo "$what: $call was never called"; exit 1; }
}

for t in 1 2; do
  run $t "writeback started as it writes"
  written sync_file_range
  run $t "writeback fails (EIO)" MB_FAIL_SYNC_RANGE=EIO
  refused "Input/output error" sync_file_range
  run $t "writeback finds the disk full (ENOSPC)" MB_FAIL_SYNC_RANGE=ENOSPC
  refused "No space left on device" sync_file_range
  run $t "writeback not supported (ENOSYS): the fsync does it all" MB_FAIL_SYNC_RANGE=ENOSYS
  written sync_file_range
  run $t "the disk fills after 10 MB" MB_FAIL_WRITE_AFTER=10000000
  refused "No space left on device" write
done
run 1 "the second writeback fails" MB_FAIL_SYNC_RANGE=EIO MB_FAIL_SYNC_RANGE_SKIP=1
refused "Input/output error" "sync_file_range failed"
run 2 "the appended part's writeback fails" MB_FAIL_SYNC_RANGE=EIO MB_FAIL_SYNC_RANGE_SKIP=1
refused "Input/output error" "sync_file_range failed"
first() { grep -m1 -nx "$1" log.txt | cut -d: -f1; }
[ "$(first "sync_file_range failed")" -gt "$(first copy_file_range)" ] || { echo "$what: it failed before the append"; exit 1; }
run 2 "the second part appended"
written copy_file_range
run 2 "the files cannot be copied between (EXDEV): through a buffer" MB_FAIL_COPY_RANGE=EXDEV
written copy_file_range
run 2 "the copy fails (EIO), and so does the buffer's write" MB_FAIL_COPY_RANGE=EIO MB_FAIL_WRITE_AFTER=14000000
refused "No space left on device" copy_file_range
[ "$(first write)" -gt "$(first copy_file_range)" ] || { echo "$what: the write failed before the append"; exit 1; }
# The first thread, its own part done, copies the second part's lines while they are written
# (eval_split.c, following): MB_HOLD_PART=16 stops the second part's thread after its first
# 16 writes (2 MiB) until that copy was made, so that it is certainly made while the part is
# still written.
followed() {
  grep -qx "part released" log.txt || { echo "$what: the second part was not copied while written"; cat log.txt; exit 1; }
  [ "$(first "part released")" -gt "$(first copy_file_range)" ] || { echo "$what: no copy before the part went on"; exit 1; }
}
run 2 "the second part copied while it is written" MB_HOLD_PART=16
written copy_file_range
followed
run 2 "a copy fails while following (the disk is full)" MB_HOLD_PART=16 MB_FAIL_COPY_RANGE=ENOSPC \
  MB_FAIL_COPY_RANGE_SKIP=1 MB_FAIL_WRITE_AFTER_COPY=1
refused "No space left on device" "copy_file_range failed"
followed
# a part copied in part and then not kept (a duplicate row at the very end: its message names
# an earlier line, so the second part is read again in order) is cut off the output again
cp "$data" dup.csv
tail -n 400 "$data" | grep ",rd_gdp,2018," | tail -n 1 >>dup.csv
MB_THREADS=1 "$bin" eval "$rules" --data dup.csv --format csv --output dupref.csv 2>duperr1.txt || true
cp old.csv out.csv
rm -f log.txt
set +e
MB_DEBUG=stream MB_FAIL_LOG=log.txt LD_PRELOAD="$shim" MB_HOLD_PART=16 MB_THREADS=2 \
  "$bin" eval "$rules" --data dup.csv --format csv --output out.csv >/dev/null 2>err.txt
code=$?
set -e
what="a part copied while written, then not kept"
[ "$code" = 1 ] || { echo "$what: exit $code, not 1"; cat err.txt; exit 1; }
grep -qx "mubiao: debug: streamed; files read in two parts: 0" err.txt || { echo "$what: the part was kept"; cat err.txt; exit 1; }
grep -q "warning: duplicate observation" err.txt || { echo "$what: no duplicate"; cat err.txt; exit 1; }
cmp -s <(grep -v '^mubiao: debug:' err.txt) duperr1.txt || { echo "$what: the messages differ from one thread's"; exit 1; }
cmp -s out.csv dupref.csv || { echo "$what: the report differs from one thread's"; exit 1; }
followed
# The report to standard output that is a file (`> out.csv`), written while the data is read
# through a writer of its own: written back as it goes, its second part copied in, and on a
# failure cut back to what the file held before (here a line), never left half written.
run_stdout() {
  local threads=$1 case=$2; shift 2
  rm -f log.txt
  set +e
  { echo before; env "$@" MB_DEBUG=stream MB_FAIL_LOG=log.txt LD_PRELOAD="$shim" MB_THREADS="$threads" \
    "$bin" eval "$rules" --data "$data" --format csv 2>err.txt; code=$?; } >out.csv
  set -e
  what="$case, to standard output, $threads thread(s)"
  grep -q "^mubiao: debug: streamed" err.txt || { echo "$what: not streamed"; cat err.txt; exit 1; }
}
echo before >before.txt
for t in 1 2; do
  run_stdout $t "written back as it writes"
  [ "$code" = 1 ] || { echo "$what: exit $code, not 1"; cat err.txt; exit 1; }
  cmp -s out.csv <(cat before.txt ref.csv) || { echo "$what: the report differs from one thread's"; exit 1; }
  grep -qx sync_file_range log.txt || { echo "$what: sync_file_range was never called"; exit 1; }
  run_stdout $t "the disk fills after 10 MB" MB_FAIL_WRITE_AFTER=10000000
  [ "$code" = 2 ] || { echo "$what: exit $code, not 2"; cat err.txt; exit 1; }
  grep -qxF "mubiao: error: the report could not be written whole to standard output (none of it was left there): No space left on device" err.txt ||
    { echo "$what: no message naming the cause"; cat err.txt; exit 1; }
  cmp -s out.csv before.txt || { echo "$what: the file was not cut back to what it held"; exit 1; }
done
run_stdout 2 "the copy fails (EIO), and so does the buffer's write" MB_FAIL_COPY_RANGE=EIO MB_FAIL_WRITE_AFTER=14000000
[ "$code" = 2 ] || { echo "$what: exit $code, not 2"; cat err.txt; exit 1; }
grep -qx copy_file_range log.txt || { echo "$what: copy_file_range was never called"; exit 1; }
cmp -s out.csv before.txt || { echo "$what: the file was not cut back to what it held"; exit 1; }
echo "writeback and append: every failure kept the old output and said why; the reports are one thread's"

