#!/usr/bin/env bash
# The CTest entry of pg_sharded.sh: the examples, the traps and the 10,000-region benchmark
# file (bench_data.sh) on two shards behind a coordinator.
set -euo pipefail
. "${MB_SOURCE_DIR:?}/tests/sql/bench_data.sh"
bash "$src/tests/sql/pg_sharded.sh" "$bin" "$src" "$data"
