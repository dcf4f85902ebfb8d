#!/usr/bin/env bash
# Benchmark of `apigen diff` (docs/performance.md, "Diff"): wall time, CPU time and peak memory of
# diffing two published versions of GitHub's REST API description (npm
# @octokit/openapi, ~11 MB of JSON each, ~1,000 operations), beside one
# `apigen check` of the head version. The goal: a diff takes at most twice the
# time of one check. Not a test: it prints numbers.
#
#   scripts/bench-diff.sh [BASE_VERSION] [HEAD_VERSION] [RUNS]   default: 18.0.0 19.0.0, 5 runs
#
# The two versions are installed from npm into target/compare-diff/ on first use
# (shared with scripts/compare-diff.sh). Needs GNU time (/usr/bin/time) and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
base_v=${1:-18.0.0}
head_v=${2:-19.0.0}
runs=${3:-5}
dir=target/compare-diff
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
spec() { echo "$dir/octokit-$1/node_modules/@octokit/openapi/generated/api.github.com.json"; }
for v in "$base_v" "$head_v"; do
  [ -f "$(spec "$v")" ] || npm install --prefix "$dir/octokit-$v" --no-audit --no-fund --loglevel=error "@octokit/openapi@$v" >&2
done
cargo build --release --quiet --bin apigen
apigen=target/release/apigen
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# measure NAME CMD...: runs CMD $runs times; prints median wall and CPU seconds and the largest peak RSS.
measure() {
  local name=$1; shift
  local walls=() cpus=() peak=0
  for _ in $(seq "$runs"); do
    /usr/bin/time -o "$tmp" -f '%e %U %S %M' "$@" >/dev/null 2>&1 || true
    read -r wall user sys rss < <(tail -1 "$tmp")
    walls+=("$wall"); cpus+=("$(echo "$user + $sys" | bc)")
    (( rss > peak )) && peak=$rss
  done
  local wall_med cpu_med
  wall_med=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  cpu_med=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  printf '%-34s wall %6.3f s   cpu %6.3f s   peak %7.1f MiB\n' "$name" "$wall_med" "$cpu_med" "$(echo "$peak / 1024" | bc -l)"
  eval "${name//[^a-z]/_}_wall=$wall_med"
}

echo "base: @octokit/openapi $base_v, head: $head_v ($(du -h "$(spec "$head_v")" | cut -f1) each), $runs runs each, median"
measure "apigen check (head)" "$apigen" check --format json --color never "$(spec "$head_v")"
measure "apigen diff (base, head)" "$apigen" diff --format json --color never "$(spec "$base_v")" "$(spec "$head_v")"
printf 'ratio (wall, diff / check): %.2fx (goal: at most 2x)\n' "$(echo "$apigen_diff__base__head__wall / $apigen_check__head__wall" | bc -l)"
