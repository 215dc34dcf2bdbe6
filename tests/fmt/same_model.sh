#!/usr/bin/env bash
# Formatting changes no meaning. Every rule file of rules/, examples/ and tests/data that
# checks clean is copied and put out of shape (each indented clause line joined to the line
# before it, with extra spaces, unless a comment is in the way: the files as committed are
# already formatted); its 'mubiao check --format json' model, without source locations (lines
# move), must be the same after 'mubiao fmt --write' as before, and the original's. On the
# way, each file's 'mubiao fmt --diff', applied with patch(1), must give 'mubiao fmt' of it.
#   MB_BINARY, MB_SOURCE_DIR  (set by the CMake test environment)
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cp -r "$MB_SOURCE_DIR/rules" "$MB_SOURCE_DIR/examples" "$MB_SOURCE_DIR/tests/data" "$dir/"
cd "$dir" || exit 1
# the model without locations (which move when lines do)
model() {
  "$MB_BINARY" check --format json "$1" | python3 -c '
import json, sys
def strip(v):
    if isinstance(v, dict): return {k: strip(x) for k, x in v.items() if k not in ("location", "line", "column")}
    if isinstance(v, list): return [strip(x) for x in v]
    return v
print(json.dumps(strip(json.load(sys.stdin)), ensure_ascii=False, sort_keys=True))'
}
unshape() {
  python3 -c '
import sys
out = []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    s = line.lstrip(" ")
    if out and line != s and s and not s.startswith("#") and "#" not in out[-1] and out[-1].strip():
        out[-1] += "    " + s
    else:
        out.append(line)
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out))' "$1"
}
files=$(find rules examples data -name '*.mb' | sort)
n=0
for f in $files; do
  "$MB_BINARY" check "$f" >/dev/null 2>&1 || continue   # only files that check clean
  model "$f" >"$f.before" || fail "no model for $f"
  cp "$f" "$f.orig"
  unshape "$f"
  "$MB_BINARY" check "$f" >/dev/null 2>&1 || fail "$f out of shape does not check clean"
  model "$f" >"$f.unshaped" || fail "no model for $f out of shape"
  cmp -s "$f.before" "$f.unshaped" || fail "$f out of shape means something else (the test is wrong)"
  # the diff of --diff, applied by patch(1), gives what fmt prints
  "$MB_BINARY" fmt "$f" >"$f.want"
  "$MB_BINARY" fmt --diff "$f" >"$f.diff"
  rc=$?
  if cmp -s "$f" "$f.want"; then
    [ $rc -eq 0 ] && [ ! -s "$f.diff" ] || fail "fmt --diff of the formatted $f: exit $rc or a diff"
  else
    [ $rc -eq 1 ] || fail "fmt --diff of $f out of shape exited $rc, not 1"
    patch -s -o "$f.patched" "$f" <"$f.diff" >/dev/null || fail "patch rejects the diff of $f"
    cmp -s "$f.patched" "$f.want" || fail "the diff of $f, applied, does not give the formatted text"
  fi
  n=$((n + 1))
done
changed=0
for f in $files; do [ -f "$f.orig" ] && ! cmp -s "$f" "$f.orig" && changed=$((changed + 1)); done
[ "$changed" -ge 10 ] || fail "only $changed files put out of shape"
[ "$n" -ge 10 ] || fail "only $n rule files checked clean"
"$MB_BINARY" fmt --write rules examples data 2>/dev/null
for f in $files; do
  [ -f "$f.before" ] || continue
  model "$f" >"$f.after" || fail "no model for $f after formatting"
  cmp -s "$f.before" "$f.after" || { diff "$f.before" "$f.after" | head -5; fail "formatting changed the model of $f"; }
done
"$MB_BINARY" fmt --check rules examples || fail "fmt --write left files unformatted"
echo "ok: $n rule files ($changed out of shape): the same model before and after formatting"
