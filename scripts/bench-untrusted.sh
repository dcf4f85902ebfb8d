#!/usr/bin/env bash
# Growth of `apigen check` and `apigen generate` on hostile sizes (README
# "Security"): an enum of N values and a single-line flow list of N items, for
# N from 10,000 to 100,000. Linear work shows as a time ratio near the size
# ratio (10x) between the first and last row; quadratic work shows near 100x.
# Not a test: it prints numbers.
#
#   scripts/bench-untrusted.sh [SIZES…]     default: 10000 20000 50000 100000
#
# Needs GNU time (/usr/bin/time; Debian package `time`).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 20000 50000 100000)
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet --bin apigen
apigen=$PWD/target/release/apigen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# spec KIND N: writes an OpenAPI document with one long enum or one long example list.
spec() {
  python3 - "$1" "$2" "$work/$1-$2.yaml" <<'PY'
import sys
kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
head = "openapi: 3.0.3\ninfo: {title: Long, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n"
if kind == "enum":
    body = "    E: {type: string, description: Many., enum: [%s]}\n" % ", ".join(f"v{i}" for i in range(n))
else:
    body = "    L: {type: array, description: Many., items: {type: integer}, example: [%s]}\n" % ", ".join(str(i) for i in range(n))
open(path, "w").write(head + body)
PY
}

# run CMD…: prints "seconds peak-MiB" of one run.
run() {
  /usr/bin/time -o "$work/time" -f '%e %M' "$@" >/dev/null 2>&1 || true
  read -r wall rss < "$work/time"
  printf '%7.2f %7d' "$wall" "$((rss / 1024))"
}

printf '%-6s %8s | %15s | %15s\n' kind N "check s / MiB" "generate s / MiB"
for kind in enum list; do
  for n in "${sizes[@]}"; do
    spec "$kind" "$n"
    file="$work/$kind-$n.yaml"
    printf '%-6s %8d | %s | %s\n' "$kind" "$n" \
      "$(run "$apigen" check --format json "$file")" \
      "$(run "$apigen" generate "$file" --out "$work/out-$kind-$n")"
  done
done
