#!/usr/bin/env bash
# make.sh MUBIAO — rewrites the shard reports the golden merge cases read (run it after a
# change to what a shard writes; then read the golden diffs). Run from anywhere; the paths
# inside the reports are as the golden cases give them (from tests/golden).
set -eu
bin=$(realpath "$1")
cd "$(dirname "$0")/../../golden"
d=../data/shard
for k in 1 2; do
  "$bin" eval $d/plan.mb --data $d/data.csv --shard $k/2 --format json --fail-on none --output $d/s${k}of2.json 2>/dev/null
done
"$bin" eval $d/plan.mb --data $d/data.csv --shard 3/3 --format json --fail-on none --output $d/s3of3.json 2>/dev/null
"$bin" eval $d/plan.mb --data $d/data.csv --format json --fail-on none --output $d/report.json 2>/dev/null
cp $d/s1of2.json $d/s1of2_copy.json
