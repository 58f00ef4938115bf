# Starts a throwaway PostgreSQL (Debian's packages) on 127.0.0.1 and a free port; sourced by .ci/run and usable by
# developers:  source .ci/postgres.sh && pg_start && export KP_TEST_POSTGRES=...  (pg_stop to end it).
pg_start() {
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  # PG_BASE: where the data goes (default /tmp); PG_OPTS: more server settings. .ci/run sets both for the tests
  # (tmpfs, settings for throwaway databases); bench/run.sh leaves them, so its figures compare with earlier ones.
  PG_DIR=$(mktemp -d "${PG_BASE:-/tmp}/kp-pg.XXXXXX")
  PG_PASSWORD="kp-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  PG_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  echo "$PG_PASSWORD" > "$PG_DIR/pw"
  chown -R postgres:postgres "$PG_DIR" 2>/dev/null || true
  local run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U keyprojects --pwfile="$PG_DIR/pw" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $PG_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off ${PG_OPTS:-}" start >/dev/null
  PG_BIN=$bin
  export PG_DIR PG_PASSWORD PG_PORT PG_BIN
  echo "PostgreSQL on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] || return 0
  local run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
