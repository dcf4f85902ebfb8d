# Sourced by the bench-*.sh scripts that run apigen on generated documents: checks for GNU
# time, sets `apigen` (APIGEN=path, else the release binary, built here) and `work` (a
# temporary folder removed on exit).
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ -n "${APIGEN:-}" ]; then
  apigen=$(realpath "$APIGEN")
else
  cargo build --release --quiet --bin apigen
  apigen=$PWD/target/release/apigen
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
