#!/usr/bin/env python3
"""gen_split.py SEED OUT — a CSV submission of about 18 MB for tests/hostile/_rules.mb, large
enough to be read on two threads, with what makes the two-thread merge hard placed on both
sides of the middle: rows for one region, indicator and year in both halves (same values and
different ones), duplicates and conflicts within each half, bad values, unknown indicators,
part-of data checks (c > b), and regions that first appear in the second half.

SEED 0 keeps every region, indicator and year to one half (the halves can be merged);
other seeds mix them. The output is the same for the same SEED."""
import random
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(seed)
inds = [("a", "%", ["2.4", "2.5", "2.6", "150"]), ("b", "家", ["9", "10", "11", "10.5"]),
        ("c", "家", ["1", "2", "12"]), ("e", "亿元", ["1", "1.1", "1.21"]),
        ("f", "万元", ["5000", "6000", "-1"]), ("g", "亿亿亿亿元", ["1", "0.5"])]
years = range(2016, 2021)


def row(region):
    ind, unit, values = rnd.choice(inds)
    value = rnd.choice(values) if rnd.random() > 0.01 else rnd.choice(["x", "1e3", ""])
    return f"{region},{ind},{rnd.choice(years)},{value},{unit}\n"


def half(regions, rows):
    return [row(rnd.choice(regions)) for _ in range(rows)]


filler = "Z,unused,2018,1,% filler to pass 16 MiB\n"
first_regions = [f"r{i}" for i in range(300)]
second_regions = first_regions if seed else [f"s{i}" for i in range(300)]
second_regions = second_regions + [f"n{i}" for i in range(50)]
with open(out, "w", encoding="utf-8") as f:
    f.write("region,indicator,period,value,unit\n")
    f.writelines(half(first_regions, 3000))
    f.writelines([filler] * 440000)
    f.writelines(half(second_regions, 3000))
