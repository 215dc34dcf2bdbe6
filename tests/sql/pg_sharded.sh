#!/usr/bin/env bash
# pg_sharded.sh BINARY SOURCE_DIR [BENCH_CSV] — the compiled SQL, unchanged, on observations
# spread over several servers. Three PostgreSQL servers of our own (pg_server.sh: Unix sockets,
# no TCP): two shards, each holding the rows of half the regions, and a coordinator whose
# `observations` table is partitioned by a hash of the region, each partition a postgres_fdw
# foreign table on one shard, with partition-wise aggregation and joins on. The data is loaded
# through the coordinator (copied into a local staging table, then inserted into observations,
# which routes every row to its shard in batches); the script `mubiao sql
# --dialect postgresql` compiles runs on the coordinator, and every verdict is compared with
# `mubiao eval --format csv` (compare_verdicts.py) for the cases of cases.sh. Everything is
# stopped and removed however the script ends.
set -euo pipefail

bin=$1
src=$2
bench=${3:-}
here=$src/tests/sql
. "$here/pg_server.sh"

work=$(mktemp -d /tmp/mb-pgsw.XXXXXX)
trap 'pg_stop_all; rm -rf "$work"' EXIT
pg_init "$(mktemp -u /tmp/mb-pgs.XXXXXX)"
shards=(shard0 shard1)
for s in "${shards[@]}"; do pg_start "$s"; done
pg_start coord -c enable_partitionwise_aggregate=on -c enable_partitionwise_join=on

psql_() {
  local host=$pg_root/$1
  shift
  PGOPTIONS="-c client_min_messages=warning" psql -h "$host" -U mb -d postgres -X -q -v ON_ERROR_STOP=1 "$@"
}

cols="region TEXT, indicator TEXT, period TEXT, value NUMERIC, unit TEXT"
{
  echo "CREATE EXTENSION postgres_fdw;"
  echo "CREATE TABLE observations ($cols) PARTITION BY HASH (region);"
  echo "CREATE UNLOGGED TABLE staging ($cols);"
  for i in "${!shards[@]}"; do
    s=${shards[$i]}
    psql_ "$s" -c "CREATE TABLE observations_part ($cols)"
    # fetch_size, batch_size: rows per round trip when reading and inserting (one row at a time,
    # COPY through a foreign partition takes minutes on the benchmark file); async_capable: the
    # shards scan at the same time
    echo "CREATE SERVER $s FOREIGN DATA WRAPPER postgres_fdw
            OPTIONS (host '$pg_root/$s', dbname 'postgres', fetch_size '10000', batch_size '1000', async_capable 'true');"
    echo "CREATE USER MAPPING FOR mb SERVER $s OPTIONS (user 'mb');"
    echo "CREATE FOREIGN TABLE observations_$s PARTITION OF observations
            FOR VALUES WITH (MODULUS ${#shards[@]}, REMAINDER $i) SERVER $s OPTIONS (table_name 'observations_part');"
  done
} >"$work/setup.sql"
psql_ coord -f "$work/setup.sql"

# The setup must be what it claims: a grouped count over observations is computed on the
# shards (one aggregate pushed down to each partition), not by fetching every row.
plan=$(psql_ coord -At -c "EXPLAIN (VERBOSE) SELECT region, count(*) FROM observations GROUP BY region")
pushed=$(grep -c "Relations: Aggregate on" <<<"$plan" || true)
if [ "$pushed" != "${#shards[@]}" ]; then
  echo "pg_sharded: the aggregate is not pushed down to each shard:" >&2
  echo "$plan" >&2
  exit 1
fi

fail=0
compare() {
  local name=$1 data=$2 all=$3
  shift 3
  python3 "$here/to_observations.py" "$data" "$work/obs.csv"
  for s in "${shards[@]}"; do psql_ "$s" -c "TRUNCATE observations_part"; done
  psql_ coord -c "TRUNCATE staging" -c "\\copy staging FROM '$work/obs.csv' CSV HEADER" \
        -c "INSERT INTO observations SELECT * FROM staging"
  # every row went to exactly one shard
  local rows total=0 n
  rows=$(($(wc -l <"$work/obs.csv") - 1))
  local held=()
  for s in "${shards[@]}"; do
    n=$(psql_ "$s" -At -c "SELECT count(*) FROM observations_part")
    held+=("$n")
    total=$((total + n))
  done
  if [ "$total" != "$rows" ]; then
    echo "pg_sharded: $name: $rows rows loaded, the shards hold ${held[*]}" >&2
    fail=1
  fi
  if ! "$bin" sql --dialect postgresql "$@" >"$work/script.sql" 2>"$work/sql.err"; then
    cat "$work/sql.err" >&2
    echo "pg_sharded: $name: mubiao sql failed" >&2
    return 1
  fi
  psql_ coord -f "$work/script.sql"
  psql_ coord -c "\\copy (SELECT * FROM verdicts) TO '$work/sql.csv' CSV HEADER"
  "$bin" eval "$@" --data "$data" --format csv --fail-on none >"$work/eval.csv" 2>"$work/eval.err" || true
  echo "== $name (rows per shard: ${held[*]})"
  if ! python3 "$here/compare_verdicts.py" "$work/eval.csv" "$work/sql.csv" $all; then fail=1; fi
  # on the benchmark file both shards must hold rows: the test would prove nothing otherwise
  if [ -n "$all" ]; then
    for n in "${held[@]}"; do [ "$n" -gt 0 ] || { echo "pg_sharded: $name: a shard holds no row" >&2; fail=1; }; done
  fi
}

cd "$src"
. "$here/cases.sh"
exit $fail
