#!/usr/bin/env bash
# The Python virtual environment the tests use (target/venv): the FastAPI fixture
# app of tests/fastapi/ (its OpenAPI 3.1 document is generated from, and the Rust
# client round-trips against it under uvicorn). Pinned in tests/fastapi/requirements.txt.
# Idempotent: a venv whose requirements are installed already is left as it is.
#
#   scripts/python-env.sh      prints the venv's python
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/venv
requirements=tests/fastapi/requirements.txt
stamp="$venv/.requirements"
python=${PYTHON:-python3}
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv" >&2
fi
if ! cmp -s "$requirements" "$stamp"; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" >&2
  cp "$requirements" "$stamp"
fi
echo "$venv/bin/python"
