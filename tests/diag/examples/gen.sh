#!/usr/bin/env bash
# gen.sh — writes the example inputs of docs/diagnostics.md that are too big to keep in the
# repository (run in a copy of this folder; tests/diag/check_docs.sh does).
set -eu
# MB6005: a NUL byte past the first 64 KiB (before that, the file is taken for binary)
{ echo 'region,indicator,period,value'
  for i in $(seq 1 6000); do echo "R$i,a,2018,2.6"; done
  printf 'X\0,a,2018,2.6\n'; } > mb6005.csv
# MB9007: a string of 65,537 bytes with its quotes (the limit is 65,536)
{ printf 'indicator a "研发投入占比" unit %% higher;\ntarget T: a >= 2.5%% by 2018 phrase "'
  head -c 65535 /dev/zero | tr '\0' x; printf '";\n'; } > mb9007.mb
# MB9010: imports 33 deep (the limit is 32)
for i in $(seq 0 33); do echo "import \"mb9010_$((i + 1)).mb\";" > "mb9010_$i.mb"; done
echo 'indicator a "研发投入占比" unit % higher;' > mb9010_34.mb
echo 'import "mb9010_0.mb";' > mb9010.mb
# MB9011: a CSV field of 1 MiB + 1 byte (the limit is 1 MiB)
{ echo 'region,indicator,period,value'; printf '南通市,a,2018,'; head -c 1048577 /dev/zero | tr '\0' 1; echo; } > mb9011.csv
# MB9016: 1,257 derived indicators of 199 operators each (250,143; the limit is 250,000)
{ echo 'indicator x "x" unit 1 higher;'
  f=$(printf 'x+%.0s' $(seq 1 199))x
  for i in $(seq 1 1257); do echo "indicator d$i \"d$i\" unit 1 higher = $f;"; done; } > mb9016.mb
