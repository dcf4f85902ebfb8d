#!/usr/bin/env bash
# Benchmark of `apigen check` (docs/performance.md, "Check"): wall time, CPU time and peak memory on
# a large document, beside a plain serde_json parse of the same file into
# openapiv3::OpenAPI (examples/plain_parse.rs). Not a test: it prints numbers.
#
#   scripts/bench-check.sh [SPEC] [RUNS]     default: tests/corpus/apis-guru/mailchimp.com.json, 7 runs
#
# Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-tests/corpus/apis-guru/mailchimp.com.json}
runs=${2:-7}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet --bin apigen --example plain_parse
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
apigen=target/release/apigen
plain=target/release/examples/plain_parse

# measure NAME CMD...: runs CMD $runs times; prints the median wall seconds,
# median CPU seconds (user+sys) and the largest peak RSS.
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
  printf '%-28s wall %6.3f s   cpu %6.3f s   peak %7.1f MiB\n' "$name" "$wall_med" "$cpu_med" "$(echo "$peak / 1024" | bc -l)"
  eval "${name//[^a-z]/_}_wall=$wall_med"
}

echo "spec: $spec ($(du -h "$spec" | cut -f1)), $runs runs each, median"
measure "plain parse (baseline)" "$plain" "$spec"
measure "apigen check" "$apigen" check --format json --color never "$spec"
printf 'ratio (wall, check / plain parse): %.2fx\n' "$(echo "$apigen_check_wall / $plain_parse__baseline__wall" | bc -l)"
