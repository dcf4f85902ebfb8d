# Sourced by the bench scripts that compare with openapi-generator: installs the pinned
# tools into target/ on first use and sets their paths.
#   oag_version, oag_venv: openapi-generator-cli from PyPI (OPENAPI_GENERATOR_VERSION,
#     default 7.26.0; needs Java 11+) in its own venv; run it as `"${oag[@]}" ARGS…`.
#   github_doc: GitHub's REST description from npm @octokit/openapi
#     (OCTOKIT_OPENAPI_VERSION, default 23.0.2), 13 MB of JSON.
oag_version=${OPENAPI_GENERATOR_VERSION:-7.26.0}
octokit_version=${OCTOKIT_OPENAPI_VERSION:-23.0.2}
command -v java >/dev/null || { echo "needs Java 11+ for openapi-generator" >&2; exit 2; }

oag_venv=target/openapi-generator
if [ ! -x "$oag_venv/bin/openapi-generator-cli" ] || ! grep -qx "$oag_version" "$oag_venv/.version" 2>/dev/null; then
  python3 -m venv "$oag_venv" >&2
  "$oag_venv/bin/python" -m pip install --quiet --disable-pip-version-check "openapi-generator-cli==$oag_version" >&2
  echo "$oag_version" > "$oag_venv/.version"
fi
# Through the venv's python: the entry point's shebang names the folder the venv was made in.
oag=("$oag_venv/bin/python" "$oag_venv/bin/openapi-generator-cli")

octokit=target/octokit-openapi
github_doc=$octokit/node_modules/@octokit/openapi/generated/api.github.com.json
if ! grep -q "\"version\": \"$octokit_version\"" "$octokit/node_modules/@octokit/openapi/package.json" 2>/dev/null; then
  mkdir -p "$octokit"
  (cd "$octokit" && npm install --no-audit --no-fund --silent "@octokit/openapi@$octokit_version") >&2
fi
