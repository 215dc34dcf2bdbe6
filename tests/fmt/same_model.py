#!/usr/bin/env python3
"""Formatting changes no meaning. Every rule file of rules/, examples/ and tests/data that
checks clean is copied and put out of shape (each indented clause line joined to the line
before it, with extra spaces, unless a comment is in the way: the files as committed are
already formatted); its 'mubiao check --format json' model, without source locations (lines
move), must be the same after 'mubiao fmt --write' as before, and the original's. On the
way, each file's 'mubiao fmt --diff', applied with patch(1), must give 'mubiao fmt' of it.
  MB_BINARY, MB_SOURCE_DIR  (set by the CMake test environment)

One Python process runs the whole test: started once per file and step, as a shell loop
did, Python's own start-up was most of the test's CPU time, and on a loaded machine the
test ran into its time limit."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

MB = os.environ.get("MB_BINARY") or sys.exit("MB_BINARY must name the mubiao binary")
SRC = os.environ.get("MB_SOURCE_DIR") or sys.exit("MB_SOURCE_DIR must name the source tree")


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def run(*args, stdin=None):
    return subprocess.run([MB, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=stdin)


def strip(v):
    """The model without locations (which move when lines do)."""
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("location", "line", "column")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v


def model(path):
    p = run("check", "--format", "json", path)
    if p.returncode != 0:
        fail(f"no model for {path}: check exited {p.returncode}")
    try:
        return json.dumps(strip(json.loads(p.stdout)), ensure_ascii=False, sort_keys=True)
    except ValueError:
        fail(f"no model for {path}")


def unshape(path):
    out = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for line in text.split("\n"):
        s = line.lstrip(" ")
        if out and line != s and s and not s.startswith("#") and "#" not in out[-1] and out[-1].strip():
            out[-1] += "    " + s
        else:
            out.append(line)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def check_diff(f, tmp):
    """The diff of --diff, applied by patch(1), gives what fmt prints."""
    want = run("fmt", f).stdout
    d = run("fmt", "--diff", f)
    if read(f) == want:
        if d.returncode != 0 or d.stdout:
            fail(f"fmt --diff of the formatted {f}: exit {d.returncode} or a diff")
        return
    if d.returncode != 1:
        fail(f"fmt --diff of {f} out of shape exited {d.returncode}, not 1")
    patched = os.path.join(tmp, "patched")
    p = subprocess.run(["patch", "-s", "-o", patched, f], input=d.stdout, stdout=subprocess.DEVNULL)
    if p.returncode != 0:
        fail(f"patch rejects the diff of {f}")
    if read(patched) != want:
        fail(f"the diff of {f}, applied, does not give the formatted text")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for d in ("rules", "examples", "tests/data"):
            shutil.copytree(os.path.join(SRC, d), os.path.join(tmp, os.path.basename(d)))
        os.chdir(tmp)
        files = sorted(os.path.join(root, n) for d in ("rules", "examples", "data")
                       for root, _, names in os.walk(d) for n in names if n.endswith(".mb"))
        before, orig = {}, {}
        for f in files:
            if run("check", f).returncode != 0:
                continue  # only files that check clean
            before[f] = model(f)
            orig[f] = read(f)
            unshape(f)
            if run("check", f).returncode != 0:
                fail(f"{f} out of shape does not check clean")
            if model(f) != before[f]:
                fail(f"{f} out of shape means something else (the test is wrong)")
            check_diff(f, tmp)
        changed = sum(1 for f in orig if read(f) != orig[f])
        if changed < 10:
            fail(f"only {changed} files put out of shape")
        if len(before) < 10:
            fail(f"only {len(before)} rule files checked clean")
        run("fmt", "--write", "rules", "examples", "data")
        for f in before:
            if model(f) != before[f]:
                fail(f"formatting changed the model of {f}")
        if run("fmt", "--check", "rules", "examples").returncode != 0:
            fail("fmt --write left files unformatted")
        print(f"ok: {len(before)} rule files ({changed} out of shape): the same model before and after formatting")


main()
