#!/usr/bin/env bash
# Installs tvbot as a systemd service: the system user (systemd-sysusers), its directories
# (systemd-tmpfiles), the binary, the unit and a starting configuration. Idempotent: a
# second run changes nothing but the binary and the unit, and never overwrites the
# configuration or the secrets file an operator has edited.
#
# Usage: deploy/install.sh [--root DIR] [--prefix PREFIX] [--binary FILE]
#   --root DIR       install into DIR as if it were / (packaging, tests); the user is added
#                    to DIR/etc/passwd and systemd is not reloaded
#   --prefix PREFIX  where bin/tvbot goes (default /usr/local); the unit's ExecStart follows
#   --binary FILE    the tvbot binary to install (default build/tvbot)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

root=""
prefix=/usr/local
binary="$here/../build/tvbot"
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root="${2:?--root needs a directory}"; shift 2 ;;
    --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
    --binary) binary="${2:?--binary needs a file}"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown argument \"$1\" (see --help)" >&2; exit 2 ;;
  esac
done
case "$prefix" in /*) ;; *) echo "install.sh: --prefix must be an absolute path, got \"$prefix\"" >&2; exit 2 ;; esac
if [ -n "$root" ]; then
  mkdir -p "$root"
  root="$(cd "$root" && pwd)"
fi
if [ ! -x "$binary" ]; then
  echo "install.sh: no tvbot binary at $binary (build it with scripts/build.sh tvbot, or pass --binary)" >&2
  exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install.sh: run as root (it creates a system user and root-owned files)" >&2
  exit 1
fi
root_args=()
[ -n "$root" ] && root_args=(--root="$root")

# 1. User and directories, from the same files a package would ship.
mkdir -p "$root/etc"
install -D -m 0644 "$here/tvbot.sysusers" "$root/usr/lib/sysusers.d/tvbot.conf"
install -D -m 0644 "$here/tvbot.tmpfiles" "$root/usr/lib/tmpfiles.d/tvbot.conf"
systemd-sysusers "${root_args[@]}" "$root/usr/lib/sysusers.d/tvbot.conf"
systemd-tmpfiles --create "${root_args[@]}" "$root/usr/lib/tmpfiles.d/tvbot.conf"

# 2. Binary and unit; the unit's paths follow --prefix.
install -D -m 0755 "$binary" "$root$prefix/bin/tvbot"
unit="$root/etc/systemd/system/tvbot.service"
mkdir -p "$(dirname "$unit")"
sed "s|/usr/local/bin/tvbot|$prefix/bin/tvbot|g" "$here/tvbot.service" > "$unit.new"
chmod 0644 "$unit.new"
mv "$unit.new" "$unit"

# 3. Configuration and secrets: created once, then the operator's.
gid="$(awk -F: '$1 == "tvbot" { print $3 }' "$root/etc/group")"
if [ ! -e "$root/etc/tvbot/tvbot.toml" ]; then
  install -m 0640 -o 0 -g "$gid" "$here/tvbot.example.toml" "$root/etc/tvbot/tvbot.toml"
  echo "install.sh: wrote $root/etc/tvbot/tvbot.toml (the paper-trading example; edit it)"
fi
if [ ! -e "$root/etc/tvbot/tvbot.env" ]; then
  umask 077
  {
    echo "# Read by systemd (EnvironmentFile=), never logged by tvbot. KEY=value, no quotes needed."
    echo "TVBOT_ALPHA_SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    echo "TVBOT_BETA_SECRET=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  } > "$root/etc/tvbot/tvbot.env"
  chmod 0600 "$root/etc/tvbot/tvbot.env"
  echo "install.sh: wrote $root/etc/tvbot/tvbot.env with random webhook secrets"
fi

if [ -z "$root" ] && [ -d /run/systemd/system ]; then
  systemctl daemon-reload
  echo "install.sh: installed; start it with: systemctl enable --now tvbot"
else
  echo "install.sh: installed into ${root:-/}; systemd was not reloaded"
fi
