#!/usr/bin/env bash
# The Spark dialect, as far as it can be checked here: no Spark engine and no parser of Spark's
# own (a JVM program) run on this machine, so its scripts are not executed (docs/sql.md). Every
# rule file of the cases PostgreSQL and DuckDB run is compiled with --dialect spark and read by
# spark_lex.py (literals and identifiers closed, parentheses balanced, statements whole); a
# script broken on purpose must be caught.
set -euo pipefail
src=${MB_SOURCE_DIR:?}
bin=${MB_BINARY:?}
here=$src/tests/sql
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src"
fail=0 n=0
for rules in rules/*.mb examples/walkthrough/credit.mb examples/county_2025/plan.mb bench/workload.mb "$here"/cases/*.mb; do
  "$bin" sql --dialect spark --table "obs'\"\`x" "$rules" >"$tmp/s.sql" 2>/dev/null || { echo "FAIL: mubiao sql --dialect spark $rules"; fail=1; continue; }
  python3 "$here/spark_lex.py" "$tmp/s.sql" || fail=1
  n=$((n + 1))
done
"$bin" sql --dialect spark rules/*.mb >"$tmp/all.sql" 2>/dev/null && python3 "$here/spark_lex.py" "$tmp/all.sql" || fail=1
# a parenthesis too many, a backquote and a quote left open
sed '0,/ AS (VALUES /s// AS ((VALUES /' "$tmp/all.sql" >"$tmp/bad1.sql"
sed '0,/`verdicts`;/s//`verdicts;/' "$tmp/all.sql" >"$tmp/bad2.sql"
sed "0,/'met'/s//'met/" "$tmp/all.sql" >"$tmp/bad3.sql"
for b in bad1 bad2 bad3; do
  cmp -s "$tmp/all.sql" "$tmp/$b.sql" && { echo "FAIL: $b was not broken"; fail=1; }
  if python3 "$here/spark_lex.py" "$tmp/$b.sql" >/dev/null; then echo "FAIL: spark_lex.py passed a broken script ($b)"; fail=1; fi
done
echo "$n Spark scripts read; not executed here (no Spark engine or parser on this machine)"
exit $fail
