#!/usr/bin/env bash
# Installs the Debian 12 packages tvbot builds and tests with. Idempotent, non-interactive;
# run as root (or through sudo). Nothing else is downloaded.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config ccache
  libcaf-dev librocksdb-dev libpqxx-dev libpq-dev libsimdjson-dev libboost-dev
  libspdlog-dev libfmt-dev libgtest-dev libgmock-dev libssl-dev
  libcli11-dev libtomlplusplus-dev
  libsystemd-dev
  systemd docker-compose
  postgresql postgresql-client
  curl ca-certificates openssl
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then exec sudo -E "$0" "$@"; fi
  echo "install-deps: missing packages (${missing[*]}); run as root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
