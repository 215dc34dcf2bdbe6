#!/usr/bin/env bash
# check_exports.sh LIB HEADER — libmubiao.so exports exactly the functions mubiao.h declares
# (MB_API): no scanner or parser symbol (yy*, mb_yy*), no internal mb_ helper, and every
# public function really there.
set -eu
lib=$1 header=$2
fail=0
declared=$(grep -o 'MB_API [^(]*(' "$header" | grep -o 'mb_[a-z0-9_]*($' | tr -d '(' | sort -u)
# nm -D: "address type name[@@version]"; the version node itself is an absolute (A) symbol.
exported=$(nm -D --defined-only "$lib" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' | sort -u)
[ -n "$declared" ] || { echo "no MB_API function found in $header"; exit 1; }
extra=$(comm -13 <(echo "$declared") <(echo "$exported"))
missing=$(comm -23 <(echo "$declared") <(echo "$exported"))
if [ -n "$extra" ]; then
  echo "exported by $lib but not declared in $header:"; echo "$extra" | sed 's/^/  /'; fail=1
fi
if [ -n "$missing" ]; then
  echo "declared in $header but not exported by $lib:"; echo "$missing" | sed 's/^/  /'; fail=1
fi
[ $fail = 0 ] && echo "$(echo "$exported" | wc -l) symbols exported, all of them declared in mubiao.h"
exit $fail
