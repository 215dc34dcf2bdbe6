#!/usr/bin/env bash
# pg_verdicts.sh BINARY SOURCE_DIR [BENCH_CSV] — start a PostgreSQL server of our own (initdb in a
# temporary folder, a Unix socket there, no TCP), compile every example's rules with
# `mubiao sql --dialect postgresql`, load the submission, run the script with psql and compare
# every verdict with `mubiao eval --format csv` (compare_verdicts.py). With BENCH_CSV, the
# benchmark workload on that file too, where no verdict may be left to eval. The server is
# stopped and the folder removed however the script ends.
set -euo pipefail

bin=$1
src=$2
bench=${3:-}
here=$src/tests/sql

. "$here/pg_server.sh"
work=$(mktemp -d /tmp/mb-pgw.XXXXXX)
trap 'pg_stop_all; rm -rf "$work"' EXIT
pg_init "$(mktemp -u /tmp/mb-pg.XXXXXX)"
pg_start pg
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_root/pg" -U mb -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

fail=0
# compare NAME DATA ARGS... : rules and options given to both sql and eval
compare() {
  local name=$1 data=$2 all=$3
  shift 3
  python3 "$here/to_observations.py" "$data" "$work/obs.csv"
  # a table name that needs quoting: the script must quote it
  psql_ -c "DROP TABLE IF EXISTS \"obs'\"\"x\"; CREATE TABLE \"obs'\"\"x\" (region TEXT, indicator TEXT, period TEXT, value NUMERIC, unit TEXT)" \
        -c "\\copy \"obs'\"\"x\" FROM '$work/obs.csv' CSV HEADER"
  "$bin" sql --dialect postgresql --table "obs'\"x" "$@" >"$work/script.sql"
  psql_ -f "$work/script.sql"
  psql_ -c "\\copy (SELECT * FROM verdicts) TO '$work/sql.csv' CSV HEADER"
  "$bin" eval "$@" --data "$data" --format csv --fail-on none >"$work/eval.csv" 2>"$work/eval.err" || true
  echo "== $name"
  if ! python3 "$here/compare_verdicts.py" "$work/eval.csv" "$work/sql.csv" $all; then fail=1; fi
}

cd "$src"
. "$here/cases.sh"
exit $fail
