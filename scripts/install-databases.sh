#!/usr/bin/env bash
# Installs the database servers and clients the migration tests apply SQL to
# (tests/migrations.rs): PostgreSQL (initdb, pg_ctl, postgres, psql) and
# MariaDB (mariadb-install-db, mariadbd, mariadb). Debian/Ubuntu, as root or
# through sudo, non-interactively. Packages already present are left alone.
# System services are NOT started: the tests start private servers themselves
# on Unix sockets in temporary folders.
set -euo pipefail

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && command -v psql >/dev/null; }
have_mariadb() { command -v mariadbd >/dev/null || [ -x /usr/sbin/mariadbd ]; }

packages=()
have_postgres || packages+=(postgresql postgresql-client)
if ! have_mariadb || ! command -v mariadb >/dev/null; then packages+=(mariadb-server mariadb-client); fi
if [ ${#packages[@]} -eq 0 ]; then
  echo "install-databases: PostgreSQL and MariaDB are already installed"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-databases: no apt-get here; install ${packages[*]} by hand (the migration tests skip without them)" >&2
  exit 1
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo=(sudo -n); else
    echo "install-databases: not root and no sudo; install ${packages[*]} by hand" >&2
    exit 1
  fi
fi

# Keep the packages' maintainer scripts from starting (or enabling) the system
# services: policy-rc.d answering 101 means "not allowed" to invoke-rc.d.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 755 "$policy"
  added_policy=1
fi
cleanup() { if [ "$added_policy" -eq 1 ]; then "${sudo[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
echo "install-databases: installing ${packages[*]}"
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${packages[@]}" >/dev/null
have_postgres && have_mariadb && echo "install-databases: done"
