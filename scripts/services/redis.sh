#!/usr/bin/env bash
# A private Redis for local development with several instances, on 127.0.0.1 only. The test suite
# (scripts/test-all.sh) starts one on a free port with a throwaway data folder for the production
# shape of the browser tests; tests that stop Redis mid-test start their own and stop it by pid.
#   scripts/services/redis.sh start|stop|url
# Port $KDEPLOY_REDIS_PORT (default 63790, never the system Redis's 6379); data folder
# $KDEPLOY_REDIS_DATA (default ~/.local/state/kdeploy/redis, or /var/tmp/kdeploy-redis as root)
# holds only the pid file and the log: Redis is the live fan-out, nothing is persisted.
set -euo pipefail
if [ "$(id -u)" = 0 ]; then DEFAULT_DATA=/var/tmp/kdeploy-redis; else DEFAULT_DATA="$HOME/.local/state/kdeploy/redis"; fi
DATA="${KDEPLOY_REDIS_DATA:-$DEFAULT_DATA}"
PORT="${KDEPLOY_REDIS_PORT:-63790}"
PIDFILE="$DATA/redis.pid"

running() { [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

case "${1:-}" in
  start)
    if ! command -v redis-server >/dev/null; then
      echo "redis-server not found. Install it: apt-get install -y redis-server" >&2
      exit 1
    fi
    if running; then
      echo "Redis already running on 127.0.0.1:$PORT"
      exit 0
    fi
    mkdir -p "$DATA"
    redis-server --bind 127.0.0.1 --port "$PORT" --protected-mode yes --save "" --appendonly no \
      --dir "$DATA" --daemonize yes --pidfile "$PIDFILE" --logfile "$DATA/redis.log"
    for _ in $(seq 1 100); do
      if redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; then
        echo "Redis started on 127.0.0.1:$PORT (pid $(cat "$PIDFILE"), log: $DATA/redis.log)"
        exit 0
      fi
      sleep 0.1
    done
    echo "Redis did not answer on 127.0.0.1:$PORT; see $DATA/redis.log" >&2
    exit 1
    ;;
  stop)
    if running; then
      pid="$(cat "$PIDFILE")"
      kill -TERM "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$PIDFILE"
    echo "Redis stopped"
    ;;
  url)
    echo "redis://127.0.0.1:$PORT"
    ;;
  *)
    echo "usage: $0 start|stop|url" >&2
    exit 2
    ;;
esac
