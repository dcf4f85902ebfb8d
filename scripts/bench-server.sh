#!/usr/bin/env bash
# Load benchmark of the generated axum server (docs/performance.md, "Server"): the hand-written demo
# on top of the generated `orders-server` crate, built in release mode and served
# on a free loopback port, measured with `wrk` (Debian package `wrk`) for one read
# and one write operation. Every request goes through the whole generated
# pipeline: request id, bearer authentication, rate limiter, permission check,
# parameter and schema validation, the trait method, response headers, audit hook.
#
#   scripts/bench-server.sh [SECONDS] [CONNECTIONS]     default: 10 s, 32 connections, 2 threads
#
#   read:  GET  /api/v1/orders/{order_id}     (get_order)
#   write: POST /api/v1/orders                (create_order, a two-line order; audited)
#
# Prints requests/s and p50/p99 latency of each; exits 1 if any answer was not 2xx.
# The documented rate limits (30-100/minute) are scaled out of the way (--rate-limit-scale).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
connections=${2:-32}
threads=2

if ! command -v wrk >/dev/null; then
  echo "== installing wrk (Debian package)"
  (apt-get update -qq && apt-get install -y -qq wrk >/dev/null) || { echo "needs wrk: apt-get install wrk" >&2; exit 2; }
fi
command -v curl >/dev/null || { echo "needs curl" >&2; exit 2; }

echo "== building the demo server (release)"
cargo build --quiet --release -p orders-demo
work=$(mktemp -d)
target/release/orders-demo --port 0 --rate-limit-scale 1000000000 >"$work/demo.log" 2>&1 &
demo=$!
trap 'kill "$demo" 2>/dev/null || true; wait "$demo" 2>/dev/null || true; rm -rf "$work"' EXIT
url=""
for _ in $(seq 100); do
  url=$(sed -n 's/^listening on //p' "$work/demo.log")
  [ -n "$url" ] && break
  kill -0 "$demo" 2>/dev/null || { cat "$work/demo.log" >&2; exit 2; }
  sleep 0.1
done
[ -n "$url" ] || { echo "the demo did not start" >&2; exit 2; }
auth="Authorization: Bearer demo-token"

customer=$(curl -sf -X POST "$url/api/v1/customers" -H "$auth" -H 'Content-Type: application/json' \
  -d '{"email":"bench@example.com","first_name":"Bench","last_name":"Mark"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
order_body='{"customer_id":"'"$customer"'","currency":"EUR","shipping_address":"Hauptstrasse 1\n10115 Berlin","shipping_country":"DE","items":[{"sku":"TSHIRT-BLK-M","name":"Black T-shirt (M)","quantity":2,"unit_price":"19.90","currency":"EUR","weight":0.2,"weight_unit":"kg"},{"sku":"SOCKS-01","name":"Socks","quantity":1,"unit_price":"4.50","currency":"EUR","weight":0.05,"weight_unit":"kg"}]}'
order=$(curl -sf -X POST "$url/api/v1/orders" -H "$auth" -H 'Content-Type: application/json' -d "$order_body" \
  | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
[ -n "$customer" ] && [ -n "$order" ] || { echo "could not create the benchmark data" >&2; exit 2; }

cat >"$work/post.lua" <<EOF
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer demo-token"
wrk.body = [[$order_body]]
EOF

failed=0
# run NAME ARGS...: runs wrk, prints one summary line.
run() {
  local name=$1; shift
  wrk --threads "$threads" --connections "$connections" --duration "${seconds}s" --latency "$@" >"$work/out" 2>&1
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/out")
  p50=$(awk '$1 == "50%" {print $2}' "$work/out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/out")
  errors=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$work/out")
  printf '%-6s %-40s %12s req/s   p50 %9s   p99 %9s   non-2xx %s\n' "$name" "$label" "$rps" "$p50" "$p99" "${errors:-0}"
  [ -z "$errors" ] || failed=1
}

echo "== wrk: $threads threads, $connections connections, ${seconds}s each, against $url"
label="GET /api/v1/orders/{order_id}"
run read -H "$auth" "$url/api/v1/orders/$order"
label="POST /api/v1/orders"
run write -s "$work/post.lua" "$url/api/v1/orders"
exit "$failed"
