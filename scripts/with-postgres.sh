#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on loopback, started here in a temporary
# folder, and PLAZA_TEST_DATABASE_URL pointing at it. Used by CI for the city API's tests:
#   scripts/with-postgres.sh make test
# Installs Debian's postgresql package when it is missing (as root). PostgreSQL refuses to
# run as root, so the server runs as the `postgres` user (or `nobody`).
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pg_bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing PostgreSQL (Debian's postgresql package)..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "PostgreSQL is needed: sudo apt-get install postgresql" >&2
    exit 1
  fi
fi

run_as=()
if [ "$(id -u)" = 0 ]; then
  user=postgres
  id "$user" >/dev/null 2>&1 || user=nobody
  run_as=(runuser -u "$user" --)
fi

folder=$(mktemp -d)
chmod 755 "$folder"
[ "${#run_as[@]}" -gt 0 ] && chown "${run_as[2]}" "$folder"
port=${PLAZA_TEST_PG_PORT:-54329}
"${run_as[@]}" "$pg_bin/initdb" -D "$folder/data" -U plaza -A trust -E UTF8 >/dev/null
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w start \
  -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" >/dev/null
stop() { "${run_as[@]}" "$pg_bin/pg_ctl" -D "$folder/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$folder"; }
trap stop EXIT

export PLAZA_TEST_DATABASE_URL="postgresql://plaza@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port for the city API tests"
"$@"
