#!/usr/bin/env bash
# The GitHub Actions workflow of docs/ci.md holds on this repository: every 'mubiao …' command
# of its 'run:' steps is run here, in a copy of the tree where submissions/ holds the
# examples' submissions, and must exit 0 (eval: 0 or 1, as the examples miss some targets,
# never 2: the submissions read clean); the SARIF of the submissions must be a log. The
# workflow's text is read from docs/ci.md, so the page cannot drift from what works.
#   MB_BINARY, MB_SOURCE_DIR  (set by the CMake test environment)
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
fail() { echo "FAIL: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp -r "$MB_SOURCE_DIR/rules" "$dir/rules"
mkdir "$dir/submissions" "$dir/bin"
for p in nantong_2018 changzhou_2018 haizhou_2015; do cp "$MB_SOURCE_DIR/examples/$p/submission.csv" "$dir/submissions/$p.csv"; done
ln -s "$MB_BINARY" "$dir/bin/mubiao"
# the commands: 'run: mubiao …' lines and the lines of 'run: |' blocks, continuations joined
cmds=$(python3 - "$MB_SOURCE_DIR/docs/ci.md" <<'PY'
import re, sys
doc = open(sys.argv[1], encoding="utf-8").read()
yml = doc[doc.index("# .github/workflows/rules.yml"):]
yml = yml[:yml.index("```")]
lines, out, block = yml.split("\n"), [], None
for l in lines:
    m = re.match(r"\s*(?:- )?run: (.*)$", l)
    if m and m.group(1) != "|":
        out.append(m.group(1)); block = None; continue
    if m: block = len(l) - len(l.lstrip()); continue
    if block is not None and l.strip() and len(l) - len(l.lstrip()) > block:
        out.append(l.strip())
    else:
        block = None
joined = []
for c in out:
    if joined and joined[-1].endswith("\\"): joined[-1] = joined[-1][:-1] + " " + c
    else: joined.append(c)
for c in joined:
    c = re.sub(r"\s+#.*$", "", c)
    if c.startswith("mubiao "): print(c)
PY
)
n=$(printf '%s\n' "$cmds" | grep -c '^mubiao ')
[ "$n" -ge 5 ] || fail "only $n mubiao commands read from the workflow in docs/ci.md"
for w in "fmt --check" "check --format github --strict" "check --format sarif" "test --coverage" "eval " "--diagnostics"; do
  printf '%s\n' "$cmds" | grep -q -- "$w" || fail "the workflow does not run 'mubiao $w'"
done
while IFS= read -r c; do
  (cd "$dir" && PATH="$dir/bin:$PATH" bash -c "$c" >"$dir/out" 2>&1)
  rc=$?
  ok=0
  case $c in mubiao\ eval*) ok=1 ;; esac
  [ "$rc" -le "$ok" ] || { cat "$dir/out"; fail "'$c' exited $rc"; }
  echo "ok: $c"
done <<<"$cmds"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['version']=='2.1.0' and d['runs'][0]['tool']['driver']['name']" \
  "$dir/submissions.sarif" || fail "submissions.sarif is not a SARIF log"
echo "ok: the workflow of docs/ci.md runs clean on this repository ($n commands)"
