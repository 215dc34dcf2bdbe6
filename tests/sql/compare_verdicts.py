#!/usr/bin/env python3
"""compare_verdicts.py EVAL.csv SQL.csv [--all] — the verdicts a compiled SQL script computed
against `mubiao eval --format csv`, verdict for verdict: the same (plan, region, rule, year)
keys, and for each the same status, actual, actual_period, target, gap, indicator, unit,
category, owners, label and phrase, as text. Rows the
script marks 'unsupported' or 'borderline' are left to eval and counted; with --all there
must be none. A rule the script bounds (detail 'bounded: …': its factor has more decimals than
the dialect's products keep) shows a rounded target: target and gap are compared as numbers,
within a millionth of the target, and counted; everything else exactly. Exit 0 when everything compared is equal, 1 otherwise (differences printed)."""
import csv
import sys
from decimal import Decimal

COLS = ["status", "actual", "actual_period", "target", "gap", "indicator", "unit", "category", "owners", "label",
        "phrase"]


def read(path):
    rows = {}
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            key = (r["plan"], r["region"], r["rule"], r["year"])
            if key in rows:
                sys.exit(f"{path}: verdict {key} twice")
            rows[key] = r
    return rows


def close(a, b, target):
    if not a or not b:
        return a == b
    return abs(Decimal(a) - Decimal(b)) <= Decimal("1e-6") * max(Decimal(1), abs(Decimal(target)))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    need_all = "--all" in sys.argv
    ev, sq = read(args[0]), read(args[1])
    bad = 0
    for k in sorted(set(ev) ^ set(sq)):
        print(f"only in {'eval' if k in ev else 'sql'}: {k}")
        bad += 1
    left = compared = rounded = 0
    for k in sorted(set(ev) & set(sq)):
        if sq[k]["status"] in ("unsupported", "borderline"):
            left += 1
            continue
        compared += 1
        near = (sq[k].get("detail") or "").startswith("bounded")
        rounded += near
        for c in COLS:
            if near and c in ("target", "gap") and close(ev[k][c], sq[k][c], ev[k]["target"]):
                continue
            if ev[k][c] != sq[k][c]:
                print(f"{k} {c}: eval {ev[k][c]!r}, sql {sq[k][c]!r}")
                bad += 1
    if need_all and left:
        print(f"{left} verdicts left to eval (unsupported or borderline), --all wants none")
        bad += 1
    if not compared:
        print("no verdict compared")
        bad += 1
    print(f"{compared} verdicts equal ({rounded} with a rounded target), {left} left to eval, {bad} differences")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
