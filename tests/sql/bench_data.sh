# bench_data.sh — sourced by the CTest entries of the engine tests: src, bin, tmp and data, the
# 10,000-region benchmark file (tests/bench/ref_data.sh).
. "${MB_SOURCE_DIR:?}/tests/bench/ref_data.sh" 10000
