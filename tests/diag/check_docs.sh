#!/usr/bin/env bash
# docs/diagnostics.md and the code table (interpreter/base/diag_codes.h) say the same thing,
# and the examples in the document are what mubiao prints:
#   - every code of the table has its section "### MBnnnn" naming its identifier and severity,
#     and every section is a code of the table;
#   - every example (```console block: "$ mubiao ARGS", then the lines shown) is run in a copy
#     of tests/diag/examples (after its gen.sh): the lines shown appear together, in order, on
#     standard error, and the same command with --format json records the section's code;
#   - no diagnostic recorded for an example, a hostile rule file or a test rule file lacks a
#     code of the table.
#   MB_BINARY      the mubiao binary (set by the CMake test environment)
#   MB_SOURCE_DIR  the source tree (set by the CMake test environment)
set -euo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
cd "$MB_SOURCE_DIR"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r tests/diag/examples "$work/ex"
(cd "$work/ex" && ./gen.sh)

python3 - "$work/ex" <<'PY'
import json, os, re, shlex, subprocess, sys, glob

exdir = sys.argv[1]
binary = os.environ["MB_BINARY"]
fails = []

table = {}
for m in re.finditer(r'X\((\d{4}), (MB_D_\w+), (\w+), "((?:[^"\\]|\\.)*)"\)',
                     open("interpreter/base/diag_codes.h", encoding="utf-8").read()):
    table["MB" + m.group(1)] = (m.group(2), m.group(3).lower())
if len(table) < 50:
    fails.append(f"only {len(table)} codes read from diag_codes.h")

doc = open("docs/diagnostics.md", encoding="utf-8").read().split("\n")
sections, cur = {}, None
for n, line in enumerate(doc, 1):
    m = re.match(r"### (MB\d{4})\b", line)
    if m:
        cur = m.group(1)
        if cur in sections:
            fails.append(f"docs/diagnostics.md:{n}: {cur} documented twice")
        sections[cur] = {"line": n, "text": [], "examples": []}
    elif line.startswith("## "):
        cur = None
    elif cur:
        sections[cur]["text"].append(line)

for code in table:
    if code not in sections:
        fails.append(f"{code} ({table[code][0]}) is in the table but not in docs/diagnostics.md")
for code, s in sections.items():
    if code not in table:
        fails.append(f"docs/diagnostics.md:{s['line']}: {code} is not in the table")
        continue
    body = "\n".join(s["text"])
    ident, sev = table[code]
    if f"`{ident}`" not in body:
        fails.append(f"docs/diagnostics.md:{s['line']}: {code} does not name its identifier {ident}")
    if not re.search(r"\b" + sev + r"\b", body):
        fails.append(f"docs/diagnostics.md:{s['line']}: {code} does not say its severity ({sev})")
    # examples: ```console blocks
    in_block, ex = False, None
    for line in s["text"]:
        if line.startswith("```"):
            if in_block and ex:
                s["examples"].append(ex)
            ex, in_block = None, line.strip() == "```console"
            continue
        if not in_block:
            continue
        if line.startswith("$ mubiao "):
            if ex:
                s["examples"].append(ex)
            ex = (line[len("$ mubiao "):], [])
        elif ex:
            ex[1].append(line)
    if not s["examples"] and "No example" not in body:
        fails.append(f"docs/diagnostics.md:{s['line']}: {code} has no example and does not say why")


def run(args, json_out):
    argv = [binary] + shlex.split(args) + (["--format", "json"] if json_out else [])
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(argv, cwd=exdir, capture_output=True, env=env, timeout=120)


def codes_of(out):
    return re.findall(r'"code":"(MB\d{4})"', out.decode("utf-8", "replace"))


def contains_run(have, want):
    for i in range(len(have) - len(want) + 1):
        if have[i:i + len(want)] == want:
            return True
    return False


for code, s in sections.items():
    for args, want in s["examples"]:
        r = run(args, False)
        err = r.stderr.decode("utf-8", "replace").split("\n")
        if not want or not contains_run(err, want):
            fails.append(f"{code}: 'mubiao {args}' does not print the lines shown:\n  "
                         + "\n  ".join(want) + "\nit prints:\n  " + "\n  ".join(err))
        got = codes_of(run(args, True).stdout)
        if code not in got:
            fails.append(f"{code}: 'mubiao {args} --format json' records {got}, not {code}")
        for c in got:
            if c not in table:
                fails.append(f"{code}: 'mubiao {args}' records {c}, which is not in the table")

# Every diagnostic of the rule-file corpus has a code of the table.
for path in sorted(glob.glob("tests/hostile/*.mb") + glob.glob("tests/data/*.mb")):
    r = subprocess.run([binary, "check", "--format", "json", os.path.abspath(path)],
                       cwd=os.path.dirname(path), capture_output=True, timeout=120)
    for c in codes_of(r.stdout):
        if c not in table:
            fails.append(f"{path}: a diagnostic with code {c}, which is not in the table")
    if r.returncode == 1 and not codes_of(r.stdout):
        fails.append(f"{path}: check fails but its JSON records no code")

for f in fails:
    print("FAIL:", f)
print(f"{len(table)} codes, {sum(len(s['examples']) for s in sections.values())} examples, {len(fails)} failures")
sys.exit(1 if fails else 0)
PY
