#!/usr/bin/env bash
# TypeScript for the client-ts tests (tests/client_ts.rs): installs the pinned
# compiler from npm into target/ts. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
version=5.9.3
if ! target/ts/node_modules/.bin/tsc --version 2>/dev/null | grep -q "$version"; then
  mkdir -p target/ts
  (cd target/ts && npm install --no-audit --no-fund --silent "typescript@$version")
fi
target/ts/node_modules/.bin/tsc --version
