#!/usr/bin/env bash
# pg_run.sh BINARY SOURCE_DIR — `mubiao sql --run` against a PostgreSQL server of its own
# (pg_server.sh: initdb in a temporary folder, a Unix socket there, no TCP; stopped and removed
# however the script ends). For every case of cases.sh (the examples, the traps, the cases/
# folder) the observations are loaded and `sql --run` must report what `mubiao eval` reports:
# the CSV report verdict for verdict (compare_verdicts.py) and the summary's counts
# (compare_summary.py). Then the errors and the table left behind, each pinned whole in
# tests/sql/run/*.expect (MB_UPDATE_GOLDEN=1 rewrites them).
set -euo pipefail

bin=$1
src=$2
here=$src/tests/sql
bench= # the benchmark file is sql_postgresql's: here the examples, the traps and the cases

. "$here/pg_server.sh"
work=$(mktemp -d /tmp/mb-pgr.XXXXXX)
trap 'pg_stop_all; rm -rf "$work"' EXIT
pg_init "$(mktemp -u /tmp/mb-pg.XXXXXX)"
pg_start pg
sock=$pg_root/pg
conn="host=$sock user=mb dbname=postgres"
psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h "$sock" -U mb -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

load() { # load TABLE DATA
  python3 "$here/to_observations.py" "$2" "$work/obs.csv"
  psql_ -c "DROP TABLE IF EXISTS $1; CREATE TABLE $1 (region TEXT, indicator TEXT, period TEXT, value NUMERIC, unit TEXT)" \
        -c "\\copy $1 FROM '$work/obs.csv' CSV HEADER"
}

fail=0
# compare NAME DATA ALL RULES-AND-OPTIONS... (as cases.sh calls it)
compare() {
  local name=$1 data=$2 all=$3
  shift 3
  load "\"obs'\"\"x\"" "$data"
  echo "== $name"
  for fmt in csv summary; do
    "$bin" sql --run "$conn" --table "obs'\"x" "$@" --format $fmt --fail-on none >"$work/run.$fmt" 2>"$work/run.err" \
      || { echo "sql --run failed:"; cat "$work/run.err"; fail=1; return; }
    "$bin" eval "$@" --data "$data" --format $fmt --fail-on none >"$work/eval.$fmt" 2>/dev/null || true
  done
  python3 "$here/compare_verdicts.py" "$work/eval.csv" "$work/run.csv" $all || fail=1
  python3 "$here/compare_summary.py" "$work/eval.summary" "$work/run.summary" || fail=1
}

cd "$src"
. "$here/cases.sh"

# expect NAME ARGS...: mubiao's stdout, stderr and exit status, pinned in run/NAME.expect
expect() {
  local name=$1 code=0
  shift
  (cd "$here/run" && NO_COLOR=1 "$bin" "$@" >"$work/out" 2>"$work/err") || code=$?
  { echo "exit $code"; echo "-- stdout"; cat "$work/out"; echo "-- stderr"; sed "s|$sock|SOCKET|g" "$work/err"; } >"$work/got"
  if [ "${MB_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$work/got" "$here/run/$name.expect"; fi
  echo "== $name"
  diff -u "$here/run/$name.expect" "$work/got" || fail=1
  if grep -q sekrit "$work/err" "$work/out"; then echo "$name: the password was echoed"; fail=1; fi
}

load observations "$here/run/unsupported.csv"
# an unsupported rule: shown, counted, and the run fails unless --fail-on says otherwise
expect unsupported sql unsupported.mb --run "$conn"
expect unsupported_summary sql unsupported.mb --run "$conn" --format summary --fail-on missed
# nothing but unsupported verdicts: nothing was checked, which is never a pass
expect only_unsupported sql only_unsupported.mb --run "$conn" --format csv --fail-on missed
# in JUnit a target nothing settled is skipped, saying why, not passed
expect only_unsupported_junit sql only_unsupported.mb --run "$conn" --format junit --fail-on none
# a table that is not there: the server's message, with the line of the script; no password
expect missing_table sql unsupported.mb --run "$conn password=sekrit-pw" --table no_such_table
# the verdicts table is rolled back unless --verdicts names one to keep
"$bin" sql "$here/run/unsupported.mb" --run "$conn" --fail-on none >/dev/null
if [ "$(psql_ -tA -c "SELECT to_regclass('verdicts') IS NULL")" != t ]; then echo "verdicts left behind"; fail=1; fi
"$bin" sql "$here/run/unsupported.mb" --run "$conn" --verdicts kept_verdicts --fail-on none >/dev/null
if [ "$(psql_ -tA -c "SELECT count(*) FROM kept_verdicts")" != 2 ]; then echo "--verdicts table not kept"; fail=1; fi
exit $fail
