#!/usr/bin/env python3
"""Write a rule file with N targets (default 10,000) over N/100 indicators, using the common
target forms, for timing `mubiao check` on a large file.

usage: gen_rules.py [N] > FILE.mb
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
ninds = max(1, n // 100)
out = ["# Generated: %d targets over %d indicators." % (n, ninds),
       "plan generated {", '  name "generated plan"', "  base 2015", "  deadline 2018, 2019, 2020", "}"]
for i in range(ninds):
    unit = ["%", "家", "亿元", "件"][i % 4]
    way = "lower" if i % 7 == 0 else "higher"
    out.append(f'indicator ind{i:04d} "指标{i:04d}" unit {unit} {way} category "类别{i % 5}" owner "单位{i % 9}";')
# Values are chosen so that no two targets contradict each other (the checker would say so):
# floors up to 90 and ceilings from 200, a band around 100, an interval of 0..1000.
forms = [
    lambda t, i, u: f"ind{i:04d} {'<=' if i % 7 == 0 else '>='} {200 + t % 90 if i % 7 == 0 else t % 90 + 1}{u} by {2018 + t % 3}",
    lambda t, i, u: f"ind{i:04d} about 100{u} within 50% by 2020",
    lambda t, i, u: f"ind{i:04d} between 0{u} and 1000{u} by 2019",
    lambda t, i, u: f"ind{i:04d} rises every year 2016..2020" if i % 7 else f"ind{i:04d} falls every year 2016..2020",
    lambda t, i, u: f"ind{i:04d} annual growth >= {t % 20}% from 2015 by 2020",
]
for t in range(n):
    i = t % ninds
    u = ["%", " 家", " 亿元", " 件"][i % 4]
    body = forms[(t // ninds) % len(forms)](t, i, u)
    # the same indicator gets several compare targets: keep them in different years or forms
    out.append(f'target T{t:05d} "目标{t}": {body} phrase "第{t}项目标";')
print("\n".join(out))
