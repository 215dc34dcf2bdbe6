#!/usr/bin/env bash
# The walk-through in examples/README.md shows real commands and their real output: run every
# command of its ```console blocks (lines starting with "$ ", from the top of the source tree,
# standard error merged into standard output, 'build/mubiao' replaced by the binary under test)
# and compare with the lines shown after it. Any difference fails the test and is shown as a diff.
# MB_UPDATE_GOLDEN=1 (as for the golden tests) rewrites the output shown with the actual output;
# read the diff before committing it.
#   MB_BINARY      the mubiao binary (set by the CMake test environment)
#   MB_SOURCE_DIR  the source tree (set by the CMake test environment)
set -euo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
cd "$MB_SOURCE_DIR"

python3 - examples/README.md <<'PY'
import difflib, os, subprocess, sys

path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
binary = os.environ["MB_BINARY"]

# Collect (line number, command, expected output lines) from the ```console blocks.
cases, in_block, cur = [], False, None
for n, line in enumerate(lines, 1):
    if line.startswith("```"):
        if in_block and cur:
            cases.append(cur)
        cur = None
        in_block = line.strip() == "```console"
        continue
    if not in_block:
        continue
    if line.startswith("$ "):
        if cur:
            cases.append(cur)
        cur = (n, line[2:], [])
    elif cur:
        cur[2].append(line)
    else:
        print(f"FAIL: {path}:{n}: output before any command in a console block")
        sys.exit(1)

update = os.environ.get("MB_UPDATE_GOLDEN") == "1"
failures = 0
for n, cmd, want in reversed(cases):  # from the end, so that rewriting keeps earlier line numbers
    real = cmd.replace("build/mubiao", '"$MB_BINARY"')
    p = subprocess.run(["bash", "-c", real], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       env=dict(os.environ, NO_COLOR="1"))
    got = p.stdout.decode("utf-8", "replace").split("\n")
    if got and got[-1] == "":
        got.pop()
    if got != want and update:
        lines[n:n + len(want)] = got
        continue
    if got != want:
        failures += 1
        print(f"FAIL: {path}:{n}: $ {cmd}")
        sys.stdout.writelines(l + "\n" for l in difflib.unified_diff(want, got, "shown", "actual", lineterm=""))
if update:
    open(path, "w", encoding="utf-8").write("\n".join(lines))
    print(f"updated: the output shown for the {len(cases)} commands of {path}")
    sys.exit(0)
if not cases:
    print(f"FAIL: {path}: no console block with a command")
    sys.exit(1)
if failures:
    print(f"{failures} of {len(cases)} commands in {path} do not give the output shown")
    sys.exit(1)
print(f"ok: the {len(cases)} commands of {path} give the output shown")
PY
