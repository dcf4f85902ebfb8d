#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), kept here so they can run and be
# tested outside GitHub (scripts/package-check.sh runs them on a temporary repository).
#
#   action.sh install   installs apigen into a venv under $RUNNER_TEMP and puts it on PATH
#                       (GITHUB_PATH): INPUT_WHEEL (a wheel file) or INPUT_VERSION from PyPI
#   action.sh run       runs INPUT_COMMAND (check | diff | generate-check) on INPUT_SPECS;
#                       writes the outputs (GITHUB_OUTPUT), the job summary
#                       (GITHUB_STEP_SUMMARY) and exits with apigen's status
set -euo pipefail

output() { printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; }

install() {
  local venv="${RUNNER_TEMP:?}/apigen-venv" package
  if [ -n "${INPUT_WHEEL:-}" ]; then
    package=$INPUT_WHEEL
  elif [ -n "${INPUT_VERSION:-}" ]; then
    package="apigen==${INPUT_VERSION#v}"
  else
    package=apigen
  fi
  # python3 on Linux and macOS runners, python on Windows (whose venv has Scripts/).
  "$(command -v python3 || command -v python)" -m venv "$venv"
  local bin=$venv/bin
  [ -d "$venv/Scripts" ] && bin=$venv/Scripts
  "$bin/python" -m pip install --quiet --disable-pip-version-check "$package"
  echo "$bin" >>"$GITHUB_PATH"
  "$bin/apigen" --version
}

run() {
  local specs=() status=0
  # Whitespace-separated; glob patterns reach apigen unexpanded.
  set -f
  read -ra specs <<<"${INPUT_SPECS:-}"
  set +f
  case "${INPUT_COMMAND:-check}" in
    check)
      local sarif=${INPUT_SARIF_FILE:-apigen.sarif}
      # Annotations on the pull request's files, then the same findings as SARIF.
      apigen check --format github "${specs[@]}" || status=$?
      apigen check --format sarif --quiet "${specs[@]}" >"$sarif" || true
      output sarif-file "$sarif"
      ;;
    diff)
      [ -n "${INPUT_BASE:-}" ] || { echo "::error title=apigen::the diff command needs the base input (a git revision)"; exit 2; }
      local report delimiter
      report=$(mktemp)
      apigen diff --base "$INPUT_BASE" --format github "${specs[@]}" || true
      apigen diff --base "$INPUT_BASE" --format markdown "${specs[@]}" >"$report" || status=$?
      cat "$report" >>"$GITHUB_STEP_SUMMARY"
      # A multi-line output: the heredoc form, with a delimiter the report cannot contain.
      delimiter="apigen_$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
      { echo "report<<$delimiter"; cat "$report"; echo "$delimiter"; } >>"$GITHUB_OUTPUT"
      rm -f "$report"
      ;;
    generate-check)
      apigen generate --check || status=$?
      ;;
    *)
      echo "::error title=apigen::unknown command '${INPUT_COMMAND}': use check, diff or generate-check"
      exit 2
      ;;
  esac
  output exit-code "$status"
  exit "$status"
}

case "${1:-}" in
  install) install ;;
  run) run ;;
  *) echo "usage: action.sh install|run" >&2; exit 2 ;;
esac
