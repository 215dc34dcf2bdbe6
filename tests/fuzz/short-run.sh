#!/usr/bin/env bash
# short-run.sh — build the fuzz harnesses and run each for a bounded time; fails on any crash,
# sanitizer report, leak, timeout or out-of-memory. Called by ./dev.sh test.
#
#   tests/fuzz/short-run.sh                 each harness 60 s, two at a time (about 3.5 min)
#   MB_FUZZ_SECONDS=10 tests/fuzz/short-run.sh
#   MB_FUZZ_REQUIRED=1 ...                  fail (instead of skipping) when clang/libFuzzer is missing
#
# Self-contained: builds into build-fuzz (MB_FUZZ_BUILD to change), works on a temporary
# copy of the seeds, installs nothing and writes nothing into the source tree. A crashing
# input is copied to build-fuzz/short-run-artifacts/ and its log tail is printed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${MB_FUZZ_BUILD:-$root/build-fuzz}
secs=${MB_FUZZ_SECONDS:-60}
harnesses=(parse check csv json eval lsp)

"$here/build.sh" "$build"
rc=$?
if [ $rc -eq 3 ]; then
  if [ "${MB_FUZZ_REQUIRED:-0}" = 1 ]; then echo "short-run: cannot build the harnesses" >&2; exit 1; fi
  echo "short-run: SKIPPED: clang with libFuzzer is not available (set MB_FUZZ_REQUIRED=1 to fail instead)" >&2
  exit 0
fi
[ $rc -eq 0 ] || { echo "short-run: build failed" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/mubiao-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$here/seeds.sh" "$work/seeds" || { echo "short-run: cannot gather seeds" >&2; exit 1; }
art="$build/short-run-artifacts"
mkdir -p "$art"

dict_for() {
  case $1 in parse | check) echo "$here/mubiao.dict" ;; csv | eval) echo "$here/csv.dict" ;; json) echo "$here/json.dict" ;; lsp) echo "$here/lsp.dict" ;; esac
}

run_one() { # run_one NAME: fuzz for $secs seconds; exit status 0 when nothing was found
  local h=$1 corpus="$work/corpus-$1"
  mkdir -p "$corpus" "$work/art-$h"
  ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:handle_abort=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    timeout -k 10 $((secs + 120)) "$build/fuzz_$h" "$corpus" "$work/seeds/$h" \
      -dict="$(dict_for "$h")" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
      -max_len=2048 -print_final_stats=1 -artifact_prefix="$work/art-$h/" \
      >"$work/log-$h" 2>&1
}

report() { # report NAME STATUS
  local h=$1 st=$2 execs
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log-$h" | grep -o '[0-9]*$' || true)
  if [ "$st" -eq 0 ]; then
    echo "short-run: fuzz_$h ok (${execs:-?} executions in ${secs}s)"
    return 0
  fi
  echo "short-run: fuzz_$h FAILED (exit status $st)" >&2
  tail -n 60 "$work/log-$h" >&2
  for f in "$work/art-$h"/*; do
    [ -e "$f" ] || continue
    cp "$f" "$art/fuzz_$h-$(basename "$f")"
    echo "short-run: reproducer saved as $art/fuzz_$h-$(basename "$f")" >&2
    echo "           rerun: $build/fuzz_$h $art/fuzz_$h-$(basename "$f")" >&2
  done
  return 1
}

fail=0
# Two at a time (the CI machine has two cores).
for ((i = 0; i < ${#harnesses[@]}; i += 2)); do
  a=${harnesses[i]} b=${harnesses[i + 1]:-}
  run_one "$a" & pa=$!
  if [ -n "$b" ]; then run_one "$b" & pb=$!; fi
  wait $pa; sa=$?
  report "$a" $sa || fail=1
  if [ -n "$b" ]; then wait $pb; sb=$?; report "$b" $sb || fail=1; fi
done
if [ $fail -ne 0 ]; then echo "short-run: FAILED" >&2; exit 1; fi
echo "short-run: all harnesses ran ${secs}s without a finding"
