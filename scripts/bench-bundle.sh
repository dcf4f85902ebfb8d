#!/usr/bin/env bash
# Growth of bundling (issue 24): a document split over files is bundled once per
# target, so time and memory grow with the number of references, not with their
# product. Each kind of document runs at three sizes, each four times the last;
# linear work shows as a ratio near 4 between rows, quadratic near 16. Not a test:
# it prints wall seconds, CPU seconds (user + system: steadier than wall when other
# work shares the machine) and peak MiB (GNU time) of `apigen check` per row.
#
#   headers N   N responses in the document, each referencing the same three
#               headers in another file (headers.yaml#/…): 3·N references, one
#               file read, three components (the document of issue 24, which
#               failed past 2,400 responses before)
#   files N     N operations, each in a file of its own referenced from `paths`
#               and each referencing a shared response file, whose schema is a
#               file too: N + 2 files read, N operations inlined, two components
#
#   scripts/bench-bundle.sh [KIND…]     default: every kind
#
# A run is stopped after BENCH_TIMEOUT seconds (default 120) and shown as `>limit`.
# APIGEN=path runs that binary instead of building the release one.
#
# Needs GNU time (/usr/bin/time; Debian package `time`) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(headers files)
limit=${BENCH_TIMEOUT:-120}
. scripts/bench-common.sh

# spec KIND N FOLDER: writes the document (FOLDER/openapi.yaml and the files it references).
spec() {
  python3 scripts/bench_bundle_spec.py "$1" "$2" "$3"
}

sizes() {
  case $1 in
    headers) echo 2600 10400 41600 ;;
    files) echo 650 2600 10400 ;;
  esac
}

printf '%-8s %6s %7s %9s | %-19s | %7s %7s %6s\n' kind N refs bytes command wall-s cpu-s MiB
for kind in "${kinds[@]}"; do
  for n in $(sizes "$kind"); do
    folder="$work/$kind-$n"
    spec "$kind" "$n" "$folder"
    bytes=$(find "$folder" -type f -exec cat {} + | wc -c)
    refs=$(grep -rho '\$ref' "$folder" | wc -l)
    printf '%-8s %6d %7d %9d | %-19s | %s\n' "$kind" "$n" "$refs" "$bytes" "check --format json" \
      "$(run "$apigen" check --format json "$folder/openapi.yaml")"
  done
done
