#!/usr/bin/env bash
# A private PostgreSQL 15 for tvbot's SQL projections, on loopback only.
#   scripts/local-postgres.sh start  DATA_DIR [PORT]   initdb if needed, start, create database
#                                                       tvbot, write DATA_DIR/dsn and print it
#   scripts/local-postgres.sh stop   DATA_DIR
#   scripts/local-postgres.sh status DATA_DIR
# The server listens on 127.0.0.1:PORT (default 5433) with its socket in DATA_DIR, trust
# authentication for local connections only. As root it runs as the `postgres` user
# (initdb refuses root). TVBOT_PG_FSYNC=off turns fsync off (tests only: a crash can then
# lose committed rows, which the projector would re-project from the event log anyway).
set -euo pipefail

usage() { echo "usage: $0 start|stop|status DATA_DIR [PORT]" >&2; exit 2; }
[ $# -ge 2 ] || usage
command=$1
data_dir=$(realpath -m "$2")
port=${3:-5433}
bin=${TVBOT_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$bin/initdb" ] || { echo "$0: no $bin/initdb; run scripts/install-deps.sh" >&2; exit 1; }
case "$port" in ''|*[!0-9]*) echo "$0: PORT must be a number, got '$port'" >&2; exit 2;; esac

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cluster=$data_dir/cluster
case "$command" in
  start)
    mkdir -p "$data_dir"
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres: "$data_dir"
      if ! runuser -u postgres -- test -w "$data_dir"; then
        echo "$0: user postgres cannot reach $data_dir (a parent directory is not searchable);" \
             "use another directory or chmod o+x its parents" >&2
        exit 1
      fi
    fi
    if [ ! -f "$cluster/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$cluster" -A trust -U postgres -E UTF8 --locale=C >"$data_dir/initdb.log"
    fi
    if ! as_owner "$bin/pg_ctl" -D "$cluster" status >/dev/null 2>&1; then
      fsync=${TVBOT_PG_FSYNC:-on}
      as_owner "$bin/pg_ctl" -D "$cluster" -w -t 60 -l "$data_dir/server.log" \
        -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1 -c fsync=$fsync" start >/dev/null
    fi
    # The port the running server uses (it may have been started earlier with another).
    port=$(sed -n 4p "$cluster/postmaster.pid")
    if ! as_owner "$bin/psql" -h "$data_dir" -p "$port" -U postgres -d postgres -tAc \
        "select 1 from pg_database where datname = 'tvbot'" | grep -q 1; then
      as_owner "$bin/createdb" -h "$data_dir" -p "$port" -U postgres tvbot
    fi
    dsn="host=127.0.0.1 port=$port user=postgres dbname=tvbot"
    echo "$dsn" > "$data_dir/dsn"
    echo "$dsn"
    ;;
  stop)
    if [ -f "$cluster/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$cluster" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$cluster" -m fast -w stop >/dev/null
    fi
    echo "stopped"
    ;;
  status)
    if [ -f "$cluster/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$cluster" status >/dev/null 2>&1; then
      echo "running: $(cat "$data_dir/dsn" 2>/dev/null || echo '(no dsn file)')"
    else
      echo "not running"; exit 3
    fi
    ;;
  *) usage ;;
esac
