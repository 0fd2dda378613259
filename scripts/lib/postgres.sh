# Sourced by the scripts that need a PostgreSQL server of their own (the two-instance test, the
# store benchmark): Debian's binaries, a data folder under DIR, loopback on a free port, trust
# authentication for user edigate, run as `nobody` when the script runs as root (PostgreSQL
# refuses root). Sets pg_bin, pg_port, pg_data; stop_postgres stops it (call it from the trap).

start_postgres() { # $1 folder for the data and the log; extra arguments: server settings (-c name=value)
  local dir=$1; shift
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (scripts/install-deps.sh installs it)" >&2; return 1; }
  mkdir -p "$dir"
  pg_data="$dir/data"
  pg_as=()
  if [ "$(id -u)" = 0 ]; then
    chown nobody:nogroup "$dir"
    chmod o+x "$(dirname "$dir")"   # mktemp -d folders are 0700: let the server user through
    pg_as=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
  fi
  "${pg_as[@]}" "$pg_bin/initdb" -D "$pg_data" -U edigate -A trust --locale=C -E UTF8 --no-sync >"$dir/initdb.log" 2>&1
  pg_port=$(free_port)
  "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/server.log" -w -t 60 \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200 $*" start >/dev/null
}

stop_postgres() {
  [ -n "${pg_data:-}" ] && [ -d "$pg_data" ] && "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
}

# A new database on the server; prints its store location.
create_store_database() { # $1 name
  "$pg_bin/psql" -X -q -h 127.0.0.1 -p "$pg_port" -U edigate -d postgres -c "CREATE DATABASE \"$1\"" >/dev/null
  echo "postgres://edigate@127.0.0.1:$pg_port/$1"
}
