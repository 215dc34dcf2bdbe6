#!/usr/bin/env bash
# Standard error is unbuffered: a message printed piece by piece is a write() per piece, and
# the lines of another process writing to the same terminal or log can land inside it. The
# line naming the indicators no rule reads (and the regions', printed the same way) must go out in one write(), names
# made safe for the terminal included (strace counts the calls), and print the same bytes.
set -euo pipefail
bin=${MB_BINARY:?}
src=${MB_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v strace >/dev/null; then echo "strace is not installed (dev.sh installs it)"; exit 1; fi
cp "$src/tests/data/eval_forms.csv" "$tmp/d.csv"
printf 'A市,unread_one,2020,1,%%\nA市,未读,2020,1,%%\nA市,bad\001name,2020,1,%%\nB市,unread_one,2020,1,%%\n' >>"$tmp/d.csv"
cd "$tmp"
set +e
strace -f -qq -e trace=write -e signal=none -s 4096 -o trace.txt \
  "$bin" eval "$src/tests/data/eval_forms.mb" --data d.csv --format summary >out.txt 2>err.txt
set -e
want='mubiao: indicators no rule reads: unread_one (2 rows), bad<U+0001>name (1 row), gdp (1 row), 未读 (1 row)'
grep -qxF "$want" err.txt || { echo "stderr lacks the line: $want"; cat err.txt; exit 1; }
for what in "indicators no rule reads"; do
  # the whole line, its newline included, in one call to fd 2
  n=$(grep -c "write(2, \"mubiao: $what: .*\\\\n\", [0-9]*) = [0-9]*\$" trace.txt || true)
  if [ "$n" != 1 ]; then
    echo "the '$what' line took more than one write():"
    grep -n "write(2" trace.txt | tail -40
    exit 1
  fi
done
echo "the line was written in one go"
