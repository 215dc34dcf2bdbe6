#!/usr/bin/env bash
# campaign.sh — a long fuzzing campaign for one harness, that goes on after a crash.
#
#   tests/fuzz/campaign.sh HARNESS [EXECUTIONS] [WORKERS]
#       HARNESS     parse | check | csv | json | eval
#       EXECUTIONS  stop after this many executions (default 10000000)
#       WORKERS     parallel fuzzing processes (default 1); 0 for one in-process fuzzer
#
# Runs libFuzzer in fork mode (-fork=WORKERS -ignore_crashes=1 -ignore_ooms=1
# -ignore_timeouts=1): each finding is saved and fuzzing continues with the merged corpus.
# WORKERS=0 runs libFuzzer in-process instead (-runs=EXECUTIONS): about 1.7 times the
# executions a second of one forked worker, but the run stops at its first finding.
# Everything lives in build-fuzz/campaign/HARNESS/: corpus/, artifacts/ (crash-*, leak-*,
# oom-*, timeout-*), log, and summary (executions, coverage, findings). Build first with
# tests/fuzz/build.sh. Stop early with Ctrl-C; the summary is written on exit.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${MB_FUZZ_BUILD:-$root/build-fuzz}
h=${1:?usage: campaign.sh HARNESS [EXECUTIONS] [WORKERS]}
target=${2:-10000000}
workers=${3:-1}
bin="$build/fuzz_$h"
[ -x "$bin" ] || { echo "campaign: $bin not built (run tests/fuzz/build.sh)" >&2; exit 2; }
case $h in parse | check) dict=$here/mubiao.dict ;; csv | eval) dict=$here/csv.dict ;; json) dict=$here/json.dict ;; *) exit 2 ;; esac

dir="$build/campaign/$h"
mkdir -p "$dir/corpus" "$dir/artifacts"
# Keep the record of earlier runs: the summary is per run.
[ -f "$dir/summary" ] && mv "$dir/summary" "$dir/summary.$(date -r "$dir/summary" +%Y%m%dT%H%M%S)"
if [ "$workers" -eq 0 ]; then
  mode=(-runs="$target")
else
  mode=(-fork="$workers" -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1)
fi
seeds=$(mktemp -d "${TMPDIR:-/tmp}/mubiao-seeds.XXXXXX")
"$here/seeds.sh" "$seeds"
log="$dir/log"
start=$(date +%s)

ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:handle_abort=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$bin" "$dir/corpus" "$seeds/$h" -dict="$dict" "${mode[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=2048 \
    -artifact_prefix="$dir/artifacts/" >"$log" 2>&1 &
pid=$!

execs() { grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#'; }
finish() {
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  local n line
  n=$(execs)
  line=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  {
    echo "harness:      fuzz_$h"
    echo "library:      $(cat "$build/BUILD_INFO" 2>/dev/null || echo unknown) (when built)"
    echo "executions:   ${n:-0}"
    echo "wall time:    $(( $(date +%s) - start )) s, $([ "$workers" -eq 0 ] && echo "in-process" || echo "$workers worker(s)")"
    echo "last status:  $line"
    echo "corpus:       $(ls "$dir/corpus" | wc -l) inputs"
    echo "findings:     $(ls "$dir/artifacts" | wc -l) ($(ls "$dir/artifacts" | sed 's/-.*//' | sort | uniq -c | tr -s ' ' | tr '\n' ' '))"
  } >"$dir/summary"
  cat "$dir/summary"
  rm -rf "$seeds"
}
trap 'finish; exit 0' INT TERM

while kill -0 "$pid" 2>/dev/null; do
  sleep 20
  n=$(execs)
  if [ -n "$n" ] && [ "$n" -ge "$target" ]; then break; fi
done
finish
