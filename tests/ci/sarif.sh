#!/usr/bin/env bash
# 'mubiao check --format sarif' writes valid SARIF 2.1.0: each log below is validated against
# the published 2.1.0 JSON schema (sarif_schema.js) and by Microsoft's SARIF Multitool
# ('sarif-multitool validate', which also applies the specification's own rules); any error
# or warning of either fails the test. Then the logs are read back: every rule id is a
# diagnostic code documented in docs/diagnostics.md, every result points at its rule and at
# the line and column the text output names.
#   MB_BINARY, MB_SOURCE_DIR  (set by the CMake test environment)
# Needs the npm packages of tests/package.json: 'cd tests && npm ci' (./dev.sh test does it).
set -uo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
fail() { echo "FAIL: $*"; exit 1; }
tests=$MB_SOURCE_DIR/tests
multitool=$tests/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
[ -f "$multitool" ] && [ -d "$tests/node_modules/ajv-draft-04" ] ||
  fail "the validators are not installed: run 'cd tests && npm ci' (./dev.sh test does)"
[ -x "$multitool" ] || chmod u+x "$multitool" # its install script (chmod) may not have run
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$MB_SOURCE_DIR" || exit 1

# inputs: clean plans, semantic errors with notes, syntax errors, a file that cannot be read,
# warnings, a file with a CJK name given by its absolute path
cat >"$dir/计划 草稿.mb" <<'MB'
indicator a unit % higher;
target T1: a >= 2% by 2018;
target T1: a >= 3% by 2019 phrase "达到3%";
MB
sarif() { # NAME ARGS...: one log
  local name=$1; shift
  "$MB_BINARY" check --format sarif "$@" >"$dir/$name.sarif" 2>"$dir/$name.err"
  local rc=$?
  [ "$rc" -le 2 ] || fail "check --format sarif $* exited $rc"
  "$MB_BINARY" check "$@" >/dev/null 2>"$dir/$name.text"
}
sarif clean rules/*.mb
sarif semantic tests/data/bad_semantic.mb tests/data/every_construct.mb
sarif syntax tests/data/bad_syntax.mb
sarif missing tests/data/no_such_file.mb
sarif cjk "$dir/计划 草稿.mb"
sarif fixes tests/data/phrase_lint.mb
cp tests/data/phrase_lint.mb "$dir/phrase_lint.fixed.mb"
"$MB_BINARY" check --fix "$dir/phrase_lint.fixed.mb" >/dev/null 2>&1 || fail "check --fix on a copy of phrase_lint.mb failed"
sarif docs --docs-url https://example.org/mubiao/docs/ tests/data/bad_semantic.mb
# eval --diagnostics: the submission's errors, pointing at the CSV file's line and column
"$MB_BINARY" eval tests/data/eval_forms.mb --data tests/data/eval_forms_bad.csv \
  --diagnostics "$dir/evaldata.sarif" >/dev/null 2>"$dir/evaldata.text"
[ $? -eq 2 ] || fail "eval with a bad submission did not exit 2"
grep -q '"uri":"tests/data/eval_forms_bad.csv"' "$dir/evaldata.sarif" || fail "eval's SARIF does not point at the CSV file"
logs=("$dir"/*.sarif)

(cd "$tests" && node ci/sarif_schema.js "${logs[@]}") || fail "a log is not valid against the SARIF 2.1.0 schema"
for log in "${logs[@]}"; do
  out=$("$multitool" validate "$log" -o "$log.check" --log ForceOverwrite 2>&1)
  rc=$?
  printf '%s\n' "$out" | grep -q "Analysis completed successfully" || { printf '%s\n' "$out"; fail "the multitool did not run on $log (exit $rc)"; }
  if printf '%s\n' "$out" | grep -Eq ": (error|warning) [A-Z]+[0-9]+"; then
    printf '%s\n' "$out"
    fail "sarif-multitool validate reports problems in $(basename "$log")"
  fi
  echo "ok: sarif-multitool validate $(basename "$log"): no error, no warning"
done

python3 - "$dir" "$MB_SOURCE_DIR/docs/diagnostics.md" <<'PY' || fail "the logs do not say what the text output says"
import json, os, re, sys
d, docs = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
documented = set(re.findall(r"^### (MB\d{4})$", docs, re.M))
counts = {}
for name in sorted(os.listdir(d)):
    if not name.endswith(".sarif"): continue
    base = name[:-6]
    log = json.load(open(os.path.join(d, name), encoding="utf-8"))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert set(ids) <= documented, f"{name}: rules not in docs/diagnostics.md: {set(ids) - documented}"
    for r in rules:
        assert r["helpUri"].endswith("/diagnostics.md#" + r["id"].lower()), r["helpUri"]
    text = open(os.path.join(d, base + ".text"), encoding="utf-8").read()
    # "file:line:col: error: msg" lines of the text output, in order
    want = re.findall(r"^(.*?):(\d+):(\d+): (error|warning|note): (.*)$", text, re.M)
    got = []
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"], res
        loc = res.get("locations")
        if not loc: continue
        pl = loc[0]["physicalLocation"]
        reg = pl["region"]
        assert (reg["endLine"], reg["endColumn"]) >= (reg["startLine"], reg["startColumn"]), reg
        got.append((str(reg["startLine"]), str(reg["startColumn"]), res["level"]))
        assert res["partialFingerprints"], res
    want = [(l, c, s) for _, l, c, s, _ in want if s != "note"]  # notes: relatedLocations
    assert got == want, f"{name}: {got} != {want}"
    counts[base] = len(run["results"])
print("ok: results as in the text output:", counts)
# the fixes: each a replacement of a region (columns in code points) of the file the result is
# in; all of them applied to phrase_lint.mb give what 'check --fix' writes
run = json.load(open(os.path.join(d, "fixes.sarif"), encoding="utf-8"))["runs"][0]
edits = []
for res in run["results"]:
    for fx in res.get("fixes", []):
        assert fx["description"]["text"], fx
        [ch] = fx["artifactChanges"]
        assert ch["artifactLocation"]["uri"] == res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for rp in ch["replacements"]:
            edits.append((res["ruleId"], rp["deletedRegion"], rp["insertedContent"]["text"]))
assert sorted({e[0] for e in edits}) == ["MB4014", "MB4023", "MB4025"], edits
lines = open("tests/data/phrase_lint.mb", encoding="utf-8").read().split("\n")
for _, reg, text in sorted(edits, key=lambda e: (e[1]["startLine"], e[1]["startColumn"]), reverse=True):
    assert reg["startLine"] == reg["endLine"], reg
    l = lines[reg["startLine"] - 1]
    lines[reg["startLine"] - 1] = l[:reg["startColumn"] - 1] + text + l[reg["endColumn"] - 1:]
want = open(os.path.join(d, "phrase_lint.fixed.mb"), encoding="utf-8").read()
assert "\n".join(lines) == want, "the SARIF fixes applied differ from what check --fix writes"
print("ok: the SARIF fixes applied give what check --fix writes:", len(edits), "edits")
assert counts["evaldata"] >= 2, counts
assert counts["clean"] == 0 and counts["semantic"] >= 2 and counts["syntax"] >= 1 and counts["missing"] == 1 and counts["cjk"] >= 2
PY
echo "ok: SARIF"
