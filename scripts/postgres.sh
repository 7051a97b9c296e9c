# Start and stop a throwaway PostgreSQL 15 server on 127.0.0.1 for tests and benchmarks.
# Source this file, then: start_postgres; ... "$PG_URL" ...; stop_postgres
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

free_port() {
  .venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

run_pg() {
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

start_postgres() {
  PG_DIR=$(mktemp -d /tmp/tracker-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PG_DIR"
  PG_PORT=${PG_PORT:-$(free_port)}
  run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
  run_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres tracker
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/tracker"
  export PG_DIR PG_PORT PG_URL
  trap stop_postgres EXIT
  echo "PostgreSQL running on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$PG_DIR"
  fi
  PG_DIR=""
}
