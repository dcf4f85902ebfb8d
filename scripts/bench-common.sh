# Sourced by the bench-*.sh scripts that run apigen on generated documents: checks for GNU
# time, sets `apigen` (APIGEN=path, else the release binary, built here) and `work` (a
# temporary folder removed on exit), and defines `run` (uses `limit`, the seconds a run may take).
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
if [ -n "${APIGEN:-}" ]; then
  apigen=$(realpath "$APIGEN")
else
  cargo build --release --quiet --bin apigen
  apigen=$PWD/target/release/apigen
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run CMD…: prints "wall-seconds cpu-seconds MiB" of one run, `>limit` when stopped.
run() {
  local code=0
  /usr/bin/time -o "$work/time" -f '%e %U %S %M' timeout "$limit" "$@" >/dev/null 2>&1 || code=$?
  read -r wall user sys rss < <(tail -n 1 "$work/time")
  if [ "$code" = 124 ]; then
    printf '%7s %7s %6s' ">$limit" "-" "-"
  else
    printf '%7.2f %7.2f %6d' "$wall" "$(echo "$user + $sys" | bc -l)" "$((rss / 1024))"
  fi
}
