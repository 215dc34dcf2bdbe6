#!/usr/bin/env bash
# The CTest entry of duck_verdicts.sh: the examples, the traps and the 10,000-region benchmark
# file (bench_data.sh) in DuckDB, driven from Node (@duckdb/node-api, pinned in tests/package.json).
set -euo pipefail
. "${MB_SOURCE_DIR:?}/tests/sql/bench_data.sh"
bash "$src/tests/sql/duck_verdicts.sh" "$bin" "$src" "$data"
