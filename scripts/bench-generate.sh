#!/usr/bin/env bash
# Generation time beside openapi-generator, in one run: `apigen generate` of the models
# and the Rust client (`--target client-rust`, which brings the models) and
# openapi-generator's `rust` client (its models included) of the same document, each
# run BENCH_RUNS times in turn (default 5), fresh output folder each time. Prints a
# Markdown table of the medians (by wall time) and apigen's share of
# openapi-generator's wall and CPU time. Not a test.
#
#   scripts/bench-generate.sh [DOC...]
#   default: GitHub's REST description (npm @octokit/openapi, 13 MB)
#   APIGEN=path: the apigen binary to measure (default: the release build, built here)
#
# Wall seconds are what a user waits: apigen renders and formats files on every core, so
# its wall time is below its CPU time on an idle machine. When other jobs share the
# cores, wall seconds vary several-fold; CPU seconds (user + system) and peak memory
# (GNU time's largest resident set) vary little. Pinned tools are installed into
# target/ on first use (scripts/bench-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-tools.sh
source scripts/bench-common.sh
limit=${BENCH_LIMIT:-600}
runs=${BENCH_RUNS:-5}

docs=("$@")
[ ${#docs[@]} -gt 0 ] || docs=("$github_doc")

# median FILE: the line of median wall time among "wall cpu MiB" lines.
median() { sort -n -k1 "$1" | sed -n "$(( ($(wc -l < "$1") + 1) / 2 ))p"; }
# share A B: A / B with three decimals.
share() { printf '%.3f' "$(echo "$1 / $2" | bc -l)"; }
lines_of() { find "$1" -name '*.rs' -print0 | xargs -0 cat | wc -l; }

echo "| document | generator | lines of Rust | wall (s) | CPU (s) | peak memory (MiB) |"
echo "|---|---|---:|---:|---:|---:|"
ratios=()
for doc in "${docs[@]}"; do
  name=$(basename "$doc"); name=${name%.*}
  : > "$work/apigen.runs"; : > "$work/oag.runs"
  for _ in $(seq "$runs"); do
    rm -rf "$work/apigen" "$work/oag"
    run "$apigen" generate "$doc" --out "$work/apigen" --name bench --target client-rust --quiet >> "$work/apigen.runs"
    echo >> "$work/apigen.runs"
    run "${oag[@]}" generate -i "$doc" -g rust -o "$work/oag" --skip-validate-spec \
      --additional-properties=packageName=bench_oag_client >> "$work/oag.runs"
    echo >> "$work/oag.runs"
  done
  # `run` hides output and exit codes: a generator that wrote no Rust failed.
  for g in apigen oag; do
    [ -n "$(find "$work/$g" -name '*.rs' -print -quit 2>/dev/null)" ] || { echo "$name: $g wrote no Rust (it failed)" >&2; exit 1; }
  done
  read -r aw ac am < <(median "$work/apigen.runs")
  read -r ow oc om < <(median "$work/oag.runs")
  echo "| $name | apigen (models, client-rust) | $(lines_of "$work/apigen") | $aw | $ac | $am |"
  echo "| $name | openapi-generator $oag_version (rust) | $(lines_of "$work/oag") | $ow | $oc | $om |"
  ratios+=("$name: apigen takes $(share "$aw" "$ow") of openapi-generator's wall time, $(share "$ac" "$oc") of its CPU time, $(share "$am" "$om") of its peak memory")
done
echo
printf '%s\n' "${ratios[@]}"
