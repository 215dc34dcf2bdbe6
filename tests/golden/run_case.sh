#!/usr/bin/env bash
# run_case.sh MUBIAO CASE.cmd — one golden test. CASE.cmd holds the arguments to mubiao
# (shell words, run from this folder); CASE.out, CASE.err and CASE.code hold what standard
# output, standard error and the exit status must be. MB_UPDATE_GOLDEN=1 rewrites them.
set -u
bin=$1
case_file=$2
dir=$(dirname "$case_file")
base=${case_file%.cmd}
cd "$dir" || exit 1
args=$(cat "$case_file")
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
NO_COLOR=1 eval "\"\$bin\" $args" >"$out" 2>"$err" </dev/null
code=$?
if [ "${MB_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$out" "$base.out"; cp "$err" "$base.err"; echo "$code" >"$base.code"
  exit 0
fi
fail=0
if ! diff -u "$base.out" "$out"; then echo "stdout differs: $base.out"; fail=1; fi
if ! diff -u "$base.err" "$err"; then echo "stderr differs: $base.err"; fail=1; fi
want=$(cat "$base.code")
if [ "$code" != "$want" ]; then echo "exit status $code, expected $want"; fail=1; fi
exit $fail
