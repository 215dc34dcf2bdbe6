#!/usr/bin/env python3
"""Independent reference for the benchmark workload: the 20 rules of workload.md evaluated
with exact fractions, printing the same per-rule counts as `mubiao eval --format summary`
(met, missed, no-data columns). Used by the test suite to pin the 1k-region counts.

usage: reference.py DATA.csv
"""
import csv
import sys
from fractions import Fraction as F


def load(path):
    vals = {}
    with open(path, newline="") as f:
        r = csv.reader(f)
        next(r)
        for region, ind, period, value in r:
            vals[(region, ind, int(period))] = F(value)
    regions = sorted({k[0] for k in vals}, key=lambda s: s)
    return vals, regions


def main():
    vals, regions = load(sys.argv[1])

    def v(reg, ind, y):
        return vals.get((reg, ind, y))

    def cmp(x, ok):
        return "no-data" if x is None else ("met" if ok(x) else "missed")

    def two(a, b, ok):
        return "no-data" if a is None or b is None else ("met" if ok(a, b) else "missed")

    def rises(reg):
        xs = [v(reg, "digital_share", y) for y in range(2016, 2021)]
        known = [x for x in xs if x is not None]
        if any(b <= a for a, b in zip(known, known[1:])):
            return "missed"
        return "met" if len(known) == len(xs) else "no-data"

    def about(x, c, pct):  # R13-R15 are written two-sided: |x - c| <= pct% of c
        return cmp(x, lambda x: abs(x - c) <= abs(c) * F(pct) / 100)

    rules = {
        "R01": lambda g: cmp(v(g, "rd_gdp", 2018), lambda x: x >= F("2.74")),
        "R02": lambda g: cmp(v(g, "hte_count", 2018), lambda x: x >= 1200),
        "R03": lambda g: cmp(v(g, "rd_gdp", 2018), lambda x: x >= F("5.1")),
        "R04": lambda g: cmp(v(g, "rd_gdp", 2019), lambda x: x >= F("5.3")),
        "R05": lambda g: cmp(v(g, "rd_gdp", 2020), lambda x: x >= F("5.5")),
        "R06": lambda g: cmp(v(g, "national_rank", 2020), lambda x: x <= 49),
        "R07": lambda g: cmp(v(g, "energy_per_gdp", 2015), lambda x: x <= F("0.5")),
        "R08": lambda g: two(v(g, "hte_count", 2015), v(g, "hte_count", 2013), lambda a, b: a >= 2 * b),
        "R09": lambda g: two(v(g, "co2_per_gdp", 2020), v(g, "co2_per_gdp", 2016), lambda a, b: a <= F("0.8") * b),
        "R10": lambda g: two(v(g, "overseas_talent", 2020), v(g, "overseas_talent", 2016),
                             lambda a, b: a >= b * F("1.15") ** 4),
        "R11": rises,
        "R12": lambda g: cmp(v(g, "new_parks", 2018), lambda x: 1 <= x <= 2),
        "R13": lambda g: about(v(g, "patents_per_10k", 2020), 30, 5),
        "R14": lambda g: about(v(g, "researchers_per_10k", 2020), 60, 5),
        "R15": lambda g: about(v(g, "fiscal_sci_share", 2020), 5, 5),
        "R16": lambda g: cmp(v(g, "tech_contract_value", 2020), lambda x: x >= 500),
        "R17": lambda g: cmp(v(g, "hitech_output_share", 2020), lambda x: x >= 45),
        "R18": lambda g: cmp(v(g, "pm25", 2020), lambda x: x <= 35),
        "R19": lambda g: two(v(g, "venture_capital", 2020), v(g, "venture_capital", 2015),
                             lambda a, b: a >= F("1.5") * b),
        "R20": lambda g: cmp(v(g, "key_labs", 2020), lambda x: x >= 100),
    }
    print("rule,met,missed,no-data")
    for rid, fn in rules.items():
        c = {"met": 0, "missed": 0, "no-data": 0}
        for g in regions:
            c[fn(g)] += 1
        print(f"{rid},{c['met']},{c['missed']},{c['no-data']}")


if __name__ == "__main__":
    main()
