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

python3 scripts/compare_diff.py "$dir"
