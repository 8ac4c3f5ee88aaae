#!/usr/bin/env bash
# Start a local PostgreSQL 15 for the tests and print the URL to put in
# FORBATTRA_TEST_DATABASE_URL. Idempotent: safe to run again; run as root on Debian 12.
#
#   export FORBATTRA_TEST_DATABASE_URL="$(scripts/start-postgres.sh | tail -n 1)"
#
# Progress goes to stderr; the URL is the last line on stdout.
set -euo pipefail

VERSION=15
CLUSTER=main
ROLE=forbattra
PASSWORD=forbattra
DATABASE=forbattra_test
HOST=127.0.0.1
PORT=5432
URL="postgresql+psycopg://${ROLE}:${PASSWORD}@${HOST}:${PORT}/${DATABASE}"

say() { echo "start-postgres: $*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
    say "run me as root (I install packages and switch to the postgres user)"
    exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    say "installing PostgreSQL from Debian's packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
fi

if ! pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c' | grep -q .; then
    say "creating cluster ${VERSION} ${CLUSTER}"
    pg_createcluster "$VERSION" "$CLUSTER" >&2
fi

if pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}' | grep -q online; then
    say "cluster ${VERSION} ${CLUSTER} is already running"
else
    say "starting cluster ${VERSION} ${CLUSTER}"
    pg_ctlcluster "$VERSION" "$CLUSTER" start >&2 || {
        # Another run may have started it between the check and here.
        pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1 == v && $2 == c {print $4}' \
            | grep -q online
    }
fi

as_postgres() {
    # cd / so psql does not complain that it cannot read root's working directory.
    (cd / && su postgres -c "psql -v ON_ERROR_STOP=1 -X -q -At -p ${PORT} $*")
}

say "waiting for the server's socket"
for _ in $(seq 1 60); do
    if as_postgres "-c 'SELECT 1'" >/dev/null 2>&1; then
        break
    fi
    sleep 0.5
done

if [ "$(as_postgres "-c \"SELECT 1 FROM pg_roles WHERE rolname = '${ROLE}'\"")" != "1" ]; then
    say "creating role ${ROLE}"
    as_postgres "-c \"CREATE ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'\"" >&2
else
    # Make sure the password is the one we print, even if the role came from elsewhere.
    as_postgres "-c \"ALTER ROLE ${ROLE} LOGIN PASSWORD '${PASSWORD}'\"" >&2
fi

if [ "$(as_postgres "-c \"SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'\"")" != "1" ]; then
    say "creating database ${DATABASE}"
    as_postgres "-c \"CREATE DATABASE ${DATABASE} OWNER ${ROLE}\"" >&2
fi

say "waiting for TCP connections on ${HOST}:${PORT}"
ready=""
for _ in $(seq 1 60); do
    if PGPASSWORD="$PASSWORD" psql -X -q -At -h "$HOST" -p "$PORT" -U "$ROLE" -d "$DATABASE" \
        -c 'SELECT 1' >/dev/null 2>&1; then
        ready=yes
        break
    fi
    sleep 0.5
done
if [ -z "$ready" ]; then
    say "the server does not accept connections on ${HOST}:${PORT}"
    exit 1
fi

say "ready"
echo "$URL"
