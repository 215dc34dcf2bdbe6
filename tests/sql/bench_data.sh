# bench_data.sh — sourced by the CTest entries of the engine tests: sets src, bin and data, the
# 10,000-region benchmark file (generated with the reference generator when bench/data has no
# copy, into a folder removed on exit; md5 checked).
src=${MB_SOURCE_DIR:?}
bin=${MB_BINARY:?}
gen="$src/../shared/bench/gen_data.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data="$src/bench/data/bench_10000.csv"
if [ ! -f "$data" ]; then
  [ -f "$gen" ] || { echo "the reference data generator is missing: $gen"; exit 1; }
  data="$tmp/bench_10000.csv"
  python3 "$gen" 10000 "$data" >/dev/null
fi
sum=$(md5sum "$data" | cut -d' ' -f1)
[ "$sum" = 8af4ce459dd4e871ae06fc4ab8af3d08 ] || { echo "reference data md5 differs: $sum"; exit 1; }
