#!/usr/bin/env bash
# build.sh — build the libFuzzer harnesses.
#
#   tests/fuzz/build.sh [BUILD_DIR]      (default: build-fuzz at the top of the source tree)
#
# Configures its own CMake build of the library with clang, AddressSanitizer,
# UndefinedBehaviorSanitizer and libFuzzer's coverage instrumentation
# (-fsanitize=fuzzer-no-link), then links each tests/fuzz/fuzz_*.c against it:
# BUILD_DIR/fuzz_parse, fuzz_check, fuzz_csv, fuzz_json, fuzz_eval, fuzz_lsp.
# Installs nothing. Exit status 3 when clang or its libFuzzer runtime is missing.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-${MB_FUZZ_BUILD:-$root/build-fuzz}}
cc=${MB_FUZZ_CC:-clang}
jobs=$(nproc 2>/dev/null || echo 2)

if ! command -v "$cc" >/dev/null 2>&1; then
  echo "build.sh: '$cc' not found: the fuzz harnesses need clang with libFuzzer" >&2
  exit 3
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' >"$probe/p.c"
if ! "$cc" -fsanitize=fuzzer,address,undefined "$probe/p.c" -o "$probe/p" >/dev/null 2>&1; then
  echo "build.sh: '$cc' cannot link -fsanitize=fuzzer (is libclang-rt-dev installed?)" >&2
  exit 3
fi

san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
cmake -S "$root" -B "$build" -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DMB_SANITIZE=ON -DMB_TESTS=OFF -DMB_FAILALLOC=OFF \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link" >"$build.cmake.log" 2>&1 ||
  { cat "$build.cmake.log" >&2; exit 1; }
rm -f "$build.cmake.log"
cmake --build "$build" --target mubiao_core -j"$jobs" >/dev/null

# What was built, for campaign summaries: the commit, and whether the library had local changes.
{ git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown
  git -C "$root" diff --quiet HEAD -- interpreter grammar 2>/dev/null || echo "+ uncommitted changes"
} | tr '\n' ' ' >"$build/BUILD_INFO"

utf8proc_libs="$(pkg-config --libs libutf8proc 2>/dev/null || echo -lutf8proc) $(pkg-config --libs libxml-2.0 2>/dev/null || echo -lxml2)"
for src in "$here"/fuzz_*.c; do
  name=$(basename "$src" .c)
  "$cc" -g -O1 -std=gnu11 -Wall -Wextra $san -fsanitize=fuzzer \
    -DMB_FUZZ_RULES="\"$here/seeds/eval_rules.mb\"" \
    -I"$here" $(for d in base lang check data eval report lsp include; do printf ' -I%s' "$root/interpreter/$d"; done) -I"$build" \
    "$src" "$build/libmubiao_core.a" $utf8proc_libs -lm -lpthread -o "$build/$name"
  echo "built $build/$name"
done
