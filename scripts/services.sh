# Sourced by scripts/test.sh: system packages and services the test suite uses.
# Everything is installed from Debian's and npm's registries; nothing is downloaded otherwise.

PG_DIR="${NOSOLOGY_PG_DIR:-/tmp/nosology-pg}"
PG_PORT="${NOSOLOGY_PG_PORT:-54329}"

ensure_system_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "== installing ${missing[*]} (apt-get)"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
      echo "!! missing ${missing[*]}: install them (sudo apt-get install ${missing[*]}) or the browser/PostgreSQL tests will skip" >&2
    fi
  fi
}

ensure_axe_core() {
  if [ ! -f node_modules/axe-core/axe.min.js ] && command -v npm >/dev/null 2>&1; then
    echo "== installing axe-core (npm)"
    npm install --no-save --no-audit --no-fund --silent axe-core@4 >/dev/null
  fi
}

start_postgres() {
  if [ -n "${NOSOLOGY_TEST_PG_URL:-}" ]; then return; fi
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ]; then echo "!! PostgreSQL not installed: its tests will skip outside CI" >&2; return; fi
  local runas=()
  if [ "$(id -u)" = 0 ]; then runas=(runuser -u postgres --); fi
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PG_DIR"; fi
  "${runas[@]}" "$bindir/initdb" -D "$PG_DIR/data" -U postgres -A trust >/dev/null
  "${runas[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null
  "${runas[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres nosology_test
  export NOSOLOGY_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/nosology_test"
  export NOSOLOGY_PG_BINDIR="$bindir"
  echo "== PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"
}

stop_postgres() {
  local bindir="${NOSOLOGY_PG_BINDIR:-}"
  [ -n "$bindir" ] || return 0
  local runas=()
  if [ "$(id -u)" = 0 ]; then runas=(runuser -u postgres --); fi
  "${runas[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
}
