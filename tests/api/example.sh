#!/usr/bin/env bash
# example.sh CC LIBDIR SOURCE_DIR WORK_DIR [CFLAGS] — build examples/api/verdicts.c as a user of
# the library would (only interpreter/include on the include path, linked against
# libmubiao.so), run it on the bundled rule file and submission, and compare its output with
# tests/api/verdicts.out. MB_UPDATE_GOLDEN=1 rewrites the golden file.
set -eu
cc=$1 libdir=$2 src=$3 work=$4 flags=${5:-}
mkdir -p "$work"
# shellcheck disable=SC2086 # flags is a list of words
"$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror $flags -I "$src/interpreter/include" \
  "$src/examples/api/verdicts.c" -L "$libdir" -lmubiao -Wl,-rpath,"$libdir" -o "$work/verdicts"
out=$(cd "$src/examples/api" && "$work/verdicts" plan.mb submission.csv; echo "exit $?")
golden=$src/tests/api/verdicts.out
if [ "${MB_UPDATE_GOLDEN:-}" = 1 ]; then printf '%s\n' "$out" >"$golden"; exit 0; fi
diff -u "$golden" <(printf '%s\n' "$out")
