#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests, on a free local port in a temp dir.
#
#   scripts/pg-cluster.sh run CMD...   start a cluster, run CMD with ATRIUM_TEST_DATABASE_URL
#                                      set to it, stop and remove it (even when CMD fails);
#                                      exits with CMD's status
#   scripts/pg-cluster.sh start        start one; prints `export ATRIUM_TEST_DATABASE_URL=...`
#                                      and `export ATRIUM_PG_DIR=...` for `eval`
#   scripts/pg-cluster.sh stop DIR     stop and remove the cluster in DIR ($ATRIUM_PG_DIR)
#
# Needs Debian's `postgresql` package (scripts/setup.sh installs it). initdb refuses to
# run as root: as root the cluster runs as the `postgres` user.
set -euo pipefail

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -x "$bin/initdb" ]] || { echo "PostgreSQL server not installed (scripts/setup.sh)" >&2; exit 1; }
  echo "$bin"
}

as_owner() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

start() {
  local bin dir port
  bin=$(pg_bin)
  dir=$(mktemp -d -t atrium-pg.XXXXXX)
  chmod 755 "$dir"
  [[ $(id -u) == 0 ]] && chown postgres: "$dir"
  port=$(free_port)
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  # A test cluster: speed over durability.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
    "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off \
     -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB" >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "export ATRIUM_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
  echo "export ATRIUM_PG_DIR=$dir"
}

stop() {
  local dir=${1:?usage: pg-cluster.sh stop DIR}
  [[ -d "$dir/data" ]] && as_owner "$(pg_bin)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-${ATRIUM_PG_DIR:-}}" ;;
  run)
    shift
    eval "$(start)"
    trap 'stop "$ATRIUM_PG_DIR"' EXIT
    echo "==> PostgreSQL test cluster at $ATRIUM_TEST_DATABASE_URL"
    export ATRIUM_TEST_DATABASE_URL
    "$@"
    ;;
  *) sed -n '2,13p' "$0" >&2; exit 2 ;;
esac
