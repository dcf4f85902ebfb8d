#!/usr/bin/env bash
# Checks the generated axum server with schemathesis (a property-based API
# tester nobody here wrote): builds the hand-written demo on top of the
# generated `orders-server` crate, serves it on a free loopback port, and runs
# `schemathesis run specs/orders.yaml` against it with the demo token. Every
# operation is called with generated valid and invalid input; the run fails on
# any 5xx, any response whose body or headers break the spec, and any status the
# spec does not document.
#
#   scripts/schemathesis.sh [MAX_EXAMPLES]      default 40 examples per operation
#
# schemathesis comes from PyPI into a virtualenv under target/ (made on first use).
# Exit status: schemathesis's (0 = no failure), 2 when the setup fails.
set -euo pipefail
cd "$(dirname "$0")/.."
max_examples=${1:-40}
venv=target/schemathesis-venv
spec=specs/orders.yaml

if [ ! -x "$venv/bin/schemathesis" ]; then
  echo "== installing schemathesis into $venv"
  python3 -m venv "$venv" || { echo "python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; exit 2; }
  "$venv/bin/pip" install --quiet --upgrade pip >/dev/null
  "$venv/bin/pip" install --quiet 'schemathesis>=4,<5' || { echo "pip install schemathesis failed" >&2; exit 2; }
fi
"$venv/bin/schemathesis" --version

# SCHEMATHESIS_PROFILE=debug reuses the test build (CI); release by default.
profile=${SCHEMATHESIS_PROFILE:-release}
echo "== building the demo server ($profile)"
if [ "$profile" = release ]; then cargo build --quiet --locked --release -p orders-demo; else cargo build --quiet --locked -p orders-demo; fi
log=$(mktemp)
# The documented rate limits (10 to 600 per minute) would turn most generated
# calls into 429s; the demo's limiter is scaled up so the operations themselves run.
"target/$profile/orders-demo" --port 0 --rate-limit-scale 1000 >"$log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 100); do
  url=$(sed -n 's/^listening on //p' "$log")
  [ -n "$url" ] && break
  kill -0 "$demo" 2>/dev/null || { cat "$log" >&2; echo "the demo exited" >&2; exit 2; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the demo did not start" >&2; exit 2; }
echo "== demo at $url"

echo "== schemathesis run $spec --url $url (max $max_examples examples per operation)"
status=0
# Run from target/: schemathesis keeps a .schemathesis/ cache in its working directory.
root=$(pwd)
cd target
"$root/$venv/bin/schemathesis" run "$root/$spec" \
  --url "$url" \
  --header "Authorization: Bearer demo-token" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,response_headers_conformance,content_type_conformance \
  --max-examples "$max_examples" \
  --seed 42 \
  --generation-database none \
  --no-color \
  --request-timeout 10 || status=$?
exit "$status"
