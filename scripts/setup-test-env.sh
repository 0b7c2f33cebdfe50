#!/usr/bin/env bash
# Installs and starts what the tests need on a Debian machine: Chromium for browser tests and a
# running PostgreSQL server with a `root` role (tests connect over the local socket as root).
set -euo pipefail

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
command -v git >/dev/null 2>&1 || need_apt+=(git)
# The reference MkDocs build that TechDocs' parity tests compare against (Debian's, no PyPI needed).
command -v mkdocs >/dev/null 2>&1 || need_apt+=(mkdocs mkdocs-material python3-pymdownx mkdocs-material-extensions)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing ${need_apt[*]}; install them with: sudo apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${need_apt[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! pg_isready -q -h /var/run/postgresql; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  echo "setup: starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h /var/run/postgresql && break; sleep 0.5; done
fi

user=$(id -un)
if ! psql -h /var/run/postgresql -U "$user" -d postgres -tAc 'select 1' >/dev/null 2>&1; then
  echo "setup: creating PostgreSQL role $user"
  su postgres -c "psql -qc \"CREATE ROLE \\\"$user\\\" LOGIN SUPERUSER\"" || true
  su postgres -c "createdb -O \"$user\" \"$user\"" 2>/dev/null || true
fi
psql -h /var/run/postgresql -U "$user" -d postgres -tAc 'select 1' >/dev/null
