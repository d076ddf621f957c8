#!/usr/bin/env bash
# Start or stop the PostgreSQL and Redis servers for the test suite's second pass, on loopback
# only, with throwaway data. `make test-postgres` runs the suite inside them:
#   scripts/test-servers.sh run .venv/bin/python -m pytest -q   # start, run, always stop
# or by hand:
#   eval "$(scripts/test-servers.sh start)"   # prints DATABASE_URL=… and REDIS_URL=…
#   scripts/test-servers.sh stop
set -euo pipefail

ACTION=${1:-}
DIR=${DATELINE_TEST_SERVERS:-${TMPDIR:-/tmp}/dateline-test-servers-$(id -u)}
PGPORT=${DATELINE_TEST_PGPORT:-55432}
REDISPORT=${DATELINE_TEST_REDISPORT:-56379}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)

# PostgreSQL refuses to run as root: as root, its files and process belong to "postgres".
as_pg() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_servers() {
    [ -n "$PGBIN" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
    command -v redis-server >/dev/null || { echo "Redis is not installed (apt-get install redis-server)" >&2; exit 1; }
    mkdir -p "$DIR"
    chmod 755 "$DIR"
    if [ ! -s "$DIR/pg/PG_VERSION" ]; then
        mkdir -p "$DIR/pg"
        [ "$(id -u)" = 0 ] && chown postgres "$DIR/pg"
        as_pg "$PGBIN/initdb" -D "$DIR/pg" -U dateline -A trust -E UTF8 --locale=C.UTF-8 \
            --no-sync >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 1; }
    fi
    if ! as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" status >/dev/null 2>&1; then
        # Durability is pointless for a database the tests throw away; speed is not.
        as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -l "$DIR/pg/server.log" -w -t 60 start -o \
            "-c listen_addresses=127.0.0.1 -p $PGPORT -k $DIR/pg -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
            >/dev/null || { tail -20 "$DIR/pg/server.log" >&2; exit 1; }
    fi
    if ! redis-cli -h 127.0.0.1 -p "$REDISPORT" ping >/dev/null 2>&1; then
        redis-server --bind 127.0.0.1 --port "$REDISPORT" --save '' --appendonly no \
            --daemonize yes --pidfile "$DIR/redis.pid" --dir "$DIR" \
            --logfile "$DIR/redis.log" >/dev/null
        for _ in $(seq 50); do
            redis-cli -h 127.0.0.1 -p "$REDISPORT" ping >/dev/null 2>&1 && break
            sleep 0.1
        done
    fi
    echo "DATABASE_URL=postgres://dateline@127.0.0.1:$PGPORT/dateline"
    echo "REDIS_URL=redis://127.0.0.1:$REDISPORT/0"
}

stop_servers() {
    if [ -n "$PGBIN" ] && [ -d "$DIR/pg" ]; then
        as_pg "$PGBIN/pg_ctl" -D "$DIR/pg" -m fast -w stop >/dev/null 2>&1 || true
    fi
    redis-cli -h 127.0.0.1 -p "$REDISPORT" shutdown nosave >/dev/null 2>&1 || true
    rm -rf "$DIR"
}

case "$ACTION" in
start)
    start_servers
    ;;
stop)
    stop_servers
    ;;
run)
    shift
    [ $# -gt 0 ] || { echo "usage: $0 run COMMAND [ARGS…]" >&2; exit 2; }
    # However the run ends (done, failed, Ctrl-C, kill), the servers go with it.
    child=
    trap 'stop_servers' EXIT
    trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait; exit 130' INT TERM HUP
    servers=$(start_servers)
    set -a
    eval "$servers"
    set +a
    echo "Second pass: $DATABASE_URL, $REDIS_URL"
    # In the background, so that a signal reaches the trap at once, not after the run.
    "$@" &
    child=$!
    status=0
    wait "$child" || status=$?
    child=
    exit "$status"
    ;;
*)
    echo "usage: $0 start|stop|run COMMAND" >&2
    exit 2
    ;;
esac
