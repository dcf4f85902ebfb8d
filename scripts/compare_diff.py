#!/usr/bin/env python3
"""Compares apigen diff with Optic on the reports scripts/compare-diff.sh wrote into DIR:
the operations each calls added, removed and broken. Usage: compare_diff.py DIR
"""
import json, re, sys, os
from collections import Counter, defaultdict
d = sys.argv[1]
report = json.load(open(f"{d}/apigen.json"))
changes = [c for c in report["changes"] if c["operation"]]
a_added = {c["operation"] for c in changes if c["id"] == "operation-added"}
a_removed = {c["operation"] for c in changes if c["id"] == "operation-removed"}
a_breaking = defaultdict(list)
for c in changes:
    if c["kind"] == "breaking":
        a_breaking[c["operation"]].append(c["id"])

op_line = re.compile(r"^(?:x|✔|✖)\s+((?:GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) \S+):\s*(added|removed)?")
fail_line = re.compile(r"^\s+(?:x|✖) \[(.+?)\] (.*)")
def optic(path):
    added, removed, failing, current, checks = set(), set(), defaultdict(list), None, None
    for line in open(path, encoding="utf-8"):
        m = op_line.match(line)
        if m:
            current = m.group(1)
            if m.group(2) == "added": added.add(current)
            if m.group(2) == "removed": removed.add(current)
            continue
        m = fail_line.match(line)
        if m and current:
            failing[current].append(m.group(1))
        m = re.search(r"Checks: (\d+)/(\d+) passed", line)
        if m: checks = (int(m.group(1)), int(m.group(2)))
    return added, removed, failing, checks

def secs(name):
    p = f"{d}/{name}.time"
    if not os.path.exists(p): return "-"
    wall, rss = open(p).read().split()[-2:]
    return f"{float(wall):.1f} s, {int(rss)/1024:.0f} MiB"

o_added, o_removed, o_failing, o_checks = optic(f"{d}/optic.txt")
print(f"{'':44} {'apigen diff':>14} {'optic diff --check':>20}")
print(f"{'time, peak memory':44} {secs('apigen'):>14} {secs('optic'):>20}")
print(f"{'operations added':44} {len(a_added):>14} {len(o_added):>20}")
print(f"{'operations removed':44} {len(a_removed):>14} {len(o_removed):>20}")
print(f"{'operations with a breaking change':44} {len(a_breaking):>14} {len(o_failing):>20}")
print(f"{'checks run (optic: passed/total)':44} {'':>14} {str(o_checks) if o_checks else 'none printed':>20}")
print(f"added: same set {a_added == o_added}; removed: same set {a_removed == o_removed}")
o_fail = o_failing
print("\nbreaking, per operation:")
both = sorted(set(a_breaking) & set(o_fail))
only_a = sorted(set(a_breaking) - set(o_fail))
only_o = sorted(set(o_fail) - set(a_breaking))
print(f"  flagged by both: {len(both)}   only apigen: {len(only_a)}   only optic: {len(only_o)}")
print("  apigen's breaking checks:", dict(Counter(i for ids in a_breaking.values() for i in set(ids)).most_common()))
print("  optic's failing rules:", dict(Counter(r for rs in o_fail.values() for r in set(rs)).most_common()))
for title, ops, source in [("only apigen", only_a, a_breaking), ("only optic", only_o, o_fail)]:
    print(f"\n{title}:")
    for op in ops:
        print(f"  {op}: {', '.join(sorted(set(source[op])))}")
