#!/usr/bin/env bash
# A private PostgreSQL for tests and local development, on 127.0.0.1 only.
#   scripts/services/postgres.sh start|stop|url
# Data lives in $KDEPLOY_PG_DATA (default ~/.local/state/kdeploy/postgres, or
# /var/tmp/kdeploy-postgres as root, since the postgres user cannot enter /root); port
# $KDEPLOY_PG_PORT (default 54329) so it never collides with a system PostgreSQL on 5432.
# initdb refuses to run as root, so as root the server runs as the `postgres` system user.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then DEFAULT_DATA=/var/tmp/kdeploy-postgres; else DEFAULT_DATA="$HOME/.local/state/kdeploy/postgres"; fi
DATA="${KDEPLOY_PG_DATA:-$DEFAULT_DATA}"
PORT="${KDEPLOY_PG_PORT:-54329}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    if [ -z "$BIN" ]; then
      echo "PostgreSQL server binaries not found. Install them: apt-get install -y postgresql" >&2
      exit 1
    fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA"
      [ "$(id -u)" = 0 ] && chown postgres: "$DATA"
      as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    [ "$(id -u)" = 0 ] && chown -R postgres: "$DATA"
    if as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
      echo "PostgreSQL already running on 127.0.0.1:$PORT"
    else
      as_owner "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null
      echo "PostgreSQL started on 127.0.0.1:$PORT (data: $DATA)"
    fi
    ;;
  stop)
    if [ -n "$BIN" ] && [ -f "$DATA/PG_VERSION" ]; then
      as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null 2>&1 || true
    fi
    echo "PostgreSQL stopped"
    ;;
  url)
    echo "postgresql://postgres@127.0.0.1:$PORT/${2:-postgres}"
    ;;
  *)
    echo "usage: $0 start|stop|url [database]" >&2
    exit 2
    ;;
esac
