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
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if kind in ("enum", "list"):
    head = "openapi: 3.0.3\ninfo: {title: Long, version: 1.0.0}\npaths: {}\ncomponents:\n  schemas:\n"
    if kind == "enum":
        body = "    E: {type: string, description: Many., enum: [%s]}\n" % ", ".join(f"v{i}" for i in range(n))
    else:
        body = "    L: {type: array, description: Many., items: {type: integer}, example: [%s]}\n" % ", ".join(str(i) for i in range(n))
    open(path, "w").write(head + body)
    sys.exit()
ref = lambda name: {"$ref": f"#/components/schemas/{name}"}
body = {"application/json": {"schema": ref("S0")}}
doc = {
    "openapi": "3.0.3",
    "info": {"title": "Hostile", "version": "1.0.0", "contact": {"name": "Team"}},
    "paths": {"/things": {
        "get": {"operationId": "get_thing", "responses": {"200": {"description": "The thing.", "content": body}}},
        "post": {"operationId": "put_thing", "requestBody": {"content": body}, "responses": {"204": {"description": "Stored."}}},
    }},
    "components": {"schemas": {}},
}
s = doc["components"]["schemas"]
if kind == "fanout":
    # 2^N paths from S0 to the last schema.
    for i in range(n):
        s[f"S{i}"] = {"anyOf": [ref(f"S{i+1}"), ref(f"S{i+1}")]}
    s[f"S{n}"] = {"type": "object", "properties": {"v": {"type": "string"}}}
elif kind == "allof":
    # S0 merges the whole chain; each link adds nothing of its own, so the models stay linear.
    for i in range(n):
        s[f"S{i}"] = {"description": f"Link {i}.", "allOf": [ref(f"S{i+1}"), {"description": "A link."}]}
    s[f"S{n}"] = {"type": "object", "properties": {"last": {"type": "string"}}}
elif kind == "allofprops":
    # Each link adds a property: S{i} holds N - i + 1 of them.
    for i in range(n):
        s[f"S{i}"] = {"allOf": [ref(f"S{i+1}"), {"type": "object", "properties": {f"p{i}": {"type": "string"}}}]}
    s[f"S{n}"] = {"type": "object", "properties": {"last": {"type": "string"}}}
elif kind == "oneline":
    # Two findings per schema (a camelCase property, an unused component), padded to 8 MB at 1,400.
    for i in range(n // 2):
        s[f"U{i}"] = {"type": "object", "description": "x" * 11400, "properties": {f"badName{i}": {"type": "string"}}}
    s["S0"] = {"type": "string"}
elif kind == "patterns":
    # Distinct patterns, each a large automaton (Unicode classes under counted repetition),
    # compiled to check the property's example against it.
    s["S0"] = {"type": "object", "properties": {
        f"p{i}": {"type": "string", "example": "abc", "pattern": "^(\\w{1,%d}[\\p{L}\\d]{2,%d}){1,%d}$" % (50 + i % 50, 30 + i % 7, 5 + i // 100)}
        for i in range(n)}}
open(path, "w").write(json.dumps(doc, separators=(",", ":")))
PY
}

# run CMD…: prints "wall-seconds cpu-seconds MiB" of one run, `>limit` when stopped.
run() {
  local code=0
  /usr/bin/time -o "$work/time" -f '%e %U %S %M' timeout "$limit" "$@" >/dev/null 2>&1 || code=$?
  read -r wall user sys rss < <(tail -n 1 "$work/time")
  if [ "$code" = 124 ]; then
    printf '%7s %7s %6s' ">$limit" "-" "-"
  else
    printf '%7.2f %7.2f %6d' "$wall" "$(echo "$user + $sys" | bc -l)" "$((rss / 1024))"
  fi
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
