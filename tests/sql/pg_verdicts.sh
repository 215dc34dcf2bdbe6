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

pgbin=
for d in "$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /nonexistent)")")" /usr/lib/postgresql/*/bin; do
  if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then pgbin=$d; break; fi
done
if [ -z "$pgbin" ]; then
  echo "pg_verdicts: PostgreSQL (initdb, pg_ctl) is not installed: ./dev.sh installs the postgresql package" >&2
  exit 1
fi

tmp=$(mktemp -d /tmp/mb-pg.XXXXXX)
chmod 755 "$tmp"
# initdb and postgres refuse to run as root: run them as an unprivileged user
as=()
if [ "$(id -u)" = 0 ]; then
  user=postgres
  id "$user" >/dev/null 2>&1 || user=nobody
  chown "$user" "$tmp"
  as=(runuser -u "$user" --)
fi
stop() {
  "${as[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT

"${as[@]}" "$pgbin/initdb" -D "$tmp/data" -A trust -U mb -E UTF8 --locale=C --no-sync >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; exit 1; }
"${as[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-k $tmp -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
  || { cat "$tmp/server.log" >&2; exit 1; }

work=$(mktemp -d /tmp/mb-pgw.XXXXXX)
trap 'stop; rm -rf "$work"' EXIT
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h "$tmp" -U mb -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

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
