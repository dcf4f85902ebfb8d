#!/usr/bin/env bash
# Runs apigen check, Spectral (ruleset `spectral:oas`) and Redocly CLI (ruleset
# `recommended`) on every document of tests/corpus/ and prints, per document, the
# structural defects an anchor linter reports that apigen does not, minus the
# documented deliberate differences below (each with its reason). Last line:
# `N passed, N failed` (a document passes when nothing is missing); exit 1 on failures.
#
# The linters are installed from npm into target/linters/ on first use (Node.js 20+).
# Usage: scripts/compare-linters.sh [DOCUMENT…]   (default: every corpus document)
#        VERBOSE=1 scripts/compare-linters.sh     (also list what was matched and skipped)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/target/linters"
out="$tools/out"
spectral_version=6.16.3
redocly_version=2.77.0

mkdir -p "$out"
if [[ ! -x "$tools/node_modules/.bin/spectral" || ! -x "$tools/node_modules/.bin/redocly" ]]; then
  echo "installing @stoplight/spectral-cli@$spectral_version and @redocly/cli@$redocly_version into target/linters/" >&2
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error \
    "@stoplight/spectral-cli@$spectral_version" "@redocly/cli@$redocly_version" >&2
fi
printf 'extends: ["spectral:oas"]\n' > "$tools/spectral.yaml"

cargo build --quiet --manifest-path "$root/Cargo.toml" --bin apigen
apigen="$root/target/debug/apigen"

if [[ $# -gt 0 ]]; then docs=("$@"); else docs=("$root"/tests/corpus/*/*.json "$root"/tests/corpus/*/*.yaml); fi

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1 APIGEN_TODAY=2026-12-01
for doc in "${docs[@]}"; do
  name=$(basename "$doc")
  # REUSE=1: keep the anchors' reports of an earlier run (they take most of the time).
  if [[ "${REUSE:-}" == 1 && -s "$out/$name.spectral.json" && -s "$out/$name.redocly.json" ]]; then
    "$apigen" check --quiet --format json "$doc" > "$out/$name.apigen.json" 2> "$out/$name.apigen.err" || true
    continue
  fi
  "$apigen" check --quiet --format json "$doc" > "$out/$name.apigen.json" 2> "$out/$name.apigen.err" || true
  "$tools/node_modules/.bin/spectral" lint -q -r "$tools/spectral.yaml" -f json "$doc" > "$out/$name.spectral.json" 2> "$out/$name.spectral.err" || true
  "$tools/node_modules/.bin/redocly" lint --extends recommended --format json "$doc" > "$out/$name.redocly.json" 2> "$out/$name.redocly.err" || true
done

python3 "$root/scripts/compare_linters.py" "$out" "${docs[@]}"
