#!/usr/bin/env bash
# 'mubiao fmt --write' killed in the middle of writing leaves the original file byte for byte
# as it was. A large unformatted file (about 2 MB) is formatted with the test hook
# MB_TEST_FMT_STALL_AT, which makes the command stop itself (SIGSTOP) after 64 KiB of the new
# text are in the temporary file; the test then kills it with SIGKILL, which nothing can catch.
# Then: a syntax error, and a file that is not a regular file, are refused with the file
# untouched; and the same --write run to its end gives exactly 'mubiao fmt' of the original.
#   MB_BINARY  the mubiao binary (set by the CMake test environment)
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

f=$dir/big.mb
{
  echo 'plan p { name "大文件" base 2017 deadline 2018 }'
  echo 'indicator a "甲" unit % higher;'
  for i in $(seq 1 20000); do
    echo "target T$i   \"第${i}条\":a>=${i}% by 2018    phrase \"达到${i}%\" ; # 注释 $i"
  done
} >"$f"
cp "$f" "$dir/original"
size=$(stat -c %s "$f")
[ "$size" -gt 1000000 ] || fail "the test file is too small ($size bytes)"

MB_TEST_FMT_STALL_AT=65536 "$MB_BINARY" fmt --write "$f" &
pid=$!
# wait until it has stopped itself (state T) in the middle of writing
while :; do
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || fail "fmt --write ended before it was killed"
  [ "$state" = T ] && break
  sleep 0.05
done
tmp=$(find "$dir" -name '.big.mb.fmt-*')
[ -n "$tmp" ] || fail "no temporary file beside the original while writing"
[ "$(stat -c %s "$tmp")" -eq 65536 ] || fail "the temporary file does not hold the first 64 KiB"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
cmp -s "$f" "$dir/original" || fail "the original changed after fmt --write was killed mid-write"
echo "ok: killed after 64 KiB of $size bytes; the original is whole"
rm -f "$tmp"

# a file with syntax errors is never written
printf 'target T: a >= by 2018;\n' >"$dir/bad.mb"
cp "$dir/bad.mb" "$dir/bad.orig"
"$MB_BINARY" fmt --write "$dir/bad.mb" 2>/dev/null
[ $? -eq 2 ] || fail "fmt --write of a file with a syntax error did not exit 2"
cmp -s "$dir/bad.mb" "$dir/bad.orig" || fail "a file with a syntax error was written"

# a FIFO is not replaced (reading it is refused before anything is written)
mkfifo "$dir/pipe.mb"
"$MB_BINARY" fmt --write "$dir/pipe.mb" 2>/dev/null
[ $? -eq 2 ] || fail "fmt --write of a FIFO did not exit 2"
[ -p "$dir/pipe.mb" ] || fail "the FIFO was replaced"
rm -f "$dir/pipe.mb"

# run to its end: the result is what 'mubiao fmt' prints, the mode is kept, nothing is left
chmod 640 "$f"
"$MB_BINARY" fmt "$f" >"$dir/want" || fail "mubiao fmt failed"
"$MB_BINARY" fmt --write "$f" || fail "fmt --write failed"
cmp -s "$f" "$dir/want" || fail "fmt --write wrote something other than fmt prints"
[ "$(stat -c %a "$f")" = 640 ] || fail "fmt --write did not keep the file's mode"
[ -z "$(find "$dir" -name '.*.fmt-*')" ] || fail "a temporary file was left behind"
"$MB_BINARY" fmt --check "$f" || fail "the written file is not formatted"
# a symbolic link: the file it points to is replaced, the link stays
cp "$dir/original" "$dir/target.mb"
ln -s target.mb "$dir/link.mb"
"$MB_BINARY" fmt --write "$dir/link.mb" || fail "fmt --write through a link failed"
[ -L "$dir/link.mb" ] || fail "the link was replaced by a file"
cmp -s "$dir/target.mb" "$dir/want" || fail "the link's file was not formatted"
echo "ok: fmt --write"
