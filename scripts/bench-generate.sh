#!/usr/bin/env bash
# Benchmark of `apigen generate` (issue 3): wall time and peak memory of
# generating crates for a large document, and the `cargo check` time of the
# generated crates (dependencies already built, so the number is the crates' own).
#
#   scripts/bench-generate.sh [SPEC] [TARGETS]
#   default: tests/corpus/apis-guru/mailchimp.com.json "models client-rust"
#
# Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
spec=${1:-tests/corpus/apis-guru/mailchimp.com.json}
targets=${2:-models client-rust}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet --bin apigen

work=target/bench-generate
rm -rf "$work"
mkdir -p "$work"
args=()
for t in $targets; do args+=(--target "$t"); done

/usr/bin/time -o "$work/time.txt" -f '%e %M' target/release/apigen generate "$spec" --out "$work/out" --name bench "${args[@]}" --quiet
read -r wall rss < "$work/time.txt"
lines=$(find "$work/out" -name '*.rs' -exec cat {} + | wc -l)
printf 'generate %s (%s): wall %.2f s, peak %.1f MiB, %s lines of Rust\n' "$(basename "$spec")" "$targets" "$wall" "$(echo "$rss / 1024" | bc -l)" "$lines"

# A workspace of the generated crates that shares this repository's target/ and lock file.
members=$(cd "$work/out" && ls -d */ | sed 's#/$##' | sed 's/.*/"&"/' | paste -sd, -)
printf '[workspace]\nmembers = [%s]\nresolver = "2"\n' "$members" > "$work/out/Cargo.toml"
cp Cargo.lock "$work/out/Cargo.lock"
export CARGO_TARGET_DIR="$PWD/target"
(cd "$work/out" && cargo check --workspace --quiet)            # builds the dependencies once
find "$work/out" -name lib.rs -exec touch {} +
start=$(date +%s.%N)
(cd "$work/out" && cargo check --workspace --quiet)
end=$(date +%s.%N)
printf 'cargo check of the generated crates (dependencies built): %.1f s\n' "$(echo "$end - $start" | bc -l)"
