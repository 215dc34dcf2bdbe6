# ref_data.sh N — sourced by the tests that read a reference benchmark file: sets src and bin
# (from the CTest environment), tmp (a folder removed on exit) and data: bench/data/bench_N.csv,
# or the same generated with the reference generator into tmp when bench/data has no copy. The
# md5 of the 1,000- and 10,000-region files is checked against the published one (workload.md).
src=${MB_SOURCE_DIR:?}
bin=${MB_BINARY:?}
gen="$src/../shared/bench/gen_data.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data="$src/bench/data/bench_$1.csv"
if [ ! -f "$data" ]; then
  [ -f "$gen" ] || { echo "the reference data generator is missing: $gen"; exit 1; }
  data="$tmp/bench_$1.csv"
  python3 "$gen" "$1" "$data" >/dev/null
fi
case $1 in
  1000) ref_md5=91c9c6f264432c9c7ea2a4f27d7d941d ;;
  10000) ref_md5=8af4ce459dd4e871ae06fc4ab8af3d08 ;;
  *) ref_md5= ;;
esac
if [ -n "$ref_md5" ]; then
  ref_sum=$(md5sum "$data" | cut -d' ' -f1)
  [ "$ref_sum" = "$ref_md5" ] || { echo "reference data md5 differs: $ref_sum"; exit 1; }
fi
