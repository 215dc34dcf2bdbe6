#!/usr/bin/env python3
"""Recall and precision of `mubiao draft` on the seed plans, against the hand-written rules.

usage: measure.py MUBIAO SOURCE_DIR [--write]

Drafts each seed document (tests/draft/seeds/) with --catalogue rules/catalogue.mb, requires
`mubiao check` to accept the draft, and compares the drafted targets with rules/*.mb through
the JSON model of both (`mubiao check --format json`). Prints the table; without --write it
fails when the table differs from the one between the markers in docs/draft.md (so a change
that lowers a figure fails, and one that raises it must update the document).

Matching. Both sides are cut into atoms, one per deadline a target is judged at (a
milestones rule gives one atom per year), qualitative targets left out (they have no value
to draft). An atom is (form, comparison, value, unit, years): the form as the JSON model
names it (compare and milestones both count as `compare`), the comparison (>=, >, <=, <),
the value in the indicator's unit (1.2万家 is 12000 家), the unit without its scale, and the
year (or the period of each-year, total and rises targets, the base year of relative and
cut). A drafted atom matches a rule atom when all of these are equal and both name the same
indicator: the same catalogue indicator, or, for indicators the plan defines itself (whose
ids and names an analyst chooses), the same place in the text: the number with the
characters before it in the drafted phrase (up to four) occurs in the rule's phrase, or the
two phrases share eight characters when the form has no number.
Recall: rule atoms matched. Precision: drafted atoms that match a rule atom. A target with
several phrases (a restated goal, merged into one) is in the same place when any phrase is.
"""
import json
import os
import subprocess
import sys
import tempfile
from decimal import Decimal

SEEDS = [
    ("000_dc8c199a41f539ca.txt", "nantong_2018.mb"),
    ("001_06eec96fd9fb3ad5.txt", "jiangyin_2018_2020.mb"),
    ("002_a1b9d9430421bfe0.txt", "changzhou_2018.mb"),
    ("003_e04475ba53c4c79f.txt", "nanjing_2022_2024.mb"),
    ("004_bc2950c2cc6e4526.txt", "haizhou_2015.mb"),
]
BEGIN = "<!-- measure.py: begin -->"
END = "<!-- measure.py: end -->"
SCALES = [("十万", 100000), ("百万", 1000000), ("千万", 10000000), ("万", 10000), ("亿", 100000000),
          ("千", 1000), ("百", 100)]


def model(mubiao, path):
    p = subprocess.run([mubiao, "check", "--format", "json", path], capture_output=True, text=True)
    d = json.loads(p.stdout)
    if d["errors"]:
        msgs = "; ".join(x.get("message", "") for x in d["diagnostics"])
        raise SystemExit(f"FAIL: mubiao check rejects {path}: {msgs}")
    return d["model"]


def base_unit(u):
    if not u:
        return ""
    for w, _ in SCALES:
        if u.startswith(w) and len(u) > len(w) and u[len(w):] != "元":
            return u[len(w):]
    return u


def num(v, scale=1):
    return None if v is None else (Decimal(str(v)) * scale).normalize()


def unit_scale(u):
    """What one of unit u is in its base unit (万平方米: 10000 平方米); money keeps its scale."""
    for w, k in SCALES:
        if u and u.startswith(w) and len(u) > len(w) and u[len(w):] != "元":
            return k
    return 1


def atoms(m, catalogue_ids):
    inds = {i["id"]: i for i in m["indicators"]}
    out = []
    for r in m["rules"]:
        form = r["form"]
        if form == "qualitative":
            continue
        ind = r["indicator"]
        unit = base_unit(inds[ind]["unit"]) if ind in inds else ""
        scale = unit_scale(inds[ind]["unit"]) if ind in inds else 1
        cat = ind if ind in catalogue_ids else None
        cmp = r.get("comparison")
        ph = r.get("phrase") or ""
        for t in r["targets"]:
            y = t["year"]
            val = num(t["value"], scale)
            if form in ("compare", "milestones"):
                key = ("compare", cmp, val, unit, (y,))
            elif form == "about":
                key = ("about", None, num(r["about"], scale), unit, (y,))
            elif form == "range":
                key = ("range", None, (num(r["low"], scale), num(r["stretch"], scale)), unit, (y,))
            elif form in ("each_year", "cumulative", "rises", "falls"):
                p = r["period"]
                key = (form, cmp, val if form not in ("rises", "falls") else None, unit, (p["from"], p["to"]))
            elif form in ("cut", "grow", "annual_growth"):
                key = (form, cmp, num(r["percent"]), "", (r["base_year"], y))
            elif form == "relative":
                key = (form, cmp, num(r["factor"]), "", (r["base_year"], y))
            elif form == "above_region":
                key = (form, cmp, r.get("region"), "", (y,))
            else:
                key = (form, cmp, val, unit, (y,))
            out.append({"key": key, "cat": cat, "phrase": ph, "phrases": r.get("phrases") or [ph], "written": t.get("as_written") or "",
                        "form": "milestones" if form == "milestones" else form, "id": r["id"]})
    return out


def number_text(written):
    s = ""
    for ch in written:
        if ch.isdigit() or (ch == "." and s):
            s += ch
        elif s:
            break
    return s


def anchored(d, r):
    if d["cat"] and r["cat"]:
        return d["cat"] == r["cat"]
    # a restated goal carries several phrases: one pair in the same place is enough
    return any(same_place(d, dp, rp) for dp in d["phrases"] for rp in r["phrases"])


def same_place(d, dp, rp):
    n = number_text(d["written"])
    if n and n in dp:
        i = dp.find(n)
        while i >= 0:
            if (i == 0 or not dp[i - 1].isdigit()):
                ctx = dp[max(0, i - 4):i + len(n)]
                if ctx in rp or (len(ctx) > len(n) and ctx[-len(n) - 1:] in rp):
                    return True
            i = dp.find(n, i + 1)
        return False
    for i in range(0, max(0, len(dp) - 7)):
        if dp[i:i + 8] in rp:
            return True
    return False


def compare(drafted, rules):
    used = set()
    matched_rules = 0
    per_form = {}
    for r in rules:
        f = per_form.setdefault(r["form"], [0, 0])
        f[1] += 1
        for k, d in enumerate(drafted):
            if k in used or d["key"] != r["key"] or not anchored(d, r):
                continue
            used.add(k)
            matched_rules += 1
            f[0] += 1
            break
    right = 0
    for d in drafted:
        if any(d["key"] == r["key"] and anchored(d, r) for r in rules):
            right += 1
    return matched_rules, right, per_form


def pct(a, b):
    return "—" if b == 0 else f"{100 * a / b:.1f}%"


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    mubiao, src = sys.argv[1], sys.argv[2]
    write = "--write" in sys.argv[3:]
    cat_model = model(mubiao, os.path.join(src, "rules", "catalogue.mb"))
    cat_ids = {i["id"] for i in cat_model["indicators"]}
    rows, forms = [], {}
    tot = [0, 0, 0, 0]
    with tempfile.TemporaryDirectory() as tmp:
        for seed, rulefile in SEEDS:
            out = os.path.join(tmp, seed.replace(".txt", ".mb"))
            p = subprocess.run([mubiao, "draft", os.path.join(src, "tests", "draft", "seeds", seed),
                                "--catalogue", os.path.join(src, "rules", "catalogue.mb"), "--output", out],
                               capture_output=True, text=True)
            if p.returncode != 0:
                raise SystemExit(f"FAIL: mubiao draft {seed} exited {p.returncode}: {p.stderr}")
            drafted = atoms(model(mubiao, out), cat_ids)
            rules = atoms(model(mubiao, os.path.join(src, "rules", rulefile)), cat_ids)
            mr, right, per_form = compare(drafted, rules)
            for f, (a, b) in per_form.items():
                x = forms.setdefault(f, [0, 0])
                x[0] += a
                x[1] += b
            rows.append(f"| {rulefile[:-3]} | {seed} | {len(rules)} | {len(drafted)} | {mr} | "
                        f"{pct(mr, len(rules))} | {pct(right, len(drafted))} |")
            for i, v in enumerate((len(rules), len(drafted), mr, right)):
                tot[i] += v
            if os.environ.get("MB_DRAFT_VERBOSE"):
                for r in rules:
                    if not any(d["key"] == r["key"] and anchored(d, r) for d in drafted):
                        print("  missed", r["id"], r["key"], r["phrase"], file=sys.stderr)
                for d in drafted:
                    if not any(d["key"] == r["key"] and anchored(d, r) for r in rules):
                        print("  extra ", d["id"], d["key"], d["phrase"], file=sys.stderr)
    lines = ["| plan | seed document | rule targets | drafted | matched | recall | precision |",
             "|---|---|---:|---:|---:|---:|---:|"] + rows
    lines.append(f"| **all** | | **{tot[0]}** | **{tot[1]}** | **{tot[2]}** | **{pct(tot[2], tot[0])}** | "
                 f"**{pct(tot[3], tot[1])}** |")
    lines += ["", "| form (in rules/) | rule targets | matched | recall |", "|---|---:|---:|---:|"]
    for f in sorted(forms, key=lambda f: (-forms[f][1], f)):
        a, b = forms[f]
        lines.append(f"| {f} | {b} | {a} | {pct(a, b)} |")
    table = "\n".join(lines) + "\n"
    print(table, end="")
    doc = os.path.join(src, "docs", "draft.md")
    text = open(doc, encoding="utf-8").read()
    i, j = text.find(BEGIN), text.find(END)
    if i < 0 or j < 0:
        raise SystemExit("FAIL: docs/draft.md has no measure.py markers")
    pinned = text[i + len(BEGIN):j].strip("\n") + "\n"
    if write:
        with open(doc, "w", encoding="utf-8") as f:
            f.write(text[:i + len(BEGIN)] + "\n" + table + text[j:])
        return
    if pinned != table:
        print("FAIL: the table differs from docs/draft.md (lower figures are a regression; higher ones "
              "must be written there: tests/draft/measure.py MUBIAO SOURCE_DIR --write)")
        for a, b in zip(pinned.splitlines(), table.splitlines()):
            if a != b:
                print("  docs/draft.md:", a)
                print("  now:          ", b)
        sys.exit(1)
    print("ok: the table matches docs/draft.md")


if __name__ == "__main__":
    main()
