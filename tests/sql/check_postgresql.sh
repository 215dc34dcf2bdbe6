#!/usr/bin/env bash
# The CTest entry of pg_verdicts.sh: the examples, the traps and the 10,000-region benchmark
# file (bench_data.sh).
set -euo pipefail
. "${MB_SOURCE_DIR:?}/tests/sql/bench_data.sh"
bash "$src/tests/sql/pg_verdicts.sh" "$bin" "$src" "$data"
