#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the ledger's tests, and prints the `export` line of its URL.
#
#   eval "$(bash .ci/postgres.sh start DIR)"   # ALIPAY_VAULTING_TEST_POSTGRES=postgres://...
#   bash .ci/postgres.sh stop DIR
#
# Debian's server binaries (off PATH, under /usr/lib/postgresql/<version>/bin); installed with
# apt-get when missing (root only). The cluster lives in DIR, listens on 127.0.0.1 on a free port
# and on a Unix socket in DIR, trusts local connections, and runs as the `postgres` user when
# this script runs as root (initdb refuses root).
set -euo pipefail

command=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}

bin_dir() {
  local initdb
  initdb=$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$initdb" ] && [ "$(id -u)" = 0 ]; then
    echo "postgres.sh: installing Debian's PostgreSQL server (first run only)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
    initdb=$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  fi
  if [ -z "$initdb" ]; then
    echo "postgres.sh: no PostgreSQL server (apt-get install postgresql)" >&2
    exit 1
  fi
  dirname "$initdb"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$command" in
  start)
    bin=$(bin_dir)
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" --auth=trust -U postgres --encoding=UTF8 >/dev/null
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=on" \
      start >/dev/null
    echo "export ALIPAY_VAULTING_TEST_POSTGRES=postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    bin=$(bin_dir)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
