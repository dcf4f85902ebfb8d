#!/usr/bin/env bash
# Growth of apigen's work on hostile documents (docs/security.md; tables in docs/performance.md). Each kind of
# document is run at three sizes; linear work shows as a time ratio near the
# size ratio between rows, quadratic work near its square. Not a test: it
# prints wall seconds, CPU seconds (user + system: steadier than wall when
# other work shares the machine) and peak MiB (GNU time) per row.
#
#   enum N      an enum of N values                     check, generate
#   list N      a single-line flow list of N items      check, generate
#   fanout N    N schemas, each `anyOf` the next twice  diff of the document with itself
#   allof N     a chain of N `allOf` schemas            generate --target models
#   allofprops N  the same, each link adding a property  generate --target models
#               (the merged models would hold N²/2 properties: past 50,000 and 32 per
#               declared property, generate refuses with generate-size-limit)
#   oneline N   a one-line JSON document, N findings    check (human report)
#   patterns N  N distinct heavy `pattern`s             check
#
#   scripts/bench-untrusted.sh [KIND…]     default: every kind
#
# Sizes are fixed per kind; the largest is the size named in the report that
# found the blow-up (fan-out 7 KB, allOf 1,000, one line 8 MB with 1,400
# findings, 500 patterns in 40 KB). A run is stopped after BENCH_TIMEOUT
# seconds (default 120) and shown as `>limit`. APIGEN=path runs that binary
# instead of building the release one (e.g. to measure an older build).
#
# Needs GNU time (/usr/bin/time; Debian package `time`) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(enum list fanout allof allofprops oneline patterns)
limit=${BENCH_TIMEOUT:-120}
. scripts/bench-common.sh

sizes() {
  case $1 in
    enum | list) echo 10000 30000 100000 ;;
    fanout) echo 70 700 7000 ;;
    allof) echo 250 500 1000 ;;
    allofprops) echo 250 500 1000 ;;
    oneline) echo 350 700 1400 ;;
    patterns) echo 125 250 500 ;;
  esac
}

# spec KIND N FILE: writes the document.
spec() {
  python3 scripts/bench_untrusted_spec.py "$1" "$2" "$3"
}

printf '%-9s %7s %9s | %-24s | %7s %7s %6s\n' kind N bytes command wall-s cpu-s MiB
for kind in "${kinds[@]}"; do
  for n in $(sizes "$kind"); do
    ext=json
    case $kind in enum | list) ext=yaml ;; esac
    file="$work/$kind-$n.$ext"
    spec "$kind" "$n" "$file"
    bytes=$(wc -c < "$file")
    case $kind in
      enum | list)
        printf '%-9s %7d %9d | %-24s | %s\n' "$kind" "$n" "$bytes" "check --format json" "$(run "$apigen" check --format json "$file")"
        printf '%-9s %7d %9d | %-24s | %s\n' "$kind" "$n" "$bytes" "generate" "$(run "$apigen" generate "$file" --out "$work/out-$kind-$n")" ;;
      fanout)
        printf '%-9s %7d %9d | %-24s | %s\n' "$kind" "$n" "$bytes" "diff (itself)" "$(run "$apigen" diff "$file" "$file")" ;;
      allof | allofprops)
        printf '%-9s %7d %9d | %-24s | %s\n' "$kind" "$n" "$bytes" "generate --target models" "$(run "$apigen" generate "$file" --target models --out "$work/out-$kind-$n")" ;;
      oneline | patterns)
        printf '%-9s %7d %9d | %-24s | %s\n' "$kind" "$n" "$bytes" "check" "$(run "$apigen" check "$file")" ;;
    esac
  done
done
