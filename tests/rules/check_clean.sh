#!/usr/bin/env bash
# 'mubiao check rules/*.mb' — every plan and the shared catalogue checked together — must
# exit 0 and report no error and no warning.
#   MB_BINARY      the mubiao binary (set by the CMake test environment)
#   MB_SOURCE_DIR  the source tree (set by the CMake test environment)
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
cd "$MB_SOURCE_DIR" || exit 1

out=$("$MB_BINARY" check rules/*.mb 2>&1)
rc=$?
printf '%s\n' "$out"
if [ "$rc" -ne 0 ]; then
  echo "FAIL: 'mubiao check rules/*.mb' exited $rc (expected 0)"
  exit 1
fi
# The summary line ends with "N errors, M warnings"; diagnostics are "file:line:col: warning: …".
if ! printf '%s\n' "$out" | tail -n 1 | grep -q '; 0 errors, 0 warnings$'; then
  echo "FAIL: the summary does not say '0 errors, 0 warnings'"
  exit 1
fi
if printf '%s\n' "$out" | grep -Eq ': (warning|error): '; then
  echo "FAIL: 'mubiao check rules/*.mb' printed diagnostics"
  exit 1
fi
echo "ok: rules/*.mb check clean"
