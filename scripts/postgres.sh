#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for the hub's tests and prints its
# URL (the last line of stdout), e.g.
#   export DATABASE_URL=$(scripts/postgres.sh | tail -n 1)
#
# Idempotent. In order:
# 1. $DATABASE_URL (or $HUB_TEST_POSTGRES_URL) set and answering: printed as is.
# 2. Debian's postgresql not installed: installed with apt-get (root or sudo).
# 3. A server on 127.0.0.1:$PGPORT (default 5432): started when it is a
#    cluster of this machine that is down (pg_ctlcluster, as root); the role
#    and database approval_hub_test (password approval_hub_test) are created
#    when missing.
# 4. Not root and no server answering: a private cluster under
#    target/postgres (trust on 127.0.0.1, port $PGPORT, default 5433).
set -euo pipefail

NAME=approval_hub_test
HOST=127.0.0.1
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
log() { echo "postgres.sh: $*" >&2; }

answers() { pg_isready -q -d "$1" 2>/dev/null; }

for candidate in "${DATABASE_URL:-}" "${HUB_TEST_POSTGRES_URL:-}"; do
  if [[ -n "$candidate" ]] && command -v pg_isready >/dev/null && answers "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi
}

pg_bin() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  echo "$dir"
}

if [[ -z "$(pg_bin)" ]]; then
  log "no PostgreSQL installed: apt-get install postgresql"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
fi
BIN="$(pg_bin)"
export PATH="$BIN:$PATH"

if [[ $(id -u) -eq 0 ]] && id postgres >/dev/null 2>&1; then
  PORT="${PGPORT:-5432}"
  if ! pg_isready -q -h "$HOST" -p "$PORT"; then
    # A cluster of this machine on that port that is down: start it.
    cluster=$(pg_lsclusters -h 2>/dev/null | awk -v p="$PORT" '$3 == p { print $1 " " $2; exit }')
    if [[ -z "$cluster" ]]; then
      version=$(basename "$(dirname "$BIN")")
      log "creating cluster $version/main on port $PORT"
      pg_createcluster -p "$PORT" "$version" main >&2
      cluster="$version main"
    fi
    log "starting cluster $cluster"
    # shellcheck disable=SC2086
    pg_ctlcluster $cluster start >&2
    for _ in $(seq 1 30); do pg_isready -q -h "$HOST" -p "$PORT" && break; sleep 1; done
  fi
  psql_admin() { runuser -u postgres -- psql -p "$PORT" -h /var/run/postgresql -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [[ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$NAME'")" ]]; then
    log "creating role $NAME"
    psql_admin -c "CREATE ROLE $NAME LOGIN PASSWORD '$NAME' CREATEDB" >&2
  fi
  if [[ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$NAME'")" ]]; then
    log "creating database $NAME"
    psql_admin -c "CREATE DATABASE $NAME OWNER $NAME" >&2
  fi
  echo "postgres://$NAME:$NAME@$HOST:$PORT/$NAME"
  exit 0
fi

# Not root: a private cluster in the build folder.
PORT="${PGPORT:-5433}"
DATA="$ROOT/target/postgres"
if ! pg_isready -q -h "$HOST" -p "$PORT"; then
  if [[ ! -f "$DATA/PG_VERSION" ]]; then
    log "initialising a private cluster in $DATA"
    mkdir -p "$DATA"
    initdb -D "$DATA" -U "$NAME" --auth=trust -E UTF8 --locale=C.UTF-8 >&2
  fi
  log "starting the private cluster on $HOST:$PORT"
  pg_ctl -D "$DATA" -l "$DATA/server.log" -w \
    -o "-p $PORT -c listen_addresses=$HOST -k $DATA" start >&2
fi
if [[ -z "$(psql -h "$HOST" -p "$PORT" -U "$NAME" -d postgres -qtA -c "SELECT 1 FROM pg_database WHERE datname = '$NAME'")" ]]; then
  psql -h "$HOST" -p "$PORT" -U "$NAME" -d postgres -qc "CREATE DATABASE $NAME" >&2
fi
echo "postgres://$NAME:$NAME@$HOST:$PORT/$NAME"
