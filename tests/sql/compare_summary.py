#!/usr/bin/env python3
"""compare_summary.py EVAL.csv RUN.csv — `eval --format summary` against `sql --run --format
summary`: the same rules in the same order; for a rule the database settled entirely (no
borderline, no unsupported) every count equals eval's; for one it did not, the counts of the
two statuses plus the others add up to eval's total for the rule and no status has more verdicts
than eval's. Exit 0 when so, 1 otherwise (differences printed)."""
import csv
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def main():
    (eh, ev), (rh, rn) = read(sys.argv[1]), read(sys.argv[2])
    bad = 0
    if rh[:len(eh)] != eh or rh[len(eh):] != ["borderline", "unsupported"]:
        print(f"header: eval {eh}, run {rh}")
        return 1
    if [r[0] for r in ev] != [r[0] for r in rn]:
        print("the rules differ or come in another order")
        return 1
    for e, r in zip(ev, rn):
        ec, rc = [int(x) for x in e[1:]], [int(x) for x in r[1:]]
        open_ = rc[len(ec)] + rc[len(ec) + 1]
        if open_ == 0 and ec != rc[:len(ec)]:
            print(f"{e[0]}: eval {ec}, run {rc}")
            bad += 1
        elif open_ and (sum(ec) != sum(rc) or any(a > b for a, b in zip(rc, ec))):
            print(f"{e[0]}: eval {ec}, run {rc} (with {open_} left to eval)")
            bad += 1
    print(f"{len(ev)} rules' counts compared, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
