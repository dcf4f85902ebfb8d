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
  python3 - "$1" "$2" "$3" <<'PY'
import os, sys
kind, n, folder = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(folder, exist_ok=True)
out = ["openapi: 3.0.3", "info: {title: Split, version: 1.0.0, contact: {name: Team}}", "paths:"]
if kind == "headers":
    with open(os.path.join(folder, "headers.yaml"), "w") as f:
        for h in ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"):
            f.write(f"{h}:\n  description: Rate limit.\n  schema: {{type: integer}}\n")
    # Ten responses per operation, so N responses are N/10 operations.
    for op in range(n // 10):
        out += [f"  /api/v1/things{op}:", "    get:", f"      operationId: get_things{op}", "      responses:"]
        for code in range(10):
            out += [f"        '{200 + code}':", "          description: A response.", "          headers:"]
            for h in ("ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"):
                out.append(f"            {h}: {{$ref: 'headers.yaml#/{h}'}}")
elif kind == "files":
    os.makedirs(os.path.join(folder, "paths"), exist_ok=True)
    os.makedirs(os.path.join(folder, "shared"), exist_ok=True)
    with open(os.path.join(folder, "shared", "not_found.yaml"), "w") as f:
        f.write("description: Not found.\ncontent:\n  application/json:\n    schema: {$ref: Error.yaml}\n")
    with open(os.path.join(folder, "shared", "Error.yaml"), "w") as f:
        f.write("type: object\ndescription: An error.\nproperties:\n  code: {type: string}\n")
    for op in range(n):
        with open(os.path.join(folder, "paths", f"thing{op}.yaml"), "w") as f:
            f.write(f"get:\n  operationId: get_thing{op}\n  responses:\n    '200':\n      description: ok\n"
                    f"    '404': {{$ref: ../shared/not_found.yaml}}\n")
        out += [f"  /api/v1/things{op}:", f"    $ref: paths/thing{op}.yaml"]
with open(os.path.join(folder, "openapi.yaml"), "w") as f:
    f.write("\n".join(out) + "\n")
PY
}

sizes() {
  case $1 in
    headers) echo 2600 10400 41600 ;;
    files) echo 650 2600 10400 ;;
  esac
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
