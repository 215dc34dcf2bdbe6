#!/usr/bin/env bash
# seeds.sh OUT — gather the seed corpora for each harness into OUT/{parse,check,csv,json,eval}
# from the rule files, examples, test data and hostile corpus of the source tree (files over
# 64 KiB are left out: libFuzzer mutates small inputs faster). Harnesses whose first bytes
# are options get each seed once per useful option value.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$1
mkdir -p "$out"/{parse,check,csv,json,eval,lsp}

# Hostile cases still marked xfail reproduce open bugs: as seeds they would crash every run.
small() {
  [ -f "$1" ] && [ "$(stat -c %s "$1")" -le 65536 ] || return 1
  case $1 in "$root"/tests/hostile/*)
    local e="${1%.*}.expect"
    [ -f "$e" ] && grep -q '^xfail' "$e" && return 1 ;;
  esac
  return 0
}
list() { # list EXT: every seed file with that extension
  { ls "$root"/rules/*."$1" "$root"/tests/data/*."$1" "$here"/seeds/*."$1" \
       "$here"/seeds/*/*."$1" "$root"/tests/hostile/*."$1" 2>/dev/null || true
    [ -d "$root/examples" ] && find "$root/examples" -name "*.$1" -type f 2>/dev/null || true
  } | sort -u
}

# Rule files are cut into pieces of about 1.5 KiB at statement starts: small inputs run
# faster, and the campaigns limit inputs to 2 KiB (-max_len).
chunks() { # chunks FILE PREFIX: write PREFIX.1, PREFIX.2, ...
  awk -v pre="$2" 'BEGIN { n = 1; size = 0 }
    /^(plan|indicator|target|check|import) / && size > 1500 { n++; size = 0 }
    { print > (pre "." n); size += length($0) + 1 }' "$1"
}
i=0
for f in $(list mb); do
  small "$f" || continue
  i=$((i + 1))
  chunks "$f" "$out/parse/$i"
done
for f in "$out"/parse/*; do
  b=$(basename "$f")
  { printf '\0'; cat "$f"; } >"$out/check/w$b"   # the whole input is the rule file
  { printf '\1'; cat "$f"; } >"$out/check/p$b"   # after the valid prefix
done
# Statements that only make sense after fuzz_check's prefix.
printf '\1target T9: a >= 3%% by 2019 phrase "x";\ncheck C9: c <= b;\n' >"$out/check/p_tail1"
printf '\1indicator z unit 1 higher = h * k - (a / 0);\ntarget T8: z about 1 within 5%% by 2020;\n' >"$out/check/p_tail2"
for f in $(list csv); do
  small "$f" || continue
  i=$((i + 1))
  cp "$f" "$out/eval/$i.csv"
  { printf '\0\0'; cat "$f"; } >"$out/csv/$i"
  { printf '\3\21'; cat "$f"; } >"$out/csv/${i}l"  # small field limits
done
for f in $(list json); do
  small "$f" || continue
  i=$((i + 1))
  cp "$f" "$out/json/$i.json"
  cp "$f" "$out/eval/$i.json"
done
# Language server messages: the first byte is the read size; then framed JSON-RPC.
lsp_seed() { # lsp_seed NAME CHUNK BODY...
  local name=$1 chunk=$2; shift 2
  { printf "\\$(printf '%03o' "$chunk")"
    for b in "$@"; do printf 'Content-Length: %d\r\n\r\n%s' "$(printf '%s' "$b" | wc -c)" "$b"; done
  } >"$out/lsp/$name"
}
lsp_seed init 200 '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
lsp_seed open 3 '{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///a.mb","version":1,"text":"indicator a \"指标\\ud840\\udc00\" unit 家;\n"}}}'
lsp_seed hover 1 '{"jsonrpc":"2.0","id":"h","method":"textDocument/hover","params":{"textDocument":{"uri":"file:///a.mb"},"position":{"line":0,"character":14}}}' '[1,2.5e3,null,true,false,{}]'
