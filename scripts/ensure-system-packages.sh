#!/usr/bin/env bash
# Makes sure the Debian packages the test suite needs are installed: Chromium (browser tests),
# PostgreSQL (the second database), Redis (live fan-out across instances: the suite's own
# redis-server, and tests that start theirs), openssl (certificates of the sandbox cluster).
# As root, missing packages are installed with apt-get; otherwise the exact command is printed.
set -euo pipefail

declare -A CHECK=(
  [chromium]="test -x /usr/bin/chromium"
  [postgresql]="ls /usr/lib/postgresql/*/bin/initdb"
  [redis-server]="command -v redis-server"
  [openssl]="command -v openssl"
)
missing=()
for package in "${!CHECK[@]}"; do
  if ! eval "${CHECK[$package]}" >/dev/null 2>&1; then missing+=("$package"); fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "The test suite needs these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
