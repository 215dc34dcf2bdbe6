#!/usr/bin/env python3
"""to_observations.py IN.csv OUT.csv — a submission as the observations table the compiled SQL
reads: region, indicator, period, value, unit. A value that is not a plain decimal is left
empty (NULL), as a loader that cannot read it would; the script then treats the row as
rejected, as eval does."""
import csv
import re
import sys

PLAIN = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")

with open(sys.argv[1], newline="", encoding="utf-8-sig") as f, open(sys.argv[2], "w", newline="", encoding="utf-8") as o:
    w = csv.writer(o, lineterminator="\n")
    w.writerow(["region", "indicator", "period", "value", "unit"])
    for r in csv.DictReader(f):
        v = (r.get("value") or "").strip()
        w.writerow([r.get("region") or "", r.get("indicator") or "", r.get("period") or "",
                    v if PLAIN.match(v) else "", r.get("unit") or ""])
