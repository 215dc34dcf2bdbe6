#!/usr/bin/env bash
# The rule files of rules/ and examples/ are kept in the canonical layout: 'mubiao fmt
# --check rules/ examples/' must change nothing (run 'mubiao fmt --write rules/ examples/').
#   MB_BINARY, MB_SOURCE_DIR  (set by the CMake test environment)
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
cd "$MB_SOURCE_DIR" || exit 1
if ! "$MB_BINARY" fmt --diff rules/ examples/; then
  echo "FAIL: these rule files are not formatted; run: mubiao fmt --write rules/ examples/"
  exit 1
fi
echo "ok: rules/ and examples/ are formatted"
