#!/usr/bin/env bash
# Installs what is needed, builds tvbot, shows the audit replay on a demo stream, then runs
# `tvbot serve` with the example configuration (two paper-trading bots, local event log in
# ./data). Stop it with Ctrl-C: it drains in-flight alerts and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh tvbot

# Webhook secrets come from the environment; make (and keep) random ones if none are set.
mkdir -p var
if [ -z "${TVBOT_ALPHA_SECRET:-}" ] || [ -z "${TVBOT_BETA_SECRET:-}" ]; then
  if [ ! -f var/secrets.env ]; then
    # In a subshell: the private umask must not reach data/, which PostgreSQL's own user
    # has to traverse to reach data/pg.
    (
      umask 077
      {
        echo "export TVBOT_ALPHA_SECRET=$(openssl rand -hex 24)"
        echo "export TVBOT_BETA_SECRET=$(openssl rand -hex 24)"
      } > var/secrets.env
    )
  fi
  # shellcheck disable=SC1091
  . var/secrets.env
  echo "run.sh: webhook secrets are in var/secrets.env"
fi

# SQL projections: unless a DSN is given (TVBOT_POSTGRES_DSN), start the private PostgreSQL
# in data/pg (the example config's <data_dir>/pg, loopback port 5433); tvbot serve reads its
# DSN from data/pg/dsn. Stop it with: scripts/local-postgres.sh stop data/pg
if [ -z "${TVBOT_POSTGRES_DSN:-}" ]; then
  pg_dsn=$(scripts/local-postgres.sh start data/pg "${TVBOT_PG_PORT:-5433}")
  echo "run.sh: PostgreSQL for the projections: psql \"$pg_dsn\""
fi

if [ ! -d var/demo ]; then
  build/tvbot demo --data var/demo
fi
build/tvbot replay --data var/demo --stream demo/BTCUSDT

echo
echo "Try it from another terminal:"
echo "  . var/secrets.env"
echo "  curl -s -X POST localhost:8080/webhook/alpha -H 'Content-Type: application/json' \\"
echo "    -d '{\"secret\":\"'\$TVBOT_ALPHA_SECRET'\",\"action\":\"buy\",\"ticker\":\"BINANCE:BTCUSDT.P\"}'"
echo "  build/tvbot replay --data data --stream alpha/BTCUSDT"
echo "  psql \"\$(cat data/pg/dsn)\" -c 'select * from current_positions'"
echo
exec build/tvbot serve --config deploy/tvbot.example.toml "$@"
