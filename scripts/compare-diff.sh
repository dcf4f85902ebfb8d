#!/usr/bin/env bash
# apigen diff beside Optic on a real pair (docs/diff.md, "Beside oasdiff and Optic"): two published
# versions of GitHub's REST API description (npm @octokit/openapi, ~11 MB of
# JSON and ~1,000 operations each), diffed by `apigen diff` and by
# `optic diff --check` (npm @useoptic/optic, its breaking-changes ruleset).
# Prints, per tool, the operations added and removed, the operations with a
# breaking change, and every operation only one tool flags, with what it says.
# Not a test: it prints a comparison to read.
#
#   scripts/compare-diff.sh [BASE_VERSION] [HEAD_VERSION]    default: 18.0.0 19.0.0
#
# Both tools are installed into target/compare-diff/ on first use (Node.js 20+,
# npm, python3, GNU time). Optic takes minutes and ~2 GB of memory on this pair.
set -euo pipefail
cd "$(dirname "$0")/.."
base_v=${1:-18.0.0}
head_v=${2:-19.0.0}
dir=target/compare-diff
mkdir -p "$dir"
spec() { echo "$dir/octokit-$1/node_modules/@octokit/openapi/generated/api.github.com.json"; }
for v in "$base_v" "$head_v"; do
  [ -f "$(spec "$v")" ] || npm install --prefix "$dir/octokit-$v" --no-audit --no-fund --loglevel=error "@octokit/openapi@$v" >&2
done
optic=$dir/optic/node_modules/.bin/optic
if [ ! -x "$optic" ]; then
  mkdir -p "$dir/optic"
  # Optic 1.0.9 resolves two copies of ajv (8.17 and 8.20); ajv-errors then generates code
  # with one copy's templates for the other's names and Optic fails at start. One copy works.
  cat > "$dir/optic/package.json" <<'JSON'
{ "private": true, "dependencies": { "@useoptic/optic": "1.0.9" }, "overrides": { "ajv": "8.17.1" } }
JSON
  (cd "$dir/optic" && npm install --no-audit --no-fund --loglevel=error) >&2
fi
export OPTIC_TELEMETRY_LEVEL=off
cargo build --quiet --bin apigen
apigen=${APIGEN:-target/debug/apigen}
cp "$(spec "$base_v")" "$dir/base.json"
cp "$(spec "$head_v")" "$dir/head.json"

echo "apigen diff $base_v → $head_v …" >&2
/usr/bin/time -o "$dir/apigen.time" -f '%e %M' "$apigen" diff --format json "$dir/base.json" "$dir/head.json" > "$dir/apigen.json" || true
# Optic's breaking-changes ruleset skips every check when info.version changes its major
# (skip_when_major_version_changes, default true), which @octokit/openapi does with every
# major release: turned off, so both tools judge the same changes.
cat > "$dir/optic-standard.yml" <<'YAML'
ruleset:
  - breaking-changes:
      skip_when_major_version_changes: false
YAML
echo "optic diff --check $base_v → $head_v (minutes) …" >&2
/usr/bin/time -o "$dir/optic.time" -f '%e %M' "$optic" diff "$dir/base.json" "$dir/head.json" --check --standard "$dir/optic-standard.yml" \
  --validation loose > "$dir/optic.txt" 2> "$dir/optic.err" || true

python3 - "$dir" <<'PY'
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
PY
