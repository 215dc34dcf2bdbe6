#!/usr/bin/env bash
# The counts tables of rules/README.md are true: recompute, from the JSON model that
# 'mubiao check --format json rules/*.mb' prints, how many targets each plan has of each form,
# and compare with the per-plan tables and the totals table of the README. Any difference
# fails the test and is listed.
#   MB_BINARY      the mubiao binary (set by the CMake test environment)
#   MB_SOURCE_DIR  the source tree (set by the CMake test environment)
set -euo pipefail
: "${MB_BINARY:?MB_BINARY must name the mubiao binary}"
: "${MB_SOURCE_DIR:?MB_SOURCE_DIR must name the source tree}"
cd "$MB_SOURCE_DIR"

model=$(mktemp)
trap 'rm -f "$model"' EXIT
# Exit status 1 (errors in the rules) still prints the model; the clean-check test reports it.
"$MB_BINARY" check --format json rules/*.mb >"$model" || [ $? -eq 1 ]

python3 - "$model" rules/README.md <<'PY'
import collections, json, re, sys

model = json.load(open(sys.argv[1]))["model"]
readme = open(sys.argv[2], encoding="utf-8").read().splitlines()

CMP = {">=": "at_least", ">": "more_than", "<=": "at_most", "<": "less_than", "=": "exactly"}
FORMS = ["at_least", "more_than", "at_most", "less_than", "exactly", "milestones", "about",
         "interval", "range", "each_year", "cumulative", "relative", "cut", "growth",
         "annual_growth", "yoy_growth", "rises", "falls", "above_region", "qualitative"]

# ---- counts from the model: milestones once per year, compare split by comparison ----
counts = collections.defaultdict(collections.Counter)
rules = collections.Counter()
for p in model["plans"]:
    counts[p["id"]]  # every plan has a table, even an empty one
for r in model["rules"]:
    form = r["form"]
    if form == "compare":
        form = CMP[r["comparison"]]
    # milestones, and a growth over the previous year, count once per year judged
    counts[r["plan"]][form] += len(r["targets"]) if form in ("milestones", "yoy_growth") else 1
    rules[r["plan"]] += 1

# ---- tables from the README ----
def cells(line):
    return [c.strip().strip("*").strip("`").strip() for c in line.strip().strip("|").split("|")]

def num(s):
    return int(s) if re.fullmatch(r"\d+", s) else None

tables, totals, section = {}, {}, None
errors = []
for n, line in enumerate(readme, 1):
    if line.startswith("#"):
        m = re.match(r"^###\s+`([^`]+)`", line)
        section = ("plan", m.group(1)) if m else ("totals", None) if re.match(r"^###\s+Totals\b", line) else None
        if section and section[0] == "plan":
            if section[1] in tables:
                errors.append(f"README.md:{n}: a second table for {section[1]}")
            tables[section[1]] = {}
        continue
    if not section or not line.startswith("|") or re.match(r"^\|[-:| ]+\|$", line.strip()):
        continue
    c = cells(line)
    if section[0] == "plan":
        if c[0] == "form":
            continue
        if len(c) != 2 or num(c[1]) is None:
            errors.append(f"README.md:{n}: cannot read the row {line.strip()!r}")
            continue
        if c[0] != "total" and c[0] not in FORMS:
            errors.append(f"README.md:{n}: unknown form {c[0]!r}")
        tables[section[1]][c[0]] = (num(c[1]), n)
    else:
        if c[0] == "plan":
            continue
        if len(c) != 5 or num(c[3]) is None or num(c[4]) is None:
            errors.append(f"README.md:{n}: cannot read the totals row {line.strip()!r}")
            continue
        totals[c[0]] = (num(c[3]), num(c[4]), n)

# ---- compare ----
for plan in sorted(set(counts) | set(tables)):
    if plan not in tables:
        errors.append(f"plan {plan}: no counts table in README.md")
        continue
    if plan not in counts:
        errors.append(f"README.md:{tables[plan].get('total', (0, 0))[1]}: table for {plan}, which is not a plan of the rules")
        continue
    t = tables[plan]
    for form in FORMS:
        want = counts[plan][form]
        got, line = t.get(form, (0, None))
        if got != want:
            where = f"README.md:{line}" if line else "README.md"
            errors.append(f"{where}: {plan} {form}: README says {got}, the rules have {want}")
    total = sum(counts[plan].values())
    got, line = t.get("total", (None, None))
    if got != total:
        errors.append(f"README.md:{line or '?'}: {plan} total: README says {got}, the rules have {total}")

if not totals:
    errors.append("README.md: no Totals table")
for plan in sorted(counts):
    got = totals.get(plan)
    want = (sum(counts[plan].values()), rules[plan])
    if not got:
        errors.append(f"README.md: Totals table has no row for {plan}")
    elif got[:2] != want:
        errors.append(f"README.md:{got[2]}: Totals row {plan}: README says targets {got[0]}, rules {got[1]}; "
                      f"the rules have targets {want[0]}, rules {want[1]}")
for plan in totals:
    if plan != "all" and plan not in counts:
        errors.append(f"README.md:{totals[plan][2]}: Totals row for {plan}, which is not a plan of the rules")
want = (sum(sum(c.values()) for c in counts.values()), sum(rules.values()))
got = totals.get("all")
if not got or got[:2] != want:
    errors.append(f"README.md: Totals row 'all' says {got[:2] if got else None}, the rules have {want}")

for e in errors:
    print("FAIL:", e)
if errors:
    sys.exit(1)
print(f"ok: {len(counts)} plans, {want[0]} targets ({want[1]} rules) match rules/README.md")
PY
