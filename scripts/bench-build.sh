#!/usr/bin/env bash
# Size and build time of generated Rust: for each document, the time and peak
# memory of `apigen generate`, the lines it writes and the `cargo check` seconds
# and peak memory of its
# crates (models alone, models + client-rust, models + server-axum, and the client
# and the server alone with the models already checked: what each adds), beside
# openapi-generator's `rust` client for the same document, generated and
# checked the same way. Not a test: it prints a Markdown table.
#
#   scripts/bench-build.sh [DOC...]
#   default: mailchimp (tests/corpus/) and GitHub's REST description
#            (npm @octokit/openapi, generated/api.github.com.json)
#   BENCH_RUNS: measured checks of each row (default 3); the row shows the median.
#
# The crates are checked in a workspace that shares this repository's target/:
# a first check builds the dependencies, then each measured check (after touching
# the sources of the crates measured) is the crates' own.
# Incremental compilation is off, as in CI: with it on, the measured check
# reused the first check's results for the unchanged sources.
# CPU seconds (user + system of cargo and rustc) vary less than wall seconds
# when other jobs share the cores. Peak memory is GNU time's largest process
# (rustc). Pinned tools, installed
# into target/ on first use: openapi-generator-cli from PyPI (OPENAPI_GENERATOR_VERSION,
# needs Java 11+) and @octokit/openapi from npm (OCTOKIT_OPENAPI_VERSION).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
export CARGO_TARGET_DIR="$root/target" CARGO_TERM_COLOR=never CARGO_INCREMENTAL=0

work=target/bench-build
mkdir -p "$work"

source scripts/bench-tools.sh

docs=("$@")
if [ ${#docs[@]} -eq 0 ]; then
  docs=(tests/corpus/apis-guru/mailchimp.com.json "$github_doc")
fi

cargo build --release --quiet --locked --bin apigen
cp target/release/apigen "$work/apigen-under-test"
apigen="$work/apigen-under-test"

lines_of() { find "$@" -name '*.rs' -print0 | xargs -0 cat | wc -l; }

# check_crates DIR NAME TOUCHED CRATE...: a workspace of the crates in DIR; builds the
# dependencies, then BENCH_RUNS times (default 3) touches the sources of the crates
# named in TOUCHED and checks again; prints the run of median CPU time as "seconds
# cpu_seconds peak_MiB verdict" (verdict: "compiles", or how many errors the check reported).
check_crates() {
  local dir=$1 name=$2 touched=$3; shift 3
  local members
  members=$(printf '"%s",' "$@")
  printf '[workspace]\nmembers = [%s]\nresolver = "2"\n' "${members%,}" > "$dir/Cargo.toml"
  cp -n Cargo.lock "$dir/Cargo.lock" 2>/dev/null || true
  (cd "$dir" && cargo check --workspace --quiet 2>"$root/$work/$name.deps.log") || true
  local verdict=compiles run
  : > "$root/$work/$name.runs"
  for run in $(seq "${BENCH_RUNS:-3}"); do
    for c in $touched; do find "$dir/$c" -name '*.rs' -exec touch {} +; done
    (cd "$dir" && /usr/bin/time -o "$root/$work/$name.time" -f '%e %U %S %M' cargo check --workspace --quiet 2>"$root/$work/$name.log") \
      || verdict="$(grep -c '^error\[' "$root/$work/$name.log") errors"
    read -r secs user sys kib < <(tail -1 "$root/$work/$name.time")
    printf '%s %.2f %.0f\n' "$secs" "$(echo "$user + $sys" | bc)" "$(echo "$kib / 1024" | bc -l)" >> "$root/$work/$name.runs"
  done
  read -r secs cpu mib < <(sort -n -k2 "$root/$work/$name.runs" | sed -n "$(( (${BENCH_RUNS:-3} + 1) / 2 ))p")
  printf '%s %s %s %s\n' "$secs" "$cpu" "$mib" "$verdict"
}

summary=()
echo "| document | generator | crates | lines of Rust | cargo check (s) | CPU (s) | peak memory (MiB) | result |"
echo "|---|---|---|---:|---:|---:|---:|---|"
for doc in "${docs[@]}"; do
  name=$(basename "$doc"); name=${name%.*}; name=${name//[^A-Za-z0-9]/-}
  out="$work/$name"
  rm -rf "$out"
  mkdir -p "$out/apigen" "$out/openapi-generator"

  /usr/bin/time -o "$work/$name.generate.time" -f '%e %M' \
    "$apigen" generate "$doc" --out "$out/apigen" --name bench --target models --target client-rust --target server-axum --quiet
  read -r secs kib < "$work/$name.generate.time"
  generated="$name: apigen generate (models, client-rust, server-axum) $secs s, $(echo "$kib / 1024" | bc) MiB peak"
  summary+=("$generated")
  read -r s c m v < <(check_crates "$out/apigen" "$name-apigen-models" bench-models bench-models)
  echo "| $name | apigen | models | $(lines_of "$out/apigen/bench-models") | $s | $c | $m | $v |"
  for crate in client server; do
    read -r s c m v < <(check_crates "$out/apigen" "$name-apigen-$crate" "bench-models bench-$crate" bench-models "bench-$crate")
    echo "| $name | apigen | models + $crate | $(lines_of "$out/apigen/bench-models" "$out/apigen/bench-$crate") | $s | $c | $m | $v |"
    # What the crate adds: its own check, the models already checked.
    read -r s c m v < <(check_crates "$out/apigen" "$name-apigen-$crate-alone" "bench-$crate" bench-models "bench-$crate")
    echo "| $name | apigen | $crate alone (models checked) | $(lines_of "$out/apigen/bench-$crate") | $s | $c | $m | $v |"
  done

  "${oag[@]}" generate -i "$doc" -g rust -o "$out/openapi-generator/client" \
    --skip-validate-spec --additional-properties=packageName=bench_oag_client >"$work/$name-oag.log" 2>&1 \
    || { echo "openapi-generator failed: $work/$name-oag.log" >&2; continue; }
  read -r s c m v < <(check_crates "$out/openapi-generator" "$name-oag" client client)
  echo "| $name | openapi-generator $oag_version | client | $(lines_of "$out/openapi-generator/client") | $s | $c | $m | $v |"
done
echo
printf '%s\n' "${summary[@]}"
