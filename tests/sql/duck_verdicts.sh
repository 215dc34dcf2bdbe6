#!/usr/bin/env bash
# duck_verdicts.sh BINARY SOURCE_DIR [BENCH_CSV] — the cases of cases.sh in DuckDB: compile with
# `mubiao sql --dialect duckdb`, run the script in an in-memory DuckDB from Node (duck_run.mjs,
# the npm package @duckdb/node-api pinned in tests/package.json) and compare every verdict with
# `mubiao eval --format csv` (compare_verdicts.py).
set -euo pipefail

bin=$1
src=$2
bench=${3:-}
here=$src/tests/sql
if [ ! -d "$src/tests/node_modules/@duckdb/node-api" ]; then
  echo "duck_verdicts: @duckdb/node-api is missing: run 'npm ci' in tests/ (./dev.sh test does)" >&2
  exit 1
fi
work=$(mktemp -d /tmp/mb-duck.XXXXXX)
trap 'rm -rf "$work"' EXIT

fail=0
compare() {
  local name=$1 data=$2 all=$3
  shift 3
  python3 "$here/to_observations.py" "$data" "$work/obs.csv"
  "$bin" sql --dialect duckdb --table "obs'\"x" "$@" >"$work/script.sql"
  node "$here/duck_run.mjs" "$work/script.sql" "$work/obs.csv" "$work/sql.csv" "obs'\"x"
  "$bin" eval "$@" --data "$data" --format csv --fail-on none >"$work/eval.csv" 2>"$work/eval.err" || true
  echo "== $name"
  if ! python3 "$here/compare_verdicts.py" "$work/eval.csv" "$work/sql.csv" $all; then fail=1; fi
}

cd "$src"
. "$here/cases.sh"
exit $fail
